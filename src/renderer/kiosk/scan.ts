/**
 * What a receipt QR scanner typed (it types like a keyboard and ends with Enter): the lookup
 * URL printed on Mẫu 01 (`…/kiosk?lookup=<code>`), or the bare dossier code.
 */
export function codeFromScan(text: string): string {
  const raw = text.trim();
  const m = /[?&]lookup=([^&#\s]+)/i.exec(raw);
  let code = raw;
  if (m) {
    try {
      code = decodeURIComponent(m[1] as string);
    } catch {
      code = m[1] as string;
    }
  } else if (/^https?:\/\//i.test(raw)) {
    code =
      raw
        .replace(/[?#].*$/, '')
        .split('/')
        .pop() ?? '';
  }
  return code.trim().toUpperCase().slice(0, 60);
}
