/**
 * The BUILT hub (`node out/main/hub.js`) killed with SIGKILL while kiosks issue tickets:
 * after a restart every ticket whose 201 reached a client is there, and numbering continues
 * after the highest number ever committed (never reusing one a citizen may hold).
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  HUB_JS,
  buildIfMissing,
  cleanupProcesses,
  killChildren,
  spawnHub,
  tempDir,
  waitExit,
  waitReady,
  writeUntilKilled,
} from '../../helpers/processes';
import { login } from '../../helpers/hub';

async function serviceId(base: string, prefix: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/queue/services`);
  const list = (await res.json()) as { id: string; prefix: string }[];
  return (list.find((s) => s.prefix === prefix) as { id: string }).id;
}

/**
 * Pair one kiosk per simulated kiosk (a kiosk may issue 30 tickets a minute,
 * docs/security.md "Devices"): the admin pairs it over the API, like the desk's Thiết bị tab.
 */
async function pairKiosk(base: string, name: string): Promise<string> {
  const token = await login(base);
  const res = await fetch(`${base}/api/v1/devices`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ name, kind: 'kiosk' }),
  });
  if (res.status !== 201) throw new Error(`pairing failed: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

beforeAll(() => buildIfMissing([HUB_JS]), 180_000);
afterEach(killChildren);
afterAll(cleanupProcesses);

describe('queue numbering survives a SIGKILL of the built hub', () => {
  it('keeps every acknowledged ticket and continues numbering without reuse', async () => {
    const dataDir = tempDir('motcua-queue-crash-');
    const first = spawnHub(dataDir);
    const base = await waitReady(first);
    const a = await serviceId(base, 'A');

    const TARGET = 60;
    const devices = await Promise.all([1, 2, 3, 4].map((n) => pairKiosk(base, `Kiosk ${n}`)));
    const { acknowledged, inFlightAtKill } = await writeUntilKilled(
      first,
      { workers: devices.length, target: TARGET },
      async (kiosk) => {
        const res = await fetch(`${base}/api/v1/queue/tickets`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-Motcua-Device': devices[kiosk] as string,
          },
          body: JSON.stringify({ serviceId: a }),
        });
        const body = (await res.json()) as { id: string; number: string };
        if (res.status !== 201) throw new Error(`unexpected ${res.status}`);
        return { id: body.id, number: body.number };
      },
    );
    expect((await waitExit(first, 5000)).signal).toBe('SIGKILL');
    expect(inFlightAtKill).toBeGreaterThan(0); // killed with requests on the wire
    expect(new Set(acknowledged.map((t) => t.number)).size).toBe(acknowledged.length);

    const second = spawnHub(dataDir);
    const base2 = await waitReady(second);
    for (const t of acknowledged) {
      const res = await fetch(`${base2}/api/v1/queue/tickets/${t.id}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { number: string }).number).toBe(t.number);
    }
    const next = await fetch(`${base2}/api/v1/queue/tickets`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Motcua-Device': await pairKiosk(base2, 'K5'),
      },
      body: JSON.stringify({ serviceId: a }),
    });
    expect(next.status).toBe(201);
    const nextNumber = ((await next.json()) as { number: string }).number;
    const highestAck = Math.max(...acknowledged.map((t) => Number(t.number.slice(1))));
    expect(Number(nextNumber.slice(1))).toBeGreaterThan(highestAck);
    expect(acknowledged.map((t) => t.number)).not.toContain(nextNumber);

    second.kill('SIGTERM');
    expect((await waitExit(second, 5000)).code).toBe(0);
    const db = new Database(path.join(dataDir, 'motcua.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const numbers = (
        db.prepare('SELECT number FROM tickets ORDER BY seq').all() as { number: string }[]
      ).map((r) => r.number);
      // Committed numbers are exactly A001…Ann: no gap, no duplicate, the new one last.
      expect(numbers).toEqual(numbers.map((_, i) => `A${String(i + 1).padStart(3, '0')}`));
      expect(numbers.at(-1)).toBe(nextNumber);
    } finally {
      db.close();
    }
  });
});
