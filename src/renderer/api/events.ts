import { EVENTS_PATH, appEventSchema, type AppEvent } from '../../shared/contract';

export type ConnectionState = 'connecting' | 'online' | 'offline' | 'ipc';

type Listener = (event: AppEvent) => void;

/**
 * The app's live-event listeners. `add` is one function for the app's lifetime, so a screen's
 * effect that depends on it never unsubscribes and subscribes again by itself (a subscriber
 * re-created at a reconnection used to drop the `hello` it had just received).
 */
export interface EventListeners {
  readonly add: (listener: Listener) => () => void;
  readonly emit: (event: AppEvent) => void;
}

export function createEventListeners(): EventListeners {
  const listeners = new Set<Listener>();
  return {
    add: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit: (event) => {
      // A copy: a listener may unsubscribe (or subscribe another) while the event is handed out.
      for (const listener of [...listeners]) listener(event);
    },
  };
}

/**
 * A stream the browser gave up on is opened again after this pause, doubled at each failure
 * up to the maximum and reset once a stream opens (docs/renderer.md, "Live events").
 */
export const RECONNECT_FIRST_MS = 2_000;
export const RECONNECT_MAX_MS = 30_000;

/**
 * Subscribe to live events: IPC in Electron, server-sent events over HTTP. The connection
 * state drives the "connected / offline" indicator. EventSource retries a dropped connection
 * by itself (the hub asks for 2 s), but closes for good when an attempt is answered with
 * anything but a 200 event stream (a 429/503 refusal, a proxy's error page): then a new
 * EventSource is made, with a growing pause, so no screen stays deaf until it is reloaded.
 * Every (re)connection starts with the hub's `hello`, which refreshes every read.
 */
export function subscribeEvents(
  onEvent: Listener,
  onState: (state: ConnectionState) => void,
  retry: { firstMs: number; maxMs: number } = {
    firstMs: RECONNECT_FIRST_MS,
    maxMs: RECONNECT_MAX_MS,
  },
): () => void {
  if (window.motcua) {
    onState('ipc');
    return window.motcua.onEvent(onEvent);
  }
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pause = retry.firstMs;
  let stopped = false;

  const connect = () => {
    timer = null;
    const current = new EventSource(EVENTS_PATH);
    source = current;
    current.onopen = () => {
      pause = retry.firstMs;
      onState('online');
    };
    current.onerror = () => {
      onState('offline');
      if (stopped || current.readyState !== EventSource.CLOSED || timer !== null) return;
      current.close();
      timer = setTimeout(connect, pause);
      pause = Math.min(pause * 2, retry.maxMs);
    };
    current.onmessage = (e: MessageEvent<string>) => {
      try {
        // Only the contract's events, with their payloads, reach the screens' handlers.
        const event = appEventSchema.safeParse(JSON.parse(e.data));
        if (event.success) onEvent(event.data);
      } catch {
        /* ignore a malformed frame */
      }
    };
  };

  onState('connecting');
  connect();
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    source?.close();
  };
}
