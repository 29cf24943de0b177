import type { IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import type { DeviceIdentity } from '../core/devices/deviceService';
import type { Dispatcher, DispatchResult } from '../core/dispatch';
import { errorResult } from '../core/dispatch';
import { IPC_PREFIX, operationNames } from '../shared/contract';
import { DEFAULT_LANG, LANGS, type Lang } from '../shared/i18n';

/** What the preload sends for every call. */
export const ipcPayloadSchema = z
  .object({
    input: z.unknown().optional(),
    token: z.string().max(200).nullable().optional(),
    lang: z.enum(LANGS as [Lang, ...Lang[]]).optional(),
  })
  .strict();

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

/**
 * One IPC handler per contract operation, derived from the contract. The main process
 * distrusts the renderer: it checks the sending frame, validates the envelope, and the
 * dispatcher validates the input. Results (including errors) are plain values.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  dispatcher: Dispatcher,
  isTrustedSender: (url: string) => boolean,
  /** The device a sending window is (the Electron kiosk window: a paired kiosk), by its webContents id. */
  deviceOfSender: (senderId: number) => DeviceIdentity | undefined = () => undefined,
): () => void {
  const channels = operationNames.map((name) => IPC_PREFIX + name);
  operationNames.forEach((name, i) => {
    ipcMain.handle(channels[i] as string, async (event, payload): Promise<DispatchResult> => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (!isTrustedSender(frameUrl)) return errorResult('FORBIDDEN', DEFAULT_LANG);
      const envelope = ipcPayloadSchema.safeParse(payload ?? {});
      if (!envelope.success) {
        return errorResult('VALIDATION_ERROR', DEFAULT_LANG, { details: envelope.error.issues });
      }
      const { input, token, lang } = envelope.data;
      const device = event.sender ? deviceOfSender(event.sender.id) : undefined;
      return dispatcher.invoke(name, input ?? {}, {
        token: token ?? null,
        deviceToken: null,
        ...(device ? { device } : {}),
        clientKey: 'ipc',
        lang: lang ?? DEFAULT_LANG,
      });
    });
  });
  return () => channels.forEach((c) => ipcMain.removeHandler(c));
}
