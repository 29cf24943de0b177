/**
 * `npm run bench [-- --quick] [-- --keep] [-- --out FILE] [-- --freeze [--dossiers N]]` — the
 * kiosk at the scale of a province (what every figure means: docs/performance.md).
 * `npm run bench -- --digitisation` runs only the file-upload scenario
 * (scripts/bench/digitisationBench.ts).
 *
 *  1. seeds a fresh database in a temp folder through the real schema: 1,000,000 dossiers
 *     over 5 years, 3,000,000 tickets, 300,000 ratings (`--quick`: 50,000 / 150,000 / 15,000);
 *  2. starts the BUILT hub on it and measures over HTTP, after warm-up, p50/p95/p99 and
 *     throughput of the desk's and the kiosk's operations;
 *  3. measures the same database work directly on SQLite (the floor) and prints the ratio;
 *  4. the hub's cold start to its first answer and its memory after the run;
 *  5. prints a table and writes bench-results.json.
 * No timing assertion: the exit code is non-zero only when an operation failed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupFileName } from '../../src/core/backup/backupService';
import { latestSchemaVersion } from '../../src/core/db/migrate';
import { installSignalCleanup, onCleanup, runCleanup, startReaper } from './cleanup';
import { runDigitisationBench } from './digitisationBench';
import { runFloorBench, type FloorPlan } from './floorBench';
import { loopStats, runFreezeBench } from './freezeBench';
import { EVENT_LOOP_STATS_ENV } from '../../src/hub/loopStats';
import { runHttpBench, type HttpPlan, type OpResult } from './httpBench';
import { ensureBuiltHub, ROOT, startHubProcess } from './hubProcess';
import { benchReceiptRender } from './printBench';
import { seedDatabase } from './seed';
import { fmtInt, fmtMs, type Stats } from './stats';

interface Scale {
  dossiers: number;
  tickets: number;
  ratings: number;
  http: HttpPlan;
  floor: FloorPlan;
  printRuns: number;
}

const FULL: Scale = {
  dossiers: 1_000_000,
  tickets: 3_000_000,
  ratings: 300_000,
  http: {
    warmup: 20,
    issue1: 400,
    issue4PerClient: 250,
    callNext: 300,
    receive: 200,
    search: 300,
    lookup: 200,
    summaryRuns: 5,
  },
  floor: { warmup: 20, runs: 300, summaryRuns: 5 },
  printRuns: 200,
};

const QUICK: Scale = {
  dossiers: 50_000,
  tickets: 150_000,
  ratings: 15_000,
  http: {
    warmup: 5,
    issue1: 100,
    issue4PerClient: 40,
    callNext: 60,
    receive: 40,
    search: 60,
    lookup: 40,
    summaryRuns: 3,
  },
  floor: { warmup: 5, runs: 100, summaryRuns: 3 },
  printRuns: 50,
};

/** Targets stated in the other issues (read, never asserted). */
const TARGETS: Record<string, { text: string; ok: (s: Stats) => boolean }> = {
  print: { text: 'p95 < 50 ms', ok: (s) => s.p95 < 50 },
  issue4: { text: 'p95 < 30 ms', ok: (s) => s.p95 < 30 },
  searchCode: { text: 'p95 < 50 ms', ok: (s) => s.p95 < 50 },
  searchId: { text: 'p95 < 50 ms', ok: (s) => s.p95 < 50 },
  searchName: { text: 'p95 < 50 ms', ok: (s) => s.p95 < 50 },
  summaryYear: { text: 'max < 1 s', ok: (s) => s.max < 1000 },
  summarySpan: { text: 'max < 1 s', ok: (s) => s.max < 1000 },
};

/** Which floor each HTTP operation is compared with. */
const FLOOR_OF: Record<string, string> = {
  issue1: 'issue',
  issue4: 'issue',
  callNext: 'callNext',
  receive: 'receive',
  searchCode: 'searchCode',
  searchId: 'searchId',
  searchName: 'searchName',
  lookup: 'lookup',
  summaryYear: 'summaryYear',
  summarySpan: 'summarySpan',
};

const log = (line: string) => console.log(line);

/** Size of the "no freeze" scenario's database (the target of docs/performance.md). */
const FREEZE_DOSSIERS = 200_000;

/**
 * `--freeze`: the built hub on the seeded database with its event-loop figures switched on,
 * the heavy mix of freezeBench.ts, then the hub's memory. Prints and returns the exit code.
 */
async function freezeScenario(
  dir: string,
  hubPidFile: string,
  seed: Awaited<ReturnType<typeof seedDatabase>>,
): Promise<number> {
  const backups = path.join(dir, 'backups');
  fs.mkdirSync(backups, { recursive: true });
  // Today's automatic backup marked done: "backup now" is the one measured.
  for (const kind of ['daily', 'monthly'] as const)
    fs.writeFileSync(path.join(backups, backupFileName(kind, new Date())), '');
  const statsFile = path.join(dir, 'event-loop.json');
  log('\n2. No freeze: the built hub, heavy operations while the counters are served…');
  const hub = await startHubProcess(dir, [], 300_000, hubPidFile, {
    [EVENT_LOOP_STATS_ENV]: statsFile,
  });
  let result: Awaited<ReturnType<typeof runFreezeBench>>;
  let memory: ReturnType<typeof hub.memory>;
  let idleMemory: ReturnType<typeof hub.memory>;
  try {
    result = await runFreezeBench({
      port: hub.port,
      pid: hub.pid,
      statsFile,
      span: seed.span,
      lastFullYear: seed.lastFullYear,
      log,
    });
    memory = hub.memory();
    // The heavy-work thread stops after 30 s idle (src/core/worker): memory once it has.
    await new Promise((r) => setTimeout(r, 35_000));
    idleMemory = hub.memory();
    const idle = await loopStats(hub.pid, statsFile);
    log(
      `   hub memory when idle (MB): rss ${idle.rssMb}, V8 heap ${idle.heapUsedMb} used of ` +
        `${idle.heapTotalMb}, external ${idle.externalMb} (array buffers ${idle.arrayBuffersMb})`,
    );
  } finally {
    await hub.stop();
  }
  const { loop, health } = result;
  const mark = (ok: boolean) => (ok ? 'yes' : 'NO');
  log('\nServing thread during the mix (ms)');
  log(
    `  event-loop delay  p50 ${fmtMs(loop.p50)}  p99 ${fmtMs(loop.p99)} (target < 50: ${mark(loop.p99 < 50)})` +
      `  max ${fmtMs(loop.max)} (target < 200: ${mark(loop.max < 200)})`,
  );
  log(
    `  GET /api/v1/health  n ${health.n}  p50 ${fmtMs(health.p50)}  p95 ${fmtMs(health.p95)} ` +
      `(target < 20: ${mark(health.p95 < 20)})  max ${fmtMs(health.max)}  errors ${result.healthErrors}`,
  );
  log(
    `  hub RSS right after the mix ${fmtMs(memory.rssMb ?? NaN)} MB (peak ${fmtMs(memory.peakRssMb ?? NaN)} MB), ` +
      `35 s later (worker stopped) ${fmtMs(idleMemory.rssMb ?? NaN)} MB (target < 150)`,
  );
  log(`  ${uptime()}`);
  const failed = result.ops.filter((op) => op.status >= 300).length + result.healthErrors;
  return failed > 0 ? 1 : 0;
}
const round = (x: number, d = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);
const roundStats = (s: Stats) => ({
  n: s.n,
  p50: round(s.p50),
  p95: round(s.p95),
  p99: round(s.p99),
  mean: round(s.mean),
  min: round(s.min),
  max: round(s.max),
});

function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      out: { type: 'string', default: path.join(ROOT, 'bench-results.json') },
      /** Only the digitisation scenario (scripts/bench/digitisationBench.ts). */
      digitisation: { type: 'boolean', default: false },
      // "No freeze" scenario only (docs/performance.md); --dossiers N to change its size.
      freeze: { type: 'boolean', default: false },
      dossiers: { type: 'string' },
    },
    strict: true,
  });
  if (values.digitisation) {
    installSignalCleanup();
    log(
      `Một Cửa Kiosk benchmark (digitisation) — ${os.cpus().length} CPU(s), node ${process.version}`,
    );
    log(`  ${uptime()}`);
    ensureBuiltHub(log, true);
    try {
      await runDigitisationBench(log);
    } finally {
      await runCleanup();
    }
    return 0;
  }
  const freezeDossiers = Number(values.dossiers ?? FREEZE_DOSSIERS);
  const scale: Scale = values.freeze
    ? {
        ...QUICK,
        dossiers: freezeDossiers,
        tickets: freezeDossiers * 3,
        ratings: Math.round(freezeDossiers * 0.3),
      }
    : values.quick
      ? QUICK
      : FULL;
  const started = process.hrtime.bigint();
  const loadBefore = uptime();
  installSignalCleanup();
  log(
    `Một Cửa Kiosk benchmark (${values.quick ? 'quick' : 'full'}) — ${os.cpus().length} CPU(s), node ${process.version}`,
  );
  log(`  ${loadBefore}`);

  ensureBuiltHub(log, true);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
  const hubPidFile = path.join(dir, 'hub.pid');
  startReaper(dir, hubPidFile, values.keep);
  if (values.keep) log(`Data folder kept: ${dir}`);
  else onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));

  // 1. seed
  log(
    `\n1. Seeding ${fmtInt(scale.dossiers)} dossiers, ${fmtInt(scale.tickets)} tickets, ` +
      `${fmtInt(scale.ratings)} ratings over 5 years…`,
  );
  const seed = await seedDatabase({
    dir,
    dossiers: scale.dossiers,
    tickets: scale.tickets,
    ratings: scale.ratings,
    years: 5,
    now: new Date(),
    log,
  });
  log(
    `   ${fmtInt(seed.totalRows)} rows in ${seed.seconds.toFixed(1)} s = ${fmtInt(seed.rowsPerSecond)} rows/s ` +
      `(${fmtInt(seed.rows.dossiers)} dossiers + as many FTS rows, ${fmtInt(seed.rows.dossierEvents)} trail events, ` +
      `${fmtInt(seed.rows.tickets)} tickets, ${fmtInt(seed.rows.ratings)} ratings); ` +
      `${(seed.bytes / 1e9).toFixed(2)} GB`,
  );

  // In-process, before the hub runs: the receipt rendering (docs/printing.md).
  if (values.freeze) return freezeScenario(dir, hubPidFile, seed);

  log('\n   80 mm raster receipt rendering (in-process)…');
  const print = benchReceiptRender(scale.printRuns);

  // 2 + 4. the hub: cold start, HTTP operations, memory
  // Today's automatic backup is marked as done: on a fresh 2 GB database the hub would
  // otherwise copy and check it in the background during the measurements (docs/performance.md).
  const backups = path.join(dir, 'backups');
  fs.mkdirSync(backups, { recursive: true });
  for (const kind of ['daily', 'monthly'] as const)
    fs.writeFileSync(path.join(backups, backupFileName(kind, new Date())), '');
  log('\n2. Starting the built hub (out/main/hub.js) on it…');
  // First start on the seeded file: no clean-shutdown marker, so the hub runs its full
  // startup check (as after a crash or power cut). Then a clean stop and the start every
  // working day sees; the HTTP measurements use that second hub.
  const first = await startHubProcess(dir, [], 300_000, hubPidFile);
  const firstStartMs = first.coldStartMs;
  log(`   first start (full startup check, as after a crash): ${fmtMs(firstStartMs)} ms`);
  const firstExit = await first.stop();
  if (firstExit !== 0) throw new Error(`the hub did not stop cleanly (exit ${String(firstExit)})`);
  const hub = await startHubProcess(dir, [], 300_000, hubPidFile);
  log(
    `   cold start after a clean stop, to the first answer: ${fmtMs(hub.coldStartMs)} ms (pid ${hub.pid})`,
  );
  const expected = latestSchemaVersion();
  if (hub.health.schemaVersion !== expected) {
    await hub.stop();
    throw new Error(
      `the built hub has schema ${hub.health.schemaVersion}, the seeder ${expected}: rebuild (npm run build)`,
    );
  }
  let http: OpResult[];
  let memory: ReturnType<typeof hub.memory>;
  try {
    http = await runHttpBench(
      {
        port: hub.port,
        samples: seed.samples,
        lastFullYear: seed.lastFullYear,
        span: seed.span,
        log,
      },
      scale.http,
    );
    memory = hub.memory();
  } finally {
    const code = await hub.stop();
    if (code !== 0) log(`   (the hub exited with ${code})`);
  }
  log(
    `   hub memory after the run: RSS ${fmtMs(memory.rssMb ?? NaN)} MB (peak ${fmtMs(memory.peakRssMb ?? NaN)} MB)`,
  );

  // 3. the floor
  log('\n3. The same database work directly on SQLite (floor)…');
  const floor = runFloorBench(
    seed.dbFile,
    seed.samples,
    { lastFullYear: seed.lastFullYear, span: seed.span },
    scale.floor,
  );

  // 5. table + JSON
  const rows = http.map((op) => {
    const f = floor[FLOOR_OF[op.key] ?? ''];
    const target = TARGETS[op.key];
    return {
      op,
      floor: f,
      ratioP50: f ? op.stats.p50 / f.p50 : NaN,
      ratioP95: f ? op.stats.p95 / f.p95 : NaN,
      target: target?.text ?? '',
      met: target ? target.ok(op.stats) : null,
    };
  });
  const head = [
    'Operation (HTTP)',
    'n',
    'p50',
    'p95',
    'p99',
    'ops/s',
    'floor p50',
    'floor p95',
    '×p50',
    '×p95',
    'target',
    'met',
    'err',
  ];
  const table = rows.map((r) => [
    r.op.label,
    String(r.op.stats.n),
    fmtMs(r.op.stats.p50),
    fmtMs(r.op.stats.p95),
    fmtMs(r.op.stats.p99),
    r.op.throughput.toFixed(0),
    r.floor ? fmtMs(r.floor.p50) : '—',
    r.floor ? fmtMs(r.floor.p95) : '—',
    Number.isFinite(r.ratioP50) ? `${r.ratioP50.toFixed(1)}×` : '—',
    Number.isFinite(r.ratioP95) ? `${r.ratioP95.toFixed(1)}×` : '—',
    r.target,
    r.met === null ? '' : r.met ? 'yes' : 'NO',
    String(r.op.errors),
  ]);
  table.push([
    '80 mm raster receipt (in-process)',
    String(print.stats.n),
    fmtMs(print.stats.p50),
    fmtMs(print.stats.p95),
    fmtMs(print.stats.p99),
    (1000 / print.stats.mean).toFixed(0),
    '—',
    '—',
    '—',
    '—',
    TARGETS.print?.text ?? '',
    TARGETS.print?.ok(print.stats) ? 'yes' : 'NO',
    '0',
  ]);
  const widths = head.map((h, i) =>
    Math.max(h.length, ...table.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === 10 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  const totalSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const loadAfter = uptime();
  log('\nLatencies in ms (floor = the same database work on SQLite directly; × = HTTP / floor)\n');
  log(line(head));
  log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of table) log(line(row));
  log(
    `\nSeeding: ${fmtInt(seed.totalRows)} rows, ${fmtInt(seed.rowsPerSecond)} rows/s, ${seed.seconds.toFixed(0)} s; ` +
      `hub cold start ${fmtMs(hub.coldStartMs)} ms (after a crash: ${fmtMs(firstStartMs)} ms); hub RSS after the run ${fmtMs(memory.rssMb ?? NaN)} MB ` +
      `(peak ${fmtMs(memory.peakRssMb ?? NaN)} MB); total ${totalSeconds.toFixed(0)} s`,
  );
  log(`  ${loadAfter}`);

  const errors = http.reduce((s, op) => s + op.errors, 0);
  for (const op of http.filter((o) => o.errors > 0))
    log(`  ${op.label}: ${op.errors} errors, e.g. ${op.errorSamples.join(' | ')}`);

  const result = {
    generatedAt: new Date().toISOString(),
    mode: values.quick ? 'quick' : 'full',
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      memoryGb: round(os.totalmem() / 1e9, 1),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      loadBefore,
      loadAfter,
    },
    seeding: {
      rows: seed.rows,
      totalRows: seed.totalRows,
      seconds: round(seed.seconds, 1),
      rowsPerSecond: Math.round(seed.rowsPerSecond),
      databaseBytes: seed.bytes,
      span: seed.span,
    },
    hub: {
      coldStartMs: round(hub.coldStartMs, 0),
      firstStartAfterUncleanStopMs: round(firstStartMs, 0),
      rssMb: round(memory.rssMb ?? NaN, 0),
      peakRssMb: round(memory.peakRssMb ?? NaN, 0),
      schemaVersion: hub.health.schemaVersion ?? null,
    },
    operations: rows.map((r) => ({
      key: r.op.key,
      label: r.op.label,
      http: { ...roundStats(r.op.stats), perSecond: round(r.op.throughput, 1) },
      floor: r.floor ? roundStats(r.floor) : null,
      ratioP50: round(r.ratioP50),
      ratioP95: round(r.ratioP95),
      target: r.target || null,
      met: r.met,
      errors: r.op.errors,
      errorSamples: r.op.errorSamples,
    })),
    print: {
      ...roundStats(print.stats),
      bytes: print.bytes,
      target: TARGETS.print?.text,
      met: TARGETS.print?.ok(print.stats),
    },
    totalSeconds: round(totalSeconds, 0),
  };
  fs.writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
  log(`Written: ${path.relative(process.cwd(), values.out) || values.out}`);
  return errors > 0 ? 1 : 0;
}

// A hard stop so that the benchmark always ends by itself (full run: < 15 minutes here).
const deadline = setTimeout(
  () => {
    console.error('bench: time limit reached, stopping');
    void runCleanup().finally(() => process.exit(1));
  },
  process.argv.includes('--quick') ? 10 * 60_000 : 40 * 60_000,
);
deadline.unref();

main().then(
  async (code) => {
    await runCleanup();
    process.exit(code);
  },
  async (e: unknown) => {
    console.error(e);
    await runCleanup();
    process.exit(1);
  },
);
