/**
 * Kiosk lockdown of the Electron shell without Electron: window options, the key
 * lock (shortcuts, zoom, reload, devtools, exit only with the admin PIN), and the window
 * handlers (no close, no leaving fullscreen, no context menu, no zoom, no menu, no text
 * selection), driven with fakes like tests/unit/foundation/electronShell.test.ts.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  createKioskLock,
  KIOSK_CSS,
  KIOSK_PIN_LOCK_MS,
  KIOSK_PIN_MAX_TRIES,
  lockKioskWindow,
  type LockableWindow,
} from '../../../src/main/kioskLock';
import { windowOptions } from '../../../src/main/window';

type Key = {
  type: 'keyDown' | 'keyUp';
  key: string;
  control: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
};
const key = (k: string, mods: Partial<Key> = {}): Key => ({
  type: 'keyDown',
  key: k,
  control: false,
  alt: false,
  shift: false,
  meta: false,
  ...mods,
});
const CHORD = key('Q', { control: true, alt: true, shift: true });
const typePin = (lock: ReturnType<typeof createKioskLock>, pin: string) => {
  lock.onKey(CHORD);
  const digits = [...pin].map((d) => lock.onKey(key(d)));
  return { digits, enter: lock.onKey(key('Enter')) };
};

describe('kiosk window options', () => {
  it('fullscreen kiosk, no frame, cannot be closed, minimised, resized or moved, no devtools, zoom 1', () => {
    const o = windowOptions('kiosk', '/p.js');
    expect(o).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
      closable: false,
      minimizable: false,
      maximizable: false,
      resizable: false,
      movable: false,
      autoHideMenuBar: true,
    });
    expect(o.webPreferences).toMatchObject({
      devTools: false,
      zoomFactor: 1,
      sandbox: true,
      contextIsolation: true,
    });
    expect(windowOptions('desk', '/p.js').resizable).toBeUndefined();
  });
});

describe('createKioskLock()', () => {
  const lock = createKioskLock({ pin: '2468', onUnlock: () => undefined });

  it('blocks shortcuts: zoom, reload, close, devtools, print, select all, back, fullscreen', () => {
    for (const k of [
      key('-', { control: true }),
      key('=', { control: true }),
      key('0', { control: true }),
      key('r', { control: true }),
      key('w', { control: true }),
      key('a', { control: true }),
      key('p', { control: true }),
      key('I', { control: true, shift: true }),
      key('F4', { alt: true }),
      key('ArrowLeft', { alt: true }),
      key('q', { meta: true }),
      key('F5'),
      key('F11'),
      key('F12'),
      key('Escape'),
      key('BrowserBack'),
      key('ContextMenu'),
    ]) {
      expect(lock.onKey(k), JSON.stringify(k)).toBe('block');
    }
  });

  it('lets the QR scanner type: letters, digits, punctuation, Enter, Shift', () => {
    for (const k of [
      key('0'),
      key('A', { shift: true }),
      key('.'),
      key('-'),
      key('/'),
      key(':'),
      key('Enter'),
      key('Backspace'),
    ]) {
      expect(lock.onKey(k)).toBe('pass');
    }
  });

  it('exits only with Ctrl+Alt+Shift+Q then the right PIN and Enter; PIN keys never reach the page', () => {
    let unlocked = 0;
    const l = createKioskLock({ pin: '2468', onUnlock: () => unlocked++ });
    expect(l.onKey(key('2'))).toBe('pass'); // without the chord, digits are page input
    expect(typePin(l, '1111')).toEqual({
      digits: ['block', 'block', 'block', 'block'],
      enter: 'block',
    });
    expect(l.unlocked).toBe(false);
    expect(unlocked).toBe(0);
    // Escape cancels an entry; the digits typed before do not count.
    l.onKey(CHORD);
    l.onKey(key('2'));
    l.onKey(key('Escape'));
    expect(l.enteringPin).toBe(false);
    expect(typePin(l, '2468').enter).toBe('block');
    expect(l.unlocked).toBe(true);
    expect(unlocked).toBe(1);
    expect(l.onKey(key('F5'))).toBe('pass'); // unlocked: an administrator is at the keyboard
  });

  it('without a valid configured PIN the kiosk cannot be exited from the keyboard', () => {
    for (const pin of [null, undefined, '', '12', 'abcd']) {
      let unlocked = false;
      const l = createKioskLock({ pin, onUnlock: () => (unlocked = true) });
      typePin(l, typeof pin === 'string' && pin ? pin : '');
      expect(l.unlocked).toBe(false);
      expect(unlocked).toBe(false);
    }
  });

  it(`refuses PIN entry for a while after ${KIOSK_PIN_MAX_TRIES} wrong PINs`, () => {
    let t = 0;
    const l = createKioskLock({ pin: '2468', onUnlock: () => undefined, now: () => t });
    for (let i = 0; i < KIOSK_PIN_MAX_TRIES; i++) typePin(l, '0000');
    typePin(l, '2468');
    expect(l.unlocked).toBe(false);
    t += KIOSK_PIN_LOCK_MS;
    typePin(l, '2468');
    expect(l.unlocked).toBe(true);
  });
});

/** Enough of BrowserWindow/WebContents: event emitters plus the calls the lock makes. */
class FakeContents extends EventEmitter {
  zoom: number[] = [];
  limits: number[][] = [];
  css: string[] = [];
  setZoomFactor(f: number) {
    this.zoom.push(f);
  }
  setVisualZoomLevelLimits(min: number, max: number) {
    this.limits.push([min, max]);
    return Promise.resolve();
  }
  insertCSS(css: string) {
    this.css.push(css);
    return Promise.resolve('key');
  }
}
class FakeWindow extends EventEmitter {
  webContents = new FakeContents();
  menuRemoved = false;
  fullScreenCalls: boolean[] = [];
  closed = 0;
  removeMenu() {
    this.menuRemoved = true;
  }
  setFullScreen(v: boolean) {
    this.fullScreenCalls.push(v);
  }
  close() {
    this.closed++;
  }
}
function ev() {
  return {
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

describe('lockKioskWindow()', () => {
  const win = new FakeWindow();
  const lock = lockKioskWindow(win as unknown as LockableWindow, '1357');

  it('removes the menu, refuses close and leaving fullscreen, context menu and zoom', () => {
    expect(win.menuRemoved).toBe(true);
    const close = ev();
    win.emit('close', close);
    expect(close.prevented).toBe(true);
    win.emit('leave-full-screen');
    expect(win.fullScreenCalls).toEqual([true]);
    const menu = ev();
    win.webContents.emit('context-menu', menu);
    expect(menu.prevented).toBe(true);
    const zoom = ev();
    win.webContents.emit('zoom-changed', zoom, 'out');
    expect(zoom.prevented).toBe(true);
    expect(win.webContents.zoom).toContain(1);
  });

  it('after each load: zoom 1, pinch zoom off, text selection off', () => {
    win.webContents.emit('did-finish-load');
    expect(win.webContents.limits).toEqual([[1, 1]]);
    expect(win.webContents.css).toEqual([KIOSK_CSS]);
    expect(KIOSK_CSS).toContain('user-select: none');
  });

  it('blocks forbidden keys at before-input-event and closes only after the PIN', () => {
    const send = (k: Key) => {
      const e = ev();
      win.webContents.emit('before-input-event', e, k);
      return e.prevented;
    };
    expect(send(key('-', { control: true }))).toBe(true);
    expect(send(key('F4', { alt: true }))).toBe(true);
    expect(send(key('7'))).toBe(false);
    send(CHORD);
    for (const d of '1357') expect(send(key(d))).toBe(true);
    send(key('Enter'));
    expect(lock.unlocked).toBe(true);
    expect(win.closed).toBe(1);
    const close = ev();
    win.emit('close', close);
    expect(close.prevented).toBe(false);
  });
});

describe('lockKioskWindow() when the page is gone', () => {
  it('a rejected zoom limit or CSS insertion is not an unhandled (fatal) rejection', async () => {
    // Old behaviour: `void contents.insertCSS(…)` — a page gone meanwhile left an unhandled
    // rejection, which src/main/relaunch.ts now treats as a fatal error of the app.
    const win = new FakeWindow();
    let rejected = 0;
    win.webContents.setVisualZoomLevelLimits = () => {
      rejected++;
      return Promise.reject(new Error('Render frame was disposed'));
    };
    win.webContents.insertCSS = () => {
      rejected++;
      return Promise.reject(new Error('Render frame was disposed'));
    };
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      lockKioskWindow(win as unknown as LockableWindow, '1357');
      win.webContents.emit('did-finish-load');
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(rejected).toBe(2);
    expect(unhandled).toEqual([]);
  });
});
