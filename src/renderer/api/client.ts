import {
  API_PREFIX,
  DEVICE_HEADER,
  contract,
  getOperation,
  pathParams,
  type ApiError,
  type AppEvent,
  type FileBody,
  type InputOf,
  type OpName,
  type OutputOf,
  type WireFile,
} from '../../shared/contract';
import { translate, type Lang } from '../../shared/i18n';
import { DEVICE_REQUIRED_EVENT, loadDeviceToken } from './deviceToken';

/**
 * The renderer's one typed client. It does not know where it runs: with the Electron
 * preload bridge (window.motcua) it uses IPC; in a browser it uses HTTP to the page's origin.
 */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError; status: number };

interface WireResult {
  ok: boolean;
  status: number;
  data?: unknown;
  error?: ApiError;
}

interface Bridge {
  ops: Record<
    string,
    (payload: { input?: unknown; token?: string | null; lang?: Lang }) => Promise<WireResult>
  >;
  onEvent(listener: (event: AppEvent) => void): () => void;
}

declare global {
  interface Window {
    motcua?: Bridge;
  }
}

export type TransportKind = 'ipc' | 'http';

export function transportKind(): TransportKind {
  return typeof window !== 'undefined' && window.motcua ? 'ipc' : 'http';
}

/** Build method, URL and body for an operation from the contract (no route written twice). */
export function httpRequestFor(
  name: string,
  input: Record<string, unknown>,
): { method: string; url: string; body?: string } {
  const op = getOperation(name);
  if (!op) throw new Error(`Unknown operation ${name}`);
  const rest: Record<string, unknown> = { ...input };
  let path = op.path;
  for (const p of pathParams(op.path)) {
    path = path.replace(`{${p}}`, encodeURIComponent(String(rest[p] ?? '')));
    delete rest[p];
  }
  let url = `${API_PREFIX}${path}`;
  // Only a read carries input in the query string; the hub refuses a query on a write.
  if (op.method === 'GET') {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(rest))
      if (v !== undefined && v !== null) qs.set(k, String(v));
    const q = qs.toString();
    if (q) url += `?${q}`;
    return { method: op.method, url };
  }
  // A DELETE whose input is all in its path goes without a body (and without Content-Type).
  if (op.method === 'DELETE' && Object.values(rest).every((v) => v === undefined)) {
    return { method: op.method, url };
  }
  return { method: op.method, url, body: JSON.stringify(op.bodyField ? rest[op.bodyField] : rest) };
}

/** The file name of a Content-Disposition header (the UTF-8 `filename*` when present). */
function fileNameOf(disposition: string | null): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star) return decodeURIComponent(star[1] as string);
  return /filename="([^"]*)"/i.exec(disposition ?? '')?.[1] ?? 'download';
}

function fileFromWire(wire: WireFile): FileBody {
  return { contentType: wire.contentType, fileName: wire.fileName, body: wire.bytes };
}

export class ApiClient {
  constructor(
    private readonly getToken: () => string | null,
    private readonly getLang: () => Lang,
    private readonly onUnauthenticated: () => void = () => {},
    private readonly getDeviceToken: () => string | null = loadDeviceToken,
  ) {}

  /** The session's bearer token, for the few requests that are not operations (file uploads). */
  bearerToken(): string | null {
    return this.getToken();
  }

  /** `opts.token`: call with this bearer token instead of the session's (pairing a device). */
  async call<N extends OpName>(
    name: N,
    input: InputOf<N>,
    opts: { token?: string } = {},
  ): Promise<ApiResult<OutputOf<N>>> {
    const lang = this.getLang();
    const token = opts.token ?? this.getToken();
    let wire: WireResult;
    try {
      wire = window.motcua
        ? await window.motcua.ops[name]!({ input, token, lang })
        : await this.viaHttp(name, input as Record<string, unknown>, token, lang);
    } catch {
      return {
        ok: false,
        status: 0,
        error: { code: 'NETWORK', message: translate(lang, 'errors.NETWORK') },
      };
    }
    if (wire.ok && contract[name].file && !window.motcua) {
      return { ok: true, data: wire.data as OutputOf<N> }; // HTTP: already a FileBody
    }
    if (wire.ok && contract[name].file) {
      return { ok: true, data: fileFromWire(wire.data as WireFile) as OutputOf<N> };
    }
    if (wire.ok) return { ok: true, data: (wire.data ?? null) as OutputOf<N> };
    const error = wire.error ?? { code: 'INTERNAL', message: translate(lang, 'errors.INTERNAL') };
    if (error.code === 'DEVICE_REQUIRED' && typeof window !== 'undefined') {
      window.dispatchEvent(new Event(DEVICE_REQUIRED_EVENT));
    }
    if (
      opts.token === undefined &&
      ['UNAUTHENTICATED', 'SESSION_EXPIRED'].includes(error.code) &&
      contract[name].role !== 'public'
    ) {
      this.onUnauthenticated();
    }
    return { ok: false, status: wire.status, error };
  }

  private async viaHttp(
    name: string,
    input: Record<string, unknown>,
    token: string | null,
    lang: Lang,
  ): Promise<WireResult> {
    const req = httpRequestFor(name, input ?? {});
    const headers: Record<string, string> = { 'Accept-Language': lang };
    if (req.body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const device = this.getDeviceToken();
    if (device) headers[DEVICE_HEADER] = device; // a paired kiosk / rating tablet / board
    const res = await fetch(req.url, { method: req.method, headers, body: req.body });
    if (res.status === 204) return { ok: true, status: 204, data: null };
    if (res.ok && getOperation(name)?.file) {
      const file: FileBody = {
        contentType: res.headers.get('Content-Type') ?? 'application/octet-stream',
        fileName: fileNameOf(res.headers.get('Content-Disposition')),
        body: new Uint8Array(await res.arrayBuffer()),
      };
      return { ok: true, status: res.status, data: file };
    }
    const json: unknown = await res.json();
    if (res.ok) return { ok: true, status: res.status, data: json };
    const err = (json as { error?: ApiError }).error;
    return { ok: false, status: res.status, ...(err ? { error: err } : {}) };
  }
}
