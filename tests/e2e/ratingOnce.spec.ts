/**
 * One ticket is rated once (docs/queue.md, "Rating once"): rated at the kiosk while the
 * counter's tablet shows the same ticket, the tablet says "Đã được đánh giá — cảm ơn ông/bà!"
 * — live, and also when it only learns it from the hub's refusal (its event stream cut).
 * Old behaviour: the tablet said "Đã hết thời gian đánh giá" with 20 s left.
 * Screenshots: rating-once-*.png.
 */
import type { APIRequestContext } from '@playwright/test';
import { KIOSK_HEADERS, KIOSK_PAGE, expect, ratePage, snap, test } from './helpers';

async function serveAndComplete(request: APIRequestContext) {
  const login = await request.post('/api/v1/auth/login', {
    data: { username: 'canbo1', password: 'Canbo@123' },
  });
  const auth = { Authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
  const counters = (await (await request.get('/api/v1/counters')).json()) as {
    id: string;
    number: number;
  }[];
  const c1 = (counters.find((c) => c.number === 1) as { id: string }).id;
  const services = (await (await request.get('/api/v1/queue/services')).json()) as {
    id: string;
    prefix: string;
  }[];
  const a = (services.find((s) => s.prefix === 'A') as { id: string }).id;
  const issued = await request.post('/api/v1/queue/tickets', {
    headers: KIOSK_HEADERS,
    data: { serviceId: a },
  });
  expect(issued.status()).toBe(201);
  const called = await request.post(`/api/v1/counters/${c1}/call-next`, {
    headers: auth,
    data: {},
  });
  const t = ((await called.json()) as { ticket: { id: string; number: string } }).ticket;
  for (const action of ['start', 'complete']) {
    const res = await request.post(`/api/v1/queue/tickets/${t.id}/actions`, {
      headers: auth,
      data: { action, counterId: c1 },
    });
    expect(res.status(), await res.text()).toBe(200);
  }
  return t;
}

test.use({ viewport: { width: 1080, height: 1920 }, hasTouch: true });

test('rated at the kiosk: the counter tablet showing it says it was rated, live', async ({
  browser,
  page,
  request,
}) => {
  const tabletContext = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    hasTouch: true,
  });
  const tablet = await tabletContext.newPage();
  await tablet.goto(ratePage(1));
  await expect(tablet.getByTestId('rating-idle')).toBeVisible();
  await page.goto(KIOSK_PAGE);
  await page.getByRole('button', { name: /Đánh giá hài lòng/ }).tap();

  const served = await serveAndComplete(request);
  await expect(tablet.getByTestId('rating-panel')).toContainText(`Số ${served.number} — Quầy 1`);
  await page.getByRole('button', { name: `Số ${served.number} — Quầy 1` }).tap();
  await page
    .getByTestId('rating-panel')
    .getByRole('button', { name: 'Hài lòng', exact: true })
    .tap();
  await expect(page.getByTestId('rating-thanks')).toHaveText('Cảm ơn ông/bà đã đánh giá!');

  await expect(tablet.getByTestId('rating-already')).toHaveText(
    'Đã được đánh giá — cảm ơn ông/bà!',
  );
  await expect(tablet.getByTestId('rating-closed')).toHaveCount(0);
  await snap(tablet, 'rating-once-tablet');
  await tabletContext.close();
});

test('a tablet that missed the news is told by the hub: rated, not "hết thời gian"', async ({
  browser,
  page,
  request,
}) => {
  const served = await serveAndComplete(request);
  const tabletContext = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    hasTouch: true,
  });
  const tablet = await tabletContext.newPage();
  // No event stream on this tablet: it learns nothing until it submits.
  await tablet.route('**/api/v1/events', (route) => route.abort());
  await tablet.goto(ratePage(1));
  const panel = tablet.getByTestId('rating-panel');
  await expect(panel).toContainText(`Số ${served.number} — Quầy 1`);

  await page.goto(KIOSK_PAGE);
  await page.getByRole('button', { name: /Đánh giá hài lòng/ }).tap();
  await page.getByRole('button', { name: `Số ${served.number} — Quầy 1` }).tap();
  await page.getByTestId('rating-panel').getByRole('button', { name: 'Bình thường' }).tap();
  await page.getByRole('button', { name: 'Phải đi lại nhiều lần' }).tap();
  await page.getByRole('button', { name: 'Gửi đánh giá' }).tap();
  await expect(page.getByTestId('rating-thanks')).toBeVisible();

  await expect(panel).toBeVisible(); // still showing: it heard nothing
  await panel.getByRole('button', { name: 'Hài lòng', exact: true }).tap();
  await expect(tablet.getByTestId('rating-already')).toHaveText(
    'Đã được đánh giá — cảm ơn ông/bà!',
  );
  await expect(tablet.getByTestId('rating-closed')).toHaveCount(0);
  await snap(tablet, 'rating-once-tablet-refused');
  await tabletContext.close();
});
