import fs from 'node:fs';
import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/core/app';
import { formatSetupCode, SETUP_CODE_FILE } from '../../../src/core/auth/setupCode';
import type { DispatchResult } from '../../../src/core/dispatch';
import { registerIpc, type IpcMainLike } from '../../../src/main/ipc';
import { translate } from '../../../src/shared/i18n';
import {
  api,
  cleanupHubs,
  errorOf,
  login,
  makeTempDir,
  rowCounts,
  startTestHub,
} from '../../helpers/hub';

afterEach(cleanupHubs);

const ADMIN_INPUT = { fullName: 'Chủ tịch xã', password: 'QuangPhu2026' };
const codeFile = (dataDir: string) => path.join(dataDir, SETUP_CODE_FILE);
const usersCount = (db: { prepare(sql: string): { get(): unknown } }) =>
  (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;

describe('first-administrator setup over the network needs the one-time setup code', () => {
  // Before: the first `POST /api/v1/setup/admin { fullName, password }` from anyone on the LAN
  // created the administrator (201).
  it('refuses the old "first POST wins" without a code: 403 SETUP_CODE_INVALID, nothing created', async () => {
    const hub = await startTestHub({ demo: false });
    const before = rowCounts(hub);
    const res = await api(hub.url, '/api/v1/setup/admin', { json: ADMIN_INPUT });
    expect(res.status).toBe(403);
    expect(errorOf(res)).toEqual({
      code: 'SETUP_CODE_INVALID',
      message: translate('vi', 'errors.SETUP_CODE_INVALID'),
    });
    expect(rowCounts(hub).users).toBe(before.users);
    expect(usersCount(hub.core.db)).toBe(0);
    expect((await api(hub.url, '/api/v1/setup')).body).toEqual({ needsAdmin: true });
    // The attempt is audited, without any of the submitted values.
    const audit = hub.core.db.prepare('SELECT action, details FROM audit_log').all();
    expect(audit).toContainEqual({ action: 'setup.code.invalid', details: null });
    expect(JSON.stringify(audit)).not.toContain('QuangPhu2026');
  });

  it('writes the code to <data-dir>/setup-code.txt with mode 0600', async () => {
    const hub = await startTestHub({ demo: false });
    const code = hub.core.auth.setupCode();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{12}$/);
    const file = codeFile(hub.core.dataDir);
    expect(fs.readFileSync(file, 'utf8')).toBe(`${formatSetupCode(code ?? '')}\n`);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a wrong code is 403 and creates nothing; a weak password with the right code keeps the code', async () => {
    const hub = await startTestHub({ demo: false });
    const code = hub.core.auth.setupCode() ?? '';
    const wrongCode = code.startsWith('2') ? `3${code.slice(1)}` : `2${code.slice(1)}`;
    for (const setupCode of [wrongCode, '', 'x'.repeat(64), code.slice(0, 11)]) {
      const res = await api(hub.url, '/api/v1/setup/admin', {
        json: { setupCode, ...ADMIN_INPUT },
      });
      expect(res.status).toBe(403);
      expect(errorOf(res).code).toBe('SETUP_CODE_INVALID');
    }
    expect(usersCount(hub.core.db)).toBe(0);
    const weak = await api(hub.url, '/api/v1/setup/admin', {
      json: { setupCode: code, fullName: 'Chủ tịch xã', password: 'matkhau' },
    });
    expect(weak.status).toBe(422);
    expect(errorOf(weak).code).toBe('WEAK_PASSWORD');
    expect(usersCount(hub.core.db)).toBe(0);
    expect(fs.existsSync(codeFile(hub.core.dataDir))).toBe(true);
    expect(hub.core.auth.setupCode()).toBe(code);
  });

  it('the right code works once (typed with dashes, spaces or lower case); the file is then deleted', async () => {
    const hub = await startTestHub({ demo: false });
    const code = hub.core.auth.setupCode() ?? '';
    const typed = ` ${formatSetupCode(code).toLowerCase()} `;
    const first = await api(hub.url, '/api/v1/setup/admin', {
      json: { setupCode: typed, ...ADMIN_INPUT },
    });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ username: 'admin' });
    expect(fs.existsSync(codeFile(hub.core.dataDir))).toBe(false);
    expect(hub.core.auth.setupCode()).toBeNull();
    await login(hub.url, { username: 'admin', password: ADMIN_INPUT.password });

    const again = await api(hub.url, '/api/v1/setup/admin', {
      json: { setupCode: code, fullName: 'Kẻ gian', password: 'KeGian2026' },
    });
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe('SETUP_DONE');
    expect(usersCount(hub.core.db)).toBe(1);
  });

  it('is rate-limited per client address', async () => {
    const hub = await startTestHub({ demo: false });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await api(hub.url, '/api/v1/setup/admin', {
        json: { setupCode: 'AAAA-AAAA-AAAA', ...ADMIN_INPUT },
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(403));
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('a restart issues a new code; a hub with an administrator removes a stale code file', async () => {
    const dataDir = makeTempDir();
    const first = await createCore({ dataDir });
    const oldCode = first.auth.setupCode();
    await first.close();
    const second = await createCore({ dataDir });
    const newCode = second.auth.setupCode();
    expect(newCode).not.toBeNull();
    expect(newCode).not.toBe(oldCode);
    const stale = await second.dispatcher.invoke(
      'setup.createAdmin',
      { setupCode: oldCode ?? '', ...ADMIN_INPUT },
      { token: null, deviceToken: null, clientKey: '10.0.0.9', lang: 'vi' },
    );
    expect(stale).toMatchObject({ ok: false, status: 403 });
    await second.close();
    // An administrator appears some other way (here: a restored database); the file goes.
    const third = await createCore({ dataDir, demo: true });
    expect(third.auth.setupCode()).toBeNull();
    expect(fs.existsSync(codeFile(dataDir))).toBe(false);
    await third.close();
  });

  it('a demo hub has its administrator: no code, no file', async () => {
    const hub = await startTestHub();
    expect(hub.core.auth.setupCode()).toBeNull();
    expect(fs.existsSync(codeFile(hub.core.dataDir))).toBe(false);
  });
});

describe("the desktop app's own window (IPC) needs no setup code", () => {
  it('creates the administrator over IPC without a code and removes the code file', async () => {
    const dataDir = makeTempDir();
    const core = await createCore({ dataDir });
    try {
      const handlers = new Map<string, (e: IpcMainInvokeEvent, p: unknown) => Promise<unknown>>();
      const ipcMain: IpcMainLike = {
        handle: (channel, listener) => handlers.set(channel, listener),
        removeHandler: (channel) => handlers.delete(channel),
      };
      registerIpc(ipcMain, core.dispatcher, {
        isTrustedSender: () => true,
        windowKindOf: () => 'desk',
      });
      const event = { sender: { id: 1 }, senderFrame: { url: 'file:///app/index.html#/desk' } };
      const call = handlers.get('motcua:setup.createAdmin');
      const res = (await call?.(event as unknown as IpcMainInvokeEvent, {
        input: ADMIN_INPUT,
      })) as DispatchResult;
      expect(res).toEqual({ ok: true, status: 201, data: { username: 'admin' } });
      expect(fs.existsSync(codeFile(dataDir))).toBe(false);
      expect(core.auth.setupCode()).toBeNull();
    } finally {
      await core.close();
    }
  });

  it('a caller that does not say it is IPC is treated as the network', async () => {
    const dataDir = makeTempDir();
    const core = await createCore({ dataDir });
    try {
      const res = await core.dispatcher.invoke('setup.createAdmin', ADMIN_INPUT, {
        token: null,
        deviceToken: null,
        clientKey: 'ipc', // a client key is not a transport
        lang: 'vi',
      });
      expect(res).toMatchObject({ ok: false, status: 403, error: { code: 'SETUP_CODE_INVALID' } });
      expect(usersCount(core.db)).toBe(0);
    } finally {
      await core.close();
    }
  });
});
