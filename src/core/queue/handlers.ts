import { APP_EVENTS, AppError, type PrintJob, type PublicUser } from '../../shared/contract';
import type { PrintService, SubmitInput } from '../printing/jobs/printService';
import { ticketLayout } from '../printing/layouts/ticket';
import type { CallContext } from '../context';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { EventBus } from '../events/eventBus';
import type { Handler } from '../handlerTypes';
import { recordAudit } from '../audit/auditLog';
import { getSite } from '../settings/site';
import type { PublicAddress } from '../settings/publicAddress';
import { translate } from '../../shared/i18n';
import { createQueueAdmin } from './queueAdmin';
import type { TicketRow } from './queueRepo';
import { createQueueService } from './queueService';
import { ruleError, toOfficerTicket } from './ticketViews';
import { getQueueSettings, saveQueueSettings } from './settings';

/** The printing subsystem as the queue sees it: `deps.print` (src/core/printing/jobs). */
export type TicketPrintPort = Pick<PrintService, 'submit' | 'enqueue' | 'send'>;

/** The address a ticket's QR encodes (the surface outside tools rely on: docs/queue.md). */
export function ticketStatusUrl(base: string, ticketId: string): string {
  return `${base.replace(/\/+$/, '')}/ticket/${encodeURIComponent(ticketId)}`;
}

export interface QueueDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
  /** Without it (tests of the ordering alone) tickets are issued with printStatus 'none'. */
  print?: TicketPrintPort | undefined;
  /** Where the ticket's QR points; without it tickets carry no QR. */
  publicAddress?: PublicAddress | undefined;
}

type QueueOps =
  | 'queue.services'
  | 'queue.priorities'
  | 'queue.issue'
  | 'queue.ticket'
  | 'queue.callNext'
  | 'queue.callNumber'
  | 'queue.action'
  | 'queue.reprint'
  | 'queue.counterPause'
  | 'queue.counterResume'
  | 'queue.counterView'
  | 'queue.board'
  | 'queue.settings'
  | 'queue.settingsUpdate'
  | 'queue.adminConfig'
  | 'queue.serviceCreate'
  | 'queue.serviceUpdate'
  | 'queue.serviceRemove'
  | 'queue.counterCreate'
  | 'queue.counterUpdate'
  | 'queue.counterServices'
  | 'queue.counterRemove';

function requireUser(ctx: CallContext): PublicUser {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED');
  return ctx.user;
}

/** The queue's operations; spread into `createHandlers`. */
export function createQueueHandlers(deps: QueueDeps): { [N in QueueOps]: Handler<N> } {
  const { db, clock, events } = deps;
  const queue = createQueueService(db, clock, events);
  const admin = createQueueAdmin(db, clock, events);

  /** The ticket's status page, from the public address (null: no QR). */
  function statusUrlOf(ticketId: string, requestOrigin: string | null): string | null {
    const base = deps.publicAddress?.base(requestOrigin) ?? null;
    return base ? ticketStatusUrl(base, ticketId) : null;
  }

  /** The print job of a ticket: the layout filled from the ticket row. */
  function ticketJob(t: TicketRow, requestOrigin: string | null): SubmitInput {
    const settings = getQueueSettings(db);
    const service = db
      .prepare('SELECT name FROM queue_services WHERE id = ?')
      .get(t.service_id) as {
      name: string;
    };
    const label = t.priority
      ? settings.priorityCategories.find((c) => c.code === t.priority)?.label
      : undefined;
    const statusUrl = statusUrlOf(t.id, requestOrigin);
    const document = ticketLayout({
      agencyName: getSite(db, clock.now()).agencyName,
      number: t.number,
      serviceName: service.name,
      issuedAt: new Date(t.issued_at),
      peopleAhead: t.ahead_at_issue,
      estimatedWaitMinutes: { min: t.est_min, max: t.est_max },
      ...(statusUrl ? { statusUrl } : {}),
      ...(label ? { priorityLabel: label } : {}),
    });
    return {
      role: 'ticket',
      kind: 'ticket',
      document,
      refType: 'ticket',
      refId: t.id,
      autoRetry: false, // a citizen is standing at the kiosk: fail now, do not print later
    };
  }

  function outcomeOf(job: PrintJob) {
    const status = job.status === 'printing' ? ('queued' as const) : job.status;
    return { id: job.id, status, error: job.error ? job.error.message : null };
  }

  async function printTicket(t: TicketRow, requestOrigin: string | null) {
    const print = deps.print;
    if (!print) return { id: null, status: 'none' as const, error: null };
    try {
      return outcomeOf(await print.submit(ticketJob(t, requestOrigin)));
    } catch (e) {
      return {
        id: null,
        status: 'failed' as const,
        error: e instanceof Error ? e.message : String(e),
      };
    }
  }

  return {
    'queue.services': () =>
      queue.services().map((s) => ({
        id: s.id,
        code: s.code,
        name: s.name,
        prefix: s.prefix,
        waiting: s.waiting,
      })),
    'queue.priorities': () =>
      getQueueSettings(db)
        .priorityCategories.filter((c) => c.enabled)
        .map((c) => ({ code: c.code, label: c.label })),
    'queue.issue': async (input, ctx) => {
      // One commit for the ticket and its print job; with a printer, one more for the
      // outcome of printing and the ticket's print status together.
      const settings = getQueueSettings(db);
      const print = deps.print;
      let pending: { jobId: string; printerKey: string } | null = null;
      let t = queue.issue(input, ctx.device || !ctx.user ? 'kiosk' : 'officer', {
        awaitPrint: print !== undefined && settings.issueOnlyIfPrinted,
        printStatus: print ? 'pending' : 'none',
        attachPrint: print
          ? (row) => {
              const { job, printerKey } = print.enqueue(ticketJob(row, ctx.origin));
              if (printerKey) pending = { jobId: job.id, printerKey };
              return { jobId: job.id, screen: printerKey === null };
            }
          : undefined,
      });
      const toSend = pending as { jobId: string; printerKey: string } | null;
      if (print && toSend) {
        let outcome: ReturnType<typeof outcomeOf> | null = null;
        await print.send(toSend.jobId, toSend.printerKey, (job) => {
          outcome = outcomeOf(job);
          t = queue.recordPrint(t.id, outcome, settings.issueOnlyIfPrinted);
        });
        const settled = outcome as ReturnType<typeof outcomeOf> | null;
        if (t.status === 'void') {
          throw ruleError(
            'queue.err.printFailed',
            { reason: settled?.error ?? '' },
            'UNPROCESSABLE',
            {
              reason: 'TICKET_PRINT_FAILED',
              ticketId: t.id,
              number: t.number,
            },
          );
        }
      }
      return {
        id: t.id,
        number: t.number,
        serviceId: t.service_id,
        status: 'waiting' as const,
        issuedAt: t.issued_at,
        ahead: t.ahead_at_issue,
        estimatedWaitMinutes: [t.est_min, t.est_max] as [number, number],
        printStatus: t.print_status,
        statusUrl: statusUrlOf(t.id, ctx.origin),
      };
    },
    'queue.ticket': (input) => queue.publicTicket(input.id),
    'queue.callNext': (input, ctx) => {
      const t = queue.callNext(input.counterId, requireUser(ctx));
      return t ? { ticket: toOfficerTicket(t) } : null;
    },
    'queue.callNumber': (input, ctx) => ({
      ticket: toOfficerTicket(queue.callNumber(input.counterId, input.number, requireUser(ctx))),
    }),
    'queue.action': ({ id, ...rest }, ctx) => ({
      ticket: toOfficerTicket(queue.act(id, rest, requireUser(ctx))),
    }),
    'queue.reprint': async (input, ctx) => {
      const t = queue.getTicket(input.id);
      if (!deps.print) throw ruleError('queue.err.noPrinting', {}, 'CONFLICT');
      if (t.status === 'done') throw ruleError('queue.err.reprintDone', { number: t.number });
      const job = await printTicket(t, ctx.origin);
      const next = queue.recordPrint(t.id, job, getQueueSettings(db).issueOnlyIfPrinted);
      return { ticket: toOfficerTicket(next) };
    },
    'queue.counterPause': (input, ctx) =>
      queue.setPaused(input.counterId, true, input.reason, requireUser(ctx)),
    'queue.counterResume': (input, ctx) =>
      queue.setPaused(input.counterId, false, null, requireUser(ctx)),
    'queue.counterView': (input) => queue.counterView(input.counterId),
    'queue.board': (_input, ctx) => {
      const settings = getQueueSettings(db);
      return {
        ...queue.board(),
        rule: ruleText(ctx, settings),
        voice: { repeat: settings.voiceRepeat, pauseMs: settings.voicePauseMs },
      };
    },
    'queue.settings': () => getQueueSettings(db),
    'queue.settingsUpdate': (input, ctx) => {
      const now = clock.now();
      const saved = db.transaction(() => {
        const value = saveQueueSettings(db, input, now);
        recordAudit(
          db,
          {
            actor: requireUser(ctx),
            action: 'queue.settings.update',
            entity: 'settings',
            details: value,
          },
          now,
        );
        return value;
      })();
      events.publish(APP_EVENTS.queueChanged, { settings: true }, now);
      return saved;
    },
    // Administration of services, counters and their links (queueAdmin.ts).
    'queue.adminConfig': () => admin.config(),
    'queue.serviceCreate': (input, ctx) => admin.createService(input, requireUser(ctx)),
    'queue.serviceUpdate': ({ id, ...rest }, ctx) =>
      admin.updateService(id, rest, requireUser(ctx)),
    'queue.serviceRemove': (input, ctx) => admin.removeService(input.id, requireUser(ctx)),
    'queue.counterCreate': (input, ctx) => admin.createCounter(input, requireUser(ctx)),
    'queue.counterUpdate': ({ counterId, ...rest }, ctx) =>
      admin.updateCounter(counterId, rest, requireUser(ctx)),
    'queue.counterServices': ({ counterId, serviceIds }, ctx) =>
      admin.updateCounter(counterId, { serviceIds }, requireUser(ctx)),
    'queue.counterRemove': (input, ctx) => admin.removeCounter(input.counterId, requireUser(ctx)),
  };
}

/** The fairness rule in plain words, as shown on the board (i18n `queue.ruleText.*`). */
export function ruleText(
  ctx: Pick<CallContext, 'lang'>,
  s: { regularPerPriority: number; maxWaitOverride: boolean },
): string {
  const parts = [
    translate(ctx.lang, 'queue.ruleText.fifo'),
    s.regularPerPriority === 0
      ? translate(ctx.lang, 'queue.ruleText.priorityFirst')
      : translate(ctx.lang, 'queue.ruleText.ratio', { n: s.regularPerPriority }),
  ];
  if (s.maxWaitOverride) parts.push(translate(ctx.lang, 'queue.ruleText.maxWait'));
  parts.push(translate(ctx.lang, 'queue.ruleText.priorityCounter'));
  return parts.join(' ');
}
