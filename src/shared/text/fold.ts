/**
 * Vietnamese search folding, used for every search in the product (desk search, catalogue
 * filter, FTS5 index and query): both the indexed text and the query go through the same
 * function, so `dang van duc` finds `Đặng Văn Đức`.
 *
 * Steps: NFC (so input typed in any normalisation behaves the same) → NFD → strip every
 * combining mark → đ/Đ → d (SQLite's remove_diacritics keeps `đ`, hence this step) →
 * lower-case → collapse whitespace runs into one space → trim.
 *
 * Also folds `Ð` (U+00D0, Latin capital ETH), which some keyboards and scanners produce in
 * place of `Đ` (U+0110).
 */
const COMBINING_MARKS = /\p{M}+/gu;
const D_STROKE = /[đĐðÐ]/g;
const WHITESPACE = /\s+/gu;

export function foldVietnamese(s: string): string {
  return s
    .normalize('NFC')
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(D_STROKE, 'd')
    .toLowerCase()
    .replace(WHITESPACE, ' ')
    .trim();
}

/** True when the folded `haystack` contains the folded `needle` (empty needle matches). */
export function foldedIncludes(haystack: string, needle: string): boolean {
  return foldVietnamese(haystack).includes(foldVietnamese(needle));
}
