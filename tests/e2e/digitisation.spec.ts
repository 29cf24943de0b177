import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { APIRequestContext, Page } from '@playwright/test';
import { writeDocumentVideo } from '../helpers/y4m';
import { SCREENSHOT_DIR, login, snap, expect, test } from './helpers';

/**
 * Digitisation at the counter (docs/digitisation.md, "Ghi nhận tệp / Capture"), in Chromium
 * with a fake document camera: Chromium plays a generated .y4m video of a printed page as the
 * webcam. The hub is opened on 127.0.0.1, a secure context, so the camera API is there.
 */
// Playwright also loads this file in its main process (to list the tests): the files are
// made only in the worker that runs them.
const IN_WORKER = process.env.TEST_WORKER_INDEX !== undefined;
const WORK = IN_WORKER ? fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-digi-e2e-')) : os.tmpdir();
const VIDEO = path.join(os.tmpdir(), 'motcua-e2e-document-page.y4m');
const SCANS = path.join(WORK, 'scans');
if (IN_WORKER) {
  // ASCII only: the fonts of the test machine may lack Vietnamese glyphs.
  writeDocumentVideo(VIDEO, ['GIAY CHUNG SINH', 'Ho ten me: Le Thi Hoa', 'Sinh ngay 01/12/2026']);
  fs.mkdirSync(SCANS);
}
const HOST = os.hostname().toLowerCase();

test.use({
  permissions: ['camera'],
  viewport: { width: 1366, height: 768 },
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${VIDEO}`,
      // The machine's own name reaches the hub like a counter PC on the LAN (plain http).
      `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
    ],
  },
});

test.afterAll(() => {
  if (WORK !== os.tmpdir()) fs.rmSync(WORK, { recursive: true, force: true });
  fs.rmSync(VIDEO, { force: true });
});

const QR =
  '038195004321|038195004|Lê Thị Hoa|02031995|Nữ|Thôn Phú Thọ, xã Quảng Phú, tỉnh Thanh Hóa|20042021';
const BIRTH = 'Giấy chứng sinh';

/** What the officer sees (the dialog is fixed to the 1366×768 window, not the page). */
async function view(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

/** A small photo of a page, as a phone would send (PNG). */
async function photoPng(): Promise<Buffer> {
  const canvas = createCanvas(600, 800);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 600, 800);
  ctx.fillStyle = '#000';
  ctx.font = '28px sans-serif';
  ctx.fillText('TO KHAI DANG KY KHAI SINH', 40, 80);
  return canvas.encode('png');
}

async function token(request: APIRequestContext, username: string, password: string) {
  const res = await request.post('/api/v1/auth/login', { data: { username, password } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

interface Listed {
  id: string;
  sha256: string;
  documentName: string;
  pages: number;
  linkedFromDossierCode: string | null;
}

async function filesOf(request: APIRequestContext, auth: string, code: string) {
  const res = await request.get(`/api/v1/dossiers/${encodeURIComponent(code)}/files`, {
    headers: { Authorization: `Bearer ${auth}` },
  });
  expect(res.status()).toBe(200);
  return (await res.json()) as Listed[];
}

async function pdfPages(request: APIRequestContext, auth: string, id: string): Promise<number> {
  const res = await request.get(`/api/v1/files/${id}`, {
    headers: { Authorization: `Bearer ${auth}` },
  });
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  return (await PDFDocument.load(await res.body())).getPageCount();
}

/** Scan the CCCD, pick "Đăng ký khai sinh", type the phone: the checklist is there. */
async function startReception(page: Page) {
  await page.keyboard.press('Alt+3');
  const scan = page.getByTestId('cccd-scan');
  await expect(scan).toBeFocused();
  await scan.fill(QR);
  await scan.press('Enter');
  await expect(page.getByTestId('applicant-idNumber')).toHaveValue('038195004321');
  const proc = page.getByTestId('procedure-search');
  await expect(proc).toBeFocused();
  await proc.fill('1.001193');
  await proc.press('Enter');
  await expect(proc).toHaveValue(/^1\.001193 — Đăng ký khai sinh$/);
  await page.getByTestId('applicant-phone').fill('0912 000 111');
  return page.getByTestId('document-checklist').getByRole('row').filter({ hasText: BIRTH });
}

async function receive(page: Page): Promise<string> {
  await page.keyboard.press('Control+Enter');
  const message = page.getByTestId('reception-message');
  await expect(message).toContainText('Đã tiếp nhận hồ sơ', { timeout: 20_000 });
  const code = /(000\.00\.14\.H56-\d{6}-\d{4})/.exec((await message.textContent()) ?? '')?.[1];
  expect(code).toBeTruthy();
  return code as string;
}

test('capture two camera pages at reception, open the PDF, reuse it for the same CCCD with one key, attach the result from the scan tray', async ({
  page,
  request,
  context,
}) => {
  test.setTimeout(120_000);
  const admin = await token(request, 'admin', 'Admin@123');
  const officer = await token(request, 'canbo1', 'Canbo@123');

  // The scanner's folder: one scanned PDF is waiting in it.
  const scanned = await PDFDocument.create();
  const font = await scanned.embedFont(StandardFonts.Helvetica);
  scanned.addPage([595, 842]).drawText('KET QUA DA KY', { x: 60, y: 760, size: 24, font });
  fs.writeFileSync(path.join(SCANS, 'Scan_0001.pdf'), await scanned.save());
  const set = await request.put('/api/v1/scan-folder/config', {
    headers: { Authorization: `Bearer ${admin}` },
    data: { dir: SCANS },
  });
  expect(set.status()).toBe(200);

  await login(page, 'canbo1', 'Canbo@123');
  const row = await startReception(page);

  // F8 on the birth certificate's row: the capture dialog, the camera live.
  await row.getByRole('checkbox').focus();
  await page.keyboard.press('F8');
  const dialog = page.getByTestId('capture-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { level: 2 })).toContainText(BIRTH);
  await expect(page.getByTestId('capture-take')).toBeEnabled({ timeout: 20_000 });
  await expect
    .poll(() => page.getByTestId('camera-preview').evaluate((v: HTMLVideoElement) => v.videoWidth))
    .toBeGreaterThan(0);
  await expect(page.getByTestId('tray-file-1')).toContainText('Scan_0001.pdf');

  // One key per page; Enter attaches both as one PDF.
  await page.keyboard.press('Space');
  await expect(page.getByTestId('capture-page-count')).toHaveText('Các trang đã chụp: 1');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('capture-page-count')).toHaveText('Các trang đã chụp: 2');
  await expect(dialog.getByRole('img', { name: 'Trang 2' })).toBeVisible();
  await view(page, 'digitisation-01-capture-dialog');
  const noSideways = () =>
    page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(await noSideways()).toBe(true);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('Sẽ đính kèm khi tiếp nhận: 2 trang chụp');

  const first = await receive(page);
  await expect(page.getByTestId('capture-note')).toHaveText('Đã đính kèm 1 tệp vào hồ sơ.');

  // The dossier's files in its details: one 2-page PDF of the birth certificate.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+4');
  await page.getByTestId('dossier-search').fill(first);
  await page.getByTestId('dossier-list').getByRole('button', { name: first }).click();
  const files = page.getByTestId('dossier-file');
  await expect(files).toHaveCount(1);
  await expect(files.first()).toContainText(`${BIRTH}`);
  await expect(files.first()).toContainText('2 trang');
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    files.first().getByTestId('dossier-file-open').click(),
  ]);
  expect(tab.url()).toMatch(/^blob:/);
  await tab.close();
  const [stored] = await filesOf(request, officer, first);
  expect(await pdfPages(request, officer, stored!.id)).toBe(2);

  // The result: ready, then its signed scan from the tray with one key.
  await page.getByTestId('action-result-ready').click();
  await page.getByTestId('confirm-action').click();
  await expect(page.getByTestId('dossier-status')).toHaveText('Đã có kết quả');
  await page.getByTestId('capture-result').click();
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('tray-file-1')).toContainText('Scan_0001.pdf');
  await view(page, 'digitisation-02-scan-tray');
  await page.keyboard.press('1');
  await expect(dialog).toBeHidden();
  await expect(files).toHaveCount(2);
  await expect(files.nth(1)).toContainText('Kết quả đã ký');
  await snap(page, 'digitisation-03-files-list');
  expect(await noSideways()).toBe(true);
  // The scan stays in the folder; it left the tray.
  expect(fs.existsSync(path.join(SCANS, 'Scan_0001.pdf'))).toBe(true);
  const tray = await request.get('/api/v1/scan-folder/files', {
    headers: { Authorization: `Bearer ${officer}` },
  });
  expect(((await tray.json()) as { files: unknown[] }).files).toEqual([]);

  // The declaration form by phone: a one-time QR link, the phone's page, two photos, Send.
  await page
    .getByTestId('dossier-files')
    .getByRole('button', { name: /^Số hóa: Tờ khai/ })
    .click();
  await page.getByTestId('phone-start').click();
  const link = (await page.getByTestId('phone-url').textContent()) ?? '';
  expect(link).toMatch(/\/upload\/[A-Za-z0-9_-]{32,64}$/);
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(link);
  await expect(phone.getByTestId('phone-upload')).toContainText('Tờ khai đăng ký khai sinh');
  const photo = { name: 'anh.png', mimeType: 'image/png', buffer: await photoPng() };
  await phone.getByTestId('phone-file').setInputFiles([photo]);
  await phone.getByTestId('phone-file').setInputFiles([{ ...photo, name: 'anh2.png' }]);
  await expect(phone.getByTestId('phone-count')).toHaveText('Đã chụp 2 trang');
  await snap(phone, 'digitisation-04-phone-page');
  await phone.getByTestId('phone-send').click();
  await expect(phone.getByTestId('phone-done')).toBeVisible({ timeout: 20_000 });
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await expect(files).toHaveCount(3);
  await expect(files.nth(2)).toContainText('Tờ khai đăng ký khai sinh (theo mẫu) — 2 trang');
  // The link worked once.
  await phone.reload();
  await expect(phone.getByText('Liên kết đã hết hạn hoặc đã dùng')).toBeVisible();
  await phone.close();

  // A second reception for the same CCCD: the birth certificate is offered, F7 takes it.
  const again = await startReception(page);
  await expect(again.getByTestId(/^doc-reuse-/)).toContainText('Dùng bản đã số hóa ngày');
  await view(page, 'digitisation-05-reuse-offer');
  expect(await noSideways()).toBe(true);
  // The declaration (sent by phone) is offered too: F7 takes the offer of the focused row.
  await again.getByRole('checkbox').focus();
  await page.keyboard.press('F7');
  await expect(again.getByTestId(/^doc-reused-/)).toContainText(first);
  await expect(again.getByRole('combobox', { name: 'Nguồn' })).toHaveValue('e_data');
  const second = await receive(page);
  const linked = await filesOf(request, officer, second);
  expect(linked).toHaveLength(1);
  expect(linked[0]).toMatchObject({
    sha256: stored!.sha256,
    documentName: stored!.documentName,
    linkedFromDossierCode: first,
  });
});

test('over plain http on a LAN address the camera is refused and the other ways are offered', async ({
  page,
  baseURL,
}) => {
  const port = new URL(baseURL as string).port;
  await page.goto(`http://${HOST}:${port}/desk`);
  expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
  await page.getByLabel('Tên đăng nhập').fill('canbo1');
  await page.getByLabel('Mật khẩu').fill('Canbo@123');
  await page.getByLabel('Mật khẩu').press('Enter');
  await expect(page.getByTestId('current-user')).toBeVisible();
  await startReception(page);
  await page.keyboard.press('F8');
  await expect(page.getByTestId('camera-insecure')).toContainText(
    'trình duyệt không cho dùng máy ảnh',
  );
  await expect(page.getByTestId('capture-pick')).toBeVisible();
  await expect(page.getByTestId('scan-tray')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('capture-dialog')).toBeHidden();
});

test('the admin sets the scanner folder on the admin tab; a wrong one is refused in plain words', async ({
  page,
}) => {
  await login(page, 'admin', 'Admin@123');
  await page.keyboard.press('Alt+9');
  const card = page.getByTestId('scan-folder-card');
  const input = card.getByTestId('scan-folder-input');
  await input.fill('scans');
  await card.getByRole('button', { name: 'Lưu thư mục quét' }).click();
  await expect(card).toContainText('phải là đường dẫn đầy đủ');
  await input.fill(SCANS);
  await card.getByRole('button', { name: 'Lưu thư mục quét' }).click();
  await expect(card).toContainText('Đã lưu thư mục quét.');
  await expect(card).toContainText('Đang theo dõi thư mục.');
  await card.scrollIntoViewIfNeeded();
  await view(page, 'digitisation-06-scan-folder-setting');
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
    true,
  );
});
