import { decodeEscPos, type FakePrinter } from '../../src/core/printing';
import { login, setUpReceiptPrinter, snap, expect, test } from './helpers';

let printer: FakePrinter;

const QR =
  '038090012345|038012345|Đặng Văn Đức|15061990|Nam|Thôn Phú Thọ, xã Quảng Phú, tỉnh Thanh Hóa|20042021';

test.beforeAll(async ({ request }) => {
  // The receipt printer, configured through the printers API as an administrator would.
  ({ printer } = await setUpReceiptPrinter(request));
});
test.afterAll(async () => {
  await printer.close();
});

test('officer flow: scan CCCD → pick procedure → tick documents → receive → receipt printed → return', async ({
  page,
  context,
}) => {
  await login(page, 'canbo1', 'Canbo@123');
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('heading', { name: 'Tiếp nhận hồ sơ' })).toBeVisible();

  // The USB scanner types the QR text into the focused field and presses Enter.
  const scan = page.getByTestId('cccd-scan');
  await expect(scan).toBeFocused();
  await scan.pressSequentially(QR, { delay: 2 });
  await scan.press('Enter');
  await expect(page.getByTestId('applicant-fullName')).toHaveValue('Đặng Văn Đức');
  await expect(page.getByTestId('applicant-idNumber')).toHaveValue('038090012345');
  await expect(page.getByTestId('reception-message')).toHaveText('Đã đọc CCCD của Đặng Văn Đức.');

  // Procedure by folded search, keyboard only.
  const proc = page.getByTestId('procedure-search');
  await expect(proc).toBeFocused();
  await proc.fill('dang ky khai tu');
  await proc.press('Enter');
  await expect(proc).toHaveValue('1.000656 — Đăng ký khai tử');
  const checklist = page.getByTestId('document-checklist');
  await expect(checklist.getByRole('checkbox').first()).toBeChecked();
  const optional = checklist.getByRole('row').filter({ hasText: 'không bắt buộc' }).first();
  await optional.getByRole('checkbox').check();
  await page.getByTestId('applicant-phone').fill('0912 345 678');
  await snap(page, 'dossiers-01-reception-filled');

  await page.keyboard.press('Control+Enter');
  const message = page.getByTestId('reception-message');
  await expect(message).toContainText('Đã tiếp nhận hồ sơ 000.00.14.H56-');
  await expect(message).toContainText('Giấy tiếp nhận đã in ra máy in.');
  const code =
    /(000\.00\.14\.H56-\d{6}-\d{4})/.exec((await message.textContent()) ?? '')?.[1] ?? '';
  expect(code).not.toBe('');
  const [receiptBytes] = await printer.waitForJobs(1);
  const receipt = decodeEscPos(receiptBytes as Buffer);
  expect(receipt.images.length).toBeGreaterThan(0);
  expect(receipt.cuts).toBeGreaterThan(0);
  await snap(page, 'dossiers-02-received');

  // The A5 receipt (Mẫu 01) as the browser would print it.
  const [form] = await Promise.all([
    context.waitForEvent('page'),
    page.getByTestId('open-form').click(),
  ]);
  await form.waitForLoadState();
  await expect(
    form.getByRole('heading', { name: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' }).first(),
  ).toBeVisible();
  await expect(form.getByText(code).first()).toBeVisible();
  await snap(form, 'dossiers-03-receipt-a5');
  await form.close();

  // The result becomes ready (dossier list → detail → action).
  await page.keyboard.press('Alt+4');
  await page.getByTestId('dossier-search').fill('dang van duc');
  await page.getByTestId('dossier-list').getByRole('button', { name: code }).click();
  await expect(page.getByTestId('dossier-status')).toHaveText('Đã tiếp nhận');
  await page.getByTestId('action-result-ready').click();
  await page.getByTestId('confirm-action').click();
  await expect(page.getByTestId('dossier-status')).toHaveText('Đã có kết quả');
  await snap(page, 'dossiers-04-detail-result-ready');

  // Return: the receipt QR (lookup URL) is scanned into the return field.
  await page.keyboard.press('Alt+5');
  const ret = page.getByTestId('return-code');
  // What a USB scanner types when it reads the receipt QR (the lookup URL), then Enter.
  await ret.fill(`http://192.168.1.20:8787/kiosk?lookup=${encodeURIComponent(code)}`);
  await ret.press('Enter');
  await expect(page.getByTestId('dossier-detail')).toContainText(code);
  await page.getByTestId('action-return').click();
  await expect(page.getByTestId('collected-by')).toHaveValue('Đặng Văn Đức');
  await page.getByTestId('confirm-action').click();
  await expect(page.getByTestId('return-message')).toContainText(`Đã trả kết quả hồ sơ ${code}.`);
  await expect(page.getByTestId('dossier-status')).toHaveText('Đã trả kết quả');
  await printer.waitForJobs(2);
  expect(printer.jobs()).toHaveLength(2);
  await expect(page.getByTestId('dossier-trail').getByRole('row')).toHaveCount(3);
  await snap(page, 'dossiers-05-returned');

  // Warnings panel and the year calendar.
  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('heading', { name: 'Cảnh báo hạn xử lý' })).toBeVisible();
  await snap(page, 'dossiers-06-list-warnings');
  await page.keyboard.press('Alt+6');
  await expect(page.getByTestId('calendar-year')).toBeVisible();
  await snap(page, 'dossiers-07-calendar');
});
