/**
 * Voice calls: "Mời công dân có số thứ tự A mười lăm đến quầy số hai" built from bundled
 * clips (scripts/build-voice.mjs; recorded clips in <data folder>/voice/vi replace them),
 * preceded by a chime (docs/queue.md, "The voice"):
 *
 * - the number after the letters is read as a Vietnamese number ("A015" → "A mười lăm",
 *   counter 10 → "quầy số mười"), not digit by digit;
 * - each call is said `repeat` times with a pause between (the queue settings
 *   `voiceRepeat`, `voicePauseMs`);
 * - calls wait in a queue and never overlap; a recall of a number still waiting to be said —
 *   or a new call at a counter whose previous call is still waiting — replaces it;
 * - a call that has waited longer than `maxAgeMs` (10 s) when its turn comes is dropped:
 *   the board still shows it, but a late voice would send people to a counter already
 *   serving someone else.
 */
export const VOICE_BASE = '/voice/vi/';

/** A call older than this when its turn to be spoken comes is not spoken. */
export const MAX_CALL_AGE_MS = 10_000;

/** Letter clip names: A–Z as `letter-a`…, Đ as `letter-dd`. */
function letterClip(letter: string): string {
  return letter === 'Đ' ? 'letter-dd' : `letter-${letter.toLowerCase()}`;
}

const digit = (d: number) => `digit-${d}`;

/** 0–99, `afterHundreds`: "linh" before a single digit (một trăm linh năm). */
function below100(n: number, afterHundreds: boolean): string[] {
  if (n === 0) return [];
  if (n < 10) return afterHundreds ? ['num-linh', digit(n)] : [digit(n)];
  const tens = Math.floor(n / 10);
  const unit = n % 10;
  const head = tens === 1 ? ['num-muoi'] : [digit(tens), 'num-muoi-tens'];
  if (unit === 0) return head;
  // mười lăm / hai mươi lăm; hai mươi mốt (but mười một); hai mươi tư (but mười bốn).
  if (unit === 5) return [...head, 'num-lam'];
  if (unit === 1 && tens > 1) return [...head, 'num-mot'];
  if (unit === 4 && tens > 1) return [...head, 'num-tu'];
  return [...head, digit(unit)];
}

/** 0–999; `inside`: a higher group precedes, so hundreds are said even when 0 ("không trăm"). */
function below1000(n: number, inside: boolean): string[] {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0 && !inside) return below100(rest, false);
  if (hundreds === 0 && rest === 0) return [];
  return [digit(hundreds), 'num-tram', ...below100(rest, true)];
}

/** The clips that read a whole number (0 ≤ n < 1 000 000) the Vietnamese way. */
export function numberClips(value: number): string[] {
  const n = Math.max(0, Math.trunc(value));
  if (n === 0) return [digit(0)];
  if (n >= 1_000_000) return String(n).split('').map(Number).map(digit);
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  if (thousands === 0) return below1000(rest, false);
  return [...below1000(thousands, false), 'num-nghin', ...(rest ? below1000(rest, true) : [])];
}

/** The clip names, in order, for one saying of a call (without the chime). */
export function sayingFor(number: string, counter: number): string[] {
  const m = /^([A-ZĐ]+)(\d+)$/.exec(number.toUpperCase());
  if (!m) return [];
  const letters = (m[1] as string).split('').map(letterClip);
  return ['moi', ...letters, ...numberClips(Number(m[2])), 'den-quay', ...numberClips(counter)];
}

/** The clip names for one call said once, chime first ([] for a malformed number). */
export function clipsFor(number: string, counter: number): string[] {
  const saying = sayingFor(number, counter);
  return saying.length ? ['chime', ...saying] : [];
}

export type PlayClip = (url: string) => Promise<void>;

/** Play one clip with an <audio> element; resolves when it ends (or fails: never blocks the queue). */
export const playWithAudioElement: PlayClip = (url) =>
  new Promise<void>((resolve, reject) => {
    const audio = new Audio(url);
    audio.onended = () => resolve();
    audio.onerror = () => resolve();
    audio.play().catch((e: unknown) => reject(e instanceof Error ? e : new Error(String(e))));
  });

/** 0.05 s of silence as a WAV blob (a blob: URL, which the pages' CSP allows for media). */
function silentWav(): Blob {
  const samples = 1100;
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const text = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) bytes[at + i] = s.charCodeAt(i);
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  text(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, 22050, true);
  view.setUint32(28, 44100, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples * 2, true);
  return new Blob([bytes], { type: 'audio/wav' });
}

/** Whether the browser lets this page play sound now (autoplay policy): plays silence. */
export const probeWithAudioElement = async (): Promise<boolean> => {
  const url = URL.createObjectURL(silentWav());
  try {
    await new Audio(url).play();
    return true;
  } catch {
    return false;
  } finally {
    URL.revokeObjectURL(url);
  }
};

export interface VoiceSettings {
  /** How many times each call is said (1–3). */
  repeat: number;
  /** Pause between two sayings, in milliseconds. */
  pauseMs: number;
}

export interface AnnouncerOptions {
  play?: PlayClip;
  probe?: () => Promise<boolean>;
  base?: string;
  onBlocked?: (blocked: boolean) => void;
  /** Milliseconds clock (tests drive it). */
  now?: () => number;
  wait?: (ms: number) => Promise<void>;
  voice?: VoiceSettings;
  maxAgeMs?: number;
}

interface PendingCall {
  number: string;
  counter: number;
  at: number;
}

export class Announcer {
  private readonly pending: PendingCall[] = [];
  private running = false;
  private voice: VoiceSettings;
  private readonly play: PlayClip;
  private readonly probeSound: () => Promise<boolean>;
  private readonly base: string;
  private readonly onBlocked: (blocked: boolean) => void;
  private readonly now: () => number;
  private readonly wait: (ms: number) => Promise<void>;
  private readonly maxAgeMs: number;
  /** Set when the browser refused to play without a user gesture (autoplay policy). */
  blocked = false;

  constructor(options: AnnouncerOptions = {}) {
    this.play = options.play ?? playWithAudioElement;
    this.probeSound = options.probe ?? probeWithAudioElement;
    this.base = options.base ?? VOICE_BASE;
    this.onBlocked = options.onBlocked ?? (() => {});
    this.now = options.now ?? (() => Date.now());
    this.wait = options.wait ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.voice = options.voice ?? { repeat: 2, pauseMs: 1500 };
    this.maxAgeMs = options.maxAgeMs ?? MAX_CALL_AGE_MS;
  }

  /** Apply the hub's voice settings (they arrive with the board). */
  configure(voice: VoiceSettings): void {
    this.voice = {
      repeat: Math.min(3, Math.max(1, Math.trunc(voice.repeat))),
      pauseMs: Math.max(0, voice.pauseMs),
    };
  }

  /** Whether sound may play now; false means a person must touch the screen first. */
  probe(): Promise<boolean> {
    return this.probeSound().catch(() => false);
  }

  announce(number: string, counter: number): void {
    const call = { number, counter, at: this.now() };
    const same = this.pending.findIndex((c) => c.number === number || c.counter === counter);
    if (same >= 0) this.pending[same] = call;
    else this.pending.push(call);
    void this.drain();
  }

  get queued(): number {
    return this.pending.length + (this.running ? 1 : 0);
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let next = this.pending.shift(); next; next = this.pending.shift()) {
        if (this.now() - next.at > this.maxAgeMs) continue; // too late to send anyone there
        await this.say(next);
      }
    } finally {
      this.running = false;
    }
  }

  /** One call: chime, then the saying `repeat` times with a pause between. */
  private async say(call: PendingCall): Promise<void> {
    const saying = sayingFor(call.number, call.counter);
    if (!saying.length) return;
    for (let time = 0; time < this.voice.repeat; time++) {
      if (time > 0) await this.wait(this.voice.pauseMs);
      for (const clip of time === 0 ? ['chime', ...saying] : saying) {
        try {
          await this.play(`${this.base}${clip}.wav`);
          if (this.blocked) {
            this.blocked = false;
            this.onBlocked(false);
          }
        } catch {
          // Autoplay refused (no user gesture yet): skip this call, say so on screen.
          this.blocked = true;
          this.onBlocked(true);
          return;
        }
      }
    }
  }
}
