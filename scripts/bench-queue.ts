/**
 * Benchmark: issuing queue tickets over HTTP with 4 kiosks at once (target p95 < 30 ms,
 * docs/performance.md).
 *
 *   npm run bench:queue [-- --per-kiosk 250 --kiosks 4]
 *
 * Starts the BUILT hub (`out/main/hub.js`, built if missing) as its own process on a fresh
 * data folder (demo data, real SQLite with synchronous=FULL, ticket printing through the
 * print-job service: no ticket printer → "show on screen"). Each kiosk is a keep-alive HTTP
 * client bound to its own loopback address (127.0.0.1…127.0.0.4) that issues one ticket
 * after another as a paired kiosk; a kiosk may issue 30 tickets a minute, so each switches
 * to a fresh paired device every 25 tickets (paired by the demo admin beforehand, untimed:
 * scripts/bench/devices.ts). Prints p50/p95/p99 latency
 * and tickets per second. No assertion: numbers only. The same measurement runs on a
 * province-sized database in `npm run bench` (helpers in scripts/bench/).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { installSignalCleanup, onCleanup, runCleanup } from './bench/cleanup';
import { devicesFor, kioskDevices, pairKiosks } from './bench/devices';
import { createClient, type HttpResult } from './bench/httpClient';
import { ensureBuiltHub, startHubProcess } from './bench/hubProcess';
import { msSince, summarize } from './bench/stats';

const { values } = parseArgs({
  options: {
    kiosks: { type: 'string', default: '4' },
    'per-kiosk': { type: 'string', default: '250' },
    warmup: { type: 'string', default: '20' },
  },
});
const KIOSKS = Math.max(1, Math.min(8, Number(values.kiosks)));
const PER_KIOSK = Math.max(1, Math.min(550, Number(values['per-kiosk'])));
const WARMUP = Math.max(0, Math.min(40, Number(values.warmup)));

async function main() {
  installSignalCleanup();
  ensureBuiltHub((line) => console.log(line));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-queue-'));
  onCleanup(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const hub = await startHubProcess(dataDir, ['--demo']);
  const services = (await (await fetch(`${hub.base}/api/v1/queue/services`)).json()) as {
    id: string;
  }[];
  const kiosks = Array.from({ length: KIOSKS }, (_, i) =>
    createClient(hub.port, `127.0.0.${i + 1}`),
  );
  const perKiosk = devicesFor(WARMUP + PER_KIOSK);
  const tokens = await pairKiosks(kiosks[0] as (typeof kiosks)[number], KIOSKS * perKiosk);
  const deviceOf = kiosks.map((_, k) =>
    kioskDevices(tokens.slice(k * perKiosk, (k + 1) * perKiosk)),
  );
  const sent = kiosks.map(() => 0);
  const issue = (i: number): Promise<HttpResult> => {
    const k = i % KIOSKS;
    const n = sent[k] ?? 0;
    sent[k] = n + 1;
    return (kiosks[k] as (typeof kiosks)[number]).request('POST', '/api/v1/queue/tickets', {
      body: { serviceId: services[i % services.length]?.id },
      device: (deviceOf[k] as (n: number) => string)(n),
    });
  };

  // Warm-up (JIT, prepared statements, connections), not measured.
  await Promise.all(
    kiosks.map(async (_, i) => {
      for (let n = 0; n < WARMUP; n++) await issue(i);
    }),
  );

  const latencies: number[] = [];
  let errors = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    kiosks.map(async (_, i) => {
      for (let n = 0; n < PER_KIOSK; n++) {
        const r = await issue(i + n * KIOSKS);
        if (r.status === 201) latencies.push(r.ms);
        else errors += 1;
      }
    }),
  );
  const seconds = msSince(t0) / 1000;
  const s = summarize(latencies);
  const f = (x: number) => x.toFixed(2).padStart(7);
  console.log(`Issuing queue tickets over HTTP — ${KIOSKS} kiosks × ${PER_KIOSK} tickets`);
  console.log(`  node ${process.version}, ${os.cpus().length} CPU(s), ${os.platform()}`);
  console.log(`  p50 ${f(s.p50)} ms`);
  console.log(`  p95 ${f(s.p95)} ms   (target < 30 ms)`);
  console.log(`  p99 ${f(s.p99)} ms`);
  console.log(`  max ${f(s.max)} ms`);
  console.log(`  ${(s.n / seconds).toFixed(0)} tickets/s, ${errors} errors`);
  for (const k of kiosks) k.close();
  await hub.stop();
}

main()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => runCleanup());
