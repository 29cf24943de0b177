/** Render + send in one call, for the lead's job runner. Always resolves with a value. */
import type { PrintDocumentInput } from './document';
import type { PrinterProfileInput } from './escpos/profile';
import { renderEscPos, type RenderResult } from './escpos/render';
import { sendToPrinter, type SendOptions, type SendResult } from './transport';

export type PrintResult =
  | { ok: true; bytesSent: number }
  | Exclude<RenderResult, { ok: true }>
  | Exclude<SendResult, { ok: true }>;

export async function printDocument(
  uri: string,
  doc: PrintDocumentInput,
  profile: PrinterProfileInput,
  options: SendOptions = {},
): Promise<PrintResult> {
  const rendered = renderEscPos(doc, profile);
  if (!rendered.ok) return rendered;
  return sendToPrinter(uri, rendered.bytes, options);
}
