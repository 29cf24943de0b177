import type { AppEvent } from '../../shared/contract';

export type EventListener = (event: AppEvent) => void;

/**
 * Live updates for screens (new ticket, call, dossier change). Publish only AFTER the
 * database commit, and never put personal data in an event: displays and kiosks see them.
 *
 * The screens' stream (SSE, the Electron windows) is public: anyone on the LAN can read it.
 * An event that names something a stranger could act on (a ticket id names the rating of
 * that ticket) is published `internal`: only core subscribers that asked for internal
 * events receive it, never a screen (docs/security.md, "Devices").
 */
export class EventBus {
  private listeners = new Map<EventListener, boolean>();

  /** `internal: true`: receive internal events too (core services only, never a screen). */
  subscribe(listener: EventListener, opts: { internal?: boolean } = {}): () => void {
    this.listeners.set(listener, opts.internal === true);
    return () => this.listeners.delete(listener);
  }

  publish(
    type: string,
    data?: Record<string, unknown>,
    at: Date = new Date(),
    opts: { internal?: boolean } = {},
  ): void {
    const event: AppEvent = { type, at: at.toISOString(), ...(data ? { data } : {}) };
    for (const [listener, internal] of this.listeners) {
      if (opts.internal && !internal) continue;
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
