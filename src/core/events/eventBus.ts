import {
  APP_EVENTS,
  INTERNAL_APP_EVENTS,
  appEventPayloadSchemas,
  isAppEventType,
  type AppEvent,
  type AppEventData,
  type AppEventType,
} from '../../shared/contract';

export type EventListener = (event: AppEvent) => void;

/** The arguments after the name: the payload (none for bare events), then the time. */
export type PublishArgs<T extends AppEventType> =
  undefined extends AppEventData<T>
    ? [data?: undefined, at?: Date]
    : [data: AppEventData<T>, at?: Date];

/**
 * Live updates for screens (new ticket, call, dossier change). Publish only AFTER the
 * database commit, and never put personal data in an event: displays and kiosks see them.
 *
 * Only the events of the contract's list (APP_EVENTS in src/shared/contract/events.ts) are
 * accepted, each with its payload schema: the compiler refuses any other name or shape, and
 * the bus checks again at run time (a cast or plain JavaScript cannot slip one through).
 *
 * The screens' stream (SSE, the Electron windows) is public: anyone on the LAN can read it.
 * An event that names something a stranger could act on (a ticket id names the rating of
 * that ticket) is internal (INTERNAL_APP_EVENTS): only core subscribers that asked for
 * internal events receive it, never a screen (docs/security.md, "Devices").
 */
export class EventBus {
  private listeners = new Map<EventListener, boolean>();

  /** `internal: true`: receive internal events too (core services only, never a screen). */
  subscribe(listener: EventListener, opts: { internal?: boolean } = {}): () => void {
    this.listeners.set(listener, opts.internal === true);
    return () => this.listeners.delete(listener);
  }

  /**
   * Announce an event. Throws a TypeError for a name outside the list or a payload that does
   * not match its schema: a programming error, caught by the tests, never by a user.
   */
  publish<T extends AppEventType>(type: T, ...args: PublishArgs<T>): void {
    const [data, at = new Date()] = args as [unknown, Date | undefined];
    if (!isAppEventType(type) || type === APP_EVENTS.hello) {
      throw new TypeError(`EventBus: unknown event "${String(type)}"`);
    }
    const parsed = appEventPayloadSchemas[type].safeParse(data);
    if (!parsed.success) {
      throw new TypeError(`EventBus: bad payload for "${type}": ${parsed.error.message}`);
    }
    const event = {
      type,
      at: at.toISOString(),
      ...(parsed.data === undefined ? {} : { data: parsed.data }),
    } as AppEvent;
    const internalOnly = INTERNAL_APP_EVENTS.has(type);
    for (const [listener, internal] of this.listeners) {
      if (internalOnly && !internal) continue;
      try {
        listener(event);
      } catch {
        // A broken subscriber (e.g. a closed socket) must not stop the others.
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
