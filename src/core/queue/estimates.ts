/**
 * Estimated wait printed on a ticket (docs/queue.md, "Estimated wait"):
 *
 *   per-ticket minutes m = average service time (call → complete) of the service's tickets
 *                          completed today, when at least MIN_SAMPLES exist;
 *                          otherwise the service's configured typical service minutes (fallback)
 *   expected E = ahead × m / c, with c = open (not paused) counters serving the service, at least 1
 *   range = [floor(0.75 × E), ceil(1.25 × E)]; with nobody ahead [0, ceil(m / c)]
 *                          (a counter may still be busy with someone).
 */
export const MIN_SAMPLES = 3;

export interface EstimateInput {
  ahead: number;
  /** Service minutes of today's completed tickets of the service (call → complete). */
  todayServiceMinutes: readonly number[];
  fallbackMinutes: number;
  openCounters: number;
}

export function perTicketMinutes(samples: readonly number[], fallback: number): number {
  if (samples.length < MIN_SAMPLES) return fallback;
  return samples.reduce((s, x) => s + x, 0) / samples.length;
}

export function estimateWait(input: EstimateInput): [number, number] {
  const m = perTicketMinutes(input.todayServiceMinutes, input.fallbackMinutes);
  const c = Math.max(1, input.openCounters);
  if (input.ahead <= 0) return [0, Math.max(1, Math.ceil(m / c))];
  const e = (input.ahead * m) / c;
  const min = Math.floor(e * 0.75);
  return [min, Math.max(min, Math.ceil(e * 1.25))];
}
