import { z } from 'zod';
import { AGENCY_CODE_RE } from '../dossierCode';
import { isoInstant, passwordSchema } from './common';
import { siteIdSchema } from './sync';

/**
 * The province service (docs/province.md): what its HTTP surface takes and answers. The batch
 * endpoint itself is the one of docs/sync.md (`syncBatchSchema`), unchanged.
 */

export const PROVINCE_DEFAULT_PORT = 8788;

export const provinceRoleSchema = z.enum(['admin', 'viewer']);
export type ProvinceRole = z.infer<typeof provinceRoleSchema>;

/** An agency identifier as printed in dossier codes (QCVN 102:2016/BTTTT), e.g. 000.00.14.H56. */
export const agencyCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(AGENCY_CODE_RE, 'Mã cơ quan không hợp lệ (ví dụ 000.00.14.H56)');

export const provinceLoginInput = z
  .object({ username: z.string().trim().min(1).max(64), password: passwordSchema })
  .strict();

export const provinceSiteInput = z
  .object({
    siteId: siteIdSchema,
    name: z.string().trim().max(200).default(''),
    agencyCodes: z.array(agencyCodeSchema).max(50).default([]),
  })
  .strict();

export const provinceAgencyInput = z
  .object({ siteId: siteIdSchema, agencyCode: agencyCodeSchema })
  .strict();

const vnDateText = z.iso.date();
export const provincePeriodQuery = z
  .object({ from: vnDateText, to: vnDateText })
  .strict()
  .refine((p) => p.from <= p.to, { message: '`to` trước `from`', path: ['to'] });

export const provinceTrendQuery = z.object({ siteId: siteIdSchema, to: vnDateText }).strict();

const rate = z.number().min(0).max(100).nullable();
export const communeFiguresSchema = z.object({
  siteId: z.string(),
  name: z.string(),
  received: z.number().int(),
  onTimeRate: rate,
  overdue: z.number().int(),
  /** Apology letters for late dossiers issued in the period (null: the site never said). */
  apologies: z.number().int().nullable(),
  /** Late dossiers with at least one apology letter, percent. */
  lateWithApologyRate: rate,
  satisfaction: rate,
  /** Dossiers received with paper documents, all of them scanned, percent (payload v3). */
  digitisationRate: rate,
  /** Results settled in the period that have a scan, percent (payload v3). */
  resultDigitisationRate: rate,
  /** 90th percentile of the called tickets' waits, minutes (the commune's p90WaitMinutes). */
  waitP90Minutes: z.number().min(0).nullable(),
  lastReceivedAt: isoInstant.nullable(),
});
export type CommuneFigures = z.infer<typeof communeFiguresSchema>;
