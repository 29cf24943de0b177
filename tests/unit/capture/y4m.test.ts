import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rgbaToI420, writeDocumentVideo, writeY4m } from '../../helpers/y4m';

describe('y4m writer (fake camera video)', () => {
  it('converts white, black and red to the BT.601 full-range values', () => {
    const px = new Uint8ClampedArray(4 * 4);
    px.set([255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255]);
    // 2×2: white, black / red, red → Y plane 255, 0, 76, 76; one averaged chroma sample.
    const out = rgbaToI420(px, 2, 2);
    expect([...out.subarray(0, 4)]).toEqual([255, 0, 76, 76]);
    expect(out.length).toBe(6);
  });

  it('writes a header and one FRAME per frame of the right size', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'y4m-'));
    const file = path.join(dir, 'a.y4m');
    writeY4m(file, 4, 2, [new Uint8ClampedArray(32), new Uint8ClampedArray(32)], 5);
    const bytes = fs.readFileSync(file);
    const header = 'YUV4MPEG2 W4 H2 F5:1 Ip A1:1 C420jpeg\n';
    expect(bytes.subarray(0, header.length).toString('ascii')).toBe(header);
    expect(bytes.length).toBe(header.length + 2 * ('FRAME\n'.length + 8 + 2 * 2));
    expect(() => writeY4m(file, 3, 2, [])).toThrow(/even/);
    writeDocumentVideo(file, ['GIAY CHUNG SINH']);
    expect(fs.statSync(file).size).toBeGreaterThan(3 * 640 * 480);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
