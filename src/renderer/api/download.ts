/**
 * Files the screens hand to the officer (an export, a report, a dossier's attachment): bytes
 * from the typed client turned into a blob URL, saved by the browser (or the desktop app)
 * as a download, or shown in a new tab. The URL is released once the browser has read it.
 */
type Bytes = Uint8Array | string;

function blobUrl(body: Bytes, contentType: string): string {
  return URL.createObjectURL(new Blob([body as BlobPart], { type: contentType }));
}

/** Have the browser save `url` under `fileName` (an `<a download>` clicked in the page). */
function save(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Save bytes as a file named `fileName`. */
export function downloadBytes(fileName: string, contentType: string, body: Bytes): void {
  const url = blobUrl(body, contentType);
  save(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Show bytes in a new tab (a blob URL: the file route needs the officer's token); the
 * desktop app opens no new window, so there the file is saved instead.
 */
export function openBytes(body: Bytes, contentType: string, fileName: string): void {
  const url = blobUrl(body, contentType);
  if (!window.open(url, '_blank')) save(url, fileName);
  // The tab has read it by then; a minute later the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
