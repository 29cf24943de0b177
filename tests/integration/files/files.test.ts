/**
 * Files of dossiers over real HTTP (docs/digitisation.md): each accepted type stored as a
 * PDF, each refused input refused with nothing stored (no row, no file), the same bytes
 * stored once, a dossier's list showing only its own files, views audited, bytes served
 * with the sandbox headers.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import type { Hub } from '../../../src/hub/startHub';
import {
  cleanPdf,
  elfBytes,
  embeddedFilePdf,
  encryptedPdf,
  javascriptPdf,
  scannedPage,
  storedState,
  streamedUpload,
  upload,
  zipBytes,
} from '../../helpers/files';
import { api, cleanupHubs, errorOf, login, OFFICER, startTestHub } from '../../helpers/hub';

const clock = fixedClock(new Date('2026-03-02T02:00:00Z')); // Mon 02/03/2026 09:00 VN
let hub: Hub;
let officer: string;

interface FileAnswer {
  id: string;
  documentName: string;
  sha256: string;
  bytes: number;
  pages: number;
  contentType: string;
  createdAt: string;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function receive(idNumber = '001090123456'): Promise<{ code: string; docs: string[] }> {
  const res = await api(hub.url, '/api/v1/dossiers', {
    token: officer,
    json: { procedureId: '1.004884', applicant: { fullName: 'Đặng Văn Đức', idNumber } },
  });
  expect(res.status, res.text).toBe(201);
  const code = (res.body as { code: string }).code;
  const got = await api(hub.url, `/api/v1/dossiers/${code}`, { token: officer });
  const docs = (got.body as { documents: Array<{ name: string }> }).documents.map((d) => d.name);
  expect(docs.length).toBeGreaterThan(0);
  return { code, docs };
}

beforeAll(async () => {
  hub = await startTestHub({ clock, authPolicy: { sessionHours: 24 * 365 } });
  officer = await login(hub.url, OFFICER);
});
afterAll(cleanupHubs);

describe('POST /api/v1/dossiers/{code}/files stores each accepted type as a PDF', () => {
  it('a PDF is stored exactly as sent, with its page count, mode 0600', async () => {
    const { code, docs } = await receive();
    const pdf = await cleanPdf(3);
    const res = await upload(hub.url, code, {
      token: officer,
      documentName: docs[0],
      files: [{ bytes: pdf, fileName: 'khai-sinh.pdf', type: 'application/pdf' }],
    });
    expect(res.status, res.text).toBe(201);
    const file = res.body as FileAnswer;
    expect(file).toMatchObject({
      documentName: docs[0],
      sha256: sha(pdf),
      bytes: pdf.byteLength,
      pages: 3,
      contentType: 'application/pdf',
    });
    const onDisk = path.join(hub.core.dataDir, 'files', file.sha256.slice(0, 2), file.sha256);
    expect(sha(fs.readFileSync(onDisk))).toBe(file.sha256);
    if (process.platform !== 'win32') expect(fs.statSync(onDisk).mode & 0o777).toBe(0o600);
  });

  it('a JPEG and a PNG become one-page PDFs; several images become one PDF in order', async () => {
    const { code, docs } = await receive();
    const jpeg = await scannedPage({ format: 'jpeg' });
    const png = await scannedPage({ format: 'png', width: 800, height: 600 });
    for (const [bytes, type] of [
      [jpeg, 'image/jpeg'],
      [png, 'image/png'],
    ] as const) {
      const res = await upload(hub.url, code, {
        token: officer,
        documentName: docs[0],
        files: [{ bytes, type }],
      });
      expect(res.status, res.text).toBe(201);
      expect(res.body).toMatchObject({ contentType: 'application/pdf', pages: 1 });
    }
    const three = await upload(hub.url, code, {
      token: officer,
      documentName: docs[0],
      colour: 'colour',
      files: [
        { bytes: await scannedPage({ seed: 1 }) },
        { bytes: png }, // landscape: an A4 landscape page
        { bytes: await scannedPage({ seed: 3, stamp: true }) },
      ],
    });
    expect(three.status, three.text).toBe(201);
    const file = three.body as FileAnswer;
    expect(file.pages).toBe(3);
    const got = await fetch(`${hub.url}/api/v1/files/${file.id}`, {
      headers: { Authorization: `Bearer ${officer}` },
    });
    const doc = await PDFDocument.load(new Uint8Array(await got.arrayBuffer()));
    const sizes = doc.getPages().map((p) => p.getSize());
    expect(sizes.map((s) => s.width > s.height)).toEqual([false, true, false]);
  });

  it('a typical grayscale text page at 300 dpi is stored in at most 150 KB', async () => {
    const { code, docs } = await receive();
    const page = await scannedPage({ width: 2480, height: 3508, quality: 92 });
    const res = await upload(hub.url, code, {
      token: officer,
      documentName: docs[0],
      files: [{ bytes: page, type: 'image/jpeg' }],
    });
    expect(res.status, res.text).toBe(201);
    expect(page.byteLength).toBeGreaterThan(150 * 1024); // the scan itself is bigger
    expect((res.body as FileAnswer).bytes).toBeLessThanOrEqual(150 * 1024);
  });
});

describe('refused uploads store nothing', () => {
  const refusals: Array<[string, () => Promise<Uint8Array>, string]> = [
    ['an ELF program renamed .pdf', () => Promise.resolve(elfBytes()), 'unknown_type'],
    ['a ZIP renamed .pdf', () => Promise.resolve(zipBytes()), 'unknown_type'],
    ['a PDF opening with JavaScript', () => javascriptPdf(), 'pdf_active_content'],
    [
      'a PDF with JavaScript inside an object stream',
      () => javascriptPdf({ objectStreams: true }),
      'pdf_active_content',
    ],
    [
      'a PDF with hex-escaped JavaScript names',
      () => javascriptPdf({ hexEscaped: true }),
      'pdf_active_content',
    ],
    ['a PDF with an embedded file', () => embeddedFilePdf(), 'pdf_embedded_file'],
    ['an encrypted PDF', () => encryptedPdf(), 'pdf_encrypted'],
    ['a truncated PDF', async () => (await cleanPdf(2)).subarray(0, 300), 'pdf_unreadable'],
    [
      'a JPEG header on garbage',
      () => Promise.resolve(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), zipBytes()])),
      'image_unreadable',
    ],
  ];
  for (const [what, make, reason] of refusals) {
    it(`${what}: 415 UNSUPPORTED_FILE (${reason})`, async () => {
      const { code, docs } = await receive();
      const before = storedState(hub);
      const res = await upload(hub.url, code, {
        token: officer,
        documentName: docs[0],
        files: [{ bytes: await make(), fileName: 'ho-so.pdf', type: 'application/pdf' }],
      });
      expect(res.status, res.text).toBe(415);
      expect(errorOf(res)).toMatchObject({ code: 'UNSUPPORTED_FILE', details: { reason } });
      expect(storedState(hub)).toEqual(before);
    });
  }

  it('a PDF mixed with an image is refused', async () => {
    const { code, docs } = await receive();
    const before = storedState(hub);
    const res = await upload(hub.url, code, {
      token: officer,
      documentName: docs[0],
      files: [{ bytes: await cleanPdf() }, { bytes: await scannedPage() }],
    });
    expect(res.status).toBe(415);
    expect(storedState(hub)).toEqual(before);
  });

  it('over 40 MB: 413, declared or streamed, nothing stored', async () => {
    const { code } = await receive();
    const before = storedState(hub);
    const big = 41 * 1024 * 1024;
    expect(await streamedUpload(hub, code, officer, big, true)).toBe(413);
    expect(await streamedUpload(hub, code, officer, big, false)).toBe(413);
    expect(storedState(hub)).toEqual(before);
    // The hub is still fine afterwards.
    expect((await api(hub.url, '/api/v1/health')).status).toBe(200);
  });

  it('a public caller (no token, a bad token, a bad upload token): 401, nothing stored', async () => {
    const { code, docs } = await receive();
    const before = storedState(hub);
    const pdf = await cleanPdf();
    const anonymous = await upload(hub.url, code, {
      documentName: docs[0],
      files: [{ bytes: pdf }],
    });
    expect(anonymous.status).toBe(401);
    expect(errorOf(anonymous).code).toBe('UNAUTHENTICATED');
    const bad = await upload(hub.url, code, {
      token: 'x'.repeat(43),
      documentName: docs[0],
      files: [{ bytes: pdf }],
    });
    expect(bad.status).toBe(401);
    const link = await upload(hub.url, code, {
      uploadToken: 'A'.repeat(32),
      documentName: docs[0],
      files: [{ bytes: pdf }],
    });
    expect(link.status).toBe(401);
    expect(errorOf(link).code).toBe('UPLOAD_LINK_INVALID');
    expect(storedState(hub)).toEqual(before);
    // Reading is for officers too.
    expect((await api(hub.url, `/api/v1/dossiers/${code}/files`)).status).toBe(401);
  });

  it('JSON, a query string, an unknown document or dossier: refused, nothing stored', async () => {
    const { code, docs } = await receive();
    const before = storedState(hub);
    const json = await api(hub.url, `/api/v1/dossiers/${code}/files`, {
      token: officer,
      json: { documentName: docs[0] },
    });
    expect(json.status).toBe(415);
    const query = await upload(hub.url, code, {
      token: officer,
      documentName: docs[0],
      files: [{ bytes: await cleanPdf() }],
      query: '?documentName=x',
    });
    expect(query.status).toBe(400);
    const unknownDoc = await upload(hub.url, code, {
      token: officer,
      documentName: 'Giấy tờ không có trong hồ sơ',
      files: [{ bytes: await cleanPdf() }],
    });
    expect(unknownDoc.status).toBe(422);
    const unknownDossier = await upload(hub.url, 'XX-000000-0000', {
      token: officer,
      documentName: docs[0],
      files: [{ bytes: await cleanPdf() }],
    });
    expect(unknownDossier.status).toBe(404);
    const noFile = await upload(hub.url, code, {
      token: officer,
      documentName: docs[0],
      files: [],
    });
    expect(noFile.status).toBe(400);
    expect(storedState(hub)).toEqual(before);
  });
});

describe('storage, lists and views', () => {
  it('the same bytes twice are stored once (two attachments, one file)', async () => {
    const a = await receive();
    const b = await receive();
    const pdf = await cleanPdf(2, 'Ban sao CCCD');
    const before = storedState(hub);
    const one = await upload(hub.url, a.code, {
      token: officer,
      documentName: a.docs[0],
      files: [{ bytes: pdf }],
    });
    const two = await upload(hub.url, b.code, {
      token: officer,
      documentName: b.docs[0],
      files: [{ bytes: pdf }],
    });
    expect([one.status, two.status]).toEqual([201, 201]);
    expect((one.body as FileAnswer).sha256).toBe((two.body as FileAnswer).sha256);
    const after = storedState(hub);
    expect(after.rows).toBe(before.rows + 2);
    expect(after.stored).toBe(before.stored + 1);
    expect(after.files.length).toBe(before.files.length + 1);
    // The same image pages give the same PDF: stored once too.
    const page = await scannedPage({ seed: 42 });
    const i1 = await upload(hub.url, a.code, {
      token: officer,
      documentName: a.docs[0],
      files: [{ bytes: page }],
    });
    const i2 = await upload(hub.url, a.code, {
      token: officer,
      documentName: a.docs[0],
      files: [{ bytes: page }],
    });
    expect((i1.body as FileAnswer).sha256).toBe((i2.body as FileAnswer).sha256);
    expect(storedState(hub).files.length).toBe(after.files.length + 1);
  });

  it("dossier B's list never shows dossier A's files", async () => {
    const a = await receive();
    const b = await receive();
    const up = await upload(hub.url, a.code, {
      token: officer,
      documentName: a.docs[0],
      files: [{ bytes: await cleanPdf(1, 'Chi A') }],
    });
    expect(up.status).toBe(201);
    const listA = await api(hub.url, `/api/v1/dossiers/${a.code}/files`, { token: officer });
    const listB = await api(hub.url, `/api/v1/dossiers/${b.code}/files`, { token: officer });
    expect((listA.body as FileAnswer[]).map((f) => f.id)).toEqual([(up.body as FileAnswer).id]);
    expect(listA.body).toMatchObject([
      { createdBy: expect.any(String), linkedFromDossierCode: null },
    ]);
    expect(listB.body).toEqual([]);
  });

  it('GET /files/{id}: the bytes, no-store, sandboxed, and every view audited', async () => {
    const { code, docs } = await receive();
    const pdf = await cleanPdf(1, 'Xem tep');
    const up = await upload(hub.url, code, {
      token: officer,
      documentName: docs[0],
      files: [{ bytes: pdf }],
    });
    const id = (up.body as FileAnswer).id;
    const views = () =>
      (
        hub.core.db
          .prepare(
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'file.view' AND details LIKE ?",
          )
          .get(`%${id}%`) as { n: number }
      ).n;
    const res = await fetch(`${hub.url}/api/v1/files/${id}`, {
      headers: { Authorization: `Bearer ${officer}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toBe('sandbox');
    expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(sha(pdf));
    await fetch(`${hub.url}/api/v1/files/${id}`, {
      headers: { Authorization: `Bearer ${officer}` },
    }).then((r) => r.arrayBuffer());
    expect(views()).toBe(2);
    expect((await api(hub.url, `/api/v1/files/${id}`)).status).toBe(401);
    expect(views()).toBe(2);
  });

  it('a damaged stored file is reported, never served', async () => {
    const { code, docs } = await receive();
    const up = await upload(hub.url, code, {
      token: officer,
      documentName: docs[0],
      files: [{ bytes: await cleanPdf(1, 'Hong') }],
    });
    const file = up.body as FileAnswer;
    const onDisk = path.join(hub.core.dataDir, 'files', file.sha256.slice(0, 2), file.sha256);
    const bytes = fs.readFileSync(onDisk);
    bytes[100] = (bytes[100] as number) ^ 0xff;
    fs.writeFileSync(onDisk, bytes);
    const res = await api(hub.url, `/api/v1/files/${file.id}`, { token: officer });
    expect(res.status).toBe(500);
    expect(errorOf(res).message).toMatch(/băm|hỏng/);
  });

  it('attachments cannot be changed or removed, even in the database', async () => {
    const { code, docs } = await receive();
    await upload(hub.url, code, {
      token: officer,
      documentName: docs[0],
      files: [{ bytes: await cleanPdf(1, 'Chi them') }],
    });
    expect(() => hub.core.db.prepare('DELETE FROM dossier_files').run()).toThrow(/append-only/);
    expect(() => hub.core.db.prepare('UPDATE stored_files SET pages = 9').run()).toThrow(
      /append-only/,
    );
  });
});
