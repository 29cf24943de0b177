import { z } from 'zod';
import { defineOperation } from './operation';
import { emptyInput, idSchema, isoInstant } from './common';

/**
 * The queue (docs/queue.md). Public operations (kiosk, board, ticket status) carry NO personal
 * data: numbers, services, counters and times only.
 */

export const PRIORITY_CATEGORIES = ['elderly', 'disability', 'pregnant', 'child', 'merit'] as const;
export const priorityCategorySchema = z.enum(PRIORITY_CATEGORIES);
export type PriorityCategory = z.infer<typeof priorityCategorySchema>;

export const TICKET_STATUSES = [
  'printing',
  'waiting',
  'called',
  'serving',
  'parked',
  'no_show',
  'done',
  'void',
] as const;
export const ticketStatusSchema = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

export const ticketOutcomeSchema = z.enum([
  'served',
  'no_show',
  'transferred',
  'abandoned',
  'void',
]);
export const printStatusSchema = z.enum([
  'pending',
  'queued',
  'printed',
  'failed',
  'screen',
  'none',
]);
export type TicketPrintStatus = z.infer<typeof printStatusSchema>;

export const TICKET_ACTIONS = [
  'recall',
  'start',
  'complete',
  'no-show',
  'reactivate',
  'park',
  'transfer',
] as const;
export const ticketActionSchema = z.enum(TICKET_ACTIONS);
export type TicketAction = z.infer<typeof ticketActionSchema>;

/** Where a reactivated no-show goes back in the line (documented in docs/queue.md). */
export const reactivatePositionSchema = z.enum(['end', 'original', 'after']);

export const priorityCategoryConfigSchema = z
  .object({
    code: priorityCategorySchema,
    label: z.string().trim().min(1).max(80),
    enabled: z.boolean(),
  })
  .strict();

export const DEFAULT_PRIORITY_CATEGORIES: z.input<typeof priorityCategoryConfigSchema>[] = [
  { code: 'elderly', label: 'Người cao tuổi (từ 60 tuổi)', enabled: true },
  { code: 'disability', label: 'Người khuyết tật', enabled: true },
  { code: 'pregnant', label: 'Phụ nữ mang thai', enabled: true },
  { code: 'child', label: 'Người đi cùng trẻ dưới 6 tuổi', enabled: true },
  { code: 'merit', label: 'Người có công với cách mạng', enabled: true },
];

/** Queue settings (admin-editable, stored under the settings key 'queue'). */
export const queueSettingsSchema = z
  .object({
    /** Regular tickets called between two priority tickets when both wait (0 = priority always first). */
    regularPerPriority: z.number().int().min(0).max(10).default(2),
    /** A regular ticket that has waited ≥ its service target goes before a priority one. */
    maxWaitOverride: z.boolean().default(true),
    reactivatePosition: reactivatePositionSchema.default('after'),
    /** With 'after': how many waiting tickets of the service go before a reactivated no-show. */
    reactivateAfter: z.number().int().min(1).max(20).default(2),
    /** The lobby board says each call this many times (docs/queue.md, "The voice"). */
    voiceRepeat: z.number().int().min(1).max(3).default(2),
    /** The pause between two sayings of one call, in milliseconds. */
    voicePauseMs: z.number().int().min(0).max(5000).default(1500),
    /** A ticket counts as issued only once it printed (default); otherwise it is shown on screen. */
    issueOnlyIfPrinted: z.boolean().default(true),
    priorityCategories: z
      .array(priorityCategoryConfigSchema)
      .min(1)
      .max(PRIORITY_CATEGORIES.length)
      .refine((list) => new Set(list.map((c) => c.code)).size === list.length, {
        message: 'duplicate category',
      })
      .default(DEFAULT_PRIORITY_CATEGORIES),
  })
  .strict();
export type QueueSettings = z.output<typeof queueSettingsSchema>;

const ticketNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,2}\d{3,4}$/);

/** What an officer sees of a ticket (still no personal data: the queue never stores any). */
export const officerTicketSchema = z.object({
  id: z.string(),
  number: z.string(),
  serviceId: z.string(),
  status: ticketStatusSchema,
  outcome: ticketOutcomeSchema.nullable(),
  priority: priorityCategorySchema.nullable(),
  channel: z.enum(['kiosk', 'officer']),
  businessDate: z.string(),
  issuedAt: isoInstant,
  calledAt: isoInstant.nullable(),
  startedAt: isoInstant.nullable(),
  completedAt: isoInstant.nullable(),
  callCount: z.number().int(),
  counterId: z.string().nullable(),
  targetCounterId: z.string().nullable(),
  transferNote: z.string().nullable(),
  transferCount: z.number().int(),
  printStatus: printStatusSchema,
  printError: z.string().nullable(),
  voidReason: z.string().nullable(),
  aheadAtIssue: z.number().int(),
  estimatedWaitMinutes: z.tuple([z.number().int(), z.number().int()]),
  waitSeconds: z.number().int().nullable(),
  walkSeconds: z.number().int().nullable(),
  serviceSeconds: z.number().int().nullable(),
});
export type OfficerTicket = z.infer<typeof officerTicketSchema>;

export const publicTicketSchema = z.object({
  id: z.string(),
  number: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  status: ticketStatusSchema,
  priority: z.boolean(),
  businessDate: z.string(),
  issuedAt: isoInstant,
  ahead: z.number().int(),
  estimatedWaitMinutes: z.tuple([z.number().int(), z.number().int()]),
  counterNumber: z.number().int().nullable(),
  calledAt: isoInstant.nullable(),
  printStatus: printStatusSchema,
});

const counterStatsSchema = z.object({
  served: z.number().int(),
  noShow: z.number().int(),
  transferred: z.number().int(),
  called: z.number().int(),
  avgWaitMinutes: z.number().nullable(),
  avgServiceMinutes: z.number().nullable(),
  overTargetPercent: z.number().nullable(),
});

const counterPath = { counterId: idSchema };

/**
 * Admin: queue services, counters and which counter serves which service (docs/queue.md,
 * "Administration"). A service's code is its stable key (the catalog's "Dịch vụ xếp hàng"
 * and sync refer to it), so it is set once at creation.
 */
const serviceCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9_]{1,31}$/);
const ticketPrefix = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,2}$/);
const idList = z
  .array(idSchema)
  .max(100)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'duplicate id' });

const serviceFields = {
  name: z.string().trim().min(1).max(120),
  prefix: ticketPrefix,
  /** Service-level target: the longest a citizen should wait. */
  targetMinutes: z.number().int().min(1).max(480),
  /** Typical service time, the estimate's fallback. */
  typicalMinutes: z.number().int().min(1).max(240),
  sortOrder: z.number().int().min(0).max(9999),
  active: z.boolean(),
  /** The counters that serve it (replaces the set). */
  counterIds: idList,
};

const counterFields = {
  number: z.number().int().min(1).max(999),
  name: z.string().trim().min(1).max(80),
  priority: z.boolean(),
  active: z.boolean(),
  /** The services it serves (replaces the set). */
  serviceIds: idList,
};

/** Create: code + fields, with defaults. Update: any subset (what is left out stays). */
export const serviceCreateSchema = z
  .object({
    code: serviceCode,
    ...serviceFields,
    typicalMinutes: serviceFields.typicalMinutes.default(8),
    sortOrder: serviceFields.sortOrder.default(0),
    active: serviceFields.active.default(true),
    counterIds: idList.default([]),
  })
  .strict();
export const serviceUpdateSchema = z
  .object(serviceFields)
  .partial()
  .extend({ id: idSchema })
  .strict();
export const counterCreateSchema = z
  .object({
    ...counterFields,
    priority: counterFields.priority.default(false),
    active: counterFields.active.default(true),
    serviceIds: idList.default([]),
  })
  .strict();
export const counterUpdateSchema = z
  .object(counterFields)
  .partial()
  .extend({ counterId: idSchema })
  .strict();

export const adminServiceSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  prefix: z.string(),
  targetMinutes: z.number().int(),
  typicalMinutes: z.number().int(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  counterIds: z.array(z.string()),
  /** Numbers issued today (the prefix cannot change while > 0). */
  issuedToday: z.number().int(),
  /** Tickets ever reference it: removing it deactivates it instead of deleting. */
  hasHistory: z.boolean(),
});
export type AdminService = z.infer<typeof adminServiceSchema>;

export const adminCounterSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  name: z.string(),
  priority: z.boolean(),
  active: z.boolean(),
  serviceIds: z.array(z.string()),
});
export type AdminCounter = z.infer<typeof adminCounterSchema>;

const removalSchema = z.object({ id: z.string(), outcome: z.enum(['deleted', 'deactivated']) });

export const queueOperations = {
  queueServices: defineOperation({
    name: 'queue.services',
    method: 'GET',
    path: '/queue/services',
    role: 'public',
    summary: 'Queue services with the number of tickets waiting',
    input: emptyInput,
    output: z.array(
      z.object({
        id: z.string(),
        code: z.string(),
        name: z.string(),
        prefix: z.string(),
        waiting: z.number().int(),
      }),
    ),
  }),
  queuePriorities: defineOperation({
    name: 'queue.priorities',
    method: 'GET',
    path: '/queue/priorities',
    role: 'public',
    summary: 'Enabled priority categories with their Vietnamese labels',
    input: emptyInput,
    output: z.array(z.object({ code: priorityCategorySchema, label: z.string() })),
  }),
  issueTicket: defineOperation({
    name: 'queue.issue',
    method: 'POST',
    path: '/queue/tickets',
    role: 'public',
    summary: 'Take a number (kiosk, or an officer for a walk-in)',
    input: z.object({ serviceId: idSchema, priority: priorityCategorySchema.optional() }).strict(),
    output: z.object({
      id: z.string(),
      number: z.string(),
      serviceId: z.string(),
      status: z.literal('waiting'),
      issuedAt: isoInstant,
      ahead: z.number().int(),
      estimatedWaitMinutes: z.tuple([z.number().int(), z.number().int()]),
      /** What happened to the paper: the kiosk says so plainly unless it is `printed`. */
      printStatus: printStatusSchema,
      /** The ticket's status page (its QR), or null when no public address is known. */
      statusUrl: z.string().nullable(),
    }),
    successStatus: 201,
    // Only a paired kiosk, or a signed-in officer for a walk-in (docs/security.md, "Devices").
    devices: ['kiosk'],
    devicesOrRole: 'officer',
    // Per kiosk (per officer): a kiosk physically issues a few tickets a minute.
    rateLimit: { perMinute: 30 },
  }),
  ticketStatus: defineOperation({
    name: 'queue.ticket',
    method: 'GET',
    path: '/queue/tickets/{id}',
    role: 'public',
    summary: "A ticket's public status (no personal data)",
    input: z.object({ id: idSchema }).strict(),
    output: publicTicketSchema,
    rateLimit: { perMinute: 240 },
  }),
  callNext: defineOperation({
    name: 'queue.callNext',
    method: 'POST',
    path: '/counters/{counterId}/call-next',
    role: 'officer',
    summary: 'Call the next ticket by the fair-ordering rule; 204 when nobody waits',
    input: z.object(counterPath).strict(),
    output: z.object({ ticket: officerTicketSchema }),
    noContentOnNull: true,
  }),
  callSpecific: defineOperation({
    name: 'queue.callNumber',
    method: 'POST',
    path: '/counters/{counterId}/call',
    role: 'officer',
    summary: "Call a specific number (waiting or parked) of today's queue",
    input: z.object({ ...counterPath, number: ticketNumber }).strict(),
    output: z.object({ ticket: officerTicketSchema }),
  }),
  ticketAction: defineOperation({
    name: 'queue.action',
    method: 'POST',
    path: '/queue/tickets/{id}/actions',
    role: 'officer',
    summary:
      'recall | start | complete | no-show | reactivate | park | transfer (to a service and/or counter, with a note)',
    input: z
      .object({
        id: idSchema,
        action: ticketActionSchema,
        counterId: idSchema.optional(),
        toServiceId: idSchema.optional(),
        note: z.string().trim().max(300).optional(),
      })
      .strict(),
    output: z.object({ ticket: officerTicketSchema }),
  }),
  reprint: defineOperation({
    name: 'queue.reprint',
    method: 'POST',
    path: '/queue/tickets/{id}/reprint',
    role: 'officer',
    summary:
      'Print a ticket again (after a failed print); a ticket voided by the failure is restored',
    input: z.object({ id: idSchema }).strict(),
    output: z.object({ ticket: officerTicketSchema }),
  }),
  counterPause: defineOperation({
    name: 'queue.counterPause',
    method: 'POST',
    path: '/counters/{counterId}/pause',
    role: 'officer',
    summary: 'Pause a counter with a reason (it calls nobody until resumed)',
    input: z.object({ ...counterPath, reason: z.string().trim().min(1).max(200) }).strict(),
    output: z.object({ counterId: z.string(), status: z.enum(['open', 'paused']) }),
  }),
  counterResume: defineOperation({
    name: 'queue.counterResume',
    method: 'POST',
    path: '/counters/{counterId}/resume',
    role: 'officer',
    summary: 'Resume a paused counter',
    input: z.object(counterPath).strict(),
    output: z.object({ counterId: z.string(), status: z.enum(['open', 'paused']) }),
  }),
  counterView: defineOperation({
    name: 'queue.counterView',
    method: 'GET',
    path: '/counters/{counterId}/queue',
    role: 'officer',
    summary: "A counter's screen: state, current ticket, waiting list per service, today's stats",
    input: z.object(counterPath).strict(),
    output: z.object({
      counter: z.object({
        id: z.string(),
        number: z.number().int(),
        name: z.string(),
        priority: z.boolean(),
        serviceIds: z.array(z.string()),
        status: z.enum(['open', 'paused']),
        pauseReason: z.string().nullable(),
      }),
      current: officerTicketSchema.nullable(),
      waiting: z.array(
        z.object({
          serviceId: z.string(),
          tickets: z.array(officerTicketSchema),
        }),
      ),
      parked: z.array(officerTicketSchema),
      noShows: z.array(officerTicketSchema),
      printFailed: z.array(officerTicketSchema),
      stats: counterStatsSchema,
    }),
  }),
  board: defineOperation({
    name: 'queue.board',
    method: 'GET',
    path: '/queue/board',
    role: 'public',
    summary: 'The lobby board: serving per counter, last 6 calls, waiting per service, the rule',
    input: emptyInput,
    output: z.object({
      serving: z.array(
        z.object({
          counter: z.number().int(),
          number: z.string().nullable(),
          paused: z.boolean(),
        }),
      ),
      recent: z.array(z.object({ number: z.string(), counter: z.number().int(), at: isoInstant })),
      waiting: z.array(z.object({ serviceId: z.string(), count: z.number().int() })),
      rule: z.string(),
      /** How the board speaks a call (the queue settings `voiceRepeat`, `voicePauseMs`). */
      voice: z.object({ repeat: z.number().int(), pauseMs: z.number().int() }),
    }),
  }),
  settingsGet: defineOperation({
    name: 'queue.settings',
    method: 'GET',
    path: '/queue/settings',
    role: 'officer',
    summary: 'Queue settings (ratio, max-wait override, reactivation, printing rule, categories)',
    input: emptyInput,
    output: queueSettingsSchema,
  }),
  settingsUpdate: defineOperation({
    name: 'queue.settingsUpdate',
    method: 'PUT',
    path: '/queue/settings',
    role: 'admin',
    summary: 'Change the queue settings',
    input: queueSettingsSchema,
    output: queueSettingsSchema,
  }),
  adminConfig: defineOperation({
    name: 'queue.adminConfig',
    method: 'GET',
    path: '/queue/admin',
    role: 'admin',
    summary: 'Every queue service and counter (inactive ones too) with their links',
    input: emptyInput,
    output: z.object({
      services: z.array(adminServiceSchema),
      counters: z.array(adminCounterSchema),
    }),
  }),
  serviceCreate: defineOperation({
    name: 'queue.serviceCreate',
    method: 'POST',
    path: '/queue/services',
    role: 'admin',
    summary: 'Add a queue service (code, name, prefix, target, counters serving it)',
    input: serviceCreateSchema,
    output: adminServiceSchema,
    successStatus: 201,
  }),
  serviceUpdate: defineOperation({
    name: 'queue.serviceUpdate',
    method: 'PUT',
    path: '/queue/services/{id}',
    role: 'admin',
    summary:
      'Change a queue service (the code stays); the prefix only while no number was issued today',
    input: serviceUpdateSchema,
    output: adminServiceSchema,
  }),
  serviceRemove: defineOperation({
    name: 'queue.serviceRemove',
    method: 'DELETE',
    path: '/queue/services/{id}',
    role: 'admin',
    summary: 'Delete a never-used service; one that tickets reference is deactivated instead',
    input: z.object({ id: idSchema }).strict(),
    output: removalSchema,
  }),
  counterCreate: defineOperation({
    name: 'queue.counterCreate',
    method: 'POST',
    path: '/counters',
    role: 'admin',
    summary: 'Add a counter (number, name, priority flag, services it serves)',
    input: counterCreateSchema,
    output: adminCounterSchema,
    successStatus: 201,
  }),
  counterUpdate: defineOperation({
    name: 'queue.counterUpdate',
    method: 'PUT',
    path: '/counters/{counterId}',
    role: 'admin',
    summary: 'Change a counter (number, name, priority flag, active, services it serves)',
    input: counterUpdateSchema,
    output: adminCounterSchema,
  }),
  counterServices: defineOperation({
    name: 'queue.counterServices',
    method: 'PUT',
    path: '/counters/{counterId}/services',
    role: 'admin',
    summary: 'Replace the set of services a counter serves',
    input: z.object({ ...counterPath, serviceIds: idList }).strict(),
    output: adminCounterSchema,
  }),
  counterRemove: defineOperation({
    name: 'queue.counterRemove',
    method: 'DELETE',
    path: '/counters/{counterId}',
    role: 'admin',
    summary: 'Delete a never-used counter; one that tickets reference is deactivated instead',
    input: z.object(counterPath).strict(),
    output: removalSchema,
  }),
} as const;
