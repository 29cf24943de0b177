/**
 * The bridge: one function per contract operation this window may call, plus a live-event
 * subscription. Never exposes ipcRenderer itself (Electron security checklist).
 *
 * The main process tells each window which one it is through webPreferences.additionalArguments
 * (`--motcua-window=kiosk`); a public window (kiosk, lobby board) gets only the public
 * operations, and a preload that finds no valid flag acts as a public window. The main process
 * refuses the other operations from those windows anyway (src/main/ipc.ts): the preload is a
 * convenience, not the defence.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_PREFIX } from '../shared/contract';
import type { AppEvent, OpName } from '../shared/contract';
import { operationsForWindow, windowKindFromArgv } from '../main/windowAccess';

export interface IpcPayload {
  input?: unknown;
  token?: string | null;
  lang?: 'vi' | 'en';
}

export function buildBridge(
  invoke: (channel: string, payload: IpcPayload) => Promise<unknown>,
  operations: readonly OpName[],
) {
  const ops: Record<string, (payload: IpcPayload) => Promise<unknown>> = {};
  for (const name of operations) {
    ops[name] = (payload: IpcPayload) => invoke(IPC_PREFIX + name, payload);
  }
  return Object.freeze(ops);
}

const windowKind = windowKindFromArgv(process.argv) ?? 'kiosk';

export const bridge = {
  ops: buildBridge(
    (channel, payload) => ipcRenderer.invoke(channel, payload),
    operationsForWindow(windowKind),
  ),
  onEvent(listener: (event: AppEvent) => void): () => void {
    const wrapped = (_e: IpcRendererEvent, event: AppEvent) => listener(event);
    ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped);
  },
};

contextBridge.exposeInMainWorld('motcua', bridge);
