/**
 * The BUILT hub (`node out/main/hub.js`) as a real child process: acknowledged writes survive
 * a SIGKILL, SIGTERM closes cleanly (WAL checkpointed, lock released), and it starts fast.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  HUB_JS,
  buildIfMissing,
  cleanupProcesses,
  freePort,
  killChildren,
  spawnHub,
  tempDir,
  waitExit,
  waitReady,
  writeUntilKilled,
} from '../../helpers/processes';
import { login } from '../../helpers/hub';

beforeAll(() => buildIfMissing([HUB_JS]), 120_000);
afterEach(killChildren);
afterAll(cleanupProcesses);

describe('built hub as a process', () => {
  it('keeps every acknowledged write across a SIGKILL mid-stream; the database stays intact', async () => {
    const dataDir = tempDir();
    const first = spawnHub(dataDir);
    const base = await waitReady(first);
    const token = await login(base);

    const TARGET = 12;
    let next = 0;
    const { acknowledged, inFlightAtKill } = await writeUntilKilled(
      first,
      { workers: 4, target: TARGET },
      async () => {
        next += 1;
        const username = `u${String(next).padStart(4, '0')}`;
        const res = await fetch(`${base}/api/v1/users`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({
            username,
            fullName: `Cán bộ ${username}`,
            role: 'officer',
            password: 'Canbo@2026',
          }),
        });
        await res.text();
        if (res.status !== 201) throw new Error(`unexpected ${res.status} for ${username}`);
        return username;
      },
    );
    const exit = await waitExit(first, 5000);
    expect(exit.signal).toBe('SIGKILL');
    expect(inFlightAtKill).toBeGreaterThan(0); // killed with writes still on the wire
    expect(acknowledged.length).toBeGreaterThanOrEqual(TARGET);

    // Restart on the same folder: the stale lock of the dead process is taken over.
    const second = spawnHub(dataDir);
    const base2 = await waitReady(second);
    const token2 = await login(base2);
    const res = await fetch(`${base2}/api/v1/users`, {
      headers: { Authorization: `Bearer ${token2}` },
    });
    expect(res.status).toBe(200);
    const stored = new Set(((await res.json()) as { username: string }[]).map((u) => u.username));
    const lost = acknowledged.filter((u) => !stored.has(u));
    expect(lost).toEqual([]);

    second.kill('SIGTERM');
    expect((await waitExit(second, 5000)).code).toBe(0);
    const db = new Database(path.join(dataDir, 'motcua.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db.prepare('SELECT username FROM users').all() as { username: string }[];
      const inFile = new Set(rows.map((r) => r.username));
      expect(acknowledged.filter((u) => !inFile.has(u))).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('SIGTERM: exits 0, the WAL is checkpointed away and the lock file removed', async () => {
    const dataDir = tempDir();
    const child = spawnHub(dataDir);
    const base = await waitReady(child);
    const token = await login(base);
    const created = await fetch(`${base}/api/v1/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        username: 'truockhidung',
        fullName: 'Trước khi dừng',
        role: 'officer',
        password: 'Canbo@2026',
      }),
    });
    expect(created.status).toBe(201);
    // An open event stream must not keep the process alive.
    const controller = new AbortController();
    const events = await fetch(`${base}/api/v1/events`, { signal: controller.signal });
    expect(events.status).toBe(200);
    expect(fs.existsSync(path.join(dataDir, 'motcua.lock'))).toBe(true);

    child.kill('SIGTERM');
    const exit = await waitExit(child, 5000);
    controller.abort();
    expect(exit).toEqual({ code: 0, signal: null });

    const wal = path.join(dataDir, 'motcua.sqlite-wal');
    expect(!fs.existsSync(wal) || fs.statSync(wal).size === 0).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'motcua.lock'))).toBe(false);
    const db = new Database(path.join(dataDir, 'motcua.sqlite'), { readonly: true });
    try {
      expect(db.prepare("SELECT 1 AS ok FROM users WHERE username = 'truockhidung'").get()).toEqual(
        { ok: 1 },
      );
    } finally {
      db.close();
    }
  });

  it('once built, answers /api/v1/health within 3 s of starting', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const started = performance.now();
    const child = spawnHub(dataDir, port);
    let elapsed = -1;
    while (performance.now() - started < 10_000 && child.exitCode === null) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
        if (res.status === 200) {
          elapsed = performance.now() - started;
          expect(await res.json()).toMatchObject({ status: 'ok' });
          break;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(elapsed).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(3000);
  });
});
