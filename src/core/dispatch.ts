import { z } from 'zod';
import {
  ERROR_STATUS,
  getOperation,
  isAppError,
  roleAllows,
  type ApiError,
  type ErrorCode,
  type FileBody,
  type Operation,
  type PublicUser,
  type WireFile,
} from '../shared/contract';
import { translate, type Lang, type MessageKey, type MessageParams } from '../shared/i18n';
import type { AuthService } from './auth/authService';
import type { CallContext } from './context';
import type { DeviceIdentity, DeviceService } from './devices/deviceService';
import type { Handlers } from './handlerTypes';
import { RateLimiter } from './security/rateLimiter';

export type DispatchResult =
  | { ok: true; status: 200 | 201 | 204; data: unknown }
  | { ok: false; status: number; error: ApiError };

export interface CallerInfo {
  token: string | null;
  /** The `X-Motcua-Device` header of an HTTP call (a paired device's token), else null. */
  deviceToken: string | null;
  /**
   * Set only by the Electron main process for its own kiosk window (IPC, same machine): that
   * window counts as a paired kiosk. Never derived from anything a request carries.
   */
  device?: DeviceIdentity;
  clientKey: string;
  lang: Lang;
  /** Set to 'ipc' only by src/main/ipc.ts; anything else is treated as the network. */
  via?: 'ipc' | 'http';
  /** The calling page's origin when it is not loopback (src/hub/caller.ts), else absent. */
  origin?: string | null;
}

const zodLocales = { vi: z.locales.vi(), en: z.locales.en() };

/** Build an error value with the localised message of its code. */
export function errorResult(
  code: ErrorCode,
  lang: Lang,
  opts: {
    messageKey?: MessageKey;
    params?: MessageParams;
    message?: { vi: string; en: string };
    details?: unknown;
  } = {},
): DispatchResult {
  const message = opts.message
    ? opts.message[lang]
    : translate(lang, opts.messageKey ?? (`errors.${code}` as MessageKey), opts.params);
  return {
    ok: false,
    status: ERROR_STATUS[code],
    error: { code, message, ...(opts.details === undefined ? {} : { details: opts.details }) },
  };
}

/** A file result travels as bytes: text is encoded to UTF-8 once, bytes are not copied. */
function toWireFile(out: unknown): WireFile {
  const file = out as FileBody;
  const bytes = typeof file.body === 'string' ? Buffer.from(file.body, 'utf8') : file.body;
  return { contentType: file.contentType, fileName: file.fileName, bytes };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;

/**
 * The one place where a call becomes a result, for IPC and HTTP alike:
 * find the operation → authenticate (user, device) → check the role → check the device
 * (operations with `devices`, docs/security.md "Devices") → rate-limit → validate input (zod) →
 * run the handler → turn any failure into an error value. Nothing throws out of here.
 */
export function createDispatcher(
  handlers: Handlers,
  auth: AuthService,
  devices: Pick<DeviceService, 'authenticate'>,
  log: (msg: string, err: unknown) => void = (msg, err) => console.error(msg, err),
) {
  const limiter = new RateLimiter();

  async function invoke(
    name: string,
    rawInput: unknown,
    caller: CallerInfo,
  ): Promise<DispatchResult> {
    const lang = caller.lang;
    const op: Operation | undefined = getOperation(name);
    if (!op) return errorResult('ROUTE_NOT_FOUND', lang);
    try {
      let user: PublicUser | null = null;
      let tokenHash: string | null = null;
      if (caller.token) {
        try {
          ({ user, tokenHash } = auth.authenticate(caller.token));
        } catch (e) {
          // A stale token on a public operation is simply ignored.
          if (op.role !== 'public') throw e;
        }
      }
      if (!roleAllows(op.role, user?.role ?? null)) {
        return errorResult(user ? 'FORBIDDEN' : 'UNAUTHENTICATED', lang);
      }
      // An unknown, malformed or revoked device token is simply no device (read-only views).
      const device =
        caller.device ?? (caller.deviceToken ? devices.authenticate(caller.deviceToken) : null);
      let limitKey = caller.clientKey;
      if (op.devices) {
        if (device && op.devices.includes(device.kind)) limitKey = `device:${device.id}`;
        else if (user && op.devicesOrRole && roleAllows(op.devicesOrRole, user.role))
          limitKey = `user:${user.id}`;
        else return errorResult('DEVICE_REQUIRED', lang);
      }
      if (op.rateLimit && !limiter.take(op.name, limitKey, op.rateLimit.perMinute)) {
        return errorResult('RATE_LIMITED', lang);
      }
      const parsed = op.input.safeParse(rawInput ?? {}, { error: zodLocales[lang].localeError });
      if (!parsed.success) {
        return errorResult('VALIDATION_ERROR', lang, {
          details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
      const ctx: CallContext = {
        user,
        tokenHash,
        clientKey: caller.clientKey,
        lang,
        via: caller.via === 'ipc' ? 'ipc' : 'http',
        device,
        origin: caller.origin ?? null,
      };
      const handler = handlers[name as keyof Handlers] as (
        input: unknown,
        ctx: CallContext,
      ) => unknown;
      const data = await handler(parsed.data, ctx);
      if (op.successStatus === 204 || (data === null && op.noContentOnNull)) {
        return { ok: true, status: 204, data: null };
      }
      const out: unknown = op.output.parse(data);
      return { ok: true, status: op.successStatus ?? 200, data: op.file ? toWireFile(out) : out };
    } catch (e) {
      if (isAppError(e)) return errorResult(e.code, lang, e.options);
      log(`[motcua] operation ${name} failed`, e);
      return errorResult('INTERNAL', lang);
    }
  }

  return { invoke };
}
