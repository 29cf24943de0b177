/**
 * Over IPC, the desktop app's own kiosk window counts as a paired kiosk (docs/security.md,
 * "Devices"): the main process knows which window sent a call (its webContents), and only
 * that window may issue tickets without an officer's token. Another window of the app (the
 * desk, signed out) gets 401 DEVICE_REQUIRED like a stranger over HTTP.
 */
import type { IpcMainInvokeEvent } from 'electron';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/core/app';
import type { DispatchResult } from '../../../src/core/dispatch';
import { registerIpc, type IpcMainLike } from '../../../src/main/ipc';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;
const OWN_URL = 'http://127.0.0.1:8787/kiosk';
const KIOSK_WINDOW = 7;
const DESK_WINDOW = 8;

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  call(channel: string, senderId: number, payload: unknown): Promise<DispatchResult> {
    const listener = this.handlers.get(channel) as Listener;
    const event = {
      sender: { id: senderId },
      senderFrame: { url: OWN_URL },
    } as unknown as IpcMainInvokeEvent;
    return listener(event, payload) as Promise<DispatchResult>;
  }
}

describe('IPC: the Electron kiosk window is a paired kiosk', () => {
  let dir: string;
  let core: Core;
  const ipc = new FakeIpcMain();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-ipc-kiosk-'));
    core = await createCore({ dataDir: dir, demo: true });
    registerIpc(ipc, core.dispatcher, {
      isTrustedSender: (url) => url.startsWith('http://127.0.0.1:8787/'),
      windowKindOf: (sender) =>
        sender?.id === KIOSK_WINDOW ? 'kiosk' : sender?.id === DESK_WINDOW ? 'desk' : undefined,
    });
  });
  afterAll(async () => {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('issues a ticket from the kiosk window, refuses one from another window', async () => {
    const services = (await ipc.call('motcua:queue.services', KIOSK_WINDOW, { input: {} })) as {
      ok: true;
      data: { id: string }[];
    };
    const serviceId = (services.data[0] as { id: string }).id;
    const fromKiosk = await ipc.call('motcua:queue.issue', KIOSK_WINDOW, {
      input: { serviceId },
    });
    expect(fromKiosk).toMatchObject({ ok: true, status: 201 });
    const fromDesk = await ipc.call('motcua:queue.issue', DESK_WINDOW, { input: { serviceId } });
    expect(fromDesk).toMatchObject({ ok: false, status: 401, error: { code: 'DEVICE_REQUIRED' } });
    const me = await ipc.call('motcua:devices.me', KIOSK_WINDOW, { input: {} });
    expect(me).toMatchObject({ ok: true, data: { device: { kind: 'kiosk' } } });
    const deskMe = await ipc.call('motcua:devices.me', DESK_WINDOW, { input: {} });
    expect(deskMe).toMatchObject({ ok: true, data: { device: null } });
  });

  it('a device token smuggled into the IPC envelope is refused (the envelope is strict)', async () => {
    const res = await ipc.call('motcua:devices.me', DESK_WINDOW, {
      input: {},
      deviceToken: 'demo-kiosk-token-quang-phu',
    });
    expect(res).toMatchObject({ ok: false, status: 400 });
  });
});
