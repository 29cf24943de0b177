/**
 * The kiosk on every screen it may stand on (docs/queue.md, "Kiosk sizes"): at 768×1024 (a
 * cheap tablet), 1080×1920 and 1920×1080, with and without "Chữ to", the four home choices
 * and the lookup keypad with its action button are inside the viewport without scrolling.
 * Old behaviour: 768×1024 needed scrolling and with "Chữ to" no choice was visible; at
 * 1920×1080 "Xem kết quả" fell below the keypad. Screenshots: kiosk-size-*.png.
 */
import type { Locator, Page } from '@playwright/test';
import { KIOSK_PAGE, expect, snap, test } from './helpers';

const SIZES = [
  { width: 768, height: 1024 },
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
] as const;

async function expectInside(page: Page, locator: Locator, what: string) {
  const box = await locator.boundingBox();
  const vp = page.viewportSize() as { width: number; height: number };
  expect(box, what).not.toBeNull();
  const b = box as { x: number; y: number; width: number; height: number };
  expect(b.y, `${what} top`).toBeGreaterThanOrEqual(0);
  expect(b.y + b.height, `${what} bottom`).toBeLessThanOrEqual(vp.height + 0.5);
  expect(b.x + b.width, `${what} right`).toBeLessThanOrEqual(vp.width + 0.5);
}

for (const size of SIZES) {
  for (const large of [false, true]) {
    const name = `${size.width}x${size.height}${large ? '-large' : ''}`;
    test.describe(`kiosk ${name}`, () => {
      test.use({ viewport: size, hasTouch: true });
      test('home choices and the lookup keypad with its button fit without scrolling', async ({
        page,
      }) => {
        await page.goto(KIOSK_PAGE);
        if (large) await page.getByRole('button', { name: 'Chữ to' }).tap();
        for (const choice of [
          /Lấy số thứ tự/,
          /Tra cứu hồ sơ/,
          /Thủ tục hành chính/,
          /Đánh giá hài lòng/,
        ])
          await expectInside(page, page.getByRole('button', { name: choice }), String(choice));
        await snap(page, `kiosk-size-${name}-home`);

        await page.getByRole('button', { name: /Tra cứu hồ sơ/ }).tap();
        const keyboard = page.getByTestId('code-keyboard');
        for (const ch of '000') await keyboard.getByRole('button', { name: ch, exact: true }).tap();
        await expectInside(page, keyboard, 'code keyboard');
        await expectInside(page, page.getByRole('button', { name: 'Tiếp tục' }), 'Tiếp tục');
        await snap(page, `kiosk-size-${name}-code`);
        await page.getByRole('button', { name: 'Tiếp tục' }).tap();
        const keypad = page.getByTestId('check-keypad');
        await expectInside(page, keypad, 'check keypad');
        await expectInside(page, page.getByRole('button', { name: 'Xem kết quả' }), 'Xem kết quả');
        await snap(page, `kiosk-size-${name}-check`);
      });
    });
  }
}
