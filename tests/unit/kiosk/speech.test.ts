/**
 * The kiosk's read-aloud chooser (src/renderer/kiosk/speech.ts; docs/queue.md, "Kiosk
 * read-aloud"): fixed sentences play their bundled clips; text an administrator typed (a
 * service name, which has no clip) goes to the browser's speech synthesis with a Vietnamese
 * voice, or is reported unavailable when the machine has none.
 */
import { describe, expect, it } from 'vitest';
import { pickVietnameseVoice, planReadout } from '../../../src/renderer/kiosk/speech';

const voice = (lang: string, name: string, localService = true) => ({ lang, name, localService });

describe('pickVietnameseVoice', () => {
  it('prefers vi-VN, then any vi tag, on-device before online; null without one', () => {
    expect(pickVietnameseVoice([])).toBeNull();
    expect(pickVietnameseVoice([voice('en-US', 'A'), voice('fr-FR', 'B')])).toBeNull();
    expect(pickVietnameseVoice([voice('en-US', 'A'), voice('vi', 'espeak vi')])?.name).toBe(
      'espeak vi',
    );
    expect(
      pickVietnameseVoice([
        voice('vi', 'generic'),
        voice('vi-VN', 'Google tiếng Việt', false),
        voice('vi-VN', 'Microsoft An', true),
      ])?.name,
    ).toBe('Microsoft An');
    expect(pickVietnameseVoice([voice('vi_VN', 'underscore tag')])?.name).toBe('underscore tag');
    // "vie" or "vietnamese-ish" names without a vi tag are not guessed.
    expect(pickVietnameseVoice([voice('en-US', 'Vietnamese (fake)')])).toBeNull();
  });
});

describe('planReadout', () => {
  const parts = [
    'kiosk.take.chooseService' as const,
    { text: 'Hộ tịch' },
    { text: '  Đất đai – Xây dựng ' },
    { text: '   ' },
    { clip: 'digit-3' },
  ];

  it('clips for fixed sentences, speech for admin-named text when a Vietnamese voice exists', () => {
    expect(planReadout(parts, true)).toEqual([
      { kind: 'clip', clip: 'kiosk-take-chooseservice' },
      { kind: 'speech', text: 'Hộ tịch' },
      { kind: 'speech', text: 'Đất đai – Xây dựng' },
      { kind: 'clip', clip: 'digit-3' },
    ]);
  });

  it('without a Vietnamese voice the admin-named text is marked unavailable, the clips still play', () => {
    expect(planReadout(parts, false)).toEqual([
      { kind: 'clip', clip: 'kiosk-take-chooseservice' },
      { kind: 'unavailable', text: 'Hộ tịch' },
      { kind: 'unavailable', text: 'Đất đai – Xây dựng' },
      { kind: 'clip', clip: 'digit-3' },
    ]);
  });
});
