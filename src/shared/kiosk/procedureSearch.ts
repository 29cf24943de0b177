import { foldVietnamese } from '../text/fold';

/** What the kiosk's procedure search looks at. */
export interface SearchableProcedure {
  code: string;
  name: string;
  field: string;
  documents: readonly { name: string }[];
}

const words = (s: string): string[] =>
  foldVietnamese(s)
    .split(/[^a-z0-9.]+/)
    .filter(Boolean);

/**
 * The kiosk's procedure search: every word typed (folded: no accents needed, any order)
 * begins a word of the procedure's name, field, code or required documents. So
 * "giay khai sinh" finds "Đăng ký khai sinh" (its documents name a "Giấy chứng sinh"),
 * "chung thuc" finds both "Chứng thực" procedures, and "dat" finds "đất" but not "đạt được"
 * inside another word.
 */
export function procedureMatches(query: string, p: SearchableProcedure): boolean {
  const wanted = words(query);
  if (wanted.length === 0) return false;
  const have = words([p.code, p.name, p.field, ...p.documents.map((d) => d.name)].join(' '));
  return wanted.every((w) => have.some((h) => h.startsWith(w)));
}
