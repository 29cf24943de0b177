/**
 * The provincial screen (docs/province.md) in Chromium, served by the province service on
 * the embedded PGlite with the demo communes: sign in, the ranking, a commune's page, the
 * period picker, site registration (key shown once) and an unregistered agency code added.
 * Screenshots at the provincial office's 1366×768 and 1920×1080.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startProvince, type Province } from '../../src/province/service';

const SCREENSHOT_DIR = path.join('test-results', 'screenshots');
let province: Province;
let dataDir: string;

test.beforeAll(async () => {
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

  // The demo's third commune has dossiers of an unregistered agency: listed, then added.
  await expect(page.getByText('99.99.P01')).toBeVisible();
  await page.getByRole('button', { name: 'Thêm mã cho xã' }).click();
  await expect(page.getByText('Không có hồ sơ nào của cơ quan chưa đăng ký.')).toBeVisible();

  await ranking.getByRole('button', { name: 'Xã Hòa Bình' }).click();
  await expect(page.getByRole('heading', { name: 'Xã: Xã Hòa Bình' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Hồ sơ đang quá hạn' })).toBeVisible();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, 'province-commune-1920.png'),
    fullPage: true,
  });
  await page.getByRole('button', { name: '← Danh sách xã' }).click();

  // A period with nothing received: the communes stay, with zero received.
  await page.getByLabel('Từ ngày').fill('2020-01-01');
  await page.getByLabel('Đến ngày').fill('2020-01-31');
  await page.getByRole('button', { name: 'Xem' }).click();
  await expect(ranking.locator('tbody tr td:nth-child(3)').first()).toHaveText('0');

  await page.getByLabel('Mã đơn vị (site id)').fill('xa-moi-01');
  await page.getByLabel('Tên xã').fill('Xã Mới');
  await page.getByLabel('Mã cơ quan (cách nhau bởi dấu phẩy)').fill('12.34.H56');
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(page.getByText(/Khóa đơn vị — chỉ hiển thị một lần/)).toBeVisible();
  await expect(ranking).toContainText('Xã Mới');
  await expect(ranking).toContainText('Chưa nhận');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, 'province-register-1366.png'),
    fullPage: true,
  });
});
