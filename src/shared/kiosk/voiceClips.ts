import type { MessageKey } from '../i18n';

/**
 * The kiosk's read-aloud clips: one WAV per Vietnamese sentence below, generated from the
 * same i18n text the screen shows (scripts/build-kiosk-voice.ts, espeak-ng) into
 * resources/voice/vi/ and served at /voice/vi/<clip>.wav next to the queue's call clips
 * (letters, digits, chime). Dynamic text (service and procedure names, document lists)
 * has no clip: a bundled voice cannot say words it was not built with.
 */
export const KIOSK_VOICE_KEYS = [
  'kiosk.homePrompt',
  'kiosk.menu.take',
  'kiosk.menu.lookup',
  'kiosk.menu.procedures',
  'kiosk.menu.rating',
  'kiosk.take.chooseService',
  'kiosk.take.priorityTitle',
  'kiosk.take.priorityHint',
  'kiosk.take.yourNumber',
  'kiosk.take.collect',
  'kiosk.take.noPaper',
  'kiosk.take.printFailed',
  'kiosk.take.printPending',
  'kiosk.err.offline',
  'kiosk.err.printer',
  'kiosk.err.paperOut',
  'kiosk.err.generic',
  'kiosk.err.busy',
  'kiosk.lookup.scanHint',
  'kiosk.lookup.checkPrompt',
  'kiosk.lookup.notFound',
  'kiosk.status.received',
  'kiosk.status.in_process',
  'kiosk.status.awaiting_supplement',
  'kiosk.status.resultReadyDesk',
  'kiosk.status.returned',
  'kiosk.status.refused',
  'kiosk.status.stopped',
  'kiosk.status.closed',
  'kiosk.voice.readyA',
  'kiosk.voice.readyB',
  'kiosk.proc.prompt',
  'kiosk.voice.procDetail',
  'kiosk.rate.pick',
  'kiosk.rate.none',
  'kiosk.voice.ratePrompt',
  'kiosk.rate.reasonsPrompt',
  'kiosk.rate.thanks',
  'kiosk.rate.closed',
  'kiosk.rate.alreadyRated',
  'kiosk.rate.counterIdle',
] as const satisfies readonly MessageKey[];
export type KioskVoiceKey = (typeof KIOSK_VOICE_KEYS)[number];

/** 'kiosk.status.in_process' → 'kiosk-status-in-process' (the hub serves [a-z0-9-]{1,40}). */
export function kioskClipName(key: KioskVoiceKey): string {
  return `kiosk-${key
    .replace(/^kiosk\./, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toLowerCase()}`;
}

/** The queue's clips for a ticket number read letter by letter, digit by digit ("A012"). */
export function numberClips(number: string): string[] {
  return number
    .toUpperCase()
    .split('')
    .flatMap((ch) =>
      /[A-Z]/.test(ch) ? [`letter-${ch.toLowerCase()}`] : /\d/.test(ch) ? [`digit-${ch}`] : [],
    );
}

/** Digits of a counter number ("quầy số 3"). */
export function digitClips(n: number): string[] {
  return String(Math.max(0, Math.trunc(n)))
    .split('')
    .map((d) => `digit-${d}`);
}
