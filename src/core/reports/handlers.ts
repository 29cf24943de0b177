import { reportSummarySchema } from '../../shared/contract/reports';
import { asOfDate } from '../../shared/reports/period';
import { vnDate } from '../../shared/time/vnTime';
import type { HandlerDeps, Handlers } from '../handlerTypes';
import { getSite } from '../settings/site';
import { exportFile } from './exports';
import { createReportService, digitisationFigures } from './reportService';

/** Handlers of the report endpoints (contract: src/shared/contract/reports.ts). */
export function reportHandlers(
  deps: Pick<HandlerDeps, 'db' | 'clock' | 'heavy'>,
): Pick<Handlers, 'reports.summary' | 'reports.details' | 'reports.province' | 'reports.export'> {
  const { db, clock, heavy } = deps;
  // Details and exports read every row of the period: off the serving thread when the
  // database is a file (docs/architecture.md, "Heavy work off the serving thread").
  const dbPath = heavy.dbPath(db);
  const reports = createReportService(db, () => clock.now());
  const agency = () => {
    const site = getSite(db, clock.now());
    return { name: site.agencyName, code: site.agencyCode };
  };
  return {
    'reports.summary': (input) => reports.summary(input),
    'reports.details': (input) =>
      dbPath
        ? heavy.run({ op: 'reportDetails', dbPath, input, now: clock.now().toISOString() })
        : reports.details(input),
    'reports.province': (input) => {
      const now = clock.now();
      const details = reports.details(input, 0);
      return {
        format: 'motcua.report/1' as const,
        generatedAt: now.toISOString(),
        agency: agency(),
        period: { from: input.from, to: input.to, asOf: asOfDate(input, vnDate(now)) },
        summary: reportSummarySchema.parse(reports.summary(input)),
        dossiers: details.dossiers,
        satisfaction: details.satisfaction,
        byProcedure: details.byProcedure.map((p) => ({
          code: p.code,
          name: p.name,
          field: p.field,
          received: p.received,
          completed: p.completed,
          early: p.early,
          onTime: p.onTime,
          late: p.late,
          inProcess: p.inProcess,
          inProcessWithinTime: p.inProcessWithinTime,
          apologyLetters: p.apologyLetters,
          onTimeRate: p.onTimeRate,
        })),
      };
    },
    'reports.export': (input) => {
      const now = clock.now();
      const site = getSite(db, now);
      return dbPath
        ? heavy.run({ op: 'reportExport', dbPath, input, now: now.toISOString(), site })
        : exportFile(reports.queries(), input.kind, input.format, input, now, site, (period) =>
            digitisationFigures(db, period),
          );
    },
  };
}
