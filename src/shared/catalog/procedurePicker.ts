/**
 * The desk's procedure picker order (docs/desk.md, "Procedure picker"): of the procedures
 * whose folded code, name or field contain every typed word, first an exact code, then an
 * exact name, then names starting with the text, then this office's most-used procedures
 * (most first), then the rest. Inside a group a shorter name comes first (the closer match),
 * so "khai sinh" puts "Đăng ký khai sinh" before "Đăng ký khai sinh kết hợp nhận cha, mẹ, con".
 */
import { foldVietnamese } from '../text/fold';

export interface PickableProcedure {
  id: string;
  code: string;
  name: string;
  field: string;
}

export function rankProcedures<P extends PickableProcedure>(
  procedures: readonly P[],
  query: string,
  usage: ReadonlyMap<string, number> = new Map(),
): P[] {
  const q = foldVietnamese(query);
  const words = q.split(' ').filter(Boolean);
  const scored: { p: P; group: number; used: number; index: number }[] = [];
  procedures.forEach((p, index) => {
    const name = foldVietnamese(p.name);
    const text = `${foldVietnamese(p.code)} ${name} ${foldVietnamese(p.field)}`;
    if (!words.every((w) => text.includes(w))) return;
    const used = usage.get(p.id) ?? 0;
    let group = 4;
    if (q && foldVietnamese(p.code) === q) group = 0;
    else if (q && name === q) group = 1;
    else if (q && name.startsWith(q)) group = 2;
    else if (used > 0) group = 3;
    scored.push({ p, group, used, index });
  });
  scored.sort(
    (a, b) =>
      a.group - b.group ||
      (a.group === 3 ? b.used - a.used : 0) ||
      (q ? a.p.name.length - b.p.name.length : 0) ||
      a.index - b.index,
  );
  return scored.map((s) => s.p);
}
