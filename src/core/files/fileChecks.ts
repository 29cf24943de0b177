/**
 * What an uploaded file must be before anything is stored (docs/digitisation.md, "Checks"):
 * its bytes say what it is (magic numbers, never the name or the declared type), a PDF parses
 * and holds no JavaScript, no launch action, no embedded file and no encryption, an image
 * has sane dimensions. Pure functions: they run in the image worker (src/core/files/
 * imageWorker.ts), off the hub's event loop.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, type PDFObject } from 'pdf-lib';

export type FileKind = 'pdf' | 'jpeg' | 'png';

/** Why a file is refused: the `reason` detail of a 415 UNSUPPORTED_FILE. */
export type RefusalReason =
  | 'unknown_type'
  | 'mixed_types'
  | 'pdf_unreadable'
  | 'pdf_encrypted'
  | 'pdf_active_content'
  | 'pdf_embedded_file'
  | 'image_unreadable'
  | 'image_too_large';

export class FileRefused extends Error {
  constructor(readonly reason: RefusalReason) {
    super(reason);
    this.name = 'FileRefused';
  }
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The file's kind from its first bytes, or null (an ELF, a ZIP, text, anything else). */
export function sniffKind(bytes: Uint8Array): FileKind | null {
  const starts = (magic: readonly number[]) =>
    bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // "%PDF-"
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts(PNG_MAGIC)) return 'png';
  return null;
}

/** The largest image accepted, in pixels: an A4 page at 600 dpi is about 35 million. */
export const MAX_IMAGE_PIXELS = 60_000_000;
export const MAX_IMAGE_SIDE = 20_000;

/** Width and height from a PNG's IHDR or a JPEG's SOF marker, without decoding; null if absent. */
export function imageDimensions(
  bytes: Uint8Array,
  kind: 'jpeg' | 'png',
): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (kind === 'png') {
    if (bytes.length < 24) return null;
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1] as number;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    const length = view.getUint16(i + 2);
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
    }
    i += 2 + length;
  }
  return null;
}

/** Refuse an image whose header is missing or whose size would exhaust memory once decoded. */
export function checkImageHeader(bytes: Uint8Array, kind: 'jpeg' | 'png'): void {
  const dims = imageDimensions(bytes, kind);
  if (!dims || dims.width < 1 || dims.height < 1) throw new FileRefused('image_unreadable');
  if (
    dims.width > MAX_IMAGE_SIDE ||
    dims.height > MAX_IMAGE_SIDE ||
    dims.width * dims.height > MAX_IMAGE_PIXELS
  ) {
    throw new FileRefused('image_too_large');
  }
}

/**
 * Dictionary keys and name values that make a PDF active or a container: JavaScript (as an
 * action, a name tree or a form calculation), launching programs, embedded files and
 * attachments, rich media, XFA forms (scripts). A scan has none of them (ISO 32000-1 §12.6.4,
 * §7.11.4).
 */
const ACTIVE_NAMES = new Set(['JS', 'JavaScript', 'Launch', 'RichMedia', 'XFA']);
const EMBEDDED_NAMES = new Set(['EmbeddedFiles', 'EmbeddedFile', 'EF', 'FileAttachment']);

function nameText(name: PDFName): string {
  // pdf-lib keeps names as written ("/J#53"): decode #xx escapes (ISO 32000-1 §7.3.5).
  return name
    .asString()
    .slice(1)
    .replace(/#([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function inspectName(name: PDFName): void {
  const text = nameText(name);
  if (ACTIVE_NAMES.has(text)) throw new FileRefused('pdf_active_content');
  if (EMBEDDED_NAMES.has(text)) throw new FileRefused('pdf_embedded_file');
}

function inspect(obj: PDFObject, depth: number): void {
  if (depth > 64) throw new FileRefused('pdf_unreadable'); // direct objects this deep: not a scan
  if (obj instanceof PDFName) return inspectName(obj);
  const dict = obj instanceof PDFStream ? obj.dict : obj instanceof PDFDict ? obj : null;
  if (dict) {
    for (const [key, value] of dict.entries()) {
      inspectName(key);
      inspect(value, depth + 1);
    }
    return;
  }
  if (obj instanceof PDFArray) for (const item of obj.asArray()) inspect(item, depth + 1);
}

/** A byte sequence anywhere in the file (e.g. "/Encrypt"): a backstop to the parsed check. */
function containsAscii(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, 'latin1');
}

/**
 * Check a PDF: it parses, it is not encrypted, no object in it (including those packed in
 * object streams, which pdf-lib unpacks) names JavaScript, a launch action or an embedded
 * file. Returns its page count.
 */
export async function checkPdf(bytes: Uint8Array): Promise<number> {
  if (containsAscii(bytes, '/Encrypt')) throw new FileRefused('pdf_encrypted');
  if (containsAscii(bytes, '/JavaScript')) throw new FileRefused('pdf_active_content');
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (e) {
    if (e instanceof Error && e.name === 'EncryptedPDFError') {
      throw new FileRefused('pdf_encrypted');
    }
    throw new FileRefused('pdf_unreadable');
  }
  if (doc.isEncrypted) throw new FileRefused('pdf_encrypted');
  for (const [, obj] of doc.context.enumerateIndirectObjects()) inspect(obj, 0);
  let pages: number;
  try {
    pages = doc.getPageCount();
  } catch {
    throw new FileRefused('pdf_unreadable');
  }
  if (pages < 1) throw new FileRefused('pdf_unreadable');
  return pages;
}
