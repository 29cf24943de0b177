import { z } from 'zod';
import { DOSSIER_CODE_MAX } from '../dossierLimits';
import { emptyInput, isoInstant } from './common';
import { dossierFileSchema, documentNameSchema, IMAGE_COLOUR_MODES } from './files';
import { defineOperation } from './operation';

/**
 * The scanner's "scan to folder" tray (docs/digitisation.md, "Ghi nhận tệp / Capture"): the
 * admin names the folder the office scanner saves into; new PDF, JPEG and PNG files there
 * are listed for the desk ("Tệp quét mới") and attached to a dossier with one key. Attaching
 * reads the file on the hub and goes through the same checks as an upload.
 */

export const scanFolderConfigSchema = z.object({
  /** The folder (absolute path), null when none is set. */
  dir: z.string().nullable(),
  /** The hub is watching it (its first listing is done). */
  watching: z.boolean(),
  /** The watcher's last error (folder removed, no permission), null when fine. */
  error: z.string().nullable(),
});

export const scanFolderEntrySchema = z.object({
  /** Opaque: the file's path, size and modification time (a changed file gets a new id). */
  id: z.string(),
  name: z.string(),
  bytes: z.number().int().min(0),
  modifiedAt: isoInstant,
  contentType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
});
export type ScanFolderEntry = z.infer<typeof scanFolderEntrySchema>;

const entryIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);

export const scanFolderOperations = {
  scanFolderConfigGet: defineOperation({
    name: 'scanFolder.config.get',
    method: 'GET',
    path: '/scan-folder/config',
    role: 'admin',
    summary: "The scanner's folder watched for new scans (setting scanFolder)",
    input: emptyInput,
    output: scanFolderConfigSchema,
  }),
  scanFolderConfigSet: defineOperation({
    name: 'scanFolder.config.set',
    method: 'PUT',
    path: '/scan-folder/config',
    role: 'admin',
    summary:
      'Set the scanner folder (absolute, an existing readable folder, not the data folder; null: none); 422 with details.reason RELATIVE, NOT_A_DIRECTORY, NOT_READABLE, DATA_DIR',
    input: z.object({ dir: z.string().trim().min(1).max(1000).nullable() }).strict(),
    output: scanFolderConfigSchema,
  }),
  scanFolderFiles: defineOperation({
    name: 'scanFolder.files',
    method: 'GET',
    path: '/scan-folder/files',
    role: 'officer',
    summary:
      'The "Tệp quét mới" tray: PDF, JPEG and PNG files of the scanner folder not yet attached, newest first',
    input: emptyInput,
    output: z.object({
      configured: z.boolean(),
      watching: z.boolean(),
      files: z.array(scanFolderEntrySchema),
    }),
  }),
  scanFolderAttach: defineOperation({
    name: 'scanFolder.attach',
    method: 'POST',
    path: '/scan-folder/files/{id}/attach',
    role: 'officer',
    summary:
      'Attach a tray file to a dossier\'s document (or "result"): read on the hub, checked like an upload (415 UNSUPPORTED_FILE, 413); the file stays in the folder and leaves the tray',
    input: z
      .object({
        id: entryIdSchema,
        code: z.string().trim().min(5).max(DOSSIER_CODE_MAX),
        documentName: documentNameSchema,
        colour: z.enum(IMAGE_COLOUR_MODES).optional(),
      })
      .strict(),
    output: dossierFileSchema,
    successStatus: 201,
  }),
} as const;
