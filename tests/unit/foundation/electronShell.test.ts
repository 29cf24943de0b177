/**
 * The Electron shell without the Electron binary: window options, navigation lockdown and the
 * IPC registration derived from the contract, driven with fakes and a real core.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/core/app';
import { latestSchemaVersion } from '../../../src/core/db/migrate';
import type { DispatchResult } from '../../../src/core/dispatch';
import { registerIpc, type IpcMainLike } from '../../../src/main/ipc';
import {
  hardenWebContents,
  isOwnUrl,
  WINDOW_KINDS,
  windowLocation,
  windowOptions,
} from '../../../src/main/window';
import { WindowRegistry, type WindowKind } from '../../../src/main/windowAccess';
import { contract, operationNames } from '../../../src/shared/contract';

const PRELOAD = '/opt/motcua/out/preload/index.js';
const env = { rendererIndexFile: '/opt/motcua/out/renderer/index.html' };
const OWN_URL = 'file:///opt/motcua/out/renderer/index.html#/desk';

describe('windowOptions()', () => {
  it.each(WINDOW_KINDS)(
    '%s: isolated, sandboxed, no Node, no webview, with the preload',
    (kind) => {
      const opts = windowOptions(kind, PRELOAD);
      expect(opts.webPreferences).toMatchObject({
        preload: PRELOAD,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webviewTag: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        autoplayPolicy: 'no-user-gesture-required',
      });
    },
  );

  it('kiosk is locked fullscreen kiosk mode; the desk is a normal window', () => {
    expect(windowOptions('kiosk', PRELOAD)).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
      closable: false,
    });
    expect(windowOptions('kiosk', PRELOAD).webPreferences?.devTools).toBe(false);
    expect(windowOptions('display', PRELOAD)).toMatchObject({ fullscreen: true });
    expect(windowOptions('display', PRELOAD).kiosk).toBeUndefined();
    expect(windowOptions('desk', PRELOAD).kiosk).toBeUndefined();
    expect(windowOptions('desk', PRELOAD).fullscreen).toBeUndefined();
  });

  it.each(WINDOW_KINDS)('%s: DevTools only when asked for (MOTCUA_DEVTOOLS=1)', (kind) => {
    // Old behaviour: the desk window always had DevTools (devTools: kind === 'desk').
    expect(windowOptions(kind, PRELOAD).webPreferences?.devTools).toBe(false);
    expect(windowOptions(kind, PRELOAD, { devTools: false }).webPreferences?.devTools).toBe(false);
    expect(windowOptions(kind, PRELOAD, { devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it("the kiosk and the board do not share the desk's storage (its sign-in token)", () => {
    // Old behaviour: every window used the default session, so a kiosk page on the desk's
    // machine could read the officer's token from localStorage and use it over HTTP.
    expect(windowOptions('desk', PRELOAD).webPreferences?.partition).toBeUndefined();
    expect(windowOptions('kiosk', PRELOAD).webPreferences?.partition).toBe('persist:motcua-public');
    expect(windowOptions('display', PRELOAD).webPreferences?.partition).toBe(
      'persist:motcua-public',
    );
  });

  it.each(WINDOW_KINDS)('%s: its preload is told which window it serves', (kind) => {
    expect(windowOptions(kind, PRELOAD).webPreferences?.additionalArguments).toEqual([
      `--motcua-window=${kind}`,
    ]);
  });
});

describe('isOwnUrl()', () => {
  it('accepts only our renderer file (any hash) or the dev server origin', () => {
    expect(isOwnUrl(OWN_URL, env)).toBe(true);
    expect(isOwnUrl('file:///opt/motcua/out/renderer/index.html', env)).toBe(true);
    expect(isOwnUrl('https://example.com', env)).toBe(false);
    expect(isOwnUrl('file:///etc/passwd', env)).toBe(false);
    expect(isOwnUrl('file:///opt/motcua/out/renderer/other.html', env)).toBe(false);
    expect(isOwnUrl('not a url', env)).toBe(false);
    expect(isOwnUrl('', env)).toBe(false);
    const dev = { ...env, devServerUrl: 'http://localhost:5173' };
    expect(isOwnUrl('http://localhost:5173/kiosk', dev)).toBe(true);
    expect(isOwnUrl('http://localhost:5174/kiosk', dev)).toBe(false);
    expect(isOwnUrl('http://localhost:5173/kiosk', env)).toBe(false);
  });

  it("accepts the desktop app's own hub origin, and no other port or host", () => {
    const withHub = { ...env, hubUrl: 'http://127.0.0.1:8787' };
    expect(isOwnUrl('http://127.0.0.1:8787/desk', withHub)).toBe(true);
    expect(isOwnUrl('http://127.0.0.1:8787/forms/abc', withHub)).toBe(true);
    expect(isOwnUrl('http://127.0.0.1:8788/desk', withHub)).toBe(false);
    expect(isOwnUrl('http://192.168.1.10:8787/desk', withHub)).toBe(false);
    expect(isOwnUrl('http://127.0.0.1:8787/desk', env)).toBe(false);
  });
});

describe('windowLocation()', () => {
  it('loads the screens from the hub the app runs, falling back to the built file', () => {
    expect(windowLocation('kiosk', { ...env, hubUrl: 'http://127.0.0.1:8787' })).toEqual({
      url: 'http://127.0.0.1:8787/kiosk',
    });
    expect(windowLocation('display', env)).toEqual({
      file: env.rendererIndexFile,
      hash: '/display',
    });
    expect(
      windowLocation('desk', {
        ...env,
        hubUrl: 'http://127.0.0.1:8787',
        devServerUrl: 'http://localhost:5173/',
      }),
    ).toEqual({ url: 'http://localhost:5173/desk' });
  });
});

type OpenHandler = (details: { url: string }) => { action: string };

/** Just enough of Electron's WebContents: an event emitter plus the window-open handler. */
class FakeContents extends EventEmitter {
  openHandler: OpenHandler | null = null;
  setWindowOpenHandler(handler: OpenHandler): void {
    this.openHandler = handler;
  }
}

function navigationEvent(): { prevented: boolean; preventDefault(): void } {
  return {
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

describe('hardenWebContents()', () => {
  const contents = new FakeContents();
  hardenWebContents(contents as unknown as Parameters<typeof hardenWebContents>[0], (url) =>
    isOwnUrl(url, env),
  );

  it('denies window.open', () => {
    expect(contents.openHandler).not.toBeNull();
    expect(contents.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: OWN_URL })).toEqual({ action: 'deny' });
  });

  it('prevents navigation and redirects away from the app, allows its own page', () => {
    for (const channel of ['will-navigate', 'will-redirect']) {
      const away = navigationEvent();
      contents.emit(channel, away, 'https://example.com');
      expect(away.prevented, channel).toBe(true);
      const file = navigationEvent();
      contents.emit(channel, file, 'file:///etc/passwd');
      expect(file.prevented, channel).toBe(true);
      const own = navigationEvent();
      contents.emit(channel, own, OWN_URL);
      expect(own.prevented, channel).toBe(false);
    }
  });

  it('refuses to attach a <webview>', () => {
    const e = navigationEvent();
    contents.emit('will-attach-webview', e);
    expect(e.prevented).toBe(true);
  });
});

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  readonly removed: string[] = [];
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.removed.push(channel);
    this.handlers.delete(channel);
  }
  /** A call from the webContents `senderId` (1: the desk window, see `windows` below). */
  call(
    channel: string,
    frameUrl: string | null,
    payload: unknown,
    senderId: number | null = DESK_ID,
  ): Promise<DispatchResult> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    const event = {
      senderFrame: frameUrl === null ? null : { url: frameUrl },
      sender: senderId === null ? null : { id: senderId },
    } as unknown as IpcMainInvokeEvent;
    return listener(event, payload) as Promise<DispatchResult>;
  }
}

const DESK_ID = 1;
const KIOSK_ID = 2;
const DISPLAY_ID = 3;
/** The windows' webContents: registered like src/main/index.ts does when it opens them. */
const windows = new WindowRegistry();
for (const [id, kind] of [
  [DESK_ID, 'desk'],
  [KIOSK_ID, 'kiosk'],
  [DISPLAY_ID, 'display'],
] as [number, WindowKind][]) {
  windows.register(Object.assign(new EventEmitter(), { id }), kind);
}

describe('registerIpc()', () => {
  let dir: string;
  let core: Core;
  const ipc = new FakeIpcMain();
  let unregister: () => void;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-ipc-'));
    core = await createCore({ dataDir: dir, demo: true });
    unregister = registerIpc(ipc, core.dispatcher, {
      isTrustedSender: (url) => isOwnUrl(url, env),
      windowKindOf: (contents) => windows.kindOf(contents),
    });
  });
  afterAll(async () => {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('registers exactly one handler per contract operation on motcua:<name>', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(
      operationNames.map((n) => `motcua:${n}`).sort(),
    );
    expect(ipc.handlers.size).toBe(operationNames.length);
  });

  it('calls through to the real core', async () => {
    const res = await ipc.call('motcua:system.health', OWN_URL, { input: {} });
    expect(res).toEqual({
      ok: true,
      status: 200,
      data: { status: 'ok', version: core.version, schemaVersion: latestSchemaVersion() },
    });
    const login = await ipc.call('motcua:auth.login', OWN_URL, {
      input: { username: 'canbo1', password: 'Canbo@123' },
      lang: 'en',
    });
    expect(login.ok).toBe(true);
    const token = (login as { data: { token: string } }).data.token;
    const forbidden = await ipc.call('motcua:users.list', OWN_URL, {
      input: {},
      token,
      lang: 'en',
    });
    expect(forbidden).toMatchObject({ ok: false, status: 403, error: { code: 'FORBIDDEN' } });
  });

  it('refuses calls from an untrusted or vanished frame with FORBIDDEN', async () => {
    for (const frame of ['https://example.com/', 'file:///tmp/evil.html', null]) {
      const res = await ipc.call('motcua:system.health', frame, { input: {} });
      expect(res, String(frame)).toMatchObject({
        ok: false,
        status: 403,
        error: { code: 'FORBIDDEN' },
      });
    }
  });

  it('refuses calls from a webContents that is not one of our windows', async () => {
    // Old behaviour: only the frame URL was checked, so any webContents showing our page
    // (a stray window) could call every operation.
    for (const sender of [99, null]) {
      const res = await ipc.call('motcua:system.health', OWN_URL, { input: {} }, sender);
      expect(res, String(sender)).toMatchObject({ ok: false, status: 403 });
    }
  });

  it('the kiosk and board windows may call only public operations, whatever their preload', async () => {
    // Old behaviour: every window could call every operation; a kiosk page that got an
    // officer's or admin's token (or XSS in it) could list users or read dossiers.
    const login = await ipc.call('motcua:auth.login', OWN_URL, {
      input: { username: 'admin', password: 'Admin@123' },
      lang: 'en',
    });
    expect(login.ok).toBe(true);
    const token = (login as { data: { token: string } }).data.token;
    expect(await ipc.call('motcua:users.list', OWN_URL, { input: {}, token })).toMatchObject({
      ok: true,
    });
    for (const sender of [KIOSK_ID, DISPLAY_ID]) {
      for (const name of operationNames.filter((n) => contract[n].role !== 'public')) {
        const res = await ipc.call(`motcua:${name}`, OWN_URL, { input: {}, token }, sender);
        expect(res, `${name} from ${sender}`).toMatchObject({
          ok: false,
          status: 403,
          error: { code: 'FORBIDDEN' },
        });
      }
      // The first admin is created at the desk, never from a public window.
      const setup = await ipc.call(
        'motcua:setup.createAdmin',
        OWN_URL,
        { input: { fullName: 'X', password: 'Abcdef@123456' } },
        sender,
      );
      expect(setup).toMatchObject({ ok: false, status: 403, error: { code: 'FORBIDDEN' } });
      const services = await ipc.call('motcua:queue.services', OWN_URL, { input: {} }, sender);
      expect(services).toMatchObject({ ok: true });
    }
  });

  it('refuses a malformed envelope with VALIDATION_ERROR, and bad input too', async () => {
    const bad = [
      { input: {}, extra: true },
      { token: 42 },
      { lang: 'fr' },
      'system.health',
      [1, 2],
    ];
    for (const payload of bad) {
      const res = await ipc.call('motcua:system.health', OWN_URL, payload);
      expect(res, JSON.stringify(payload)).toMatchObject({
        ok: false,
        status: 400,
        error: { code: 'VALIDATION_ERROR' },
      });
    }
    const input = await ipc.call('motcua:auth.login', OWN_URL, { input: { username: 1 } });
    expect(input).toMatchObject({ ok: false, status: 400, error: { code: 'VALIDATION_ERROR' } });
  });

  it('the returned function removes every handler', () => {
    unregister();
    expect(ipc.handlers.size).toBe(0);
    expect([...ipc.removed].sort()).toEqual(operationNames.map((n) => `motcua:${n}`).sort());
  });
});
