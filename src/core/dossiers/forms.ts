/**
 * The dossier forms as printable HTML, in two sets chosen by the reception date: Appendix I
 * of TT 03/2025/TT-VPCP from 15/9/2025 (Mẫu 01 receipt — the printing module's
 * receiptA5Html —, 02 supplement request, 03 refusal, 04 apology and new appointment, 05 stop
 * notice, 06 control slip — the event trail —, 07 register, A4 landscape, one book a year)
 * and TT 01/2018/TT-VPCP before (the same without the stop notice, control 05, register 06);
 * plus the return slip. Pure functions from data to a complete HTML document with the
 * bundled Noto Sans embedded (diacritics never depend on the machine's fonts), no script.
 * Templates are versioned by `FORM_TEMPLATE_VERSION` (docs/domain.md, Forms: keep forms selectable).
 * Every template is an auto-escaping `markup` template (src/core/html/html.ts): data is never
 * inserted unescaped, so no field can add markup to a legal form.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TIME_UNIT_LABELS } from '../../shared/catalog/procedure';
import type { Site } from '../../shared/contract';
import { translate, type MessageKey } from '../../shared/i18n';
import { formatVnDate, formatVnDateTime } from '../../shared/time/vnTime';
import type { Agency } from '../printing/layouts/common';
import { vnStrings } from '../printing/layouts/common';
import { labelsVi } from '../printing/layouts/labels.vi';
import { paymentHtml, qrSvg } from '../printing/forms/receiptA5';
import type { PaymentInfo } from '../printing/payment';
import { joinHtml, markup, raw, type SafeHtml } from '../html/html';
import { FONT_FILES, findFontDir } from '../printing/raster/font';

export const FORM_TEMPLATE_VERSION = 'TT01-2018';

// The two sets and their numbers live in src/shared/forms/formSets.ts (the desk labels its
// form buttons with the same numbers).
export {
  FORM_TITLES,
  TT03_2025_FROM,
  formMeta,
  formSetFor,
  registerSetFor,
  type FormId,
  type FormSet,
} from '../../shared/forms/formSets';
import { formMeta, registerSetFor, type FormId, type FormSet } from '../../shared/forms/formSets';

const SET_CITATION: Record<FormSet, string> = {
  'TT01-2018': 'Thông tư 01/2018/TT-VPCP',
  'TT03-2025': 'Phụ lục I Thông tư 03/2025/TT-VPCP',
};

/** "Mẫu 04 - …" (the page title) and the heading, for a form of a set. */
function titles(set: FormSet, id: FormId): { page: string; heading: string } {
  const m = formMeta(set, id);
  return { page: `Mẫu ${m.n} - ${m.title}`, heading: m.title.toLocaleUpperCase('vi') };
}

/** The citation printed under the heading of a 2025 form (the 2018 pages print none). */
function citation(set: FormSet, id: FormId): SafeHtml | '' {
  if (set !== 'TT03-2025') return '';
  const m = formMeta(set, id);
  return markup`<p class="hint" style="text-align:center">Mẫu số ${m.n}, ${SET_CITATION[set]}</p>`;
}

export const EVENT_VI: Record<string, string> = {
  received: 'Tiếp nhận hồ sơ',
  transferred: 'Chuyển xử lý',
  supplement_requested: 'Yêu cầu bổ sung hồ sơ',
  supplement_received: 'Nhận hồ sơ bổ sung',
  closed: 'Đóng hồ sơ (không bổ sung trong thời hạn)',
  refused: 'Từ chối giải quyết',
  extended: 'Gia hạn, xin lỗi và hẹn lại ngày trả',
  apology: 'Xin lỗi (quá hạn) và hẹn lại ngày trả',
  result_ready: 'Có kết quả giải quyết',
  returned: 'Trả kết quả',
  result_corrected: 'Đính chính kết quả (sai sót do cơ quan giải quyết)',
  stopped: 'Dừng giải quyết theo đề nghị',
};

/** A return's on-time class in Vietnamese: the reports' wording (i18n `reports.class.*`). */
const ON_TIME_KEYS: Record<string, MessageKey> = {
  early: 'reports.class.early',
  on_time: 'reports.class.onTime',
  late: 'reports.class.late',
};
const onTimeLabel = (onTime: string): string => {
  const key = ON_TIME_KEYS[onTime];
  return key ? translate('vi', key) : onTime;
};

/** The site's agency as the forms print it (the place name is the commune's, for the date line). */
export function agencyOf(site: Site): Agency {
  const m = /(?:xã|phường|thị trấn|đặc khu)\s+(.+)$/iu.exec(site.agencyName);
  return { name: site.agencyName.toUpperCase(), place: (m?.[1] ?? site.agencyName).slice(0, 80) };
}

export interface FormApplicant {
  fullName: string;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  email: string | null;
}

export interface FormProcedure {
  code: string;
  name: string;
  processingTime: { amount: number; unit: 'working_day' | 'day' | 'hour' | 'same_day' };
}

let fontCss: string | null = null;
function embeddedFontCss(): string {
  if (fontCss !== null) return fontCss;
  const dir = findFontDir();
  if (!dir) return (fontCss = '');
  const b64 = (f: string): string => readFileSync(path.join(dir, f)).toString('base64');
  fontCss =
    `@font-face{font-family:"MotCuaNotoSans";font-weight:400;src:url(data:font/ttf;base64,${b64(FONT_FILES.regular)}) format("truetype");}\n` +
    `@font-face{font-family:"MotCuaNotoSans";font-weight:700;src:url(data:font/ttf;base64,${b64(FONT_FILES.bold)}) format("truetype");}\n`;
  return fontCss;
}

const BASE_CSS = `
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: "MotCuaNotoSans", "Noto Sans", "Times New Roman", serif; font-size: 10.5pt; line-height: 1.35; color: #000; }
.head { width: 100%; border-collapse: collapse; }
.head td { vertical-align: top; text-align: center; width: 50%; padding: 0; }
.b { font-weight: 700; } .i { font-style: italic; }
.u { display: inline-block; border-bottom: 1px solid #000; padding-bottom: 1px; }
.date { text-align: right; font-style: italic; margin: 3mm 0 2mm; }
h1 { font-size: 12.5pt; text-align: center; margin: 2mm 0 2mm; }
p { margin: 0.8mm 0; }
table.grid { width: 100%; border-collapse: collapse; margin: 1mm 0 2mm; font-size: 9.5pt; }
table.grid th, table.grid td { border: 0.6pt solid #000; padding: 0.6mm 1.2mm; vertical-align: top; }
table.grid th { font-weight: 700; text-align: center; }
td.n { text-align: center; }
.sign { width: 100%; border-collapse: collapse; margin-top: 4mm; }
.sign td { width: 50%; text-align: center; vertical-align: top; }
.sign .space { height: 16mm; }
.hint { font-style: italic; font-size: 9pt; }
.code { display: flex; justify-content: space-between; align-items: center; gap: 3mm; }
`;

function documentHtml(
  title: string,
  page: 'A5' | 'A4-landscape',
  body: SafeHtml,
  extraCss = '',
  set: FormSet = 'TT01-2018',
): string {
  const size = page === 'A5' ? 'A5 portrait' : 'A4 landscape';
  const screenWidth = page === 'A5' ? '148mm' : '297mm';
  // The style sheet is the program's own constants (and the bundled font), never data.
  const css = `${embeddedFontCss()}@page { size: ${size}; margin: 10mm 11mm 10mm 13mm; }
${BASE_CSS}${extraCss}
@media screen { body { background: #888; } .page { background: #fff; width: ${screenWidth}; margin: 6mm auto; padding: 10mm 11mm 10mm 13mm; } }`;
  return markup`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="form-template" content="${set}">
<title>${title}</title>
<style>
${raw(css)}
</style>
</head>
<body>
<section class="page">
${body}
</section>
</body>
</html>
`.toString();
}

/** What every slip of one dossier names. */
interface SlipBase {
  agency: Agency;
  at: Date;
  applicant: FormApplicant;
  procedure: FormProcedure;
  set?: FormSet;
}

/**
 * An A5 slip of a form set: the agency's header, the form's heading and (TT 03/2025) its
 * citation, then `body`. `set` is the set the slip is printed in; `titleSet` names the form
 * (they differ only for the stop notice, which TT 01/2018 lacks).
 */
function slipHtml(
  set: FormSet,
  id: FormId,
  d: { agency: Agency; at: Date },
  body: SafeHtml,
  titleSet: FormSet = set,
): string {
  const t = titles(titleSet, id);
  return documentHtml(
    t.page,
    'A5',
    markup`${header(d.agency, d.at)}
<h1>${t.heading}</h1>${citation(set, id)}
${body}`,
    '',
    set,
  );
}

function header(agency: Agency, at: Date): SafeHtml {
  const s = vnStrings(at);
  return markup`<table class="head"><tr>
<td>${agency.parentName && markup`<div>${agency.parentName}</div>`}<div class="b u">${agency.name}</div></td>
<td><div class="b">${labelsVi.nationalMotto}</div><div class="b u">${labelsVi.nationalMottoSub}</div></td>
</tr></table>
<div class="date">${labelsVi.dateLine(agency.place, s.day, s.month, s.year)}</div>`;
}

function applicantLines(a: FormApplicant): SafeHtml {
  const contact = [a.phone ? `Số điện thoại: ${a.phone}` : '', a.email ? `Email: ${a.email}` : '']
    .filter(Boolean)
    .join('; ');
  return markup`<p>Ông/Bà: <span class="b">${a.fullName}</span></p>
${a.address && markup`<p>Địa chỉ: ${a.address}</p>`}
${contact && markup`<p>${contact}</p>`}`;
}

function signatures(left: string, right: string, leftName: string, rightName: string): SafeHtml {
  return markup`<table class="sign"><tr>
<td><div class="b">${left}</div><div class="hint">(Ký và ghi rõ họ tên)</div><div class="space"></div><div>${leftName}</div></td>
<td><div class="b">${right}</div><div class="hint">(Ký và ghi rõ họ tên)</div><div class="space"></div><div>${rightName}</div></td>
</tr></table>`;
}

export function processingTimeText(p: FormProcedure['processingTime']): string {
  if (p.unit === 'same_day') return 'Trong ngày (nhận sau 15 giờ: ngày làm việc tiếp theo)';
  return `${p.amount} ${TIME_UNIT_LABELS.vi[p.unit]}`;
}

/** Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. */
export function supplementFormHtml(
  d: SlipBase & {
    dossierCode: string | null;
    documents: string[];
    reason: string;
    officerName: string;
    officerPhone?: string;
    /** Days the citizen has to supplement before closing (site `supplementCloseDays`). */
    closeDays?: number;
  },
): string {
  const set = d.set ?? 'TT01-2018';
  const rows = d.documents.length
    ? d.documents.map((x, i) => markup`<tr><td class="n">${i + 1}</td><td>${x}</td></tr>`)
    : markup`<tr><td class="n">1</td><td>Theo lý do nêu dưới đây</td></tr>`;
  return slipHtml(
    set,
    'supplement',
    d,
    markup`${d.dossierCode && markup`<p>Mã hồ sơ: <span class="b">${d.dossierCode}</span></p>`}
<p>Hồ sơ của:</p>
${applicantLines(d.applicant)}
<p>Nội dung yêu cầu giải quyết: <span class="b">${d.procedure.name}</span> (${d.procedure.code})</p>
<p>Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:</p>
<table class="grid"><thead><tr><th style="width:10mm">STT</th><th>Nội dung, giấy tờ cần bổ sung</th></tr></thead><tbody>${rows}</tbody></table>
<p>Lý do: ${d.reason}</p>
<p>Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với ${d.officerName}${d.officerPhone && markup`, số điện thoại ${d.officerPhone}`} để được hướng dẫn.</p>
<p class="i">Hồ sơ không được bổ sung trong thời hạn ${d.closeDays ?? 15} ngày kể từ ngày nhận phiếu này sẽ bị đóng theo quy định.</p>
${signatures('NGƯỜI NỘP HỒ SƠ', 'NGƯỜI HƯỚNG DẪN', d.applicant.fullName, d.officerName)}`,
  );
}

/** Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export function refusalFormHtml(
  d: SlipBase & {
    dossierCode: string | null;
    reason: string;
    officerName: string;
  },
): string {
  const set = d.set ?? 'TT01-2018';
  return slipHtml(
    set,
    'refusal',
    d,
    markup`${d.dossierCode && markup`<p>Mã hồ sơ: <span class="b">${d.dossierCode}</span></p>`}
<p>Cơ quan tiếp nhận hồ sơ của:</p>
${applicantLines(d.applicant)}
<p>Nội dung yêu cầu giải quyết: <span class="b">${d.procedure.name}</span> (${d.procedure.code})</p>
<p>Qua xem xét, cơ quan từ chối tiếp nhận, giải quyết hồ sơ với lý do cụ thể như sau:</p>
<p class="b">${d.reason}</p>
<p>Xin thông báo để Ông/Bà được biết và thực hiện.</p>
${signatures('NGƯỜI NỘP HỒ SƠ', 'CÁN BỘ TIẾP NHẬN', d.applicant.fullName, d.officerName)}`,
  );
}

/** Mẫu 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả. */
export function apologyFormHtml(
  d: SlipBase & {
    dossierCode: string;
    receivedAt: Date;
    originalDueDate: string;
    newDueDate: string;
    reason: string;
    signerName: string;
  },
): string {
  const set = d.set ?? 'TT01-2018';
  return slipHtml(
    set,
    'apology',
    d,
    markup`<p>Kính gửi: Ông/Bà <span class="b">${d.applicant.fullName}</span></p>
<p>Ngày ${formatVnDate(d.receivedAt)}, cơ quan tiếp nhận hồ sơ đề nghị giải quyết thủ tục <span class="b">${d.procedure.name}</span> của Ông/Bà.</p>
<p>Mã hồ sơ: <span class="b">${d.dossierCode}</span>; thời gian hẹn trả kết quả: ngày ${formatVnDate(d.originalDueDate)}.</p>
<p>Tuy nhiên đến nay, cơ quan chưa trả kết quả giải quyết hồ sơ cho Ông/Bà đúng hẹn. Lý do: ${d.reason}</p>
<p>Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà. Chúng tôi xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào ngày <span class="b">${formatVnDate(d.newDueDate)}</span>.</p>
<p>Xin trân trọng cảm ơn.</p>
<table class="sign"><tr><td></td><td><div class="b">THỦ TRƯỞNG CƠ QUAN GIẢI QUYẾT</div><div class="hint">(Ký và ghi rõ họ tên, đóng dấu)</div><div class="space"></div><div>${d.signerName}</div></td></tr></table>`,
  );
}

/**
 * Mẫu 05 of TT 03/2025/TT-VPCP: Thông báo dừng giải quyết hồ sơ (stop on the applicant's
 * request, NĐ 118/2025 Art. 21): the reason and the applicant's request. TT 01/2018 has no
 * such form, so a stopped dossier of the old set prints this one too.
 */
export function stopNoticeHtml(
  d: SlipBase & {
    dossierCode: string;
    receivedAt: Date;
    reason: string | null;
    signerName: string;
  },
): string {
  const set = d.set ?? 'TT03-2025';
  return slipHtml(
    'TT03-2025',
    'stop_notice',
    d,
    markup`<p>Kính gửi: Ông/Bà <span class="b">${d.applicant.fullName}</span></p>
<p>Ngày ${formatVnDate(d.receivedAt)}, cơ quan tiếp nhận hồ sơ đề nghị giải quyết thủ tục <span class="b">${d.procedure.name}</span> (${d.procedure.code}) của Ông/Bà; mã hồ sơ: <span class="b">${d.dossierCode}</span>.</p>
<p>Ngày ${formatVnDate(d.at)}, theo đề nghị của Ông/Bà, cơ quan dừng giải quyết hồ sơ nêu trên (Điều 21 Nghị định 118/2025/NĐ-CP).</p>
<p>Lý do: ${d.reason ?? 'Theo đề nghị của người nộp hồ sơ'}</p>
<p>Hồ sơ và giấy tờ đã nộp được trả lại theo đề nghị của Ông/Bà.</p>
<p>Xin thông báo để Ông/Bà được biết.</p>
<table class="sign"><tr><td></td><td><div class="b">THỦ TRƯỞNG CƠ QUAN GIẢI QUYẾT</div><div class="hint">(Ký và ghi rõ họ tên, đóng dấu)</div><div class="space"></div><div>${d.signerName}</div></td></tr></table>`,
    set,
  );
}

export interface ControlEvent {
  at: string;
  type: string;
  officerName: string | null;
  reason: string | null;
  dueBefore: string | null;
  dueAfter: string | null;
  unit: string | null;
  onTime: string | null;
}

/** Mẫu 05: Phiếu kiểm soát quá trình giải quyết hồ sơ (one row per event of the trail). */
export function controlSlipHtml(
  d: SlipBase & {
    dossierCode: string;
    receivedAt: Date;
    dueDate: string | null;
    events: ControlEvent[];
    /** Cơ quan chủ trì giải quyết (the deciding authority); the units of each step are in the rows. */
    decidingAuthority?: string;
  },
): string {
  const set = d.set ?? 'TT01-2018';
  const rows = d.events.map((x, i) => {
    const newDue = x.dueAfter && x.dueAfter !== x.dueBefore ? x.dueAfter : null;
    return markup`<tr><td class="n">${i + 1}</td><td>${EVENT_VI[x.type] ?? x.type}${x.unit && markup`<br>${x.unit}`}</td>
<td>${formatVnDateTime(new Date(x.at))}</td><td>${x.officerName ?? ''}</td>
<td>${x.onTime && onTimeLabel(x.onTime)}</td>
<td>${newDue && markup`Hẹn trả: ${formatVnDate(newDue)}`}${x.reason && markup`${newDue && markup`<br>`}${x.reason}`}</td></tr>`;
  });
  return slipHtml(
    set,
    'control',
    d,
    markup`<p>Mã hồ sơ: <span class="b">${d.dossierCode}</span></p>
<p>Người nộp: ${d.applicant.fullName}; thủ tục: ${d.procedure.name}</p>
<p>Thời gian nhận hồ sơ: ${formatVnDateTime(d.receivedAt)}; hẹn trả kết quả: ${d.dueDate ? formatVnDate(d.dueDate) : '—'}</p>
${d.decidingAuthority && markup`<p>Cơ quan chủ trì giải quyết: ${d.decidingAuthority}</p>`}
<table class="grid"><thead><tr><th style="width:8mm">STT</th><th>Nội dung, đơn vị</th><th style="width:26mm">Thời gian</th><th>Người thực hiện</th><th style="width:16mm">Kết quả</th><th>Ghi chú</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

/** The columns of Mẫu 06, in order: the printed book here and the CSV/XLSX register share them. */
export const REGISTER_HEADERS = [
  'STT',
  'Mã hồ sơ',
  'Tên thủ tục hành chính',
  'Số lượng hồ sơ (bộ)',
  'Tên cá nhân, tổ chức',
  'Địa chỉ, số điện thoại',
  'Cơ quan chủ trì giải quyết',
  'Nhận hồ sơ',
  'Hẹn trả kết quả',
  'Chuyển hồ sơ đến cơ quan giải quyết',
  'Nhận kết quả từ cơ quan giải quyết',
  'Trả kết quả cho cá nhân, tổ chức',
  'Ký nhận',
  'Ghi chú',
] as const;

/** One line of Mẫu 06 (instants are ISO-8601 UTC strings, dates 'YYYY-MM-DD'). */
export interface RegisterRow {
  entry: number;
  code: string;
  procedureName: string;
  sets: number;
  applicantName: string;
  /** Address and phone, as one cell. */
  contact: string;
  decidingAuthority: string;
  receivedAt: string;
  dueDate: string | null;
  transferredAt: string | null;
  resultAt: string | null;
  returnedAt: string | null;
  note: string;
}

/** The address and phone cell of the register. */
export const registerContact = (address: string | null, phone: string | null): string =>
  [address, phone].filter(Boolean).join(' — ');

/** The book runs over many pages: the header row repeats on each, a line is never split. */
const REGISTER_CSS = `table.register { font-size: 8pt; }
table.register thead { display: table-header-group; }
table.register tr { page-break-inside: avoid; }
table.register td.empty { text-align: center; font-style: italic; }
`;

/**
 * Mẫu 06: Sổ theo dõi hồ sơ (A4 landscape). `scope` is either the year's book (one book a
 * year, entry numbers through the year) or a report period (the book's lines received in it).
 */
export function registerHtml(d: {
  agency: Agency;
  at: Date;
  scope: { year: number } | { from: string; to: string };
  rows: RegisterRow[];
}): string {
  // A year's book uses the set in force on 1 January of that year (2025: TT 01/2018 Mẫu 06;
  // from 2026: TT 03/2025 Mẫu 07); a period's extract, the set of its first year.
  const set = registerSetFor('year' in d.scope ? d.scope.year : Number(d.scope.from.slice(0, 4)));
  const m = formMeta(set, 'register');
  const dt = (iso: string | null): string => (iso ? formatVnDate(new Date(iso)) : '');
  const rows = d.rows.map(
    (
      r,
    ) => markup`<tr><td class="n">${r.entry}</td><td>${r.code}</td><td>${r.procedureName}</td><td class="n">${r.sets}</td>
<td>${r.applicantName}</td><td>${r.contact}</td><td>${r.decidingAuthority}</td>
<td>${formatVnDateTime(new Date(r.receivedAt))}</td><td>${r.dueDate && formatVnDate(r.dueDate)}</td>
<td>${dt(r.transferredAt)}</td><td>${dt(r.resultAt)}</td><td>${dt(r.returnedAt)}</td><td></td><td>${r.note}</td></tr>`,
  );
  const [title, subtitle] =
    'year' in d.scope
      ? [
          `Mẫu ${m.n} - Sổ theo dõi hồ sơ năm ${d.scope.year}`,
          `Quyển số: ${d.scope.year} — Năm ${d.scope.year}`,
        ]
      : [
          `Mẫu ${m.n} - Sổ theo dõi hồ sơ ${formatVnDate(d.scope.from)} - ${formatVnDate(d.scope.to)}`,
          `Từ ngày ${formatVnDate(d.scope.from)} đến ngày ${formatVnDate(d.scope.to)} — ${d.rows.length} hồ sơ`,
        ];
  const s = vnStrings(d.at);
  return documentHtml(
    title,
    'A4-landscape',
    markup`${header(d.agency, d.at)}
<h1>SỔ THEO DÕI HỒ SƠ</h1>
<p style="text-align:center">${subtitle}</p>
<table class="grid register"><thead><tr>
${REGISTER_HEADERS.map((h) => markup`<th>${h}</th>`)}
</tr></thead><tbody>
${rows.length > 0 ? joinHtml(rows, '\n') : markup`<tr><td class="empty" colspan="${REGISTER_HEADERS.length}">Không có hồ sơ</td></tr>`}
</tbody></table>
<p class="hint">In lúc ${s.time} ngày ${s.date} — Mẫu số ${m.n}, ${SET_CITATION[set]}</p>`,
    REGISTER_CSS,
    set,
  );
}

/** Phiếu trả kết quả as an A5 page (the thermal slip is printing/layouts/returnSlip). */
export function returnSlipHtml(d: {
  agency: Agency;
  at: Date;
  dossierCode: string;
  applicantName: string;
  procedureName: string;
  receivedAt: Date;
  dueDate: string;
  returnedAt: Date;
  collectedBy: string;
  onTime: string;
  officerName: string;
  ratingUrl?: string;
  /** The dossier's public lookup page (QR; absent while there is no public address). */
  lookupUrl?: string | undefined;
  /** The fee: amount, in words, how paid and who collected it, VietQR (docs/desk.md). */
  payment?: PaymentInfo | undefined;
  /** The latest apology letter for the late dossier: date issued and new appointment. */
  apology?: { at: Date; newDueDate: string } | undefined;
  /** The signed result has a stored scan (docs/digitisation.md). */
  resultDigitised?: boolean | undefined;
}): string {
  return documentHtml(
    'Phiếu trả kết quả',
    'A5',
    markup`${header(d.agency, d.at)}
<h1>PHIẾU TRẢ KẾT QUẢ</h1>
<div class="code"><p>Mã hồ sơ: <span class="b">${d.dossierCode}</span></p>${d.lookupUrl && markup`<div data-lookup-qr>${qrSvg(d.lookupUrl, 18)}<p class="hint">Tra cứu hồ sơ: quét mã QR</p></div>`}${d.ratingUrl && qrSvg(d.ratingUrl, 18)}</div>
<p>Người nộp: <span class="b">${d.applicantName}</span></p>
<p>Thủ tục: ${d.procedureName}</p>
<p>Ngày nhận hồ sơ: ${formatVnDate(d.receivedAt)}; ngày hẹn trả: ${formatVnDate(d.dueDate)}</p>${d.apology && markup`<p>Văn bản xin lỗi ngày ${formatVnDate(d.apology.at)}, hẹn lại ngày trả: <span class="b">${formatVnDate(d.apology.newDueDate)}</span></p>`}
<p>Thời gian trả kết quả: ${formatVnDateTime(d.returnedAt)} — <span class="b">${onTimeLabel(d.onTime)}</span></p>
<p>Người nhận kết quả: ${d.collectedBy}</p>${paymentHtml(d.payment)}${d.resultDigitised && markup`<p class="i">${translate('vi', 'capture.resultKept')}</p>`}
${signatures('NGƯỜI NHẬN KẾT QUẢ', 'CÁN BỘ TRẢ KẾT QUẢ', d.collectedBy, d.officerName)}
${d.ratingUrl && markup`<p class="i" style="text-align:center">Mời Ông/Bà quét mã QR để đánh giá mức độ hài lòng.</p>`}`,
  );
}
