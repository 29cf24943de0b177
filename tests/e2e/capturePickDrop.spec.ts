import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { scannedPage } from '../helpers/files';
import { expect, login, snap, test } from './helpers';

/**
 * The capture dialog's file picker and drag-and-drop (docs/digitisation.md): a PDF and a JPEG
 * attached each way become the dossier's files; a program renamed .pdf is refused in
 * Vietnamese and adds nothing. The hub lives on a working day (Tue 03/03/2026).
 */
test.use({ hubStartAt: '2026-03-03T02:00:00Z', viewport: { width: 1366, height: 768 } });

interface Listed {
  id: string;
  sha256: string;
  documentName: string;
  pages: number;
}

/** A file as Playwright hands it to the page. */
interface Payload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

async function smallPdf(text: string): Promise<Payload> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText(text, { x: 60, y: 760, size: 20, font });
  return {
    name: 'giay-to.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(await doc.save()),
  };
}

/** A small photographed page (JPEG); `seed` varies its lines, so each photo differs. */
async function smallJpeg(seed: number): Promise<Payload> {
  const buffer = await scannedPage({ width: 600, height: 800, format: 'jpeg', seed });
  return { name: 'anh-chup.jpg', mimeType: 'image/jpeg', buffer };
}

/** A Linux program (an ELF header) named like a PDF. */
const programAsPdf = (): Payload => {
  const buffer = Buffer.alloc(512);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(buffer);
  return { name: 'to-khai.pdf', mimeType: 'application/pdf', buffer };
};

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function officerToken(request: APIRequestContext): Promise<string> {
  const res = await request.post('/api/v1/auth/login', {
    data: { username: 'canbo1', password: 'Canbo@123' },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

async function filesOf(request: APIRequestContext, auth: string, code: string) {
  const res = await request.get(`/api/v1/dossiers/${encodeURIComponent(code)}/files`, {
    headers: { Authorization: `Bearer ${auth}` },
  });
  expect(res.status()).toBe(200);
  return (await res.json()) as Listed[];
}

/** A received dossier (through the API) and the names of its checklist. */
async function receivedDossier(request: APIRequestContext, auth: string) {
  const headers = { Authorization: `Bearer ${auth}` };
  const res = await request.post('/api/v1/dossiers', {
    headers,
    data: { procedureId: '1.004884', applicant: { fullName: 'Lê Thị Hoa' } },
  });
  expect(res.status()).toBe(201);
  const { code } = (await res.json()) as { code: string };
  const got = await request.get(`/api/v1/dossiers/${code}`, { headers });
  const { documents } = (await got.json()) as { documents: Array<{ name: string }> };
  expect(documents.length).toBeGreaterThanOrEqual(2);
  return { code, names: documents.map((d) => d.name) };
}

/** The dossier's details on the desk's dossier tab. */
async function openDossier(page: Page, code: string) {
  await page.keyboard.press('Alt+4');
  await page.getByTestId('dossier-search').fill(code);
  await page.getByTestId('dossier-list').getByRole('button', { name: code }).click();
  await expect(page.getByTestId('dossier-files')).toBeVisible();
}

/** "Số hóa: <document>" in the files section: the capture dialog for that document. */
async function openCapture(page: Page, name: string): Promise<Locator> {
  await page
    .getByTestId('dossier-files')
    .getByRole('button', { name: `Số hóa: ${name.length > 60 ? `${name.slice(0, 57)}…` : name}` })
    .click();
  const dialog = page.getByTestId('capture-dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Drop files on the dialog as a file manager would: dragover, then drop with a DataTransfer. */
async function dropFiles(dialog: Locator, files: Payload[]): Promise<void> {
  const wire = files.map((f) => ({
    name: f.name,
    type: f.mimeType,
    base64: f.buffer.toString('base64'),
  }));
  await dialog.evaluate((el, list) => {
    const data = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      data.items.add(new File([bytes], f.name, { type: f.type }));
    }
    for (const type of ['dragenter', 'dragover', 'drop']) {
      el.dispatchEvent(
        new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
      );
    }
  }, wire);
}

test('a PDF and a JPEG attached with the file picker and by drag-and-drop; a program renamed .pdf is refused', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const auth = await officerToken(request);
  const { code, names } = await receivedDossier(request, auth);
  const [pickedFor, droppedFor] = names as [string, string];
  await login(page, 'canbo1', 'Canbo@123');
  await openDossier(page, code);
  const rows = page.getByTestId('dossier-file');
  await expect(rows).toHaveCount(0);

  // The file picker: a PDF and a JPEG chosen together.
  const pickedPdf = await smallPdf('CHON TEP - PDF');
  const pickedJpeg = await smallJpeg(1);
  let dialog = await openCapture(page, pickedFor);
  await page.getByTestId('capture-file-input').setInputFiles([pickedPdf, pickedJpeg]);
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(rows).toHaveCount(2);

  // Drag-and-drop: another PDF and JPEG dropped on the dialog.
  const droppedPdf = await smallPdf('KEO THA - PDF');
  const droppedJpeg = await smallJpeg(2);
  dialog = await openCapture(page, droppedFor);
  await dropFiles(dialog, [droppedPdf, droppedJpeg]);
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(rows).toHaveCount(4);
  await snap(page, 'capture-pick-drop-01-files');

  // What the dossier holds: each PDF stored exactly as sent, each JPEG as a one-page PDF.
  const listed = await filesOf(request, auth, code);
  expect(listed).toHaveLength(4);
  const of = (name: string) => listed.filter((f) => f.documentName === name);
  for (const [name, pdf] of [
    [pickedFor, pickedPdf],
    [droppedFor, droppedPdf],
  ] as const) {
    const mine = of(name);
    expect(mine).toHaveLength(2);
    expect(mine.map((f) => f.sha256)).toContain(sha256(pdf.buffer));
    expect(mine.every((f) => f.pages === 1)).toBe(true);
  }
  const jpegFile = of(droppedFor).find((f) => f.sha256 !== sha256(droppedPdf.buffer));
  const opened = await request.get(`/api/v1/files/${jpegFile?.id ?? ''}`, {
    headers: { Authorization: `Bearer ${auth}` },
  });
  expect(opened.headers()['content-type']).toBe('application/pdf');
  expect((await PDFDocument.load(await opened.body())).getPageCount()).toBe(1);

  // A program renamed .pdf: refused in Vietnamese, by either way, and nothing is added.
  dialog = await openCapture(page, pickedFor);
  await page.getByTestId('capture-file-input').setInputFiles([programAsPdf()]);
  const error = page.getByTestId('capture-error');
  await expect(error).toContainText('Tệp không phải PDF, JPEG hay PNG', { timeout: 30_000 });
  await expect(dialog).toBeVisible();
  await snap(page, 'capture-pick-drop-02-refused');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  dialog = await openCapture(page, droppedFor);
  await expect(error).toBeHidden();
  await dropFiles(dialog, [programAsPdf()]);
  await expect(error).toContainText('Tệp không phải PDF, JPEG hay PNG', { timeout: 30_000 });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(rows).toHaveCount(4);
  expect(await filesOf(request, auth, code)).toHaveLength(4);
});
