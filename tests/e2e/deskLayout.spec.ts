/**
 * The desk fits the commune PC (docs/desk.md, "Fits the screen"): at 1366×768 and 1280×720
 * no desk tab or dialog scrolls sideways. Screenshots of each go to
 * test-results/screenshots/layout-<width>-<name>.png.
 *
 * Old behaviour: the page was ~1,610 px wide at 1366×768 (reception actions, the dossier
 * detail's action row with "Dừng theo đề nghị" cut off).
 */
import { type Page } from '@playwright/test';
import { login, snap, expect, test } from './helpers';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
];

async function fits(page: Page, name: string, width: number) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  await snap(page, `layout-${width}-${name}`);
  expect(scrollWidth, `${name} at ${width}px`).toBeLessThanOrEqual(innerWidth);
}

for (const size of SIZES) {
  test(`every desk tab and dialog fits ${size.width}×${size.height}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    await login(page, 'admin', 'Admin@123');
    const tabs = page.getByRole('tab');
    const count = await tabs.count();
    expect(count).toBeGreaterThanOrEqual(13);
    for (let i = 0; i < count; i++) {
      const tab = tabs.nth(i);
      const key = ((await tab.getAttribute('title')) ?? '').replace('Alt+', '');
      await page.keyboard.press(`Alt+${key}`);
      await expect(tab).toHaveAttribute('aria-selected', 'true');
      await page.waitForLoadState('networkidle');
      await fits(page, `tab-${key}`, size.width);
    }

    // Reception with a procedure chosen (the widest form) and its result.
    await page.keyboard.press('Alt+3');
    await page.getByTestId('procedure-search').focus();
    await page.keyboard.type('ket hon');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('document-checklist')).toBeVisible();
    await fits(page, 'reception-filled', size.width);
    await page.getByTestId('applicant-fullName').fill('Hoàng Văn Tâm');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('reception-result')).toBeVisible();
    await expect(page.getByTestId('received-code')).toBeInViewport();
    await fits(page, 'reception-received', size.width);
    await page.keyboard.press('Escape');

    // The dossier detail and each of its action forms.
    await page.keyboard.press('Alt+4');
    await page.getByTestId('dossier-search').fill('Hoàng Văn Tâm');
    await page.getByTestId('dossier-list').getByRole('button').first().click();
    await expect(page.getByTestId('dossier-detail')).toBeVisible();
    await fits(page, 'dossier-detail', size.width);
    const actions = page.locator('[data-testid^="action-"]');
    const names = await actions.evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-testid') ?? ''),
    );
    for (const name of names) {
      await page.getByTestId(name).click();
      await expect(page.getByTestId('confirm-action')).toBeVisible();
      await fits(page, `dossier-${name}`, size.width);
    }

    // Refusing asks for confirmation: the question in the form.
    await page.getByTestId('action-refuse').click();
    await page.getByTestId('confirm-action').click();
    await expect(page.getByTestId('confirm-question')).toBeVisible();
    await fits(page, 'dossier-refuse-confirm', size.width);

    // The return form of a marriage registration: two collectors, the fee, the forms.
    await page.getByTestId('action-result-ready').click();
    await page.getByTestId('confirm-action').click();
    await expect(page.getByTestId('action-return')).toBeVisible();
    await page.getByTestId('action-return').click();
    await expect(page.getByTestId('second-collector')).toBeVisible();
    await expect(page.getByTestId('fee-paid')).toBeVisible();
    await fits(page, 'dossier-return-two-collectors', size.width);
    await page.keyboard.press('Alt+5');
    await page.getByTestId('return-code').fill('1');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('return-message')).toBeVisible();
    await fits(page, 'return-short-number', size.width);

    // The administrator's bank account for VietQR, with every field shown.
    await page.keyboard.press('Alt+9');
    await page.getByTestId('bank-bin').selectOption('970415');
    await expect(page.getByTestId('bank-number')).toBeVisible();
    await page.getByTestId('bank-account').scrollIntoViewIfNeeded();
    await fits(page, 'admin-bank-account', size.width);

    // The counter's transfer form.
    await page.keyboard.press('Alt+2');
    const select = page.getByTestId('counter-select');
    if (await select.isVisible()) {
      await select.selectOption({ index: 1 });
    }
    await fits(page, 'counter', size.width);
  });
}
