import { decodeEscPos, startFakePrinter, type FakePrinter } from '../../src/core/printing';
import { login, snap, expect, test } from './helpers';

let printer: FakePrinter;

test.beforeAll(async () => {
  printer = await startFakePrinter();
});
test.afterAll(async () => {
  await printer.close();
});

test('an admin configures a printer, test-prints, sees a failure with its reason and reprints it', async ({
  page,
}) => {
  await login(page, 'admin', 'Admin@123');
  await page.getByRole('tab', { name: /Máy in/ }).click();
  const profiles = [
    {
      id: 'quay1',
      name: 'Máy in quầy 1',
      uri: printer.uri,
      widthMm: 80,
      mode: 'raster',
      roles: ['ticket', 'receipt'],
    },
  ];
  await page
    .getByRole('textbox', { name: 'Cấu hình máy in (JSON)' })
    .fill(JSON.stringify(profiles, null, 2));
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByText('Đã lưu.')).toBeVisible();

  await page.getByRole('button', { name: 'In thử: quay1' }).click();
  await expect(page.getByText('In thử: Đã in')).toBeVisible();
  const [bytes] = await printer.waitForJobs(1);
  expect(decodeEscPos(bytes as Buffer).images[0]?.width).toBe(576);
  await expect(page.getByTestId('printer-status')).toContainText('Máy in sẵn sàng');

  // The printer goes away: the failure is visible, with the reason, on the desk.
  await printer.setBehaviour({ refuse: true });
  await page.getByRole('button', { name: 'In thử: quay1' }).click();
  await expect(page.getByRole('alert')).toContainText('Máy in từ chối kết nối');
  const failedRow = page.getByTestId('print-jobs').getByRole('row').filter({ hasText: 'In lỗi' });
  await expect(failedRow).toHaveCount(1);
  await expect(page.getByTestId('printer-status')).toContainText('Mất kết nối máy in');
  await snap(page, 'printing-01-failed-job');

  // Back online: "In lại" prints it.
  await printer.setBehaviour({ refuse: false });
  await failedRow.getByRole('button', { name: 'In lại' }).click();
  await expect(
    page.getByTestId('print-jobs').getByRole('row').filter({ hasText: 'In lỗi' }),
  ).toHaveCount(0);
  await printer.waitForJobs(2);
  expect(printer.jobs()).toHaveLength(2);
  await snap(page, 'printing-02-reprinted');
});
