/**
 * The provincial screen (docs/province.md) in Chromium, served by the province service on
 * the embedded PGlite with the demo communes: sign in, the ranking, a commune's page, the
 * period picker (dd/mm/yyyy whatever the browser's locale), the CSV and XLSX exports, a
 * commune's 12-month trend, site registration (key shown once), a USB file imported from the
 * screen, and an unregistered agency code added. Screenshots at the provincial office's
 * 1366×768 and 1920×1080.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { signatureHeader } from '../../src/core/sync/signing';
import { startProvince, type Province } from '../../src/province/service';
import { SYNC_FILE_FORMAT } from '../../src/shared/contract/sync';
import { ulid } from '../../src/shared/ids';
import { ratingEvents } from '../helpers/province';

// An English browser: a native date field would show mm/dd/yyyy; the screen's fields do not.
test.use({ locale: 'en-US' });

const SCREENSHOT_DIR = path.join('test-results', 'screenshots');
let province: Province;
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(180_000); // the demo's month of events, on a loaded machine
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-province-e2e-'));
  province = await startProvince({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    demo: true,
    staticDir: path.resolve('out/province'),
  });
});

test.afterAll(async () => {
  await province?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the province ranks its communes, opens one, registers a site', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${province.url}/province`);
  await page.getByLabel('Tên đăng nhập').fill('admin');
  await page.getByLabel('Mật khẩu').fill('Admin@123');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();

  const ranking = page.getByRole('table', { name: 'Tình hình giải quyết TTHC các xã' });
  await expect(ranking.getByRole('row')).toHaveCount(4, { timeout: 20_000 });
  await expect(ranking).toContainText('Xã Tân Lập');
  await expect(ranking).toContainText('Hôm nay');
  // Ranked by on-time rate, best first.
  const rates = await ranking.locator('tbody tr td:nth-child(4)').allInnerTexts();
  const numbers = rates.map((r) => Number(r.replace(',', '.')));
  expect([...numbers].sort((a, b) => b - a)).toEqual(numbers);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, 'province-ranking-1366.png'),
    fullPage: true,
  });

  // The ranking's new columns are filled by the demo's version-3 trails.
  for (const heading of ['Thư xin lỗi', 'Hồ sơ trễ có thư xin lỗi (%)', 'Số hóa kết quả (%)']) {
    await expect(ranking.getByRole('columnheader', { name: heading, exact: true })).toBeVisible();
  }
  await expect(
    ranking.getByRole('columnheader', { name: 'Thời gian chờ p90 (phút)' }),
  ).toBeVisible();

  // Exports: the same rows as files, named by the period.
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Xuất CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^xep-hang-xa_\d{4}-\d{2}-01_\d{4}-\d{2}-\d{2}\.csv$/);
  const csvText = fs.readFileSync(await csv.path(), 'utf8');
  expect(csvText.split('\r\n')[0]).toContain('Hạng,Mã đơn vị,Xã / phường,Tiếp nhận,Đúng hạn (%)');
  expect(csvText).toContain('Xã Tân Lập');
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Xuất Excel (XLSX)' }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await xlsx.path());
  expect(wb.worksheets[0]?.getRow(3).getCell(3).value).toBe('Xã / phường');

  // The demo's third commune has dossiers of an unregistered agency: listed with headings,
  // then added.
  const held = page.getByTestId('unregistered');
  await expect(held.getByRole('columnheader')).toHaveText([
    'Mã đơn vị',
    'Mã cơ quan',
    'Số hồ sơ',
    'Thao tác',
  ]);
  await expect(page.getByText('99.99.P01')).toBeVisible();
  await page.getByRole('button', { name: 'Thêm mã cho xã' }).click();
  await expect(page.getByText('Không có hồ sơ nào của cơ quan chưa đăng ký.')).toBeVisible();

  await ranking.getByRole('button', { name: 'Xã Hòa Bình' }).click();
  await expect(page.getByRole('heading', { name: 'Xã: Xã Hòa Bình' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Hồ sơ đang quá hạn' })).toBeVisible();
  // Twelve months of on-time rate, the current month (the demo's data) filled.
  const trend = page.getByTestId('trend');
  await expect(trend.locator('tbody tr')).toHaveCount(12);
  await expect(trend.locator('tbody tr').last().locator('td').nth(2)).toHaveText(/\d/);
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, 'province-commune-1366.png'),
    fullPage: true,
  });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, 'province-commune-1920.png'),
    fullPage: true,
  });
  await page.getByRole('button', { name: '← Danh sách xã' }).click();

  // The period fields show dd/mm/yyyy (English browser notwithstanding) and refuse a date
  // that does not exist.
  await expect(page.getByLabel('Từ ngày')).toHaveValue(/^01\/\d{2}\/\d{4}$/);
  await page.getByLabel('Từ ngày').fill('31/02/2020');
  await page.getByRole('button', { name: 'Xem' }).click();
  await expect(page.getByText('Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy')).toBeVisible();
  // A period with nothing received: the communes stay, with zero received.
  await page.getByLabel('Từ ngày').fill('01/01/2020');
  await page.getByLabel('Đến ngày').fill('31/01/2020');
  await page.getByRole('button', { name: 'Xem' }).click();
  await expect(ranking.locator('tbody tr td:nth-child(3)').first()).toHaveText('0');
  await expect(page.getByText('Ngày không hợp lệ')).toHaveCount(0);

  await page.getByLabel('Mã đơn vị (site id)').fill('xa-moi-01');
  await page.getByLabel('Tên xã').fill('Xã Mới');
  await page.getByLabel('Mã cơ quan (cách nhau bởi dấu phẩy)').fill('12.34.H56');
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  const keyText = await page.getByText(/Khóa đơn vị — chỉ hiển thị một lần/).innerText();
  const key = /: (\S+)$/.exec(keyText)?.[1] ?? '';
  expect(key.length).toBeGreaterThanOrEqual(43);
  await expect(ranking).toContainText('Xã Mới');
  await expect(ranking).toContainText('Chưa nhận');

  // The commune brings its USB file: imported once from the screen, refused the second time.
  const content = JSON.stringify({
    fileId: ulid(),
    siteId: 'xa-moi-01',
    createdAt: new Date().toISOString(),
    events: ratingEvents(1, 3),
  });
  const usb = {
    name: 'xa-moi-01.motcua-sync.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        format: SYNC_FILE_FORMAT,
        siteId: 'xa-moi-01',
        signature: signatureHeader(key, content),
        content,
      }),
    ),
  };
  await page.getByLabel('Chọn tệp USB').setInputFiles(usb);
  await expect(page.getByTestId('usb-result')).toHaveText(
    'Đã nhập tệp của đơn vị xa-moi-01: 3 sự kiện mới, 0 đã có (3 trong tệp).',
  );
  await page.getByLabel('Chọn tệp USB').setInputFiles(usb);
  await expect(page.getByTestId('usb-result')).toContainText('đã được nhập');
  await page.getByLabel('Chọn tệp USB').setInputFiles({
    name: 'khong-phai.json',
    mimeType: 'application/json',
    buffer: Buffer.from('không phải JSON'),
  });
  await expect(page.getByTestId('usb-result')).toHaveText(
    'Tệp không phải tệp đồng bộ (.json) hợp lệ.',
  );
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, 'province-register-1366.png'),
    fullPage: true,
  });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.reload(); // back to this month (the session stays)
  await expect(ranking.getByRole('row')).toHaveCount(5, { timeout: 20_000 });
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, 'province-ranking-1920.png'),
    fullPage: true,
  });
});
