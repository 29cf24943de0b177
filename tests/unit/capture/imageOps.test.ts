import { describe, expect, it } from 'vitest';
import { cleanPage, lumaRange } from '../../../src/renderer/desk/capture/imageOps';

/** A w×1 RGBA strip from a list of [r, g, b]. */
function strip(pixels: [number, number, number][]): Uint8ClampedArray {
  const out = new Uint8ClampedArray(pixels.length * 4);
  pixels.forEach(([r, g, b], i) => out.set([r, g, b, 255], i * 4));
  return out;
}

describe('camera page clean-up', () => {
  it('grayscale gives r = g = b = luma', () => {
    const px = strip([
      [255, 0, 0],
      [0, 0, 255],
      [200, 200, 200],
    ]);
    cleanPage(px, { gray: true, autoContrast: false });
    expect([px[0], px[1], px[2]]).toEqual([76, 76, 76]);
    expect([px[4], px[5], px[6]]).toEqual([29, 29, 29]);
    expect([px[8], px[9], px[10]]).toEqual([200, 200, 200]);
    expect(px[3]).toBe(255);
  });

  it('auto-contrast stretches a grey page with grey ink to white paper and black ink', () => {
    // 90 % paper at 180, 10 % ink at 90: a dull photo of a printed page.
    const pixels: [number, number, number][] = [];
    for (let i = 0; i < 90; i++) pixels.push([180, 180, 180]);
    for (let i = 0; i < 10; i++) pixels.push([90, 90, 90]);
    const px = strip(pixels);
    expect(lumaRange(px)).toEqual({ lo: 90, hi: 180 });
    cleanPage(px, { gray: true, autoContrast: true });
    expect(px[0]).toBe(255);
    expect(px[95 * 4]).toBe(0);
  });

  it('colour auto-contrast stretches each channel and keeps the colour', () => {
    const px = strip([
      [100, 100, 100],
      [200, 200, 200],
      [150, 120, 100],
    ]);
    cleanPage(px, { gray: false, autoContrast: true });
    expect([px[0], px[4]]).toEqual([0, 255]);
    expect(px[8]! > px[9]! && px[9]! > px[10]!).toBe(true);
  });

  it('leaves a flat page alone (nothing to stretch)', () => {
    const px = strip([
      [128, 128, 128],
      [130, 130, 130],
    ]);
    cleanPage(px, { gray: false, autoContrast: true });
    expect([px[0], px[4]]).toEqual([128, 130]);
  });
});
