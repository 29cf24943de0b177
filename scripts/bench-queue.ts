/**
 * Benchmark: issuing queue tickets over HTTP with 4 kiosks at once (issue 4 target: p95 < 30 ms).
 *
 *   npm run bench:queue [-- --per-kiosk 250 --kiosks 4]
 *
 * Starts the BUILT hub (`out/main/hub.js`, built if missing) as its own process on a fresh
 * data folder (demo data, real SQLite with synchronous=FULL, ticket printing through the
 * print-job service: no ticket printer → "show on screen"). Each kiosk is a keep-alive HTTP
 * client bound to its own loopback address (127.0.0.1…127.0.0.4, so each has its own rate
 * limit like real kiosks) that issues one ticket after another. Prints p50/p95/p99 latency
 * and tickets per second. No assertion: numbers only.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(__dirname, '..');
const HUB_JS = path.join(ROOT, 'out/main/hub.js');

const { values } = parseArgs({
  options: {
    kiosks: { type: 'string', default: '4' },
    'per-kiosk': { type: 'string', default: '250' },
    warmup: { type: 'string', default: '20' },
  },
});
const KIOSKS = Math.max(1, Math.min(8, Number(values.kiosks)));
const PER_KIOSK = Math.max(1, Math.min(550, Number(values['per-kiosk'])));
const WARMUP = Math.max(0, Number(values.warmup));

function post(
  agent: http.Agent,
  localAddress: string,
  port: number,
  body: string,
): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/v1/queue/tickets',
        method: 'POST',
        agent,
        localAddress,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - t0) / 1e6 }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

async function main() {
  if (!fs.existsSync(HUB_JS)) {
    execFileSync(path.join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-queue-'));
  const hub = spawn(
    process.execPath,
    [HUB_JS, '--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1', '--demo'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const cleanup = () => {
    hub.kill('SIGTERM');
  };
  process.on('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      hub.stdout?.on('data', (c: Buffer) => {
        out += c.toString('utf8');
        const m = /hub đang chạy: (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1] as string);
      });
      hub.once('exit', (code) => reject(new Error(`hub exited (${code})`)));
    });
    const port = Number(new URL(base).port);
    const services = (await (await fetch(`${base}/api/v1/queue/services`)).json()) as {
      id: string;
    }[];

    const kiosks = Array.from({ length: KIOSKS }, (_, i) => ({
      address: `127.0.0.${i + 1}`,
      agent: new http.Agent({ keepAlive: true, maxSockets: 1 }),
    }));
    const body = (i: number) => JSON.stringify({ serviceId: services[i % services.length]?.id });

    // Warm-up (JIT, prepared statements, connections), not measured.
    await Promise.all(
      kiosks.map(async (k, i) => {
        for (let n = 0; n < WARMUP; n++) await post(k.agent, k.address, port, body(i));
      }),
    );

    const latencies: number[] = [];
    let errors = 0;
    const t0 = process.hrtime.bigint();
    await Promise.all(
      kiosks.map(async (k, i) => {
        for (let n = 0; n < PER_KIOSK; n++) {
          const r = await post(k.agent, k.address, port, body(i + n));
          if (r.status === 201) latencies.push(r.ms);
          else errors += 1;
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    latencies.sort((a, b) => a - b);
    const f = (x: number) => x.toFixed(2).padStart(7);
    console.log(`Issuing queue tickets over HTTP — ${KIOSKS} kiosks × ${PER_KIOSK} tickets`);
    console.log(`  node ${process.version}, ${os.cpus().length} CPU(s), ${os.platform()}`);
    console.log(`  p50 ${f(pct(latencies, 50))} ms`);
    console.log(`  p95 ${f(pct(latencies, 95))} ms   (target < 30 ms)`);
    console.log(`  p99 ${f(pct(latencies, 99))} ms`);
    console.log(`  max ${f(latencies.at(-1) ?? NaN)} ms`);
    console.log(`  ${(latencies.length / seconds).toFixed(0)} tickets/s, ${errors} errors`);
    for (const k of kiosks) k.agent.destroy();
  } finally {
    cleanup();
    await new Promise((r) => hub.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
