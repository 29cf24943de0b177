import { type APIRequestContext, type Route } from '@playwright/test';
import { runningClock } from '../../src/core/clock';
import { startHub } from '../../src/hub/startHub';
import { KIOSK_HEADERS, login, snap, expect, test } from './helpers';

/**
 * The hub is stopped and started again (same port, same data folder) while the screens stay
 * open: what was issued meanwhile must reach them without anyone touching them
 * (docs/renderer.md, "Live events"). The hub lives on a working Wednesday so that issuing
 * tickets does not depend on the real calendar.
 */
const HUB_START = '2026-03-04T02:00:00Z';
test.use({ hubStartAt: HUB_START });

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

test('after a hub restart the counter tab shows the tickets issued meanwhile, without a tab switch', async ({
  page,
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

  // The desk's reconnection is held until the new hub has issued the tickets, as when a kiosk
  // is quicker than the desk's next retry: only the reconnection can tell the desk.
  let release: () => void = () => undefined;
  const issued = new Promise<void>((resolve) => (release = resolve));
  const holdStream = async (route: Route) => {
    await issued;
    await route.continue();
  };
  await page.route('**/api/v1/events', holdStream);

  const entry = fileHubs.get(testInfo.file);
  if (!entry) throw new Error('the spec file has no hub');
  const { hub, dataDir } = await entry;
  const port = hub.port;
  const now = hub.core.clock.now();
  await hub.stop();
  await expect(page.getByTestId('connection-status')).not.toHaveClass(/conn-online/);

  const restarted = startHub({
    dataDir,
    port,
    host: '127.0.0.1',
    demo: true,
    staticDir: 'out/renderer',
    clock: runningClock(now),
  }).then((h) => ({ hub: h, dataDir }));
  // The worker's teardown stops (and checks the logs of) the hub now serving the file.
  fileHubs.set(testInfo.file, restarted);
  await restarted;

  const numbers = [await issue(request, 'A'), await issue(request, 'A')];
  expect(numbers).toEqual(['A001', 'A002']);
  release();

  await expect(page.getByTestId('connection-status')).toHaveClass(/conn-online/, {
    timeout: 30_000,
  });
  // No click anywhere: the reconnection alone must bring them.
  await expect(page.getByTestId('ticket-A001')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('ticket-A002')).toBeVisible();
  await page.unroute('**/api/v1/events', holdStream);

  // And the live events flow again on the new connection.
  expect(await issue(request, 'A')).toBe('A003');
  await expect(page.getByTestId('ticket-A003')).toBeVisible({ timeout: 30_000 });
  await snap(page, 'desk-counter-after-hub-restart');
});
