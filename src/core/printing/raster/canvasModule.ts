import { createRequire } from 'node:module';
import type * as Canvas from '@napi-rs/canvas';

let loaded: typeof Canvas | null = null;

/**
 * @napi-rs/canvas (≈ 22 MB of resident memory once loaded) is loaded on the first raster
 * print or preview, not when the hub starts (docs/performance.md, "Memory").
 */
export function canvasModule(): typeof Canvas {
  loaded ??= createRequire(__filename)('@napi-rs/canvas') as typeof Canvas;
  return loaded;
}
