import { z } from 'zod';
import { emptyInput, isoInstant } from './common';
import { defineOperation } from './operation';

/**
 * Backups on the admin screen (docs/backup.md): the backup folder (`backup.dir`
 * setting), "Sao lưu ngay" and the recent backups. The folder is checked by the core
 * (absolute, created if missing, writable); the schema only bounds the text.
 */

export const BACKUP_KINDS = ['daily', 'monthly', 'premigrate', 'manual', 'before-restore'] as const;

export const backupFileSchema = z.object({
  fileName: z.string(),
  kind: z.enum(BACKUP_KINDS),
  bytes: z.number().int().min(0),
  at: isoInstant,
  /** Encrypted with the backup passphrase (`.sqlite.enc`, docs/backup.md). */
  encrypted: z.boolean(),
});
export type BackupFile = z.infer<typeof backupFileSchema>;

export const backupConfigSchema = z.object({
  /** The folder backups go to now. */
  dir: z.string(),
  /** `<data-dir>/backups`, used when no folder is set. */
  defaultDir: z.string(),
  /** True when `backup.dir` is set (else the default folder is used). */
  custom: z.boolean(),
  /** The data folder (for the commands shown on screen, e.g. `restore`). */
  dataDir: z.string(),
  /** A backup passphrase is set: every new backup is encrypted. The passphrase is never returned. */
  encrypted: z.boolean(),
  /** The folder looks like a removable or outside disk (heuristic of docs/backup.md). */
  removable: z.boolean(),
});

/** At least 12 characters: it guards every citizen's record in a lost backup. */
export const backupPassphraseSchema = z.string().min(12).max(200);

export const backupOperations = {
  backupConfigGet: defineOperation({
    name: 'backup.config.get',
    method: 'GET',
    path: '/backup/config',
    role: 'admin',
    summary: 'The backup folder (setting backup.dir, else <data-dir>/backups)',
    input: emptyInput,
    output: backupConfigSchema,
  }),
  backupConfigSet: defineOperation({
    name: 'backup.config.set',
    method: 'PUT',
    path: '/backup/config',
    role: 'admin',
    summary:
      'Set the backup folder (absolute, created if missing, writable, not served by the hub; null: default) and, optionally, the encryption passphrase (write-only; null: stop encrypting)',
    input: z
      .object({
        dir: z.string().trim().min(1).max(1000).nullable(),
        passphrase: backupPassphraseSchema.nullable().optional(),
      })
      .strict(),
    output: backupConfigSchema,
  }),
  backupList: defineOperation({
    name: 'backup.list',
    method: 'GET',
    path: '/backups',
    role: 'admin',
    summary: 'Recent backups in the backup folder, newest first',
    input: z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }).strict(),
    output: z.array(backupFileSchema),
  }),
  backupNow: defineOperation({
    name: 'backup.now',
    method: 'POST',
    path: '/backups',
    role: 'admin',
    summary: 'Make a manual backup now (checked with integrity_check before it gets its name)',
    input: emptyInput,
    output: backupFileSchema.extend({ dir: z.string() }),
    successStatus: 201,
  }),
} as const;
