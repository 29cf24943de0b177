import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Announcer, clipsFor, numberClips, sayingFor } from '../../../src/renderer/queue/announcer';

const VOICE_DIR = path.resolve(__dirname, '../../../resources/voice/vi');

/** Clip names → the words they say (scripts/build-voice.mjs), to read the table below. */
const WORDS: Record<string, string> = {
  moi: 'Mời công dân có số thứ tự',
  'den-quay': 'đến quầy số',
  'num-muoi': 'mười',
  'num-muoi-tens': 'mươi',
  'num-mot': 'mốt',
  'num-tu': 'tư',
  'num-lam': 'lăm',
  'num-linh': 'linh',
  'num-tram': 'trăm',
  'num-nghin': 'nghìn',
  'letter-a': 'A',
  'letter-b': 'B',
  'letter-d': 'D',
  'letter-dd': 'Đ',
  'letter-g': 'G',
};
['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'].forEach(
  (w, d) => (WORDS[`digit-${d}`] = w),
);
const words = (clips: string[]) => clips.map((c) => WORDS[c] ?? `?${c}`).join(' ');

describe('voice call clips', () => {
  // Before: digits one by one — "A015" was "a không một năm", counter 10 "một không".
  it.each([
    ['A015', 2, 'Mời công dân có số thứ tự A mười lăm đến quầy số hai'],
    ['A001', 1, 'Mời công dân có số thứ tự A một đến quầy số một'],
    ['B010', 10, 'Mời công dân có số thứ tự B mười đến quầy số mười'],
    ['A011', 11, 'Mời công dân có số thứ tự A mười một đến quầy số mười một'],
    ['A014', 3, 'Mời công dân có số thứ tự A mười bốn đến quầy số ba'],
    ['A021', 4, 'Mời công dân có số thứ tự A hai mươi mốt đến quầy số bốn'],
    ['A024', 5, 'Mời công dân có số thứ tự A hai mươi tư đến quầy số năm'],
    ['A025', 15, 'Mời công dân có số thứ tự A hai mươi lăm đến quầy số mười lăm'],
    ['D100', 6, 'Mời công dân có số thứ tự D một trăm đến quầy số sáu'],
    ['G105', 7, 'Mời công dân có số thứ tự G một trăm linh năm đến quầy số bảy'],
    ['AB110', 8, 'Mời công dân có số thứ tự A B một trăm mười đến quầy số tám'],
    ['A999', 9, 'Mời công dân có số thứ tự A chín trăm chín mươi chín đến quầy số chín'],
    ['A1000', 20, 'Mời công dân có số thứ tự A một nghìn đến quầy số hai mươi'],
    [
      'A1005',
      21,
      'Mời công dân có số thứ tự A một nghìn không trăm linh năm đến quầy số hai mươi mốt',
    ],
    ['B2015', 1, 'Mời công dân có số thứ tự B hai nghìn không trăm mười lăm đến quầy số một'],
    ['A000', 1, 'Mời công dân có số thứ tự A không đến quầy số một'],
    ['Đ012', 3, 'Mời công dân có số thứ tự Đ mười hai đến quầy số ba'],
  ])('%s at counter %i → "%s"', (number, counter, said) => {
    expect(words(sayingFor(number, counter))).toBe(said);
    expect(clipsFor(number, counter)).toEqual(['chime', ...sayingFor(number, counter)]);
  });

  it('reads the exact clip names for "A015" at counter 10', () => {
    expect(clipsFor('A015', 10)).toEqual([
      'chime',
      'moi',
      'letter-a',
      'num-muoi',
      'num-lam',
      'den-quay',
      'num-muoi',
    ]);
    expect(numberClips(10)).toEqual(['num-muoi']);
    expect(clipsFor('not a number', 1)).toEqual([]);
  });

  it('every clip a call can need is bundled as a WAV, and no two letters sound the same', () => {
    const needed = new Set(['chime', 'moi', 'den-quay', 'letter-dd']);
    for (let d = 0; d <= 9; d++) needed.add(`digit-${d}`);
    for (const l of 'abcdefghijklmnopqrstuvwxyz') needed.add(`letter-${l}`);
    for (let n = 0; n <= 9999; n += 1) for (const c of numberClips(n)) needed.add(c);
    for (const clip of needed) {
      const file = path.join(VOICE_DIR, `${clip}.wav`);
      expect(fs.existsSync(file), clip).toBe(true);
      expect(fs.readFileSync(file).subarray(0, 4).toString('latin1')).toBe('RIFF');
    }
    // Before: letter-d.wav and letter-g.wav were byte-identical, letter-j.wav near silent.
    const letters = [...needed].filter((c) => c.startsWith('letter-'));
    const seen = new Map<string, string>();
    for (const clip of letters) {
      const wav = fs.readFileSync(path.join(VOICE_DIR, `${clip}.wav`));
      const key = wav.toString('base64');
      expect(seen.get(key), `${clip} is identical to ${seen.get(key)}`).toBeUndefined();
      seen.set(key, clip);
      expect(peak(wav), `${clip} is near silent`).toBeGreaterThan(8000);
      expect(durationSeconds(wav), `${clip} is too short to hear`).toBeGreaterThan(0.2);
      expect(loudSeconds(wav), `${clip} has too little voice`).toBeGreaterThan(0.03);
    }
  });
});

function dataOf(wav: Buffer): Buffer {
  return wav.subarray(wav.indexOf('data') + 8);
}
function peak(wav: Buffer): number {
  const d = dataOf(wav);
  let max = 0;
  for (let i = 0; i + 1 < d.length; i += 2) max = Math.max(max, Math.abs(d.readInt16LE(i)));
  return max;
}
/** Time spent above 10 % of full scale: the voiced part (old letter-j.wav: 0.002 s). */
function loudSeconds(wav: Buffer): number {
  const d = dataOf(wav);
  let n = 0;
  for (let i = 0; i + 1 < d.length; i += 2) if (Math.abs(d.readInt16LE(i)) > 3000) n++;
  return n / wav.readUInt32LE(24);
}
function durationSeconds(wav: Buffer): number {
  return dataOf(wav).length / wav.readUInt32LE(28);
}

/** A scripted player and clock: each clip "plays" until the test releases it. */
function harness(voice = { repeat: 1, pauseMs: 0 }) {
  let now = 0;
  let playing = 0;
  let maxPlaying = 0;
  const played: string[] = [];
  const waits: number[] = [];
  const releases: (() => void)[] = [];
  const announcer = new Announcer({
    now: () => now,
    voice,
    wait: (ms) => {
      waits.push(ms);
      played.push(`pause`);
      return Promise.resolve();
    },
    play: (url) =>
      new Promise<void>((resolve) => {
        playing += 1;
        maxPlaying = Math.max(maxPlaying, playing);
        played.push(url.replace('/voice/vi/', '').replace('.wav', ''));
        releases.push(() => {
          playing -= 1;
          resolve();
        });
      }),
  });
  const flush = () => new Promise((r) => setTimeout(r, 0));
  /** Let clips finish one by one, `ms` passing during each, until nothing is queued. */
  const runAll = async (ms = 0) => {
    await flush();
    while (releases.length || announcer.queued) {
      now += ms;
      releases.shift()?.();
      await flush();
    }
  };
  return {
    announcer,
    played,
    waits,
    runAll,
    flush,
    maxPlaying: () => maxPlaying,
    advance: (ms: number) => (now += ms),
  };
}

const calls = (played: string[]) =>
  played
    .join(' ')
    .split('chime ')
    .filter(Boolean)
    .map((s) => s.trim());

describe('announcer', () => {
  it('queues announcements and never plays two clips at once', async () => {
    const h = harness();
    h.announcer.announce('A001', 1);
    h.announcer.announce('B002', 2);
    expect(h.announcer.queued).toBe(2);
    await h.runAll();
    expect(h.maxPlaying()).toBe(1);
    expect(calls(h.played)).toEqual([
      'moi letter-a digit-1 den-quay digit-1',
      'moi letter-b digit-2 den-quay digit-2',
    ]);
  });

  // Before: each call was said once.
  it('says each call the configured number of times with the configured pause', async () => {
    const h = harness({ repeat: 2, pauseMs: 1500 });
    h.announcer.announce('A015', 2);
    await h.runAll();
    expect(h.played.join(' ')).toBe(
      'chime moi letter-a num-muoi num-lam den-quay digit-2 pause moi letter-a num-muoi num-lam den-quay digit-2',
    );
    expect(h.waits).toEqual([1500]);
    h.announcer.configure({ repeat: 1, pauseMs: 0 });
    h.played.length = 0;
    h.announcer.announce('A016', 2);
    await h.runAll();
    expect(h.played.join(' ')).toBe('chime moi letter-a num-muoi digit-6 den-quay digit-2');
  });

  // Before: a recall was queued again behind the first call, and both were said.
  it('a recall replaces the queued call; a new call at the same counter replaces its queued one', async () => {
    const h = harness();
    h.announcer.announce('A001', 1); // being said
    h.announcer.announce('B002', 2); // waiting
    h.announcer.announce('C003', 3); // waiting
    h.announcer.announce('B002', 2); // recall: replaces the waiting B002
    h.announcer.announce('C004', 3); // counter 3 moved on: replaces C003
    expect(h.announcer.queued).toBe(3);
    await h.runAll();
    expect(calls(h.played)).toEqual([
      'moi letter-a digit-1 den-quay digit-1',
      'moi letter-b digit-2 den-quay digit-2',
      'moi letter-c digit-4 den-quay digit-3',
    ]);
  });

  // Before: queued calls were spoken up to 20 s late.
  it('drops a call older than 10 s when its turn comes', async () => {
    const h = harness();
    h.announcer.announce('A001', 1);
    h.announcer.announce('B002', 2);
    h.announcer.announce('C003', 3);
    // Each clip of the first call takes 2 s: 6 clips → 12 s, B002 and C003 are stale.
    await h.runAll(2000);
    expect(calls(h.played)).toEqual(['moi letter-a digit-1 den-quay digit-1']);
    h.announcer.announce('D004', 4);
    await h.runAll(0);
    expect(calls(h.played)).toHaveLength(2);
  });

  it('reports a blocked autoplay and recovers on the next call that plays', async () => {
    const states: boolean[] = [];
    let allow = false;
    const a = new Announcer({
      play: () => (allow ? Promise.resolve() : Promise.reject(new Error('NotAllowedError'))),
      onBlocked: (b) => states.push(b),
      voice: { repeat: 1, pauseMs: 0 },
    });
    a.announce('A001', 1);
    await new Promise((r) => setTimeout(r, 0));
    expect(a.blocked).toBe(true);
    allow = true;
    a.announce('A002', 1);
    await new Promise((r) => setTimeout(r, 0));
    expect(a.blocked).toBe(false);
    expect(states).toEqual([true, false]);
  });

  it('the probe answers false when the browser refuses', async () => {
    expect(await new Announcer({ probe: () => Promise.reject(new Error('x')) }).probe()).toBe(
      false,
    );
    expect(await new Announcer({ probe: () => Promise.resolve(true) }).probe()).toBe(true);
  });
});
