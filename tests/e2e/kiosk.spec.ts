/**
 * The citizen kiosk in Chromium, driven by TOUCH (hasTouch, tap), at 1080×1920
 * portrait and 1920×1080 landscape: take a number (bytes reach a fake printer), look up a
 * dossier (right and wrong check digits), browse and search procedures with the on-screen
 * keyboard, rate after an officer completes (officer driven over the API). axe-core on every
 * screen; text ≥ 24 px and touch targets ≥ 64 px measured; idle reset (60 s) and the 30 s
 * rating window with Playwright's fake clock. Screenshots: test-results/screenshots/kiosk-*.
 */
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, type Page } from '@playwright/test';
import { decodeEscPos, startFakePrinter, type FakePrinter } from '../../src/core/printing';
import { KIOSK_HEADERS, KIOSK_PAGE, ratePage, RATING_HEADERS, snap, expect, test } from './helpers';

const VIEWPORTS = [
  { name: 'portrait', width: 1080, height: 1920 },
  { name: 'landscape', width: 1920, height: 1080 },
] as const;

let printer: FakePrinter;

async function token(request: APIRequestContext, username: string, password: string) {
  const res = await request.post('/api/v1/auth/login', { data: { username, password } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

async function usePrinter(request: APIRequestContext, id: string) {
  const admin = await token(request, 'admin', 'Admin@123');
  const res = await request.put('/api/v1/printers', {
    headers: { Authorization: `Bearer ${admin}` },
    data: [
      {
        id,
        name: 'Máy in kiosk',
        uri: printer.uri,
        widthMm: 80,
        mode: 'raster',
        roles: ['ticket'],
      },
    ],
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** axe-core: no serious or critical violation on the screen as it is now. */
async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    .analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}

/** Every visible text ≥ 24 px; every visible button ≥ 64×64 px. */
async function expectBigAndTouchable(page: Page) {
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    const root = document.querySelector('.kiosk');
    if (!root) return ['no .kiosk'];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim()) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 24) out.push(`text ${size}px: ${n.textContent.trim().slice(0, 40)}`);
    }
    for (const b of root.querySelectorAll('button, input')) {
      const r = b.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.height < 64 || r.width < 64)
        out.push(`target ${Math.round(r.width)}×${Math.round(r.height)}: ${b.textContent?.trim()}`);
    }
    // Nothing cut off sideways.
    if (document.documentElement.scrollWidth > window.innerWidth + 1)
      out.push('horizontal overflow');
    return out;
  });
  expect(problems).toEqual([]);
}

async function checkScreen(page: Page, name: string) {
  await expectAccessible(page);
  await expectBigAndTouchable(page);
  await snap(page, name);
}

test.beforeAll(async () => {
  printer = await startFakePrinter();
});
test.afterAll(async () => {
  await printer.close();
});

for (const vp of VIEWPORTS) {
  test.describe(`kiosk ${vp.name} ${vp.width}×${vp.height}`, () => {
    test.use({ viewport: { width: vp.width, height: vp.height }, hasTouch: true });
    const shot = (name: string) => `kiosk-${vp.name}-${name}`;

    test('take a number: service, priority, big number; the ticket prints; read aloud; home after 10 s', async ({
      page,
      request,
    }) => {
      await usePrinter(request, `kiosk-${vp.name}`);
      const jobsBefore = printer.jobs().length;
      await page.clock.install();
      await page.goto(KIOSK_PAGE);
      await expect(page.getByRole('button', { name: /Lấy số thứ tự/ })).toBeVisible();
      expect(new URL(page.url()).search).toBe(''); // the token left the address bar
      await expect(page.getByRole('button', { name: /Tra cứu hồ sơ/ })).toBeVisible();
      await expect(page.getByRole('button', { name: /Thủ tục hành chính/ })).toBeVisible();
      await expect(page.getByRole('button', { name: /Đánh giá hài lòng/ })).toBeVisible();
      await checkScreen(page, shot('01-home'));

      // "Đọc to" on the home screen plays the bundled Vietnamese clips.
      const clip = page.waitForResponse((r) => r.url().endsWith('/voice/vi/kiosk-homeprompt.wav'));
      await page.getByTestId('read-aloud').tap();
      expect((await clip).status()).toBe(200);

      await page.getByRole('button', { name: /Lấy số thứ tự/ }).tap();
      await expect(page.getByText('Ông/bà đến làm việc gì? Mời chạm vào một ô.')).toBeVisible();
      await checkScreen(page, shot('02-take-services'));

      await page.getByRole('button', { name: /Hộ tịch/ }).tap();
      await expect(page.getByText('Ông/bà có thuộc diện ưu tiên không?')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Người cao tuổi (từ 60 tuổi)' })).toBeVisible();
      await checkScreen(page, shot('03-take-priority'));

      const issued = page.waitForResponse((r) => r.url().endsWith('/api/v1/queue/tickets'));
      await page.getByRole('button', { name: 'Không, lấy số thường' }).tap();
      const ticket = (await (await issued).json()) as { id: string; number: string; ahead: number };
      await expect(page.getByTestId('ticket-number')).toHaveText(ticket.number);
      expect(ticket.number).toMatch(/^A\d{3}$/);
      await expect(
        page.getByText('Mời ông/bà nhận phiếu ở khe máy in và ngồi chờ gọi số.'),
      ).toBeVisible();
      // Nobody ahead: "Sắp đến lượt", never "0 đến 4 phút" (docs/queue.md, "Kiosk without paper").
      await expect(
        page.getByText(
          ticket.ahead === 0 ? 'Sắp đến lượt ông/bà' : /Thời gian chờ dự kiến: \d+ đến \d+ phút/,
        ),
      ).toBeVisible();
      await checkScreen(page, shot('04-take-ticket'));

      // The ticket's bytes reached the printer (raster, 80 mm) and the ticket says so.
      const jobs = await printer.waitForJobs(jobsBefore + 1);
      const decoded = decodeEscPos(jobs[jobs.length - 1] as Buffer);
      expect(decoded.images[0]?.width).toBe(576);
      expect(decoded.cuts).toBeGreaterThanOrEqual(1);
      const status = await request.get(`/api/v1/queue/tickets/${ticket.id}`);
      expect(((await status.json()) as { printStatus: string }).printStatus).toBe('printed');

      // "Đọc to" speaks the number: the number's letter and digit clips are played.
      const letter = page.waitForResponse((r) => r.url().endsWith('/voice/vi/letter-a.wav'));
      await page.getByTestId('kiosk-ticket').getByRole('button', { name: 'Đọc to' }).tap();
      expect((await letter).status()).toBe(200);

      // Touched (read aloud) → 30 s more instead of 10; then home.
      await page.clock.fastForward(11_000);
      await expect(page.getByTestId('kiosk-ticket')).toBeVisible();
      await page.clock.fastForward(20_000);
      await expect(page.getByTestId('kiosk')).toHaveAttribute('data-screen', 'home');

      // Untouched ticket screen: home after 10 s.
      await page.getByRole('button', { name: /Lấy số thứ tự/ }).tap();
      await page.getByRole('button', { name: /Chứng thực/ }).tap();
      await page.getByRole('button', { name: 'Không, lấy số thường' }).tap();
      await expect(page.getByTestId('ticket-number')).toHaveText(/^B\d{3}$/);
      await page.clock.fastForward(9_000);
      await expect(page.getByTestId('kiosk-ticket')).toBeVisible();
      await page.clock.fastForward(1_500);
      await expect(page.getByTestId('kiosk')).toHaveAttribute('data-screen', 'home');
    });

    test('printer faults and an unreachable hub are said in plain words, with where to get help', async ({
      page,
      request,
    }) => {
      // Printer out of paper: the kiosk says so before the citizen chooses anything.
      await printer.setBehaviour({ paperOut: true });
      await usePrinter(request, `paper-${vp.name}`);
      await page.goto(KIOSK_PAGE);
      await page.getByRole('button', { name: /Lấy số thứ tự/ }).tap();
      await expect(page.getByTestId('kiosk-error')).toHaveText(
        'Máy in phiếu đã hết giấy. Vui lòng đến quầy hướng dẫn để lấy số hoặc nhờ cán bộ giúp.',
      );
      await checkScreen(page, shot('05-error-paper-out'));

      // Printer refuses the job: no ticket, plain words.
      await printer.setBehaviour({ paperOut: false });
      await usePrinter(request, `refuse-${vp.name}`);
      await page.getByTestId('kiosk-home').tap();
      await page.getByRole('button', { name: /Lấy số thứ tự/ }).tap();
      await page.getByRole('button', { name: /Hộ tịch/ }).tap();
      await printer.setBehaviour({ refuse: true });
      await page.getByRole('button', { name: 'Không, lấy số thường' }).tap();
      await expect(page.getByTestId('kiosk-error')).toHaveText(
        /Máy in phiếu đang hết giấy hoặc bị lỗi.*quầy hướng dẫn/,
      );
      await expect(page.getByTestId('ticket-number')).toHaveCount(0);
      await printer.setBehaviour({ refuse: false });

      // The hub cannot be reached: plain words, never a blank screen.
      await page.route('**/api/v1/queue/services', (route) => route.abort('connectionrefused'));
      await page.getByTestId('kiosk-home').tap();
      await page.getByRole('button', { name: /Lấy số thứ tự/ }).tap();
      await expect(page.getByTestId('kiosk-error')).toHaveText(
        'Máy chưa kết nối được với hệ thống. Vui lòng đến quầy hướng dẫn để được giúp đỡ.',
      );
      await expect(page.getByTestId('kiosk-home')).toBeVisible();
      await checkScreen(page, shot('06-error-offline'));
      await page.unroute('**/api/v1/queue/services');
    });

    test('look up a dossier with the on-screen keypad: wrong check digits reveal nothing, right ones say where to collect', async ({
      page,
      request,
    }) => {
      const officer = await token(request, 'canbo1', 'Canbo@123');
      const list = await request.get('/api/v1/dossiers?status=result_ready', {
        headers: { Authorization: `Bearer ${officer}` },
      });
      const ready = ((await list.json()) as { items: { code: string }[] }).items[0];
      expect(ready).toBeDefined();
      const code = (ready as { code: string }).code;

      await page.goto(KIOSK_PAGE);
      await page.getByRole('button', { name: /Tra cứu hồ sơ/ }).tap();
      await expect(page.getByText(/Đưa mã QR trên giấy biên nhận vào máy quét/)).toBeVisible();
      await checkScreen(page, shot('07-lookup-code'));
      const keyboard = page.getByTestId('code-keyboard');
      for (const ch of code) await keyboard.getByRole('button', { name: ch, exact: true }).tap();
      await expect(page.getByTestId('lookup-code')).toHaveValue(code);
      await page.getByRole('button', { name: 'Tiếp tục' }).tap();

      const keypad = page.getByTestId('check-keypad');
      for (const d of '0000') await keypad.getByRole('button', { name: d, exact: true }).tap();
      await checkScreen(page, shot('08-lookup-check'));
      await page.getByRole('button', { name: 'Xem kết quả' }).tap();
      await expect(page.getByTestId('lookup-not-found')).toHaveText(/Không tìm thấy hồ sơ/);
      await expect(page.getByText('Trần Thị Thu Hà')).toHaveCount(0);
      await checkScreen(page, shot('09-lookup-not-found'));

      await page.getByRole('button', { name: 'Bấm lại 4 số' }).tap();
      for (const d of '6777') await keypad.getByRole('button', { name: d, exact: true }).tap();
      await page.getByRole('button', { name: 'Xem kết quả' }).tap();
      await expect(page.getByTestId('lookup-result')).toContainText(
        'Hồ sơ đã có kết quả, mời ông/bà đến quầy số 3 nhận kết quả.',
      );
      const text = await page.getByTestId('lookup-result').innerText();
      expect(text).not.toMatch(/Trần|0355|038185/);
      await checkScreen(page, shot('10-lookup-ready'));

      // "Nhận kết quả" ticket.
      await page.getByRole('button', { name: 'Nhận kết quả — lấy số' }).tap();
      await page.getByRole('button', { name: 'Không, lấy số thường' }).tap();
      await expect(page.getByTestId('ticket-number')).toHaveText(/^D\d{3}$/);

      // A scanner types the receipt QR's URL and Enter.
      await page.getByTestId('kiosk-home').tap();
      await page.getByRole('button', { name: /Tra cứu hồ sơ/ }).tap();
      await page.keyboard.type(`http://127.0.0.1:8787/kiosk?lookup=${encodeURIComponent(code)}`);
      await page.keyboard.press('Enter');
      await expect(page.getByText(code, { exact: true })).toBeVisible();
      await expect(page.getByTestId('check-keypad')).toBeVisible();
    });

    test('procedures: browse by field, search without accents on the on-screen keyboard, print the list', async ({
      page,
      request,
    }) => {
      await usePrinter(request, `proc-${vp.name}`);
      const before = printer.jobs().length;
      await page.goto(KIOSK_PAGE);
      await page.getByRole('button', { name: /Thủ tục hành chính/ }).tap();
      await expect(page.getByRole('heading', { name: 'Chọn lĩnh vực' })).toBeVisible();
      await checkScreen(page, shot('11-procedures-fields'));

      await page.getByRole('button', { name: /^Hộ tịch/ }).tap();
      await expect(
        page.getByRole('button', { name: 'Đăng ký khai sinh', exact: true }),
      ).toBeVisible();
      await checkScreen(page, shot('12-procedures-field'));
      await page.getByRole('button', { name: 'Đăng ký khai sinh', exact: true }).tap();
      const detail = page.getByTestId('procedure-detail');
      await expect(detail).toContainText('Giấy tờ cần mang theo');
      await expect(detail).toContainText('Tờ khai đăng ký khai sinh (theo mẫu)');
      await expect(detail).toContainText('Quầy số 1, 3 (Hộ tịch)');
      await checkScreen(page, shot('13-procedure-detail'));

      await page.getByRole('button', { name: 'In danh sách giấy tờ' }).tap();
      await expect(page.getByText('Đã in. Mời ông/bà nhận giấy ở khe máy in.')).toBeVisible();
      const jobs = await printer.waitForJobs(before + 1);
      expect(decodeEscPos(jobs[jobs.length - 1] as Buffer).images.length).toBeGreaterThan(0);

      // Search "chung thuc" (no accents) on the on-screen keyboard → "Chứng thực" procedures.
      await page.getByRole('button', { name: 'Quay lại' }).tap();
      await page.getByRole('button', { name: 'Quay lại' }).tap();
      await page.getByRole('button', { name: /^Tìm/ }).tap();
      const kb = page.getByTestId('text-keyboard');
      for (const ch of 'CHUNG THUC') {
        await (
          ch === ' '
            ? kb.getByRole('button', { name: 'Dấu cách' })
            : kb.getByRole('button', { name: ch, exact: true })
        ).tap();
      }
      await expect(page.getByTestId('procedure-search')).toHaveValue('chung thuc');
      await expect(page.getByRole('button', { name: /^Chứng thực/ }).first()).toBeVisible();
      await checkScreen(page, shot('14-procedures-search'));
      await page
        .getByRole('button', { name: /^Chứng thực/ })
        .first()
        .tap();
      await expect(page.getByTestId('procedure-detail')).toContainText('Giấy tờ cần mang theo');
    });

    test('rating after the officer completes: faces at the counter screen and the kiosk; 30 s window (fake clock)', async ({
      page,
      request,
    }) => {
      const officer = await token(request, 'canbo1', 'Canbo@123');
      const auth = { Authorization: `Bearer ${officer}` };
      const counters = (await (await request.get('/api/v1/counters')).json()) as {
        id: string;
        number: number;
      }[];
      const counter1 = counters.find((c) => c.number === 1) as { id: string };
      const services = (await (await request.get('/api/v1/queue/services')).json()) as {
        id: string;
        prefix: string;
      }[];
      const serviceA = services.find((s) => s.prefix === 'A') as { id: string };
      /** An officer serves the next ticket at counter 1 and completes it; returns it. */
      const serveAndComplete = async () => {
        const issued = await request.post('/api/v1/queue/tickets', {
          headers: KIOSK_HEADERS,
          data: { serviceId: serviceA.id },
        });
        expect(issued.status(), await issued.text()).toBe(201);
        const called = await request.post(`/api/v1/counters/${counter1.id}/call-next`, {
          headers: auth,
          data: {},
        });
        expect(called.status()).toBe(200);
        const t = ((await called.json()) as { ticket: { id: string; number: string } }).ticket;
        for (const action of ['start', 'complete']) {
          const res = await request.post(`/api/v1/queue/tickets/${t.id}/actions`, {
            headers: auth,
            data: { action, counterId: counter1.id },
          });
          expect(res.status(), await res.text()).toBe(200);
        }
        return t;
      };

      // Before any completion: rating refused, the kiosk says when it becomes possible.
      await page.goto(KIOSK_PAGE);
      await page.getByRole('button', { name: /Đánh giá hài lòng/ }).tap();
      await expect(page.getByTestId('rating-none')).toBeVisible();
      await checkScreen(page, shot('15-rating-none'));

      // The counter's rating screen opens by itself on "complete".
      await page.clock.install();
      await page.goto(ratePage(1));
      await expect(page.getByTestId('rating-idle')).toBeVisible();
      await checkScreen(page, shot('16-rate-counter-idle'));
      const first = await serveAndComplete();
      const panel = page.getByTestId('rating-panel');
      await expect(panel).toContainText(`Số ${first.number} — Quầy 1`);
      await checkScreen(page, shot('17-rate-counter-faces'));
      await panel.getByRole('button', { name: 'Không hài lòng' }).tap();
      await expect(panel.getByRole('button', { name: 'Gửi đánh giá' })).toBeDisabled();
      await panel.getByRole('button', { name: 'Thái độ của cán bộ chưa tốt' }).tap();
      await checkScreen(page, shot('18-rate-counter-reasons'));
      await panel.getByRole('button', { name: 'Gửi đánh giá' }).tap();
      await expect(page.getByTestId('rating-thanks')).toHaveText('Cảm ơn ông/bà đã đánh giá!');
      await checkScreen(page, shot('19-rate-counter-thanks'));
      const again = await request.post('/api/v1/public/ratings', {
        headers: RATING_HEADERS,
        data: { ticketId: first.id, score: 'satisfied' },
      });
      expect(again.status()).toBe(409);

      // Nobody rates: the window closes after 30 s.
      await page.clock.fastForward(6_000);
      await expect(page.getByTestId('rating-idle')).toBeVisible();
      const second = await serveAndComplete();
      await expect(panel).toContainText(`Số ${second.number} — Quầy 1`);
      await page.clock.fastForward(29_000);
      await expect(panel).toBeVisible();
      await page.clock.fastForward(1_500);
      await expect(page.getByTestId('rating-closed')).toHaveText(
        'Đã hết thời gian đánh giá cho lượt phục vụ này.',
      );
      await snap(page, shot('20-rate-counter-closed'));

      // At the kiosk: pick the number just served, then a face.
      await page.goto(KIOSK_PAGE);
      await page.getByRole('button', { name: /Đánh giá hài lòng/ }).tap();
      const third = await serveAndComplete();
      await page.getByRole('button', { name: `Số ${third.number} — Quầy 1` }).tap();
      await expect(page.getByTestId('rating-panel')).toBeVisible();
      await checkScreen(page, shot('21-rating-kiosk-faces'));
      await page.getByRole('button', { name: 'Hài lòng', exact: true }).tap();
      await expect(page.getByTestId('rating-thanks')).toBeVisible();
    });

    test('unpaired: "Thiết bị chưa được ghép nối" with the pairing step, big and touchable', async ({
      page,
    }) => {
      await page.goto('/kiosk');
      await expect(
        page.getByRole('heading', { name: 'Thiết bị chưa được ghép nối' }),
      ).toBeVisible();
      await expect(page.getByRole('button', { name: /Lấy số thứ tự/ })).toHaveCount(0);
      await checkScreen(page, shot('24-unpaired'));
      await page.goto('/rate?counter=1');
      await expect(page.getByTestId('device-unpaired')).toBeVisible();
      await checkScreen(page, shot('25-rate-unpaired'));
    });

    test('idle: a warning with "Tôi cần thêm thời gian" at 45 s, home at 60 s with large text and high contrast reset (fake clock)', async ({
      page,
    }) => {
      await page.clock.install();
      await page.goto(KIOSK_PAGE);
      await page.getByRole('button', { name: 'Chữ to' }).tap();
      await page.getByRole('button', { name: 'Tương phản cao' }).tap();
      await expect(page.getByRole('button', { name: 'Chữ to' })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      const size = await page.getByTestId('kiosk').evaluate((el) => getComputedStyle(el).fontSize);
      expect(parseFloat(size)).toBeGreaterThanOrEqual(34);
      await checkScreen(page, shot('22-home-large-contrast'));
      await page.getByRole('button', { name: /Thủ tục hành chính/ }).tap();
      await expect(page.getByTestId('kiosk')).toHaveAttribute('data-screen', 'procedures');
      await checkScreen(page, shot('23-procedures-large-contrast'));
      await page.locator('.ktitle').tap(); // a touch: the count starts again from here
      await page.clock.fastForward(40_000);
      await expect(page.getByTestId('kiosk-idle')).toHaveCount(0);
      await page.clock.fastForward(6_000);
      // 45 s: the warning, with a button that gives more time (old: no warning at all).
      await expect(page.getByTestId('kiosk-idle')).toContainText(
        'Ông/bà còn cần thêm thời gian không?',
      );
      await snap(page, shot('23b-idle-warning'));
      await page.getByRole('button', { name: 'Tôi cần thêm thời gian' }).tap();
      await expect(page.getByTestId('kiosk-idle')).toHaveCount(0);
      await page.clock.fastForward(30_000);
      await page.getByRole('button', { name: /^Hộ tịch/ }).tap(); // acting: the count restarts
      await page.clock.fastForward(46_000);
      await expect(page.getByTestId('kiosk')).toHaveAttribute('data-screen', 'procedures');
      await expect(page.getByTestId('kiosk-idle')).toBeVisible();
      await page.clock.fastForward(16_000);
      await expect(page.getByTestId('kiosk')).toHaveAttribute('data-screen', 'home');
      // The next person starts with the default text size and contrast (old: kept).
      await expect(page.getByRole('button', { name: 'Chữ to' })).toHaveAttribute(
        'aria-pressed',
        'false',
      );
      await expect(page.getByRole('button', { name: 'Tương phản cao' })).toHaveAttribute(
        'aria-pressed',
        'false',
      );
      await expect(page.getByTestId('kiosk-idle')).toHaveCount(0);
    });
  });
}
