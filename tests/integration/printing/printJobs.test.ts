import { afterAll, describe, expect, it } from 'vitest';
import { decodeEscPos, testPageLayout } from '../../../src/core/printing';
import type { PrintJob } from '../../../src/shared/contract';
import {
  ADMIN,
  OFFICER,
  api,
  cleanupHubs,
  errorOf,
  login,
  makeTempDir,
  startTestHub,
} from '../../helpers/hub';
import { fakePrinterPerTest } from '../../helpers/printer';

/**
 * Print jobs never fail silently (docs/printing.md): a refused or vanished printer ends the job
 * `failed` with the reason, the job survives a restart, a retry prints it once the printer
 * is back, and the desk can read the printer's state.
 */
const printer = fakePrinterPerTest();
afterAll(cleanupHubs);

function profile(uri: string, extra: Record<string, unknown> = {}) {
  return {
    id: 'quay1',
    name: 'Máy in quầy 1',
    uri,
    widthMm: 80,
    mode: 'raster',
    roles: ['receipt', 'ticket'],
    ...extra,
  };
}

describe('printer profiles', () => {
  it('an admin replaces the list with PUT (the body is the array) and reads it back', async () => {
    const hub = await startTestHub();
    const token = await login(hub.url, ADMIN);
    const put = await api(hub.url, '/api/v1/printers', {
      method: 'PUT',
      token,
      json: [profile(printer.uri)],
    });
    expect(put.status).toBe(200);
    const got = await api(hub.url, '/api/v1/printers', { token });
    expect(got.body).toEqual([
      expect.objectContaining({
        id: 'quay1',
        uri: printer.uri,
        widthMm: 80,
        roles: ['receipt', 'ticket'],
      }),
    ]);
  });

  it('refuses a code-page profile without an encoding, and changes nothing', async () => {
    const hub = await startTestHub();
    const token = await login(hub.url, ADMIN);
    await api(hub.url, '/api/v1/printers', { method: 'PUT', token, json: [profile(printer.uri)] });
    const bad = await api(hub.url, '/api/v1/printers', {
      method: 'PUT',
      token,
      json: [profile(printer.uri, { id: 'x', mode: 'codepage' })],
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe('VALIDATION_ERROR');
    const got = await api(hub.url, '/api/v1/printers', { token });
    expect((got.body as { id: string }[]).map((p) => p.id)).toEqual(['quay1']);
  });

  it('is admin-only: an officer gets 403', async () => {
    const hub = await startTestHub();
    const token = await login(hub.url, OFFICER);
    expect((await api(hub.url, '/api/v1/printers', { token })).status).toBe(403);
  });
});

describe('print jobs', () => {
  it('a test print reaches the printer as a raster image with full diacritics rendered', async () => {
    const hub = await startTestHub();
    const token = await login(hub.url, ADMIN);
    await api(hub.url, '/api/v1/printers', { method: 'PUT', token, json: [profile(printer.uri)] });
    const res = await api(hub.url, '/api/v1/printers/quay1/test', {
      method: 'POST',
      token,
      json: {},
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'done', kind: 'test-page', attempts: 1, error: null });
    const [bytes] = await printer.waitForJobs(1);
    const decoded = decodeEscPos(bytes as Buffer);
    expect(decoded.images.length).toBeGreaterThan(0);
    expect(decoded.images[0]?.width).toBe(576);
    expect(decoded.cuts).toBeGreaterThanOrEqual(1);
  });

  it('a refused connection ends the job failed with the reason; retry prints it once the printer is back (audited)', async () => {
    const hub = await startTestHub();
    const admin = await login(hub.url, ADMIN);
    const officer = await login(hub.url, OFFICER);
    await api(hub.url, '/api/v1/printers', {
      method: 'PUT',
      token: admin,
      json: [profile(printer.uri)],
    });
    await printer.setBehaviour({ refuse: true });

    const job = (await hub.core.print.submit({
      role: 'receipt',
      kind: 'test-page',
      document: testPageLayout({
        printerName: 'Máy in quầy 1',
        printedAt: new Date(),
        qrData: 'x',
      }),
    })) as PrintJob;
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('ECONNREFUSED');
    expect(job.error?.message).toMatch(/Máy in từ chối kết nối/);
    expect(job.nextAttemptAt).not.toBeNull(); // an automatic retry is planned

    const failed = await api(hub.url, '/api/v1/print-jobs?status=failed', { token: officer });
    expect((failed.body as PrintJob[]).map((j) => j.id)).toContain(job.id);

    await printer.setBehaviour({ refuse: false });
    const retried = await api(hub.url, `/api/v1/print-jobs/${job.id}/retry`, {
      method: 'POST',
      token: officer,
      json: {},
    });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: job.id, status: 'done', attempts: 2, error: null });
    expect(await printer.waitForJobs(1)).toHaveLength(1);

    const audit = await api(hub.url, '/api/v1/audit?limit=50', { token: admin });
    expect(audit.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'print.reprint', entityId: job.id, actor: 'canbo1' }),
      ]),
    );
  });

  it('a printer that disappears mid-job ends the job failed (DISCONNECTED), never a crash', async () => {
    const hub = await startTestHub();
    const token = await login(hub.url, ADMIN);
    await api(hub.url, '/api/v1/printers', { method: 'PUT', token, json: [profile(printer.uri)] });
    await printer.setBehaviour({ dropAfterBytes: 2048 });
    const res = await api(hub.url, '/api/v1/printers/quay1/test', {
      method: 'POST',
      token,
      json: {},
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'failed', error: { code: 'DISCONNECTED' } });
    expect((await api(hub.url, '/api/v1/health')).status).toBe(200);
  });

  it('no job is lost across a restart; an interrupted job is picked up and printed', async () => {
    const dataDir = makeTempDir();
    let hub = await startTestHub({ dataDir });
    const token = await login(hub.url, ADMIN);
    await api(hub.url, '/api/v1/printers', { method: 'PUT', token, json: [profile(printer.uri)] });
    await printer.setBehaviour({ refuse: true });
    const job = await hub.core.print.submit({
      role: 'ticket',
      kind: 'test-page',
      document: testPageLayout({
        printerName: 'Máy in quầy 1',
        printedAt: new Date(),
        qrData: 'x',
      }),
    });
    expect(job.status).toBe('failed');
    // Simulate a crash in the middle of printing: the row says 'printing'.
    hub.core.db.prepare("UPDATE print_jobs SET status = 'printing' WHERE id = ?").run(job.id);
    await hub.stop();

    await printer.setBehaviour({ refuse: false });
    hub = await startTestHub({ dataDir });
    await printer.waitForJobs(1, 8_000);
    const officer = await login(hub.url, OFFICER);
    const jobs = (await api(hub.url, '/api/v1/print-jobs', { token: officer })).body as PrintJob[];
    const again = jobs.find((j) => j.id === job.id);
    expect(again).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('with no printer for the role the slip is shown on screen: status screen + a PNG preview', async () => {
    const hub = await startTestHub();
    const officer = await login(hub.url, OFFICER);
    const job = await hub.core.print.submit({
      role: 'receipt',
      kind: 'test-page',
      document: testPageLayout({ printerName: 'Màn hình', printedAt: new Date(), qrData: 'x' }),
    });
    expect(job.status).toBe('screen');
    const preview = await api(hub.url, `/api/v1/print-jobs/${job.id}/preview`, { token: officer });
    expect(preview.status).toBe(200);
    const { png, widthMm } = preview.body as { png: string; widthMm: number };
    expect(widthMm).toBe(80);
    expect(png.startsWith('data:image/png;base64,')).toBe(true);
    expect(
      Buffer.from(png.split(',')[1] as string, 'base64')
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });
});

describe('printer status for the desk', () => {
  it('reads paper-out over DLE EOT and says so in Vietnamese', async () => {
    const hub = await startTestHub();
    const admin = await login(hub.url, ADMIN);
    const officer = await login(hub.url, OFFICER);
    await api(hub.url, '/api/v1/printers', {
      method: 'PUT',
      token: admin,
      json: [profile(printer.uri)],
    });
    await printer.setBehaviour({ paperOut: true });
    const res = await api(hub.url, '/api/v1/printers/status', { token: officer });
    expect(res.body).toEqual([
      expect.objectContaining({ id: 'quay1', state: 'paper_out', message: 'Máy in hết giấy' }),
    ]);
  });

  it('a printer that refuses connections is reported as unreachable', async () => {
    const hub = await startTestHub();
    const admin = await login(hub.url, ADMIN);
    await api(hub.url, '/api/v1/printers', {
      method: 'PUT',
      token: admin,
      json: [profile(printer.uri)],
    });
    await printer.setBehaviour({ refuse: true });
    const res = await api(hub.url, '/api/v1/printers/status', { token: admin, lang: 'en' });
    expect(res.body).toEqual([
      expect.objectContaining({ state: 'offline', message: 'Printer unreachable' }),
    ]);
  });
});
