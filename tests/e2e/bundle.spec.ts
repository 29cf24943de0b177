import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Page } from '@playwright/test';
import { parse } from 'acorn';
import { KIOSK_PAGE, expect, login, test } from './helpers';

/**
 * The renderer build for old lobby TVs (README, "Renderer build and browser baseline"): one
 * baseline — Chrome 87, ES2020 syntax — minified, one chunk per screen. Each screen is
 * opened in Chromium and every script and stylesheet it actually downloads is checked:
 * parsed as ES2020, minified, free of runtime APIs newer than Chrome 87, never the desk's
 * code on a public screen, and the board under 250 KB gzip.
 *
 * Before: one unminified 1.2 MB script for every screen, built for Chrome 146.
 */

const STATIC_DIR = path.resolve('out/renderer');

/** Runtime APIs newer than Chrome 87 (with the Chrome version that brought them). */
const NEWER_APIS: [RegExp, string][] = [
  [/\bstructuredClone\(/, 'structuredClone (Chrome 98)'],
  [/\.at\(-?[\w.]*\)/, 'Array/String.prototype.at (Chrome 92)'],
  [/\bObject\.hasOwn\(/, 'Object.hasOwn (Chrome 93)'],
  [/\.findLast(Index)?\(/, 'Array.prototype.findLast (Chrome 97)'],
  [/\.(toSorted|toReversed|toSpliced)\(/, 'change-array-by-copy (Chrome 110)'],
  [/\bAbortSignal\.(timeout|any)\(/, 'AbortSignal.timeout/any (Chrome 103+)'],
  [/\.randomUUID\(/, 'crypto.randomUUID (Chrome 92)'],
  [/\b(Object|Map)\.groupBy\(/, 'groupBy (Chrome 117)'],
  [/\bPromise\.withResolvers\(/, 'Promise.withResolvers (Chrome 119)'],
  [/\bArray\.fromAsync\(/, 'Array.fromAsync (Chrome 121)'],
];

/** CSS newer than Chrome 87 (a rule Chrome 87 does not know is dropped: a broken layout). */
const NEWER_CSS: [RegExp, string][] = [
  [/aspect-ratio\s*:/, 'aspect-ratio (Chrome 88)'],
  [/:(is|where)\(/, ':is()/:where() (Chrome 88)'],
  [/:has\(/, ':has() (Chrome 105)'],
  [/@container|\d(cqw|cqh|cqi|cqb)\b/, 'container queries (Chrome 105)'],
  [/\d(dvh|svh|lvh|dvw|svw|lvw)\b/, 'dynamic viewport units (Chrome 108)'],
  [/color-mix\(/, 'color-mix() (Chrome 111)'],
  [/@layer\b/, 'cascade layers (Chrome 99)'],
];

/** Opens a screen and returns the built files (under /assets/) it downloaded. */
async function filesLoadedBy(page: Page, url: string, ready: () => Promise<void>) {
  const files = new Set<string>();
  const listener = (req: { url(): string }) => {
    const p = new URL(req.url()).pathname;
    const at = p.indexOf('/assets/');
    if (at >= 0 && /\.(js|css)$/.test(p)) files.add(p.slice(at + 1));
  };
  page.on('request', listener);
  await page.goto(url);
  await ready();
  await page.waitForLoadState('networkidle');
  page.off('request', listener);
  return [...files].sort();
}

function check(files: string[]) {
  let gzip = 0;
  for (const f of files) {
    const text = fs.readFileSync(path.join(STATIC_DIR, f), 'utf8');
    gzip += gzipSync(text, { level: 9 }).length;
    if (f.endsWith('.css')) {
      for (const [re, what] of NEWER_CSS) expect(re.test(text), `${f} uses ${what}`).toBe(false);
      continue;
    }
    // ES2020 syntax only: acorn refuses anything newer (??=, static blocks, #x in, …).
    expect(
      () => parse(text, { ecmaVersion: 2020, sourceType: 'module' }),
      `${f} parses as ES2020`,
    ).not.toThrow();
    // Minified: long lines, little whitespace (unminified output is ≈ 25 % whitespace).
    const lines = text.split('\n').length;
    const blanks = (text.match(/\s/g) ?? []).length;
    if (text.length > 1000)
      expect(text.length / lines, `${f}: chars per line`).toBeGreaterThan(300);
    expect(blanks / text.length, `${f}: share of whitespace`).toBeLessThan(0.08);
    for (const [re, what] of NEWER_APIS) expect(re.test(text), `${f} uses ${what}`).toBe(false);
  }
  return gzip;
}

test('the board loads only its own code: ES2020, minified, no newer APIs, under 250 KB gzip', async ({
  page,
}) => {
  const files = await filesLoadedBy(page, '/display', async () => {
    await expect(page.getByTestId('board-rule')).not.toBeEmpty();
  });
  expect(files.some((f) => /DisplayPage-/.test(f))).toBe(true);
  expect(
    files.filter((f) => /Desk|Kiosk/.test(f)),
    'desk or kiosk code on the board',
  ).toEqual([]);
  const gzip = check(files);
  console.log(`/display loads ${files.length} files, ${(gzip / 1024).toFixed(1)} KB gzip`);
  expect(gzip).toBeLessThan(250 * 1024);
});

test('the kiosk loads its own code, not the desk: ES2020, minified, no newer APIs', async ({
  page,
}) => {
  const files = await filesLoadedBy(page, KIOSK_PAGE, async () => {
    await expect(page.getByRole('heading', { name: 'Xin kính chào quý công dân' })).toBeVisible();
  });
  expect(files.some((f) => /KioskPage-/.test(f))).toBe(true);
  expect(
    files.filter((f) => /Desk/.test(f)),
    'desk code on the kiosk',
  ).toEqual([]);
  const gzip = check(files);
  console.log(`/kiosk loads ${files.length} files, ${(gzip / 1024).toFixed(1)} KB gzip`);
});

test('the desk loads its own chunk on demand and still works', async ({ page }) => {
  const files = await filesLoadedBy(page, '/desk', async () => {
    await expect(page.getByLabel('Tên đăng nhập')).toBeVisible();
  });
  expect(files.some((f) => /DeskShell-/.test(f))).toBe(true);
  expect(
    files.filter((f) => /DisplayPage|KioskPage|RatePage/.test(f)),
    'public screens on the desk',
  ).toEqual([]);
  check(files);
  await login(page, 'canbo1', 'Canbo@123');
});
