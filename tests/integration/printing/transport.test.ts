/**
 * Sending to printers that misbehave: every outcome is a value with a reason; no throw and
 * no unhandled rejection. Network only on 127.0.0.1.
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { b } from '../../../src/core/printing/document';
import { printDocument } from '../../../src/core/printing/print';
import { renderEscPos } from '../../../src/core/printing/escpos/render';
import { startFakePrinter, type FakePrinter } from '../../../src/core/printing/fakePrinter';
import { sampleDocument } from '../../../src/core/printing/samples';
import { sendToPrinter } from '../../../src/core/printing/transport';

const unhandled: unknown[] = [];
const onUnhandled = (e: unknown): void => void unhandled.push(e);
let printer: FakePrinter;

function bigJob(): Buffer {
  const r = renderEscPos(sampleDocument('dossierReceipt'), {
    widthMm: 80,
    mode: 'raster',
    cut: true,
  });
  if (!r.ok) throw new Error(r.message);
  return r.bytes;
}

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  printer = await startFakePrinter();
});
afterEach(async () => {
  await printer.setBehaviour({ refuse: false, dropAfterBytes: null, stall: false });
});
afterAll(async () => {
  await printer.close();
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

describe('tcp://', () => {
  it('delivers the whole job', async () => {
    const bytes = bigJob();
    const r = await sendToPrinter(printer.uri, bytes, { timeoutMs: 5000 });
    expect(r).toEqual({ ok: true, bytesSent: bytes.length });
    const jobs = await printer.waitForJobs(1);
    expect(jobs.at(-1)?.equals(bytes)).toBe(true);
  });

  it('reports a printer that refuses connections', async () => {
    await printer.setBehaviour({ refuse: true });
    const r = await sendToPrinter(printer.uri, Buffer.from('x'), { timeoutMs: 3000 });
    expect(r).toMatchObject({ ok: false, code: 'ECONNREFUSED' });
    if (!r.ok) expect(r.message).toMatch(/^Máy in từ chối kết nối/);
  });

  it('reports a printer that disappears mid-job', async () => {
    const before = printer.jobs().length;
    await printer.setBehaviour({ dropAfterBytes: 4096 });
    const r = await sendToPrinter(printer.uri, bigJob(), { timeoutMs: 5000 });
    expect(r).toMatchObject({ ok: false, code: 'DISCONNECTED' });
    if (!r.ok) expect(r.message).toContain('Mất kết nối với máy in');
    const jobs = await printer.waitForJobs(before + 1);
    expect(jobs.at(-1)?.length).toBe(4096);
  });

  it('times out on a printer that accepts but never reads', async () => {
    await printer.setBehaviour({ stall: true });
    const big = Buffer.alloc(32 * 1024 * 1024, 0x41); // far more than the socket buffers hold
    const r = await sendToPrinter(printer.uri, big, { timeoutMs: 800 });
    expect(r).toMatchObject({ ok: false, code: 'TIMEOUT', details: { stage: 'write' } });
  });

  it('printDocument returns render failures and transport failures as values', async () => {
    const bad = await printDocument(
      printer.uri,
      { blocks: [b.text('№')] },
      { widthMm: 58, mode: 'codepage', encoding: 'cp1258' },
    );
    expect(bad).toMatchObject({ ok: false, code: 'UNENCODABLE' });
    await printer.setBehaviour({ refuse: true });
    const off = await printDocument(
      printer.uri,
      sampleDocument('ticket'),
      { widthMm: 58 },
      { timeoutMs: 2000 },
    );
    expect(off).toMatchObject({ ok: false, code: 'ECONNREFUSED' });
  });
});

describe('other transports', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'motcua-print-'));

  it('writes to a device path', async () => {
    const dev = path.join(dir, 'lp0');
    writeFileSync(dev, '');
    const r = await sendToPrinter(dev, Buffer.from([0x1b, 0x40, 0x41]));
    expect(r).toEqual({ ok: true, bytesSent: 3 });
    expect([...readFileSync(dev)]).toEqual([0x1b, 0x40, 0x41]);
  });

  it('reports a missing device (USB cable pulled)', async () => {
    const r = await sendToPrinter(path.join(dir, 'nope', 'lp0'), Buffer.from('x'));
    expect(r).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('none: sends nothing and succeeds', async () => {
    expect(await sendToPrinter('none:', Buffer.from('x'))).toEqual({ ok: true, bytesSent: 0 });
  });

  it('rejects an unknown URI as a value', async () => {
    expect(await sendToPrinter('http://printer', Buffer.from('x'))).toMatchObject({
      ok: false,
      code: 'INVALID_URI',
    });
  });

  describe('printer:NAME through lp', () => {
    const savedPath = process.env['PATH'];
    afterEach(() => {
      process.env['PATH'] = savedPath;
    });

    it('pipes the raw job to lp -d NAME -o raw', async () => {
      const bin = mkdtempSync(path.join(tmpdir(), 'motcua-lp-'));
      const out = path.join(bin, 'out');
      writeFileSync(path.join(bin, 'lp'), `#!/bin/sh\necho "$@" > "${out}.args"\ncat > "${out}"\n`);
      chmodSync(path.join(bin, 'lp'), 0o755);
      process.env['PATH'] = `${bin}:${savedPath ?? ''}`;
      const r = await sendToPrinter('printer:XP-80C', Buffer.from([1, 2, 3]));
      expect(r).toEqual({ ok: true, bytesSent: 3 });
      expect([...readFileSync(out)]).toEqual([1, 2, 3]);
      expect(readFileSync(`${out}.args`, 'utf8').trim()).toBe('-d XP-80C -o raw');
    });

    it('reports the queue refusing the job', async () => {
      const bin = mkdtempSync(path.join(tmpdir(), 'motcua-lp-'));
      writeFileSync(
        path.join(bin, 'lp'),
        '#!/bin/sh\ncat >/dev/null\necho "lp: The printer or class does not exist." >&2\nexit 1\n',
      );
      chmodSync(path.join(bin, 'lp'), 0o755);
      process.env['PATH'] = `${bin}:${savedPath ?? ''}`;
      const r = await sendToPrinter('printer:Nope', Buffer.from('x'));
      expect(r).toMatchObject({ ok: false, code: 'SYSTEM_PRINTER_FAILED' });
      if (!r.ok) expect(r.message).toContain('does not exist');
    });

    it('reports a machine without lp', async () => {
      process.env['PATH'] = mkdtempSync(path.join(tmpdir(), 'motcua-empty-'));
      expect(await sendToPrinter('printer:XP-80C', Buffer.from('x'))).toMatchObject({
        ok: false,
        code: 'UNAVAILABLE',
      });
    });
  });
});
