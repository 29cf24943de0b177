/**
 * The field logs of a test hub (docs/security.md, "Field logs"): read them all, and list the
 * personal data and secrets of the database that must never appear in them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../src/core/db/connection';
import { DEMO_USERS } from '../../src/core/demo/seedDemo';
import { LOGS_DIR_NAME } from '../../src/core/log/logger';

/** Every line of every log file of a data folder, oldest file first. */
export function readLogs(dataDir: string): string {
  const dir = path.join(dataDir, LOGS_DIR_NAME);
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.log'))
    .sort()
    .map((n) => fs.readFileSync(path.join(dir, n), 'utf8'))
    .join('');
}

/** The parsed JSON lines (throws on a line that is not JSON). */
export function logLines(dataDir: string): Record<string, unknown>[] {
  return readLogs(dataDir)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/**
 * Names, ID numbers, phones (as stored and in groups), addresses and e-mails of every
 * applicant of the database (dossiers and reception slips), officers' full names, and the
 * demo accounts' passwords.
 */
export function personalData(db: Db): string[] {
  const rows = db
    .prepare(
      `SELECT applicant_name AS name, applicant_id_number AS id, applicant_phone AS phone,
              applicant_address AS address, applicant_email AS email FROM dossiers
       UNION ALL
       SELECT applicant_name, applicant_id_number, applicant_phone, applicant_address,
              applicant_email FROM reception_slips`,
    )
    .all() as Record<string, string | null>[];
  const values = new Set<string>();
  for (const r of rows) {
    for (const v of Object.values(r)) if (v && v.trim().length >= 4) values.add(v.trim());
    const digits = (r.phone ?? '').replace(/\D/g, '');
    if (digits.length >= 6) {
      values.add(digits);
      values.add(`${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`);
    }
  }
  const officers = db.prepare('SELECT full_name FROM users').pluck().all() as string[];
  for (const n of officers) if (n.trim().length >= 4) values.add(n.trim());
  for (const u of DEMO_USERS) values.add(u.password);
  return [...values];
}

/** The personal data found in a text (empty: none). */
export function leaks(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((s) => text.includes(s));
}
