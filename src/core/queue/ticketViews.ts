/**
 * How the queue words and shapes tickets: the rule errors (409 with the rule in plain words),
 * the ticket number, the officer's view of a ticket and the people-ahead count. Pure.
 */
import { AppError } from '../../shared/contract';
import type { OfficerTicket, TicketAction } from '../../shared/contract/queue';
import { translate, type MessageKey, type MessageParams } from '../../shared/i18n';
import type { TicketRow } from './queueRepo';

export const VOID_PRINT_FAILED = 'print_failed';

/** A rule broken: 409 with the rule in plain Vietnamese (English on request). */
export function ruleError(
  key: MessageKey,
  params: MessageParams,
  code: 'CONFLICT' | 'NOT_FOUND' | 'UNPROCESSABLE' = 'CONFLICT',
  details?: unknown,
): AppError {
  return new AppError(code, {
    message: { vi: translate('vi', key, params), en: translate('en', key, params) },
    ...(details === undefined ? {} : { details }),
  });
}

export function statusParams(t: TicketRow): { vi: string; en: string } {
  const key = `queue.status.${t.status}` as MessageKey;
  return { vi: translate('vi', key), en: translate('en', key) };
}

/** An illegal action for the ticket's status: 409 naming the rule and the current status. */
export function illegal(action: TicketAction | 'call', t: TicketRow): AppError {
  const key = `queue.rule.${action}` as MessageKey;
  const s = statusParams(t);
  return new AppError('CONFLICT', {
    message: {
      vi: translate('vi', key, { number: t.number, status: s.vi }),
      en: translate('en', key, { number: t.number, status: s.en }),
    },
    details: { rule: action, status: t.status, number: t.number },
  });
}

export const secondsBetween = (from: string | null, to: Date): number | null =>
  from === null ? null : Math.max(0, Math.round((to.getTime() - new Date(from).getTime()) / 1000));

export function formatTicketNumber(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(3, '0')}`;
}

export function toOfficerTicket(r: TicketRow): OfficerTicket {
  return {
    id: r.id,
    number: r.number,
    serviceId: r.service_id,
    status: r.status,
    outcome: r.outcome,
    priority: r.priority,
    channel: r.channel,
    businessDate: r.business_date,
    issuedAt: r.issued_at,
    calledAt: r.called_at,
    startedAt: r.started_at,
    completedAt: r.completed_at,
    callCount: r.call_count,
    counterId: r.counter_id,
    targetCounterId: r.target_counter_id,
    transferNote: r.transfer_note,
    transferCount: r.transfer_count,
    printStatus: r.print_status,
    printError: r.print_error,
    voidReason: r.void_reason,
    aheadAtIssue: r.ahead_at_issue,
    estimatedWaitMinutes: [r.est_min, r.est_max],
    waitSeconds: r.wait_seconds,
    walkSeconds: r.walk_seconds,
    serviceSeconds: r.service_seconds,
  };
}

/**
 * People ahead of a ticket in its service: for a regular ticket everyone waiting before it;
 * for a priority ticket the priority tickets before it plus at most `regularPerPriority`
 * regular ones (the ratio lets that many regulars go first).
 */
export function peopleAhead(
  regularBefore: number,
  priorityBefore: number,
  isPriority: boolean,
  regularPerPriority: number,
): number {
  if (!isPriority) return regularBefore + priorityBefore;
  return priorityBefore + Math.min(regularBefore, regularPerPriority * (priorityBefore + 1));
}
