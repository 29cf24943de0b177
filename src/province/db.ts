import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * The province's one small query interface (docs/province.md, "Storage"): the same SQL runs on
 * a PostgreSQL server through `pg` and on the embedded PGlite (PostgreSQL compiled to WASM,
 * in-process, data in a folder). Parameters are always bound (`$1`, `$2`, …).
 */
export type DatabaseKind = 'pglite' | 'postgresql';

export interface Queryable {
  query<R extends object = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
}

export interface ProvinceDb extends Queryable {
  readonly kind: DatabaseKind;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** One transaction: committed when `fn` resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// int8 (COUNT, SUM of ints) arrives as a string from `pg`; every count here fits a double.
pg.types.setTypeParser(20, (v) => Number(v));
// `date` stays the 'YYYY-MM-DD' text: a Vietnam business date is never an instant.
pg.types.setTypeParser(1082, (v) => v);

export async function openPostgres(url: string, poolSize = 10): Promise<ProvinceDb> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {
    /* an idle client lost its connection: the pool replaces it on the next query */
  });
  await pool.query('SELECT 1');
  return {
    kind: 'postgresql',
    async query(sql, params) {
      const r = await pool.query(sql, params);
      return r.rows;
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          async query(sql, params) {
            return (await client.query(sql, params)).rows;
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** PGlite's parsers: int8 as a number and `date` as text, like the `pg` path above. */
const PGLITE_PARSERS = {
  20: (v: string) => Number(v),
  1082: (v: string) => v,
};

/** The embedded database in `dataDir/pgdata`, or in memory when `dataDir` is null (tests). */
export async function openPglite(dataDir: string | null): Promise<ProvinceDb> {
  let db: PGlite;
  if (dataDir === null) {
    db = new PGlite({ parsers: PGLITE_PARSERS });
  } else {
    const dir = path.join(dataDir, 'pgdata');
    fs.mkdirSync(dir, { recursive: true });
    db = new PGlite(dir, { parsers: PGLITE_PARSERS });
  }
  await db.waitReady;
  return {
    kind: 'pglite',
    async query(sql, params) {
      return (await db.query(sql, params)).rows as never;
    },
    async exec(sql) {
      await db.exec(sql);
    },
    // PGlite has one connection: its transaction holds the connection's lock, so other
    // queries wait until the commit (the same isolation a server gives with row locks).
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          async query(sql, params) {
            return (await tx.query(sql, params)).rows as never;
          },
        }),
      ),
    close: () => db.close(),
  };
}

export async function openProvinceDb(options: {
  databaseUrl?: string | null | undefined;
  dataDir: string | null;
}): Promise<ProvinceDb> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}
