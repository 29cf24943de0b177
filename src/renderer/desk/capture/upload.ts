import type { ApiError } from '../../../shared/contract';
import { FILE_UPLOAD_MAX_BYTES, type DossierFile } from '../../../shared/contract/files';
import { translate, type Lang } from '../../../shared/i18n';

/**
 * Uploads to the files of a dossier (`POST /api/v1/dossiers/{code}/files`, multipart): not a
 * JSON operation of the contract, so not through the typed client's `call` — but over HTTP
 * with the same bearer token in the desktop app too (its windows load from its own hub).
 * Several image parts become the pages of one PDF, assembled on the hub.
 */
export type AttachedFile = DossierFile;

export type UploadResult = { ok: true; data: AttachedFile } | { ok: false; error: ApiError };

export interface UploadPart {
  blob: Blob;
  fileName: string;
}

/** The largest file the hub takes (the files route's own limit). */
export const MAX_FILE_BYTES = FILE_UPLOAD_MAX_BYTES;
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
