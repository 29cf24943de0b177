import { z } from 'zod';
import { b, type Block, type PrintDocument } from '../document';
import { vnStrings } from './common';
import { labelsVi } from './labels.vi';

export const TicketDataSchema = z.object({
  /** Shown at the top (the desk's public name; no personal data on tickets). */
  agencyName: z.string().min(1).max(160),
  number: z.string().min(1).max(12),
  serviceName: z.string().min(1).max(200),
  issuedAt: z.date(),
  peopleAhead: z.number().int().min(0),
  estimatedWaitMinutes: z
    .object({ min: z.number().int().min(0), max: z.number().int().min(0) })
    .refine((w) => w.max >= w.min, { message: 'max < min' }),
  /**
   * Public status page for this ticket (rendered as a QR code); absent while the hub has no
   * address a phone can open (docs/queue.md, "Public address"): no QR then.
   */
  statusUrl: z.string().url().max(500).optional(),
  /** E.g. "Người cao tuổi" — printed only when present. */
  priorityLabel: z.string().max(80).optional(),
});
export type TicketData = z.output<typeof TicketDataSchema>;

export function ticketLayout(data: TicketData): PrintDocument {
  const l = labelsVi.ticket;
  const at = vnStrings(data.issuedAt);
  const blocks: Block[] = [
    b.center(data.agencyName, { bold: true }),
    b.rule(),
    b.center(l.title, { bold: true }),
    b.center(data.number, { size: 3, bold: true }),
    b.center(data.serviceName, { size: 2, bold: true }),
  ];
  if (data.priorityLabel)
    blocks.push(b.center(`${l.priority}: ${data.priorityLabel}`, { bold: true }));
  blocks.push(
    b.rule('dashed'),
    b.center(`${l.issuedAt}: ${at.time} ${at.date}`),
    b.center(l.peopleAhead(data.peopleAhead)),
    b.center(l.estimatedWait(data.estimatedWaitMinutes.min, data.estimatedWaitMinutes.max)),
    ...(data.statusUrl ? [b.qr(data.statusUrl, 5), b.center(l.scanToFollow)] : []),
    b.center(l.keepTicket),
    b.cut(),
  );
  return { blocks };
}
