/**
 * `POST /api/v1/dossiers/{code}/files`: the one write that is not JSON (docs/security.md,
 * "File uploads"). multipart/form-data, parsed as it streams (busboy), with its own body
 * limit (40 MB, enforced while reading; the hub-wide 1 MB JSON limit stays for everything
 * else). Everything else of the security rules holds: the Host check (done before this),
 * no query input, and credentials only in the `Authorization` header — a bearer token or
 * `Upload <one-time token>` — checked BEFORE the body is read. A cross-site form can send
 * multipart without asking, but never that header, so it cannot upload.
 */
import type http from 'node:http';
import busboy from 'busboy';
import { z } from 'zod';
import type { Core } from '../core/app';
import { errorResult, type DispatchResult } from '../core/dispatch';
import type { Uploader } from '../core/files/fileService';
import { isAppError, roleAllows } from '../shared/contract';
import {
  documentNameSchema,
  dossierFileSchema,
  FILE_UPLOAD_MAX_BYTES,
  FILE_UPLOAD_MAX_PARTS,
  IMAGE_COLOUR_MODES,
  UPLOAD_AUTH_SCHEME,
  uploadTokenSchema,
} from '../shared/contract/files';
import type { Lang } from '../shared/i18n';
import { bearerToken } from './caller';

const LIMIT_TEXT = '40 MB';

const fieldsSchema = z
  .object({
    documentName: documentNameSchema,
    colour: z.enum(IMAGE_COLOUR_MODES).default('gray'),
  })
  .strict();

/** The one-time token of `Authorization: Upload <token>`, or null. */
export function uploadToken(req: http.IncomingMessage): string | null {
  const m = new RegExp(`^${UPLOAD_AUTH_SCHEME}\\s+(\\S+)$`, 'i').exec(
    req.headers.authorization ?? '',
  );
  return m ? (m[1] as string) : null;
}

class TooLarge extends Error {}
class BadForm extends Error {}

interface ParsedForm {
  fields: Record<string, string>;
  files: Buffer[];
}

/**
 * Read the multipart body: fields as text, `file` parts as bytes in order. At most
 * FILE_UPLOAD_MAX_BYTES of body are read; past that the rest is discarded unread into memory
 * and TooLarge is thrown.
 */
function readForm(req: http.IncomingMessage): Promise<ParsedForm> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: {
          fileSize: FILE_UPLOAD_MAX_BYTES,
          files: FILE_UPLOAD_MAX_PARTS,
          fields: 10,
          fieldSize: 1000,
          parts: FILE_UPLOAD_MAX_PARTS + 10,
        },
      });
    } catch {
      reject(new BadForm('multipart'));
      return;
    }
    const fields: Record<string, string> = Object.create(null) as Record<string, string>;
    const files: Buffer[] = [];
    let received = 0;
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      req.unpipe(bb);
      req.resume(); // discard the rest: the answer goes out with Connection: close
      reject(e);
    };
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > FILE_UPLOAD_MAX_BYTES) fail(new TooLarge());
    });
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) return fail(new BadForm(name));
      fields[name] = value;
    });
    bb.on('file', (name, stream) => {
      if (name !== 'file') {
        stream.resume();
        return fail(new BadForm(name));
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => fail(new TooLarge()));
      stream.on('end', () => {
        if (!settled) files.push(Buffer.concat(chunks));
      });
    });
    bb.on('filesLimit', () => fail(new BadForm('file')));
    bb.on('fieldsLimit', () => fail(new BadForm('fields')));
    bb.on('partsLimit', () => fail(new BadForm('parts')));
    bb.on('error', () => fail(new BadForm('multipart')));
    bb.on('close', () => {
      if (settled) return;
      settled = true;
      resolve({ fields, files });
    });
    req.on('error', (e) => fail(e));
    req.pipe(bb);
  });
}

/** The upload's credentials, checked before any byte of the body is read. */
function uploaderOf(core: Core, req: http.IncomingMessage, lang: Lang): Uploader | DispatchResult {
  const bearer = bearerToken(req);
  if (bearer) {
    const { user } = core.auth.authenticate(bearer); // throws AppError (expired, unknown)
    if (!roleAllows('officer', user.role)) return errorResult('FORBIDDEN', lang);
    return { kind: 'officer', user };
  }
  const token = uploadToken(req);
  if (token !== null) {
    if (!uploadTokenSchema.safeParse(token).success) {
      return errorResult('UPLOAD_LINK_INVALID', lang);
    }
    return { kind: 'link', token };
  }
  return errorResult('UNAUTHENTICATED', lang);
}

/** Whether the request declares multipart/form-data (with its boundary parameter). */
function isMultipart(req: http.IncomingMessage): boolean {
  return /^multipart\/form-data[ \t]*;/i.test(req.headers['content-type'] ?? '');
}

/**
 * Serve one upload. `close` is set when the answer goes out before the body was read to its
 * end (the connection cannot carry another request then).
 */
export async function handleUpload(
  core: Core,
  req: http.IncomingMessage,
  url: URL,
  rawCode: string,
  lang: Lang,
): Promise<{ result: DispatchResult; close: boolean }> {
  const answer = (result: DispatchResult, close = true) => ({ result, close });
  if (url.search !== '') {
    return answer(
      errorResult('VALIDATION_ERROR', lang, {
        details: [{ path: '?', message: 'query parameters are not accepted on POST' }],
      }),
    );
  }
  let code: string;
  try {
    code = decodeURIComponent(rawCode);
  } catch {
    return answer(
      errorResult('VALIDATION_ERROR', lang, {
        details: [{ path: 'code', message: 'malformed URL encoding' }],
      }),
    );
  }
  let uploader: Uploader;
  try {
    const who = uploaderOf(core, req, lang);
    if ('ok' in who) return answer(who);
    uploader = who;
    core.files.precheckUpload(code, uploader);
  } catch (e) {
    if (isAppError(e)) return answer(errorResult(e.code, lang, e.options));
    throw e;
  }
  if (!isMultipart(req)) {
    return answer(
      errorResult('UNSUPPORTED_MEDIA_TYPE', lang, { messageKey: 'files.error.multipart' }),
    );
  }
  if (Number(req.headers['content-length'] ?? '0') > FILE_UPLOAD_MAX_BYTES) {
    req.resume();
    return answer(errorResult('PAYLOAD_TOO_LARGE', lang, { params: { limit: LIMIT_TEXT } }));
  }
  let form: ParsedForm;
  try {
    form = await readForm(req);
  } catch (e) {
    if (e instanceof TooLarge) {
      return answer(errorResult('PAYLOAD_TOO_LARGE', lang, { params: { limit: LIMIT_TEXT } }));
    }
    if (e instanceof BadForm) {
      return answer(
        errorResult('VALIDATION_ERROR', lang, {
          details: [{ path: e.message, message: 'unexpected or oversized multipart part' }],
        }),
      );
    }
    throw e;
  }
  const parsed = fieldsSchema.safeParse({ ...form.fields });
  if (!parsed.success) {
    return answer(
      errorResult('VALIDATION_ERROR', lang, {
        details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      }),
      false,
    );
  }
  if (form.files.length === 0) {
    return answer(
      errorResult('VALIDATION_ERROR', lang, {
        messageKey: 'files.error.noFile',
        details: [{ path: 'file', message: 'at least one file part' }],
      }),
      false,
    );
  }
  try {
    const file = await core.files.attach({
      code,
      documentName: parsed.data.documentName,
      colour: parsed.data.colour,
      parts: form.files,
      uploader,
    });
    return answer({ ok: true, status: 201, data: dossierFileSchema.parse(file) }, false);
  } catch (e) {
    if (isAppError(e)) return answer(errorResult(e.code, lang, e.options), false);
    throw e;
  }
}
