/**
 * Printer profiles: the schema lives in src/shared/printing/printerProfile.ts (the contract
 * uses it too); the helpers that turn a profile into printer facts live here.
 */
import type { z } from 'zod';
import { EPSON_CODE_PAGES, PrinterProfileSchema } from '../../../shared/printing/printerProfile';

export { EPSON_CODE_PAGES, PrinterProfileSchema };

export type PrinterProfile = z.output<typeof PrinterProfileSchema>;
export type PrinterProfileInput = z.input<typeof PrinterProfileSchema>;

/** Print-head width in dots at 203 dpi. */
export function dotsFor(widthMm: 58 | 80): number {
  return widthMm === 58 ? 384 : 576;
}

/** Characters per line of the printer's font A (12×24) in code-page mode. */
export function charsFor(widthMm: 58 | 80): number {
  return widthMm === 58 ? 32 : 48;
}

/** The `ESC t` numbers a profile will use. */
export function codePagesOf(p: PrinterProfile): { main: number; upper: number | undefined } {
  if (p.encoding === 'tcvn3') {
    return {
      main: p.codePage ?? EPSON_CODE_PAGES.tcvn3,
      upper:
        p.codePageUpper ?? (p.codePage === undefined ? EPSON_CODE_PAGES.tcvn3Upper : undefined),
    };
  }
  return { main: p.codePage ?? EPSON_CODE_PAGES.cp1258, upper: undefined };
}
