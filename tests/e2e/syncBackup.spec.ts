import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { login, snap, expect, test } from './helpers';

/**
 * Sync and backup admin screens (docs/sync.md, docs/backup.md): the site's "Đồng bộ và sao lưu" tab (upstream, write-only key,
 * backup folder, "Sao lưu ngay"). The province's screen: tests/e2e/province.spec.ts.
 */

const tempDirs: string[] = [];
test.afterAll(() => {
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
});
function tempDir(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(d);
  return d;
}

test('the admin sets the upstream and the site key, picks a backup folder and backs up now', async ({
  page,
  request,
}) => {
  await login(page, 'admin', 'Admin@123');
  await page.getByRole('tab', { name: /Đồng bộ và sao lưu/ }).click();
  const sync = page.getByTestId('sync-settings');
  await expect(sync.getByRole('heading', { name: 'Đồng bộ lên máy chủ tỉnh' })).toBeVisible();
  await expect(page.getByTestId('sync-site-id')).toHaveValue(/^[0-9A-Z]{26}$/);
  await expect(page.getByTestId('sync-key-state')).toHaveText(/Chưa có khóa/);

  // A wrong address is explained in Vietnamese before anything is sent.
  await sync.getByLabel('Địa chỉ máy chủ tỉnh').fill('tinh.gov.vn');
  await sync.getByRole('button', { name: 'Lưu cài đặt đồng bộ' }).click();
  await expect(sync.getByRole('alert')).toContainText('phải bắt đầu bằng http://');

  const secret = `khoa-bi-mat-${'x'.repeat(40)}`;
  await sync.getByLabel('Địa chỉ máy chủ tỉnh').fill('http://127.0.0.1:9');
  await page.getByTestId('sync-site-key').fill(secret);
  await sync.getByRole('button', { name: 'Lưu cài đặt đồng bộ' }).click();
  await expect(page.getByTestId('sync-settings-notice')).toHaveText('Đã lưu cài đặt đồng bộ.');
  // Write-only: the field is emptied and the hub only says a key is set.
  await expect(page.getByTestId('sync-site-key')).toHaveValue('');
  await expect(page.getByTestId('sync-key-state')).toHaveText(/Đã có khóa/);
  expect(await page.content()).not.toContain(secret);
  await expect(sync.getByRole('checkbox', { name: /Bật đồng bộ tự động/ })).toBeChecked();

  // Backup folder: a relative path is refused in plain words, a missing absolute one created.
  const backup = page.getByTestId('backup-card');
  await backup.getByLabel('Thư mục sao lưu').fill('saoluu');
  await backup.getByRole('button', { name: 'Lưu thư mục' }).click();
  await expect(backup.getByRole('alert')).toContainText('phải là đường dẫn đầy đủ (tuyệt đối)');
  const usb = path.join(tempDir('motcua-e2e-usb-'), 'usb', 'saoluu');
  await backup.getByLabel('Thư mục sao lưu').fill(usb);
  await backup.getByRole('button', { name: 'Lưu thư mục' }).click();
  await expect(page.getByTestId('backup-notice')).toHaveText(
    `Từ nay bản sao lưu được ghi vào ${usb}.`,
  );
  expect(fs.statSync(usb).isDirectory()).toBe(true);

  await page.getByTestId('backup-now').click();
  await expect(page.getByTestId('backup-notice')).toContainText(/Đã sao lưu: motcua-manual-/, {
    timeout: 60_000, // the copy and its integrity_check, on a loaded machine
  });
  const done = (await page.getByTestId('backup-notice').textContent()) ?? '';
  const fileName = /motcua-manual-[0-9-]+\.sqlite/.exec(done)?.[0] as string;
  expect(fileName).toBeTruthy();
  await expect(page.getByTestId('backup-list')).toContainText(fileName);
  await expect(page.getByTestId('backup-list')).toContainText('Sao lưu tay');
  const copy = new Database(path.join(usb, fileName), { readonly: true, fileMustExist: true });
  try {
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    copy.close();
  }
  await page.waitForTimeout(300); // let the spinner-free state settle for the picture
  await snap(page, 'sync-backup-admin');

  // Encryption: the passphrase is write-only; backups from now on are `.sqlite.enc`.
  const passphrase = 'Mật khẩu sao lưu của xã 2026';
  await expect(page.getByTestId('backup-encryption')).toHaveText('Bản sao lưu chưa được mã hóa.');
  await page.getByTestId('backup-passphrase').fill(passphrase);
  await backup.getByRole('button', { name: 'Lưu mật khẩu và mã hóa' }).click();
  await expect(page.getByTestId('backup-notice')).toHaveText(
    'Đã lưu mật khẩu: từ nay mọi bản sao lưu đều được mã hóa.',
  );
  await expect(page.getByTestId('backup-passphrase')).toHaveValue('');
  await expect(page.getByTestId('backup-encryption')).toHaveText(
    'Bản sao lưu được mã hóa (AES-256-GCM).',
  );
  await page.getByTestId('backup-now').click();
  await expect(page.getByTestId('backup-notice')).toContainText(/\.sqlite\.enc/, {
    timeout: 60_000, // argon2 key derivation and the encrypted copy, on a loaded machine
  });
  await expect(page.getByTestId('backup-list')).toContainText('Sao lưu tay · mã hóa');
  expect(await page.content()).not.toContain(passphrase);

  // Every change is in the audit log (the key itself never).
  const token = await page.evaluate(
    () => (JSON.parse(localStorage.getItem('motcua.session') ?? '{}') as { token: string }).token,
  );
  const audit = await request.get('/api/v1/audit?limit=20', {
    headers: { Authorization: `Bearer ${token}` },
  });
  const actions = ((await audit.json()) as { action: string }[]).map((a) => a.action);
  expect(actions.slice(0, 6)).toEqual(
    expect.arrayContaining(['backup.now', 'backup.config', 'sync.config']),
  );
  expect(JSON.stringify(await audit.json())).not.toContain(secret);
  expect(JSON.stringify(await audit.json())).not.toContain(passphrase);
});
