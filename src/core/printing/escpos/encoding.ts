/**
 * Our own Vietnamese single-byte encoders for printers used in code-page mode.
 *
 * Why not node-thermal-printer's `WPC1258_VIETNAMESE`: it encodes through iconv-lite's flat
 * Windows-1258 table, which has no precomposed "ấ", "ạ", "ễ"… — every such character comes
 * back as '?', and the library then silently switches to its TCVN table while announcing
 * `ESC t 52` again, so the printer receives TCVN bytes under the CP1258 page. It also
 * forgets the code page after a cut (`ESC @` resets it on the printer, not in the library).
 *
 * - CP1258: Windows-1258 keeps a few precomposed letters (á, Â, Ơ, đ …) and represents the
 *   other toned letters as base letter + combining tone mark byte (0xCC ̀, 0xEC ́, 0xDE ̃,
 *   0xD2 ̉, 0xF2 ̣), exactly like Windows' own converter.
 * - TCVN-3 (TCVN 5712:1993 VN3, "ABC"): one byte per lower-case toned letter. Upper-case
 *   letters with a tone mark do not exist in the main table; printers offer them on a second
 *   page (Epson: 30 = lower, 31 = upper) at the position of the lower-case letter. The
 *   encoder returns runs tagged `main` / `upper`; the renderer emits `ESC t n` for each.
 *
 * A character that cannot be encoded is an error value, never '?' and never another page.
 */

export type VnEncoding = 'cp1258' | 'tcvn3';
export type CodePageRun = { page: 'main' | 'upper'; bytes: number[] };

export type EncodeResult =
  | { ok: true; runs: CodePageRun[] }
  | {
      ok: false;
      code: 'UNENCODABLE';
      encoding: VnEncoding;
      /** The offending character (NFC) and its position in the NFC string. */
      char: string;
      index: number;
      codePoint: string;
    };

const REPLACEMENT = '\uFFFD';

function asciiTable(): string[] {
  const t: string[] = [];
  for (let i = 0; i < 256; i++) t.push(i < 0x80 ? String.fromCharCode(i) : REPLACEMENT);
  return t;
}

/** Windows-1258: byte → Unicode (combining marks as separate code points). */
export const CP1258_TABLE: readonly string[] = (() => {
  const t = asciiTable();
  const c1 =
    '\u20AC\uFFFD\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\uFFFD\u2039\u0152\uFFFD\uFFFD\uFFFD' +
    '\uFFFD\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\uFFFD\u203A\u0153\uFFFD\uFFFD\u0178';
  for (let i = 0; i < 32; i++) t[0x80 + i] = c1[i] ?? REPLACEMENT;
  for (let i = 0xa0; i <= 0xff; i++) t[i] = String.fromCharCode(i); // Latin-1 base
  const overrides: Record<number, string> = {
    0xc3: '\u0102', // Ă
    0xcc: '\u0300', // combining grave (huyền)
    0xd0: '\u0110', // Đ
    0xd2: '\u0309', // combining hook above (hỏi)
    0xd5: '\u01A0', // Ơ
    0xdd: '\u01AF', // Ư
    0xde: '\u0303', // combining tilde (ngã)
    0xe3: '\u0103', // ă
    0xec: '\u0301', // combining acute (sắc)
    0xf0: '\u0111', // đ
    0xf2: '\u0323', // combining dot below (nặng)
    0xf5: '\u01A1', // ơ
    0xfd: '\u01B0', // ư
    0xfe: '\u20AB', // ₫
  };
  for (const [k, v] of Object.entries(overrides)) t[Number(k)] = v;
  return t;
})();

/** TCVN-3 (VN3) main page: Ă Â Ê Ô Ơ Ư Đ, ă â ê ô ơ ư đ and the 60 lower-case toned vowels. */
const TCVN3_HIGH: Record<number, string> = {
  0xa1: 'Ă', 0xa2: 'Â', 0xa3: 'Ê', 0xa4: 'Ô', 0xa5: 'Ơ', 0xa6: 'Ư', 0xa7: 'Đ',
  0xa8: 'ă', 0xa9: 'â', 0xaa: 'ê', 0xab: 'ô', 0xac: 'ơ', 0xad: 'ư', 0xae: 'đ',
  0xb5: 'à', 0xb6: 'ả', 0xb7: 'ã', 0xb8: 'á', 0xb9: 'ạ',
  0xbb: 'ằ', 0xbc: 'ẳ', 0xbd: 'ẵ', 0xbe: 'ắ', 0xc6: 'ặ',
  0xc7: 'ầ', 0xc8: 'ẩ', 0xc9: 'ẫ', 0xca: 'ấ', 0xcb: 'ậ',
  0xcc: 'è', 0xce: 'ẻ', 0xcf: 'ẽ', 0xd0: 'é', 0xd1: 'ẹ',
  0xd2: 'ề', 0xd3: 'ể', 0xd4: 'ễ', 0xd5: 'ế', 0xd6: 'ệ',
  0xd7: 'ì', 0xd8: 'ỉ', 0xdc: 'ĩ', 0xdd: 'í', 0xde: 'ị',
  0xdf: 'ò', 0xe1: 'ỏ', 0xe2: 'õ', 0xe3: 'ó', 0xe4: 'ọ',
  0xe5: 'ồ', 0xe6: 'ổ', 0xe7: 'ỗ', 0xe8: 'ố', 0xe9: 'ộ',
  0xea: 'ờ', 0xeb: 'ở', 0xec: 'ỡ', 0xed: 'ớ', 0xee: 'ợ',
  0xef: 'ù', 0xf1: 'ủ', 0xf2: 'ũ', 0xf3: 'ú', 0xf4: 'ụ',
  0xf5: 'ừ', 0xf6: 'ử', 0xf7: 'ữ', 0xf8: 'ứ', 0xf9: 'ự',
  0xfa: 'ỳ', 0xfb: 'ỷ', 0xfc: 'ỹ', 0xfd: 'ý', 0xfe: 'ỵ',
}; // prettier-ignore

export const TCVN3_TABLE: readonly string[] = (() => {
  const t = asciiTable();
  for (const [k, v] of Object.entries(TCVN3_HIGH)) t[Number(k)] = v;
  return t;
})();

/** The upper-case TCVN-3 page: the same positions carry the capital letters. */
export const TCVN3_UPPER_TABLE: readonly string[] = (() => {
  const t = asciiTable();
  for (const [k, v] of Object.entries(TCVN3_HIGH)) t[Number(k)] = v.toUpperCase();
  return t;
})();

/** Code page 437 as far as we use it: ASCII only (anything else decodes as U+FFFD). */
export const ASCII_TABLE: readonly string[] = asciiTable();

function reverse(table: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  table.forEach((ch, byte) => {
    if (ch !== REPLACEMENT && !m.has(ch)) m.set(ch, byte);
  });
  return m;
}

const CP1258_REV = reverse(CP1258_TABLE);
const TCVN3_REV = reverse(TCVN3_TABLE);

const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);

function cp(ch: string): string {
  return 'U+' + (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

function pushRun(runs: CodePageRun[], page: CodePageRun['page'], bytes: number[]): void {
  const last = runs[runs.length - 1];
  if (last && last.page === page) last.bytes.push(...bytes);
  else runs.push({ page, bytes: [...bytes] });
}

function encodeCp1258Char(ch: string): number[] | null {
  const direct = CP1258_REV.get(ch);
  if (direct !== undefined) return [direct];
  const parts = Array.from(ch.normalize('NFD'));
  const base = parts[0];
  if (base === undefined) return null;
  const tones = parts.slice(1).filter((m) => TONE_MARKS.has(m));
  const others = parts.slice(1).filter((m) => !TONE_MARKS.has(m));
  const composed = (base + others.join('')).normalize('NFC');
  const baseByte = CP1258_REV.get(composed);
  if (baseByte === undefined) return null;
  const out = [baseByte];
  for (const t of tones) {
    const tb = CP1258_REV.get(t);
    if (tb === undefined) return null;
    out.push(tb);
  }
  return out;
}

function encodeTcvn3Char(ch: string): { page: CodePageRun['page']; byte: number } | null {
  const main = TCVN3_REV.get(ch);
  if (main !== undefined) return { page: 'main', byte: main };
  const lower = ch.toLowerCase();
  if (lower !== ch) {
    const byte = TCVN3_REV.get(lower);
    if (byte !== undefined && byte >= 0xb5) return { page: 'upper', byte };
  }
  return null;
}

/** Encode text (any normalisation) for a Vietnamese code page. */
export function encodeVietnamese(text: string, encoding: VnEncoding): EncodeResult {
  const nfc = text.normalize('NFC');
  const runs: CodePageRun[] = [];
  let index = 0;
  for (const ch of nfc) {
    if (encoding === 'cp1258') {
      const bytes = encodeCp1258Char(ch);
      if (!bytes)
        return { ok: false, code: 'UNENCODABLE', encoding, char: ch, index, codePoint: cp(ch) };
      pushRun(runs, 'main', bytes);
    } else {
      const r = encodeTcvn3Char(ch);
      if (!r)
        return { ok: false, code: 'UNENCODABLE', encoding, char: ch, index, codePoint: cp(ch) };
      pushRun(runs, r.page, [r.byte]);
    }
    index += ch.length;
  }
  return { ok: true, runs };
}

/** Decode bytes of one page back to NFC text (the inverse of the encoders). */
export function decodeWithTable(bytes: ArrayLike<number>, table: readonly string[]): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += table[bytes[i] ?? 0] ?? REPLACEMENT;
  return s.normalize('NFC');
}
