import { describe, expect, it } from 'vitest';
import { b } from '../../../src/core/printing/document';
import { inkRowRuns, inkRowCount, bitmapToPng } from '../../../src/core/printing/raster/bitmap';
import {
  fontFor,
  measure,
  rasterizeBlocks,
  wrapText,
} from '../../../src/core/printing/raster/rasterize';
import { findFontDir } from '../../../src/core/printing/raster/font';

describe('raster text', () => {
  it('finds the bundled OFL font', () => {
    expect(findFontDir()).toMatch(/resources[\\/]fonts$/);
  });

  it('wraps at word boundaries without exceeding the width', () => {
    const font = fontFor(1, false);
    const text = 'Nhận kết quả tại: Quầy số 2, Trung tâm Phục vụ hành chính công xã Đông Tiến';
    const lines = wrapText(text, font, 376);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(text);
    for (const l of lines) expect(measure(l, font)).toBeLessThanOrEqual(376);
  });

  it('keeps the tone marks of stacked capitals inside the line box', () => {
    const one = rasterizeBlocks([b.text('ẤỄỸ')], 384);
    const runs = inkRowRuns(one);
    expect(runs[0]?.[0]).toBeGreaterThan(0); // marks above the capitals are not clipped
    expect(runs[runs.length - 1]?.[1]).toBeLessThan(one.height - 1);
  });

  it('makes the ticket number (size 3) far taller than body text', () => {
    const big = rasterizeBlocks([b.text('A012', { size: 3, bold: true })], 384);
    const small = rasterizeBlocks([b.text('A012')], 384);
    expect(inkRowCount(big)).toBeGreaterThan(3 * inkRowCount(small));
  });

  it('writes a valid 1-bit PNG', () => {
    const png = bitmapToPng(rasterizeBlocks([b.text('Đức')], 384));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(384);
    expect(png[24]).toBe(1); // bit depth
  });
});
