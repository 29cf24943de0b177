/**
 * Documents the node-thermal-printer behaviour that made us write our own encoders: with
 * WPC1258_VIETNAMESE it announces ESC t 52 but sends TCVN bytes for letters like "ấ",
 * and after cut() (which ends with ESC @) it does not announce the page again.
 */
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../../src/core/printing/decoder';

describe('node-thermal-printer Vietnamese path (why we bypass it)', () => {
  it('announces CP1258 (52) yet the text does not decode as CP1258, and no page after the cut', () => {
    const lib = new ThermalPrinter({
      type: PrinterTypes.EPSON,
      interface: '',
      characterSet: CharacterSet.WPC1258_VIETNAMESE,
    });
    lib.println('Giấy tiếp nhận');
    lib.cut();
    lib.println('a');
    const d = decodeEscPos(lib.getBuffer());
    expect(d.codePages.every((p) => p === 52)).toBe(true);
    expect(d.text[0]).not.toBe('Giấy tiếp nhận');
    const cutAt = d.ops.indexOf('cut');
    expect(d.ops.slice(cutAt)).toEqual(['cut', 'init', 'text']); // no page:52 after ESC @
  });
});
