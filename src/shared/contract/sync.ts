import { z } from 'zod';
import { ULID_RE } from '../ids';
import { emptyInput, isoInstant } from './common';
import { ON_TIME_CLASSES } from './dossiers';
import { defineOperation } from './operation';

/**
 * Sync to the province (docs/sync.md). This file is THE definition of what a site sends: the
 * event envelope, the payload of each event type, the batch and its acknowledgement, and the
 * signed USB file. docs/sync.md describes the same thing for a provincial system.
 *
 * Personal data: a payload carries only what the province needs for its statistics and the
 * citizen's status lookup: codes, procedure, status changes, dates, counters. Never a name,
 * phone, address or birth date; the ID number only masked (docs/domain.md, Personal data:
 * `0010******56`).
 */

export const ulidSchema = z.string().regex(ULID_RE, 'ULID expected');
/** A site: the permanent id a fresh installation gives itself (a ULID), see settings/site.ts. */
export const siteIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/);
/** A masked citizen ID number: first 4 and last 2 digits kept (docs/domain.md, Personal data). */
export const maskedIdSchema = z.string().regex(/^[0-9]{4}\*+[0-9]{2}$/);
const shortText = z.string().max(200);
const code = z.string().min(1).max(64);

/** One step of a dossier's trail (Phiếu kiểm soát quá trình): received, transferred, returned… */
const dossierEventPayloadV1Fields = {
  dossierId: code,
  dossierCode: code,
  procedureId: code,
  /** The step's number in the dossier's trail (1, 2, …) and its kind, e.g. 'received'. */
  step: z.number().int().min(1),
  action: code,
  fromStatus: code.nullable(),
  toStatus: code,
  /** Appointment date (YYYY-MM-DD) after this step, when the dossier has one. */
  dueDate: z.iso.date().nullable(),
  officerName: shortText.nullable(),
  /** The applicant's ID number, masked; null when none was recorded. */
  applicantIdMasked: maskedIdSchema.nullable(),
};

/** Version 1 (no `payloadVersion`): what sites sent before apologies existed. Still accepted. */
export const dossierEventPayloadV1Schema = z.object(dossierEventPayloadV1Fields).strict();

/**
 * Version 2 (`payloadVersion: 2`): `dueDate` stays the LEGAL due date (the on-time class);
 * `appointmentDate` is the date the latest apology letter for a late dossier gave (null =
 * none), `apologyLetters` how many were issued so far, `needsVerification` whether the longer
 * limit "when verification is needed" applies (docs/sync.md, "Payload versions").
 */
const dossierEventPayloadV2Fields = {
  appointmentDate: z.iso.date().nullable(),
  apologyLetters: z.number().int().min(0),
  needsVerification: z.boolean(),
};
export const dossierEventPayloadV2Schema = z
  .object({
    ...dossierEventPayloadV1Fields,
    payloadVersion: z.literal(2),
    ...dossierEventPayloadV2Fields,
  })
  .strict();

const dossierEventPayloadV3Fields = {
  paperDocuments: z.number().int().min(0),
  digitisedDocuments: z.number().int().min(0),
  resultDigitised: z.boolean(),
};
/**
 * Version 3 (`payloadVersion: 3`): version 2 plus the dossier's digitisation counts at the time
 * of the event (docs/digitisation.md): how many of its documents were handed over on paper,
 * how many of those have a stored scan, and whether the result has one. Counts only: files
 * never leave the site. The latest event of a dossier carries its current counts.
 */
export const dossierEventPayloadV3Schema = z
  .object({
    ...dossierEventPayloadV1Fields,
    payloadVersion: z.literal(3),
    ...dossierEventPayloadV2Fields,
    ...dossierEventPayloadV3Fields,
  })
  .strict();

/**
 * Version 4 (`payloadVersion: 4`): version 3 plus what the on-time class by the due INSTANT
 * needs (docs/reports.md, "On-time class"): `dueAt`, the legal due instant when the dossier
 * has a due date (null otherwise), and `settledClass`, the class the site stored when the
 * agency settled the dossier (result ready or refusal after review; null while unsettled).
 * The province counts a dossier settled on its due day late when `settledClass` is 'late',
 * exactly as the commune's own report does; versions 1–3 keep the date rule.
 */
export const dossierEventPayloadV4Schema = z
  .object({
    ...dossierEventPayloadV1Fields,
    payloadVersion: z.literal(4),
    ...dossierEventPayloadV2Fields,
    ...dossierEventPayloadV3Fields,
    dueAt: isoInstant.nullable(),
    settledClass: z.enum(ON_TIME_CLASSES).nullable(),
  })
  .strict();

/** A dossier step in any version: a receiver accepts all. */
export const dossierEventPayloadSchema = z.union([
  dossierEventPayloadV4Schema,
  dossierEventPayloadV3Schema,
  dossierEventPayloadV2Schema,
  dossierEventPayloadV1Schema,
]);

/** What happened to a queue ticket once it is closed (served, no-show, cancelled…). */
export const ticketOutcomePayloadSchema = z
  .object({
    ticketId: code,
    /** Human number, e.g. 'A012', and its business date (Asia/Ho_Chi_Minh). */
    number: z.string().min(1).max(16),
    businessDate: z.iso.date(),
    serviceId: code,
    outcome: code,
    counterNumber: z.number().int().min(0).nullable(),
    priority: z.boolean(),
    issuedAt: isoInstant,
    calledAt: isoInstant.nullable(),
    finishedAt: isoInstant.nullable(),
    waitSeconds: z.number().int().min(0).nullable(),
    serviceSeconds: z.number().int().min(0).nullable(),
  })
  .strict();

/** A citizen's satisfaction rating at the kiosk (anonymous). */
export const ratingPayloadSchema = z
  .object({
    ratingId: ulidSchema,
    score: z.enum(['satisfied', 'neutral', 'unsatisfied']),
    ticketId: ulidSchema,
    businessDate: z.iso.date(),
    dossierCode: code.nullable(),
    counterNumber: z.number().int().min(0).nullable(),
    /** Reason codes chosen on the kiosk (never free text: it may hold personal data). */
    reasons: z.array(code).max(10),
  })
  .strict();

export const syncPayloadSchemas = {
  'dossier.event': dossierEventPayloadSchema,
  'ticket.outcome': ticketOutcomePayloadSchema,
  'rating.submitted': ratingPayloadSchema,
} as const;
export type SyncEventType = keyof typeof syncPayloadSchemas;
export const SYNC_EVENT_TYPES = Object.keys(syncPayloadSchemas) as SyncEventType[];
export type SyncPayload<T extends SyncEventType> = z.infer<(typeof syncPayloadSchemas)[T]>;

const envelope = {
  /** ULID created with the change: the idempotency key of the event, forever. */
  id: ulidSchema,
  /** 1, 2, 3… per site, no gaps, in the order the changes were committed. */
  seq: z.number().int().min(1),
  at: isoInstant,
};

/** One sync event as it travels (batch or USB file). */
export const syncEventSchema = z.discriminatedUnion('type', [
  z
    .object({ ...envelope, type: z.literal('dossier.event'), payload: dossierEventPayloadSchema })
    .strict(),
  z
    .object({ ...envelope, type: z.literal('ticket.outcome'), payload: ticketOutcomePayloadSchema })
    .strict(),
  z
    .object({ ...envelope, type: z.literal('rating.submitted'), payload: ratingPayloadSchema })
    .strict(),
]);
export type SyncEvent = z.infer<typeof syncEventSchema>;

export const SYNC_MAX_BATCH = 500;
export const SYNC_BATCHES_PATH = '/api/v1/sync/batches';
/** Headers of `POST /api/v1/sync/batches` (see docs/sync.md, "Authentication"). */
export const SYNC_SITE_HEADER = 'x-motcua-site';
export const SYNC_SIGNATURE_HEADER = 'x-motcua-signature';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** The body of `POST {upstream}/api/v1/sync/batches`: events in seq order. */
export const syncBatchSchema = z
  .object({
    siteId: siteIdSchema,
    batchId: ulidSchema,
    events: z.array(syncEventSchema).min(1).max(SYNC_MAX_BATCH),
  })
  .strict();
export type SyncBatch = z.infer<typeof syncBatchSchema>;

/** The receiver's answer (200) once every event of the batch is stored (or was already). */
export const syncAckSchema = z.object({
  batchId: ulidSchema,
  accepted: z.number().int().min(0),
  duplicates: z.number().int().min(0),
  /** The highest seq the receiver holds for this site. */
  lastSeq: z.number().int().min(0),
});
export type SyncAck = z.infer<typeof syncAckSchema>;

/** A USB transfer file: the signed content is the exact string `content` (JSON of syncFileContentSchema). */
export const SYNC_FILE_FORMAT = 'motcua-sync-file/1';
export const syncFileSchema = z
  .object({
    format: z.literal(SYNC_FILE_FORMAT),
    siteId: siteIdSchema,
    /** 'hmac-sha256=' + hex HMAC-SHA256(site key, UTF-8 bytes of `content`). */
    signature: z.string().regex(/^hmac-sha256=[0-9a-f]{64}$/),
    content: z.string().min(2),
  })
  .strict();
export const syncFileContentSchema = z
  .object({
    fileId: ulidSchema,
    siteId: siteIdSchema,
    createdAt: isoInstant,
    events: z.array(syncEventSchema).max(1_000_000),
  })
  .strict();
export type SyncFile = z.infer<typeof syncFileSchema>;

export const syncStatusSchema = z.object({
  pending: z.number().int().min(0),
  lastSentAt: isoInstant.nullable(),
  lastError: z.string().nullable(),
});

export const watchdogSchema = z.object({
  ok: z.boolean(),
  checkedAt: isoInstant,
  database: z.object({ ok: z.boolean(), detail: z.string().nullable() }),
  printer: z.object({ ok: z.boolean(), detail: z.string().nullable() }),
  upstream: z.object({
    /** 'off': no upstream configured (nothing to check). */
    state: z.enum(['off', 'ok', 'failing']),
    pending: z.number().int().min(0),
    detail: z.string().nullable(),
  }),
  backup: z.object({
    ok: z.boolean(),
    lastAt: isoInstant.nullable(),
    detail: z.string().nullable(),
  }),
});
export type Watchdog = z.infer<typeof watchdogSchema>;

const siteKeySchema = z.string().min(32).max(200);

export const syncOperations = {
  syncStatus: defineOperation({
    name: 'sync.status',
    method: 'GET',
    path: '/sync/status',
    role: 'officer',
    summary: 'Sync to the province: changes waiting, last success, last error',
    input: emptyInput,
    output: syncStatusSchema,
  }),
  syncConfigGet: defineOperation({
    name: 'sync.config.get',
    method: 'GET',
    path: '/sync/config',
    role: 'admin',
    summary: 'Upstream URL and whether a site key is set (never the key)',
    input: emptyInput,
    output: z.object({
      siteId: z.string(),
      upstreamUrl: z.string().nullable(),
      upstreamFromCommandLine: z.boolean(),
      hasSiteKey: z.boolean(),
      /** Off: nothing is pushed (the URL is kept). `--upstream` pushes whatever this says. */
      enabled: z.boolean(),
    }),
  }),
  syncConfigSet: defineOperation({
    name: 'sync.config.set',
    method: 'PUT',
    path: '/sync/config',
    role: 'admin',
    summary: 'Set the upstream URL (null: no sync) and the site key given by the province',
    input: z
      .object({
        upstreamUrl: z
          .url({ protocol: /^https?$/ })
          .max(500)
          .nullable(),
        siteKey: siteKeySchema.optional(),
        /** Switch pushing on or off without forgetting the URL (unchanged when omitted). */
        enabled: z.boolean().optional(),
      })
      .strict(),
    output: z.object({
      upstreamUrl: z.string().nullable(),
      hasSiteKey: z.boolean(),
      enabled: z.boolean(),
    }),
  }),
  syncExport: defineOperation({
    name: 'sync.export',
    method: 'POST',
    path: '/sync/export',
    role: 'officer',
    summary: 'Signed USB transfer file of every change the province has not acknowledged',
    input: emptyInput,
    output: z.object({ fileName: z.string(), events: z.number().int(), file: syncFileSchema }),
  }),
  watchdog: defineOperation({
    name: 'system.watchdog',
    method: 'GET',
    path: '/system/watchdog',
    role: 'officer',
    summary: 'Health of the database, printers, upstream sync and backups',
    input: emptyInput,
    output: watchdogSchema,
  }),
} as const;
