import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { runningClock } from '../../src/core/clock';
import { startFakePrinter, type FakePrinter } from '../../src/core/printing';
import { startHub, type Hub } from '../../src/hub/startHub';
import { leaks, personalData, readLogs } from '../helpers/logs';
import { DEMO_KIOSK_TOKEN, DEMO_RATING_TOKEN } from '../../src/core/demo/seedDemo';

export { expect };

/**
 * Every spec's hub runs `--demo`, which pairs one kiosk and one rating tablet with fixed
 * tokens (docs/security.md, "Devices"). A screen is paired by opening it once with
 * `?device=<token>`, exactly like the README's demo links; API calls send the header.
 */
export const KIOSK_PAGE = `/kiosk?device=${DEMO_KIOSK_TOKEN}`;
export const ratePage = (counter: number) => `/rate?counter=${counter}&device=${DEMO_RATING_TOKEN}`;
export const KIOSK_HEADERS = { 'X-Motcua-Device': DEMO_KIOSK_TOKEN };
export const RATING_HEADERS = { 'X-Motcua-Device': DEMO_RATING_TOKEN };

export const SCREENSHOT_DIR = path.join('test-results', 'screenshots');
const STATIC_DIR = path.resolve('out/renderer');

interface FileHub {
  hub: Hub;
  dataDir: string;
}

/**
 * Every spec file gets its own hub: the built screens, demo data, a fresh data folder, an
 * ephemeral port. Specs cannot disturb each other (printers configured, tickets issued,
 * settings changed), and each file sees the demo office exactly as a new site would.
 * The hubs live in the Playwright worker and are stopped when it ends.
 */
export const test = base.extend<
  {
    /**
     * The instant the spec file's hub starts at (ISO; its clock then runs at real speed), for
     * specs whose rules depend on the day (`test.use({ hubStartAt: … })` at the file's top).
     * Absent: the real time.
     */
    hubStartAt: string | undefined;
  },
  { fileHubs: Map<string, Promise<FileHub>> }
>({
  hubStartAt: [undefined, { option: true }],
  fileHubs: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const hubs = new Map<string, Promise<FileHub>>();
      await use(hubs);
      const leaked: string[] = [];
      for (const pending of hubs.values()) {
        const { hub, dataDir } = await pending;
        // The field logs of the whole spec file carry none of the personal data the hub
        // holds (demo and typed in by the spec), nor the demo passwords (docs/security.md).
        const secrets = personalData(hub.core.db);
        await hub.stop();
        for (const s of leaks(readLogs(dataDir), secrets)) leaked.push(`${dataDir}: ${s}`);
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
      expect(leaked, 'personal data found in the field logs').toEqual([]);
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ fileHubs, hubStartAt }, use, testInfo) => {
    let entry = fileHubs.get(testInfo.file);
    if (!entry) {
      if (!fs.existsSync(path.join(STATIC_DIR, 'index.html'))) {
        throw new Error('out/renderer is missing: run `npm run build` (npm run test:e2e does).');
      }
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-'));
      entry = startHub({
        dataDir,
        port: 0,
        host: '127.0.0.1',
        demo: true,
        staticDir: STATIC_DIR,
        ...(hubStartAt ? { clock: runningClock(new Date(hubStartAt)) } : {}),
      }).then((hub) => ({ hub, dataDir }));
      fileHubs.set(testInfo.file, entry);
    }
    await use((await entry).hub.url);
  },
  // The page's clock follows the hub's when the hub lives on another day (`hubStartAt`):
  // sessions, "today" and the due dates the screens show agree with the hub.
  page: async ({ page, baseURL, hubStartAt, fileHubs }, use, testInfo) => {
    if (hubStartAt && baseURL) {
      const entry = fileHubs.get(testInfo.file);
      if (entry) await page.clock.setSystemTime((await entry).hub.core.clock.now());
    }
    await use(page);
  },
});

/** Save a full-page screenshot under test-results/screenshots/NAME.png for people to look at. */
export async function snap(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/desk');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByLabel('Mật khẩu').press('Enter');
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/**
 * A fake network printer configured as the spec hub's receipt printer (80 mm, raster),
 * through the printers API as an administrator would. Returns the printer (close it in
 * afterAll) and the administrator's token.
 */
export async function setUpReceiptPrinter(
  request: APIRequestContext,
): Promise<{ printer: FakePrinter; adminToken: string }> {
  const printer = await startFakePrinter();
  const auth = await request.post('/api/v1/auth/login', {
    data: { username: 'admin', password: 'Admin@123' },
  });
  const adminToken = ((await auth.json()) as { token: string }).token;
  const res = await request.put('/api/v1/printers', {
    headers: { Authorization: `Bearer ${adminToken}` },
    data: [
      {
        id: 'quay1',
        name: 'Máy in quầy 1',
        uri: printer.uri,
        widthMm: 80,
        mode: 'raster',
        roles: ['receipt'],
      },
    ],
  });
  expect(res.status()).toBe(200);
  return { printer, adminToken };
}
