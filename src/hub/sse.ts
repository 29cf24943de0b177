import type http from 'node:http';
import type { EventBus } from '../core/events/eventBus';
import { APP_EVENTS } from '../shared/contract';

const HEARTBEAT_MS = 15_000;

/**
 * Caps on the long-lived event streams (docs/security.md, "The HTTP edge"): a board, a kiosk
 * and a counter screen each hold one, so 20 per client address leaves room for a machine with
 * several windows; 500 in all covers a large centre. A stream whose client stops reading is
 * closed once this much output waits for it, so a stalled reader cannot grow the hub's memory.
 */
export interface StreamLimits {
  perClient: number;
  total: number;
}
export const DEFAULT_STREAM_LIMITS: StreamLimits = { perClient: 20, total: 500 };
export const MAX_UNREAD_BYTES = 256 * 1024;

export type StreamRefusal = 'TOO_MANY_STREAMS' | 'SERVER_BUSY';

export interface EventStreams {
  /**
   * Open a stream for `clientKey`, or say why not (the caller answers 429 / 503). Every bus
   * event is one unnamed message whose JSON data carries its `type`, so a client needs one
   * `onmessage` handler; a heartbeat comment keeps proxies open.
   */
  open(res: http.ServerResponse, clientKey: string): StreamRefusal | null;
  /** Streams open now (all clients). */
  readonly count: number;
}

export function createEventStreams(
  bus: EventBus,
  limits: StreamLimits = DEFAULT_STREAM_LIMITS,
): EventStreams {
  const perClient = new Map<string, number>();
  let total = 0;

  function open(res: http.ServerResponse, clientKey: string): StreamRefusal | null {
    const mine = perClient.get(clientKey) ?? 0;
    if (mine >= limits.perClient) return 'TOO_MANY_STREAMS';
    if (total >= limits.total) return 'SERVER_BUSY';
    perClient.set(clientKey, mine + 1);
    total++;

    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const write = (text: string) => {
      if (res.writableLength > MAX_UNREAD_BYTES) res.destroy();
      else res.write(text);
    };
    write('retry: 2000\n\n');
    write(`data: ${JSON.stringify({ type: APP_EVENTS.hello, at: new Date().toISOString() })}\n\n`);
    const unsubscribe = bus.subscribe((event) => write(`data: ${JSON.stringify(event)}\n\n`));
    const heartbeat = setInterval(() => write(': ping\n\n'), HEARTBEAT_MS);
    let closed = false;
    const stop = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      total--;
      const left = (perClient.get(clientKey) ?? 1) - 1;
      if (left > 0) perClient.set(clientKey, left);
      else perClient.delete(clientKey);
    };
    // The response never finishes by itself: 'close' is the connection going away.
    res.on('close', stop);
    res.on('error', stop);
    return null;
  }

  return {
    open,
    get count() {
      return total;
    },
  };
}
