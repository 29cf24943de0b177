/**
 * The desktop app's hardening without the Electron binary (docs/security.md, "The desktop
 * app"): which screens a public window may show, the navigation guard, DevTools off, the
 * permission allow-list, and the relaunch on a fatal error — all driven with fakes like
 * tests/unit/foundation/electronShell.test.ts.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  installPermissionHandlers,
  PERMISSION_ALLOW_LIST,
  permissionAllowed,
} from '../../../src/main/permissions';
import {
  handleFatal,
  installFatalHandlers,
  MAX_RELAUNCHES,
  RELAUNCH_WINDOW_MS,
  recentRelaunches,
  reloadOnRendererGone,
  type FatalDeps,
} from '../../../src/main/relaunch';
import {
  devToolsEnabled,
  guardDevTools,
  guardScreens,
  hardenWebContents,
  isDevToolsShortcut,
  isOwnUrl,
  loadLocation,
  windowOptions,
} from '../../../src/main/window';
import {
  PUBLIC_WINDOWS,
  screenPathOf,
  windowKindFromArgv,
  windowMayShow,
  WindowRegistry,
  type WindowKind,
} from '../../../src/main/windowAccess';

const HUB = 'http://127.0.0.1:8787';
const env = { rendererIndexFile: '/opt/motcua/out/renderer/index.html', hubUrl: HUB };
const FILE = 'file:///opt/motcua/out/renderer/index.html';

function ev(fields: Record<string, unknown> = {}) {
  return {
    ...fields,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

describe('which screens a window may show', () => {
  it('reads the screen from the path over HTTP and from the hash of the built file', () => {
    expect(screenPathOf(`${HUB}/kiosk?lookup=X`)).toBe('/kiosk');
    expect(screenPathOf(`${HUB}/`)).toBe('/');
    expect(screenPathOf(`${FILE}#/rate?counter=2`)).toBe('/rate');
    expect(screenPathOf(FILE)).toBe('/');
    expect(screenPathOf('not a url')).toBeNull();
  });

  it('the kiosk and the board: only /kiosk, /rate, /display; the desk: anything of ours', () => {
    // Old behaviour: any page of the app, /desk included, could be shown in the kiosk window.
    expect([...PUBLIC_WINDOWS].sort()).toEqual(['display', 'kiosk']);
    for (const kind of ['kiosk', 'display'] as WindowKind[]) {
      for (const ok of [
        `${HUB}/kiosk`,
        `${HUB}/kiosk?lookup=G01.2026.000001`,
        `${HUB}/rate?counter=3`,
        `${HUB}/display`,
        `${FILE}#/kiosk`,
        `${FILE}#/display`,
      ]) {
        expect(windowMayShow(kind, ok), `${kind} ${ok}`).toBe(true);
      }
      for (const no of [
        `${HUB}/desk`,
        `${HUB}/`,
        `${HUB}/setup`,
        `${HUB}/login`,
        `${HUB}/kiosks`,
        `${HUB}/ticket/abc`,
        `${HUB}/forms/abc`,
        `${HUB}/api/v1/openapi.json`,
        `${FILE}#/desk`,
        `${FILE}`,
        'garbage',
      ]) {
        expect(windowMayShow(kind, no), `${kind} ${no}`).toBe(false);
      }
    }
    expect(windowMayShow('desk', `${HUB}/desk`)).toBe(true);
    expect(windowMayShow('desk', `${HUB}/forms/abc`)).toBe(true);
  });

  it('a preload reads its window from the flag, and nothing else', () => {
    expect(windowKindFromArgv(['electron', '--motcua-window=desk'])).toBe('desk');
    expect(windowKindFromArgv(['--motcua-window=kiosk'])).toBe('kiosk');
    expect(windowKindFromArgv(['--motcua-window=root'])).toBeNull();
    expect(windowKindFromArgv(['--motcua-window=desk2'])).toBeNull();
    expect(windowKindFromArgv([])).toBeNull();
  });

  it('the registry knows each window by its webContents id and forgets it when destroyed', () => {
    const registry = new WindowRegistry();
    const kiosk = Object.assign(new EventEmitter(), { id: 7 });
    registry.register(kiosk, 'kiosk');
    expect(registry.kindOf({ id: 7 })).toBe('kiosk');
    expect(registry.kindOf({ id: 8 })).toBeUndefined();
    expect(registry.kindOf(null)).toBeUndefined();
    kiosk.emit('destroyed');
    expect(registry.kindOf({ id: 7 })).toBeUndefined();
  });
});

/** Just enough of WebContents for the guards. */
class FakeContents extends EventEmitter {
  devToolsClosed = 0;
  setWindowOpenHandler(): void {}
  closeDevTools(): void {
    this.devToolsClosed++;
  }
}

describe('the kiosk window cannot leave its screens', () => {
  const kind: WindowKind = 'kiosk';
  const contents = new FakeContents();
  let homes = 0;
  const mayShow = (url: string) => isOwnUrl(url, env) && windowMayShow(kind, url);
  // As src/main/index.ts opens a window: the generic hardening plus the screen guard.
  hardenWebContents(contents as unknown as Parameters<typeof hardenWebContents>[0], mayShow);
  guardScreens(contents as unknown as Parameters<typeof guardScreens>[0], mayShow, () => homes++);

  it('refuses navigations and redirects to /desk (or away), allows /rate and /display', () => {
    for (const channel of ['will-navigate', 'will-redirect']) {
      for (const url of [`${HUB}/desk`, `${HUB}/setup`, 'https://example.com/kiosk']) {
        const e = ev();
        contents.emit(channel, e, url);
        expect(e.prevented, `${channel} ${url}`).toBe(true);
      }
      for (const url of [`${HUB}/rate?counter=1`, `${HUB}/display`]) {
        const e = ev();
        contents.emit(channel, e, url);
        expect(e.prevented, `${channel} ${url}`).toBe(false);
      }
    }
  });

  it('refuses a frame navigating to /desk', () => {
    const e = ev({ url: `${HUB}/desk`, isMainFrame: false });
    contents.emit('will-frame-navigate', e);
    expect(e.prevented).toBe(true);
    const ok = ev({ url: `${HUB}/kiosk`, isMainFrame: true });
    contents.emit('will-frame-navigate', ok);
    expect(ok.prevented).toBe(false);
  });

  it("the renderer's own router (pushState, hash) reaching /desk is sent back home", () => {
    homes = 0;
    contents.emit('did-navigate-in-page', ev(), `${HUB}/kiosk?lookup=1`, true);
    expect(homes).toBe(0);
    contents.emit('did-navigate-in-page', ev(), `${HUB}/desk`, true);
    expect(homes).toBe(1);
    contents.emit('did-navigate-in-page', ev(), `${FILE}#/desk`, true);
    expect(homes).toBe(2);
  });

  it('a load that lands elsewhere anyway (back, reload, loadURL) is sent back home', () => {
    homes = 0;
    contents.emit('did-navigate', ev(), `${HUB}/display`, 200, 'OK');
    expect(homes).toBe(0);
    contents.emit('did-navigate', ev(), `${HUB}/desk`, 200, 'OK');
    expect(homes).toBe(1);
  });
});

describe('DevTools', () => {
  it('are on only with MOTCUA_DEVTOOLS=1', () => {
    expect(devToolsEnabled({})).toBe(false);
    expect(devToolsEnabled({ MOTCUA_DEVTOOLS: '0' })).toBe(false);
    expect(devToolsEnabled({ MOTCUA_DEVTOOLS: 'true' })).toBe(false);
    expect(devToolsEnabled({ MOTCUA_DEVTOOLS: '1' })).toBe(true);
    expect(
      windowOptions('desk', '/p.js', { devTools: devToolsEnabled({}) }).webPreferences?.devTools,
    ).toBe(false);
  });

  const key = (
    k: string,
    mods: Partial<Record<'control' | 'alt' | 'shift' | 'meta', boolean>>,
  ) => ({
    type: 'keyDown' as const,
    key: k,
    control: false,
    alt: false,
    shift: false,
    meta: false,
    ...mods,
  });

  it('when off, their shortcuts are swallowed and an opened DevTools closes at once', () => {
    // Old behaviour: the desk window always had DevTools and F12 opened them.
    const contents = new FakeContents();
    guardDevTools(contents as unknown as Parameters<typeof guardDevTools>[0], false);
    for (const k of [
      key('F12', {}),
      key('I', { control: true, shift: true }),
      key('J', { control: true, shift: true }),
      key('C', { control: true, shift: true }),
      key('i', { meta: true, alt: true }),
    ]) {
      const e = ev();
      contents.emit('before-input-event', e, k);
      expect(e.prevented, JSON.stringify(k)).toBe(true);
    }
    for (const k of [key('c', { control: true }), key('i', {}), key('F1', {})]) {
      const e = ev();
      contents.emit('before-input-event', e, k);
      expect(e.prevented, JSON.stringify(k)).toBe(false);
    }
    expect(isDevToolsShortcut({ ...key('F12', {}), type: 'keyUp' })).toBe(false);
    contents.emit('devtools-opened');
    expect(contents.devToolsClosed).toBe(1);
  });

  it('when on (MOTCUA_DEVTOOLS=1), nothing is blocked', () => {
    const contents = new FakeContents();
    guardDevTools(contents as unknown as Parameters<typeof guardDevTools>[0], true);
    const e = ev();
    contents.emit('before-input-event', e, key('F12', {}));
    expect(e.prevented).toBe(false);
    contents.emit('devtools-opened');
    expect(contents.devToolsClosed).toBe(0);
  });
});

describe('permissions', () => {
  const registry = new WindowRegistry();
  const ids: Record<WindowKind, number> = { desk: 1, kiosk: 2, display: 3 };
  for (const [kind, id] of Object.entries(ids)) {
    registry.register(Object.assign(new EventEmitter(), { id }), kind as WindowKind);
  }
  const policy = {
    windowKindOf: (c: { id: number } | null | undefined) => registry.kindOf(c),
    isOwnUrl: (url: string) => isOwnUrl(url, env),
  };

  type RequestHandler = (
    contents: { id: number },
    permission: string,
    callback: (granted: boolean) => void,
    details: { requestingUrl: string; isMainFrame: boolean },
  ) => void;
  type CheckHandler = (
    contents: { id: number } | null,
    permission: string,
    origin: string,
    details: { requestingUrl?: string; isMainFrame: boolean },
  ) => boolean;
  const fakeSession = {
    request: null as RequestHandler | null,
    check: null as CheckHandler | null,
    device: null as ((details: unknown) => boolean) | null,
    setPermissionRequestHandler(h: RequestHandler) {
      this.request = h;
    },
    setPermissionCheckHandler(h: CheckHandler) {
      this.check = h;
    },
    setDevicePermissionHandler(h: (details: unknown) => boolean) {
      this.device = h;
    },
  };
  installPermissionHandlers(
    fakeSession as unknown as Parameters<typeof installPermissionHandlers>[0],
    policy,
  );
  const request = (id: number, permission: string, url = `${HUB}/desk`) => {
    let granted: boolean | null = null;
    fakeSession.request?.({ id }, permission, (g) => (granted = g), {
      requestingUrl: url,
      isMainFrame: true,
    });
    return granted;
  };

  it('the allow-list is one constant: the desk may write the clipboard and use the camera, nothing else anywhere', () => {
    expect(PERMISSION_ALLOW_LIST).toEqual({
      desk: ['clipboard-sanitized-write', 'media'],
      kiosk: [],
      display: [],
    });
  });

  it('every request the app does not use is denied (old behaviour: Electron granted all)', () => {
    const denied = [
      'media',
      'display-capture',
      'geolocation',
      'notifications',
      'fullscreen',
      'clipboard-read',
      'midiSysex',
      'pointerLock',
      'keyboardLock',
      'openExternal',
      'window-management',
      'unknown',
    ];
    for (const id of Object.values(ids)) {
      for (const p of denied) {
        // The desk's document camera (docs/digitisation.md); no other window has one.
        if (id === ids.desk && p === 'media') continue;
        expect(request(id, p), `${id} ${p}`).toBe(false);
      }
    }
    expect(request(ids.desk, 'media')).toBe(true);
    expect(request(ids.kiosk, 'media', `${HUB}/kiosk`)).toBe(false);
    expect(request(ids.desk, 'clipboard-sanitized-write')).toBe(true);
    expect(request(ids.kiosk, 'clipboard-sanitized-write', `${HUB}/kiosk`)).toBe(false);
    expect(request(ids.display, 'clipboard-sanitized-write', `${HUB}/display`)).toBe(false);
    // Not one of our windows, or not our page: nothing at all.
    expect(request(99, 'clipboard-sanitized-write')).toBe(false);
    expect(request(ids.desk, 'clipboard-sanitized-write', 'https://example.com/')).toBe(false);
  });

  it("the desk's 'media' is the camera only: a request or check naming the microphone is refused", () => {
    const withTypes = (mediaTypes: string[]) => {
      let granted: boolean | null = null;
      const details = { requestingUrl: `${HUB}/desk`, isMainFrame: true, mediaTypes };
      fakeSession.request?.({ id: ids.desk }, 'media', (g) => (granted = g), details);
      return granted;
    };
    expect(withTypes(['video'])).toBe(true);
    expect(withTypes(['audio'])).toBe(false);
    expect(withTypes(['video', 'audio'])).toBe(false);
    const check = (mediaType: string) =>
      fakeSession.check?.({ id: ids.desk }, 'media', HUB, {
        requestingUrl: `${HUB}/desk`,
        isMainFrame: true,
        mediaType,
      } as { requestingUrl?: string; isMainFrame: boolean });
    expect(check('video')).toBe(true);
    expect(check('audio')).toBe(false);
  });

  it('permission checks follow the same list; devices (HID, USB, serial) are refused', () => {
    const check = (c: { id: number } | null, p: string, url?: string) =>
      fakeSession.check?.(c, p, HUB, { requestingUrl: url, isMainFrame: true });
    expect(check({ id: ids.desk }, 'clipboard-sanitized-write', `${HUB}/desk`)).toBe(true);
    expect(check({ id: ids.desk }, 'clipboard-sanitized-write')).toBe(true); // origin only
    expect(check({ id: ids.desk }, 'media', `${HUB}/desk`)).toBe(true);
    expect(check({ id: ids.kiosk }, 'hid', `${HUB}/kiosk`)).toBe(false);
    expect(check({ id: ids.kiosk }, 'clipboard-sanitized-write', `${HUB}/kiosk`)).toBe(false);
    expect(check(null, 'clipboard-sanitized-write', `${HUB}/desk`)).toBe(false);
    expect(fakeSession.device?.({ deviceType: 'usb' })).toBe(false);
    expect(permissionAllowed(policy, { id: ids.desk }, 'clipboard-sanitized-write', 'x')).toBe(
      false,
    );
  });
});

describe('relaunch on a fatal error', () => {
  const T0 = 1_800_000_000_000;

  function fakes(argv: string[], now = T0) {
    const calls: string[] = [];
    const relaunchArgs: string[][] = [];
    const logged: string[] = [];
    const deps: FatalDeps = {
      app: {
        relaunch: (options?: { args?: string[] }) => {
          calls.push('relaunch');
          relaunchArgs.push(options?.args ?? []);
        },
        exit: (code?: number) => {
          calls.push(`exit ${code}`);
        },
      },
      argv,
      now: () => now,
      log: (message) => logged.push(message),
    };
    return { deps, calls, relaunchArgs, logged };
  }

  it('logs, relaunches with the same arguments plus the relaunch time, then exits 1', () => {
    const f = fakes(['/opt/Motcua/motcua', '--windows=desk,kiosk', '--demo']);
    expect(handleFatal('uncaughtException', new Error('boom'), f.deps)).toBe('relaunched');
    expect(f.calls).toEqual(['relaunch', 'exit 1']);
    expect(f.relaunchArgs).toEqual([
      ['--windows=desk,kiosk', '--demo', `--motcua-relaunches=${T0}`],
    ]);
    expect(f.logged).toHaveLength(1);
    expect(f.logged[0]).toContain('uncaughtException');
  });

  it(`at most ${MAX_RELAUNCHES} relaunches within ${RELAUNCH_WINDOW_MS / 60_000} minutes`, () => {
    let argv = ['/opt/Motcua/motcua', '--windows=kiosk'];
    let now = T0;
    for (let i = 0; i < MAX_RELAUNCHES; i++) {
      const f = fakes(argv, now);
      expect(handleFatal('unhandledRejection', new Error('x'), f.deps)).toBe('relaunched');
      argv = ['/opt/Motcua/motcua', ...(f.relaunchArgs[0] ?? [])];
      now += 30_000;
    }
    expect(argv.filter((a) => a.startsWith('--motcua-relaunches='))).toHaveLength(1);
    const spent = fakes(argv, now);
    expect(handleFatal('uncaughtException', new Error('again'), spent.deps)).toBe('gave-up');
    expect(spent.calls).toEqual(['exit 1']);
    expect(spent.logged[0]).toContain('not relaunching');
    // Once the oldest relaunch is more than 5 minutes old, there is room again.
    const later = fakes(argv, T0 + RELAUNCH_WINDOW_MS);
    expect(handleFatal('uncaughtException', new Error('later'), later.deps)).toBe('relaunched');
    expect(later.relaunchArgs[0]?.at(-1)).toBe(
      `--motcua-relaunches=${T0 + 30_000},${T0 + 60_000},${T0 + RELAUNCH_WINDOW_MS}`,
    );
  });

  it('while the app quits on purpose, a fatal error only exits', () => {
    let quitting = false;
    const f = fakes(['/opt/Motcua/motcua']);
    const deps = { ...f.deps, relaunchWanted: () => !quitting };
    quitting = true;
    expect(handleFatal('unhandledRejection', new Error('stop failed'), deps)).toBe('gave-up');
    expect(f.calls).toEqual(['exit 1']);
  });

  it('ignores garbage and future times in the relaunch flag', () => {
    expect(recentRelaunches(['--motcua-relaunches=abc,,1e3,-5'], T0)).toEqual([]);
    expect(recentRelaunches([`--motcua-relaunches=${T0 + 1000},${T0 - 1000}`], T0)).toEqual([
      T0 - 1000,
    ]);
  });

  it('uncaughtException and unhandledRejection in the main process trigger it, once', () => {
    const proc = new EventEmitter();
    const f = fakes(['/opt/Motcua/motcua']);
    installFatalHandlers(proc as unknown as Parameters<typeof installFatalHandlers>[0], f.deps);
    // Old behaviour: no handler — Electron showed an error dialog and the process limped on.
    proc.emit('unhandledRejection', new Error('rejected'), Promise.resolve());
    expect(f.calls).toEqual(['relaunch', 'exit 1']);
    proc.emit('uncaughtException', new Error('second'));
    expect(f.calls).toEqual(['relaunch', 'exit 1']);
    expect(f.logged.at(-1)).toContain('while exiting');
  });

  it('a failed or interrupted page load is reported, never an unhandled (fatal) rejection', async () => {
    // Old behaviour: `void win.loadURL(…)` — an ERR_ABORTED became an unhandled rejection,
    // which the fatal handlers would now turn into a relaunch.
    const errors: unknown[] = [];
    const aborted = new Error("ERR_ABORTED (-3) loading 'http://127.0.0.1:8787/kiosk'");
    const win = {
      loadURL: () => Promise.reject(aborted),
      loadFile: () => Promise.reject(new Error('ERR_FILE_NOT_FOUND')),
    };
    const asWin = win as unknown as Parameters<typeof loadLocation>[0];
    loadLocation(asWin, { url: `${HUB}/kiosk` }, (e) => errors.push(e));
    loadLocation(asWin, { file: env.rendererIndexFile, hash: '/kiosk' }, (e) => errors.push(e));
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBe(aborted);
  });

  it('a window whose page process died reloads its home screen; one that keeps dying is fatal', () => {
    const win = { webContents: new FakeContents() };
    let homes = 0;
    const fatal: string[] = [];
    let now = T0;
    reloadOnRendererGone(
      win as unknown as Parameters<typeof reloadOnRendererGone>[0],
      () => homes++,
      (what) => fatal.push(what),
      () => now,
    );
    win.webContents.emit('render-process-gone', ev(), { reason: 'clean-exit', exitCode: 0 });
    expect(homes).toBe(0);
    for (let i = 0; i < MAX_RELAUNCHES; i++) {
      win.webContents.emit('render-process-gone', ev(), { reason: 'crashed', exitCode: 1 });
      now += 1000;
    }
    expect(homes).toBe(MAX_RELAUNCHES);
    expect(fatal).toEqual([]);
    win.webContents.emit('render-process-gone', ev(), { reason: 'oom', exitCode: 1 });
    expect(fatal).toEqual(['render-process-gone']);
  });
});
