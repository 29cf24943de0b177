import { z } from 'zod';
import { idSchema, isoInstant } from './common';
import { defineOperation } from './operation';

/**
 * Citizen satisfaction (NĐ 118/2025/NĐ-CP Art. 29, 33; docs/domain.md, Service quality indicators).
 * A rating is accepted only while a rating window is open: the officer completed the service at a
 * counter less than 30 s ago. The rater is anonymous (no IP, no device, no name is stored); the
 * rating is stored against the ticket, the counter, the officer and the dossier linked to the
 * ticket.
 */

export const RATING_SCORES = ['satisfied', 'neutral', 'unsatisfied'] as const;
export const ratingScoreSchema = z.enum(RATING_SCORES);
export type RatingScore = z.infer<typeof ratingScoreSchema>;

/**
 * Reasons a citizen can give when not satisfied: the criteria the law lists for citizen
 * assessment (QĐ 766/QĐ-TTg, docs/domain.md, Service quality indicators). "Online service quality"
 * is left out: the kiosk rates a service given at the desk. Labels: i18n `rating.reason.<code>`.
 */
export const RATING_REASONS = [
  'staff_attitude',
  'processing_time',
  'many_trips',
  'many_agencies',
  'wrong_information',
  'result_or_fee',
  'complaint_handling',
] as const;
export const ratingReasonSchema = z.enum(RATING_REASONS);
export type RatingReason = z.infer<typeof ratingReasonSchema>;

/** How long after "complete" a rating is accepted (docs/domain.md, Queue practice and priority). */
export const RATING_WINDOW_SECONDS = 30;

export const ratingInputSchema = z
  .object({
    ticketId: idSchema.optional(),
    dossierCode: z.string().trim().min(1).max(60).optional(),
    counterId: idSchema.optional(),
    score: ratingScoreSchema,
    reasons: z.array(ratingReasonSchema).max(RATING_REASONS.length).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (!r.ticketId && !r.counterId && !r.dossierCode) {
      ctx.addIssue({
        code: 'custom',
        path: ['ticketId'],
        message: 'Cần số thứ tự, quầy hoặc mã hồ sơ được đánh giá',
      });
    }
    const reasons = r.reasons ?? [];
    if (new Set(reasons).size !== reasons.length) {
      ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'Lý do bị trùng' });
    }
    if (r.score === 'satisfied' && reasons.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['reasons'],
        message: 'Chỉ chọn lý do khi chưa hài lòng',
      });
    }
    if (r.score !== 'satisfied' && reasons.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['reasons'],
        message: 'Vui lòng chọn ít nhất một lý do chưa hài lòng',
      });
    }
  });

/**
 * An open rating window as a paired kiosk or rating tablet sees it: the ticket it rates,
 * the ticket number and counter (no personal data). The public event stream carries only
 * `publicRatingWindowSchema` (no ticket id, so a stranger cannot rate in the citizen's place).
 */
export const ratingWindowSchema = z.object({
  ticketId: z.string(),
  number: z.string(),
  counterId: z.string(),
  counterNumber: z.number().int(),
  openedAt: isoInstant,
  expiresAt: isoInstant,
  /** Seconds left by the hub's clock (screens count down from this, not from their clock). */
  secondsLeft: z.number().int().min(0),
});
export type RatingWindow = z.infer<typeof ratingWindowSchema>;
export const publicRatingWindowSchema = ratingWindowSchema.omit({ ticketId: true });

export const ratingOperations = {
  ratingSubmit: defineOperation({
    name: 'ratings.submit',
    method: 'POST',
    path: '/public/ratings',
    role: 'public',
    summary:
      'Rate a service just completed (within 30 s of "complete"); reasons required when not satisfied; a second rating of the same ticket → 409',
    input: ratingInputSchema,
    output: z.object({
      id: z.string(),
      ticketId: z.string(),
      score: ratingScoreSchema,
      createdAt: isoInstant,
    }),
    successStatus: 201,
    // Only a paired kiosk or rating tablet (docs/security.md, "Devices"); limited per device.
    devices: ['kiosk', 'rating'],
    rateLimit: { perMinute: 20 },
  }),
  ratingWindows: defineOperation({
    name: 'ratings.open',
    method: 'GET',
    path: '/public/ratings/open',
    role: 'public',
    summary:
      'Rating windows open now (optionally for one counter), for a paired kiosk or rating tablet: the ticket it rates, its number and counter',
    input: z.object({ counterId: idSchema.optional() }).strict(),
    output: z.array(ratingWindowSchema),
    // The ticket id is what a rating names: only paired devices learn it (docs/security.md).
    devices: ['kiosk', 'rating'],
    rateLimit: { perMinute: 240 },
  }),
} as const;
