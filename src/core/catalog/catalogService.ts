/**
 * The procedure catalogue in the database: the default commune catalogue (docs/domain.md,
 * Procedures at a commune desk) loaded on first start, public listing with Vietnamese folded
 * search, administrator edits and JSON/CSV/XLSX import/export (formats: docs/catalog.md). Every
 * change is audited in the same transaction; an import with any bad row changes nothing unless
 * `validRowsOnly`.
 */
import defaultCatalog from '../../../resources/catalog/default-procedures.json';
import {
  catalogFileSchema,
  isProcedureEffective,
  procedureSchema,
  type Procedure,
} from '../../shared/catalog/procedure';
import { AppError, type FileBody, type PublicUser } from '../../shared/contract';
import type { PublicProcedure } from '../../shared/contract/catalog';
import { foldVietnamese } from '../../shared/text/fold';
import { vnDate } from '../../shared/time/vnTime';
import { recordAudit } from '../audit/auditLog';
import type { Db } from '../db/connection';
import {
  exportCatalogCsv,
  exportCatalogJson,
  importCatalogCsv,
  importCatalogJson,
  type CatalogImportResult,
  type CatalogRowError,
} from './catalogIO';
import { exportCatalogXlsx, importCatalogXlsx, XLSX_MIME_TYPE, XlsxFileError } from './catalogXlsx';

export type CatalogFormat = 'json' | 'csv' | 'xlsx';

/** The bytes of an XLSX upload (base64 in the JSON body); anything else is a 422. */
function xlsxBytes(base64: string): Uint8Array {
  const compact = base64.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw new AppError('UNPROCESSABLE', {
      message: {
        vi: 'Nội dung tệp XLSX phải được gửi dưới dạng base64',
        en: 'The content of an XLSX file must be sent as base64',
      },
    });
  }
  return Buffer.from(compact, 'base64');
}

/** Unzips and parses a workbook: in this thread by default, off it in the hub (src/core/worker). */
export type XlsxParser = (
  bytes: Uint8Array,
  options: { validRowsOnly: boolean },
) => Promise<CatalogImportResult>;

async function readImport(
  format: CatalogFormat,
  content: string,
  options: { validRowsOnly: boolean },
  parseXlsx: XlsxParser,
): Promise<CatalogImportResult> {
  if (format === 'json') return importCatalogJson(content, options);
  if (format === 'csv') return importCatalogCsv(content, options);
  try {
    return await parseXlsx(xlsxBytes(content), options);
  } catch (e) {
    if (e instanceof XlsxFileError) {
      throw new AppError('UNPROCESSABLE', { message: { vi: e.vi, en: e.en } });
    }
    throw e;
  }
}

interface ProcedureRow {
  id: string;
  data: string;
}

export type CatalogService = ReturnType<typeof createCatalogService>;

const searchText = (p: Procedure): string =>
  foldVietnamese(`${p.nationalCode} ${p.id} ${p.name} ${p.field}`);

export function toPublicProcedure(p: Procedure): PublicProcedure {
  return {
    id: p.id,
    code: p.nationalCode,
    name: p.name,
    field: p.field,
    decidingAuthority: p.decidingAuthority,
    processingTime: {
      amount: p.processingTime.amount,
      unit: p.processingTime.unit,
      ...(p.processingTime.note ? { note: p.processingTime.note } : {}),
    },
    ...(p.verificationTime
      ? {
          verificationTime: {
            amount: p.verificationTime.amount,
            unit: p.verificationTime.unit,
          },
        }
      : {}),
    fee: p.fee,
    documents: p.requiredDocuments,
  };
}

export function createCatalogService(db: Db) {
  const upsertStmt = db.prepare(
    `INSERT INTO procedures (id, national_code, name, search_folded, field, deciding_authority,
       data, effective_from, effective_to, created_at, updated_at)
     VALUES (@id, @nationalCode, @name, @folded, @field, @decidingAuthority, @data,
       @effectiveFrom, @effectiveTo, @now, @now)
     ON CONFLICT(id) DO UPDATE SET national_code = excluded.national_code, name = excluded.name,
       search_folded = excluded.search_folded, field = excluded.field,
       deciding_authority = excluded.deciding_authority, data = excluded.data,
       effective_from = excluded.effective_from, effective_to = excluded.effective_to,
       updated_at = excluded.updated_at`,
  );
  const existsStmt = db.prepare('SELECT 1 FROM procedures WHERE id = ?').pluck();

  function write(p: Procedure, now: Date): 'added' | 'updated' {
    const existed = existsStmt.get(p.id) !== undefined;
    upsertStmt.run({
      id: p.id,
      nationalCode: p.nationalCode,
      name: p.name,
      folded: searchText(p),
      field: p.field,
      decidingAuthority: p.decidingAuthority,
      data: JSON.stringify(p),
      effectiveFrom: p.effectiveFrom,
      effectiveTo: p.effectiveTo ?? null,
      now: now.toISOString(),
    });
    return existed ? 'updated' : 'added';
  }

  function all(): Procedure[] {
    const rows = db
      .prepare('SELECT id, data FROM procedures ORDER BY national_code, id')
      .all() as ProcedureRow[];
    return rows.map((r) => procedureSchema.parse(JSON.parse(r.data)));
  }

  function get(id: string): Procedure | null {
    const row = db.prepare('SELECT id, data FROM procedures WHERE id = ?').get(id) as
      ProcedureRow | undefined;
    return row ? procedureSchema.parse(JSON.parse(row.data)) : null;
  }

  /** Load the shipped default catalogue when the catalogue is empty (first start). */
  function ensureDefault(now: Date): number {
    const n = (db.prepare('SELECT COUNT(*) AS n FROM procedures').get() as { n: number }).n;
    if (n > 0) return 0;
    const file = catalogFileSchema.parse(defaultCatalog);
    db.transaction(() => {
      for (const p of file.procedures) write(p, now);
      recordAudit(
        db,
        { actor: null, action: 'catalog.loadDefault', details: { count: file.procedures.length } },
        now,
      );
    })();
    return file.procedures.length;
  }

  /** Procedures in force on `now`'s Vietnam date; q = code or folded words of the name. */
  function listPublic(q: string | undefined, now: Date): PublicProcedure[] {
    const today = vnDate(now);
    const words = q ? foldVietnamese(q).split(' ').filter(Boolean) : [];
    const rows = db
      .prepare(
        `SELECT id, data, search_folded FROM procedures
         WHERE effective_from <= ? AND (effective_to IS NULL OR effective_to >= ?)
         ORDER BY national_code, id`,
      )
      .all(today, today) as Array<ProcedureRow & { search_folded: string }>;
    return rows
      .filter((r) => words.every((w) => r.search_folded.includes(w)))
      .map((r) => procedureSchema.parse(JSON.parse(r.data)))
      .filter((p) => isProcedureEffective(p, today))
      .map(toPublicProcedure);
  }

  function save(id: string, raw: unknown, actor: PublicUser, now: Date): Procedure {
    const candidate = raw && typeof raw === 'object' ? { ...(raw as object), id } : raw;
    const parsed = procedureSchema.safeParse(candidate);
    if (!parsed.success) {
      throw new AppError('VALIDATION_ERROR', {
        details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    db.transaction(() => {
      const kind = write(parsed.data, now);
      recordAudit(
        db,
        { actor, action: `catalog.${kind}`, entity: 'procedure', entityId: parsed.data.id },
        now,
      );
    })();
    return parsed.data;
  }

  async function importFile(
    input: { format: CatalogFormat; content: string; validRowsOnly?: boolean; dryRun?: boolean },
    actor: PublicUser,
    now: Date,
    parseXlsx: XlsxParser = importCatalogXlsx,
  ): Promise<{
    imported: number;
    added: number;
    updated: number;
    errors: CatalogRowError[];
    ignoredColumns: string[];
  }> {
    const options = { validRowsOnly: input.validRowsOnly ?? false };
    const result = await readImport(input.format, input.content, options, parseXlsx);
    let added = 0;
    let updated = 0;
    if (!input.dryRun && result.ok.length > 0) {
      db.transaction(() => {
        for (const p of result.ok) {
          if (write(p, now) === 'added') added += 1;
          else updated += 1;
        }
        recordAudit(
          db,
          {
            actor,
            action: 'catalog.import',
            details: { format: input.format, added, updated, errors: result.errors.length },
          },
          now,
        );
      })();
    }
    return {
      imported: input.dryRun ? 0 : result.ok.length,
      added,
      updated,
      errors: result.errors,
      ignoredColumns: result.ignoredColumns,
    };
  }

  async function exportFile(format: CatalogFormat, now: Date): Promise<FileBody> {
    const list = all();
    const fileName = `danh-muc-thu-tuc-${vnDate(now)}.${format}`;
    switch (format) {
      case 'json':
        return {
          fileName,
          contentType: 'application/json; charset=utf-8',
          body: exportCatalogJson(list),
        };
      case 'csv':
        return { fileName, contentType: 'text/csv; charset=utf-8', body: exportCatalogCsv(list) };
      case 'xlsx':
        return { fileName, contentType: XLSX_MIME_TYPE, body: await exportCatalogXlsx(list) };
    }
  }

  return { all, get, ensureDefault, listPublic, save, importFile, exportFile };
}
