import { type APIRequestContext } from '@playwright/test';
import { KIOSK_HEADERS, login, snap, expect, test } from './helpers';

interface Service {
  id: string;
  prefix: string;
}

async function issue(request: APIRequestContext, prefix: string, priority?: string) {
  const services = (await (await request.get('/api/v1/queue/services')).json()) as Service[];
  const serviceId = services.find((s) => s.prefix === prefix)?.id;
  const res = await request.post('/api/v1/queue/tickets', {
    headers: KIOSK_HEADERS,
    data: { serviceId, ...(priority ? { priority } : {}) },
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; number: string };
}

test.describe('queue: counter screen and lobby board', () => {
  test('an officer calls from the counter screen and the board shows the number within 1 s', async ({
    page,
    context,
    request,
  }) => {
    const first = await issue(request, 'A');
    const second = await issue(request, 'A', 'elderly');
    await issue(request, 'B');
    await issue(request, 'C');

    const board = await context.newPage();
    await board.setViewportSize({ width: 1920, height: 1080 });
    await board.goto('/display');
    await expect(board.getByTestId('connection-status')).toHaveText('Đã kết nối máy chủ');
    await expect(board.getByTestId('board-rule')).toContainText(
      'cứ 2 số thường thì đến 1 số ưu tiên',
    );

    await login(page, 'canbo1', 'Canbo@123');
    await page.getByRole('tab', { name: /Gọi số/ }).click();
    await page
      .getByTestId('counter-select')
      .selectOption({ label: 'Quầy 1 — Hộ tịch, Chứng thực' });
    await expect(page.getByRole('heading', { name: 'Quầy số 1' })).toBeVisible();
    await expect(page.getByTestId(`ticket-${first.number}`)).toBeVisible();

    // F1 calls the next number; the board (another page, over SSE) shows it within 1 s.
    await page.keyboard.press('F1');
    await expect(page.getByTestId('current-number')).toHaveText(first.number);
    await expect(board.getByTestId('serving-1')).toContainText(first.number, { timeout: 1000 });
    await expect(board.getByTestId('recent-calls')).toContainText(first.number);

    // A rule broken is explained in plain Vietnamese (F3 "vắng mặt" once service started;
    // wait until the start has reached the screen, or F3 would race it).
    await page.getByRole('button', { name: 'Bắt đầu phục vụ' }).click();
    await expect(page.getByRole('button', { name: /Vắng mặt/ })).toBeDisabled();
    await page.keyboard.press('F3');
    await expect(page.getByRole('alert')).toContainText(
      'Chỉ đánh dấu vắng mặt được số đã gọi mà công dân chưa đến.',
    );
    await expect(page.getByTestId('current-number')).toHaveText(first.number);
    await snap(page, 'queue-01-counter-serving');
    await page.keyboard.press('F4');
    await expect(page.getByTestId('current-number')).toHaveText('Chưa gọi số nào');

    // Recall announces again; a second call reaches the board too.
    await page.keyboard.press('F1');
    await expect(page.getByTestId('current-number')).not.toHaveText('Chưa gọi số nào');
    const called = (await page.getByTestId('current-number').textContent()) ?? '';
    await expect(board.getByTestId('serving-1')).toContainText(called, { timeout: 1000 });
    await page.keyboard.press('F2');
    await expect(page.getByTestId('counter-stats')).toContainText('Đã phục vụ');
    await snap(page, 'queue-02-counter-called');

    // The board: numbers and counters only — no citizen or officer names.
    await expect(board.getByText('Nguyễn Thị Ngọc Ánh')).toHaveCount(0);
    await expect(board.getByTestId('waiting-per-service')).toContainText('Đất đai – Xây dựng');
    await snap(board, 'queue-03-board');
    expect(second.number).toMatch(/^A\d{3}$/);
  });

  test('the board keeps the last good state and says "mất kết nối" when the hub is unreachable', async ({
    page,
    request,
  }) => {
    await issue(request, 'D');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto('/display');
    await expect(page.getByTestId('serving-1')).toBeVisible();
    const before = await page.getByTestId('waiting-per-service').textContent();
    // The hub stops answering this screen; a queue event makes it try to refresh.
    await page.route('**/api/v1/queue/**', (route) => route.abort('connectionrefused'));
    await issue(request, 'D');
    await expect(page.getByTestId('display-offline')).toContainText('Mất kết nối máy chủ');
    // The last good state stays on screen.
    await expect(page.getByTestId('waiting-per-service')).toHaveText(before ?? '');
    await expect(page.getByRole('row')).toHaveCount(4);
    await snap(page, 'queue-04-board-offline');
  });
});

test('an admin changes the priority ratio and the board states the new rule', async ({
  page,
  request,
}) => {
  await login(page, 'admin', 'Admin@123');
  await page.getByRole('tab', { name: /Quản trị/ }).click();
  const form = page.getByRole('form', { name: 'Cài đặt hàng đợi' });
  await form.getByLabel('Số lượt thường giữa hai lượt ưu tiên').fill('3');
  await form.getByRole('button', { name: 'Áp dụng cài đặt hàng đợi' }).click();
  await expect(page.getByText('Đã lưu cài đặt hàng đợi.')).toBeVisible();
  await form.scrollIntoViewIfNeeded();
  await snap(page, 'queue-05-admin-settings');
  const board = (await (await request.get('/api/v1/queue/board')).json()) as { rule: string };
  expect(board.rule).toContain('cứ 3 số thường thì đến 1 số ưu tiên');
  // Put the default back for the other tests.
  await form.getByLabel('Số lượt thường giữa hai lượt ưu tiên').fill('2');
  await form.getByRole('button', { name: 'Áp dụng cài đặt hàng đợi' }).click();
  await expect(page.getByText('Đã lưu cài đặt hàng đợi.')).toBeVisible();
});

test('an admin adds the service "Tư pháp" (prefix E) served at counter 2, and a ticket E001 is issued for it', async ({
  page,
  request,
}) => {
  await login(page, 'admin', 'Admin@123');
  await page.getByRole('tab', { name: /Quầy và dịch vụ/ }).click();
  await expect(page.getByRole('heading', { name: 'Quầy và dịch vụ xếp hàng' })).toBeVisible();

  // Keyboard-only entry in the new row: type, tick counter 2, Enter saves.
  const row = page.getByTestId('service-row-new');
  await row.getByLabel('Mã', { exact: true }).fill('tu_phap');
  await row.getByLabel('Tên dịch vụ', { exact: true }).fill('Tư pháp');
  await row.getByLabel('Chữ đầu số', { exact: true }).fill('e');
  await row.getByLabel('Chờ tối đa (phút)', { exact: true }).fill('15');
  await row.getByLabel('Quầy 2', { exact: true }).check();
  await row.getByLabel('Tên dịch vụ', { exact: true }).press('Enter');
  const admin = page.getByRole('region', { name: 'Quầy và dịch vụ xếp hàng' });
  await expect(admin.getByRole('status')).toHaveText('Đã thêm dịch vụ “Tư pháp” với chữ đầu số E.');

  const saved = page.getByTestId('service-row-E');
  await expect(saved).toContainText('TU_PHAP');
  await expect(saved.getByLabel('Quầy 2', { exact: true })).toBeChecked();
  await expect(saved.getByLabel('Quầy 1', { exact: true })).not.toBeChecked();
  await expect(page.getByTestId('counter-row-2').getByLabel('E — Tư pháp')).toBeChecked();

  // The same prefix again is refused with the rule, in plain Vietnamese.
  const again = page.getByTestId('service-row-new');
  await again.getByLabel('Mã', { exact: true }).fill('TU_PHAP_2');
  await again.getByLabel('Tên dịch vụ', { exact: true }).fill('Tư pháp 2');
  await again.getByLabel('Chữ đầu số', { exact: true }).fill('E');
  await again.getByLabel('Quầy 2', { exact: true }).check();
  await again.getByRole('button', { name: 'Thêm dịch vụ' }).click();
  await expect(admin.getByRole('alert')).toHaveText(
    'Chữ đầu số E đang được dùng cho dịch vụ “Tư pháp”. Hãy chọn chữ khác.',
  );

  // The kiosk takes a number for it: E001, waiting at counter 2.
  const ticket = await issue(request, 'E');
  expect(ticket.number).toBe('E001');
  await expect(saved.locator('.qa-count')).toHaveText('1');
  await snap(page, 'queue-06-admin-services');

  await page.getByRole('tab', { name: /Gọi số/ }).click();
  await page.getByTestId('counter-select').selectOption({ label: 'Quầy 2 — Đất đai, Xây dựng' });
  await expect(page.getByTestId('ticket-E001')).toBeVisible();
});
