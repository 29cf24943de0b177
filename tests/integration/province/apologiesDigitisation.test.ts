/**
 * Apology letters and digitisation at the province (docs/province.md, "Figures"), worked out
 * by hand from dossier trails in payload versions 1, 2 and 3 (docs/sync.md), on the embedded
 * PGlite and on a real PostgreSQL server. The latest event of a dossier carries its counts.
 */
import { describe, expect, it } from 'vitest';
import { openProvinceDb } from '../../../src/province/db';
import { ensurePartitions } from '../../../src/province/ingest';
import { migrateProvince, provinceMigrations } from '../../../src/province/migrations';
import type { SyncEvent } from '../../../src/shared/contract/sync';
import { ulid } from '../../../src/shared/ids';
import { makeTempDir } from '../../helpers/hub';
import { BACKENDS, call, loginAs, pushBatch } from '../../helpers/province';
import { provinceEngines } from '../../helpers/provinceSuite';

const AGENCY = '01.00.H02';
const engines = provinceEngines();

type Version = 1 | 2 | 3;
interface Step {
  /** Vietnam date and hour of the step. */
  on: string;
  action: string;
  toStatus: string;
  letters?: number;
  appointment?: string | null;
  paper?: number;
  digitised?: number;
  result?: boolean;
}

/** A dossier's trail as a site sends it: code `<agency>-YYMMDD-NNNN`, legal due date. */
function trail(
  version: Version,
  n: number,
  received: string,
  dueDate: string,
  steps: Step[],
): Extract<SyncEvent, { type: 'dossier.event' }>[] {
  const dossierId = ulid();
  const code = `${AGENCY}-${received.slice(2).replace(/-/g, '')}-${String(n).padStart(4, '0')}`;
  let from: string | null = null;
  return [{ on: received, action: 'received', toStatus: 'received' }, ...steps].map((s, i) => {
    const base = {
      dossierId,
      dossierCode: code,
      procedureId: 'P1',
      step: i + 1,
      action: s.action,
      fromStatus: from,
      toStatus: s.toStatus,
      dueDate,
      officerName: null,
      applicantIdMasked: null,
    };
    from = s.toStatus;
    const v2 = {
      ...base,
      payloadVersion: 2 as const,
      appointmentDate: s.appointment ?? null,
      apologyLetters: s.letters ?? 0,
      needsVerification: false,
    };
    const payload =
      version === 1
        ? base
        : version === 2
          ? v2
          : {
              ...v2,
              payloadVersion: 3 as const,
              paperDocuments: s.paper ?? 0,
              digitisedDocuments: s.digitised ?? 0,
              resultDigitised: s.result ?? false,
            };
    return {
      id: ulid(),
      seq: 0,
      type: 'dossier.event' as const,
      // 09:00 in Vietnam (UTC+7) on the step's date.
      at: `${s.on}T02:00:00.000Z`,
      payload,
    };
  }, 180_000);
}

const numbered = (events: SyncEvent[]): SyncEvent[] => events.map((e, i) => ({ ...e, seq: i + 1 }));

describe.each(BACKENDS)('apologies and digitisation at the province on %s', (kind) => {
  it('folds letters (v2) and digitisation counts (v3) into the figures; v1 gives null', async () => {
    const { province } = await engines.start(kind, {
      now: () => new Date('2026-04-10T03:00:00.000Z'),
    });
    const base = province.url;
    const token = await loginAs(base);
    const register = async (siteId: string) => {
      const r = await call(base, 'POST', '/api/v1/sync/sites', {
        token,
        body: { siteId, name: siteId, agencyCodes: [AGENCY] },
      });
      expect(r.status, r.text).toBe(201);
      return r.body as { siteId: string; key: string };
    };
    const s1 = await register('S1');
    const s2 = await register('S2');

    const paper = (p: number, d: number, result = false) => ({ paper: p, digitised: d, result });
    const events = numbered([
      // D1: late (due 5/3, result 9/3), one letter on 6/3; 3 paper documents all scanned,
      // result scanned.
      ...trail(3, 1, '2026-03-02', '2026-03-05', [
        { on: '2026-03-03', action: 'transfer', toStatus: 'in_process', ...paper(3, 3) },
        {
          on: '2026-03-06',
          action: 'apology',
          toStatus: 'in_process',
          letters: 1,
          appointment: '2026-03-10',
          ...paper(3, 3),
        },
        {
          on: '2026-03-09',
          action: 'result_ready',
          toStatus: 'result_ready',
          letters: 1,
          appointment: '2026-03-10',
          ...paper(3, 3, true),
        },
      ]),
      // D2: late (due 6/3, result 10/3), no letter; 2 paper documents, 1 scanned (0 at first:
      // the latest event counts); result not scanned.
      ...trail(3, 2, '2026-03-03', '2026-03-06', [
        { on: '2026-03-04', action: 'transfer', toStatus: 'in_process', ...paper(2, 0) },
        { on: '2026-03-10', action: 'result_ready', toStatus: 'result_ready', ...paper(2, 1) },
      ]),
      // D3: on time; no paper document; result scanned.
      ...trail(3, 3, '2026-03-04', '2026-03-20', [
        {
          on: '2026-03-05',
          action: 'result_ready',
          toStatus: 'result_ready',
          ...paper(0, 0, true),
        },
      ]),
      // D4 (version 2): past due (10/3) and still in process at the end of March, two
      // letters (11/3, 20/3); no digitisation counts.
      ...trail(2, 4, '2026-03-05', '2026-03-10', [
        { on: '2026-03-06', action: 'transfer', toStatus: 'in_process' },
        {
          on: '2026-03-11',
          action: 'apology',
          toStatus: 'in_process',
          letters: 1,
          appointment: '2026-03-18',
        },
        {
          on: '2026-03-20',
          action: 'apology',
          toStatus: 'in_process',
          letters: 2,
          appointment: '2026-03-27',
        },
      ]),
      // D5 (version 1): past due and in process: its letters cannot be known.
      ...trail(1, 5, '2026-03-06', '2026-03-09', [
        { on: '2026-03-07', action: 'transfer', toStatus: 'in_process' },
      ]),
      // D6: in process within time; 1 paper document, scanned by a later step.
      ...trail(3, 6, '2026-03-07', '2026-04-30', [
        { on: '2026-03-08', action: 'transfer', toStatus: 'in_process', ...paper(1, 0) },
        { on: '2026-03-09', action: 'transfer', toStatus: 'in_process', ...paper(1, 1) },
      ]),
      // D7: received in February (outside the paper count), result on 2/3 on time, not scanned.
      ...trail(3, 7, '2026-02-20', '2026-03-05', [
        { on: '2026-03-02', action: 'result_ready', toStatus: 'result_ready', ...paper(1, 0) },
      ]),
    ]);
    expect((await pushBatch(base, s1, events)).status).toBe(200);
    // S2 still sends version 1 only.
    const v1only = numbered(
      trail(1, 1, '2026-03-02', '2026-03-05', [
        { on: '2026-03-03', action: 'transfer', toStatus: 'in_process' },
      ]),
    );
    expect((await pushBatch(base, s2, v1only)).status).toBe(200);

    const figures = async (from: string, to: string) => {
      const r = await call(base, 'GET', `/api/v1/province/communes?from=${from}&to=${to}`, {
        token,
      });
      expect(r.status, r.text).toBe(200);
      const rows = r.body as Record<string, unknown>[];
      return Object.fromEntries(rows.map((x) => [x.siteId as string, x]));
    };
    const march = await figures('2026-03-01', '2026-03-31');
    expect(march.S1).toMatchObject({
      // Letters issued in March: D1 on 6/3, D4 on 11/3 and 20/3.
      apologies: 3,
      // Late with a known letter count: D1 (1 letter), D2 (0), D4 (2) → 2 of 3.
      lateWithApologyRate: 66.7,
      // Received in March with paper: D1 (3/3), D2 (1/2), D6 (1/1) → 2 of 3 fully scanned.
      digitisationRate: 66.7,
      // Results in March with counts: D1 yes, D2 no, D3 yes, D7 no → 2 of 4.
      resultDigitisationRate: 50,
    });
    expect(march.S2).toMatchObject({
      apologies: null,
      lateWithApologyRate: null,
      digitisationRate: null,
      resultDigitisationRate: null,
    });
    // One day: the letter of 6/3 only; nobody received paper that day (D5 is version 1).
    const sixth = await figures('2026-03-06', '2026-03-06');
    expect(sixth.S1).toMatchObject({
      apologies: 1,
      digitisationRate: null,
      resultDigitisationRate: null,
    });
    // A commune's overdue list shows each dossier's letters and new date (null for version 1).
    const detail = await call(
      base,
      'GET',
      '/api/v1/province/commune?siteId=S1&from=2026-03-01&to=2026-03-31',
      { token },
    );
    expect(detail.status, detail.text).toBe(200);
    expect((detail.body as { overdue: unknown[] }).overdue).toEqual([
      expect.objectContaining({
        dossierCode: `${AGENCY}-260306-0005`,
        apologyLetters: null,
        appointmentDate: null,
      }),
      expect.objectContaining({
        dossierCode: `${AGENCY}-260305-0004`,
        apologyLetters: 2,
        appointmentDate: '2026-03-27',
      }),
    ]);
  }, 180_000);

  it('migrations 2 and 3 fill letters, counts, their rollups and the waits by minute from what was stored before', async () => {
    const databaseUrl = await engines.databaseUrl(kind);
    const db = await openProvinceDb({ databaseUrl, dataDir: makeTempDir('motcua-province-m2-') });
    try {
      await migrateProvince(db, provinceMigrations.slice(0, 1));
      // What version 1 of the schema held for one dossier: its events and its folded row.
      const events = numbered(
        trail(3, 1, '2026-03-02', '2026-03-05', [
          {
            on: '2026-03-06',
            action: 'apology',
            toStatus: 'in_process',
            letters: 1,
            appointment: '2026-03-10',
            paper: 2,
            digitised: 2,
          },
          {
            on: '2026-03-09',
            action: 'result_ready',
            toStatus: 'result_ready',
            letters: 1,
            appointment: '2026-03-10',
            paper: 2,
            digitised: 2,
            result: true,
          },
        ]),
      );
      await ensurePartitions(
        db,
        events.map((e) => e.at),
      );
      await db.query(`INSERT INTO sites (site_id, key) VALUES ('S1', 'k')`);
      for (const e of events) {
        await db.query(
          `INSERT INTO events (site_id, seq, event_id, type, at, payload, batch_id, received_at)
           VALUES ('S1', $1, $2, $3, $4, $5, 'b', now())`,
          [e.seq, e.id, e.type, e.at, JSON.stringify(e.payload)],
        );
      }
      const first = events[0] as Extract<SyncEvent, { type: 'dossier.event' }>;
      await db.query(
        `INSERT INTO dossiers (site_id, dossier_id, dossier_code, agency_code, procedure_id, status,
           due_date, received_date, settled_date, last_seq)
         VALUES ('S1', $1, $2, $3, 'P1', 'result_ready', '2026-03-05', '2026-03-02', '2026-03-09', 3)`,
        [first.payload.dossierId, first.payload.dossierCode, AGENCY],
      );
      // Tickets folded before migration 3: waits 0 s, 59 s, 60 s, 61 s, 11 h, one not called.
      await db.query(
        `INSERT INTO tickets (site_id, ticket_id, business_date, service_id, outcome, wait_seconds)
         SELECT 'S1', 'T' || i, '2026-03-02', 'SV', 'served', w
           FROM unnest(ARRAY[0, 59, 60, 61, 39600, NULL]::int[]) WITH ORDINALITY AS x(w, i)`,
      );
      await migrateProvince(db);
      expect(
        await db.query(`SELECT day::text AS day, minute, n FROM ticket_waits ORDER BY day, minute`),
      ).toEqual([
        { day: '2026-03-02', minute: 0, n: 2 },
        { day: '2026-03-02', minute: 1, n: 2 },
        // 660 minutes: in the open-ended last minute.
        { day: '2026-03-02', minute: 600, n: 1 },
      ]);
      expect(
        await db.query(
          `SELECT month::text AS month, minute, n FROM ticket_waits_month ORDER BY month, minute`,
        ),
      ).toEqual([
        { month: '2026-03-01', minute: 0, n: 2 },
        { month: '2026-03-01', minute: 1, n: 2 },
        { month: '2026-03-01', minute: 600, n: 1 },
      ]);
      // D1: received 2/3 with 2 paper documents both scanned; settled 9/3 after its due date
      // (5/3) with one letter and its result scanned.
      expect(
        await db.query(
          `SELECT day::text AS day, late_known, late_with_letter, paper, paper_digitised, results,
                  results_digitised
             FROM daily WHERE agency_code <> '' AND (late_known + paper + results) > 0
            ORDER BY day`,
        ),
      ).toEqual([
        {
          day: '2026-03-02',
          late_known: 0,
          late_with_letter: 0,
          paper: 1,
          paper_digitised: 1,
          results: 0,
          results_digitised: 0,
        },
        {
          day: '2026-03-09',
          late_known: 1,
          late_with_letter: 1,
          paper: 0,
          paper_digitised: 0,
          results: 1,
          results_digitised: 1,
        },
      ]);
      expect(
        await db.query(
          `SELECT apology_letters, appointment_date::text AS appointment_date, paper_documents,
                  digitised_documents, result_digitised, settled_action FROM dossiers`,
        ),
      ).toEqual([
        {
          apology_letters: 1,
          appointment_date: '2026-03-10',
          paper_documents: 2,
          digitised_documents: 2,
          result_digitised: true,
          settled_action: 'result_ready',
        },
      ]);
      expect(
        await db.query(`SELECT day::text AS day, apologies FROM daily WHERE apologies > 0`),
      ).toEqual([{ day: '2026-03-06', apologies: 1 }]);
      expect(await db.query('SELECT payload_version FROM sites')).toEqual([{ payload_version: 3 }]);
    } finally {
      await db.close();
    }
  }, 180_000);
});
