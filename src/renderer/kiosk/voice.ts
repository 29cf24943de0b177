import { VOICE_BASE } from '../queue/announcer';
import { pickVietnameseVoice, planReadout, type ReadPart } from './speech';

/** The browser's speech synthesis, when there is one (absent in some kiosk browsers). */
function synthesis(): SpeechSynthesis | null {
  return typeof window !== 'undefined' && 'speechSynthesis' in window
    ? window.speechSynthesis
    : null;
}

/**
 * Reads a screen aloud: fixed sentences with the bundled clips (/voice/vi/*.wav), text an
 * administrator typed (service names) with the browser's speech synthesis and a Vietnamese
 * voice (src/renderer/kiosk/speech.ts). One request replaces the one being read (a second tap
 * on "Đọc to" starts again instead of talking over itself). `onUnavailable` is told when
 * some text could not be read because the machine has no Vietnamese voice.
 */
export class ScreenReader {
  private run = 0;
  private audio: HTMLAudioElement | null = null;

  constructor(
    private readonly onSpeaking: (speaking: boolean) => void = () => {},
    private readonly onUnavailable: (unavailable: boolean) => void = () => {},
  ) {}

  async read(parts: readonly ReadPart[]): Promise<void> {
    this.stop();
    const run = ++this.run;
    const voice = pickVietnameseVoice(synthesis()?.getVoices() ?? []);
    const steps = planReadout(parts, voice !== null);
    this.onUnavailable(steps.some((s) => s.kind === 'unavailable'));
    this.onSpeaking(true);
    try {
      for (const step of steps) {
        if (run !== this.run) return;
        if (step.kind === 'clip') await this.play(`${VOICE_BASE}${step.clip}.wav`);
        else if (step.kind === 'speech' && voice) await this.speak(step.text, voice);
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
    synthesis()?.cancel();
    this.onSpeaking(false);
  }

  private speak(text: string, voice: SpeechSynthesisVoice): Promise<void> {
    const s = synthesis();
    if (!s) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const u = new SpeechSynthesisUtterance(text);
      u.voice = voice;
      u.lang = voice.lang;
      u.rate = 0.9;
      u.onend = () => resolve();
      u.onerror = () => resolve();
      s.speak(u);
    });
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
