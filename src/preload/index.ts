/**
 * The bridge: exactly one function per contract operation, plus a live-event subscription.
 * Never exposes ipcRenderer itself (Electron security checklist).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_PREFIX, operationNames } from '../shared/contract';
import type { AppEvent } from '../shared/contract';

export interface IpcPayload {
  input?: unknown;
  token?: string | null;
  lang?: 'vi' | 'en';
}

export function buildBridge(invoke: (channel: string, payload: IpcPayload) => Promise<unknown>) {
  const ops: Record<string, (payload: IpcPayload) => Promise<unknown>> = {};
  for (const name of operationNames) {
    ops[name] = (payload: IpcPayload) => invoke(IPC_PREFIX + name, payload);
  }
  return Object.freeze(ops);
}

export const bridge = {
  ops: buildBridge((channel, payload) => ipcRenderer.invoke(channel, payload)),
  onEvent(listener: (event: AppEvent) => void): () => void {
    const wrapped = (_e: IpcRendererEvent, event: AppEvent) => listener(event);
    ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped);
  },
};

contextBridge.exposeInMainWorld('motcua', bridge);
