/**
 * A kiosk with no ticket printer configured (docs/queue.md, "Kiosk without paper"), in Chromium by touch at
 * 1080×1920 and 1920×1080: the number stays large until "Đã ghi nhớ số" or 60 s, the screen
 * says plainly that no paper was printed, and offers the ticket's QR to photograph; "In danh
 * sách giấy tờ" answered `screen` does not say "Đã in".
 * Old behaviour: "Mời ông/bà nhận phiếu ở khe máy in", home after 10 s, and "Đã in" for a
 * checklist that was never printed. Screenshots: kiosk-nopaper-*.png.
 */
import type { APIRequestContext } from '@playwright/test';
import { KIOSK_PAGE, expect, snap, test } from './helpers';

// Each viewport's second ticket is the first of its service today (nobody ahead).
const VIEWPORTS = [
  { name: 'portrait', width: 1080, height: 1920, empty: /Chứng thực/, prefix: 'B' },
  { name: 'landscape', width: 1920, height: 1080, empty: /Nhận kết quả/, prefix: 'D' },
] as const;

async function setPublicAddress(request: APIRequestContext, url: string | null) {
  const login = await request.post('/api/v1/auth/login', {
    data: { username: 'admin', password: 'Admin@123' },
  });
  const { token } = (await login.json()) as { token: string };
  const res = await request.put('/api/v1/public-address', {
    headers: { Authorization: `Bearer ${token}` },
    data: { url },
  });
  expect(res.status(), await res.text()).toBe(200);
}

for (const vp of VIEWPORTS) {
  test.describe(`kiosk without paper ${vp.name} ${vp.width}×${vp.height}`, () => {
    test.use({ viewport: { width: vp.width, height: vp.height }, hasTouch: true });

    test('the number stays on screen until "Đã ghi nhớ số" or 60 s, with the QR to photograph', async ({
      page,
      request,
      baseURL,
    }) => {
      await setPublicAddress(request, baseURL as string);
      await page.clock.install();
      await page.goto(KIOSK_PAGE);
      await page.getByRole('button', { name: /Lấy số thứ tự/ }).tap();
      await page.getByRole('button', { name: /Hộ tịch/ }).tap();
      const issued = page.waitForResponse((r) => r.url().endsWith('/api/v1/queue/tickets'));
      await page.getByRole('button', { name: 'Người cao tuổi (từ 60 tuổi)' }).tap();
      const ticket = (await (await issued).json()) as {
        id: string;
        number: string;
        ahead: number;
        printStatus: string;
      };
      expect(ticket.printStatus).toBe('screen');
      await expect(page.getByTestId('ticket-number')).toHaveText(ticket.number);
      await expect(page.getByTestId('kiosk-paper')).toHaveText(
        'Máy này không in phiếu giấy. Xin ông/bà ghi nhớ số trên màn hình.',
      );
      await expect(page.getByText('Mời ông/bà nhận phiếu ở khe máy in')).toHaveCount(0);
      await expect(page.getByTestId('ticket-priority')).toHaveText(
        'Ưu tiên: Người cao tuổi (từ 60 tuổi)',
      );
      const qr = page.getByTestId('kiosk-qr');
      await expect(qr).toHaveAttribute('data-qr', `${baseURL}/ticket/${ticket.id}`);
      const remembered = page.getByTestId('ticket-remembered');
      await expect(remembered).toHaveText('Đã ghi nhớ số');
      // Everything on one screen: number, QR and "Đã ghi nhớ số" inside the viewport.
      for (const el of [page.getByTestId('ticket-number'), qr, remembered]) {
        const box = await el.boundingBox();
        expect(box).not.toBeNull();
        expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(vp.height);
      }
      await snap(page, `kiosk-nopaper-${vp.name}-ticket`);

      // Not gone after 10 s (the paper ticket's delay) …
      await page.clock.fastForward(15_000);
      await expect(page.getByTestId('kiosk-ticket')).toBeVisible();
      // … until the citizen says they noted it.
      await remembered.tap();
      await expect(page.getByTestId('kiosk')).toHaveAttribute('data-screen', 'home');

      // Untouched: 60 s, then home.
      await page.getByRole('button', { name: /Lấy số thứ tự/ }).tap();
      await page.getByRole('button', { name: vp.empty }).tap();
      await page.getByRole('button', { name: 'Không, lấy số thường' }).tap();
      await expect(page.getByTestId('ticket-number')).toHaveText(new RegExp(`^${vp.prefix}001$`));
      await expect(page.getByTestId('ticket-priority')).toHaveCount(0);
      // Nobody ahead: no "0 đến 4 phút".
      await expect(page.getByText('Sắp đến lượt ông/bà')).toBeVisible();
      await expect(page.getByText(/đến \d+ phút/)).toHaveCount(0);
      await page.clock.fastForward(55_000);
      await expect(page.getByTestId('kiosk-ticket')).toBeVisible();
      await page.clock.fastForward(6_000);
      await expect(page.getByTestId('kiosk')).toHaveAttribute('data-screen', 'home');
    });
  });
}

test.describe('kiosk without paper, no public address', () => {
  test.use({ viewport: { width: 1080, height: 1920 }, hasTouch: true });

  test('no QR pointing at 127.0.0.1; the checklist answered "screen" does not say "Đã in"', async ({
    page,
    request,
  }) => {
    await setPublicAddress(request, null);
    await page.goto(KIOSK_PAGE);
    await page.getByRole('button', { name: /Lấy số thứ tự/ }).tap();
    await page.getByRole('button', { name: /Hộ tịch/ }).tap();
    await page.getByRole('button', { name: 'Không, lấy số thường' }).tap();
    await expect(page.getByTestId('kiosk-paper')).toBeVisible();
    await expect(page.getByTestId('ticket-number')).toBeVisible();
    // The kiosk page is on 127.0.0.1: a QR would open the citizen's own phone.
    await expect(page.getByTestId('kiosk-qr')).toHaveCount(0);
    await page.getByTestId('ticket-remembered').tap();

    await page.getByRole('button', { name: /Thủ tục hành chính/ }).tap();
    await page
      .getByRole('button', { name: /Hộ tịch/ })
      .first()
      .tap();
    await page.locator('.kchoice-proc').first().tap();
    const printed = page.waitForResponse((r) => r.url().includes('/print-checklist'));
    await page.getByRole('button', { name: 'In danh sách giấy tờ' }).tap();
    expect(((await (await printed).json()) as { status: string }).status).toBe('screen');
    await expect(page.getByTestId('checklist-print')).toHaveText(
      'Máy này không in giấy. Mời ông/bà chụp ảnh danh sách trên màn hình hoặc ghi lại.',
    );
    await expect(page.getByText(/Đã in/)).toHaveCount(0);
    await snap(page, 'kiosk-nopaper-checklist');
  });
});
