import type { AppEvent } from '../../shared/contract';

export type EventListener = (event: AppEvent) => void;

/**
 * Live updates for screens (new ticket, call, dossier change). Publish only AFTER the
 * database commit, and never put personal data in an event: displays and kiosks see them.
 */
export class EventBus {
  private listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(type: string, data?: Record<string, unknown>, at: Date = new Date()): void {
    const event: AppEvent = { type, at: at.toISOString(), ...(data ? { data } : {}) };
    for (const listener of this.listeners) {
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
