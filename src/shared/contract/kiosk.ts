import { z } from 'zod';
import { emptyInput } from './common';
import { defineOperation } from './operation';

/**
 * What the citizen kiosk needs beyond the queue, dossier and catalogue operations
 * (the citizen kiosk, README "Screens and shortcuts"): print a procedure's checklist on the ticket
 * printer, and whether that printer can print right now (so the kiosk says "out of paper" before a
 * citizen waits for nothing).
 */

export const kioskPrinterStateSchema = z.enum([
  'ready',
  'paper_near_end',
  'paper_out',
  'offline',
  'screen',
  'unknown',
]);
export type KioskPrinterState = z.infer<typeof kioskPrinterStateSchema>;

export const kioskOperations = {
  kioskStatus: defineOperation({
    name: 'kiosk.status',
    method: 'GET',
    path: '/public/kiosk/status',
    role: 'public',
    summary:
      "The ticket printer's state for the kiosk (ready, paper out, offline…); no printer details",
    input: emptyInput,
    output: z.object({ ticketPrinter: kioskPrinterStateSchema }),
    rateLimit: { perMinute: 120 },
  }),
  kioskPrintChecklist: defineOperation({
    name: 'kiosk.printChecklist',
    method: 'POST',
    path: '/public/procedures/{id}/print-checklist',
    role: 'public',
    summary:
      "Print a procedure's list of documents to bring, time, fee and where to go on the ticket printer",
    input: z.object({ id: z.string().trim().min(1).max(64) }).strict(),
    output: z.object({
      status: z.enum(['printed', 'failed', 'screen']),
      message: z.string().nullable(),
    }),
    // Paper and the ticket printer belong to the kiosk: only a paired kiosk prints (per device).
    devices: ['kiosk'],
    rateLimit: { perMinute: 6 },
  }),
} as const;
