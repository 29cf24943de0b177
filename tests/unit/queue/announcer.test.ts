import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Announcer, clipsFor } from '../../../src/renderer/queue/announcer';

const VOICE_DIR = path.resolve(__dirname, '../../../resources/voice/vi');

describe('voice call clips', () => {
  it('builds "chime · Mời công dân có số thứ tự · A · 0 1 2 · đến quầy số · 3"', () => {
    expect(clipsFor('A012', 3)).toEqual([
      'chime',
      'moi',
      'letter-a',
      'digit-0',
      'digit-1',
      'digit-2',
      'den-quay',
      'digit-3',
    ]);
    expect(clipsFor('B1000', 12).slice(2)).toEqual([
      'letter-b',
      'digit-1',
      'digit-0',
      'digit-0',
      'digit-0',
      'den-quay',
      'digit-1',
      'digit-2',
    ]);
    expect(clipsFor('not a number', 1)).toEqual([]);
  });

  it('every clip a call can need is bundled as a WAV', () => {
    const needed = new Set(['chime', 'moi', 'den-quay']);
    for (let d = 0; d <= 9; d++) needed.add(`digit-${d}`);
    for (const l of 'abcdefghijklmnopqrstuvwxyz') needed.add(`letter-${l}`);
    for (const clip of needed) {
      const file = path.join(VOICE_DIR, `${clip}.wav`);
      expect(fs.existsSync(file), clip).toBe(true);
      expect(fs.readFileSync(file).subarray(0, 4).toString('latin1')).toBe('RIFF');
    }
  });
});

describe('announcer', () => {
  it('queues announcements and never plays two clips at once; a recall is announced again', async () => {
    let playing = 0;
    let maxPlaying = 0;
    const played: string[] = [];
    const releases: (() => void)[] = [];
    const play = (url: string) =>
      new Promise<void>((resolve) => {
        playing += 1;
        maxPlaying = Math.max(maxPlaying, playing);
        played.push(url.replace('/voice/vi/', '').replace('.wav', ''));
        releases.push(() => {
          playing -= 1;
          resolve();
        });
      });
    const a = new Announcer(play);
    a.announce('A001', 1);
    a.announce('B002', 2);
    a.announce('A001', 1); // recall
    expect(a.queued).toBe(3);
    while (releases.length || a.queued) {
      await Promise.resolve();
      releases.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(maxPlaying).toBe(1);
    const calls = played
      .join(' ')
      .split('chime ')
      .filter(Boolean)
      .map((s) => s.trim());
    expect(calls).toEqual([
      'moi letter-a digit-0 digit-0 digit-1 den-quay digit-1',
      'moi letter-b digit-0 digit-0 digit-2 den-quay digit-2',
      'moi letter-a digit-0 digit-0 digit-1 den-quay digit-1',
    ]);
  });

  it('reports a blocked autoplay and recovers on the next call that plays', async () => {
    const states: boolean[] = [];
    let allow = false;
    const a = new Announcer(
      () => (allow ? Promise.resolve() : Promise.reject(new Error('NotAllowedError'))),
      '/voice/vi/',
      (b) => states.push(b),
    );
    a.announce('A001', 1);
    await new Promise((r) => setTimeout(r, 0));
    expect(a.blocked).toBe(true);
    allow = true;
    a.announce('A002', 1);
    await new Promise((r) => setTimeout(r, 0));
    expect(a.blocked).toBe(false);
    expect(states).toEqual([true, false]);
  });
});
