import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakePrinter, type FakePrinter } from '../../../src/core/printing/fakePrinter';
import { queryStatus } from '../../../src/core/printing/status';

let printer: FakePrinter;
beforeAll(async () => {
  printer = await startFakePrinter();
});
afterEach(async () => {
  await printer.setBehaviour({
    refuse: false,
    silent: false,
    paperOut: false,
    coverOpen: false,
    paperNearEnd: false,
    offline: false,
  });
});
afterAll(async () => {
  await printer.close();
});

describe('queryStatus (DLE EOT over TCP)', () => {
  it('reads a ready printer', async () => {
    const r = await queryStatus(printer.uri, { timeoutMs: 2000 });
    expect(r).toMatchObject({
      ok: true,
      status: { online: true, paperOut: false, coverOpen: false, error: false },
    });
    expect(printer.jobs()).toEqual([]); // a status query is not a print job
  });

  it('reads paper out', async () => {
    await printer.setBehaviour({ paperOut: true });
    expect(await queryStatus(printer.uri)).toMatchObject({
      ok: true,
      status: { online: false, paperOut: true },
    });
  });

  it('reads cover open and paper near end', async () => {
    await printer.setBehaviour({ coverOpen: true, paperNearEnd: true });
    expect(await queryStatus(printer.uri)).toMatchObject({
      ok: true,
      status: { online: false, coverOpen: true, paperNearEnd: true, paperOut: false },
    });
  });

  it('times out when the printer does not answer', async () => {
    await printer.setBehaviour({ silent: true });
    expect(await queryStatus(printer.uri, { timeoutMs: 300 })).toMatchObject({
      ok: false,
      code: 'TIMEOUT',
    });
  });

  it('reports a refused connection', async () => {
    await printer.setBehaviour({ refuse: true });
    expect(await queryStatus(printer.uri, { timeoutMs: 1000 })).toMatchObject({
      ok: false,
      code: 'ECONNREFUSED',
    });
  });

  it('rejects a reply that is not a status byte', async () => {
    const server = net.createServer((s) => s.on('data', () => s.write(Buffer.from('HTTP'))));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const r = await queryStatus(`tcp://127.0.0.1:${port}`, { timeoutMs: 1000 });
    await new Promise<void>((r2) => server.close(() => r2()));
    expect(r).toMatchObject({ ok: false, code: 'BAD_REPLY' });
  });

  it('is not available for other transports', async () => {
    expect(await queryStatus('/dev/usb/lp0')).toMatchObject({ ok: false, code: 'NOT_SUPPORTED' });
  });
});
