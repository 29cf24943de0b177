/**
 * Fixed-window rate limiter per (bucket, client). Public operations are reachable by anyone
 * on the office LAN (dossier codes are guessable), so they are limited per client.
 */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly windowMs = 60_000) {}

  /** Returns true when the call is allowed (and counts it). */
  take(bucket: string, client: string, limit: number, now: number = Date.now()): boolean {
    const key = `${bucket}\u0000${client}`;
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      if (this.windows.size > 10_000) this.prune(now);
      return true;
    }
    if (w.count >= limit) return false;
    w.count += 1;
    return true;
  }

  private prune(now: number): void {
    for (const [key, w] of this.windows) {
      if (now - w.start >= this.windowMs) this.windows.delete(key);
    }
  }
}
