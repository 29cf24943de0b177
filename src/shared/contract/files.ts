import { z } from 'zod';
import { DOSSIER_CODE_MAX } from '../dossierLimits';
import { isoInstant } from './common';
import { fileBodySchema } from './operation';
import { defineOperation } from './operation';

/**
 * Files of a dossier (docs/digitisation.md): the scans of its documents and of its result
 * (NĐ 118/2025 Art. 13(2)(b), Art. 17), stored on the site only.
 *
 * The upload itself, `POST /api/v1/dossiers/{code}/files`, is the one write that is not JSON
 * (multipart/form-data, docs/security.md "File uploads"): it is served by the hub's upload
 * route (src/hub/uploadRoute.ts), not by a dispatched operation, so it has no IPC channel —
 * the desktop app's windows load from the app's own hub and call it over HTTP.
 */

/** The documentName of a dossier's scanned result (NĐ 118/2025 Art. 13(2)(b)). */
export const RESULT_DOCUMENT_NAME = 'result';

/** The upload route's own body limit (the hub-wide JSON limit stays 1 MB). */
export const FILE_UPLOAD_MAX_BYTES = 40 * 1024 * 1024;
/** At most this many `file` parts (pages) in one upload. */
export const FILE_UPLOAD_MAX_PARTS = 100;
/** How long a one-time phone upload link is valid. */
export const UPLOAD_LINK_TTL_MS = 10 * 60 * 1000;
/** The phone page a one-time upload link opens (the renderer's route). */
export const UPLOAD_PAGE_PREFIX = '/upload/';
/** `Authorization: Upload <token>`: a one-time upload link's token in place of a bearer token. */
export const UPLOAD_AUTH_SCHEME = 'Upload';
export const uploadTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/);

/** The upload route's path: `/api/v1/dossiers/{code}/files`. */
export const FILE_UPLOAD_PATH_RE = /^\/api\/v1\/dossiers\/([^/]+)\/files$/;

/** The media types a stored file can have (images are stored as PDF). */
export const STORED_CONTENT_TYPES = ['application/pdf'] as const;
/** Grayscale (default: smaller, enough for text) or colour for image pages. */
export const IMAGE_COLOUR_MODES = ['gray', 'colour'] as const;
export type ImageColourMode = (typeof IMAGE_COLOUR_MODES)[number];

export const documentNameSchema = z.string().trim().min(1).max(300);
const codeSchema = z.string().trim().min(5).max(DOSSIER_CODE_MAX);
/** An attachment's id (a ULID). */
export const fileIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'ULID expected');

/** One file attached (or linked, when reused) to a dossier: the upload's answer and a list row. */
export const dossierFileSchema = z.object({
  id: fileIdSchema,
  documentName: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().min(1),
  pages: z.number().int().min(1),
  contentType: z.enum(STORED_CONTENT_TYPES),
  createdAt: isoInstant,
});
export type DossierFile = z.infer<typeof dossierFileSchema>;

/** A list row also says who attached it and whether it was reused from an earlier dossier. */
export const dossierFileListItemSchema = dossierFileSchema.extend({
  createdBy: z.string().nullable(),
  /** Reused: the code of the dossier whose file this links to (no copy), else null. */
  linkedFromDossierCode: z.string().nullable(),
});
export type DossierFileListItem = z.infer<typeof dossierFileListItemSchema>;

export const reusableFileSchema = z.object({
  fileId: fileIdSchema,
  documentName: z.string(),
  dossierCode: z.string(),
  createdAt: isoInstant,
});
export type ReusableFile = z.infer<typeof reusableFileSchema>;

export const fileOperations = {
  filesList: defineOperation({
    name: 'files.list',
    method: 'GET',
    path: '/dossiers/{code}/files',
    role: 'officer',
    summary:
      "A dossier's files (attached to it or linked to it by reuse), oldest first. Upload: POST multipart/form-data to the same path (docs/digitisation.md)",
    input: z.object({ code: codeSchema }).strict(),
    output: z.array(dossierFileListItemSchema),
  }),
  filesGet: defineOperation({
    name: 'files.get',
    method: 'GET',
    path: '/files/{id}',
    role: 'officer',
    summary:
      'The bytes of one attached file (Cache-Control: no-store, Content-Security-Policy: sandbox); every view is audited',
    input: z.object({ id: fileIdSchema }).strict(),
    output: fileBodySchema,
    file: true,
    sandboxed: true,
  }),
  filesUploadLink: defineOperation({
    name: 'files.uploadLink',
    method: 'POST',
    path: '/dossiers/{code}/files/upload-links',
    role: 'officer',
    summary:
      "A one-time upload link for a phone (10 minutes, this dossier and document only, one upload): the phone page /upload/<token> at the office's public address; the upload sends Authorization: Upload <token>",
    input: z.object({ code: codeSchema, documentName: documentNameSchema }).strict(),
    output: z.object({ token: uploadTokenSchema, url: z.string(), expiresAt: isoInstant }),
    successStatus: 201,
  }),
  filesUploadLinkInfo: defineOperation({
    name: 'files.uploadLinkInfo',
    method: 'GET',
    path: '/upload-links/{token}',
    role: 'public',
    summary:
      'What a one-time upload link is for (dossier code, document name, expiry) — the phone page shows it; 404 when unknown, used or expired',
    input: z.object({ token: uploadTokenSchema }).strict(),
    output: z.object({ dossierCode: z.string(), documentName: z.string(), expiresAt: isoInstant }),
    rateLimit: { perMinute: 30 },
  }),
  filesReusable: defineOperation({
    name: 'files.reusable',
    method: 'POST',
    path: '/files/reusable',
    role: 'officer',
    summary:
      "A citizen's digitised documents in earlier dossiers (by ID number, in the body: never in a URL), newest first: reception may reuse one (source e_data + fileId) instead of asking again (NĐ 118/2025 Art. 5(1)(i))",
    input: z
      .object({
        idNumber: z
          .string()
          .trim()
          .regex(/^(\d{12}|\d{9})$/),
      })
      .strict(),
    output: z.array(reusableFileSchema),
  }),
} as const;
