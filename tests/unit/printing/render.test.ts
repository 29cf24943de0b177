import { describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../../src/core/printing/decoder';
import { b, type PrintDocument } from '../../../src/core/printing/document';
import { renderEscPos } from '../../../src/core/printing/escpos/render';
import type { PrinterProfileInput } from '../../../src/core/printing/escpos/profile';
import { inkColumnRange } from '../../../src/core/printing/raster/bitmap';

const cp1258: PrinterProfileInput = {
  widthMm: 80,
  mode: 'codepage',
  encoding: 'cp1258',
  cut: true,
};
const tcvn3: PrinterProfileInput = { widthMm: 58, mode: 'codepage', encoding: 'tcvn3', cut: true };

function bytes(doc: PrintDocument, profile: PrinterProfileInput): Buffer {
  const r = renderEscPos(doc, profile);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.bytes;
}

describe('code-page mode', () => {
  it('announces the configured ESC t number at the start and again after every cut', () => {
    const doc = { blocks: [b.text('Đặng Văn Đức'), b.cut(), b.text('Ánh'), b.cut(true)] };
    const d = decodeEscPos(bytes(doc, { ...cp1258, codePage: 27 }), {
      codePages: { 0: 'ascii', 27: 'cp1258' },
    });
    expect(d.codePages).toEqual([27, 27, 27]);
    expect(d.ops).toEqual([
      'init',
      'page:27',
      'text',
      'feed',
      'feed',
      'cut',
      'init',
      'page:27',
      'text',
      'feed',
      'feed',
      'cut',
      'init',
      'page:27',
    ]);
    expect(d.text).toEqual(['Đặng Văn Đức', 'Ánh']);
    expect(d.cuts).toBe(2);
  });

  it('switches to the TCVN-3 upper-case page for capitals with tone marks and back', () => {
    const d = decodeEscPos(bytes({ blocks: [b.text('GIẤY TIẾP NHẬN hồ sơ')] }, tcvn3));
    expect(d.text).toEqual(['GIẤY TIẾP NHẬN hồ sơ']);
    expect(d.codePages).toEqual([30, 31, 30, 31, 30, 31, 30]);
  });

  it('refuses capitals with tone marks when the profile names no upper-case TCVN-3 page', () => {
    const r = renderEscPos({ blocks: [b.text('Ánh')] }, { ...tcvn3, codePage: 30 });
    expect(r).toMatchObject({ ok: false, code: 'UNENCODABLE', details: { char: 'Á' } });
  });

  it('reports an unencodable character as a value with the character, never "?"', () => {
    const r = renderEscPos({ blocks: [b.text('Phí 10 €… ok'), b.text('Số № 1')] }, cp1258);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('UNENCODABLE');
    expect(r.message).toContain('№');
    expect(r.message).toContain('CP1258');
  });

  it('word-wraps to the line width in characters (48 on 80 mm, 24 at double size)', () => {
    const long = 'Thời gian giải quyết hồ sơ theo quy định: một ngày làm việc kể từ ngày nhận';
    const d = decodeEscPos(bytes({ blocks: [b.text(long), b.text(long, { size: 2 })] }, cp1258));
    for (const l of d.lines)
      expect(Array.from(l.text).length).toBeLessThanOrEqual(l.size === 2 ? 24 : 48);
    expect(
      d.lines
        .filter((l) => l.size === 1)
        .map((l) => l.text)
        .join(' '),
    ).toBe(long);
  });

  it('lays out columns side by side within the width', () => {
    const d = decodeEscPos(
      bytes(
        { blocks: [b.columns({ text: 'TỔNG CỘNG' }, { text: '20.000 đ', align: 'right' })] },
        cp1258,
      ),
    );
    expect(d.text).toEqual(['TỔNG CỘNG' + ' '.repeat(48 - 9 - 8) + '20.000 đ']);
  });

  it('kicks the drawer only when the profile has one (with both pulse bytes)', () => {
    const doc = { blocks: [b.text('x'), b.drawer()] };
    expect(decodeEscPos(bytes(doc, cp1258)).drawerKicks).toBe(0);
    const withDrawer = bytes(doc, { ...cp1258, cashDrawer: true });
    expect(decodeEscPos(withDrawer).drawerKicks).toBe(1);
    expect([...withDrawer.subarray(-5)]).toEqual([0x1b, 0x70, 0x00, 25, 250]);
  });

  it('feeds instead of cutting on printers without a cutter', () => {
    const d = decodeEscPos(bytes({ blocks: [b.text('x'), b.cut()] }, { ...cp1258, cut: false }));
    expect(d.cuts).toBe(0);
    expect(d.ops).toEqual(['init', 'page:52', 'text', 'feed', 'feed']);
  });

  it('prints native QR and CODE128 with the payloads intact', () => {
    const d = decodeEscPos(
      bytes({ blocks: [b.qr('https://motcua.local/t/A012'), b.barcode('MC-0001')] }, cp1258),
    );
    expect(d.qr).toEqual(['https://motcua.local/t/A012']);
    expect(d.barcodes).toEqual(['MC-0001']);
    expect(d.unknown).toEqual([]);
  });

  it('rejects a barcode wider than the paper as a value', () => {
    const r = renderEscPos({ blocks: [b.barcode('000.00.14.H56-250715-0001-XXXXXXXXXX')] }, tcvn3);
    expect(r).toMatchObject({ ok: false, code: 'BARCODE_TOO_WIDE' });
  });
});

describe('validation at the edge', () => {
  it('rejects a code-page profile without an encoding', () => {
    expect(renderEscPos({ blocks: [] }, { widthMm: 80, mode: 'codepage' })).toMatchObject({
      ok: false,
      code: 'INVALID_PROFILE',
    });
  });
  it('rejects a malformed document', () => {
    expect(
      renderEscPos({ blocks: [{ type: 'text', text: 'x', size: 7 }] } as never, cp1258),
    ).toMatchObject({
      ok: false,
      code: 'INVALID_DOCUMENT',
    });
  });
});

describe('raster mode', () => {
  it('sends no text bytes and no code page, only images as wide as the head', () => {
    for (const widthMm of [58, 80] as const) {
      const d = decodeEscPos(
        bytes(
          { blocks: [b.text('Nguyễn Thị Ngọc Ánh', { size: 2 }), b.cut()] },
          { widthMm, mode: 'raster', cut: true },
        ),
      );
      expect(d.text).toEqual([]);
      expect(d.codePages).toEqual([]);
      expect(d.images).toHaveLength(1);
      expect(d.images[0]?.width).toBe(widthMm === 58 ? 384 : 576);
      expect(d.cuts).toBe(1);
    }
  });

  it('splits tall images into bands the decoder joins back', () => {
    const blocks = Array.from({ length: 30 }, (_, i) => b.text(`Dòng ${i + 1}: Đặng Văn Đức`));
    const buf = bytes({ blocks }, { widthMm: 58, mode: 'raster', cut: true });
    const bands = decodeEscPos(buf, { mergeRasterBands: false }).images;
    const joined = decodeEscPos(buf).images;
    expect(bands.length).toBeGreaterThan(1);
    expect(bands.every((im) => im.height <= 256)).toBe(true);
    expect(joined).toHaveLength(1);
    expect(joined[0]?.height).toBe(bands.reduce((h, im) => h + im.height, 0));
  });

  it('keeps every dot inside the print width even for a word longer than the line', () => {
    const word =
      'https://motcua.local/tra-cuu/000.00.14.H56-250715-0001?ma=ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const d = decodeEscPos(
      bytes({ blocks: [b.text(word, { size: 2 })] }, { widthMm: 58, mode: 'raster', cut: true }),
    );
    const im = d.images[0];
    expect(im).toBeDefined();
    if (!im) return;
    const range = inkColumnRange(im);
    expect(range).not.toBeNull();
    expect(range?.[0]).toBeGreaterThanOrEqual(1);
    expect(range?.[1]).toBeLessThanOrEqual(382);
    expect(im.height).toBeGreaterThan(3 * 40); // wrapped onto several lines
  });

  it('draws QR codes into the image when the profile asks for raster QR', () => {
    const d = decodeEscPos(
      bytes({ blocks: [b.qr('https://x.vn/1')] }, { widthMm: 80, mode: 'raster', qr: 'raster' }),
    );
    expect(d.qr).toEqual([]);
    expect(d.images).toHaveLength(1);
  });
});
