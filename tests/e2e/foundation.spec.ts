import { KIOSK_PAGE, login, snap, expect, test } from './helpers';

test.describe('foundation: sign-in, navigation, language, connection', () => {
  test('an officer signs in with the keyboard and lands on the desk', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/desk$/);
    await expect(page.getByRole('heading', { name: 'Đăng nhập cán bộ' })).toBeVisible();
    await snap(page, 'foundation-01-login');
    await login(page, 'canbo1', 'Canbo@123');
    await expect(
      page.getByRole('heading', { name: 'Quầy tiếp nhận và trả kết quả' }),
    ).toBeVisible();
    await expect(page.getByTestId('current-user')).toHaveText('Nguyễn Thị Ngọc Ánh');
    await expect(page.getByTestId('site-name')).toHaveText('Ủy ban nhân dân xã Quảng Phú');
    await expect(page.getByTestId('counter-list').getByRole('listitem')).toHaveCount(3);
    // An officer does not see the administration panel.
    await expect(page.getByRole('heading', { name: 'Quản trị hệ thống' })).toHaveCount(0);
    await expect(page.getByTestId('connection-status')).toHaveText('Đã kết nối máy chủ');
    await snap(page, 'foundation-02-desk-officer');
  });

  test('a wrong password is refused with a clear Vietnamese message', async ({ page }) => {
    await page.goto('/desk');
    await page.getByLabel('Tên đăng nhập').fill('canbo1');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau1');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
    await expect(page.getByTestId('current-user')).toHaveCount(0);
    await snap(page, 'foundation-03-login-error');
  });

  test('the session survives a reload and logout ends it', async ({ page }) => {
    await login(page, 'canbo1', 'Canbo@123');
    await page.reload();
    await expect(page.getByTestId('current-user')).toBeVisible();
    await page.getByTestId('logout').click();
    await expect(page.getByRole('heading', { name: 'Đăng nhập cán bộ' })).toBeVisible();
  });

  test('the language switch turns the screens to English and back, and is remembered', async ({
    page,
  }) => {
    await page.goto('/desk');
    await page.getByTestId('language-switch').click();
    await expect(page.getByRole('heading', { name: 'Officer sign-in' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Officer sign-in' })).toBeVisible();
    await page.getByLabel('Username').fill('canbo1');
    await page.getByLabel('Password').fill('wrong-password1');
    await page.getByLabel('Password').press('Enter');
    await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
    await snap(page, 'foundation-04-login-english');
    await page.getByTestId('language-switch').click();
    await expect(page.getByRole('heading', { name: 'Đăng nhập cán bộ' })).toBeVisible();
  });

  test('navigation reaches the kiosk and the lobby display, which show no personal data', async ({
    page,
  }) => {
    await page.goto(KIOSK_PAGE); // this browser is the demo's paired kiosk (docs/security.md)
    await login(page, 'canbo1', 'Canbo@123');
    await page.getByRole('link', { name: 'Kiosk công dân' }).click();
    await expect(page).toHaveURL(/\/kiosk$/);
    await expect(page.getByRole('heading', { name: 'Xin kính chào quý công dân' })).toBeVisible();
    await page.setViewportSize({ width: 1080, height: 1920 });
    await snap(page, 'foundation-05-kiosk-portrait');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto('/display');
    await expect(page.getByRole('heading', { name: 'Ủy ban nhân dân xã Quảng Phú' })).toBeVisible();
    await expect(page.getByRole('row')).toHaveCount(4); // header + 3 counters
    await expect(page.getByText('Nguyễn Thị Ngọc Ánh')).toHaveCount(0);
    await expect(page.getByTestId('connection-status')).toHaveText('Đã kết nối máy chủ');
    await snap(page, 'foundation-06-display');
  });

  test('the connection indicator says so when the hub cannot be reached', async ({ page }) => {
    await page.route('**/api/v1/events', (route) => route.abort('connectionrefused'));
    await page.goto('/display');
    await expect(page.getByTestId('connection-status')).toHaveText('Mất kết nối máy chủ');
    await snap(page, 'foundation-07-display-offline');
  });

  test('an admin edits the office, adds an officer, and sees it in the audit log', async ({
    page,
  }) => {
    await login(page, 'admin', 'Admin@123');
    await page.getByRole('tab', { name: /Quản trị/ }).click();
    await expect(page.getByRole('heading', { name: 'Quản trị hệ thống' })).toBeVisible();
    await page.getByLabel('Tên đơn vị').fill('Ủy ban nhân dân xã Đông Sơn');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect(page.getByText('Đã lưu.')).toBeVisible();
    await expect(page.getByTestId('current-site')).toHaveText('Ủy ban nhân dân xã Đông Sơn');

    const form = page.getByRole('form', { name: 'Thêm tài khoản' });
    await form.getByLabel('Tên đăng nhập').fill('canbo2');
    await form.getByLabel('Họ và tên').fill('Đặng Văn Đức');
    await form.getByLabel('Mật khẩu').fill('ngan');
    await form.getByRole('button', { name: 'Thêm tài khoản' }).click();
    await expect(page.getByRole('alert')).toContainText('Mật khẩu phải có ít nhất 8 ký tự');
    await form.getByLabel('Mật khẩu').fill('Matkhau123');
    await form.getByRole('button', { name: 'Thêm tài khoản' }).click();
    await expect(page.getByText('Đã thêm tài khoản canbo2.')).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Đặng Văn Đức' })).toBeVisible();
    await snap(page, 'foundation-08-admin');

    // Put the demo name back for the other tests.
    await page.getByLabel('Tên đơn vị').fill('Ủy ban nhân dân xã Quảng Phú');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect(page.getByTestId('current-site')).toHaveText('Ủy ban nhân dân xã Quảng Phú');
  });
});
