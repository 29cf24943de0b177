import { z } from 'zod';

/**
 * One operation of the contract. IPC channels, the preload bridge, HTTP routes, the
 * OpenAPI document and the renderer's typed client are all derived from these objects.
 */
export type Role = 'public' | 'officer' | 'admin';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Paired devices (docs/security.md, "Devices"): a kiosk, a rating tablet at a counter, a
 * lobby board. Each proves itself with its device token in the `X-Motcua-Device` header.
 */
export const DEVICE_KINDS = ['kiosk', 'rating', 'display'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
export const DEVICE_HEADER = 'X-Motcua-Device';

export interface Operation<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** Unique dotted name, e.g. 'auth.login'. Also the IPC channel suffix. */
  readonly name: string;
  readonly method: HttpMethod;
  /** Path under /api/v1, with {param} placeholders, e.g. '/dossiers/{code}'. */
  readonly path: string;
  readonly role: Role;
  readonly summary: string;
  /** Path params, query and JSON body are merged into one object and validated here. */
  readonly input: I;
  readonly output: O;
  /** HTTP status on success (default 200). 204 means no body. */
  readonly successStatus?: 200 | 201 | 204;
  /** When the handler returns null, answer 204 (e.g. "nobody waits"). */
  readonly noContentOnNull?: boolean;
  /**
   * When set, the whole JSON body (e.g. an array) is the value of this input field instead of
   * being merged into the input object — for `PUT /printers` whose body is the list itself.
   */
  readonly bodyField?: string;
  /**
   * Public operations that anyone on the LAN can call are rate-limited per client address;
   * an operation with `devices` is limited per device instead (per user for a signed-in
   * caller allowed by `devicesOrRole`).
   */
  readonly rateLimit?: { perMinute: number };
  /**
   * Only an active paired device of one of these kinds may call (header `X-Motcua-Device`,
   * or the Electron kiosk window over IPC); anyone else gets 401 DEVICE_REQUIRED.
   */
  readonly devices?: readonly DeviceKind[];
  /** With `devices`: a signed-in user of at least this role may call too (walk-in tickets). */
  readonly devicesOrRole?: 'officer' | 'admin';
  /**
   * The result is a file, not JSON: the handler returns a `FileBody` (output `fileBodySchema`).
   * HTTP sends the bytes with Content-Type and Content-Disposition; IPC carries them as a Uint8Array.
   */
  readonly file?: boolean;
  /**
   * With `file`: a stored upload (a citizen's scan), sent inline for the browser's viewer
   * under `Content-Security-Policy: sandbox` — whatever it holds never runs with the hub's
   * origin (docs/digitisation.md).
   */
  readonly sandboxed?: boolean;
  /**
   * The operation takes an optional `idempotencyKey` input field; over HTTP it comes from the
   * `Idempotency-Key` header (src/hub/httpServer.ts). A repeat with the same key answers the
   * first result and writes nothing (docs/dossiers.md, "Idempotent reception").
   */
  readonly idempotent?: boolean;
}

/** What the handler of a `file: true` operation returns (and the typed client gives back). */
export const fileBodySchema = z.object({
  contentType: z.string().min(1),
  fileName: z.string().min(1),
  body: z.union([z.string(), z.custom<Uint8Array>((v) => v instanceof Uint8Array)]),
});
export type FileBody = z.infer<typeof fileBodySchema>;
/**
 * A file result on the wire (IPC, and inside the dispatcher result): the bytes themselves.
 * HTTP writes them as the body; Electron's IPC carries a Uint8Array by structured clone. No
 * base64 on the way: for a year's export (~12 MB) encoding and decoding it cost the serving
 * thread tens of milliseconds and a third more memory (docs/performance.md, "No freeze").
 */
export interface WireFile {
  contentType: string;
  fileName: string;
  bytes: Uint8Array;
}

export function defineOperation<const N extends string, I extends z.ZodType, O extends z.ZodType>(
  op: Operation<I, O> & { name: N },
): Operation<I, O> & { name: N } {
  return op;
}

const ROLE_RANK: Record<Role, number> = { public: 0, officer: 1, admin: 2 };

/** Whether a caller with `actual` role (or none) may call an operation requiring `required`. */
export function roleAllows(required: Role, actual: Role | null): boolean {
  if (required === 'public') return true;
  if (actual === null) return false;
  return ROLE_RANK[actual] >= ROLE_RANK[required];
}

/** Names of {param} placeholders in a path template. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
}

export const IPC_PREFIX = 'motcua:';
export const IPC_EVENT_CHANNEL = 'motcua:event';
export const API_PREFIX = '/api/v1';
export const EVENTS_PATH = '/api/v1/events';
