/**
 * `npm run bench -- --digitisation`: attach a 10-page 300-dpi colour scan (about 25 MB of
 * JPEG, drawn with @napi-rs/canvas) to a dossier of the BUILT hub and print the time until
 * it is stored as a PDF, and `/api/v1/health` latency (p50/p95/max) before and while the
 * pages are processed (docs/performance.md, "Digitisation"). Targets (read, never
 * asserted): stored in < 3 s, health p95 < 50 ms during processing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { onCleanup } from './cleanup';
import { startHubProcess } from './hubProcess';
import { fmtMs, msSince, summarize, type Stats } from './stats';

/** A colour A4 page at 300 dpi: photo-like noise, colour blocks and text; JPEG quality 92. */
async function colourPage(seed: number): Promise<Buffer> {
  const width = 2480;
  const height = 3508;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(width, height);
  let s = seed * 2654435761;
  const rnd = () => {
    s = (s * 1103515245 + 12345) >>> 0;
    return (s >>> 16) & 0xff;
  };
  const d = image.data;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const n = rnd() >> 3;
      d[i] = 200 + ((x >> 6) % 40) + (n & 15);
      d[i + 1] = 190 + ((y >> 6) % 50) + (n >> 1);
      d[i + 2] = 170 + (((x + y) >> 7) % 60) + n;
      d[i + 3] = 255;
    }
  }
  ctx.putImageData(image, 0, 0);
  ctx.fillStyle = '#1b1b1b';
  ctx.font = '48px sans-serif';
  for (let line = 0; line < 45; line++) {
    ctx.fillText(
      `Trang ${seed} dòng ${line + 1}: Cộng hòa xã hội chủ nghĩa Việt Nam — Độc lập, Tự do, Hạnh phúc`,
      200,
      300 + line * 70,
    );
  }
  ctx.fillStyle = 'rgba(200, 20, 20, 0.6)';
  ctx.beginPath();
  ctx.arc(1800, 3000, 220, 0, Math.PI * 2);
  ctx.fill();
  return canvas.encode('jpeg', 92);
}

async function json(base: string, p: string, token: string | null, body?: unknown) {
  const res = await fetch(`${base}${p}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** Poll GET /api/v1/health every `everyMs` until `stop()`; the latencies in ms. */
function pollHealth(base: string, everyMs = 20): { stop(): Promise<number[]> } {
  const samples: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = process.hrtime.bigint();
      const res = await fetch(`${base}/api/v1/health`);
      await res.arrayBuffer();
      samples.push(msSince(t0));
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return samples;
    },
  };
}

export interface DigitisationBenchResult {
  uploadMb: number;
  pages: number;
  storedKb: number;
  storedMs: number;
  healthBefore: Stats;
  healthDuring: Stats;
}

export async function runDigitisationBench(
  log: (line: string) => void,
): Promise<DigitisationBenchResult> {
  log('\nDigitisation: a 10-page 300-dpi colour scan attached to a dossier');
  const pages: Buffer[] = [];
  for (let i = 1; i <= 10; i++) pages.push(await colourPage(i));
  const uploadBytes = pages.reduce((s, p) => s + p.length, 0);
  log(`   generated ${pages.length} pages, ${(uploadBytes / 1e6).toFixed(1)} MB of JPEG`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-files-'));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  const hub = await startHubProcess(dir, ['--demo']);
  try {
    const token = String(
      (
        await json(hub.base, '/api/v1/auth/login', null, {
          username: 'canbo1',
          password: 'Canbo@123',
        })
      ).token,
    );
    const received = await json(hub.base, '/api/v1/dossiers', token, {
      procedureId: '1.004884',
      applicant: { fullName: 'Người Đo Hiệu Năng', idNumber: '001090999999' },
    });
    const code = String(received.code);
    const dossier = await json(hub.base, `/api/v1/dossiers/${code}`, token);
    const documentName = (dossier.documents as Array<{ name: string }>)[0]?.name ?? 'result';

    // Warm the image worker with one small page (its first start loads the canvas library).
    const warm = new FormData();
    warm.append('documentName', 'result');
    warm.append(
      'file',
      new Blob([new Uint8Array(await createCanvas(100, 140).encode('jpeg', 80))]),
      'w.jpg',
    );
    await fetch(`${hub.base}/api/v1/dossiers/${code}/files`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: warm,
    });

    const before = pollHealth(hub.base);
    await new Promise((r) => setTimeout(r, 2000));
    const healthBefore = summarize(await before.stop());

    const form = new FormData();
    form.append('documentName', documentName);
    form.append('colour', 'colour');
    for (const [i, p] of pages.entries())
      form.append('file', new Blob([new Uint8Array(p)]), `p${i + 1}.jpg`);
    const during = pollHealth(hub.base);
    const t0 = process.hrtime.bigint();
    const res = await fetch(`${hub.base}/api/v1/dossiers/${code}/files`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: form,
    });
    const storedMs = msSince(t0);
    const healthDuring = summarize(await during.stop());
    const body = (await res.json()) as { bytes?: number; pages?: number };
    if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(body)}`);
    const result: DigitisationBenchResult = {
      uploadMb: uploadBytes / 1e6,
      pages: body.pages ?? 0,
      storedKb: (body.bytes ?? 0) / 1024,
      storedMs,
      healthBefore,
      healthDuring,
    };
    log(
      `   stored as a ${result.pages}-page PDF of ${result.storedKb.toFixed(0)} KB in ${fmtMs(storedMs)} ms (target < 3000 ms)`,
    );
    log(
      `   /api/v1/health before: p50 ${fmtMs(healthBefore.p50)} / p95 ${fmtMs(healthBefore.p95)} ms (n=${healthBefore.n}); ` +
        `during: p50 ${fmtMs(healthDuring.p50)} / p95 ${fmtMs(healthDuring.p95)} / max ${fmtMs(healthDuring.max)} ms (n=${healthDuring.n}; target p95 < 50 ms)`,
    );
    return result;
  } finally {
    await hub.stop();
  }
}
