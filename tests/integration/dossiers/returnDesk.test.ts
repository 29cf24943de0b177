/**
 * Return at the desk (docs/desk.md, "Return" and "Fees and VietQR"), over real HTTP against
 * a real SQLite hub: collector rules per procedure, the fee on the slip with its amount in
 * words, the VietQR payment code (rendered, decoded with jsQR, parsed back), the lookup QR of
 * the return slip, and the forms a dossier's state offers.
 *
 * Old behaviour these tests fail on: a marriage registration's result was returned to one
 * person; the slips carried no fee, no amount in words, no VietQR and no lookup QR; the
 * dossier view did not say which forms its state has.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import jsQR from 'jsqr';
import { QRPay } from 'vietnam-qr-pay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import type { Block, PrintDocument } from '../../../src/core/printing/document';
import { documentFromJson } from '../../../src/core/printing/jobs/documentJson';
import { previewBitmap } from '../../../src/core/printing/preview';
import { amountInWords } from '../../../src/core/printing/payment';
import { shortNumberOf } from '../../../src/core/dossiers/dossierService';
import { getDot, type Bitmap } from '../../../src/core/printing/raster/bitmap';
import type { Hub } from '../../../src/hub/startHub';
import { ADMIN, api, cleanupHubs, errorOf, login, OFFICER, startTestHub } from '../../helpers/hub';

const clock = fixedClock(new Date('2026-03-02T02:00:00Z')); // Mon 02/03/2026 09:00 VN
const PUBLIC = 'http://192.168.1.10:8787';
const BANK = { bankBin: '970415', accountNumber: '113366668888', accountName: 'UBND XA AN BINH' };
let hub: Hub;
let officer: string;
let admin: string;

const applicant = { fullName: 'Nguyễn Văn An', idNumber: '001090123456', phone: '0912345678' };

async function receive(procedureId: string): Promise<string> {
  const res = await api(hub.url, '/api/v1/dossiers', {
    token: officer,
    json: { procedureId, applicant },
  });
  expect(res.status, res.text).toBe(201);
  return (res.body as { code: string }).code;
}

async function act(code: string, body: Record<string, unknown>) {
  return api(hub.url, `/api/v1/dossiers/${code}/actions`, { token: officer, json: body });
}

async function resultReady(procedureId: string): Promise<string> {
  const code = await receive(procedureId);
  const r = await act(code, { action: 'result-ready' });
  expect(r.status, r.text).toBe(200);
  return code;
}

/** The last print job of a dossier, as stored (the exact document the printer got). */
function lastJob(kind: string): PrintDocument {
  const row = hub.core.db
    .prepare('SELECT document FROM print_jobs WHERE kind = ? ORDER BY rowid DESC LIMIT 1')
    .get(kind) as { document: string };
  return documentFromJson(row.document);
}

function bitmapToRgba(bm: Bitmap): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(bm.width * bm.height * 4);
  for (let y = 0; y < bm.height; y++)
    for (let x = 0; x < bm.width; x++) {
      const v = getDot(bm, x, y) ? 0 : 255;
      rgba.set([v, v, v, 255], (y * bm.width + x) * 4);
    }
  return rgba;
}

/** Every QR block of a slip, printed alone as the printer would and decoded with jsQR. */
function decodeQrBlocks(doc: PrintDocument): string[] {
  return doc.blocks
    .filter((b): b is Extract<Block, { type: 'qr' }> => b.type === 'qr')
    .map((qr) => {
      const r = previewBitmap({ blocks: [qr] }, 80);
      if (!r.ok) throw new Error('render failed');
      const found = jsQR(bitmapToRgba(r.bitmap), r.bitmap.width, r.bitmap.height);
      if (!found) throw new Error('QR not decoded');
      return found.data;
    });
}

/** The inline SVG QR inside `marker` of an HTML form, drawn and decoded with jsQR. */
async function decodeSvgQr(html: string, marker: string): Promise<string> {
  const at = html.indexOf(marker);
  expect(at, `${marker} in the form`).toBeGreaterThan(-1);
  const svg = /<svg[\s\S]*?<\/svg>/.exec(html.slice(at))?.[0] ?? '';
  const sized = svg
    .replace(/width="[^"]*mm"/, 'width="400"')
    .replace(/height="[^"]*mm"/, 'height="400"');
  const img = await loadImage(Buffer.from(sized));
  const canvas = createCanvas(440, 440);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 440, 440);
  ctx.drawImage(img, 20, 20, 400, 400);
  const data = ctx.getImageData(0, 0, 440, 440).data;
  const found = jsQR(new Uint8ClampedArray(data), 440, 440);
  if (!found) throw new Error(`QR in ${marker} not decoded`);
  return found.data;
}

async function formHtml(code: string, form: string): Promise<string> {
  const link = await api(hub.url, `/api/v1/dossiers/${code}/forms/${form}`, {
    token: officer,
    json: {},
  });
  expect(link.status, link.text).toBe(200);
  const page = await fetch(hub.url + (link.body as { url: string }).url);
  return page.text();
}

beforeAll(async () => {
  hub = await startTestHub({ clock, publicUrl: PUBLIC, authPolicy: { sessionHours: 24 * 365 } });
  officer = await login(hub.url, OFFICER);
  admin = await login(hub.url, ADMIN);
});
afterAll(cleanupHubs);

describe('collectors per procedure', () => {
  it('a marriage registration (1.000894) is not returned to one spouse: 422 COLLECTORS_REQUIRED, nothing written', async () => {
    const code = await resultReady('1.000894');
    const got = await api(hub.url, `/api/v1/dossiers/${code}`, { token: officer });
    expect((got.body as { collectorsRequired: number }).collectorsRequired).toBe(2);
    const events = () =>
      (hub.core.db.prepare('SELECT COUNT(*) AS n FROM dossier_events').get() as { n: number }).n;
    const before = events();
    const one = await act(code, {
      action: 'return',
      collectedBy: 'Nguyễn Văn An',
      idChecked: true,
    });
    expect(one.status, one.text).toBe(422);
    expect(errorOf(one).code).toBe('COLLECTORS_REQUIRED');
    expect(errorOf(one).message).toContain('2 người');
    // The same name twice is one person.
    const same = await act(code, {
      action: 'return',
      collectedBy: 'Nguyễn Văn An',
      secondCollectedBy: ' nguyễn văn an ',
      idChecked: true,
    });
    expect(errorOf(same).code).toBe('COLLECTORS_REQUIRED');
    expect(events()).toBe(before);

    const both = await act(code, {
      action: 'return',
      collectedBy: 'Nguyễn Văn An',
      secondCollectedBy: 'Trần Thị Bình',
      idChecked: true,
    });
    expect(both.status, both.text).toBe(200);
    const d = both.body as { returned: { collectedBy: string; secondCollectedBy: string } };
    expect(d.returned).toMatchObject({
      collectedBy: 'Nguyễn Văn An',
      secondCollectedBy: 'Trần Thị Bình',
    });
    const print = await api(hub.url, `/api/v1/dossiers/${code}/print`, {
      token: officer,
      json: { form: 'return' },
    });
    expect(print.status, print.text).toBe(200);
    const slip = JSON.stringify(lastJob('return-slip'));
    expect(slip).toContain('Nguyễn Văn An và Trần Thị Bình');
  });

  it('other procedures keep one collector', async () => {
    const code = await resultReady('1.001193');
    const one = await act(code, {
      action: 'return',
      collectedBy: 'Nguyễn Văn An',
      idChecked: true,
    });
    expect(one.status, one.text).toBe(200);
  });
});

describe('the bank account setting', () => {
  it('is admin-only, checks the bank against the VietQR list and can be cleared', async () => {
    const asOfficer = await api(hub.url, '/api/v1/bank-account', {
      method: 'PUT',
      token: officer,
      json: { account: BANK },
    });
    expect(asOfficer.status).toBe(403);
    const unknown = await api(hub.url, '/api/v1/bank-account', {
      method: 'PUT',
      token: admin,
      json: { account: { ...BANK, bankBin: '123456' } },
    });
    expect(unknown.status).toBe(422);
    const list = await api(hub.url, '/api/v1/bank-account', { token: admin });
    const banks = (list.body as { banks: Array<{ bin: string }> }).banks;
    expect(banks.some((b) => b.bin === '970415')).toBe(true);
    expect((list.body as { account: unknown }).account).toBeNull();
  });
});

describe('fees, amount in words and VietQR on the receipt and the return slip', () => {
  it('without a bank account: the fee and its words, no payment code', async () => {
    const code = await receive('1.004222'); // Đăng ký thường trú: 20.000 đồng
    const print = await api(hub.url, `/api/v1/dossiers/${code}/print`, {
      token: officer,
      json: { form: 'receipt' },
    });
    expect(print.status, print.text).toBe(200);
    const doc = lastJob('dossier-receipt');
    const text = JSON.stringify(doc);
    expect(text).toContain('Phí, lệ phí phải nộp: 20.000 đồng');
    expect(text).toContain('Bằng chữ: Hai mươi nghìn đồng');
    // Only the lookup QR.
    expect(decodeQrBlocks(doc)).toEqual([`${PUBLIC}/kiosk?lookup=${encodeURIComponent(code)}`]);
  });

  it('with the bank account: receipt and return slip carry a VietQR of the amount and the code', async () => {
    const set = await api(hub.url, '/api/v1/bank-account', {
      method: 'PUT',
      token: admin,
      json: { account: BANK },
    });
    expect(set.status, set.text).toBe(200);

    const code = await receive('1.004222');
    await api(hub.url, `/api/v1/dossiers/${code}/print`, {
      token: officer,
      json: { form: 'receipt' },
    });
    const receiptQrs = decodeQrBlocks(lastJob('dossier-receipt'));
    const receiptPay = receiptQrs.map((q) => new QRPay(q)).find((p) => p.isValid);
    expect(receiptPay, receiptQrs.join('\n')).toBeDefined();
    expect(receiptPay?.consumer).toMatchObject({ bankBin: '970415', bankNumber: '113366668888' });
    expect(receiptPay?.amount).toBe('20000');
    expect(receiptPay?.additionalData.purpose).toBe(code);

    // The A5 receipt (Mẫu 01) carries the same code.
    const a5 = await formHtml(code, 'receipt');
    expect(a5).toContain('Hai mươi nghìn đồng');
    const a5Pay = new QRPay(await decodeSvgQr(a5, 'data-vietqr'));
    expect(a5Pay.isValid).toBe(true);
    expect(a5Pay.amount).toBe('20000');
    expect(a5Pay.additionalData.purpose).toBe(code);

    // Returned with nothing recorded yet: the slip asks for the fee and carries the code.
    expect((await act(code, { action: 'result-ready' })).status).toBe(200);
    const ret = await act(code, {
      action: 'return',
      collectedBy: applicant.fullName,
      idChecked: true,
    });
    expect(ret.status, ret.text).toBe(200);
    await api(hub.url, `/api/v1/dossiers/${code}/print`, {
      token: officer,
      json: { form: 'return' },
    });
    const slip = lastJob('return-slip');
    const slipText = JSON.stringify(slip);
    expect(slipText).toContain('Phí, lệ phí phải nộp: 20.000 đồng');
    expect(slipText).toContain('Bằng chữ: Hai mươi nghìn đồng');
    const qrs = decodeQrBlocks(slip);
    // The lookup QR of the dossier at the public address (the citizen's phone opens it).
    expect(qrs).toContain(`${PUBLIC}/kiosk?lookup=${encodeURIComponent(code)}`);
    const pay = qrs.map((q) => new QRPay(q)).find((p) => p.isValid);
    expect(pay?.consumer).toMatchObject({ bankBin: '970415', bankNumber: '113366668888' });
    expect(pay?.amount).toBe('20000');
    expect(pay?.additionalData.purpose).toBe(code);

    // The A5 return slip: lookup QR and VietQR, both decoded.
    const html = await formHtml(code, 'return');
    expect(await decodeSvgQr(html, 'data-lookup-qr')).toBe(
      `${PUBLIC}/kiosk?lookup=${encodeURIComponent(code)}`,
    );
    expect(new QRPay(await decodeSvgQr(html, 'data-vietqr')).additionalData.purpose).toBe(code);
  });

  it('a recorded payment prints how and by whom, and no payment code', async () => {
    const code = await resultReady('1.004222');
    const ret = await act(code, {
      action: 'return',
      collectedBy: applicant.fullName,
      idChecked: true,
      feePaidVnd: 20000,
      paymentMethod: 'transfer',
    });
    expect((ret.body as { returned: unknown }).returned).toMatchObject({
      feePaidVnd: 20000,
      paymentMethod: 'transfer',
    });
    await api(hub.url, `/api/v1/dossiers/${code}/print`, {
      token: officer,
      json: { form: 'return' },
    });
    const slip = lastJob('return-slip');
    const text = JSON.stringify(slip);
    expect(text).toContain('Phí, lệ phí đã nộp: 20.000 đồng');
    expect(text).toContain('Hình thức nộp: Chuyển khoản; người thu: Nguyễn Thị Ngọc Ánh');
    expect(decodeQrBlocks(slip).some((q) => new QRPay(q).isValid)).toBe(false);
  });

  it('a fee paid in cash gets no payment code; a free procedure prints no fee block', async () => {
    const code = await resultReady('1.004222');
    await act(code, {
      action: 'return',
      collectedBy: applicant.fullName,
      idChecked: true,
      feePaidVnd: 20000,
      paymentMethod: 'cash',
    });
    await api(hub.url, `/api/v1/dossiers/${code}/print`, {
      token: officer,
      json: { form: 'return' },
    });
    const slip = lastJob('return-slip');
    expect(JSON.stringify(slip)).toContain('Tiền mặt');
    expect(decodeQrBlocks(slip).some((q) => new QRPay(q).isValid)).toBe(false);

    const free = await resultReady('1.001193');
    await act(free, { action: 'return', collectedBy: applicant.fullName, idChecked: true });
    await api(hub.url, `/api/v1/dossiers/${free}/print`, {
      token: officer,
      json: { form: 'return' },
    });
    expect(JSON.stringify(lastJob('return-slip'))).not.toContain('Phí, lệ phí');
  });

  it('amounts in words', () => {
    expect(amountInWords(8000)).toBe('Tám nghìn đồng');
    expect(amountInWords(105000)).toBe('Một trăm lẻ năm nghìn đồng');
    expect(amountInWords(1_250_000)).toBe('Một triệu hai trăm năm mươi nghìn đồng');
  });
});

describe('forms follow the status', () => {
  it('the dossier lists exactly the forms its state has, and the others answer 409', async () => {
    const code = await receive('1.001193');
    const d = (await api(hub.url, `/api/v1/dossiers/${code}`, { token: officer })).body as {
      allowedForms: string[];
    };
    expect(d.allowedForms).toEqual(['receipt', 'control']);
    for (const form of ['supplement', 'refusal', 'apology', 'stop_notice', 'return']) {
      const r = await api(hub.url, `/api/v1/dossiers/${code}/forms/${form}`, {
        token: officer,
        json: {},
      });
      expect(r.status, form).toBe(409);
    }
    const refused = await act(code, { action: 'refuse', reason: 'Không thuộc thẩm quyền' });
    expect((refused.body as { allowedForms: string[] }).allowedForms).toEqual([
      'receipt',
      'refusal',
      'control',
    ]);
  });
});

describe('the short daily number finds older dossiers too', () => {
  it('"N" lists that number on every day newest first; "N dd/mm" takes that day', async () => {
    const first = await receive('1.001193'); // Mon 02/03/2026
    clock.set(new Date('2026-03-04T02:00:00Z')); // Wed 04/03/2026
    try {
      const later = await receive('1.001193');
      const seq = later.slice(-4);
      const earlier = `${first.slice(0, -11)}260302-${seq}`;
      const all = await api(hub.url, `/api/v1/dossiers?q=${Number(seq)}`, { token: officer });
      expect(all.status, all.text).toBe(200);
      const codes = (all.body as { items: Array<{ code: string }> }).items.map((i) => i.code);
      expect(codes[0]).toBe(later);
      expect(codes).toContain(earlier);
      expect(codes.every((c) => c.endsWith(`-${seq}`))).toBe(true);

      const dated = await api(
        hub.url,
        `/api/v1/dossiers?q=${encodeURIComponent(`${Number(seq)} 02/03`)}`,
        {
          token: officer,
        },
      );
      const datedCodes = (dated.body as { items: Array<{ code: string }> }).items.map(
        (i) => i.code,
      );
      expect(datedCodes).toEqual([earlier]);
    } finally {
      clock.set(new Date('2026-03-02T02:00:00Z'));
    }
  });

  it('parses the number and the day (a day without year is the latest not after today)', () => {
    expect(shortNumberOf('2', '2026-01-05')).toEqual({ sequence: '0002', date: null });
    expect(shortNumberOf('0002 5/1', '2026-01-05')).toEqual({
      sequence: '0002',
      date: '2026-01-05',
    });
    expect(shortNumberOf('12 28/12', '2026-01-05')).toEqual({
      sequence: '0012',
      date: '2025-12-28',
    });
    expect(shortNumberOf('3 28/12/2024', '2026-01-05')).toEqual({
      sequence: '0003',
      date: '2024-12-28',
    });
    expect(shortNumberOf('3 31/02', '2026-01-05')).toBeNull();
    expect(shortNumberOf('0', '2026-01-05')).toBeNull();
    expect(shortNumberOf('12345', '2026-01-05')).toBeNull();
  });
});
