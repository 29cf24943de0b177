/**
 * Build the kiosk's read-aloud clips into resources/voice/vi/kiosk-*.wav from the
 * Vietnamese sentences the screens show (src/shared/kiosk/voiceClips.ts). Run once after a
 * sentence changes; the WAVs are committed so the kiosk needs no TTS engine at runtime:
 *
 *   npx tsx scripts/build-kiosk-voice.ts      (needs espeak-ng)
 *
 * Same voice and trimming as the queue's call clips (scripts/build-voice.mjs). Recorded
 * clips with the same names in <data folder>/voice/vi/ take precedence (src/hub/voice.ts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { translate } from '../src/shared/i18n';
import { KIOSK_VOICE_KEYS, kioskClipName } from '../src/shared/kiosk/voiceClips';

const OUT = path.join(__dirname, '..', 'resources', 'voice', 'vi');

/** espeak-ng writes 16-bit mono PCM WAV; cut leading/trailing silence. */
function trimSilence(wav: Buffer): Buffer {
  const dataAt = wav.indexOf('data') + 8;
  const header = Buffer.from(wav.subarray(0, dataAt));
  const samples = wav.subarray(dataAt);
  const n = Math.floor(samples.length / 2);
  const loud = (i: number) => Math.abs(samples.readInt16LE(i * 2)) > 400;
  let start = 0;
  while (start < n && !loud(start)) start++;
  let end = n - 1;
  while (end > start && !loud(end)) end--;
  const pad = 600;
  const body = samples.subarray(Math.max(0, start - pad) * 2, Math.min(n, end + pad) * 2);
  header.writeUInt32LE(36 + body.length, 4);
  header.writeUInt32LE(body.length, dataAt - 4);
  return Buffer.concat([header, body]);
}

/**
 * Halve the sample rate (22 050 → 11 025 Hz, averaging each pair as a simple low-pass):
 * sentences are long, and speech stays clear at telephone bandwidth — half the size.
 */
function halveRate(wav: Buffer): Buffer {
  const dataAt = wav.indexOf('data') + 8;
  const header = Buffer.from(wav.subarray(0, dataAt));
  const samples = wav.subarray(dataAt);
  const n = Math.floor(samples.length / 4);
  const body = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) {
    const v = (samples.readInt16LE(i * 4) + samples.readInt16LE(i * 4 + 2)) / 2;
    body.writeInt16LE(Math.round(v), i * 2);
  }
  const rate = header.readUInt32LE(24) / 2;
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt32LE(36 + body.length, 4);
  header.writeUInt32LE(body.length, dataAt - 4);
  return Buffer.concat([header, body]);
}

/** What the voice says: the screen's sentence, "ông/bà" spoken as "ông bà". */
export function spokenText(text: string): string {
  return text.replace(/\//g, ' ').replace(/[—–]/g, ',').replace(/…/g, '.');
}

fs.mkdirSync(OUT, { recursive: true });
let bytes = 0;
for (const key of KIOSK_VOICE_KEYS) {
  const text = spokenText(translate('vi', key));
  const wav = execFileSync('espeak-ng', ['-v', 'vi', '-s', '130', '-g', '3', '--stdout', text]);
  const clip = halveRate(trimSilence(wav));
  fs.writeFileSync(path.join(OUT, `${kioskClipName(key)}.wav`), clip);
  bytes += clip.length;
}
console.log(`${KIOSK_VOICE_KEYS.length} kiosk clips, ${(bytes / 1024).toFixed(0)} KB in ${OUT}`);
