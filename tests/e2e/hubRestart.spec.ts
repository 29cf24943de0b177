import { type APIRequestContext, type BrowserContext, type Route } from '@playwright/test';
import { runningClock } from '../../src/core/clock';
import { startHub, type Hub } from '../../src/hub/startHub';
import { KIOSK_HEADERS, KIOSK_PAGE, login, ratePage, snap, expect, test } from './helpers';

/**
 * The hub is stopped and started again (same port, same data folder) while the screens stay
 * open: what happened meanwhile must reach them without anyone touching them
 * (docs/renderer.md, "Live events and reconnection"). The screens' reconnection is held
 * until the new hub has done its work, as when a kiosk is quicker than a screen's next
 * retry: only the reconnection's `hello` can tell them. The hub lives on a working Wednesday
 * so that issuing tickets does not depend on the real calendar. Screenshots:
 * hub-restart-*.png.
 */
const HUB_START = '2026-03-04T02:00:00Z';
test.use({ hubStartAt: HUB_START });

type FileHubs = Map<string, Promise<{ hub: Hub; dataDir: string }>>;

/** Stop the spec file's hub; `start()` starts a new one on the same port and data folder. */
async function stopHub(fileHubs: FileHubs, file: string) {
  const entry = fileHubs.get(file);
  if (!entry) throw new Error('the spec file has no hub');
  const { hub, dataDir } = await entry;
  const port = hub.port;
  const now = hub.core.clock.now();
  await hub.stop();
  return {
    async start() {
      const restarted = startHub({
        dataDir,
        port,
        host: '127.0.0.1',
        demo: true,
        staticDir: 'out/renderer',
        clock: runningClock(now),
      }).then((h) => ({ hub: h, dataDir }));
      // The worker's teardown stops (and checks the logs of) the hub now serving the file.
      fileHubs.set(file, restarted);
      await restarted;
    },
  };
}

/** Hold every new event stream of these pages until `release()`. */
async function holdEventStreams(contexts: BrowserContext[]) {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const hold = async (route: Route) => {
    await released;
    await route.continue();
  };
  for (const c of contexts) await c.route('**/api/v1/events', hold);
  return {
    release,
    async end() {
      for (const c of contexts) await c.unroute('**/api/v1/events', hold);
    },
  };
}

interface Service {
  id: string;
  prefix: string;
}

async function issue(request: APIRequestContext, prefix: string): Promise<string> {
  const services = (await (await request.get('/api/v1/queue/services')).json()) as Service[];
  const serviceId = services.find((s) => s.prefix === prefix)?.id;
  const res = await request.post('/api/v1/queue/tickets', {
    headers: KIOSK_HEADERS,
    data: { serviceId },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { number: string }).number;
}

/** Counter 1's officer calls the next number, starts and completes it, through the API. */
async function serveAtCounter1(request: APIRequestContext): Promise<string> {
  const auth = await request.post('/api/v1/auth/login', {
    data: { username: 'canbo1', password: 'Canbo@123' },
  });
  const headers = { Authorization: `Bearer ${((await auth.json()) as { token: string }).token}` };
  const counters = (await (await request.get('/api/v1/counters')).json()) as {
    id: string;
    number: number;
  }[];
  const c1 = counters.find((c) => c.number === 1)?.id ?? '';
  const called = await request.post(`/api/v1/counters/${c1}/call-next`, { headers, data: {} });
  expect(called.status()).toBe(200);
  const ticket = ((await called.json()) as { ticket: { id: string; number: string } }).ticket;
  for (const action of ['start', 'complete']) {
    const res = await request.post(`/api/v1/queue/tickets/${ticket.id}/actions`, {
      headers,
      data: { action, counterId: c1 },
    });
    expect(res.status(), await res.text()).toBe(200);
  }
  return ticket.number;
}

test('after a hub restart the counter tab shows the tickets issued meanwhile, without a tab switch', async ({
  page,
  context,
  request,
  fileHubs,
}, testInfo) => {
  test.setTimeout(120_000);
  await login(page, 'canbo1', 'Canbo@123');
  await page.locator('#tab-queue').click();
  await page.getByTestId('counter-select').selectOption({ label: 'Quầy 1 — Hộ tịch, Chứng thực' });
  await expect(page.getByTestId('current-number')).toHaveText('Chưa gọi số nào');
  await expect(page.getByTestId('connection-status')).toHaveClass(/conn-online/);
  await expect(page.getByTestId('ticket-A001')).toHaveCount(0);

  const streams = await holdEventStreams([context]);
  const hub = await stopHub(fileHubs, testInfo.file);
  await expect(page.getByTestId('connection-status')).not.toHaveClass(/conn-online/);
  await hub.start();
  expect([await issue(request, 'A'), await issue(request, 'A')]).toEqual(['A001', 'A002']);
  streams.release();

  await expect(page.getByTestId('connection-status')).toHaveClass(/conn-online/, {
    timeout: 30_000,
  });
  // No click anywhere: the reconnection alone must bring them.
  await expect(page.getByTestId('ticket-A001')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('ticket-A002')).toBeVisible();
  await streams.end();

  // And the live events flow again on the new connection.
  expect(await issue(request, 'A')).toBe('A003');
  await expect(page.getByTestId('ticket-A003')).toBeVisible({ timeout: 30_000 });
  await snap(page, 'hub-restart-desk-counter');
});

test('after a hub restart the board, the rating tablet and the kiosk carry on by themselves', async ({
  browser,
  request,
  fileHubs,
}, testInfo) => {
  test.setTimeout(120_000);
  const open = async (url: string, viewport: { width: number; height: number }, touch: boolean) => {
    const context = await browser.newContext({ viewport, hasTouch: touch });
    const page = await context.newPage();
    await page.goto(url);
    await expect(page.getByTestId('connection-status')).toHaveClass(/conn-online/);
    return { context, page };
  };
  const board = await open('/display', { width: 1920, height: 1080 }, false);
  const tablet = await open(ratePage(1), { width: 1280, height: 800 }, true);
  const kiosk = await open(KIOSK_PAGE, { width: 1080, height: 1920 }, true);
  await expect(tablet.page.getByTestId('rating-idle')).toBeVisible();

  const contexts = [board.context, tablet.context, kiosk.context];
  const streams = await holdEventStreams(contexts);
  const hub = await stopHub(fileHubs, testInfo.file);
  for (const { page } of [board, tablet, kiosk]) {
    await expect(page.getByTestId('connection-status')).not.toHaveClass(/conn-online/);
  }
  await hub.start();
  await issue(request, 'A');
  const served = await serveAtCounter1(request);
  streams.release();

  // The tablet (which does not poll) offers the rating of the number served meanwhile.
  await expect(tablet.page.getByTestId('rating-panel')).toContainText(`Số ${served} — Quầy 1`, {
    timeout: 30_000,
  });
  await expect(board.page.getByTestId('recent-calls')).toContainText(served, { timeout: 30_000 });
  await expect(board.page.getByTestId('display-offline')).toHaveCount(0);
  for (const { page } of [board, tablet, kiosk]) {
    await expect(page.getByTestId('connection-status')).toHaveClass(/conn-online/, {
      timeout: 30_000,
    });
  }
  await streams.end();

  // The kiosk still issues numbers from the new hub.
  await kiosk.page.getByRole('button', { name: /Lấy số thứ tự/ }).tap();
  await kiosk.page.getByRole('button', { name: /Hộ tịch/ }).tap();
  await kiosk.page.getByRole('button', { name: 'Không, lấy số thường' }).tap();
  await expect(kiosk.page.getByTestId('ticket-number')).toHaveText(/^A\d{3}$/);

  await snap(board.page, 'hub-restart-board');
  await snap(tablet.page, 'hub-restart-tablet');
  await snap(kiosk.page, 'hub-restart-kiosk');
  for (const c of contexts) await c.close();
});
