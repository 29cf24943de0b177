import type { BrowserWindow, BrowserWindowConstructorOptions, Input, WebContents } from 'electron';
import { PUBLIC_PARTITION, PUBLIC_WINDOWS, windowArgument, type WindowKind } from './windowAccess';

export { WINDOW_KINDS, type WindowKind } from './windowAccess';

/**
 * DevTools are off in every window unless MOTCUA_DEVTOOLS=1 (README, "Desktop app settings"):
 * on a counter PC they would let anyone read the session token and call any operation.
 */
export function devToolsEnabled(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.MOTCUA_DEVTOOLS === '1';
}

/**
 * Window options: the renderer is an untrusted web page with no Node, isolated from the
 * preload, sandboxed, unable to open windows or navigate away (docs/security.md). Its preload
 * learns which window it serves from `--motcua-window=<kind>`; the kiosk and the board keep
 * their storage apart from the desk's (PUBLIC_PARTITION, src/main/windowAccess.ts).
 */
export function windowOptions(
  kind: WindowKind,
  preloadPath: string,
  options: { devTools?: boolean } = {},
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
      // The board calls numbers and the kiosk reads aloud with nobody touching the screen;
      // no browser permission is involved (src/main/permissions.ts).
      autoplayPolicy: 'no-user-gesture-required',
      devTools: options.devTools === true,
      additionalArguments: [windowArgument(kind)],
      ...(PUBLIC_WINDOWS.has(kind) ? { partition: PUBLIC_PARTITION } : {}),
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

type LoadableWindow = Pick<BrowserWindow, 'loadURL' | 'loadFile'>;

/**
 * Load a window's page. A failed or interrupted load (ERR_ABORTED when a newer navigation
 * replaces it, the hub not answering) is reported to `onError`, never left as an unhandled
 * rejection: that would count as a fatal error of the app (src/main/relaunch.ts).
 */
export function loadLocation(
  win: LoadableWindow,
  location: ReturnType<typeof windowLocation>,
  onError: (error: unknown) => void,
): void {
  const loading =
    'url' in location
      ? win.loadURL(location.url)
      : win.loadFile(location.file, { hash: location.hash });
  loading.catch(onError);
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

type ScreenGuardContents = Pick<WebContents, 'on'>;

/**
 * A window that may show only some screens (a public window: /kiosk, /rate, /display —
 * windowMayShow in src/main/windowAccess.ts). Navigations to other pages are refused before
 * they start (also in frames); anything that still lands elsewhere — the renderer's own
 * router (history.pushState, a hash change), back/forward, a reload, a loadURL — is sent
 * home at once.
 */
export function guardScreens(
  contents: ScreenGuardContents,
  mayShow: (url: string) => boolean,
  goHome: () => void,
): void {
  contents.on('will-frame-navigate', (event) => {
    if (!mayShow(event.url)) event.preventDefault();
  });
  contents.on('did-navigate', (_event, url) => {
    if (!mayShow(url)) goHome();
  });
  contents.on('did-navigate-in-page', (_event, url, isMainFrame) => {
    if (isMainFrame && !mayShow(url)) goHome();
  });
}

type DevToolsContents = Pick<WebContents, 'on' | 'closeDevTools'>;
type KeyInput = Pick<Input, 'type' | 'key' | 'control' | 'alt' | 'shift' | 'meta'>;

/** F12, Ctrl+Shift+I/J/C (Windows, Linux), Cmd+Alt+I/J/C (macOS). */
export function isDevToolsShortcut(i: KeyInput): boolean {
  if (i.type !== 'keyDown') return false;
  if (i.key === 'F12') return true;
  const k = i.key.toLowerCase();
  if (!['i', 'j', 'c'].includes(k)) return false;
  return (i.control && i.shift && !i.alt) || (i.meta && i.alt);
}

/**
 * With DevTools disabled (webPreferences.devTools false), also swallow their shortcuts and
 * close them should anything open them anyway.
 */
export function guardDevTools(contents: DevToolsContents, enabled: boolean): void {
  if (enabled) return;
  contents.on('before-input-event', (event, input) => {
    if (isDevToolsShortcut(input)) event.preventDefault();
  });
  contents.on('devtools-opened', () => contents.closeDevTools());
}
