/**
 * Copy text to the clipboard. `navigator.clipboard` exists only in secure contexts (the
 * desktop app, localhost); a LAN page over plain http falls back to selecting the shown field.
 */
export async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    /* refused: fall back below */
  }
  if (!field) return false;
  field.focus();
  field.select();
  return document.execCommand('copy');
}

/** 1 234 567 bytes → "1,2 MB" (vi) / "1.2 MB" (en). */
export function formatBytes(bytes: number, lang: 'vi' | 'en'): string {
  const fmt = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    maximumFractionDigits: 1,
  });
  if (bytes < 1024) return `${fmt.format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${fmt.format(bytes / 1024)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${fmt.format(bytes / 1024 / 1024)} MB`;
  return `${fmt.format(bytes / 1024 / 1024 / 1024)} GB`;
}
