/**
 * Document model → ESC/POS bytes for one printer profile.
 *
 * Raster mode (default): consecutive drawable blocks are rasterised with the bundled font
 * and sent as `GS v 0` bands; native QR, barcodes, cuts and the drawer are commands.
 * Code-page mode: text is encoded with our CP1258 / TCVN-3 encoders, `ESC t n` is sent at
 * the start and again after every cut (the cut's `ESC @` resets the printer's page).
 */
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import {
  PrintDocumentSchema,
  type Align,
  type BarcodeBlock,
  type Block,
  type ColumnsBlock,
  type PrintDocumentInput,
  type PrintFailure,
  type TextBlock,
} from '../document';
import { printingMessages } from '../messages';
import { qrBitmap, rasterizeBlocks, type RasterBlock } from '../raster/rasterize';
import {
  alignCmd,
  boldCmd,
  drawerKick,
  feedLines,
  LF,
  rasterCommands,
  selectCodePage,
  sizeCmd,
} from './commands';
import { decodeWithTable, encodeVietnamese, TCVN3_UPPER_TABLE, type VnEncoding } from './encoding';
import {
  charsFor,
  codePagesOf,
  dotsFor,
  PrinterProfileSchema,
  type PrinterProfile,
  type PrinterProfileInput,
} from './profile';

export type RenderErrorCode =
  'INVALID_DOCUMENT' | 'INVALID_PROFILE' | 'UNENCODABLE' | 'BARCODE_TOO_WIDE' | 'RENDER_FAILED';

export type RenderResult = { ok: true; bytes: Buffer } | PrintFailure<RenderErrorCode>;

class RenderError extends Error {
  constructor(
    readonly code: RenderErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

const isAscii = (s: string): boolean => /^[\x20-\x7e]*$/.test(s);

function newBuilder(profile: PrinterProfile): ThermalPrinter {
  // No interface: the library is used only as a byte builder; transports are ours.
  const lib = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    interface: '',
    width: charsFor(profile.widthMm),
  });
  lib.add(Buffer.from([0x1b, 0x40])); // ESC @ (initHardware is missing from the library's typings)
  return lib;
}

/** Word-wrap by character count (code-page mode: one NFC letter = one printer column). */
export function wrapChars(text: string, cols: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.normalize('NFC').split('\n')) {
    const words = paragraph.split(/ +/).filter((w) => w.length > 0);
    if (words.length === 0) {
      out.push('');
      continue;
    }
    let line: string[] = [];
    for (const word of words) {
      const chars = Array.from(word);
      const needed = line.length === 0 ? chars.length : line.length + 1 + chars.length;
      if (needed <= cols) {
        line = line.length === 0 ? chars : [...line, ' ', ...chars];
        continue;
      }
      if (line.length > 0) out.push(line.join(''));
      line = [];
      let rest = chars;
      while (rest.length > cols) {
        out.push(rest.slice(0, cols).join(''));
        rest = rest.slice(cols);
      }
      line = rest;
    }
    if (line.length > 0) out.push(line.join(''));
  }
  return out;
}

function padCell(text: string, width: number, align: Align): string {
  const len = Array.from(text).length;
  const space = Math.max(0, width - len);
  if (align === 'right') return ' '.repeat(space) + text;
  if (align === 'center') {
    const left = Math.floor(space / 2);
    return ' '.repeat(left) + text + ' '.repeat(space - left);
  }
  return text + ' '.repeat(space);
}

function barcodeModuleWidth(block: BarcodeBlock, dots: number): number {
  const modules = 11 * block.data.length + 35; // start B + data + check + stop
  for (const w of [3, 2, 1]) if (modules * w <= dots) return w;
  throw new RenderError(
    'BARCODE_TOO_WIDE',
    printingMessages.vi.BARCODE_TOO_WIDE.replace('{data}', block.data),
    { data: block.data, modules, dots },
  );
}

class Renderer {
  private readonly lib: ThermalPrinter;
  private readonly dots: number;
  private readonly chars: number;
  private readonly pages: { main: number; upper: number | undefined };
  private pending: RasterBlock[] = [];

  constructor(private readonly profile: PrinterProfile) {
    this.lib = newBuilder(profile);
    this.dots = dotsFor(profile.widthMm);
    this.chars = charsFor(profile.widthMm);
    this.pages = codePagesOf(profile);
    this.announceCodePage();
  }

  private get codepage(): boolean {
    return this.profile.mode === 'codepage';
  }

  private add(buf: Buffer | number[]): void {
    this.lib.add(Buffer.isBuffer(buf) ? buf : Buffer.from(buf));
  }

  private announceCodePage(): void {
    if (this.codepage) this.add(selectCodePage(this.pages.main));
  }

  render(blocks: readonly Block[]): Buffer {
    for (const block of blocks) this.block(block);
    this.flushRaster();
    return this.lib.getBuffer();
  }

  private block(block: Block): void {
    if (!this.codepage) {
      if (block.type === 'qr' && this.profile.qr === 'raster') return void this.pending.push(block);
      if (block.type === 'qr' && !isAscii(block.data)) return void this.pending.push(block);
      switch (block.type) {
        case 'text':
        case 'columns':
        case 'rule':
        case 'image':
        case 'feed':
          this.pending.push(block);
          return;
        default:
          this.flushRaster();
      }
    }
    switch (block.type) {
      case 'text':
        return this.text(block);
      case 'columns':
        return this.columns(block);
      case 'rule':
        this.encodedLine(
          (block.style === 'solid' ? '-' : '- ').repeat(this.chars).slice(0, this.chars),
        );
        return;
      case 'feed':
        this.add(feedLines(block.lines));
        return;
      case 'image':
        this.add(alignCmd('left'));
        this.add(rasterCommands(rasterizeBlocks([{ ...block, align: block.align }], this.dots)));
        return;
      case 'qr':
        if (this.profile.qr === 'native' && isAscii(block.data)) {
          this.add(alignCmd(block.align));
          this.lib.printQR(block.data, { cellSize: block.size, correction: 'M', model: 2 });
          this.add([LF]);
          this.add(alignCmd('left'));
        } else {
          this.add(alignCmd(block.align));
          this.add(rasterCommands(qrBitmap(block.data, block.size, this.dots)));
          this.add(alignCmd('left'));
        }
        return;
      case 'barcode': {
        const width = barcodeModuleWidth(block, this.dots);
        this.add(alignCmd(block.align));
        this.lib.printBarcode(block.data, 73, {
          hriPos: block.hri ? 2 : 0,
          hriFont: 0,
          width,
          height: block.height,
        });
        this.add([LF]);
        this.add(alignCmd('left'));
        return;
      }
      case 'cut':
        if (this.profile.cut) {
          // ESC d 4 ×2, GS V, ESC @ — the ESC @ resets the code page, so announce it again.
          if (block.partial) this.lib.partialCut();
          else this.lib.cut();
          this.announceCodePage();
        } else {
          this.add(feedLines(4));
          this.add(feedLines(4));
        }
        return;
      case 'drawer':
        if (this.profile.cashDrawer) this.add(drawerKick());
        return;
    }
  }

  private flushRaster(): void {
    if (this.pending.length === 0) return;
    const bm = rasterizeBlocks(this.pending, this.dots);
    this.pending = [];
    this.add(alignCmd('left'));
    this.add(rasterCommands(bm));
  }

  /** Encode one line of text, switching pages (TCVN-3 upper case) as needed, then LF. */
  private encodedSegment(text: string): void {
    const encoding = this.profile.encoding as VnEncoding;
    const r = encodeVietnamese(text, encoding);
    if (!r.ok) {
      throw new RenderError(
        'UNENCODABLE',
        printingMessages.vi.UNENCODABLE.replace('{char}', r.char)
          .replace('{codePoint}', r.codePoint)
          .replace('{encoding}', encoding.toUpperCase()),
        { char: r.char, codePoint: r.codePoint, encoding, text },
      );
    }
    for (const run of r.runs) {
      if (run.page === 'upper') {
        if (this.pages.upper === undefined) {
          const chars = decodeWithTable(run.bytes, TCVN3_UPPER_TABLE);
          throw new RenderError(
            'UNENCODABLE',
            printingMessages.vi.NO_UPPER_PAGE.replace('{char}', chars),
            { encoding, text, char: chars },
          );
        }
        this.add(selectCodePage(this.pages.upper));
        this.add(run.bytes);
        this.add(selectCodePage(this.pages.main));
      } else {
        this.add(run.bytes);
      }
    }
  }

  private encodedLine(text: string): void {
    this.encodedSegment(text);
    this.add([LF]);
  }

  private text(block: TextBlock): void {
    this.add(alignCmd(block.align));
    if (block.bold) this.add(boldCmd(true));
    if (block.size !== 1) this.add(sizeCmd(block.size));
    for (const line of wrapChars(block.text, Math.floor(this.chars / block.size))) {
      this.encodedLine(line);
    }
    if (block.size !== 1) this.add(sizeCmd(1));
    if (block.bold) this.add(boldCmd(false));
    if (block.align !== 'left') this.add(alignCmd('left'));
  }

  private columns(block: ColumnsBlock): void {
    const n = block.columns.length;
    const gap = 1;
    const usable = this.chars - gap * (n - 1);
    const total = block.columns.reduce((s, c) => s + c.weight, 0);
    let used = 0;
    const widths = block.columns.map((c, i) => {
      const w = i === n - 1 ? usable - used : Math.max(1, Math.floor((usable * c.weight) / total));
      used += w;
      return w;
    });
    const cells = block.columns.map((c, i) => wrapChars(c.text, widths[i] ?? 1));
    const rows = Math.max(...cells.map((c) => c.length));
    for (let r = 0; r < rows; r++) {
      block.columns.forEach((col, i) => {
        const w = widths[i] ?? 1;
        const cell = padCell(cells[i]?.[r] ?? '', w, col.align);
        if (col.bold) this.add(boldCmd(true));
        this.encodedSegment(cell);
        if (col.bold) this.add(boldCmd(false));
        if (i < n - 1) this.add([0x20]);
      });
      this.add([LF]);
    }
  }
}

/** Render a document for a printer profile. Never throws: failures are values. */
export function renderEscPos(doc: PrintDocumentInput, profile: PrinterProfileInput): RenderResult {
  const d = PrintDocumentSchema.safeParse(doc);
  if (!d.success) {
    return {
      ok: false,
      code: 'INVALID_DOCUMENT',
      message: printingMessages.vi.INVALID_DOCUMENT,
      details: { issues: d.error.issues },
    };
  }
  const p = PrinterProfileSchema.safeParse(profile);
  if (!p.success) {
    return {
      ok: false,
      code: 'INVALID_PROFILE',
      message: printingMessages.vi.INVALID_PROFILE,
      details: { issues: p.error.issues },
    };
  }
  try {
    return { ok: true, bytes: new Renderer(p.data).render(d.data.blocks) };
  } catch (e) {
    if (e instanceof RenderError) {
      return { ok: false, code: e.code, message: e.message, details: e.details };
    }
    return {
      ok: false,
      code: 'RENDER_FAILED',
      message: `${printingMessages.vi.RENDER_FAILED} (${e instanceof Error ? e.message : String(e)})`,
    };
  }
}
