import type { BrowserWindowConstructorOptions, WebContents } from 'electron';

/** The windows a machine can open; which ones is configuration (--windows / MOTCUA_WINDOWS). */
export type WindowKind = 'desk' | 'kiosk' | 'display';
export const WINDOW_KINDS: readonly WindowKind[] = ['desk', 'kiosk', 'display'];

/**
 * Window options: the renderer is an untrusted web page with no Node, isolated from the
 * preload, sandboxed, unable to open windows or navigate away (architecture §4).
 */
export function windowOptions(
  kind: WindowKind,
  preloadPath: string,
): BrowserWindowConstructorOptions {
  const base: BrowserWindowConstructorOptions = {
    show: false,
    backgroundColor: '#ffffff',
    title: 'Một Cửa Kiosk',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: kind === 'desk',
    },
  };
  if (kind === 'kiosk') {
    return {
      ...base,
      kiosk: true,
      fullscreen: true,
      frame: false,
      closable: false,
      minimizable: false,
      maximizable: false,
      resizable: false,
      movable: false,
      alwaysOnTop: true,
      webPreferences: { ...base.webPreferences, zoomFactor: 1 },
    };
  }
  if (kind === 'display') return { ...base, fullscreen: true, frame: false };
  return { ...base, width: 1366, height: 800, minWidth: 1024, minHeight: 640 };
}

/**
 * Where the renderer comes from. The windows load the screens from the hub the desktop app
 * itself runs (http://127.0.0.1:8787/desk …), so that voice clips (/voice/), printable forms
 * (/forms/…) and the ticket status page work exactly as in a browser; the built file is the
 * fallback when no hub URL is known, the dev server in development.
 */
export interface RendererEnv {
  devServerUrl?: string | undefined;
  hubUrl?: string | undefined;
  rendererIndexFile: string;
}

/** Where a window's page is. */
export function windowLocation(
  kind: WindowKind,
  env: RendererEnv,
): { url: string } | { file: string; hash: string } {
  if (env.devServerUrl) return { url: `${env.devServerUrl.replace(/\/$/, '')}/${kind}` };
  if (env.hubUrl) return { url: `${env.hubUrl.replace(/\/$/, '')}/${kind}` };
  return { file: env.rendererIndexFile, hash: `/${kind}` };
}

/** Whether a URL belongs to our own renderer (the hub's origin, the built file or the dev server). */
export function isOwnUrl(url: string, env: RendererEnv): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  for (const base of [env.devServerUrl, env.hubUrl]) {
    if (base && parsed.origin === new URL(base).origin) return true;
  }
  if (parsed.protocol !== 'file:') return false;
  const own = new URL(`file://${env.rendererIndexFile.replace(/\\/g, '/').replace(/^\/?/, '/')}`);
  return decodeURIComponent(parsed.pathname) === decodeURIComponent(own.pathname);
}

type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * The app cannot be navigated away: in-page navigation to anything but our own page is
 * prevented, new windows are denied, <webview> attachment is refused.
 */
export function hardenWebContents(
  contents: HardenableContents,
  isAllowed: (url: string) => boolean,
): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAllowed(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowed(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
