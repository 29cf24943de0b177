/**
 * Mẫu 01 "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" (TT 01/2018/TT-VPCP; from 15/9/2025 Appendix I of TT 03/2025/TT-VPCP) as a complete HTML
 * document for A5 paper: @page CSS, one page per copy ("Liên: Lưu" / "Liên: Giao khách
 * hàng"), the bundled Noto Sans embedded (or served from a URL) so diacritics never depend
 * on the machine's fonts, and the dossier code as an inline SVG QR code.
 * Printed by Electron's webContents.print/printToPDF or by the browser in hub mode.
 * Built with the auto-escaping `markup` template (src/core/html/html.ts): data is never
 * inserted unescaped.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import QRCode from 'qrcode';
import type { DossierReceiptData } from '../layouts/dossierReceipt';
import type { PaymentInfo } from '../payment';
import { formatMoney } from '../layouts/common';
import { vnStrings } from '../layouts/common';
import { labelsVi } from '../layouts/labels.vi';
import { FONT_FILES, findFontDir } from '../raster/font';
import { escapeHtml, joinHtml, markup, raw, type SafeHtml } from '../../html/html';

export type ReceiptA5Font =
  | { kind: 'embedded'; regular?: Uint8Array; bold?: Uint8Array }
  | { kind: 'url'; regularUrl: string; boldUrl: string }
  | { kind: 'none' };

export interface ReceiptA5Options {
  /** Default: the bundled Noto Sans embedded as base64. */
  font?: ReceiptA5Font;
  /** Default: both copies, as Mẫu 01 requires. */
  copies?: Array<'keep' | 'customer'>;
}

const FAMILY = 'MotCuaNotoSans';

let bundled: { regular: Uint8Array; bold: Uint8Array } | null = null;
function bundledFonts(): { regular: Uint8Array; bold: Uint8Array } | null {
  if (bundled) return bundled;
  const dir = findFontDir();
  if (!dir) return null;
  bundled = {
    regular: readFileSync(path.join(dir, FONT_FILES.regular)),
    bold: readFileSync(path.join(dir, FONT_FILES.bold)),
  };
  return bundled;
}

function fontFaceCss(font: ReceiptA5Font): string {
  let regular: string;
  let bold: string;
  if (font.kind === 'none') return '';
  if (font.kind === 'url') {
    // Inside <style> entities are not decoded: escaping only keeps a URL from closing the
    // CSS string or the style element (the hub serves its fonts from plain paths).
    regular = `url("${escapeHtml(font.regularUrl)}") format("truetype")`;
    bold = `url("${escapeHtml(font.boldUrl)}") format("truetype")`;
  } else {
    const files =
      font.regular && font.bold ? { regular: font.regular, bold: font.bold } : bundledFonts();
    if (!files) return '';
    const b64 = (u: Uint8Array): string => Buffer.from(u).toString('base64');
    regular = `url(data:font/ttf;base64,${b64(files.regular)}) format("truetype")`;
    bold = `url(data:font/ttf;base64,${b64(files.bold)}) format("truetype")`;
  }
  return (
    `@font-face{font-family:"${FAMILY}";font-weight:400;font-style:normal;src:${regular};}\n` +
    `@font-face{font-family:"${FAMILY}";font-weight:700;font-style:normal;src:${bold};}\n`
  );
}

/** The fee block of an A5 form: amount, in words, how paid and by whom, the VietQR code. */
export function paymentHtml(p: PaymentInfo | undefined): SafeHtml | '' {
  if (!p) return '';
  const l = labelsVi.payment;
  const paid =
    p.paid &&
    markup`<p>${l.method}: ${p.paid.method ? labelsVi.fee.methods[p.paid.method] : '—'}; ${l.collector}: ${p.paid.collectorName}</p>`;
  return markup`<div class="payment" data-payment><p class="b">${p.paid ? l.paid : l.due}: ${formatMoney(p.amountVnd)} ${l.currency}</p>
<p>${l.inWords}: <span class="i">${p.words}</span></p>${paid}${p.vietQr && markup`<div class="vietqr" data-vietqr>${qrSvg(p.vietQr, 24)}<p class="hint">${l.scan}</p></div>`}</div>`;
}

/** QR code as an inline SVG (one path, crisp at any print resolution). */
export function qrSvg(data: string, sizeMm: number): SafeHtml {
  const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const q = 2;
  let d = '';
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) d += `M${c + q} ${r + q}h1v1h-1z`;
  }
  const v = n + 2 * q;
  return markup`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${v} ${v}" width="${sizeMm}mm" height="${sizeMm}mm" shape-rendering="crispEdges" role="img" aria-label="QR"><path d="${d}" fill="#000"/></svg>`;
}

const CSS = `
@page { size: A5 portrait; margin: 8mm 10mm 8mm 12mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: "${FAMILY}", "Noto Sans", "Times New Roman", serif; font-size: 10pt; line-height: 1.28; color: #000; }
.page { page-break-after: always; break-after: page; }
.page:last-child { page-break-after: auto; break-after: auto; }
.head { width: 100%; border-collapse: collapse; }
.head td { vertical-align: top; text-align: center; width: 50%; padding: 0; }
.upper { text-transform: none; font-size: 9.5pt; }
.b { font-weight: 700; }
.u { display: inline-block; border-bottom: 1px solid #000; padding-bottom: 1px; }
.date { text-align: right; font-style: italic; margin: 3mm 0 2mm; }
h1 { font-size: 12.5pt; text-align: center; margin: 2mm 0 0.5mm; }
.copy { text-align: center; font-style: italic; margin-bottom: 2mm; }
.code { display: flex; justify-content: space-between; align-items: center; gap: 3mm; }
.code .v { font-weight: 700; font-size: 11pt; }
p { margin: 0.5mm 0; }
table.docs { width: 100%; border-collapse: collapse; margin: 1mm 0 1.5mm; font-size: 9.5pt; }
table.docs th, table.docs td { border: 0.6pt solid #000; padding: 0.6mm 1.2mm; vertical-align: top; }
table.docs th { font-weight: 700; text-align: center; }
table.docs td.n { text-align: center; width: 9mm; }
table.docs td.k { width: 30mm; }
table.docs td.c { text-align: center; width: 12mm; }
.sign { width: 100%; border-collapse: collapse; margin-top: 3mm; page-break-inside: avoid; break-inside: avoid; }
.sign td { width: 50%; text-align: center; vertical-align: top; }
.sign .space { height: 14mm; }
.hint { font-style: italic; font-size: 9pt; }
@media screen { body { background: #888; } .page { background: #fff; width: 148mm; min-height: 210mm; margin: 6mm auto; padding: 10mm 11mm 10mm 13mm; } }
`;

function copyPage(data: DossierReceiptData, copy: 'keep' | 'customer'): SafeHtml {
  const l = labelsVi.receipt;
  const rec = vnStrings(data.receivedAt);
  const app = vnStrings(data.appointmentAt);
  const a = data.applicant;
  const proc = data.procedure.code
    ? `${data.procedure.name} (${data.procedure.code})`
    : data.procedure.name;
  const rows = data.documents.map(
    (d, i) =>
      markup`<tr><td class="n">${i + 1}</td><td>${d.name}</td><td class="k">${l.kind[d.kind]}</td><td class="c">${d.count}</td></tr>`,
  );
  const time =
    'workingDays' in data.processingTime
      ? l.processingTime(data.processingTime.workingDays)
      : l.processingTimeText(data.processingTime.text);
  return markup`<section class="page">
<table class="head"><tr>
<td>${data.agency.parentName && markup`<div class="upper">${data.agency.parentName}</div>`}<div class="b u">${data.agency.name}</div></td>
<td><div class="b">${labelsVi.nationalMotto}</div><div class="b u">${labelsVi.nationalMottoSub}</div></td>
</tr></table>
<div class="date">${labelsVi.dateLine(data.agency.place, rec.day, rec.month, rec.year)}</div>
<h1>${l.title}</h1>${data.formSet === 'TT03-2025' && markup`<div class="hint" style="text-align:center">Mẫu số 01, Phụ lục I Thông tư 03/2025/TT-VPCP</div>`}
<div class="copy">${l.copy(copy === 'keep' ? l.copyKeep : l.copyCustomer)}</div>
<div class="code"><div>${l.dossierCode}: <span class="v">${data.dossierCode}</span></div>${data.lookupUrl && qrSvg(data.lookupUrl, 20)}</div>
<p>${l.receivedFrom}:</p>
<p>${l.applicantName}: <span class="b">${a.name}</span></p>
${a.address && markup`<p>${l.address}: ${a.address}</p>`}
${(a.phone || a.email) && markup`<p>${a.phone && markup`${l.phone}: ${a.phone}`}${a.phone && a.email && '; '}${a.email && markup`${l.email}: ${a.email}`}</p>`}
<p>${l.request}: <span class="b">${proc}</span></p>
${data.documents.length > 0 && markup`<p>${l.documentsHeader}:</p><table class="docs"><thead><tr><th>${l.colNo}</th><th>${l.colName}</th><th>${l.colKind}</th><th>${l.colCount}</th></tr></thead><tbody>${rows}</tbody></table>`}
<p>${l.setCount(data.setCount)}</p>
<p>${time}</p>
<p>${l.receivedAt(rec.hour, rec.minute, rec.date)}</p>
<p class="b">${l.appointmentAt(app.hour, app.minute, app.date)}</p>
<p>${l.collectAt}: ${data.collectAt}</p>
<p>${l.register(data.registerBook, data.registerEntry)}</p>${paymentHtml(data.payment)}
<table class="sign"><tr>
<td><div class="b">${l.submitter}</div><div class="hint">${l.signHint}</div><div class="space"></div><div>${a.name}</div></td>
<td><div class="b">${l.receiver}</div><div class="hint">${l.signHint}</div><div class="space"></div><div>${data.officerName}</div></td>
</tr></table>
</section>`;
}

/**
 * The page title names the form and the circular it follows: Mẫu 01 of Appendix I of
 * TT 03/2025/TT-VPCP for dossiers received from 15/9/2025, Mẫu 01 of TT 01/2018/TT-VPCP before.
 */
function receiptPageTitle(data: DossierReceiptData): string {
  const source =
    data.formSet === 'TT03-2025'
      ? 'Phụ lục I Thông tư 03/2025/TT-VPCP'
      : 'Thông tư 01/2018/TT-VPCP';
  return `Mẫu 01 (${source}) - ${labelsVi.receipt.title} - ${data.dossierCode}`;
}

/** The full HTML document (UTF-8) for Mẫu 01 on A5. */
export function receiptA5Html(data: DossierReceiptData, options: ReceiptA5Options = {}): string {
  const copies = options.copies ?? ['keep', 'customer'];
  const fontCss = fontFaceCss(options.font ?? { kind: 'embedded' });
  return markup`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>${receiptPageTitle(data)}</title>
<style>
${raw(fontCss + CSS)}
</style>
</head>
<body>
${joinHtml(
  copies.map((c) => copyPage(data, c)),
  '\n',
)}
</body>
</html>
`.toString();
}
