import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { SETUP_CODE_FILE } from '../../src/core/auth/setupCode';
import { startHub, type Hub } from '../../src/hub/startHub';
import { snap } from './helpers';

// A hub WITHOUT demo data (the shared fixture of helpers.ts seeds the demo office): the first
// visitor of /desk is shown the setup screen, which now asks for the one-time setup code.
let hub: Hub;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-setup-'));
  hub = await startHub({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    demo: false,
    staticDir: path.resolve('out/renderer'),
  });
});
test.afterAll(async () => {
  await hub.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the setup screen asks for the setup code, explains where it is, and refuses a wrong one', async ({
  page,
}) => {
  await page.goto(`${hub.url}/desk`);
  await expect(page.getByRole('heading', { name: 'Cài đặt lần đầu' })).toBeVisible();
  const codeField = page.getByLabel('Mã cài đặt');
  await expect(codeField).toBeVisible();
  await expect(page.getByText(/setup-code\.txt ở thư mục dữ liệu/)).toBeVisible();
  await expect(page.getByText(/cửa sổ dòng lệnh \(terminal\)/)).toBeVisible();

  await codeField.fill('AAAA-BBBB-CCCC');
  await page.getByLabel('Họ và tên người quản trị').fill('Chủ tịch xã');
  await page.getByLabel('Mật khẩu quản trị').fill('QuangPhu2026');
  await page.getByLabel('Nhập lại mật khẩu').fill('QuangPhu2026');
  await page.getByRole('button', { name: 'Tạo tài khoản quản trị' }).click();
  await expect(page.getByRole('alert')).toContainText('Mã cài đặt không đúng.');
  await snap(page, 'setup-01-wrong-code');

  const code = fs.readFileSync(path.join(dataDir, SETUP_CODE_FILE), 'utf8').trim();
  await codeField.fill(code);
  await page.getByRole('button', { name: 'Tạo tài khoản quản trị' }).click();
  await expect(page.getByRole('heading', { name: 'Đăng nhập cán bộ' })).toBeVisible();
  expect(fs.existsSync(path.join(dataDir, SETUP_CODE_FILE))).toBe(false);

  await page.getByLabel('Tên đăng nhập').fill('admin');
  await page.getByLabel('Mật khẩu').fill('QuangPhu2026');
  await page.getByLabel('Mật khẩu').press('Enter');
  await expect(page.getByTestId('current-user')).toHaveText('Chủ tịch xã');
});
