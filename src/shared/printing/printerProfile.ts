/**
 * Printer profiles: one per physical printer (or model) at the desk. The ESC t numbers of
 * the Vietnamese code pages differ between models, so they are data, not code. Pure zod:
 * the contract (printer configuration over HTTP/IPC) and the printing core share it.
 */
import { z } from 'zod';

/** ESC t numbers in Epson's table (TM-T82/T88 and most clones): 52 = WPC1258, 30/31 = TCVN-3. */
export const EPSON_CODE_PAGES = { cp1258: 52, tcvn3: 30, tcvn3Upper: 31 } as const;

/** The fields that describe how to talk to a printer model. */
export const printerProfileShape = {
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
};

/** Code-page mode without an encoding would have to guess: refused. */
export function requireEncodingForCodePage(p: {
  mode: string;
  encoding?: string | undefined;
}): boolean {
  return p.mode === 'raster' || p.encoding !== undefined;
}
const encodingRule = {
  message: 'code-page mode needs an encoding (cp1258 or tcvn3)',
  path: ['encoding'],
};

export const PrinterProfileSchema = z
  .object(printerProfileShape)
  .refine(requireEncodingForCodePage, encodingRule);

/** What a desk prints on a printer: queue tickets, receipts (dossier slips, fees). */
export const printerRoleSchema = z.enum(['ticket', 'receipt']);
export type PrinterRole = z.infer<typeof printerRoleSchema>;

/**
 * A configured printer (admin setting, `GET/PUT /api/v1/printers`): a profile plus where it
 * is (`uri`: tcp://host:9100, a device path, printer:NAME or none:) and what it prints.
 */
export const printerConfigSchema = z
  .object({
    ...printerProfileShape,
    id: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[A-Za-z0-9_-]+$/),
    name: z.string().trim().min(1).max(100),
    uri: z.string().trim().min(1).max(300),
    roles: z.array(printerRoleSchema).max(2),
  })
  .strict()
  .refine(requireEncodingForCodePage, encodingRule);
export type PrinterConfig = z.output<typeof printerConfigSchema>;
