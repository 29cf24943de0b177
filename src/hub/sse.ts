import type http from 'node:http';
import type { EventBus } from '../core/events/eventBus';

const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events: every bus event as one unnamed message whose JSON data carries its
 * `type`, so a client needs one `onmessage` handler; a heartbeat comment keeps proxies open.
 */
export function openEventStream(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  bus: EventBus,
): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  res.write(`data: ${JSON.stringify({ type: 'hello', at: new Date().toISOString() })}\n\n`);
  const unsubscribe = bus.subscribe((event) => {
    res.write(`data: ${JSON.stringify(event)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  req.on('close', stop);
  res.on('error', stop);
}
