/**
 * Helpers for the sync tests: produce outbox events the way a producer does (inside a
 * transaction), a fault-injecting HTTP proxy in front of a receiver, table checksums.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../../src/core/db/connection';
import { getSite } from '../../src/core/settings/site';
import { writeSiteKey } from '../../src/core/sync/config';
import { appendOutbox } from '../../src/core/sync/outbox';
import type { PushTiming } from '../../src/core/sync/pushWorker';
import { newSiteKey } from '../../src/core/sync/signing';
import { startHub, type Hub } from '../../src/hub/startHub';
import { ulid } from '../../src/shared/ids';
import { makeTempDir } from './hub';

/** Append `n` rating events, each in its own transaction (as the kiosk would). */
export function produceRatings(db: Db, n: number, at = new Date()): string[] {
  const ids: string[] = [];
  const tx = db.transaction(() =>
    appendOutbox(db, {
      type: 'rating.submitted',
      at,
      payload: {
        ratingId: ulid(),
        score: 'satisfied',
        ticketId: ulid(),
        businessDate: '2026-11-20',
        dossierCode: null,
        counterNumber: 1,
        reasons: [],
      },
    }),
  );
  for (let i = 0; i < n; i++) ids.push(tx().id);
  return ids;
}

export type Fault = 'drop' | 'hang' | 'error500' | 'lostAck' | 'pass';

/**
 * An HTTP proxy on 127.0.0.1 that, per request, drops the connection, never answers, answers
 * 500, forwards but loses the answer (the receiver stored the batch, the site never hears),
 * or forwards normally. `target` may change (the receiver restarted on another port).
 */
export async function startFaultProxy(
  target: { port: number },
  rates: Partial<Record<Exclude<Fault, 'pass'>, number>>,
  random: () => number = Math.random,
) {
  const counts: Record<Fault, number> = { drop: 0, hang: 0, error500: 0, lostAck: 0, pass: 0 };
  const hanging = new Set<http.ServerResponse>();
  const pick = (): Fault => {
    let r = random();
    for (const f of ['drop', 'hang', 'error500', 'lostAck'] as const) {
      const p = rates[f] ?? 0;
      if (r < p) return f;
      r -= p;
    }
    return 'pass';
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const fault = pick();
      counts[fault] += 1;
      if (fault === 'drop') return req.socket.destroy();
      if (fault === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if (fault === 'error500') {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        return res.end('{"error":{"code":"INTERNAL","message":"lỗi giả lập"}}');
      }
      const up = http.request(
        {
          host: '127.0.0.1',
          port: target.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (upRes) => {
          const body: Buffer[] = [];
          upRes.on('data', (c: Buffer) => body.push(c));
          upRes.on('end', () => {
            if (fault === 'lostAck') return req.socket.destroy();
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            res.end(Buffer.concat(body));
          });
        },
      );
      up.on('error', () => req.socket.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    async close(): Promise<void> {
      for (const res of hanging) res.socket?.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Row count and a sha256 of every row (ordered) of every table: equal means identical data. */
export function tableChecksums(db: Db): Record<string, { rows: number; sha256: string }> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all() as { name: string }[];
  const out: Record<string, { rows: number; sha256: string }> = {};
  for (const { name } of tables) {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const cols = (db.prepare(`SELECT * FROM ${quoted} LIMIT 0`).columns() ?? []).map((c) => c.name);
    const order = cols.map((_c, i) => String(i + 1)).join(', ');
    const rows = db
      .prepare(`SELECT * FROM ${quoted} ORDER BY ${order || '1'}`)
      .raw()
      .all() as unknown[][];
    const hash = crypto.createHash('sha256');
    for (const r of rows)
      hash.update(
        JSON.stringify(r, (_k, v: unknown) =>
          Buffer.isBuffer(v) ? `blob:${v.toString('hex')}` : typeof v === 'bigint' ? `${v}n` : v,
        ),
      );
    out[name] = { rows: rows.length, sha256: hash.digest('hex') };
  }
  return out;
}

/** A site hub that pushes to a receiver, with its data folder, site key and site id. */
export interface PushingSite {
  name: string;
  dir: string;
  key: string;
  id: string;
}

/**
 * Start one site hub per name, each with a fresh site key, pushing to `upstream` (a receiver
 * or a fault proxy in front of it). `register` is called for each site as soon as it exists,
 * so the receiver knows its key before the first push. `restart(i)` stops site i (mid-batch:
 * stop aborts the request on the wire) and starts it again on its own data folder.
 */
export async function startPushingSites(
  names: readonly string[],
  upstream: string,
  pushTiming: Partial<PushTiming>,
  register: (site: PushingSite) => unknown,
): Promise<{ sites: PushingSite[]; hubs: Hub[]; restart(i: number): Promise<void> }> {
  const start = (dir: string) =>
    startHub({
      dataDir: dir,
      port: 0,
      host: '127.0.0.1',
      sync: { upstream, pushTiming },
      maintenance: { autoBackup: false },
    });
  const sites: PushingSite[] = [];
  const hubs: Hub[] = [];
  for (const name of names) {
    const dir = makeTempDir(`motcua-site${name}-`);
    const key = newSiteKey();
    const hub = await start(dir);
    writeSiteKey(hub.core.db, key, new Date());
    const site = { name, dir, key, id: getSite(hub.core.db, new Date()).siteId };
    await register(site);
    sites.push(site);
    hubs.push(hub);
  }
  return {
    sites,
    hubs,
    restart: async (i) => {
      await (hubs[i] as Hub).stop();
      hubs[i] = await start((sites[i] as PushingSite).dir);
    },
  };
}
