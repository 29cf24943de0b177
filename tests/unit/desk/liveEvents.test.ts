// The renderer's live-event subscription (src/renderer/api/events.ts): EventSource retries a
// dropped connection by itself, but a stream it closed for good (a refused attempt) is made
// again with a growing pause; the app's listeners keep one `add` for its whole life, so a
// screen's subscription survives connection state changes (docs/renderer.md, "Live events").
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createEventListeners,
  subscribeEvents,
  type ConnectionState,
} from '../../../src/renderer/api/events';
import { APP_EVENTS, EVENTS_PATH, type AppEvent } from '../../../src/shared/contract';

const at = '2026-03-04T02:00:00.000Z';

/** Just what subscribeEvents uses of the browser's EventSource; each instance is recorded. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static made: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  closed = false;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  constructor(readonly url: string) {
    FakeEventSource.made.push(this);
  }
  close() {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }
  open() {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }
  /** A dropped connection the browser will retry by itself. */
  drop() {
    this.readyState = FakeEventSource.CONNECTING;
    this.onerror?.();
  }
  /** An attempt answered with something else than a 200 event stream: the browser gives up. */
  refuse() {
    this.readyState = FakeEventSource.CLOSED;
    this.onerror?.();
  }
  send(data: string) {
    this.onmessage?.({ data });
  }
}

const latest = () => {
  const source = FakeEventSource.made.at(-1);
  if (!source) throw new Error('no EventSource made');
  return source;
};

function subscribe(retry = { firstMs: 1000, maxMs: 4000 }) {
  const events: AppEvent[] = [];
  const states: ConnectionState[] = [];
  const stop = subscribeEvents(
    (e) => events.push(e),
    (s) => states.push(s),
    retry,
  );
  return { events, states, stop };
}

describe('live events over HTTP', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.made = [];
    vi.stubGlobal('window', {});
    vi.stubGlobal('EventSource', FakeEventSource);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('opens one stream on the events path and hands on only the contract’s events', () => {
    const { events, states } = subscribe();
    expect(FakeEventSource.made.map((s) => s.url)).toEqual([EVENTS_PATH]);
    latest().open();
    latest().send(JSON.stringify({ type: APP_EVENTS.hello, at }));
    latest().send('{not json');
    latest().send(JSON.stringify({ type: 'no.such.event', at }));
    expect(events).toEqual([{ type: APP_EVENTS.hello, at }]);
    expect(states).toEqual(['connecting', 'online']);
  });

  it('leaves a dropped connection to the browser’s own retry', () => {
    const { states } = subscribe();
    latest().open();
    latest().drop();
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.made).toHaveLength(1);
    latest().open(); // the browser's retry got through
    expect(states).toEqual(['connecting', 'online', 'offline', 'online']);
  });

  it('makes a new stream after a refusal, pausing longer after each one, and hears its hello', () => {
    const { events, states } = subscribe();
    const first = latest();
    first.refuse();
    expect(first.closed).toBe(true);
    vi.advanceTimersByTime(999);
    expect(FakeEventSource.made).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeEventSource.made).toHaveLength(2);

    latest().refuse(); // then 2 s
    vi.advanceTimersByTime(1999);
    expect(FakeEventSource.made).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeEventSource.made).toHaveLength(3);

    latest().refuse(); // then 4 s, the maximum
    vi.advanceTimersByTime(4000);
    latest().refuse();
    vi.advanceTimersByTime(3999);
    expect(FakeEventSource.made).toHaveLength(4);
    vi.advanceTimersByTime(1);
    expect(FakeEventSource.made).toHaveLength(5);

    latest().open();
    latest().send(JSON.stringify({ type: APP_EVENTS.hello, at }));
    expect(events).toEqual([{ type: APP_EVENTS.hello, at }]);
    expect(states.at(-1)).toBe('online');

    latest().refuse(); // an open stream resets the pause
    vi.advanceTimersByTime(1000);
    expect(FakeEventSource.made).toHaveLength(6);
  });

  it('stops: the stream is closed and a pending new stream is never made', () => {
    const { stop } = subscribe();
    latest().refuse();
    stop();
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.made).toHaveLength(1);

    const again = subscribe();
    const open = latest();
    open.open();
    again.stop();
    expect(open.closed).toBe(true);
    open.onerror?.(); // a late error after closing makes nothing
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.made).toHaveLength(2);
  });
});

describe('live events in Electron', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('come through the IPC bridge, never an EventSource', () => {
    const off = vi.fn();
    let forward: ((e: AppEvent) => void) | null = null;
    vi.stubGlobal('window', {
      motcua: {
        onEvent: (listener: (e: AppEvent) => void) => {
          forward = listener;
          return off;
        },
      },
    });
    const made = vi.fn();
    vi.stubGlobal('EventSource', made);
    const { events, states, stop } = subscribe();
    forward!({ type: APP_EVENTS.hello, at });
    stop();
    expect(events).toEqual([{ type: APP_EVENTS.hello, at }]);
    expect(states).toEqual(['ipc']);
    expect(made).not.toHaveBeenCalled();
    expect(off).toHaveBeenCalledOnce();
  });
});

describe('the app’s event listeners', () => {
  it('hand every event to every listener until it unsubscribes, with one `add` throughout', () => {
    const listeners = createEventListeners();
    const { add } = listeners;
    const a: string[] = [];
    const b: string[] = [];
    const c: string[] = [];
    const offA = add((e) => a.push(e.type));
    // A listener that unsubscribes while the event is handed out does not skip the next one.
    const offB = add((e) => {
      b.push(e.type);
      offB();
    });
    add((e) => c.push(e.type));
    listeners.emit({ type: APP_EVENTS.hello, at });
    listeners.emit({ type: APP_EVENTS.hello, at: '2026-03-04T02:00:05.000Z' });
    offA();
    listeners.emit({ type: APP_EVENTS.hello, at });
    expect(a).toHaveLength(2);
    expect(b).toHaveLength(1);
    expect(c).toHaveLength(3);
    expect(listeners.add).toBe(add);
  });
});
