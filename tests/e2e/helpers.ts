import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

export const SCREENSHOT_DIR = path.join('test-results', 'screenshots');

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
