import type http from 'node:http';
import { createPasswordHasher } from '../core/auth/password';
import { acquireDataDirLock } from '../core/dataDirLock';
import { PROVINCE_DEFAULT_PORT } from '../shared/contract/province';
import { addDays, vnDate } from '../shared/time/vnTime';
import { createAccounts, type Accounts } from './accounts';
import { openProvinceDb, type ProvinceDb } from './db';
import { ingestEvents, registerSite } from './ingest';
import { migrateProvince } from './migrations';
import { createProvinceServer, listen } from './server';
import { simulateCommune } from './simulate';

export const DEFAULT_PROVINCE_HOST = '127.0.0.1';

export interface ProvinceOptions {
  /** PGlite's data (when no database URL) and the lock file. */
  dataDir: string;
  databaseUrl?: string | null;
  port?: number;
  host?: string;
  demo?: boolean;
  allowedHosts?: readonly string[];
  staticDir?: string | null;
  now?: () => Date;
  onError?: (e: unknown) => void;
}

export interface Province {
  db: ProvinceDb;
  accounts: Accounts;
  server: http.Server;
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** The demo: admin / Admin@123, viewer / Viewer@123, three communes with a month of events. */
export async function seedProvinceDemo(db: ProvinceDb, accounts: Accounts, now: Date) {
  await accounts.createUser('admin', 'Admin@123', 'admin');
  await accounts.createUser('viewer', 'Viewer@123', 'viewer');
  const known = await db.query('SELECT 1 FROM sites LIMIT 1');
  if (known.length > 0) return;
  const today = vnDate(now);
  const names = ['Xã Tân Lập', 'Xã Hòa Bình', 'Phường Đông Hải'];
  for (const [i, name] of names.entries()) {
    const sim = simulateCommune({
      index: i + 1,
      firstDay: addDays(today, -30),
      days: 30,
      perDay: 40,
      today,
      foreignAgency: i === 2 ? '99.99.P01' : undefined,
    });
    const siteId = `demo-site-${i + 1}`;
    await registerSite(db, { siteId, name, agencyCodes: [sim.agencyCode] });
    for (let k = 0; k < sim.events.length; k += 500) {
      await ingestEvents(db, siteId, sim.events.slice(k, k + 500), 'demo', now);
    }
  }
}

export async function startProvince(options: ProvinceOptions): Promise<Province> {
  const lock = acquireDataDirLock(options.dataDir);
  let db: ProvinceDb | null = null;
  try {
    db = await openProvinceDb({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
    await migrateProvince(db);
    const accounts = createAccounts(db, createPasswordHasher());
    const now = options.now ?? (() => new Date());
    if (options.demo) await seedProvinceDemo(db, accounts, now());
    const host = options.host ?? DEFAULT_PROVINCE_HOST;
    const server = createProvinceServer({
      db,
      accounts,
      allowedHosts: options.allowedHosts ?? [],
      listenHost: host,
      staticDir: options.staticDir ?? null,
      now,
      onError: options.onError,
    });
    const port = await listen(server, options.port ?? PROVINCE_DEFAULT_PORT, host);
    const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
    const opened = db;
    let stopping: Promise<void> | null = null;
    return {
      db: opened,
      accounts,
      server,
      port,
      url: `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`,
      stop: () =>
        (stopping ??= new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        })
          .then(() => opened.close())
          .finally(() => lock.release())),
    };
  } catch (e) {
    await db?.close().catch(() => undefined);
    lock.release();
    throw e;
  }
}
