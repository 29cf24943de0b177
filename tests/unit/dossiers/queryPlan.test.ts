/**
 * The hot dossier queries must use indexes (docs/dossiers.md): EXPLAIN QUERY PLAN of the
 * real statements (dossierRepo.searchSql and the lookups) on the migrated schema, with the
 * statistics of a large table (ANALYZE over seeded rows) so the planner's choice is realistic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/core/db/connection';
import { migrate } from '../../../src/core/db/migrate';
import { createDossierRepo, searchSql } from '../../../src/core/dossiers/dossierRepo';

let db: Db;

function plan(sql: string, params: Array<string | number>): string {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>;
  return rows.map((r) => r.detail).join('\n');
}

beforeAll(() => {
  db = openDatabase(':memory:');
  migrate(db);
  db.prepare(
    `INSERT INTO procedures (id, national_code, name, search_folded, field, deciding_authority, data, effective_from, created_at, updated_at)
     VALUES ('p', '1.001193', 'x', 'x', 'x', 'x', '{}', '2025-01-01', 'now', 'now')`,
  ).run();
  const insert = db.prepare(
    `INSERT INTO dossiers (id, code, agency_code, procedure_id, procedure, applicant_name, applicant_id_number,
       applicant_phone, documents, received_at, received_date, due_date, status, state, deciding_authority,
       receiving_unit, result_method, register_year, register_entry, received_by, created_at, updated_at)
     VALUES (?, ?, 'A', 'p', '{}', 'n', ?, ?, '[]', ?, '2026-01-01', ?, ?, '{}', 'x', 'x', 'desk', 2026, ?, 'u', 'n', 'n')`,
  );
  const statuses = ['received', 'in_process', 'returned', 'returned', 'returned'];
  db.transaction(() => {
    for (let i = 1; i <= 2000; i++) {
      insert.run(
        `id${i}`,
        `C-${i}`,
        `0010900${String(i).padStart(5, '0')}`,
        `09${String(i).padStart(8, '0')}`,
        `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
        '2026-01-02',
        statuses[i % 5] as string,
        i,
      );
    }
  })();
  db.exec('ANALYZE');
});
afterAll(() => db.close());

describe('query plans of the hot dossier queries', () => {
  it('code lookup uses the unique code index', () => {
    const repo = createDossierRepo(db);
    expect(plan(repo.sql.byCode, ['C-1'])).toMatch(
      /USING INDEX sqlite_autoindex_dossiers_2 \(code=\?\)/,
    );
  });

  it('search by exact code and by code prefix use the code index', () => {
    const exact = searchSql({ code: { exact: 'C-1' } });
    expect(plan(exact.sql, [...exact.params, 20, 0])).toMatch(
      /INDEX sqlite_autoindex_dossiers_2 \(code=\?\)/,
    );
    const prefix = searchSql({ code: { prefix: 'C-1' } });
    expect(plan(prefix.sql, [...prefix.params, 20, 0])).toMatch(
      /INDEX sqlite_autoindex_dossiers_2 \(code>\? AND code<\?\)/,
    );
  });

  it('search by ID number or phone uses both indexes (multi-index OR)', () => {
    const q = searchSql({ digits: '001090000001' });
    const p = plan(q.sql, [...q.params, 20, 0]);
    expect(p).toMatch(/INDEX dossiers_id_number \(applicant_id_number=\?\)/);
    expect(p).toMatch(/INDEX dossiers_phone \(applicant_phone=\?\)/);
    expect(p).not.toMatch(/SCAN d\b(?! USING)/);
  });

  it('search by folded name goes through the FTS5 index', () => {
    const q = searchSql({ ftsQuery: '"dang"* "van"* "duc"*' });
    const p = plan(q.sql, [...q.params, 20, 0]);
    expect(p.split('\n')[0]).toMatch(/SCAN dossiers_fts VIRTUAL TABLE INDEX/);
    expect(p).toMatch(/SEARCH d USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(p).not.toMatch(/TEMP B-TREE/);
  });

  it('status filter and the newest-first listing use indexes', () => {
    const byStatus = searchSql({ status: 'received' });
    expect(plan(byStatus.sql, [...byStatus.params, 20, 0])).toMatch(
      /INDEX dossiers_(status_due|supplement) \(status=\?\)/,
    );
    const list = searchSql({});
    expect(plan(list.sql, [20, 0])).toMatch(/SCAN d USING INDEX dossiers_received/);
    const range = searchSql({
      fromInstant: '2026-01-01T00:00:00Z',
      toInstant: '2026-01-02T00:00:00Z',
    });
    expect(plan(range.sql, [...range.params, 20, 0])).toMatch(
      /INDEX dossiers_received \(received_at>\? AND received_at<\?\)/,
    );
  });

  it('the warnings query uses the status + due date index', () => {
    const repo = createDossierRepo(db);
    expect(plan(repo.sql.dueCandidates, ['2026-01-03'])).toMatch(
      /INDEX dossiers_status_due \(status=\? AND due_date<\?\)/,
    );
  });
});
