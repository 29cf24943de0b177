/**
 * ULIDs: 26-character, time-sortable, created where the record is created so that events
 * can be synced and replayed idempotently (docs/sync.md). Monotonic within one process.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Web Crypto exists in the browser and in Node alike; src/shared is compiled with neither
 * the DOM nor the Node types, so it names only the one function it uses.
 */
interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}
const randomSource = (globalThis as unknown as { crypto: RandomSource }).crypto;

let lastTime = -1;
let lastRandom: number[] = [];

function randomDigits(): number[] {
  const bytes = new Uint8Array(16);
  randomSource.getRandomValues(bytes);
  return Array.from(bytes, (b) => b % 32);
}

function incrementDigits(digits: number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i--) {
    const d = next[i] ?? 0;
    if (d < 31) {
      next[i] = d + 1;
      return next;
    }
    next[i] = 0;
  }
  return randomDigits(); // overflow: practically impossible (2^80 ids in one ms)
}

export function ulid(now: number = Date.now()): string {
  let random: number[];
  if (now <= lastTime) {
    random = incrementDigits(lastRandom);
    now = lastTime;
  } else {
    random = randomDigits();
  }
  lastTime = now;
  lastRandom = random;
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time + random.map((d) => ALPHABET[d]).join('');
}

export const ULID_RE = /^[0-9A-HJKMNP-TV-Z]{26}$/;
