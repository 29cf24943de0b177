/**
 * The ticket status page a ticket's QR opens (docs/queue.md, "Public address" and "Ticket
 * status page"), in Chromium: the QR of a rendered ticket (the print preview PNG) is decoded
 * with jsQR, its URL starts with the public address and is opened at 390×844 (a phone): every
 * asset loads (deep routes used to load `/ticket/assets/…` → 404, a blank page), the number,
 * service, people ahead and estimate show without scrolling sideways, and "Đến lượt ông/bà —
 * mời đến quầy 1" appears live when an officer calls it. Screenshots: ticket-page-*.png.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { APIRequestContext } from '@playwright/test';
import jsQR from 'jsqr';
import { KIOSK_HEADERS, expect, login, snap, test } from './helpers';

async function token(request: APIRequestContext, username: string, password: string) {
  const res = await request.post('/api/v1/auth/login', { data: { username, password } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/** The text of the QR code in a PNG (a data: URL), read as a phone camera would. */
async function decodeQr(dataUrl: string): Promise<string> {
  const img = await loadImage(Buffer.from(dataUrl.split(',')[1] as string, 'base64'));
  // A quiet margin around the receipt so the finder patterns stand clear.
  const canvas = createCanvas(img.width + 80, img.height + 80);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 40, 40);
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const found = jsQR(new Uint8ClampedArray(data.data), canvas.width, canvas.height);
  expect(found, 'a QR code on the ticket').not.toBeNull();
  return (found as { data: string }).data;
}

test('the ticket QR opens a live status page on a phone (390×844)', async ({
  browser,
  request,
  baseURL,
}) => {
  const port = new URL(baseURL as string).port;
  // The public address: a name the phone uses (here localhost), not the page's own origin.
  const publicUrl = `http://localhost:${port}`;
  const admin = await token(request, 'admin', 'Admin@123');
  const officer = await token(request, 'canbo1', 'Canbo@123');
  const set = await request.put('/api/v1/public-address', {
    headers: { Authorization: `Bearer ${admin}` },
    data: { url: publicUrl },
  });
  expect(set.status(), await set.text()).toBe(200);

  const services = (await (await request.get('/api/v1/queue/services')).json()) as {
    id: string;
    name: string;
    prefix: string;
  }[];
  const serviceA = services.find((s) => s.prefix === 'A') as { id: string; name: string };
  // Two tickets: the second has one person ahead of it.
  const ids: string[] = [];
  const numbers: string[] = [];
  for (let i = 0; i < 2; i++) {
    const issued = await request.post('/api/v1/queue/tickets', {
      headers: KIOSK_HEADERS,
      data: { serviceId: serviceA.id },
    });
    expect(issued.status(), await issued.text()).toBe(201);
    const body = (await issued.json()) as { id: string; number: string };
    ids.push(body.id);
    numbers.push(body.number);
  }
  const ticketId = ids[1] as string;

  // No ticket printer in this office: the ticket was "printed" to the screen; its preview is
  // the rendered ticket.
  const jobs = (await (
    await request.get('/api/v1/print-jobs', { headers: { Authorization: `Bearer ${officer}` } })
  ).json()) as { id: string; refId: string | null; status: string }[];
  const job = jobs.find((j) => j.refId === ticketId);
  expect(job?.status).toBe('screen');
  const preview = await request.get(`/api/v1/print-jobs/${job?.id}/preview`, {
    headers: { Authorization: `Bearer ${officer}` },
  });
  expect(preview.status()).toBe(200);
  const url = await decodeQr(((await preview.json()) as { png: string }).png);
  expect(url).toBe(`${publicUrl}/ticket/${ticketId}`);

  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = await phone.newPage();
  const failures: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failures.push(`${r.status()} ${r.url()}`);
  });
  page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));
  await page.goto(url);
  await expect(page.getByTestId('ticket-number')).toHaveText(numbers[1] as string);
  expect(failures).toEqual([]);
  await expect(page.getByText(serviceA.name)).toBeVisible();
  await expect(page.getByText('Còn 1 người phía trước')).toBeVisible();
  await expect(page.getByText(/Thời gian chờ dự kiến: \d+–\d+ phút/)).toBeVisible();
  // Readable on a phone: the number is big, nothing overflows sideways, all of it on screen.
  const fit = await page.evaluate(() => {
    const n = document.querySelector('[data-testid="ticket-number"]') as HTMLElement;
    const card = document.querySelector('[data-testid="ticket-status"]') as HTMLElement;
    return {
      numberPx: parseFloat(getComputedStyle(n).fontSize),
      overflowX: document.documentElement.scrollWidth > window.innerWidth,
      cardBottom: card.getBoundingClientRect().bottom,
    };
  });
  expect(fit.numberPx).toBeGreaterThanOrEqual(64);
  expect(fit.overflowX).toBe(false);
  expect(fit.cardBottom).toBeLessThanOrEqual(844);
  await snap(page, 'ticket-page-390x844-waiting');

  // The first ticket is called: ours is next, live.
  const counters = (await (await request.get('/api/v1/counters')).json()) as {
    id: string;
    number: number;
  }[];
  const c1 = (counters.find((c) => c.number === 1) as { id: string }).id;
  const callNext = async () => {
    const res = await request.post(`/api/v1/counters/${c1}/call-next`, {
      headers: { Authorization: `Bearer ${officer}` },
      data: {},
    });
    expect(res.status(), await res.text()).toBe(200);
    return ((await res.json()) as { ticket: { id: string } }).ticket.id;
  };
  expect(await callNext()).toBe(ids[0]);
  await expect(page.getByText('Ông/bà là người tiếp theo')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/0–\d+ phút/)).toHaveCount(0);
  await snap(page, 'ticket-page-390x844-next');
  // Finish the first, call ours: the page says so without a reload.
  for (const action of ['start', 'complete']) {
    const res = await request.post(`/api/v1/queue/tickets/${ids[0]}/actions`, {
      headers: { Authorization: `Bearer ${officer}` },
      data: { action, counterId: c1 },
    });
    expect(res.status(), await res.text()).toBe(200);
  }
  expect(await callNext()).toBe(ticketId);
  await expect(page.getByTestId('ticket-call')).toHaveText('Đến lượt ông/bà — mời đến quầy 1', {
    timeout: 15_000,
  });
  await snap(page, 'ticket-page-390x844-called');
  expect(failures).toEqual([]);
  await phone.close();
});

test('every deep route loads its assets from absolute paths', async ({ request }) => {
  for (const route of ['/ticket/01JF3K0000000000000000000', '/kiosk/lookup', '/desk/queue/x']) {
    const html = await (await request.get(route)).text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
    expect(assets.length, route).toBeGreaterThan(0);
    for (const a of assets) {
      // Old build: "./assets/index-….js", which from /ticket/<id> meant /ticket/assets/… (404).
      expect(a, route).toMatch(/^\/assets\//);
      const res = await request.get(new URL(a as string, `http://x${route}`).pathname);
      expect(res.status(), `${route} → ${a}`).toBe(200);
      expect(res.headers()['content-type'], a).toMatch(/javascript|text\/css/);
    }
  }
});

test('the admin sets the public address on the desk (1366×768)', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, 'admin', 'Admin@123');
  await page.getByRole('tab', { name: /Quản trị/ }).click();
  const card = page.locator('form', {
    has: page.getByRole('heading', { name: 'Địa chỉ công khai (mã QR)' }),
  });
  const field = card.getByLabel(/Địa chỉ điện thoại của người dân mở/);
  await field.fill('http://192.168.1.10:8787/duong-dan');
  await card.getByRole('button', { name: 'Lưu địa chỉ' }).click();
  await expect(card.getByRole('alert')).toBeVisible(); // a path is refused, nothing saved
  await field.fill('http://192.168.1.10:8787');
  await card.getByRole('button', { name: 'Lưu địa chỉ' }).click();
  await expect(card.getByText('Đã lưu địa chỉ công khai.')).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/desk-public-address-1366x768.png' });
});
