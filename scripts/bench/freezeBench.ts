/**
 * "No freeze" scenario (docs/performance.md): while a scripted mix of heavy operations runs —
 * 5-year report details, an XLSX catalogue import, "backup now" (copy + integrity_check), a
 * year's CSV export — measure the hub's serving thread: its event-loop delay
 * (perf_hooks.monitorEventLoopDelay inside the hub, src/hub/loopStats.ts) and the latency of
 * GET /api/v1/health polled all the time. Read, never asserted.
 */
import fs from 'node:fs';
import defaultCatalog from '../../resources/catalog/default-procedures.json';
import { exportCatalogXlsx } from '../../src/core/catalog/catalogXlsx';
import { catalogFileSchema } from '../../src/shared/catalog/procedure';
import type { EventLoopStats } from '../../src/hub/loopStats';
import { createClient } from './httpClient';
import { summarize, type Stats } from './stats';

export interface FreezeResult {
  loop: EventLoopStats;
  health: Stats;
  healthErrors: number;
  ops: { label: string; ms: number; status: number }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Ask the hub for its figures since the last signal (SIGUSR2 → JSON file). */
export async function loopStats(pid: number, file: string): Promise<EventLoopStats> {
  const before = fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
  fs.rmSync(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 500; i++) {
    if (fs.existsSync(file) && fs.statSync(file).mtimeMs >= before) {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as EventLoopStats;
    }
    await sleep(10);
  }
  throw new Error('the hub wrote no event-loop figures (was MOTCUA_EVENT_LOOP_STATS set?)');
}

export async function runFreezeBench(o: {
  port: number;
  pid: number;
  statsFile: string;
  span: { from: string; to: string };
  lastFullYear: number;
  log: (line: string) => void;
}): Promise<FreezeResult> {
  const admin = createClient(o.port, '127.0.0.30', 600_000); // a large backup takes minutes
  const poller = createClient(o.port, '127.0.0.31', 60_000);
  const login = await admin.request('POST', '/api/v1/auth/login', {
    body: { username: 'admin', password: 'Admin@123' },
  });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${login.body}`);
  const token = (JSON.parse(login.body) as { token: string }).token;
  const workbook = Buffer.from(
    await exportCatalogXlsx(catalogFileSchema.parse(defaultCatalog).procedures),
  ).toString('base64');

  const ops: FreezeResult['ops'] = [];
  const run = async (label: string, method: string, url: string, body?: unknown) => {
    o.log(`   ${label}: starts at ${new Date().toISOString()}`);
    const r = await admin.request(method, url, { token, ...(body ? { body } : {}) });
    ops.push({ label, ms: r.ms, status: r.status });
    o.log(`   ${label}: ${r.status} in ${r.ms.toFixed(0)} ms`);
    if (r.status >= 300) o.log(`     ${r.body.slice(0, 300)}`);
  };

  // Warm the worker and the caches, then start counting.
  await admin.request('GET', '/api/v1/health');
  await loopStats(o.pid, o.statsFile);
  const health: number[] = [];
  let healthErrors = 0;
  let mixDone = false;
  const polling = (async () => {
    while (!mixDone) {
      const r = await poller.request('GET', '/api/v1/health').catch(() => null);
      if (!r || r.status !== 200) healthErrors++;
      else health.push(r.ms);
      await sleep(20);
    }
  })();
  const y = o.lastFullYear;
  try {
    await run(
      `Report details, 5 years (${o.span.from} – ${o.span.to})`,
      'GET',
      `/api/v1/reports/details?from=${o.span.from}&to=${o.span.to}`,
    );
    await run('XLSX catalogue import', 'POST', '/api/v1/catalog/import', {
      format: 'xlsx',
      content: workbook,
    });
    await run('Backup now (copy + integrity_check)', 'POST', '/api/v1/backups');
    await run(
      `CSV export of ${y} (register)`,
      'GET',
      `/api/v1/reports/export?kind=register&format=csv&from=${y}-01-01&to=${y}-12-31`,
    );
  } finally {
    mixDone = true;
    await polling;
    admin.close();
    poller.close();
  }
  const loop = await loopStats(o.pid, o.statsFile);
  return { loop, health: summarize(health), healthErrors, ops };
}
