/**
 * Kiosk lookup flows always have a way back and keep what was typed (docs/queue.md, "Kiosk
 * lookup"), by touch at 1080×1920: after a wrong check "Tra cứu hồ sơ khác" starts a new code
 * (old: back to the same code) and "Bấm lại 4 số" keeps the code; the per-address lookup limit
 * says so plainly, keeps the code and offers both ways (old: "Máy đang bận", no way back, code
 * lost). Screenshots: kiosk-lookup-*.png.
 */
import type { Page } from '@playwright/test';
import { KIOSK_PAGE, expect, snap, test } from './helpers';

test.use({ viewport: { width: 1080, height: 1920 }, hasTouch: true });

async function readyCode(page: Page): Promise<string> {
  const login = await page.request.post('/api/v1/auth/login', {
    data: { username: 'canbo1', password: 'Canbo@123' },
  });
  const { token } = (await login.json()) as { token: string };
  const list = await page.request.get('/api/v1/dossiers?status=result_ready', {
    headers: { Authorization: `Bearer ${token}` },
  });
  return ((await list.json()) as { items: { code: string }[] }).items[0]?.code ?? '';
}

async function typeCodeAndCheck(page: Page, code: string, check: string) {
  const keyboard = page.getByTestId('code-keyboard');
  for (const ch of code) await keyboard.getByRole('button', { name: ch, exact: true }).tap();
  await page.getByRole('button', { name: 'Tiếp tục' }).tap();
  const keypad = page.getByTestId('check-keypad');
  for (const d of check) await keypad.getByRole('button', { name: d, exact: true }).tap();
  await page.getByRole('button', { name: 'Xem kết quả' }).tap();
}

test('a wrong check: "Bấm lại 4 số" keeps the code, "Tra cứu hồ sơ khác" starts afresh', async ({
  page,
}) => {
  const code = await readyCode(page);
  expect(code).not.toBe('');
  await page.goto(KIOSK_PAGE);
  await page.getByRole('button', { name: /Tra cứu hồ sơ/ }).tap();
  await typeCodeAndCheck(page, code, '0000');
  await expect(page.getByTestId('lookup-not-found')).toBeVisible();
  await expect(page.getByText(code, { exact: true })).toBeVisible();
  await snap(page, 'kiosk-lookup-not-found');

  await page.getByRole('button', { name: 'Bấm lại 4 số' }).tap();
  await expect(page.getByText(code, { exact: true })).toBeVisible();
  await expect(page.getByTestId('lookup-check')).toHaveValue('');
  await page.getByRole('button', { name: 'Quay lại' }).tap();
  await expect(page.getByTestId('lookup-code')).toHaveValue(code);

  await page.getByRole('button', { name: 'Tiếp tục' }).tap();
  const keypad = page.getByTestId('check-keypad');
  for (const d of '1111') await keypad.getByRole('button', { name: d, exact: true }).tap();
  await page.getByRole('button', { name: 'Xem kết quả' }).tap();
  await expect(page.getByTestId('lookup-not-found')).toBeVisible();
  await page.getByRole('button', { name: 'Tra cứu hồ sơ khác' }).tap();
  await expect(page.getByTestId('lookup-code')).toHaveValue('');
  await expect(page.getByTestId('code-keyboard')).toBeVisible();
});

test('the lookup limit: a plain message, the code kept, a way back', async ({ page }) => {
  const code = await readyCode(page);
  // Use up this address's lookups (10 a minute; the test and the kiosk share 127.0.0.1).
  for (let i = 0; i < 12; i++)
    await page.request.get(
      `/api/v1/public/dossiers/${encodeURIComponent(code)}?check=999${i % 10}`,
    );
  await page.goto(KIOSK_PAGE);
  await page.getByRole('button', { name: /Tra cứu hồ sơ/ }).tap();
  await typeCodeAndCheck(page, code, '6777');
  await expect(page.getByTestId('lookup-locked')).toContainText(
    'Xin ông/bà chờ vài phút rồi bấm lại',
  );
  await expect(page.getByText('Máy đang bận')).toHaveCount(0);
  await expect(page.getByText(code, { exact: true })).toBeVisible();
  await snap(page, 'kiosk-lookup-locked');
  await expect(page.getByRole('button', { name: 'Quay lại' })).toBeVisible();
  await page.getByRole('button', { name: 'Bấm lại 4 số' }).tap();
  await expect(page.getByText(code, { exact: true })).toBeVisible();
  await expect(page.getByTestId('check-keypad')).toBeVisible();
});
