import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * Prints, after the renderer build, what each screen downloads: the entry chunk and the
 * screen's own chunk with everything they import statically, plus their stylesheets —
 * raw and gzip (README, "Renderer build and browser baseline"). Fonts are left out: they are
 * already compressed (woff2) and load only for the characters a screen shows.
 */

/** A screen and the module whose chunk is that screen's code (App.tsx loads it lazily). */
export const SCREENS: readonly { path: string; module: string }[] = [
  { path: '/display', module: 'src/renderer/display/DisplayPage.tsx' },
  { path: '/kiosk', module: 'src/renderer/kiosk/KioskPage.tsx' },
  { path: '/rate', module: 'src/renderer/kiosk/RatePage.tsx' },
  { path: '/ticket/<id>', module: 'src/renderer/queue/TicketStatusPage.tsx' },
  { path: '/desk', module: 'src/renderer/DeskShell.tsx' },
];

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  code: string;
  isEntry: boolean;
  imports: string[];
  facadeModuleId: string | null;
  viteMetadata?: { importedCss: Set<string> };
}
interface AssetLike {
  type: 'asset';
  fileName: string;
  source: string | Uint8Array;
}

export interface ScreenSize {
  path: string;
  files: string[];
  raw: number;
  gzip: number;
}

/** Files (JS and CSS) a screen loads, from a Rollup/Rolldown output bundle. */
export function screenSizes(bundle: Record<string, ChunkLike | AssetLike>): ScreenSize[] {
  const chunks = Object.values(bundle).filter((o): o is ChunkLike => o.type === 'chunk');
  const entry = chunks.find((c) => c.isEntry);
  if (!entry) return [];
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const bytes = (file: string): Uint8Array | null => {
    const o = bundle[file];
    if (!o) return null;
    if (o.type === 'chunk') return Buffer.from(o.code);
    return typeof o.source === 'string' ? Buffer.from(o.source) : o.source;
  };
  const closure = (start: ChunkLike, into: Set<string>) => {
    if (into.has(start.fileName)) return;
    into.add(start.fileName);
    for (const css of start.viteMetadata?.importedCss ?? []) into.add(css);
    for (const imp of start.imports) {
      const next = byFile.get(imp);
      if (next) closure(next, into);
    }
  };
  const out: ScreenSize[] = [];
  for (const screen of SCREENS) {
    const own = chunks.find((c) => c.facadeModuleId?.replace(/\\/g, '/').endsWith(screen.module));
    if (!own) continue;
    const files = new Set<string>();
    closure(entry, files);
    closure(own, files);
    let raw = 0;
    let gzip = 0;
    for (const f of files) {
      const b = bytes(f);
      if (!b) continue;
      raw += b.length;
      gzip += gzipSync(b, { level: 9 }).length;
    }
    out.push({ path: screen.path, files: [...files].sort(), raw, gzip });
  }
  return out;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(10);

export function screenSizesPlugin(): Plugin {
  return {
    name: 'motcua-screen-sizes',
    apply: 'build',
    writeBundle(_options, bundle) {
      const sizes = screenSizes(bundle as unknown as Record<string, ChunkLike | AssetLike>);
      const lines = sizes.map(
        (s) =>
          `  ${s.path.padEnd(13)} ${kb(s.raw)} raw ${kb(s.gzip)} gzip  (${s.files.length} files)`,
      );
      console.log(
        `\nRenderer: what each screen loads (JS + CSS, fonts apart)\n${lines.join('\n')}\n`,
      );
    },
  };
}
