import { describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../../src/core/printing/decoder';
import { statusReply } from '../../../src/core/printing/fakePrinter';
import { parseStatusBytes } from '../../../src/core/printing/status';
import { parsePrinterUri } from '../../../src/core/printing/transport';

describe('decoder', () => {
  it('decodes text with the announced page, alignment, size, cuts and reports stray bytes', () => {
    const bytes = Buffer.from([
      0x1b, 0x40, 0x1b, 0x74, 52, 0x1b, 0x61, 1, 0x1d, 0x21, 0x11, 0xd0, 0xe3, 0xf2, 0x6e, 0x67,
      0x0a, 0x1d, 0x56, 0x00, 0x07,
    ]);
    const d = decodeEscPos(bytes);
    expect(d.lines).toEqual([{ text: 'Đặng', align: 'center', bold: false, size: 2 }]);
    expect(d.cuts).toBe(1);
    expect(d.codePages).toEqual([52]);
    expect(d.unknown).toEqual([{ offset: 20, byte: 0x07 }]);
  });

  it('shows U+FFFD for high bytes under a page it does not know', () => {
    expect(decodeEscPos(Buffer.from([0x1b, 0x74, 99, 0xe1, 0x0a])).text).toEqual(['\uFFFD']);
  });
});

describe('status bytes', () => {
  const all = {
    refuse: false,
    dropAfterBytes: null,
    stall: false,
    silent: false,
    paperOut: false,
    paperNearEnd: false,
    coverOpen: false,
    offline: false,
  };
  const reply = (b: Partial<typeof all>): number[] =>
    [1, 2, 3, 4].map((n) => statusReply(n, { ...all, ...b }));

  it('reads a healthy printer', () => {
    expect(parseStatusBytes([0x12, 0x12, 0x12, 0x12])).toMatchObject({
      online: true,
      paperOut: false,
      coverOpen: false,
      paperNearEnd: false,
      error: false,
    });
  });
  it('reads paper out, near end and cover open', () => {
    expect(parseStatusBytes(reply({ paperOut: true }))).toMatchObject({
      online: false,
      paperOut: true,
    });
    expect(parseStatusBytes(reply({ paperNearEnd: true }))).toMatchObject({
      online: true,
      paperNearEnd: true,
    });
    expect(parseStatusBytes(reply({ coverOpen: true }))).toMatchObject({
      online: false,
      coverOpen: true,
      paperOut: false,
    });
  });
  it('rejects bytes that are not ESC/POS status replies', () => {
    expect(parseStatusBytes([0x41, 0x12, 0x12, 0x12])).toBeNull();
    expect(parseStatusBytes([0x12, 0x12])).toBeNull();
  });
});

describe('printer URIs', () => {
  it('parses the supported forms', () => {
    expect(parsePrinterUri('tcp://192.168.1.50:9100')).toEqual({
      kind: 'tcp',
      host: '192.168.1.50',
      port: 9100,
    });
    expect(parsePrinterUri('tcp://printer.local')).toEqual({
      kind: 'tcp',
      host: 'printer.local',
      port: 9100,
    });
    expect(parsePrinterUri('/dev/usb/lp0')).toEqual({ kind: 'device', path: '/dev/usb/lp0' });
    expect(parsePrinterUri('file:///dev/usb/lp0')).toEqual({
      kind: 'device',
      path: '/dev/usb/lp0',
    });
    expect(parsePrinterUri('printer:XP-80C')).toEqual({ kind: 'system', name: 'XP-80C' });
    expect(parsePrinterUri('none:')).toEqual({ kind: 'none' });
    expect(parsePrinterUri('http://x')).toBeNull();
    expect(parsePrinterUri('tcp://host:99999')).toBeNull();
  });
});
