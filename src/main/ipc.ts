import type { IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import type { DeviceIdentity } from '../core/devices/deviceService';
import type { CallerInfo, Dispatcher, DispatchResult } from '../core/dispatch';
import { errorResult } from '../core/dispatch';
import { IPC_PREFIX, operationNames } from '../shared/contract';
import { DEFAULT_LANG, LANGS, type Lang } from '../shared/i18n';
import { windowMayCall, type WindowKind } from './windowAccess';

/** What the preload sends for every call. */
export const ipcPayloadSchema = z
  .object({
    input: z.unknown().optional(),
    token: z.string().max(200).nullable().optional(),
    lang: z.enum(LANGS as [Lang, ...Lang[]]).optional(),
  })
  .strict();
export type IpcPayload = z.infer<typeof ipcPayloadSchema>;

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

/** Who may call: the sending frame must be our own page, the sending webContents one of our windows. */
export interface IpcSenderPolicy {
  isTrustedSender(frameUrl: string): boolean;
  /** The window a webContents belongs to (WindowRegistry.kindOf); undefined = not ours. */
  windowKindOf(sender: { id: number } | null | undefined): WindowKind | undefined;
}

/**
 * The desktop app's own kiosk window counts as a paired kiosk (docs/security.md, "Devices"):
 * the main process knows which window sent a call, so it needs no device token.
 */
export const ELECTRON_KIOSK: DeviceIdentity = {
  id: 'electron-kiosk',
  name: 'Kiosk (Electron)',
  kind: 'kiosk',
};

/** The one place where the caller of an IPC call is described to the dispatcher. */
export function ipcCallerInfo(window: WindowKind, envelope: IpcPayload): CallerInfo {
  return {
    token: envelope.token ?? null,
    deviceToken: null, // never from the envelope: a window is a device by what it is
    ...(window === 'kiosk' ? { device: ELECTRON_KIOSK } : {}),
    clientKey: 'ipc',
    via: 'ipc',
    lang: envelope.lang ?? DEFAULT_LANG,
  };
}

/**
 * One IPC handler per contract operation, derived from the contract. The main process
 * distrusts the renderer: it checks the sending frame and window, refuses operations that
 * window may not call (a public window: only public ones, whatever its preload exposes —
 * src/main/windowAccess.ts), validates the envelope, and the dispatcher validates the input.
 * Results (including errors) are plain values.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  dispatcher: Dispatcher,
  policy: IpcSenderPolicy,
): () => void {
  const channels = operationNames.map((name) => IPC_PREFIX + name);
  operationNames.forEach((name, i) => {
    ipcMain.handle(channels[i] as string, async (event, payload): Promise<DispatchResult> => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (!policy.isTrustedSender(frameUrl)) return errorResult('FORBIDDEN', DEFAULT_LANG);
      const window = policy.windowKindOf(event.sender);
      if (!window || !windowMayCall(window, name)) return errorResult('FORBIDDEN', DEFAULT_LANG);
      const envelope = ipcPayloadSchema.safeParse(payload ?? {});
      if (!envelope.success) {
        return errorResult('VALIDATION_ERROR', DEFAULT_LANG, { details: envelope.error.issues });
      }
      return dispatcher.invoke(
        name,
        envelope.data.input ?? {},
        ipcCallerInfo(window, envelope.data),
      );
    });
  });
  return () => channels.forEach((c) => ipcMain.removeHandler(c));
}
