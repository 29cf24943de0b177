/**
 * Printer profiles: one per physical printer (or model) at the desk. The ESC t numbers of
 * the Vietnamese code pages differ between models, so they are data, not code.
 */
import { z } from 'zod';

/** ESC t numbers in Epson's table (TM-T82/T88 and most clones): 52 = WPC1258, 30/31 = TCVN-3. */
export const EPSON_CODE_PAGES = { cp1258: 52, tcvn3: 30, tcvn3Upper: 31 } as const;

export const PrinterProfileSchema = z
  .object({
    name: z.string().max(100).optional(),
    widthMm: z.union([z.literal(58), z.literal(80)]),
    /** raster = text drawn as an image with the bundled font (works on every printer). */
    mode: z.enum(['raster', 'codepage']).default('raster'),
    encoding: z.enum(['cp1258', 'tcvn3']).optional(),
    /** `ESC t n` for the encoding (default: Epson's number). */
    codePage: z.number().int().min(0).max(255).optional(),
    /** TCVN-3 only: the page holding upper-case toned letters; without it they are an error. */
    codePageUpper: z.number().int().min(0).max(255).optional(),
    /** Has an auto-cutter (otherwise the paper is fed for tearing off). */
    cut: z.boolean().default(true),
    cashDrawer: z.boolean().default(false),
    /** How QR codes are printed: the printer's own QR command, or drawn as an image. */
    qr: z.enum(['native', 'raster']).default('native'),
  })
  .refine((p) => p.mode === 'raster' || p.encoding !== undefined, {
    message: 'code-page mode needs an encoding (cp1258 or tcvn3)',
    path: ['encoding'],
  });

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
