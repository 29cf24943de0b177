#!/usr/bin/env node
/**
 * Build the Vietnamese voice-call clips into resources/voice/vi/ — run once, the WAVs are
 * committed so that runtime needs nothing (offline, no TTS engine):
 *
 *   node scripts/build-voice.mjs          (needs espeak-ng: apt-get install -y espeak-ng)
 *
 * The call "Mời công dân có số thứ tự A015 đến quầy số 10" is played (docs/queue.md, "The
 * voice") as
 *   chime · moi · letter-a · num-muoi · num-lam · den-quay · num-muoi
 * i.e. the number is read as a Vietnamese number (src/renderer/queue/announcer.ts builds the
 * sequence). Every letter has its own clip that sounds different from every other: in
 * Northern speech "dê" (D) and "giê" (G) are the same sound /ze/, so G is said "giê" with the
 * /ʒ/ most speakers use to tell the letter apart, and J "gi" as /zi/ (espeak-ng says the
 * spelling "gi" as a bare consonant). Each clip is trimmed and brought to the same loudness.
 * Recorded clips replace these: put WAV files with the same names in
 * <data folder>/voice/vi/ (the hub serves those first) or overwrite them here.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'resources',
  'voice',
  'vi',
);

export const PHRASES = {
  moi: 'Mời công dân có số thứ tự',
  'den-quay': 'đến quầy số',
};
/** What each letter is called; `[[…]]` is espeak-ng phoneme input where the spelling fails. */
export const LETTERS = {
  A: 'a',
  B: 'bê',
  C: 'xê',
  D: 'dê',
  Đ: 'đê',
  E: 'e',
  F: 'ép phờ',
  G: "[[Z'e7]]", // "giê" with /ʒ/: the spelling would sound exactly like D's "dê"
  H: 'hát',
  I: 'i',
  J: 'di', // "gi" said /zi/ (the spelling "gi" alone comes out as a bare, near-silent /z/)
  K: 'ca',
  L: 'e lờ',
  M: 'em mờ',
  N: 'en nờ',
  O: 'o',
  P: 'pê',
  Q: 'quy',
  R: 'e rờ',
  S: 'ét xì',
  T: 'tê',
  U: 'u',
  V: 'vê',
  W: 'vê kép',
  X: 'ích xì',
  Y: 'i dài',
  Z: 'dét',
};
export const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
/** The words that make Vietnamese numbers besides the digits (mười lăm, hai mươi mốt …). */
export const NUMBER_WORDS = {
  'num-muoi': 'mười',
  'num-muoi-tens': 'mươi',
  'num-mot': 'mốt',
  'num-tu': 'tư',
  'num-lam': 'lăm',
  'num-linh': 'linh',
  'num-tram': 'trăm',
  'num-nghin': 'nghìn',
};

/** File name of a letter's clip: letter-a … letter-z, letter-dd for Đ. */
const letterFile = (letter) =>
  letter === 'Đ' ? 'letter-dd.wav' : `letter-${letter.toLowerCase()}.wav`;

function speak(text, file) {
  // -v vi: Northern Vietnamese; -s speed (words/min); -g gap between words (10 ms units).
  const wav = execFileSync('espeak-ng', ['-v', 'vi', '-s', '135', '-g', '2', '--stdout', text]);
  fs.writeFileSync(path.join(OUT, file), normalise(trimSilence(wav)));
}

/** Scale to a peak of −1 dBFS, so that no clip of a call is quieter than the others. */
function normalise(wav) {
  const dataAt = wav.indexOf('data') + 8;
  const out = Buffer.from(wav);
  let peak = 1;
  for (let i = dataAt; i + 1 < out.length; i += 2)
    peak = Math.max(peak, Math.abs(out.readInt16LE(i)));
  const gain = (0.89 * 32767) / peak;
  for (let i = dataAt; i + 1 < out.length; i += 2)
    out.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(out.readInt16LE(i) * gain))), i);
  return out;
}

/** espeak-ng writes 16-bit mono PCM WAV; cut leading/trailing silence to keep clips short. */
function trimSilence(wav) {
  const dataAt = wav.indexOf('data') + 8;
  const header = Buffer.from(wav.subarray(0, dataAt));
  const samples = wav.subarray(dataAt);
  const n = Math.floor(samples.length / 2);
  const loud = (i) => Math.abs(samples.readInt16LE(i * 2)) > 400;
  let start = 0;
  while (start < n && !loud(start)) start++;
  let end = n - 1;
  while (end > start && !loud(end)) end--;
  const pad = 600; // ~27 ms at 22 050 Hz
  const body = samples.subarray(Math.max(0, start - pad) * 2, Math.min(n, end + pad) * 2);
  header.writeUInt32LE(36 + body.length, 4);
  header.writeUInt32LE(body.length, dataAt - 4);
  return Buffer.concat([header, body]);
}

/** A soft two-tone chime ("ding-dong"), synthesised: no sample library needed. */
function chime(file) {
  const rate = 22050;
  const tones = [
    [880, 0.45],
    [659.25, 0.7],
  ];
  const parts = [];
  for (const [freq, secs] of tones) {
    const len = Math.round(rate * secs);
    const buf = Buffer.alloc(len * 2);
    for (let i = 0; i < len; i++) {
      const t = i / rate;
      const env = Math.min(1, t / 0.01) * Math.exp(-3.2 * t);
      const v =
        env * (0.6 * Math.sin(2 * Math.PI * freq * t) + 0.2 * Math.sin(4 * Math.PI * freq * t));
      buf.writeInt16LE(Math.round(v * 0.6 * 32767), i * 2);
    }
    parts.push(buf);
  }
  const data = Buffer.concat(parts);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8);
  h.write('fmt ', 12);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  fs.writeFileSync(path.join(OUT, file), Buffer.concat([h, data]));
}

fs.mkdirSync(OUT, { recursive: true });
for (const [name, text] of Object.entries(PHRASES)) speak(text, `${name}.wav`);
for (const [letter, text] of Object.entries(LETTERS)) speak(text, letterFile(letter));
DIGITS.forEach((text, d) => speak(text, `digit-${d}.wav`));
for (const [name, text] of Object.entries(NUMBER_WORDS)) speak(text, `${name}.wav`);
chime('chime.wav');
const files = fs.readdirSync(OUT).filter((f) => f.endsWith('.wav'));
const bytes = files.reduce((s, f) => s + fs.statSync(path.join(OUT, f)).size, 0);
console.log(
  `${files.length} clips, ${(bytes / 1024).toFixed(0)} KB in ${path.relative(process.cwd(), OUT)}`,
);
