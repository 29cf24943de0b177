/**
 * Device pairing in Chromium (docs/security.md, "Devices"): an unpaired kiosk and rating
 * tablet say "Thiết bị chưa được ghép nối" and take nothing from strangers; the admin pairs
 * a kiosk from the desk's "Thiết bị" tab (a link shown once), pairs a rating tablet with a
 * short code typed on it, and revokes the kiosk, which goes back to the pairing step.
 * Screenshots: test-results/screenshots/devices-*.
 */
import { login, snap, expect, test } from './helpers';

test.describe('device pairing', () => {
  test.use({ viewport: { width: 1366, height: 900 } });

  test('an unpaired kiosk shows the pairing step; the lookup from a receipt QR still works', async ({
    page,
  }) => {
    await page.goto('/kiosk');
    await expect(page.getByTestId('device-unpaired')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Thiết bị chưa được ghép nối' })).toBeVisible();
    await expect(page.getByRole('button', { name: /Lấy số thứ tự/ })).toHaveCount(0);
    await snap(page, 'devices-01-kiosk-unpaired');
    // A citizen's phone opening the receipt's QR (/kiosk?lookup=CODE) still looks it up.
    await page.goto('/kiosk?lookup=000.00.14.H56-260302-0001');
    await expect(page.getByTestId('check-keypad')).toBeVisible();

    await page.goto('/rate?counter=1');
    await expect(page.getByTestId('device-unpaired')).toBeVisible();
    await expect(page.getByTestId('rating-idle')).toHaveCount(0);
  });

  test('the admin pairs a kiosk (link shown once), a rating tablet by code, and revokes the kiosk', async ({
    page,
    browser,
  }) => {
    await login(page, 'admin', 'Admin@123');
    await page.getByRole('tab', { name: /Thiết bị/ }).click();
    const card = page.getByTestId('devices-card');
    await expect(card.getByRole('heading', { name: 'Thiết bị đã ghép nối' })).toBeVisible();
    await expect(card.getByTestId('devices-list')).toContainText('Kiosk sảnh (mẫu)');

    // Pair a kiosk: the link with its token is shown once.
    await card.getByLabel('Tên thiết bị').fill('Kiosk tầng 2');
    await card.getByLabel('Loại').selectOption('kiosk');
    await card.getByRole('button', { name: 'Ghép nối ngay (tạo đường dẫn)' }).click();
    const link = await card.getByTestId('device-issued-value').inputValue();
    expect(link).toMatch(/\/kiosk\?device=[A-Za-z0-9_-]{43}$/);
    await expect(card.getByTestId('devices-list')).toContainText('Kiosk tầng 2');
    await snap(page, 'devices-02-desk-tab-link');

    // The kiosk is another machine: its own browser storage (no admin session there).
    const kiosk = await (await browser.newContext()).newPage();
    await kiosk.goto(link);
    await expect(kiosk.getByRole('button', { name: /Lấy số thứ tự/ })).toBeVisible();
    expect(new URL(kiosk.url()).search).toBe(''); // the token left the address bar

    // A short code for a rating tablet, typed on the unpaired tablet.
    await card.getByLabel('Tên thiết bị').fill('Máy đánh giá quầy 2');
    await card.getByLabel('Loại').selectOption('rating');
    await card.getByRole('button', { name: 'Tạo mã ghép nối ngắn' }).click();
    const code = await card.getByTestId('device-issued-value').inputValue();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await snap(page, 'devices-03-desk-tab-code');
    const tablet = await (await browser.newContext()).newPage();
    await tablet.goto(new URL('/rate?counter=2', page.url()).href);
    await tablet.getByRole('textbox', { name: 'Mã ghép nối' }).fill(code.toLowerCase());
    await tablet.getByRole('button', { name: 'Ghép nối', exact: true }).click();
    await expect(tablet.getByTestId('rating-idle')).toBeVisible();

    // Revoke the kiosk: its next action finds it unpaired again.
    await page.reload();
    await page.getByRole('tab', { name: /Thiết bị/ }).click();
    page.once('dialog', (d) => void d.accept());
    await card
      .getByRole('row', { name: /Kiosk tầng 2/ })
      .getByRole('button', { name: 'Thu hồi' })
      .click();
    await expect(card.getByRole('status')).toHaveText('Đã thu hồi thiết bị “Kiosk tầng 2”.');
    await expect(card.getByRole('row', { name: /Kiosk tầng 2/ })).toContainText('Đã thu hồi');
    await kiosk.getByRole('button', { name: /Lấy số thứ tự/ }).click();
    await kiosk.getByRole('button', { name: /Hộ tịch/ }).click();
    await kiosk.getByRole('button', { name: 'Không, lấy số thường' }).click();
    await expect(kiosk.getByTestId('device-unpaired')).toBeVisible();
  });

  test('an admin signs in once on the unpaired kiosk to pair it; the session does not stay', async ({
    page,
  }) => {
    await page.goto('/kiosk');
    const panel = page.getByTestId('device-unpaired');
    await panel.getByLabel('Tên thiết bị').fill('Kiosk sảnh B');
    await panel.getByLabel('Tên đăng nhập').fill('admin');
    await panel.getByLabel('Mật khẩu').fill('Admin@123');
    await panel.getByRole('button', { name: 'Đăng nhập và ghép nối' }).click();
    await expect(page.getByRole('button', { name: /Lấy số thứ tự/ })).toBeVisible();
    const stored = await page.evaluate(() => ({
      device: localStorage.getItem('motcua.device'),
      session: localStorage.getItem('motcua.session'),
    }));
    expect(stored.device).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(stored.session).toBeNull();
  });
});
