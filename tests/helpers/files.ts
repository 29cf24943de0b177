/**
 * Files for the digitisation tests: PDFs made with pdf-lib (clean, with JavaScript, with an
 * embedded file, "encrypted"), scanned-looking pages drawn with @napi-rs/canvas, uploads as
 * multipart (fetch's FormData, or a raw streamed request for the size limit), and the row
 * and file counts a refused upload must leave unchanged.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import type { Hub } from '../../src/hub/startHub';
import { api, type JsonResponse } from './hub';

/** A clean PDF of `pages` pages with a line of text each. */
export async function cleanPdf(pages = 1, text = 'Giay khai sinh'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`${text} - trang ${i + 1}`, { x: 50, y: 780, size: 14, font });
  }
  return doc.save();
}

/**
 * A PDF whose catalogue opens with JavaScript: `/OpenAction << /S /JavaScript /JS (...) >>`.
 * With `objectStreams` the action sits compressed inside an object stream (no plain
 * "/JavaScript" in the bytes); `hexEscaped` writes the names as `/Java#53cript` and `/J#53`.
 */
export async function javascriptPdf(
  options: { objectStreams?: boolean; hexEscaped?: boolean } = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  const action = doc.context.obj({
    Type: 'Action',
    S: 'JavaScript',
    JS: PDFString.of('app.alert("x")'),
  });
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action));
  const bytes = await doc.save({ useObjectStreams: options.objectStreams ?? false });
  if (!options.hexEscaped) return bytes;
  const text = Buffer.from(bytes).toString('latin1');
  return Buffer.from(
    text.replace('/S /JavaScript', '/S /Java#53cript').replace('/JS (', '/J#53 ('),
    'latin1',
  );
}

/** A PDF carrying an attachment (an EmbeddedFiles name tree). */
export async function embeddedFilePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  await doc.attach(Buffer.from('MZ not really a program'), 'payload.exe', {
    mimeType: 'application/octet-stream',
  });
  return doc.save({ useObjectStreams: true });
}

/** A PDF whose trailer names an encryption dictionary. */
export async function encryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  const enc = doc.context.obj({ Filter: 'Standard', V: 2, R: 3, Length: 128, P: -44 });
  doc.context.trailerInfo.Encrypt = doc.context.register(enc);
  return doc.save({ useObjectStreams: false });
}

/** An ELF header (a Linux program) — renamed .pdf by the test. */
export function elfBytes(): Buffer {
  const b = Buffer.alloc(256);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(b);
  return b;
}

/** A ZIP local file header (a .docx, .zip…) — renamed .pdf by the test. */
export function zipBytes(): Buffer {
  const b = Buffer.alloc(256);
  Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]).copy(b);
  return b;
}

/**
 * A scanned-looking text page: `width`×`height` pixels, black lines of text on slightly
 * off-white paper, optionally a coloured stamp. JPEG or PNG.
 */
export async function scannedPage(
  options: {
    width?: number;
    height?: number;
    format?: 'jpeg' | 'png';
    quality?: number;
    stamp?: boolean;
    seed?: number;
  } = {},
): Promise<Buffer> {
  const width = options.width ?? 1240;
  const height = options.height ?? 1754;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#f7f5ef';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#1a1a1a';
  // A typed page: about 45 lines of 12-point text between 2.5 cm margins.
  const line = Math.max(12, Math.round(height / 45));
  ctx.font = `${Math.round(line * 0.62)}px sans-serif`;
  const seed = options.seed ?? 1;
  for (let y = line * 3, i = 0; y < height - line * 3; y += line, i++) {
    const words = 6 + ((i * 7 + seed) % 9);
    ctx.fillText(
      `Dòng ${i + 1}: Cộng hòa xã hội chủ nghĩa Việt Nam ${'độc lập tự do '.repeat(words % 4)}`.slice(
        0,
        60 + words * 3,
      ),
      Math.round(width * 0.08),
      y,
    );
  }
  if (options.stamp) {
    ctx.strokeStyle = '#d01010';
    ctx.lineWidth = Math.max(4, width / 200);
    ctx.beginPath();
    ctx.arc(width * 0.7, height * 0.85, width * 0.08, 0, Math.PI * 2);
    ctx.stroke();
  }
  return options.format === 'png'
    ? canvas.encode('png')
    : canvas.encode('jpeg', options.quality ?? 90);
}

export interface UploadPart {
  bytes: Uint8Array;
  fileName?: string;
  type?: string;
}

/** POST /api/v1/dossiers/{code}/files as the screens do (fetch + FormData). */
export async function upload(
  baseUrl: string,
  code: string,
  init: {
    token?: string | null;
    uploadToken?: string;
    documentName?: string;
    colour?: 'gray' | 'colour';
    files: UploadPart[];
    query?: string;
  },
): Promise<JsonResponse> {
  const form = new FormData();
  if (init.documentName !== undefined) form.append('documentName', init.documentName);
  if (init.colour !== undefined) form.append('colour', init.colour);
  for (const f of init.files) {
    form.append(
      'file',
      new Blob([Buffer.from(f.bytes)], { type: f.type ?? 'application/octet-stream' }),
      f.fileName ?? 'scan.bin',
    );
  }
  const headers: Record<string, string> = {};
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.uploadToken) headers.Authorization = `Upload ${init.uploadToken}`;
  const res = await fetch(
    `${baseUrl}/api/v1/dossiers/${encodeURIComponent(code)}/files${init.query ?? ''}`,
    { method: 'POST', headers, body: form },
  );
  const text = await res.text();
  const body: unknown = (res.headers.get('content-type') ?? '').includes('json')
    ? (JSON.parse(text) as unknown)
    : null;
  return { status: res.status, headers: res.headers, body, text };
}

/**
 * A multipart upload of `totalBytes` of file content streamed in 1 MB chunks through
 * http.request, with a Content-Length or chunked (none declared). Resolves with the status
 * as soon as the hub answers (it may answer before the body is sent).
 */
export function streamedUpload(
  hub: Hub,
  code: string,
  token: string,
  totalBytes: number,
  declareLength: boolean,
): Promise<number> {
  const boundary = 'motcua-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="documentName"\r\n\r\nresult\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\n` +
      'Content-Type: image/jpeg\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = Buffer.alloc(1024 * 1024, 0x41);
  chunk[0] = 0xff;
  chunk[1] = 0xd8;
  chunk[2] = 0xff;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      Authorization: `Bearer ${token}`,
      'Content-Type': `multipart/form-data; boundary=${boundary}`,
    };
    if (declareLength) headers['Content-Length'] = head.length + totalBytes + tail.length;
    const req = http.request(
      {
        host: '127.0.0.1',
        port: hub.port,
        method: 'POST',
        path: `/api/v1/dossiers/${encodeURIComponent(code)}/files`,
        headers,
      },
      (res) => {
        answered = true;
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    let answered = false;
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    let sent = 0;
    const pump = () => {
      req.write(head);
      const next = () => {
        while (sent < totalBytes && !answered) {
          const n = Math.min(chunk.length, totalBytes - sent);
          sent += n;
          if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
            req.once('drain', next);
            return;
          }
        }
        if (!answered) req.end(tail);
      };
      next();
    };
    pump();
  });
}

/** A dossier received over the API (procedure 1.004884) and the names of its checklist. */
export async function receivedDossier(
  baseUrl: string,
  token: string,
  fullName: string,
): Promise<{ code: string; docs: string[] }> {
  const res = await api(baseUrl, '/api/v1/dossiers', {
    token,
    json: { procedureId: '1.004884', applicant: { fullName } },
  });
  if (res.status !== 201) throw new Error(`reception failed: ${res.status} ${res.text}`);
  const code = (res.body as { code: string }).code;
  const got = await api(baseUrl, `/api/v1/dossiers/${code}`, { token });
  const documents = (got.body as { documents: Array<{ name: string }> }).documents;
  return { code, docs: documents.map((d) => d.name) };
}

/** What a refused upload must leave unchanged: rows and files on disk (tmp files included). */
export function storedState(hub: Hub): { rows: number; stored: number; files: string[] } {
  const count = (table: string) =>
    (hub.core.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const dir = path.join(hub.core.dataDir, 'files');
  const files: string[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else files.push(path.relative(dir, path.join(d, e.name)));
    }
  };
  walk(dir);
  return { rows: count('dossier_files'), stored: count('stored_files'), files: files.sort() };
}
