import { z } from 'zod';
import { defineOperation } from './operation';
import { emptyInput, idSchema, isoInstant, passwordSchema } from './common';

/** 'HH:mm' Vietnam time. */
const hhmmSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Giờ không hợp lệ (HH:mm)');

export const siteSchema = z.object({
  siteId: z.string(),
  agencyName: z.string(),
  agencyCode: z.string(),
  address: z.string(),
  /**
   * The desk's official name printed on the forms (NĐ 118/2025 Art. 1: "Trung tâm Phục vụ
   * hành chính công xã …"); absent = "Bộ phận Một cửa" (docs/dossier-lifecycle.md).
   */
  deskName: z.string().optional(),
  /**
   * Same-day procedures received after this time go to the next working day ("sau 15 giờ",
   * NĐ 23/2015 Art. 7, Luật Hộ tịch procedures); absent = 15:00 (docs/calendar.md §6).
   */
  sameDayCutoff: hhmmSchema.optional(),
  /**
   * Days a citizen has to supplement a dossier before it may be closed (the brief's 15 days,
   * NĐ 118/2025 Art. 19 as read there — UNCONFIRMED); absent = 15 (docs/dossier-lifecycle.md).
   */
  supplementCloseDays: z.number().int().min(1).max(90).optional(),
});
export type Site = z.infer<typeof siteSchema>;

/**
 * The office's public address: the origin (scheme, host, optional port — no path) at which
 * citizens' phones reach the hub on the office network. Every printed QR starts with it
 * (docs/queue.md, "Public address").
 */
export const publicUrlSchema = z
  .string()
  .trim()
  .max(200)
  .regex(/^https?:\/\/[^\s/?#@]+(:\d{1,5})?\/?$/i)
  .transform((s) => s.replace(/\/+$/, '').toLowerCase());

export const publicAddressSchema = z.object({
  /** The admin setting (null: not set). */
  url: z.string().nullable(),
  /** `--public-url` / MOTCUA_PUBLIC_URL of this run: used instead of the setting. */
  runOverride: z.string().nullable(),
  /** What printed QRs use when printed from a loopback page (null: QRs left off). */
  effective: z.string().nullable(),
});

/**
 * The office's bank account for fees paid by transfer (docs/desk.md, "Fees"): the bank by its
 * NAPAS BIN (one of vietnam-qr-pay's bank list, checked by the hub), the account number and
 * the account name.
 * When set, the receipt and the return slip carry a VietQR payment code.
 */
export const bankAccountSchema = z
  .object({
    bankBin: z
      .string()
      .trim()
      .regex(/^\d{6}$/),
    accountNumber: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z]{4,19}$/),
    accountName: z.string().trim().min(1).max(70),
  })
  .strict();
export type BankAccount = z.output<typeof bankAccountSchema>;

export const systemOperations = {
  health: defineOperation({
    name: 'system.health',
    method: 'GET',
    path: '/health',
    role: 'public',
    summary: 'Liveness and versions',
    input: emptyInput,
    output: z.object({ status: z.literal('ok'), version: z.string(), schemaVersion: z.number() }),
  }),
  openapi: defineOperation({
    name: 'system.openapi',
    method: 'GET',
    path: '/openapi.json',
    role: 'public',
    summary: 'OpenAPI 3 description of every operation',
    input: emptyInput,
    output: z.record(z.string(), z.unknown()),
  }),
  setupStatus: defineOperation({
    name: 'setup.status',
    method: 'GET',
    path: '/setup',
    role: 'public',
    summary: 'Whether the first administrator still has to be created',
    input: emptyInput,
    output: z.object({ needsAdmin: z.boolean() }),
  }),
  setupCreateAdmin: defineOperation({
    name: 'setup.createAdmin',
    method: 'POST',
    path: '/setup/admin',
    role: 'public',
    summary:
      'Create the first administrator (only while none exists); over HTTP with the one-time setup code of the hub terminal or <data-dir>/setup-code.txt',
    input: z
      .object({
        setupCode: z.string().max(64).optional(),
        fullName: z.string().trim().min(1).max(120),
        password: passwordSchema,
      })
      .strict(),
    output: z.object({ username: z.string() }),
    successStatus: 201,
    rateLimit: { perMinute: 10 },
  }),
  siteGet: defineOperation({
    name: 'site.get',
    method: 'GET',
    path: '/site',
    role: 'public',
    summary: 'The office: name, agency identifier code, address',
    input: emptyInput,
    output: siteSchema,
  }),
  siteUpdate: defineOperation({
    name: 'site.update',
    method: 'PUT',
    path: '/site',
    role: 'admin',
    summary: 'Change the office details',
    input: z
      .object({
        agencyName: z.string().trim().min(1).max(200),
        agencyCode: z
          .string()
          .trim()
          .regex(/^[0-9A-Z]+(\.[0-9A-Z]+){1,4}$/),
        address: z.string().trim().max(300),
        deskName: z.string().trim().min(1).max(200).optional(),
        sameDayCutoff: hhmmSchema.optional(),
        supplementCloseDays: z.number().int().min(1).max(90).optional(),
      })
      .strict(),
    output: siteSchema,
  }),
  publicAddressGet: defineOperation({
    name: 'publicAddress.get',
    method: 'GET',
    path: '/public-address',
    role: 'admin',
    summary: 'The public address printed QRs start with (setting, run override, effective)',
    input: emptyInput,
    output: publicAddressSchema,
  }),
  publicAddressUpdate: defineOperation({
    name: 'publicAddress.update',
    method: 'PUT',
    path: '/public-address',
    role: 'admin',
    summary: 'Set or clear the public address (http(s)://host[:port] citizens reach the hub at)',
    input: z.object({ url: publicUrlSchema.nullable() }).strict(),
    output: publicAddressSchema,
  }),
  bankAccountGet: defineOperation({
    name: 'bankAccount.get',
    method: 'GET',
    path: '/bank-account',
    role: 'admin',
    summary:
      "The office's bank account for VietQR payment codes on receipts and return slips (null: none)",
    input: emptyInput,
    output: z.object({
      account: bankAccountSchema.nullable(),
      /** The banks VietQR knows (vietnam-qr-pay's list), for the choice. */
      banks: z.array(z.object({ bin: z.string(), shortName: z.string(), name: z.string() })),
    }),
  }),
  bankAccountUpdate: defineOperation({
    name: 'bankAccount.update',
    method: 'PUT',
    path: '/bank-account',
    role: 'admin',
    summary: 'Set or clear the bank account printed as a VietQR payment code',
    input: z.object({ account: bankAccountSchema.nullable() }).strict(),
    output: z.object({ account: bankAccountSchema.nullable() }),
    /* A BIN not in the list: 422 UNPROCESSABLE. */
  }),
  countersList: defineOperation({
    name: 'counters.list',
    method: 'GET',
    path: '/counters',
    role: 'public',
    summary: 'Counters of the office',
    input: emptyInput,
    output: z.array(
      z.object({
        id: idSchema,
        number: z.number().int(),
        name: z.string(),
        serviceIds: z.array(z.string()),
        priority: z.boolean(),
      }),
    ),
  }),
  auditList: defineOperation({
    name: 'audit.list',
    method: 'GET',
    path: '/audit',
    role: 'admin',
    summary: 'Audit log, newest first',
    input: z
      .object({
        limit: z.coerce.number().int().min(1).max(500).default(100),
        before: z.string().max(64).optional(),
      })
      .strict(),
    output: z.array(
      z.object({
        id: z.string(),
        at: isoInstant,
        actor: z.string().nullable(),
        action: z.string(),
        entity: z.string().nullable(),
        entityId: z.string().nullable(),
        details: z.unknown(),
      }),
    ),
  }),
} as const;
