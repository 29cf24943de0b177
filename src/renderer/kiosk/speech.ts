import { kioskClipName, type KioskVoiceKey } from '../../shared/kiosk/voiceClips';

/**
 * What "Đọc to" reads on a kiosk screen: fixed sentences (i18n keys with a bundled clip),
 * raw clip names (letters, digits), and text an administrator typed (service names): such
 * text has no clip (a bundled voice cannot say words it was not built with), so the browser's
 * speech synthesis reads it with a Vietnamese voice when the machine has one (docs/queue.md,
 * "Kiosk read-aloud").
 */
export type ReadPart = KioskVoiceKey | { clip: string } | { text: string };

export type ReadStep =
  | { kind: 'clip'; clip: string }
  | { kind: 'speech'; text: string }
  /** Admin-named text and no Vietnamese voice: not read; the screen says so. */
  | { kind: 'unavailable'; text: string };

/** The part of SpeechSynthesisVoice the chooser looks at. */
export interface VoiceLike {
  lang: string;
  name: string;
  localService?: boolean;
}

/**
 * The Vietnamese voice to read admin-named text with: `vi-VN` first, then any `vi…`
 * language tag; among equals an on-device voice (works without the Internet) first. Null
 * when there is none (e.g. Chromium without speech-dispatcher voices).
 */
export function pickVietnameseVoice<V extends VoiceLike>(voices: readonly V[]): V | null {
  const rank = (v: V): number => {
    const lang = v.lang.toLowerCase().replace('_', '-');
    const exact = lang === 'vi-vn' ? 0 : lang === 'vi' || lang.startsWith('vi-') ? 1 : -1;
    if (exact < 0) return -1;
    return exact * 2 + (v.localService === false ? 1 : 0);
  };
  let best: V | null = null;
  let bestRank = Infinity;
  for (const v of voices) {
    const r = rank(v);
    if (r >= 0 && r < bestRank) {
      best = v;
      bestRank = r;
    }
  }
  return best;
}

/** How each part is read: a clip, the speech synthesis, or nothing (no Vietnamese voice). */
export function planReadout(parts: readonly ReadPart[], hasVietnameseVoice: boolean): ReadStep[] {
  return parts.flatMap((p): ReadStep[] => {
    if (typeof p === 'string') return [{ kind: 'clip', clip: kioskClipName(p) }];
    if ('clip' in p) return [{ kind: 'clip', clip: p.clip }];
    const text = p.text.trim();
    if (!text) return [];
    return [hasVietnameseVoice ? { kind: 'speech', text } : { kind: 'unavailable', text }];
  });
}
