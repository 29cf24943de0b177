import type { z } from 'zod';
import type { Db } from '../db/connection';

/** Settings are JSON values under a key, each validated by its zod schema when read and written. */
export function readSetting<T extends z.ZodType>(
  db: Db,
  key: string,
  schema: T,
): z.output<T> | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
    { value: string } | undefined;
  if (!row) return null;
  return schema.parse(JSON.parse(row.value));
}

export function writeSetting<T extends z.ZodType>(
  db: Db,
  key: string,
  schema: T,
  value: z.input<T>,
  at: Date,
): z.output<T> {
  const parsed = schema.parse(value);
  db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, JSON.stringify(parsed), at.toISOString());
  return parsed;
}
