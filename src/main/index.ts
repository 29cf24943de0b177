/**
 * Electron main process: a thin shell around the same core the hub runs. It opens the
 * database in userData, serves the LAN (display boards, other counters) over HTTP, and
 * opens the configured windows on the hub's own pages; they talk to the core over IPC
 * (the preload bridge), exactly like a browser would over HTTP.
 */
import path from 'node:path';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { startHub, DEFAULT_PORT, type Hub } from '../hub/startHub';
import { IPC_EVENT_CHANNEL } from '../shared/contract';
import { registerIpc } from './ipc';
import { lockKioskWindow } from './kioskLock';
import { installPermissionHandlers } from './permissions';
import { installFatalHandlers, reloadOnRendererGone } from './relaunch';
import {
  devToolsEnabled,
  guardDevTools,
  guardScreens,
  hardenWebContents,
  isOwnUrl,
  loadLocation,
  WINDOW_KINDS,
  windowLocation,
  windowOptions,
  type RendererEnv,
  type WindowKind,
} from './window';
import { PUBLIC_PARTITION, windowMayShow, WindowRegistry } from './windowAccess';

function configuredWindows(): WindowKind[] {
  const arg = process.argv.find((a) => a.startsWith('--windows='))?.slice('--windows='.length);
  const raw = (arg ?? process.env.MOTCUA_WINDOWS ?? 'desk').split(',').map((s) => s.trim());
  const kinds = raw.filter((k): k is WindowKind => (WINDOW_KINDS as readonly string[]).includes(k));
  return kinds.length ? kinds : ['desk'];
}

const env: RendererEnv = {
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  hubUrl: undefined, // set once the hub listens
  rendererIndexFile: path.join(__dirname, '../renderer/index.html'),
};
const preloadPath = path.join(__dirname, '../preload/index.js');

const devTools = devToolsEnabled(process.env);
/** Which window each webContents is: IPC, permissions and navigation decide by it. */
const windows = new WindowRegistry();

let hub: Hub | null = null;
/** Set once the app quits on purpose (before-quit): a fatal error then does not relaunch it. */
let quitting = false;

/** Log a fatal error, relaunch the app (at most 3 times in 5 minutes) and exit(1). */
const fatal = installFatalHandlers(process, {
  app,
  argv: process.argv,
  now: Date.now,
  log: (message, error) => console.error(`[motcua] ${message}`, error),
  relaunchWanted: () => !quitting,
});

function openWindow(kind: WindowKind): BrowserWindow {
  const win = new BrowserWindow(windowOptions(kind, preloadPath, { devTools }));
  const contents = win.webContents;
  windows.register(contents, kind);
  const mayShow = (url: string) => isOwnUrl(url, env) && windowMayShow(kind, url);
  const goHome = () =>
    loadLocation(win, windowLocation(kind, env), (error) =>
      console.error(`[motcua] loading the ${kind} window failed`, error),
    );
  hardenWebContents(contents, mayShow);
  guardScreens(contents, mayShow, goHome);
  if (kind === 'kiosk') lockKioskWindow(win, process.env.MOTCUA_KIOSK_PIN); // README, desktop settings
  reloadOnRendererGone(win, goHome, fatal);
  const unsubscribe = hub?.core.events.subscribe((event) => {
    if (!win.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
  });
  win.on('closed', () => {
    unsubscribe?.();
  });
  win.once('ready-to-show', () => win.show());
  goHome();
  return win;
}

/** Start the hub, then the IPC handlers, permissions and windows that use it. */
async function startApp(): Promise<void> {
  hub = await startHub({
    dataDir: process.env.MOTCUA_DATA_DIR ?? app.getPath('userData'),
    port: Number(process.env.MOTCUA_PORT ?? DEFAULT_PORT),
    host: process.env.MOTCUA_HOST ?? '127.0.0.1',
    staticDir: path.join(__dirname, '../renderer'),
    demo: process.argv.includes('--demo'),
  });
  env.hubUrl = hub.url;
  for (const ses of [session.defaultSession, session.fromPartition(PUBLIC_PARTITION)]) {
    installPermissionHandlers(ses, {
      windowKindOf: (contents) => windows.kindOf(contents),
      isOwnUrl: (url) => isOwnUrl(url, env),
    });
  }
  registerIpc(ipcMain, hub.core.dispatcher, {
    isTrustedSender: (url) => isOwnUrl(url, env),
    windowKindOf: (contents) => windows.kindOf(contents),
  });
  for (const kind of configuredWindows()) openWindow(kind);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, (url) => isOwnUrl(url, env));
    guardDevTools(contents, devTools);
  });

  // A hub that cannot start (data folder in use, port taken) is a fatal error like any other:
  // logged, relaunched within the budget, then the app stays closed.
  void app
    .whenReady()
    .then(startApp)
    .catch((error: unknown) => fatal('startup', error));

  app.on('window-all-closed', () => app.quit());

  app.on('before-quit', (event) => {
    if (!hub || quitting) return;
    quitting = true;
    event.preventDefault();
    void hub
      .stop()
      .catch((error: unknown) => console.error('[motcua] stopping the hub failed', error))
      .finally(() => app.exit(0));
  });
}
