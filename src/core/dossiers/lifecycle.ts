/**
 * The dossier state machine (NĐ 118/2025/NĐ-CP Art. 17–22) as a pure function: no database,
 * no clock, no I/O. The caller passes the current state, an action and a context (the time
 * "now", the officer, the working calendar and the due-date function) and gets back either
 * the next state plus the event to append to the trail (the "Phiếu kiểm soát quá trình giải
 * quyết hồ sơ"), or a refusal naming the rule that forbids the action.
 *
 * Decisions (also in docs/dossier-lifecycle.md):
 * - "extended" is not a state: `state.extension` (null or the one extension) is the flag.
 * - While awaiting a supplement the clock is stopped and the old due date is void
 *   (`dueDate: null`); when the supplement is complete the processing time restarts from
 *   zero at that instant (Art. 19).
 * - A supplement request later than 3 working days after receipt is FORBIDDEN by default
 *   (otherwise a late request would let the agency restart a clock it already overran);
 *   `ctx.policy.lateSupplementRequest = 'flag'` allows it and marks it `late` in the trail.
 * - Closing needs more than 15 calendar days since the notice: the notice day is not
 *   counted, day 15 is the last day the citizen may supplement, and if that day is not a
 *   working day the period ends on the next working day (BLDS 2015 Art. 147–148); closing
 *   is allowed from the day after.
 * - An extension must be requested on a Vietnam date ≤ due date − 1 calendar day, the new
 *   date must be later than the current one and a working day.
 * - Refusal is possible from `received` and `in_process`; from `awaiting_supplement` the
 *   supplement is recorded first, or the dossier is closed after 15 days.
 * - Stop on request (Art. 21) is possible from receipt until the result is ready.
 * - On-time class is computed at return against the due date (trước hạn / đúng hạn /
 *   quá hạn); the class at the moment the result became ready (or of a refusal) is stored as
 *   `settledClass`, which the reports count (docs/reports.md, "On-time class").
 */
import { z } from 'zod';
import {
  COLLECTOR_KINDS,
  DOSSIER_STATUS_VALUES,
  type ON_TIME_CLASSES,
  PAYMENT_METHODS,
  type DossierActionValue,
} from '../../shared/contract/dossiers';
import {
  addDays,
  daysBetween,
  isVnDate,
  vnDate,
  vnInstant,
  vnParts,
} from '../../shared/time/vnTime';
import type { VnDate } from '../../shared/time/vnTime';
import type { ComputeDueDate, DueDateOptions, TimeUnit, WorkingCalendar } from './calendarPort';
import { ruleMessage, warningMessage } from './messages';
import type { Lang, LifecycleRule, MessageParams, WarningKind } from './messages';

export type { ComputeDueDate, DueDateOptions, TimeUnit, WorkingCalendar } from './calendarPort';
export type { LifecycleRule, WarningKind } from './messages';

// ---------------------------------------------------------------------------------------
// State

/** The statuses are the contract's (src/shared may not import the core). */
export const DOSSIER_STATUSES = DOSSIER_STATUS_VALUES;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const TERMINAL_STATUSES: readonly DossierStatus[] = [
  'returned',
  'refused',
  'stopped',
  'closed',
];

export type OnTimeClass = (typeof ON_TIME_CLASSES)[number];
export type CollectorKind = (typeof COLLECTOR_KINDS)[number];
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface ProcessingTime {
  amount: number;
  unit: TimeUnit;
}

/** All instants are ISO-8601 UTC strings (JSON-safe); all business dates are 'YYYY-MM-DD'. */
export interface DossierState {
  status: DossierStatus;
  processingTime: ProcessingTime;
  /**
   * The officer ticked "cần xác minh" at reception and `processingTime` is the procedure's
   * longer limit when verification is needed (absent in dossiers stored before it existed).
   */
  needsVerification?: boolean;
  /** Number of sets (bộ) of the dossier, printed on Mẫu 01 and the register; absent = 1. */
  sets?: number;
  /** When the complete dossier was received and the receipt issued (Art. 17(3)). */
  receivedAt: string;
  /** When the current processing clock started: `receivedAt`, or the supplement completion. */
  clockStartedAt: string;
  /** The current appointment date; null while awaiting a supplement (the clock is stopped). */
  dueDate: VnDate | null;
  dueAt: string | null;
  /** The due date printed on the receipt (for the apology letter and reports). */
  originalDueDate: VnDate;
  currentUnit: string | null;
  supplement: {
    requestedAt: string;
    reason: string;
    documents: string[];
    /** True when requested after the 3-working-day limit (only with policy 'flag'). */
    late: boolean;
    receivedAt: string | null;
    /**
     * The due date when the clock was stopped, for the 'resume' supplement clock (absent in
     * dossiers stored before it existed: they restart).
     */
    pausedDueDate?: VnDate | null;
  } | null;
  /** The one extension allowed (Art. 19); null = never extended. */
  extension: {
    requestedAt: string;
    reason: string;
    previousDueDate: VnDate;
    newDueDate: VnDate;
  } | null;
  /**
   * Apology letters for a dossier already past its legal due date (provincial rules;
   * docs/domain.md, "The dossier's life"): each with the new appointment. The legal `dueDate` is
   * unchanged. Absent in dossiers stored before apologies existed.
   */
  apologies?: Array<{
    at: string;
    reason: string;
    newDueDate: VnDate;
  }>;
  resultReadyAt: string | null;
  /**
   * The on-time class when the agency settled the dossier (result ready, or refusal after
   * review), from `classifyOnTime` — the one place the rule lives; the reports read it
   * (docs/reports.md). Absent in dossiers settled before it existed (migration 016 fills it).
   */
  settledClass?: OnTimeClass;
  returned: {
    at: string;
    collectedBy: string;
    /** The second person who collected (a marriage registration: both spouses). */
    secondCollectedBy?: string | null;
    collectorKind: CollectorKind;
    idChecked: boolean;
    authorisationChecked: boolean;
    feePaidVnd: number | null;
    paymentMethod: PaymentMethod | null;
    onTime: OnTimeClass;
  } | null;
  refusal: { at: string; reason: string } | null;
  /**
   * Corrections of a wrong result caused by the authority (NĐ 118/2025 Art. 22: fixed within
   * 3 working days of the error being found): the result is reissued, the first result and
   * every correction stay in the trail. Absent = none.
   */
  corrections?: Array<{
    at: string;
    reason: string;
    reportedOn: VnDate;
    deadline: VnDate;
    late: boolean;
  }>;
  stop: { at: string; reason: string | null } | null;
  closedAt: string | null;
  lastEventAt: string;
}

// ---------------------------------------------------------------------------------------
// Actions (the HTTP/IPC body shape) and events

const text = z.string().trim();
const vnDateString = z.string().refine(isVnDate, { message: 'Ngày không hợp lệ (YYYY-MM-DD)' });

export const transferActionSchema = z.object({
  action: z.literal('transfer'),
  unit: text.min(1),
  note: text.optional(),
});
export const requestSupplementActionSchema = z.object({
  action: z.literal('request-supplement'),
  reason: text.min(1),
  documents: z.array(text.min(1)).optional(),
});
export const supplementReceivedActionSchema = z.object({
  action: z.literal('supplement-received'),
  note: text.optional(),
});
export const refuseActionSchema = z.object({
  action: z.literal('refuse'),
  reason: text.min(1),
});
export const extendActionSchema = z.object({
  action: z.literal('extend'),
  reason: text.min(1),
  newDueDate: vnDateString,
});
export const apologiseActionSchema = z.object({
  action: z.literal('apologise'),
  reason: text.min(1),
  newDueDate: vnDateString,
});
export const resultReadyActionSchema = z.object({
  action: z.literal('result-ready'),
  note: text.optional(),
});
export const returnActionSchema = z.object({
  action: z.literal('return'),
  collectedBy: text.min(1),
  /** The second collector, when the procedure needs two (docs/desk.md, "Return"). */
  secondCollectedBy: text.optional(),
  /** Absent = the applicant in person. */
  collectorKind: z.enum(COLLECTOR_KINDS).optional(),
  idChecked: z.boolean(),
  authorisationChecked: z.boolean().optional(),
  feePaidVnd: z.number().int().nonnegative().optional(),
  paymentMethod: z.enum(PAYMENT_METHODS).optional(),
  note: text.optional(),
});
export const stopActionSchema = z.object({
  action: z.literal('stop'),
  reason: text.optional(),
});
export const closeActionSchema = z.object({
  action: z.literal('close'),
  reason: text.optional(),
});
/**
 * Correct a wrong result caused by the authority (NĐ 118/2025 Art. 22): what was wrong, the
 * day the error was reported (absent = today); the corrected result is reissued now.
 */
export const correctResultActionSchema = z.object({
  action: z.literal('correct-result'),
  reason: text.min(1),
  reportedOn: vnDateString.optional(),
});

export const dossierActionSchema = z.discriminatedUnion('action', [
  transferActionSchema,
  requestSupplementActionSchema,
  supplementReceivedActionSchema,
  refuseActionSchema,
  extendActionSchema,
  apologiseActionSchema,
  resultReadyActionSchema,
  returnActionSchema,
  stopActionSchema,
  closeActionSchema,
  correctResultActionSchema,
]);
export type DossierAction = z.infer<typeof dossierActionSchema>;
export type DossierActionName = DossierAction['action'];
/** The schemas above and the contract's DOSSIER_ACTIONS name the same actions (checked by tsc). */
const _sameActionsAsContract: [DossierActionName, DossierActionValue] extends [
  DossierActionValue,
  DossierActionName,
]
  ? true
  : never = true;

export type DossierEventType =
  | 'received'
  | 'transferred'
  | 'supplement_requested'
  | 'supplement_received'
  | 'closed'
  | 'refused'
  | 'extended'
  | 'apology'
  | 'result_ready'
  | 'returned'
  | 'result_corrected'
  | 'stopped';

export type EventDetails = Record<string, string | number | boolean | null | string[]>;

export interface DossierEvent {
  type: DossierEventType;
  at: string;
  officerId: string;
  fromStatus: DossierStatus | null;
  toStatus: DossierStatus;
  reason: string | null;
  dueDateBefore: VnDate | null;
  dueDateAfter: VnDate | null;
  details: EventDetails;
}

export interface LifecyclePolicy {
  /** What to do with a supplement request after 3 working days. Default 'forbid'. */
  lateSupplementRequest?: 'forbid' | 'flag';
  /**
   * When the supplement is complete, the time limit restarts from zero (default, the brief's
   * reading of NĐ 118/2025 Art. 19) or resumes where it stopped — UNCONFIRMED, set per
   * procedure (docs/dossier-lifecycle.md).
   */
  supplementClock?: SupplementClock;
  /** Days the citizen has to supplement before the dossier may be closed; default 15. */
  supplementCloseDays?: number;
}

export const SUPPLEMENT_CLOCKS = ['restart', 'resume'] as const;
export type SupplementClock = (typeof SUPPLEMENT_CLOCKS)[number];
/** The close period the brief gives (UNCONFIRMED; the site setting `supplementCloseDays`). */
export const DEFAULT_SUPPLEMENT_CLOSE_DAYS = 15;

export interface LifecycleContext<C extends WorkingCalendar = WorkingCalendar> {
  now: Date;
  officerId: string;
  calendar: C;
  dueDate: ComputeDueDate<C>;
  dueDateOptions?: DueDateOptions;
  policy?: LifecyclePolicy;
  /** Language of the refusal message; default Vietnamese. */
  lang?: Lang;
}

export type TransitionResult =
  | { ok: true; state: DossierState; event: DossierEvent }
  | { ok: false; code: 'TRANSITION_FORBIDDEN'; rule: LifecycleRule; message: string };

// ---------------------------------------------------------------------------------------
// Helpers

const SEARCH_LIMIT = 400; // days; a calendar with no working day in a year is broken

/** The first working day strictly after `d` (independent of nextWorkingDay's convention). */
function firstWorkingDayAfter(calendar: WorkingCalendar, d: VnDate): VnDate {
  let day = addDays(d, 1);
  for (let i = 0; i < SEARCH_LIMIT && !calendar.isWorkingDay(day); i++) day = addDays(day, 1);
  return day;
}

function firstWorkingDayAtOrAfter(calendar: WorkingCalendar, d: VnDate): VnDate {
  return calendar.isWorkingDay(d) ? d : firstWorkingDayAfter(calendar, d);
}

/** Latest Vietnam date on which a supplement may be requested (3 working days, Art. 19). */
export function supplementRequestDeadline(state: DossierState, calendar: WorkingCalendar): VnDate {
  return calendar.addWorkingDays(vnDate(new Date(state.receivedAt)), 3);
}

/**
 * First Vietnam date on which a dossier awaiting a supplement may be closed: the notice day
 * is not counted, the 15th day is the citizen's last day (moved to the next working day if
 * it is a day off), closing is possible the day after.
 */
export function closeAllowedFrom(
  requestedAt: Date,
  calendar: WorkingCalendar,
  days: number = DEFAULT_SUPPLEMENT_CLOSE_DAYS,
): VnDate {
  const lastDay = firstWorkingDayAtOrAfter(calendar, addDays(vnDate(requestedAt), days));
  return addDays(lastDay, 1);
}

/** Latest Vietnam date on which an extension may be requested: due date − 1 day. */
export function extensionRequestDeadline(dueDate: VnDate): VnDate {
  return addDays(dueDate, -1);
}

/**
 * trước hạn / đúng hạn / quá hạn. Early = returned before the due day. For procedures counted
 * in working or calendar days, on time = on the due day. For hour-based and same-day
 * procedures the due instant matters: on time = on the due day at or before `dueAt`, late
 * otherwise (a result hours late on the due day is late).
 */
export function classifyOnTime(
  returnedAt: Date,
  dueDate: VnDate,
  instant?: { dueAt: string | null; unit: TimeUnit },
): OnTimeClass {
  const day = vnDate(returnedAt);
  if (day < dueDate) return 'early';
  if (day !== dueDate) return 'late';
  const byInstant = instant && (instant.unit === 'hour' || instant.unit === 'same_day');
  if (byInstant && instant.dueAt !== null && returnedAt.getTime() > Date.parse(instant.dueAt)) {
    return 'late';
  }
  return 'on_time';
}

/**
 * Whether a dossier without a result is past its legal due date at `now`: after the due day,
 * or, for hour-based and same-day limits, after the due instant on the due day.
 */
export function isPastDue(state: DossierState, now: Date): boolean {
  if (state.dueDate === null) return false;
  const today = vnDate(now);
  if (today > state.dueDate) return true;
  const unit = state.processingTime.unit;
  return (
    today === state.dueDate &&
    (unit === 'hour' || unit === 'same_day') &&
    state.dueAt !== null &&
    now.getTime() > Date.parse(state.dueAt)
  );
}

/** The latest apology's appointment (the date the citizen was last given), or null. */
export function appointmentDate(state: DossierState): VnDate | null {
  const last = state.apologies?.[state.apologies.length - 1];
  return last ? last.newDueDate : null;
}

/**
 * Whether an apology may be issued now: past due, no result, and no earlier apology whose
 * appointment has not yet passed (a new one is allowed once that date passes).
 */
export function apologyAllowed(state: DossierState, now: Date): boolean {
  if (state.status !== 'received' && state.status !== 'in_process') return false;
  if (!isPastDue(state, now)) return false;
  const pending = appointmentDate(state);
  return pending === null || vnDate(now) > pending;
}

/** The on-time class of a dossier's result at `at` against its legal due date. */
function onTimeOf(state: DossierState, at: Date): OnTimeClass {
  return classifyOnTime(at, state.dueDate ?? state.originalDueDate, {
    dueAt: state.dueDate ? state.dueAt : null,
    unit: state.processingTime.unit,
  });
}

/**
 * The class stored when the agency settles a dossier. Without a due date (never the case from
 * the statuses that settle, kept for safety) the reports count it on time.
 */
function settledClassOf(state: DossierState, at: Date): OnTimeClass {
  return state.dueDate === null ? 'on_time' : onTimeOf(state, at);
}

function closeDaysOf(ctx: { policy?: LifecyclePolicy }): number {
  return ctx.policy?.supplementCloseDays ?? DEFAULT_SUPPLEMENT_CLOSE_DAYS;
}

/**
 * The 'resume' supplement clock: the due date the dossier had when the supplement was
 * requested, moved on by the days the clock stood still (working days for working-day
 * limits, calendar days for calendar-day limits; a period ending on a day off ends on the next
 * working day), at the same time of day. Hour-based and same-day limits, and dossiers stored
 * without the paused due date, restart instead (null).
 */
function resumedDue(
  state: DossierState,
  ctx: { now: Date; calendar: WorkingCalendar },
): { dueDate: VnDate; dueAt: Date } | null {
  const paused = state.supplement?.pausedDueDate;
  const requestedAt = state.supplement?.requestedAt;
  const unit = state.processingTime.unit;
  if (!paused || !requestedAt || (unit !== 'working_day' && unit !== 'day')) return null;
  const from = vnDate(new Date(requestedAt));
  const to = vnDate(ctx.now);
  let dueDate: VnDate;
  if (unit === 'working_day') {
    dueDate = ctx.calendar.addWorkingDays(paused, ctx.calendar.workingDaysBetween(from, to));
  } else {
    dueDate = firstWorkingDayAtOrAfter(ctx.calendar, addDays(paused, daysBetween(from, to)));
  }
  if (dueDate < to) dueDate = to;
  return { dueDate, dueAt: sameTimeOfDay(state.dueAt ?? null, dueDate) };
}

/** The last day to correct a wrong result: 3 working days after it was reported (Art. 22). */
export function correctionDeadline(reportedOn: VnDate, calendar: WorkingCalendar): VnDate {
  return calendar.addWorkingDays(reportedOn, 3);
}

/**
 * The latest instant to pass a paper dossier from the desk to the processing unit (NĐ
 * 118/2025 Art. 18): the day of receipt (by the closing time) when received on a working day
 * not after the cut-off (15:00:00 still counts, the same reading as "sau 15 giờ" of the
 * same-day limit), otherwise the start of the next working day ("đầu giờ ngày làm việc tiếp
 * theo": the first office-hours opening).
 */
export function transferDeadline(
  receivedAt: Date,
  calendar: WorkingCalendar,
  options: DueDateOptions = {},
): Date {
  const day = vnDate(receivedAt);
  if (calendar.isWorkingDay(day) && !pastCutoff(receivedAt, options.cutoff ?? '15:00')) {
    const [h = 17, m = 0] = (options.closingTime ?? '17:00').split(':').map(Number);
    return vnInstant(day, h, m);
  }
  const opening = options.officeHours?.[0]?.start ?? '08:00';
  const [h = 8, m = 0] = opening.split(':').map(Number);
  return vnInstant(firstWorkingDayAfter(calendar, day), h, m);
}

/**
 * Art. 18 warning: a received dossier not yet passed on to a processing unit after its
 * transfer deadline. Separate from `dossierWarnings` (which says how the time limit stands):
 * both can hold at once.
 */
export function transferWarning(
  state: DossierState,
  now: Date,
  calendar: WorkingCalendar,
  lang: Lang = 'vi',
  options: DueDateOptions = {},
): DossierWarning | null {
  if (state.status !== 'received' || state.currentUnit !== null) return null;
  const deadline = transferDeadline(new Date(state.receivedAt), calendar, options);
  if (now.getTime() <= deadline.getTime()) return null;
  return {
    kind: 'transfer_overdue',
    at: deadline.toISOString(),
    message: warningMessage('transfer_overdue', { at: deadline.toISOString() }, lang),
  };
}

function forbid(
  rule: LifecycleRule,
  ctx: { lang?: Lang },
  params: MessageParams = {},
): TransitionResult {
  return {
    ok: false,
    code: 'TRANSITION_FORBIDDEN',
    rule,
    message: ruleMessage(rule, params, ctx.lang ?? 'vi'),
  };
}

function isTerminal(status: DossierStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

function sameTimeOfDay(previousDueAt: string | null, newDueDate: VnDate): Date {
  if (!previousDueAt) return vnInstant(newDueDate, 17, 0);
  const p = vnParts(new Date(previousDueAt));
  return vnInstant(newDueDate, p.hour, p.minute, p.second);
}

// ---------------------------------------------------------------------------------------
// Reception

export interface ReceiveInput<C extends WorkingCalendar = WorkingCalendar> {
  receivedAt: Date;
  processingTime: ProcessingTime;
  /** `processingTime` is the longer limit when verification is needed. */
  needsVerification?: boolean;
  /** Number of sets (bộ) received; absent = 1. */
  sets?: number;
  officerId: string;
  calendar: C;
  dueDate: ComputeDueDate<C>;
  dueDateOptions?: DueDateOptions;
}

/** The initial state of a complete dossier at reception (Art. 17) and its first event. */
export function receiveDossier<C extends WorkingCalendar>(
  input: ReceiveInput<C>,
): { state: DossierState; event: DossierEvent } {
  const due = input.dueDate(
    input.calendar,
    { receivedAt: input.receivedAt, ...input.processingTime },
    input.dueDateOptions,
  );
  const at = input.receivedAt.toISOString();
  const state: DossierState = {
    status: 'received',
    processingTime: { ...input.processingTime },
    ...(input.needsVerification ? { needsVerification: true } : {}),
    ...(input.sets !== undefined && input.sets !== 1 ? { sets: input.sets } : {}),
    receivedAt: at,
    clockStartedAt: at,
    dueDate: due.dueDate,
    dueAt: due.dueAt.toISOString(),
    originalDueDate: due.dueDate,
    currentUnit: null,
    supplement: null,
    extension: null,
    resultReadyAt: null,
    returned: null,
    refusal: null,
    stop: null,
    closedAt: null,
    lastEventAt: at,
  };
  const event: DossierEvent = {
    type: 'received',
    at,
    officerId: input.officerId,
    fromStatus: null,
    toStatus: 'received',
    reason: null,
    dueDateBefore: null,
    dueDateAfter: due.dueDate,
    details: {
      processingAmount: input.processingTime.amount,
      processingUnit: input.processingTime.unit,
      needsVerification: input.needsVerification === true,
    },
  };
  return { state, event };
}

// ---------------------------------------------------------------------------------------
// Transitions

const ALLOWED_FROM: Record<DossierActionName, readonly DossierStatus[]> = {
  transfer: ['received', 'in_process'],
  'request-supplement': ['received', 'in_process'],
  'supplement-received': ['awaiting_supplement'],
  close: ['awaiting_supplement'],
  refuse: ['received', 'in_process'],
  extend: ['received', 'in_process'],
  apologise: ['received', 'in_process'],
  'result-ready': ['received', 'in_process'],
  return: ['result_ready'],
  stop: ['received', 'in_process', 'awaiting_supplement'],
  'correct-result': ['result_ready', 'returned'],
};

const STATUS_RULE: Record<DossierActionName, LifecycleRule> = {
  transfer: 'transfer.fromStatus',
  'request-supplement': 'supplement.fromStatus',
  'supplement-received': 'supplementReceived.notAwaiting',
  close: 'close.notAwaiting',
  refuse: 'refuse.fromStatus',
  extend: 'extend.fromStatus',
  apologise: 'apology.fromStatus',
  'result-ready': 'resultReady.fromStatus',
  return: 'return.onlyFromResultReady',
  stop: 'stop.fromStatus',
  'correct-result': 'correction.fromStatus',
};

/**
 * Apply one officer action to a dossier. Pure: the same inputs always give the same output.
 * Rule checks run in this order: final state, clock sanity, allowed-from status, then the
 * action's own rules (so "second supplement" is reported as `supplement.onlyOnce` even on
 * a dossier that is back in process).
 */
export function applyDossierAction<C extends WorkingCalendar>(
  state: DossierState,
  action: DossierAction,
  ctx: LifecycleContext<C>,
): TransitionResult {
  // A returned result may still be corrected (Art. 22); every other final state is final.
  const correctingReturned = action.action === 'correct-result' && state.status === 'returned';
  if (isTerminal(state.status) && !correctingReturned) {
    return forbid('dossier.terminal', ctx, { status: state.status });
  }
  if (ctx.now.getTime() < new Date(state.lastEventAt).getTime()) {
    return forbid('time.beforeLastEvent', ctx);
  }
  // Rules that hold whatever the current status (checked before the status table so the
  // officer sees the real reason).
  if (action.action === 'request-supplement' && state.supplement !== null) {
    return forbid('supplement.onlyOnce', ctx);
  }
  if (action.action === 'extend' && state.extension !== null) {
    return forbid('extend.onlyOnce', ctx);
  }
  if (!ALLOWED_FROM[action.action].includes(state.status)) {
    return forbid(STATUS_RULE[action.action], ctx, { status: state.status });
  }

  const at = ctx.now.toISOString();
  const today = vnDate(ctx.now);
  const base = { at, officerId: ctx.officerId, fromStatus: state.status };
  const done = (next: DossierState, event: Omit<DossierEvent, 'at' | 'officerId' | 'fromStatus'>) =>
    ({
      ok: true,
      state: { ...next, lastEventAt: at },
      event: { ...base, ...event },
    }) as const;

  switch (action.action) {
    case 'transfer': {
      const unit = action.unit.trim();
      if (!unit) return forbid('transfer.unitRequired', ctx);
      return done(
        { ...state, status: 'in_process', currentUnit: unit },
        {
          type: 'transferred',
          toStatus: 'in_process',
          reason: action.note?.trim() || null,
          dueDateBefore: state.dueDate,
          dueDateAfter: state.dueDate,
          details: {
            unit,
            previousUnit: state.currentUnit,
            // Art. 18: the first hand-over from the desk has a deadline; later ones do not.
            ...(state.currentUnit === null
              ? (() => {
                  const deadline = transferDeadline(
                    new Date(state.receivedAt),
                    ctx.calendar,
                    ctx.dueDateOptions,
                  );
                  return {
                    transferDeadline: deadline.toISOString(),
                    transferLate: ctx.now.getTime() > deadline.getTime(),
                  };
                })()
              : {}),
          },
        },
      );
    }

    case 'request-supplement': {
      const reason = action.reason.trim();
      if (!reason) return forbid('supplement.reasonRequired', ctx);
      const deadline = supplementRequestDeadline(state, ctx.calendar);
      const late = today > deadline;
      if (late && (ctx.policy?.lateSupplementRequest ?? 'forbid') === 'forbid') {
        return forbid('supplement.within3WorkingDays', ctx, { deadline });
      }
      const documents = (action.documents ?? []).map((d) => d.trim()).filter(Boolean);
      return done(
        {
          ...state,
          status: 'awaiting_supplement',
          dueDate: null,
          dueAt: null,
          supplement: {
            requestedAt: at,
            reason,
            documents,
            late,
            receivedAt: null,
            pausedDueDate: state.dueDate,
          },
        },
        {
          type: 'supplement_requested',
          toStatus: 'awaiting_supplement',
          reason,
          dueDateBefore: state.dueDate,
          dueDateAfter: null,
          details: {
            documents,
            late,
            deadline,
            closeAllowedFrom: closeAllowedFrom(ctx.now, ctx.calendar, closeDaysOf(ctx)),
          },
        },
      );
    }

    case 'supplement-received': {
      const clock = ctx.policy?.supplementClock ?? 'restart';
      const resumed = clock === 'resume' ? resumedDue(state, ctx) : null;
      const due =
        resumed ??
        ctx.dueDate(
          ctx.calendar,
          { receivedAt: ctx.now, ...state.processingTime },
          ctx.dueDateOptions,
        );
      const status: DossierStatus = state.currentUnit ? 'in_process' : 'received';
      const supplement = state.supplement ? { ...state.supplement, receivedAt: at } : null;
      return done(
        {
          ...state,
          status,
          clockStartedAt: at,
          dueDate: due.dueDate,
          dueAt: due.dueAt.toISOString(),
          supplement,
        },
        {
          type: 'supplement_received',
          toStatus: status,
          reason: action.note?.trim() || null,
          dueDateBefore: null,
          dueDateAfter: due.dueDate,
          details: resumed
            ? { clockResumedAt: at, supplementClock: 'resume' }
            : { clockRestartedAt: at, supplementClock: 'restart' },
        },
      );
    }

    case 'close': {
      const requestedAt = state.supplement?.requestedAt;
      if (!requestedAt) return forbid('close.notAwaiting', ctx);
      const closeDays = closeDaysOf(ctx);
      const from = closeAllowedFrom(new Date(requestedAt), ctx.calendar, closeDays);
      if (today < from) return forbid('close.before15Days', ctx, { date: from, days: closeDays });
      return done(
        { ...state, status: 'closed', closedAt: at },
        {
          type: 'closed',
          toStatus: 'closed',
          reason: action.reason?.trim() || null,
          dueDateBefore: null,
          dueDateAfter: null,
          details: {
            supplementRequestedAt: requestedAt,
            daysSinceNotice: daysBetween(vnDate(new Date(requestedAt)), today),
          },
        },
      );
    }

    case 'refuse': {
      const reason = action.reason.trim();
      if (!reason) return forbid('refuse.reasonRequired', ctx);
      return done(
        {
          ...state,
          status: 'refused',
          refusal: { at, reason },
          settledClass: settledClassOf(state, ctx.now),
        },
        {
          type: 'refused',
          toStatus: 'refused',
          reason,
          dueDateBefore: state.dueDate,
          dueDateAfter: null,
          details: { afterDueDate: state.dueDate !== null && today > state.dueDate },
        },
      );
    }

    case 'extend': {
      const reason = action.reason.trim();
      if (!reason) return forbid('extend.reasonRequired', ctx);
      const current = state.dueDate;
      if (current === null) return forbid('extend.fromStatus', ctx, { status: state.status });
      const newDueDate = action.newDueDate;
      if (!isVnDate(newDueDate)) return forbid('extend.newDueDateInvalid', ctx);
      const deadline = extensionRequestDeadline(current);
      if (today > deadline) return forbid('extend.tooLate', ctx, { dueDate: current, deadline });
      if (newDueDate <= current) {
        return forbid('extend.newDueDateNotAfterCurrent', ctx, { dueDate: current, newDueDate });
      }
      if (!ctx.calendar.isWorkingDay(newDueDate)) {
        return forbid('extend.newDueDateNotWorkingDay', ctx, { newDueDate });
      }
      return done(
        {
          ...state,
          dueDate: newDueDate,
          dueAt: sameTimeOfDay(state.dueAt, newDueDate).toISOString(),
          extension: { requestedAt: at, reason, previousDueDate: current, newDueDate },
        },
        {
          type: 'extended',
          toStatus: state.status,
          reason,
          dueDateBefore: current,
          dueDateAfter: newDueDate,
          details: { originalDueDate: state.originalDueDate },
        },
      );
    }

    case 'apologise': {
      const reason = action.reason.trim();
      if (!reason) return forbid('apology.reasonRequired', ctx);
      if (!isPastDue(state, ctx.now)) {
        return forbid('apology.notLate', ctx, { dueDate: state.dueDate ?? undefined });
      }
      const pending = appointmentDate(state);
      if (pending !== null && today <= pending) {
        return forbid('apology.pending', ctx, { date: pending });
      }
      const newDueDate = action.newDueDate;
      if (!isVnDate(newDueDate)) return forbid('extend.newDueDateInvalid', ctx);
      if (newDueDate <= today)
        return forbid('apology.newDueDateNotAfterToday', ctx, { newDueDate });
      if (!ctx.calendar.isWorkingDay(newDueDate)) {
        return forbid('extend.newDueDateNotWorkingDay', ctx, { newDueDate });
      }
      const apologies = [...(state.apologies ?? []), { at, reason, newDueDate }];
      return done(
        { ...state, apologies },
        {
          type: 'apology',
          toStatus: state.status,
          reason,
          // The legal due date does not move: the dossier stays "quá hạn".
          dueDateBefore: state.dueDate,
          dueDateAfter: state.dueDate,
          details: {
            newDueDate,
            previousAppointment: pending,
            letter: apologies.length,
          },
        },
      );
    }

    case 'result-ready': {
      return done(
        {
          ...state,
          status: 'result_ready',
          resultReadyAt: at,
          settledClass: settledClassOf(state, ctx.now),
        },
        {
          type: 'result_ready',
          toStatus: 'result_ready',
          reason: action.note?.trim() || null,
          dueDateBefore: state.dueDate,
          dueDateAfter: state.dueDate,
          details: {
            resultOnTime: state.dueDate ? onTimeOf(state, ctx.now) : null,
          },
        },
      );
    }

    case 'return': {
      const collectedBy = action.collectedBy.trim();
      if (!collectedBy) return forbid('return.collectorRequired', ctx);
      const collectorKind = action.collectorKind ?? 'applicant';
      const authorisationChecked = action.authorisationChecked ?? false;
      if (collectorKind === 'authorised' && !authorisationChecked) {
        return forbid('return.authorisationRequired', ctx);
      }
      const onTime = onTimeOf(state, ctx.now);
      const secondCollectedBy = action.secondCollectedBy?.trim() || null;
      const returned = {
        at,
        collectedBy,
        secondCollectedBy,
        collectorKind,
        idChecked: action.idChecked,
        authorisationChecked,
        feePaidVnd: action.feePaidVnd ?? null,
        paymentMethod: action.paymentMethod ?? null,
        onTime,
      };
      return done(
        { ...state, status: 'returned', returned },
        {
          type: 'returned',
          toStatus: 'returned',
          reason: action.note?.trim() || null,
          dueDateBefore: state.dueDate,
          dueDateAfter: state.dueDate,
          details: {
            collectedBy,
            ...(secondCollectedBy ? { secondCollectedBy } : {}),
            collectorKind,
            idChecked: action.idChecked,
            authorisationChecked,
            feePaidVnd: returned.feePaidVnd,
            paymentMethod: returned.paymentMethod,
            onTime,
          },
        },
      );
    }

    case 'correct-result': {
      const reason = action.reason.trim();
      if (!reason) return forbid('correction.reasonRequired', ctx);
      const reportedOn = action.reportedOn ?? today;
      const resultDay = state.resultReadyAt ? vnDate(new Date(state.resultReadyAt)) : today;
      if (!isVnDate(reportedOn) || reportedOn > today || reportedOn < resultDay) {
        return forbid('correction.reportedOnInvalid', ctx, { date: resultDay });
      }
      const deadline = correctionDeadline(reportedOn, ctx.calendar);
      const late = today > deadline;
      const corrections = [
        ...(state.corrections ?? []),
        { at, reason, reportedOn, deadline, late },
      ];
      return done(
        { ...state, corrections },
        {
          type: 'result_corrected',
          toStatus: state.status,
          reason,
          dueDateBefore: state.dueDate,
          dueDateAfter: state.dueDate,
          details: { reportedOn, deadline, late, correction: corrections.length },
        },
      );
    }

    case 'stop': {
      const reason = action.reason?.trim() || null;
      return done(
        { ...state, status: 'stopped', stop: { at, reason } },
        {
          type: 'stopped',
          toStatus: 'stopped',
          reason,
          dueDateBefore: state.dueDate,
          dueDateAfter: null,
          details: { requestedByApplicant: true },
        },
      );
    }
  }
}

// ---------------------------------------------------------------------------------------
// Warnings for the desk

export interface DossierWarning {
  kind: WarningKind;
  /** Due date concerned (due_today / due_tomorrow / overdue). */
  dueDate?: VnDate;
  /**
   * due_tomorrow: last day to send the extension; supplement_overdue: close allowed from;
   * overdue: the appointment given by the latest apology letter.
   */
  date?: VnDate;
  /** overdue: calendar days past the due date. */
  days?: number;
  /** transfer_overdue: the Art. 18 transfer deadline (ISO instant). */
  at?: string;
  /**
   * due_tomorrow: an extension (apology + new date) can still be sent today; overdue: an
   * apology letter for the late dossier may be issued now.
   */
  apologyPossible?: boolean;
  message: string;
}

/** Whether `now` (Vietnam time) is after the same-day cut-off 'HH:mm' (15:00:00 is not). */
function pastCutoff(now: Date, cutoff: string): boolean {
  const [h = 15, m = 0] = cutoff.split(':').map(Number);
  const p = vnParts(now);
  return p.hour * 3600 + p.minute * 60 + p.second > h * 3600 + m * 60;
}

/**
 * What the desk should flag for a dossier right now:
 * - `due_today`: due date is today;
 * - `due_tomorrow`: no working day left between today and the due date (the last day on
 *   which an apology with a new date is still possible, if the dossier was never extended);
 * - `overdue`: due date passed and no result yet;
 * - `supplement_overdue`: awaiting supplement and the 15 days are over (may be closed).
 * A same-day procedure received today is not flagged `due_today` until the day's cut-off
 * (`options.cutoff`, "sau 15 giờ", docs/calendar.md): being due today is its time limit.
 */
export function dossierWarnings(
  state: DossierState,
  now: Date,
  calendar: WorkingCalendar,
  lang: Lang = 'vi',
  options: Pick<DueDateOptions, 'cutoff'> & { supplementCloseDays?: number } = {},
): DossierWarning[] {
  const today = vnDate(now);
  if (state.status === 'awaiting_supplement' && state.supplement) {
    const from = closeAllowedFrom(
      new Date(state.supplement.requestedAt),
      calendar,
      options.supplementCloseDays,
    );
    if (today >= from) {
      return [
        {
          kind: 'supplement_overdue',
          date: from,
          message: warningMessage(
            'supplement_overdue',
            { date: from, days: options.supplementCloseDays ?? DEFAULT_SUPPLEMENT_CLOSE_DAYS },
            lang,
          ),
        },
      ];
    }
    return [];
  }
  if ((state.status !== 'received' && state.status !== 'in_process') || !state.dueDate) return [];
  const dueDate = state.dueDate;
  if (today > dueDate) {
    const days = daysBetween(dueDate, today);
    const appointment = appointmentDate(state);
    return [
      {
        kind: 'overdue',
        dueDate,
        days,
        // An apology letter with a new appointment is due (or the last one's date passed).
        apologyPossible: apologyAllowed(state, now),
        ...(appointment ? { date: appointment } : {}),
        message: warningMessage('overdue', { dueDate, days }, lang),
      },
    ];
  }
  if (today === dueDate) {
    if (
      state.processingTime.unit === 'same_day' &&
      vnDate(new Date(state.receivedAt)) === today &&
      !pastCutoff(now, options.cutoff ?? '15:00')
    ) {
      return [];
    }
    return [
      { kind: 'due_today', dueDate, message: warningMessage('due_today', { dueDate }, lang) },
    ];
  }
  // A dossier due on the next working day is not "at risk" on the day it was received: that
  // is simply its time limit (a 1-working-day procedure), not a delay (docs/desk.md).
  if (vnDate(new Date(state.receivedAt)) === today) return [];
  if (firstWorkingDayAfter(calendar, today) >= dueDate) {
    const deadline = extensionRequestDeadline(dueDate);
    return [
      {
        kind: 'due_tomorrow',
        dueDate,
        date: deadline,
        apologyPossible: state.extension === null,
        message: warningMessage('due_tomorrow', { dueDate, deadline }, lang),
      },
    ];
  }
  return [];
}
