import { type APIRequestContext } from '@playwright/test';
import { KIOSK_HEADERS, login, snap, expect, test } from './helpers';

/** A little activity so the dashboard has something to draw: tickets called and served. */
async function activity(request: APIRequestContext) {
  const res = await request.post('/api/v1/auth/login', {
    data: { username: 'canbo1', password: 'Canbo@123' },
  });
  const { token } = (await res.json()) as { token: string };
  const headers = { Authorization: `Bearer ${token}` };
  const services = (await (await request.get('/api/v1/queue/services')).json()) as {
    id: string;
    prefix: string;
  }[];
  const counters = (await (await request.get('/api/v1/counters')).json()) as {
    id: string;
    number: number;
  }[];
  const counter1 = counters.find((c) => c.number === 1)?.id as string;
  for (const prefix of ['A', 'A', 'B', 'B', 'A']) {
    const svc = services.find((s) => s.prefix === prefix)?.id as string;
    expect(
      (
        await request.post('/api/v1/queue/tickets', {
          headers: KIOSK_HEADERS,
          data: { serviceId: svc },
        })
      ).status(),
    ).toBe(201);
  }
  for (let i = 0; i < 3; i++) {
    const called = await request.post(`/api/v1/counters/${counter1}/call-next`, {
      headers,
      data: {},
    });
    if (called.status() !== 200) break;
    const { ticket } = (await called.json()) as { ticket: { id: string } };
    const act = (action: string) =>
      request.post(`/api/v1/queue/tickets/${ticket.id}/actions`, { headers, data: { action } });
    if (i === 2) {
      expect((await act('no-show')).status()).toBe(200);
    } else {
      expect((await act('start')).status()).toBe(200);
      expect((await act('complete')).status()).toBe(200);
    }
  }
}

test('the reports dashboard shows figures, charts, tables and exports in Vietnamese', async ({
  page,
  request,
}) => {
  await activity(request);
  await login(page, 'canbo1', 'Canbo@123');
  await page.getByRole('tab', { name: /Báo cáo/ }).click();
  const reports = page.getByTestId('reports');
  await expect(reports.getByRole('heading', { name: 'Hồ sơ thủ tục hành chính' })).toBeVisible();
  await expect(page.getByTestId('kpi-on-time-rate')).toContainText('Tỷ lệ đúng hạn');
  // Digitisation (docs/reports.md): the rate with its digitised/dossiers, and the results.
  await expect(page.getByTestId('kpi-digitisation-rate')).toContainText(
    /Tỷ lệ số hóa hồ sơ \(\d+\/\d+\)/,
  );
  await expect(page.getByTestId('kpi-results-digitised')).toContainText('Kết quả đã số hóa');
  await expect(
    reports.locator('.rp-export', { hasText: 'Số hóa hồ sơ theo thủ tục' }),
  ).toBeVisible();
  // Charts drawn as SVG images with a text alternative.
  await expect(reports.getByRole('img', { name: /Kết quả giải quyết/ })).toBeVisible();
  await expect(reports.getByRole('img', { name: /Lượt lấy số theo giờ trong ngày/ })).toBeVisible();
  await expect(reports.getByRole('img', { name: /Đánh giá của người dân/ })).toBeVisible();
  await expect(reports.getByRole('img', { name: /Hồ sơ theo thủ tục/ })).toBeVisible();
  await expect(page.getByTestId('by-service')).toContainText('Hộ tịch');
  await expect(page.getByTestId('by-counter')).toContainText('Quầy 1');
  // 5 tickets issued today by the activity above (the dashboard opens on "today").
  await expect(reports.locator('.rp-tile', { hasText: 'Lượt lấy số' })).toContainText(/\d+/);
  await snap(page, 'reports-today');

  // An export: the XLSX arrives as a download with a Vietnamese-safe file name.
  const download = page.waitForEvent('download');
  await reports
    .locator('.rp-export', { hasText: 'Lượt lấy số' })
    .getByRole('button', { name: 'Excel' })
    .click();
  expect((await download).suggestedFilename()).toMatch(
    /^bao-cao-tickets_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx$/,
  );

  await page.getByRole('button', { name: 'Năm nay' }).click();
  await expect(page.getByTestId('report-range')).toContainText('Từ 01/01/');
  await expect(page.getByTestId('report-range')).not.toContainText('Đang tính');
  await snap(page, 'reports-year');

  await page.getByRole('button', { name: 'Tùy chọn' }).click();
  await page.getByLabel('Từ ngày').fill('2026-01-01');
  await page.getByLabel('Đến ngày').fill('2026-01-31');
  await page.getByRole('button', { name: 'Xem', exact: true }).click();
  await expect(page.getByTestId('report-range')).toContainText('Từ 01/01/2026 đến 31/01/2026');
});
