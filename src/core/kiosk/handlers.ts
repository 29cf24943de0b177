import { AppError } from '../../shared/contract';
import type { KioskPrinterState } from '../../shared/contract/kiosk';
import { procedureSchema, type Procedure } from '../../shared/catalog/procedure';
import { translate } from '../../shared/i18n';
import { countersServing, serviceForProcedure } from '../../shared/kiosk/whereToGo';
import { vnDate } from '../../shared/time/vnTime';
import { listCounters } from '../counters/countersRepo';
import type { Db } from '../db/connection';
import type { Handler, HandlerDeps } from '../handlerTypes';
import { printerFor } from '../printing/jobs/printersRepo';
import { getSite } from '../settings/site';
import { procedureChecklistLayout } from './checklistLayout';

type KioskOps = 'kiosk.status' | 'kiosk.printChecklist';

/** A procedure in force today from the catalogue table (read-only; docs/catalog.md). */
function procedureInForce(db: Db, id: string, today: string): Procedure {
  const row = db
    .prepare(
      `SELECT data FROM procedures WHERE id = ? AND effective_from <= ?
         AND (effective_to IS NULL OR effective_to >= ?)`,
    )
    .get(id, today, today) as { data: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return procedureSchema.parse(JSON.parse(row.data));
}

/** "Quầy số 1, 3" or "Quầy hướng dẫn" when no queue service matches the procedure. */
export function whereText(db: Db, procedure: Pick<Procedure, 'field' | 'queueService'>): string {
  const services = db
    .prepare('SELECT id, code, name FROM queue_services WHERE active = 1 ORDER BY sort_order')
    .all() as { id: string; code: string; name: string }[];
  const service = serviceForProcedure(procedure, services);
  const numbers = service ? countersServing(service.id, listCounters(db)) : [];
  if (!service || numbers.length === 0) return translate('vi', 'kiosk.proc.whereHelpDesk');
  return translate('vi', 'kiosk.proc.whereCounters', {
    counters: numbers.join(', '),
    service: service.name,
  });
}

/** The kiosk's own operations: the ticket printer's state and the procedure checklist. */
export function createKioskHandlers(deps: HandlerDeps): { [N in KioskOps]: Handler<N> } {
  const { db, clock, print } = deps;
  return {
    'kiosk.status': async () => {
      const printer = printerFor(db, 'ticket');
      if (!printer) return { ticketPrinter: 'screen' as const };
      const view = (await print.printerStatus('vi')).find((p) => p.id === printer.id);
      const map: Record<string, KioskPrinterState> = {
        ok: 'ready',
        paper_near_end: 'paper_near_end',
        paper_out: 'paper_out',
        cover_open: 'offline',
        error: 'offline',
        offline: 'offline',
        none: 'screen',
        unknown: 'unknown',
      };
      return { ticketPrinter: map[view?.state ?? 'unknown'] ?? 'unknown' };
    },
    'kiosk.printChecklist': async ({ id }) => {
      const now = clock.now();
      const procedure = procedureInForce(db, id, vnDate(now));
      const document = procedureChecklistLayout({
        agencyName: getSite(db, now).agencyName,
        procedure,
        where: whereText(db, procedure),
        printedAt: now,
      });
      const job = await print.submit({
        role: 'ticket',
        kind: 'procedure-checklist',
        document,
        refType: 'procedure',
        refId: procedure.id,
        autoRetry: false, // the citizen is standing there: now or not at all
      });
      if (job.status === 'done') return { status: 'printed' as const, message: null };
      if (job.status === 'screen') return { status: 'screen' as const, message: null };
      return { status: 'failed' as const, message: job.error?.message ?? null };
    },
  };
}
