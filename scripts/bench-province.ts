/**
 * `npm run bench:province [-- --quick] [--communes N] [--days D] [--per-day E]`
 *
 * Communes push a year of realistic events (dossier trails, ticket outcomes, ratings — ≈ 165
 * a day, 60,000 a year each) as signed batches over HTTP, 20 communes at a time, into the
 * province service (a child process, as in production) on a throw-away local PostgreSQL
 * server. Prints: ingest events/s and its ratio to the floor (the same event rows written with
 * COPY into the same tables of a fresh database on the same server), a week of backlog
 * (≈ 1,200 events) acknowledged, the dashboard's answers p50/p95 (ranking for the whole period,
 * one commune's page with its late list) and the service's RSS. Numbers are printed, never
 * asserted (targets: docs/province.md). `--quick`: 10 communes, one month (CI).
 *
 * `--dashboards-only URL`: only the dashboard's answers and the RSS, on the database an earlier
 * run filled (keep it with `MOTCUA_TEST_DATABASE_URL` pointing at a server of your own; give
 * the same `--communes`/`--days`): re-measure a query change without 25 minutes of ingest.
 */
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { batchHeaders } from '../src/core/sync/signing';
import { createAccounts } from '../src/province/accounts';
import { openPostgres } from '../src/province/db';
import { registerSite } from '../src/province/ingest';
import { migrateProvince } from '../src/province/migrations';
import { simulateCommune } from '../src/province/simulate';
import type { SyncEvent } from '../src/shared/contract/sync';
import { ulid } from '../src/shared/ids';
import { addDays } from '../src/shared/time/vnTime';
import { startTestPostgres } from '../tests/helpers/postgres';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    communes: { type: 'string' },
    days: { type: 'string' },
    'per-day': { type: 'string' },
    concurrency: { type: 'string', default: '20' },
    'dashboards-only': { type: 'string' },
  },
});
const COMMUNES = Number(values.communes ?? (values.quick ? 10 : 100));
const DAYS = Number(values.days ?? (values.quick ? 30 : 365));
const PER_DAY = Number(values['per-day'] ?? 165);
const CONCURRENCY = Number(values.concurrency);
const BATCH = 200; // the site's push worker sends ≤ 200 events per batch (docs/sync.md)
const FIRST_DAY = '2025-07-01';

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

let retries = 0;

async function post(url: string, site: { siteId: string; key: string }, events: SyncEvent[]) {
  const batchId = ulid();
  const body = JSON.stringify({ siteId: site.siteId, batchId, events });
  // Like the push worker: a dropped connection (an idle keep-alive socket closed by the
  // server just as it is reused) is retried with the same batch id.
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(`${url}/api/v1/sync/batches`, {
        method: 'POST',
        headers: batchHeaders(site, batchId, body),
        body,
      });
    } catch (e) {
      if (attempt > 3) throw e;
      retries += 1;
      continue;
    }
    const text = await res.text();
    if (res.status === 200) return;
    if (attempt > 3) throw new Error(`batch refused: ${res.status} ${text}`);
    retries += 1;
  }
}

function rssOf(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

const f = (n: number, d = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function printDashboards(d: Awaited<ReturnType<typeof timeDashboards>>): void {
  const line = (label: string, t: { p50: number; p95: number }) =>
    console.log(
      `${label.padEnd(27)}p50 ${f(t.p50, 1)} ms  p95 ${f(t.p95, 1)} ms (target p95 < 300)`,
    );
  line('ranking (whole period)', d.ranking);
  line('ranking (last 30 days)', d.month);
  line('commune page + late list', d.commune);
}

/** `--dashboards-only URL`: the dashboard's answers on a database filled earlier. */
async function dashboardsOnly(url: string): Promise<void> {
  console.log(
    `bench:province — dashboards only, ${COMMUNES} communes × ${DAYS} days already stored`,
  );
  const { child, base, dataDir } = await startService(url);
  try {
    const dashboards = await timeDashboards(base);
    const mem = rssOf(child.pid as number);
    console.log('');
    printDashboards(dashboards);
    console.log(`service RSS                ${f(mem.rss)} MB (peak ${f(mem.hwm)} MB)`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The province service as a child process, as in production, on database `url`. */
async function startService(url: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-province-'));
  const port = 18000 + Math.floor(Math.random() * 2000);
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/province/cli.ts',
      '--data-dir',
      dataDir,
      '--database-url',
      url,
      '--port',
      String(port),
      '--static-dir',
      dataDir,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env } },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      if (c.toString().includes('listening')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`service exited ${code}`)));
  });
  return { child, base: `http://127.0.0.1:${port}`, dataDir };
}

/** The dashboard's answers over HTTP, as the screen asks them: p50/p95 in ms. */
async function timeDashboards(base: string) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Admin@123' }),
  });
  const { token } = (await login.json()) as { token: string };
  const period = `from=${FIRST_DAY}&to=${addDays(FIRST_DAY, DAYS - 1)}`;
  const time = async (path: string, n: number) => {
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const r = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
      ms.push(performance.now() - t0);
    }
    return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
  };
  const ranking = await time(`/api/v1/province/communes?${period}`, 30);
  const commune = await time(`/api/v1/province/commune?siteId=bench-001&${period}`, 30);
  const lastMonth = `from=${addDays(FIRST_DAY, DAYS - 30)}&to=${addDays(FIRST_DAY, DAYS - 1)}`;
  const month = await time(`/api/v1/province/communes?${lastMonth}`, 30);
  return { ranking, month, commune };
}

async function main() {
  console.log(
    `bench:province — ${COMMUNES} communes × ${DAYS} days × ~${PER_DAY} events/day, ` +
      `${CONCURRENCY} pushing at once, batches of ${BATCH}`,
  );
  const cluster = await startTestPostgres();
  const url = await cluster.freshDatabase();
  const db = await openPostgres(url, 4);
  await migrateProvince(db);
  const accounts = createAccounts(db);
  await accounts.createUser('admin', 'Admin@123', 'admin');

  const { child, base, dataDir } = await startService(url);
  try {
    const sites: { siteId: string; key: string; index: number }[] = [];
    const agencies: string[] = [];
    for (let i = 0; i < COMMUNES; i++) {
      const siteId = `bench-${String(i + 1).padStart(3, '0')}`;
      const probe = simulateCommune({ index: i + 1, firstDay: FIRST_DAY, days: 1, perDay: 1 });
      const { key } = await registerSite(db, {
        siteId,
        name: `Xã ${i + 1}`,
        agencyCodes: [probe.agencyCode],
      });
      sites.push({ siteId, key, index: i + 1 });
      agencies.push(probe.agencyCode);
    }

    // Ingest: 20 communes at a time, each pushing its whole history in order.
    let total = 0;
    const floorRows: SyncEvent[][] = [];
    const started = performance.now();
    let next = 0;
    const workers = Array.from({ length: Math.min(CONCURRENCY, COMMUNES) }, async () => {
      while (next < sites.length) {
        const site = sites[next++] as (typeof sites)[number];
        const sim = simulateCommune({
          index: site.index,
          firstDay: FIRST_DAY,
          days: DAYS,
          perDay: PER_DAY,
          today: addDays(FIRST_DAY, DAYS),
        });
        if (floorRows.length < 2) floorRows.push(sim.events);
        for (let k = 0; k < sim.events.length; k += BATCH) {
          await post(base, site, sim.events.slice(k, k + BATCH));
        }
        total += sim.events.length;
      }
    });
    await Promise.all(workers);
    const seconds = (performance.now() - started) / 1000;
    const rate = total / seconds;

    // The floor: the same event rows with COPY (psql \copy) into a fresh database's tables.
    const floorUrl = await cluster.freshDatabase();
    const floorDb = await openPostgres(floorUrl, 2);
    await migrateProvince(floorDb);
    const sample = floorRows.flat();
    const months = [...new Set(sample.map((e) => e.at.slice(0, 7)))];
    for (const m of months) {
      const [y, mo] = m.split('-').map(Number) as [number, number];
      const nextMonth = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
      await floorDb.exec(
        `CREATE TABLE events_${m.replace('-', '_')} PARTITION OF events FOR VALUES FROM ('${m}-01T00:00:00Z') TO ('${nextMonth}-01T00:00:00Z')`,
      );
    }
    const csv = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const idsFile = path.join(dataDir, 'ids.csv');
    const eventsFile = path.join(dataDir, 'events.csv');
    const now = new Date().toISOString();
    fs.writeFileSync(
      idsFile,
      sample.map((e, i) => `${e.id},site-${i < floorRows[0]!.length ? 1 : 2},${e.seq}`).join('\n'),
    );
    fs.writeFileSync(
      eventsFile,
      sample
        .map(
          (e, i) =>
            `site-${i < floorRows[0]!.length ? 1 : 2},${e.seq},${e.id},${e.type},${e.at},${csv(JSON.stringify(e.payload))},floor,${now}`,
        )
        .join('\n'),
    );
    const psql = (command: string) =>
      execFileSync('psql', [floorUrl, '-q', '-c', command], { stdio: 'pipe' });
    const copyStart = performance.now();
    psql(`\\copy event_ids (event_id, site_id, seq) FROM '${idsFile}' CSV`);
    psql(
      `\\copy events (site_id, seq, event_id, type, at, payload, batch_id, received_at) FROM '${eventsFile}' CSV`,
    );
    const copyRate = sample.length / ((performance.now() - copyStart) / 1000);
    await floorDb.close();

    // A week of backlog from one more commune (≈ 1,200 events), acknowledged batch by batch.
    const late = simulateCommune({
      index: COMMUNES + 1,
      firstDay: FIRST_DAY,
      days: 7,
      perDay: 172,
    });
    const lateSite = { siteId: 'bench-backlog', key: '' };
    lateSite.key = (
      await registerSite(db, {
        siteId: lateSite.siteId,
        name: 'Xã tồn đọng',
        agencyCodes: [late.agencyCode],
      })
    ).key;
    const backlogStart = performance.now();
    for (let k = 0; k < late.events.length; k += BATCH) {
      await post(base, lateSite, late.events.slice(k, k + BATCH));
    }
    const backlogMs = performance.now() - backlogStart;

    const dashboards = await timeDashboards(base);
    const mem = rssOf(child.pid as number);

    console.log('');
    console.log(`events ingested            ${f(total)} in ${f(seconds, 1)} s`);
    console.log(`ingest rate                ${f(rate)} events/s (target ≥ 3,000)`);
    console.log(`COPY floor                 ${f(copyRate)} events/s (${f(sample.length)} rows)`);
    console.log(`ingest / floor             ${f((rate / copyRate) * 100, 1)} %`);
    console.log(
      `week backlog               ${f(late.events.length)} events acknowledged in ${f(backlogMs)} ms (target < 2,000)`,
    );
    printDashboards(dashboards);
    console.log(`retried batches            ${f(retries)}`);
    console.log(`service RSS                ${f(mem.rss)} MB (peak ${f(mem.hwm)} MB)`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await db.close();
    await cluster.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

(values['dashboards-only'] ? dashboardsOnly(values['dashboards-only']) : main()).catch(
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
