import { APP_EVENTS, AppError, type PrintJob, type PublicUser } from '../../../shared/contract';
import { recordAudit } from '../../audit/auditLog';
import type { HandlerDeps, Handlers } from '../../handlerTypes';
import { testPageLayout } from '../layouts';
import { previewPng } from '../preview';
import { documentFromJson } from './documentJson';
import { listPrinters, replacePrinters } from './printersRepo';

type PrintingHandlers = Pick<
  Handlers,
  | 'printers.list'
  | 'printers.replace'
  | 'printers.status'
  | 'printers.test'
  | 'printJobs.list'
  | 'printJobs.retry'
  | 'printJobs.preview'
>;

function actorOf(user: PublicUser | null): PublicUser {
  if (!user) throw new AppError('UNAUTHENTICATED');
  return user;
}

export function createPrintingHandlers({
  db,
  clock,
  print,
  events,
}: HandlerDeps): PrintingHandlers {
  // The human reference of a job (docs/desk.md, "Print jobs"): read-only look-ups by id.
  const labelSql = {
    dossier: db.prepare('SELECT code FROM dossiers WHERE id = ?').pluck(),
    ticket: db.prepare('SELECT number FROM tickets WHERE id = ?').pluck(),
    procedure: db.prepare('SELECT national_code FROM procedures WHERE id = ?').pluck(),
  } as const;
  const refLabel = (j: PrintJob): string | null => {
    if (!j.refId || !j.refType || !(j.refType in labelSql)) return null;
    const value = labelSql[j.refType as keyof typeof labelSql].get(j.refId);
    return typeof value === 'string' ? value : null;
  };
  return {
    'printers.list': () => listPrinters(db),
    'printers.replace': ({ printers }, ctx) => {
      const now = clock.now();
      const saved = db.transaction(() => {
        const result = replacePrinters(db, printers, now);
        recordAudit(
          db,
          {
            actor: actorOf(ctx.user),
            action: 'printers.replace',
            entity: 'settings',
            entityId: 'printers',
            details: printers,
          },
          now,
        );
        return result;
      })();
      events.publish(APP_EVENTS.printersChanged, undefined, now);
      return saved;
    },
    'printers.status': (_input, ctx) => print.printerStatus(ctx.lang),
    'printers.test': async ({ id }, ctx) => {
      const printer = listPrinters(db).find((p) => p.id === id);
      if (!printer) throw new AppError('NOT_FOUND');
      recordAudit(
        db,
        { actor: actorOf(ctx.user), action: 'printers.test', entity: 'printer', entityId: id },
        clock.now(),
      );
      const summary = `${printer.widthMm} mm · ${printer.mode === 'raster' ? 'raster' : `${printer.encoding ?? ''} (ESC t ${printer.codePage ?? 'mặc định'})`}`;
      return print.submit({
        role: printer.roles[0] ?? 'receipt',
        kind: 'test-page',
        printerId: id,
        autoRetry: false,
        document: testPageLayout({
          printerName: printer.name,
          profileSummary: summary,
          printedAt: clock.now(),
          qrData: `motcua:test:${id}`,
        }),
      });
    },
    'printJobs.list': (input) => print.list(input).map((j) => ({ ...j, refLabel: refLabel(j) })),
    'printJobs.retry': ({ id }, ctx) => print.retry(id, actorOf(ctx.user)),
    'printJobs.preview': ({ id }) => {
      const job = print.get(id);
      const printer = listPrinters(db).find((p) => p.id === job.printerId);
      const widthMm = printer?.widthMm ?? 80;
      const png = previewPng(documentFromJson(job.document), widthMm);
      if (!png.ok)
        throw new AppError('UNPROCESSABLE', { message: { vi: png.message, en: png.message } });
      return { widthMm, png: `data:image/png;base64,${png.png.toString('base64')}` };
    },
  };
}
