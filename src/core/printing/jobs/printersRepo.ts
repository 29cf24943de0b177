import { z } from 'zod';
import {
  printerConfigSchema,
  type PrinterConfig,
  type PrinterRole,
} from '../../../shared/printing/printerProfile';
import type { Db } from '../../db/connection';
import { readSetting, writeSetting } from '../../settings/settingsRepo';

const PRINTERS_KEY = 'printers';
const printersSchema = z.array(printerConfigSchema);

/** The admin's printer profiles (settings key 'printers'). None configured → show on screen. */
export function listPrinters(db: Db): PrinterConfig[] {
  return readSetting(db, PRINTERS_KEY, printersSchema) ?? [];
}

export function replacePrinters(db: Db, printers: PrinterConfig[], at: Date): PrinterConfig[] {
  return writeSetting(db, PRINTERS_KEY, printersSchema, printers, at);
}

/** The printer that prints a role: the first profile listing it. */
export function printerFor(db: Db, role: PrinterRole): PrinterConfig | null {
  return listPrinters(db).find((p) => p.roles.includes(role)) ?? null;
}
