import {
  APP_EVENTS,
  AppError,
  type PrintJob,
  type PrinterStatusView,
  type PublicUser,
} from '../../../shared/contract';
import { translate, type Lang, type MessageKey } from '../../../shared/i18n';
import { ulid } from '../../../shared/ids';
import type { PrinterConfig, PrinterRole } from '../../../shared/printing/printerProfile';
import { recordAudit } from '../../audit/auditLog';
import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';
import type { EventBus } from '../../events/eventBus';
import type { PrintDocumentInput } from '../document';
import { printDocument, type PrintResult } from '../print';
import { queryStatus } from '../status';
import { parsePrinterUri } from '../transport';
import { documentFromJson, documentToJson } from './documentJson';
import { listPrinters, printerFor } from './printersRepo';

/** Automatic retries: 5 s, 15 s, 45 s, … capped at 5 min, ±20 % jitter, at most 8 attempts. */
export const RETRY_POLICY = { baseMs: 5_000, factor: 3, maxDelayMs: 300_000, maxAttempts: 8 };
const WORKER_INTERVAL_MS = 2_000;
const STATUS_CACHE_MS = 5_000;

export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const raw = Math.min(
    RETRY_POLICY.maxDelayMs,
    RETRY_POLICY.baseMs * RETRY_POLICY.factor ** (attempts - 1),
  );
  return Math.round(raw * (0.8 + 0.4 * random()));
}

interface JobRow {
  id: string;
  kind: string;
  role: PrinterRole;
  printer_id: string | null;
  document: string;
  status: PrintJob['status'];
  attempts: number;
  auto_retry: number;
  next_attempt_at: string | null;
  error_code: string | null;
  error_message: string | null;
  ref_type: string | null;
  ref_id: string | null;
  created_at: string;
  updated_at: string;
  printed_at: string | null;
}

function toView(r: JobRow): PrintJob {
  return {
    id: r.id,
    kind: r.kind,
    role: r.role,
    printerId: r.printer_id,
    status: r.status,
    attempts: r.attempts,
    error: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
    nextAttemptAt: r.next_attempt_at,
    refType: r.ref_type,
    refId: r.ref_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    printedAt: r.printed_at,
  };
}

export interface SubmitInput {
  role: PrinterRole;
  /** What the slip is: 'ticket', 'dossier-receipt', 'return-slip', 'fee-receipt', 'test-page'… */
  kind: string;
  document: PrintDocumentInput;
  refType?: string;
  refId?: string;
  /** Print on this printer instead of the role's (test page). */
  printerId?: string;
  /** Retry automatically with backoff after a failure (default true; a queue ticket: false). */
  autoRetry?: boolean;
}

export type PrintService = ReturnType<typeof createPrintService>;

/**
 * Print jobs that never fail silently: every job is a row before anything is sent, its
 * outcome (done / failed + the reason) is recorded, failures are retried with backoff, a
 * job interrupted by a crash is picked up at the next start, one printer prints one job at
 * a time, and every change is announced to the screens (APP_EVENTS.printJob).
 */
export function createPrintService(
  db: Db,
  clock: Clock,
  events: EventBus,
  options: { sendTimeoutMs?: number; print?: typeof printDocument } = {},
) {
  const print = options.print ?? printDocument;
  const chains = new Map<string, Promise<unknown>>();
  const statusCache = new Map<string, { at: number; view: PrinterStatusView; lang: Lang }>();
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const getRow = (id: string) =>
    db.prepare('SELECT * FROM print_jobs WHERE id = ?').get(id) as JobRow | undefined;

  function announce(row: JobRow): void {
    events.publish(
      APP_EVENTS.printJob,
      { id: row.id, kind: row.kind, role: row.role, status: row.status },
      clock.now(),
    );
  }

  function printerById(id: string | null): PrinterConfig | null {
    if (!id) return null;
    return listPrinters(db).find((p) => p.id === id) ?? null;
  }

  /**
   * One attempt: send, then record the outcome — and whatever the caller must change with it
   * (`onSettled`, e.g. the ticket's print status) — in ONE transaction. There is no separate
   * "printing" commit: every commit waits for the disk (synchronous=FULL), and a job a crash
   * leaves 'queued' is picked up as interrupted at the next start anyway.
   */
  async function attempt(id: string, onSettled?: (job: PrintJob) => void): Promise<JobRow> {
    const row = getRow(id);
    if (!row) throw new AppError('NOT_FOUND');
    const printer = printerById(row.printer_id) ?? printerFor(db, row.role);
    events.publish(
      APP_EVENTS.printJob,
      { id, kind: row.kind, role: row.role, status: 'printing' },
      clock.now(),
    );

    let result: PrintResult | { ok: false; code: 'NO_PRINTER' | 'IO_ERROR'; message: string };
    if (!printer) {
      result = {
        ok: false,
        code: 'NO_PRINTER',
        message: translate('vi', 'printing.noPrinter'),
      };
    } else {
      try {
        result = await print(printer.uri, documentFromJson(row.document), printer, {
          timeoutMs: options.sendTimeoutMs ?? 10_000,
        });
      } catch (e) {
        // The printing core resolves with values; this is a safety net, never a crash.
        result = { ok: false, code: 'IO_ERROR', message: String(e) };
      }
    }
    const now = clock.now();
    const attempts = row.attempts + 1;
    const printerId = printer?.id ?? row.printer_id;
    const final = db.transaction(() => {
      if (result.ok) {
        db.prepare(
          `UPDATE print_jobs SET status = 'done', attempts = ?, printer_id = ?, error_code = NULL,
             error_message = NULL, next_attempt_at = NULL, printed_at = ?, updated_at = ?
           WHERE id = ?`,
        ).run(attempts, printerId, now.toISOString(), now.toISOString(), id);
      } else {
        const retryAt =
          row.auto_retry === 1 && attempts < RETRY_POLICY.maxAttempts
            ? new Date(now.getTime() + retryDelayMs(attempts)).toISOString()
            : null;
        db.prepare(
          `UPDATE print_jobs SET status = 'failed', attempts = ?, printer_id = ?, error_code = ?,
             error_message = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?`,
        ).run(attempts, printerId, result.code, result.message, retryAt, now.toISOString(), id);
      }
      const settled = getRow(id) as JobRow;
      onSettled?.(toView(settled));
      return settled;
    })();
    if (printer) statusCache.delete(printer.id);
    announce(final);
    return final;
  }

  /** Run a job on its printer's chain: one job at a time per printer, in submission order. */
  function run(
    id: string,
    printerKey: string,
    onSettled?: (job: PrintJob) => void,
  ): Promise<JobRow> {
    const previous = chains.get(printerKey) ?? Promise.resolve();
    const next = previous.then(
      () => attempt(id, onSettled),
      () => attempt(id, onSettled),
    );
    chains.set(
      printerKey,
      next.catch(() => undefined),
    );
    return next;
  }

  /**
   * Record a job without sending it — call it inside your own transaction so the job is part
   * of the same commit as the record it prints (e.g. a queue ticket). `printerKey` null means
   * no printer for the role: the job is a 'screen' job, already settled.
   */
  function enqueue(input: SubmitInput): { job: PrintJob; printerKey: string | null } {
    const printer = input.printerId ? printerById(input.printerId) : printerFor(db, input.role);
    if (input.printerId && !printer) throw new AppError('NOT_FOUND');
    const now = clock.now().toISOString();
    const id = ulid();
    const toScreen = !printer || parsePrinterUri(printer.uri)?.kind === 'none';
    db.prepare(
      `INSERT INTO print_jobs (id, kind, role, printer_id, document, status, auto_retry,
         ref_type, ref_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      input.kind,
      input.role,
      printer?.id ?? null,
      documentToJson(input.document),
      toScreen ? 'screen' : 'queued',
      input.autoRetry === false ? 0 : 1,
      input.refType ?? null,
      input.refId ?? null,
      now,
      now,
    );
    return {
      job: toView(getRow(id) as JobRow),
      printerKey: toScreen ? null : (printer as PrinterConfig).id,
    };
  }

  /**
   * Send a job recorded with `enqueue` (after its transaction committed). `onSettled` runs in
   * the same transaction as the job's outcome.
   */
  async function send(
    id: string,
    printerKey: string,
    onSettled?: (job: PrintJob) => void,
  ): Promise<PrintJob> {
    return toView(await run(id, printerKey, onSettled));
  }

  /** Record and print a job; resolves when the first attempt ended (or at once for 'screen'). */
  async function submit(input: SubmitInput): Promise<PrintJob> {
    const { job, printerKey } = enqueue(input);
    if (!printerKey) {
      events.publish(
        APP_EVENTS.printJob,
        { id: job.id, kind: job.kind, role: job.role, status: job.status },
        clock.now(),
      );
      return job;
    }
    return send(job.id, printerKey);
  }

  async function retry(id: string, actor: PublicUser): Promise<PrintJob> {
    const row = getRow(id);
    if (!row) throw new AppError('NOT_FOUND');
    if (row.status === 'printing' || row.status === 'queued') {
      throw new AppError('CONFLICT', { messageKey: 'printing.jobBusy' });
    }
    recordAudit(
      db,
      {
        actor,
        action: 'print.reprint',
        entity: 'print_job',
        entityId: id,
        details: { kind: row.kind, previous: row.status },
      },
      clock.now(),
    );
    const printer = printerById(row.printer_id) ?? printerFor(db, row.role);
    if (!printer || parsePrinterUri(printer.uri)?.kind === 'none') {
      throw new AppError('CONFLICT', { messageKey: 'printing.noPrinter' });
    }
    db.prepare("UPDATE print_jobs SET status = 'queued', updated_at = ? WHERE id = ?").run(
      clock.now().toISOString(),
      id,
    );
    return toView(await run(id, printer.id));
  }

  function list(filter: { status?: PrintJob['status'] | undefined; limit: number }): PrintJob[] {
    const rows = db
      .prepare(`SELECT * FROM print_jobs WHERE (? IS NULL OR status = ?) ORDER BY id DESC LIMIT ?`)
      .all(filter.status ?? null, filter.status ?? null, filter.limit) as JobRow[];
    return rows.map(toView);
  }

  function get(id: string): PrintJob & { document: string } {
    const row = getRow(id);
    if (!row) throw new AppError('NOT_FOUND');
    return { ...toView(row), document: row.document };
  }

  /** Jobs due for an automatic retry, and those a crash left 'queued' or 'printing'. */
  function resume(): void {
    const now = clock.now().toISOString();
    db.prepare(
      `UPDATE print_jobs SET status = 'failed', error_code = 'INTERRUPTED', error_message = ?,
         next_attempt_at = CASE WHEN auto_retry = 1 THEN ? ELSE NULL END, updated_at = ?
       WHERE status IN ('printing', 'queued')`,
    ).run(translate('vi', 'printing.interrupted'), now, now);
  }

  function tick(): void {
    if (closed) return;
    const due = db
      .prepare(
        `SELECT id, printer_id, role FROM print_jobs
         WHERE status = 'failed' AND next_attempt_at IS NOT NULL AND next_attempt_at <= ?
         ORDER BY id LIMIT 20`,
      )
      .all(clock.now().toISOString()) as {
      id: string;
      printer_id: string | null;
      role: PrinterRole;
    }[];
    for (const job of due) {
      db.prepare("UPDATE print_jobs SET status = 'queued' WHERE id = ? AND status = 'failed'").run(
        job.id,
      );
      const key = job.printer_id ?? printerFor(db, job.role)?.id ?? 'none';
      void run(job.id, key).catch(() => undefined);
    }
  }

  function start(): void {
    resume();
    tick();
    timer = setInterval(tick, WORKER_INTERVAL_MS);
    timer.unref();
  }

  async function stop(): Promise<void> {
    closed = true;
    if (timer) clearInterval(timer);
    await Promise.allSettled([...chains.values()]);
  }

  async function printerStatus(lang: Lang): Promise<PrinterStatusView[]> {
    const printers = listPrinters(db);
    const failedCounts = new Map(
      (
        db
          .prepare(
            "SELECT printer_id, COUNT(*) AS n FROM print_jobs WHERE status = 'failed' GROUP BY printer_id",
          )
          .all() as { printer_id: string | null; n: number }[]
      ).map((r) => [r.printer_id, r.n]),
    );
    return Promise.all(
      printers.map(async (p): Promise<PrinterStatusView> => {
        const cached = statusCache.get(p.id);
        if (cached && cached.lang === lang && Date.now() - cached.at < STATUS_CACHE_MS)
          return cached.view;
        const base = {
          id: p.id,
          name: p.name,
          roles: p.roles,
          failedJobs: failedCounts.get(p.id) ?? 0,
          checkedAt: clock.now().toISOString(),
        };
        const target = parsePrinterUri(p.uri);
        let state: PrinterStatusView['state'] = 'unknown';
        let detail = '';
        if (!target) state = 'error';
        else if (target.kind === 'none') state = 'none';
        else if (target.kind === 'tcp') {
          const s = await queryStatus(p.uri, { timeoutMs: 1_500 });
          if (!s.ok) {
            state = s.code === 'BAD_REPLY' ? 'unknown' : 'offline';
            detail = s.message;
          } else if (s.status.paperOut) state = 'paper_out';
          else if (s.status.coverOpen) state = 'cover_open';
          else if (s.status.error || !s.status.online) state = 'error';
          else if (s.status.paperNearEnd) state = 'paper_near_end';
          else state = 'ok';
        }
        const message = translate(lang, `printing.state.${state}` as MessageKey);
        const view = { ...base, state, message, detail: detail || null };
        statusCache.set(p.id, { at: Date.now(), view, lang });
        return view;
      }),
    );
  }

  return {
    submit,
    enqueue,
    send,
    retry,
    list,
    get,
    start,
    stop,
    printerStatus,
  };
}
