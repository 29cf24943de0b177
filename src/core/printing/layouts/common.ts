import { z } from 'zod';
import { formatVnDate, vnParts } from '../../../shared/time/vnTime';
import { b, type Block } from '../document';
import { labelsVi } from './labels.vi';

export const AgencySchema = z.object({
  /** The superior body, e.g. "UBND TỈNH THANH HÓA" (optional). */
  parentName: z.string().max(120).optional(),
  /** The receiving unit, e.g. "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ ĐÔNG TIẾN". */
  name: z.string().min(1).max(160),
  /** Place name written before the date ("Đông Tiến, ngày … tháng … năm …"). */
  place: z.string().min(1).max(80),
});
export type Agency = z.output<typeof AgencySchema>;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Vietnam wall-clock parts as the strings forms print. */
export function vnStrings(instant: Date): {
  hour: string;
  minute: string;
  day: string;
  month: string;
  year: string;
  date: string;
  time: string;
} {
  const p = vnParts(instant);
  return {
    hour: pad2(p.hour),
    minute: pad2(p.minute),
    day: pad2(p.day),
    month: pad2(p.month),
    year: String(p.year),
    date: formatVnDate(instant),
    time: `${pad2(p.hour)}:${pad2(p.minute)}`,
  };
}

export { formatMoney } from '../../../shared/money';

/** Agency block + national motto + place/date line (the head of every official slip). */
export function officialHeader(agency: Agency, at: Date): Block[] {
  const s = vnStrings(at);
  const blocks: Block[] = [];
  if (agency.parentName) blocks.push(b.center(agency.parentName));
  blocks.push(b.center(agency.name, { bold: true }));
  blocks.push(b.rule('dashed'));
  blocks.push(b.center(labelsVi.nationalMotto, { bold: true }));
  blocks.push(b.center(labelsVi.nationalMottoSub, { bold: true }));
  blocks.push(b.center(labelsVi.dateLine(agency.place, s.day, s.month, s.year)));
  blocks.push(b.rule());
  return blocks;
}
