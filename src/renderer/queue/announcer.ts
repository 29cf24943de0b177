/**
 * Voice calls: "Mời công dân có số thứ tự A012 đến quầy số 3" built from bundled clips
 * (scripts/build-voice.mjs), preceded by a chime. Announcements wait in a queue and never
 * overlap; a recall is simply announced again.
 */
export const VOICE_BASE = '/voice/vi/';

/** The clip names, in order, for one call. Digits are read one by one ("không một hai"). */
export function clipsFor(number: string, counter: number): string[] {
  const m = /^([A-Z]+)(\d+)$/.exec(number.toUpperCase());
  if (!m) return [];
  const letters = (m[1] as string).split('').map((l) => `letter-${l.toLowerCase()}`);
  const digits = (m[2] as string).split('').map((d) => `digit-${d}`);
  const counterDigits = String(Math.max(0, Math.trunc(counter)))
    .split('')
    .map((d) => `digit-${d}`);
  return ['chime', 'moi', ...letters, ...digits, 'den-quay', ...counterDigits];
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

export class Announcer {
  private readonly pending: { number: string; counter: number }[] = [];
  private running = false;
  /** Set when the browser refused to play without a user gesture (autoplay policy). */
  blocked = false;

  constructor(
    private readonly play: PlayClip = playWithAudioElement,
    private readonly base: string = VOICE_BASE,
    private readonly onBlocked: (blocked: boolean) => void = () => {},
  ) {}

  announce(number: string, counter: number): void {
    this.pending.push({ number, counter });
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
        for (const clip of clipsFor(next.number, next.counter)) {
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
            break;
          }
        }
      }
    } finally {
      this.running = false;
    }
  }
}
