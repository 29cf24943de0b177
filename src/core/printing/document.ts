/**
 * The print document model: what a layout produces and what every renderer (ESC/POS raster,
 * ESC/POS code page, on-screen preview) consumes. It is deliberately small — thermal
 * receipts need lines of text, columns, rules, QR codes, barcodes, images, feeds and cuts.
 */
import { z } from 'zod';

export const AlignSchema = z.enum(['left', 'center', 'right']);
export type Align = z.infer<typeof AlignSchema>;

/** 1 = normal, 2 = double (headings), 3 = very large (the ticket number). */
export const TextSizeSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type TextSize = z.infer<typeof TextSizeSchema>;

export const TextBlockSchema = z.object({
  type: z.literal('text'),
  text: z.string(),
  size: TextSizeSchema.default(1),
  bold: z.boolean().default(false),
  align: AlignSchema.default('left'),
});

export const ColumnSchema = z.object({
  text: z.string(),
  /** Relative weight of the column's width (e.g. 1 and 3 → 25 % / 75 %). */
  weight: z.number().positive().default(1),
  align: AlignSchema.default('left'),
  bold: z.boolean().default(false),
});

export const ColumnsBlockSchema = z.object({
  type: z.literal('columns'),
  columns: z.array(ColumnSchema).min(1).max(6),
});

export const RuleBlockSchema = z.object({
  type: z.literal('rule'),
  style: z.enum(['solid', 'dashed']).default('solid'),
});

export const QrBlockSchema = z.object({
  type: z.literal('qr'),
  data: z.string().min(1).max(1000),
  /** Module size in printer dots (ESC/POS "cell size"), 1–8. */
  size: z.number().int().min(1).max(8).default(5),
  align: AlignSchema.default('center'),
});

export const BarcodeBlockSchema = z.object({
  type: z.literal('barcode'),
  format: z.literal('CODE128').default('CODE128'),
  /** Printable ASCII only (CODE128 subset B). */
  data: z
    .string()
    .min(1)
    .max(60)
    .regex(/^[\x20-\x7e]+$/, 'barcode data must be printable ASCII'),
  height: z.number().int().min(16).max(255).default(64),
  /** Print the human-readable text under the bars. */
  hri: z.boolean().default(true),
  align: AlignSchema.default('center'),
});

/** A 1-bit image: rows of packed bits, most significant bit first, 1 = black. */
export const ImageBlockSchema = z
  .object({
    type: z.literal('image'),
    width: z.number().int().min(1).max(576),
    height: z.number().int().min(1).max(4000),
    bits: z.instanceof(Uint8Array),
    align: AlignSchema.default('center'),
  })
  .refine((b) => b.bits.length === Math.ceil(b.width / 8) * b.height, {
    message: 'bits length must be ceil(width / 8) * height',
  });

export const FeedBlockSchema = z.object({
  type: z.literal('feed'),
  lines: z.number().int().min(1).max(20).default(1),
});

export const CutBlockSchema = z.object({
  type: z.literal('cut'),
  partial: z.boolean().default(false),
});

/** Open the cash drawer (ignored when the printer profile has no drawer). */
export const DrawerBlockSchema = z.object({ type: z.literal('drawer') });

export const BlockSchema = z.union([
  TextBlockSchema,
  ColumnsBlockSchema,
  RuleBlockSchema,
  QrBlockSchema,
  BarcodeBlockSchema,
  ImageBlockSchema,
  FeedBlockSchema,
  CutBlockSchema,
  DrawerBlockSchema,
]);

export const PrintDocumentSchema = z.object({
  /** The paper width the layout was designed for; renderers use the printer profile's. */
  widthHint: z.union([z.literal(58), z.literal(80)]).optional(),
  blocks: z.array(BlockSchema),
});

export type TextBlock = z.output<typeof TextBlockSchema>;
export type Column = z.output<typeof ColumnSchema>;
export type ColumnsBlock = z.output<typeof ColumnsBlockSchema>;
export type RuleBlock = z.output<typeof RuleBlockSchema>;
export type QrBlock = z.output<typeof QrBlockSchema>;
export type BarcodeBlock = z.output<typeof BarcodeBlockSchema>;
export type ImageBlock = z.output<typeof ImageBlockSchema>;
export type FeedBlock = z.output<typeof FeedBlockSchema>;
export type CutBlock = z.output<typeof CutBlockSchema>;
export type DrawerBlock = z.output<typeof DrawerBlockSchema>;
export type Block = z.output<typeof BlockSchema>;
export type PrintDocument = z.output<typeof PrintDocumentSchema>;
/** What callers may pass in (defaults not yet applied). */
export type PrintDocumentInput = z.input<typeof PrintDocumentSchema>;

/** Small builders so layouts read like the paper they describe. */
export const b = {
  text(text: string, opts: Partial<Omit<TextBlock, 'type' | 'text'>> = {}): TextBlock {
    return {
      type: 'text',
      text,
      size: opts.size ?? 1,
      bold: opts.bold ?? false,
      align: opts.align ?? 'left',
    };
  },
  center(text: string, opts: Partial<Omit<TextBlock, 'type' | 'text' | 'align'>> = {}): TextBlock {
    return b.text(text, { ...opts, align: 'center' });
  },
  columns(...columns: Array<Partial<Column> & { text: string }>): ColumnsBlock {
    return {
      type: 'columns',
      columns: columns.map((c) => ({
        text: c.text,
        weight: c.weight ?? 1,
        align: c.align ?? 'left',
        bold: c.bold ?? false,
      })),
    };
  },
  rule(style: RuleBlock['style'] = 'solid'): RuleBlock {
    return { type: 'rule', style };
  },
  qr(data: string, size = 5, align: QrBlock['align'] = 'center'): QrBlock {
    return { type: 'qr', data, size, align };
  },
  barcode(data: string, height = 64, hri = true): BarcodeBlock {
    return { type: 'barcode', format: 'CODE128', data, height, hri, align: 'center' };
  },
  feed(lines = 1): FeedBlock {
    return { type: 'feed', lines };
  },
  cut(partial = false): CutBlock {
    return { type: 'cut', partial };
  },
  drawer(): DrawerBlock {
    return { type: 'drawer' };
  },
};

/** A failure as a value (never thrown across the printing API). */
export interface PrintFailure<C extends string = string> {
  ok: false;
  code: C;
  message: string;
  details?: Record<string, unknown>;
}
