import { EVENTS_PATH, appEventSchema, type AppEvent } from '../../shared/contract';

export type ConnectionState = 'connecting' | 'online' | 'offline' | 'ipc';

/**
 * Subscribe to live events: IPC in Electron, server-sent events over HTTP. The connection
 * state drives the "connected / offline" indicator; EventSource reconnects by itself.
 */
export function subscribeEvents(
  onEvent: (event: AppEvent) => void,
  onState: (state: ConnectionState) => void,
): () => void {
  if (window.motcua) {
    onState('ipc');
    return window.motcua.onEvent(onEvent);
  }
  onState('connecting');
  const source = new EventSource(EVENTS_PATH);
  source.onopen = () => onState('online');
  source.onerror = () => onState('offline');
  source.onmessage = (e: MessageEvent<string>) => {
    try {
      // Only the contract's events, with their payloads, reach the screens' handlers.
      const event = appEventSchema.safeParse(JSON.parse(e.data));
      if (event.success) onEvent(event.data);
    } catch {
      /* ignore a malformed frame */
    }
  };
  return () => source.close();
}
