/**
 * The bundled Vietnamese-capable font (Noto Sans, SIL OFL 1.1, `resources/fonts/`).
 * Registered once with Skia under a private family name so that no system font can be
 * picked instead — raster receipts look the same on every machine.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { canvasModule } from './canvasModule';

export const RASTER_FONT_FAMILY = 'MotCuaNotoSans';
export const FONT_FILES = { regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' } as const;

let configuredDir: string | null = null;
let registered = false;

/** For packaged apps: where `NotoSans-*.ttf` live (e.g. Electron's `process.resourcesPath`). */
export function setPrintingFontDir(dir: string): void {
  configuredDir = dir;
  registered = false;
}

function candidates(): string[] {
  const list: string[] = [];
  if (configuredDir) list.push(configuredDir);
  const env = process.env['MOTCUA_FONT_DIR'];
  if (env) list.push(env);
  // Walk up from this file (src/core/printing/raster → repo root) and from the cwd.
  const starts = [typeof __dirname === 'string' ? __dirname : '', process.cwd()];
  for (const start of starts) {
    if (!start) continue;
    let dir = start;
    for (let i = 0; i < 8; i++) {
      list.push(path.join(dir, 'resources', 'fonts'));
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return list;
}

/** The directory holding the bundled fonts, or null when it cannot be found. */
export function findFontDir(): string | null {
  for (const dir of candidates()) {
    if (
      existsSync(path.join(dir, FONT_FILES.regular)) &&
      existsSync(path.join(dir, FONT_FILES.bold))
    ) {
      return dir;
    }
  }
  return null;
}

/** Registers the fonts with Skia; throws only when the app ships without its fonts. */
export function ensureRasterFont(): void {
  if (registered) return;
  const dir = findFontDir();
  if (!dir) {
    throw new Error(
      `Printing font not found (${FONT_FILES.regular}); call setPrintingFontDir() or set MOTCUA_FONT_DIR`,
    );
  }
  const { GlobalFonts } = canvasModule();
  GlobalFonts.registerFromPath(path.join(dir, FONT_FILES.regular), RASTER_FONT_FAMILY);
  GlobalFonts.registerFromPath(path.join(dir, FONT_FILES.bold), RASTER_FONT_FAMILY);
  registered = true;
}
