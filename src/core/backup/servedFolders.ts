import fs from 'node:fs';
import path from 'node:path';

/**
 * A backup folder must never be inside a folder the hub serves over HTTP (the built screens
 * `out/renderer` or `--static-dir`, the voice clip folders): a copy of the database there
 * downloads anonymously from any machine on the LAN (docs/security.md). Paths are compared
 * after resolving symbolic links of the part that exists, case-insensitively on Windows.
 */

/** The real path of the nearest existing ancestor, with the missing rest appended. */
function realish(p: string): string {
  const missing: string[] = [];
  let cur = path.resolve(p);
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(cur), ...missing.reverse());
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return path.join(cur, ...missing.reverse());
      missing.push(path.basename(cur));
      cur = parent;
    }
  }
}

const fold = (p: string): string => (process.platform === 'win32' ? p.toLowerCase() : p);

/** The served folder that contains `dir` (or is `dir`), if any. */
export function servedFolderContaining(dir: string, served: readonly string[]): string | null {
  const target = fold(realish(dir));
  for (const s of served) {
    const root = fold(realish(s));
    if (target === root || target.startsWith(root.endsWith(path.sep) ? root : root + path.sep)) {
      return s;
    }
  }
  return null;
}
