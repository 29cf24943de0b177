import { VOICE_BASE } from '../queue/announcer';

/**
 * Reads a screen aloud with the bundled clips (/voice/vi/*.wav): one request replaces the
 * one being read (a second tap on "Đọc to" starts again instead of talking over itself).
 */
export class ScreenReader {
  private run = 0;
  private audio: HTMLAudioElement | null = null;

  constructor(private readonly onSpeaking: (speaking: boolean) => void = () => {}) {}

  async read(clips: readonly string[]): Promise<void> {
    this.stop();
    const run = ++this.run;
    this.onSpeaking(true);
    try {
      for (const clip of clips) {
        if (run !== this.run) return;
        await this.play(`${VOICE_BASE}${clip}.wav`);
      }
    } finally {
      if (run === this.run) this.onSpeaking(false);
    }
  }

  stop(): void {
    this.run++;
    if (this.audio) {
      this.audio.pause();
      this.audio = null;
    }
    this.onSpeaking(false);
  }

  private play(url: string): Promise<void> {
    return new Promise<void>((resolve) => {
      const audio = new Audio(url);
      this.audio = audio;
      const done = () => {
        if (this.audio === audio) this.audio = null;
        resolve();
      };
      audio.onended = done;
      audio.onerror = done;
      audio.onpause = done;
      // Autoplay refused or no audio device: go on silently, never block the kiosk.
      audio.play().catch(done);
    });
  }
}
