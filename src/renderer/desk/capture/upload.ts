import { API_PREFIX, type ApiError } from '../../../shared/contract';
import { translate, type Lang } from '../../../shared/i18n';

/**
 * Uploads to the files of a dossier (`POST /api/v1/dossiers/{code}/files`, multipart): not a
 * JSON operation of the contract, so not through the typed client's `call` — but over HTTP
 * with the same bearer token in the desktop app too (its windows load from its own hub).
 * Several image parts become the pages of one PDF, assembled on the hub.
 */
export interface AttachedFile {
  id: string;
  documentName: string;
  sha256: string;
  bytes: number;
  pages: number;
  contentType: string;
  createdAt: string;
}

export type UploadResult = { ok: true; data: AttachedFile } | { ok: false; error: ApiError };

export interface UploadPart {
  blob: Blob;
  fileName: string;
}

/** The largest file the hub takes (the files route's own limit). */
export const MAX_FILE_BYTES = 40 * 1024 * 1024;
export const ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

export function isAccepted(file: { type: string; name: string }): boolean {
  return (
    (ACCEPTED_TYPES as readonly string[]).includes(file.type) ||
    /\.(pdf|jpe?g|png)$/i.test(file.name)
  );
}

export function isImage(file: { type: string; name: string }): boolean {
  return file.type.startsWith('image/') || /\.(jpe?g|png)$/i.test(file.name);
}

/** Send one attachment; `auth` is the officer's bearer token or a one-time upload token. */
export async function uploadParts(
  url: string,
  auth: string | null,
  lang: Lang,
  fields: { documentName?: string; colour?: 'gray' | 'colour' },
  parts: readonly UploadPart[],
): Promise<UploadResult> {
  const form = new FormData();
  if (fields.documentName !== undefined) form.append('documentName', fields.documentName);
  if (fields.colour) form.append('colour', fields.colour);
  for (const p of parts) form.append('file', p.blob, p.fileName);
  const headers: Record<string, string> = { 'Accept-Language': lang };
  if (auth) headers.Authorization = `Bearer ${auth}`;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body: form });
  } catch {
    return { ok: false, error: { code: 'NETWORK', message: translate(lang, 'errors.NETWORK') } };
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    /* not JSON: answered below */
  }
  if (res.ok && json) return { ok: true, data: json as AttachedFile };
  const err = (json as { error?: ApiError } | null)?.error;
  return {
    ok: false,
    error: err ?? { code: 'INTERNAL', message: translate(lang, 'errors.INTERNAL') },
  };
}

export { dossierFilesUrl } from './urls';

/** Open a stored file in a new tab: fetched with the bearer token, shown from a blob URL. */
export async function openStoredFile(
  id: string,
  auth: string | null,
): Promise<{ ok: true } | { ok: false; message: string }> {
  let res: Response;
  try {
    res = await fetch(`${API_PREFIX}/files/${encodeURIComponent(id)}`, {
      headers: auth ? { Authorization: `Bearer ${auth}` } : {},
    });
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  if (!res.ok) {
    let message = `HTTP ${res.status}`;
    try {
      message = ((await res.json()) as { error?: ApiError }).error?.message ?? message;
    } catch {
      /* keep the status */
    }
    return { ok: false, message };
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const win = window.open(url, '_blank');
  if (!win) {
    // The desktop app opens no new window: save the file instead.
    const a = document.createElement('a');
    a.href = url;
    a.download = `${id}.${blob.type === 'application/pdf' ? 'pdf' : 'bin'}`;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  // The tab has read it by then; a minute later the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { ok: true };
}

/** A JSON request to a files route by its path (bearer token, localised errors). */
export async function jsonRequest<T>(
  method: 'GET' | 'POST',
  url: string,
  auth: string | null,
  lang: Lang,
  body?: unknown,
): Promise<{ ok: true; data: T } | { ok: false; error: ApiError }> {
  const headers: Record<string, string> = { 'Accept-Language': lang };
  if (auth) headers.Authorization = `Bearer ${auth}`;
  if (method !== 'GET') headers['Content-Type'] = 'application/json';
  try {
    const res = await fetch(url, {
      method,
      headers,
      ...(method !== 'GET' ? { body: JSON.stringify(body ?? {}) } : {}),
    });
    const json = (await res.json()) as unknown;
    if (res.ok) return { ok: true, data: json as T };
    const err = (json as { error?: ApiError }).error;
    return {
      ok: false,
      error: err ?? { code: 'INTERNAL', message: translate(lang, 'errors.INTERNAL') },
    };
  } catch {
    return { ok: false, error: { code: 'NETWORK', message: translate(lang, 'errors.NETWORK') } };
  }
}

/** A file as the list of a dossier's files gives it. */
export interface ListedFile extends AttachedFile {
  /** Set when the file was linked from an earlier dossier (reuse). */
  dossierCode?: string;
}
