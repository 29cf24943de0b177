/**
 * Electron main process: a thin shell around the same core the hub runs. It opens the
 * database in userData, serves the LAN (display boards, other counters) over HTTP, and
 * opens the configured windows on the hub's own pages; they talk to the core over IPC
 * (the preload bridge), exactly like a browser would over HTTP.
 */
import path from 'node:path';
import { app, BrowserWindow, ipcMain } from 'electron';
import { startHub, DEFAULT_PORT, type Hub } from '../hub/startHub';
import { IPC_EVENT_CHANNEL } from '../shared/contract';
import { registerIpc } from './ipc';
import { lockKioskWindow } from './kioskLock';
import {
  hardenWebContents,
  isOwnUrl,
  WINDOW_KINDS,
  windowLocation,
  windowOptions,
  type RendererEnv,
  type WindowKind,
} from './window';

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

let hub: Hub | null = null;
/** webContents ids of this machine's kiosk windows: over IPC they count as a paired kiosk. */
const kioskSenders = new Set<number>();
const ELECTRON_KIOSK = { id: 'electron-kiosk', name: 'Kiosk (Electron)', kind: 'kiosk' } as const;

function openWindow(kind: WindowKind): BrowserWindow {
  const win = new BrowserWindow(windowOptions(kind, preloadPath));
  hardenWebContents(win.webContents, (url) => isOwnUrl(url, env));
  if (kind === 'kiosk') lockKioskWindow(win, process.env.MOTCUA_KIOSK_PIN); // issue 6
  const senderId = win.webContents.id;
  if (kind === 'kiosk') kioskSenders.add(senderId);
  const unsubscribe = hub?.core.events.subscribe((event) => {
    if (!win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, event);
  });
  win.on('closed', () => {
    unsubscribe?.();
    kioskSenders.delete(senderId);
  });
  win.once('ready-to-show', () => win.show());
  const location = windowLocation(kind, env);
  if ('url' in location) void win.loadURL(location.url);
  else void win.loadFile(location.file, { hash: location.hash });
  return win;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, (url) => isOwnUrl(url, env));
  });

  void app.whenReady().then(async () => {
    hub = await startHub({
      dataDir: process.env.MOTCUA_DATA_DIR ?? app.getPath('userData'),
      port: Number(process.env.MOTCUA_PORT ?? DEFAULT_PORT),
      host: process.env.MOTCUA_HOST ?? '127.0.0.1',
      staticDir: path.join(__dirname, '../renderer'),
      demo: process.argv.includes('--demo'),
    });
    env.hubUrl = hub.url;
    registerIpc(
      ipcMain,
      hub.core.dispatcher,
      (url) => isOwnUrl(url, env),
      (senderId) => (kioskSenders.has(senderId) ? ELECTRON_KIOSK : undefined),
    );
    for (const kind of configuredWindows()) openWindow(kind);
  });

  app.on('window-all-closed', () => app.quit());
  let quitting = false;
  app.on('before-quit', (event) => {
    if (!hub || quitting) return;
    quitting = true;
    event.preventDefault();
    void hub.stop().finally(() => app.exit(0));
  });
}
