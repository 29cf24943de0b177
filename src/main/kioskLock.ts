import type { BrowserWindow, Input, WebContents } from 'electron';

/**
 * Kiosk lockdown of the Electron window: the citizen cannot leave the kiosk,
 * zoom out, open a menu or a context menu, reload, open the developer tools or select
 * text. Only an administrator with a keyboard can exit: Ctrl+Alt+Shift+Q, then the admin
 * PIN (MOTCUA_KIOSK_PIN, 4–12 digits) and Enter — typed keys are never passed to the page
 * while the PIN is entered. Without a configured PIN the kiosk cannot be exited from the
 * keyboard at all (switch the machine off or end the process as an administrator).
 *
 * Ordinary characters and Enter still reach the page: the receipt QR scanner types like a
 * keyboard.
 */
export const KIOSK_EXIT_CHORD = 'Ctrl+Alt+Shift+Q';
export const KIOSK_PIN_RE = /^\d{4,12}$/;
/** After this many wrong PINs in a row, PIN entry is refused for KIOSK_PIN_LOCK_MS. */
export const KIOSK_PIN_MAX_TRIES = 5;
export const KIOSK_PIN_LOCK_MS = 5 * 60_000;

/** Text selection off everywhere except in inputs (the scanner's field). */
export const KIOSK_CSS =
  '*, *::before, *::after { -webkit-user-select: none !important; user-select: none !important; -webkit-touch-callout: none !important; } ' +
  'input, textarea { -webkit-user-select: text !important; user-select: text !important; }';

type KeyInput = Pick<Input, 'type' | 'key' | 'control' | 'alt' | 'shift' | 'meta'>;

/** What the lock decided about one key event. */
export type KeyDecision = 'pass' | 'block';

export interface KioskLock {
  /** The handler for webContents 'before-input-event'. */
  onKey(input: KeyInput): KeyDecision;
  /** May the window close now? (only after the PIN was entered) */
  readonly unlocked: boolean;
  /** True while the administrator is typing the PIN. */
  readonly enteringPin: boolean;
}

function isExitChord(i: KeyInput): boolean {
  return i.type === 'keyDown' && i.control && i.alt && i.shift && i.key.toLowerCase() === 'q';
}

/** Keys a citizen (or a stray keyboard) must not use: shortcuts, function keys, navigation. */
export function isForbiddenKey(i: KeyInput): boolean {
  if (i.control || i.meta || i.alt) return true; // zoom, reload, close, print, select all, Alt+F4, Alt+←
  if (/^F\d{1,2}$/.test(i.key)) return true; // F5 reload, F11 fullscreen, F12 devtools
  return [
    'Escape',
    'BrowserBack',
    'BrowserForward',
    'BrowserRefresh',
    'BrowserHome',
    'ContextMenu',
    'Print',
    'ZoomIn',
    'ZoomOut',
  ].includes(i.key);
}

/** The key-level lock: pure, driven by tests with plain objects. */
export function createKioskLock(options: {
  pin: string | null | undefined;
  onUnlock(): void;
  now?: () => number;
}): KioskLock {
  const pin = options.pin && KIOSK_PIN_RE.test(options.pin) ? options.pin : null;
  const now = options.now ?? Date.now;
  let unlocked = false;
  let entering = false;
  let typed = '';
  let wrong = 0;
  let lockedUntil = 0;

  function onKey(i: KeyInput): KeyDecision {
    if (unlocked) return 'pass';
    if (isExitChord(i)) {
      entering = pin !== null && now() >= lockedUntil;
      typed = '';
      return 'block';
    }
    if (entering) {
      if (i.type !== 'keyDown') return 'block';
      if (/^\d$/.test(i.key) && typed.length < 12) typed += i.key;
      else if (i.key === 'Backspace') typed = typed.slice(0, -1);
      else if (i.key === 'Escape') {
        entering = false;
        typed = '';
      } else if (i.key === 'Enter') {
        entering = false;
        if (pin !== null && typed === pin) {
          unlocked = true;
          wrong = 0;
          typed = '';
          options.onUnlock();
        } else {
          typed = '';
          wrong += 1;
          if (wrong >= KIOSK_PIN_MAX_TRIES) {
            wrong = 0;
            lockedUntil = now() + KIOSK_PIN_LOCK_MS;
          }
        }
      }
      return 'block';
    }
    return isForbiddenKey(i) ? 'block' : 'pass';
  }

  return {
    onKey,
    get unlocked() {
      return unlocked;
    },
    get enteringPin() {
      return entering;
    },
  };
}

type LockableContents = Pick<
  WebContents,
  'on' | 'setVisualZoomLevelLimits' | 'setZoomFactor' | 'insertCSS'
>;
export type LockableWindow = Pick<
  BrowserWindow,
  'on' | 'setFullScreen' | 'removeMenu' | 'close'
> & {
  webContents: LockableContents;
};

/**
 * Apply the lockdown to the kiosk window: no menu, no zoom (pinch, Ctrl+wheel, keys), no
 * context menu, no text selection, no leaving fullscreen, no closing without the PIN.
 * Navigation away and new windows are already denied by hardenWebContents().
 */
export function lockKioskWindow(win: LockableWindow, pin: string | null | undefined): KioskLock {
  const lock = createKioskLock({ pin, onUnlock: () => win.close() });
  const contents = win.webContents;
  win.removeMenu();
  contents.on('before-input-event', (event, input) => {
    if (lock.onKey(input) === 'block') event.preventDefault();
  });
  contents.on('context-menu', (event) => event.preventDefault());
  contents.on('zoom-changed', (event) => {
    event.preventDefault();
    contents.setZoomFactor(1);
  });
  contents.on('did-finish-load', () => {
    contents.setZoomFactor(1);
    // A page gone meanwhile rejects these; never an unhandled rejection (src/main/relaunch.ts).
    contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
    contents.insertCSS(KIOSK_CSS).catch(() => undefined);
  });
  win.on('close', (event) => {
    if (!lock.unlocked) event.preventDefault();
  });
  win.on('leave-full-screen', () => {
    if (!lock.unlocked) win.setFullScreen(true);
  });
  return lock;
}
