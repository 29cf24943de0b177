/**
 * "Đọc to" reads the choices an administrator named (docs/queue.md, "Kiosk read-aloud"), by
 * touch at 1080×1920: on the service list the fixed sentence plays its bundled clip and every
 * service name (no clip can exist for it) goes to the browser's speech synthesis with a
 * Vietnamese voice; with no Vietnamese voice the screen says so. The speech synthesis is
 * replaced by a recorder (Chromium here has no voices), so the test sees what was asked.
 * Old behaviour: only the fixed clip, the service names were never read.
 * Screenshot: kiosk-readaloud-novoice.png.
 */
import type { Page } from '@playwright/test';
import { KIOSK_PAGE, expect, snap, test } from './helpers';

test.use({ viewport: { width: 1080, height: 1920 }, hasTouch: true });

/** A recording speech synthesis with the given voices (window.__spoken: texts asked). */
async function fakeSpeech(page: Page, voices: Array<{ lang: string; name: string }>) {
  await page.addInitScript((list) => {
    const w = window as unknown as Record<string, unknown> & { __spoken: string[] };
    w.__spoken = [];
    class Utterance {
      text: string;
      lang = '';
      rate = 1;
      voice: unknown = null;
      onend: (() => void) | null = null;
      onerror: (() => void) | null = null;
      constructor(text: string) {
        this.text = text;
      }
    }
    const voiceObjects = list.map((v) => ({
      ...v,
      localService: true,
      default: false,
      voiceURI: v.name,
    }));
    Object.defineProperty(window, 'SpeechSynthesisUtterance', {
      value: Utterance,
      configurable: true,
    });
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: {
        getVoices: () => voiceObjects,
        speak: (u: Utterance) => {
          w.__spoken.push(`${u.text}|${u.lang}`);
          setTimeout(() => u.onend?.(), 5);
        },
        cancel: () => {},
        addEventListener: () => {},
        removeEventListener: () => {},
      },
    });
  }, voices);
}

async function serviceNames(page: Page): Promise<string[]> {
  await page.goto(KIOSK_PAGE);
  await page.getByRole('button', { name: /Lấy số thứ tự/ }).tap();
  await expect(page.getByText('Ông/bà đến làm việc gì? Mời chạm vào một ô.')).toBeVisible();
  const names = await page.locator('.kchoice-service').allInnerTexts();
  expect(names.length).toBeGreaterThan(0);
  return names;
}

test('the service names an administrator typed are read by the Vietnamese voice', async ({
  page,
}) => {
  await fakeSpeech(page, [
    { lang: 'en-US', name: 'English' },
    { lang: 'vi-VN', name: 'Tiếng Việt (thử)' },
  ]);
  const names = await serviceNames(page);
  const clip = page.waitForResponse((r) =>
    r.url().endsWith('/voice/vi/kiosk-take-chooseservice.wav'),
  );
  await page.getByTestId('read-aloud').tap();
  expect((await clip).status()).toBe(200);
  const spoken = () => page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);
  await expect.poll(spoken, { timeout: 30_000 }).toHaveLength(names.length);
  const said = await spoken();
  // Each button's first line is the service's name (an admin-named text, e.g. the demo's
  // "Đất đai – Xây dựng"), read in vi-VN.
  for (const [i, label] of names.entries()) {
    expect(said[i]?.split('|')[1]).toBe('vi-VN');
    expect(label).toContain(said[i]?.split('|')[0] ?? '∅');
  }
  expect(said.map((s) => s.split('|')[0])).toContain('Đất đai – Xây dựng');
  await expect(page.getByTestId('no-vietnamese-voice')).toHaveCount(0);
});

test('without a Vietnamese voice the clips play and the screen says the names cannot be read', async ({
  page,
}) => {
  await fakeSpeech(page, [{ lang: 'en-US', name: 'English' }]);
  await serviceNames(page);
  await page.getByTestId('read-aloud').tap();
  await expect(page.getByTestId('no-vietnamese-voice')).toContainText(
    'Máy này chưa có giọng đọc tiếng Việt',
  );
  expect(await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken)).toEqual(
    [],
  );
  await snap(page, 'kiosk-readaloud-novoice');
  // A new screen starts without the notice.
  await page
    .getByRole('button', { name: /Về trang chủ/ })
    .first()
    .tap();
  await expect(page.getByTestId('no-vietnamese-voice')).toHaveCount(0);
});
