import os from 'node:os';
import path from 'node:path';

/**
 * Where the hub keeps its data when no --data-dir is given: $MOTCUA_DATA_DIR, else the
 * same per-user folder Electron's app.getPath('userData') gives the desktop app "motcua":
 *   Linux   ${XDG_CONFIG_HOME:-~/.config}/motcua
 *   Windows %APPDATA%\motcua
 *   macOS   ~/Library/Application Support/motcua
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (env.MOTCUA_DATA_DIR) return path.resolve(env.MOTCUA_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'motcua');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'motcua');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'motcua');
}
