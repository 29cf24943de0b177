// The lint refuses import cycles: ESLint's import-x/no-cycle (runtime imports) and
// scripts/check-cycles.mjs (every import, type-only included). Both are shown failing on
// throw-away cycles in tests/fixtures/cycles, and the project itself has none.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ES module script without type declarations
import { findCycles } from '../../../scripts/check-cycles.mjs';

const root = path.resolve(__dirname, '../../..');
const fixtures = path.join(root, 'tests/fixtures/cycles');

interface Cycle {
  files: string[];
  path: string[];
}
const cyclesIn = (roots: string[], exclude: string[] = []): Cycle[] =>
  (findCycles as (roots: string[], exclude: string[]) => Cycle[])(
    roots.map((r) => path.join(root, r)),
    exclude.map((r) => path.join(root, r)),
  );

describe('import cycles', () => {
  it('ESLint (the project config) reports import-x/no-cycle on a runtime cycle', async () => {
    // ignore: false lints the fixture although the config ignores it for `npm run lint`.
    const eslint = new ESLint({ cwd: root, ignore: false });
    const results = await eslint.lintFiles([path.join(fixtures, 'runtime/a.ts')]);
    const rules = results.flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(rules).toContain('import-x/no-cycle');
  }, 60_000);

  it('ESLint finds no cycle once the cycle is broken (the rule is not always on)', async () => {
    const eslint = new ESLint({ cwd: root, ignore: false });
    const results = await eslint.lintFiles([path.join(fixtures, 'typeOnly/moduleHandlers.ts')]);
    const rules = results.flatMap((r) => r.messages.map((m) => m.ruleId));
    // A type-only cycle is invisible to import-x by design; scripts/check-cycles.mjs sees it.
    expect(rules).not.toContain('import-x/no-cycle');
  }, 60_000);

  it('check-cycles reports both the runtime and the type-only fixture cycle', () => {
    const cycles = cyclesIn(['tests/fixtures/cycles']);
    const names = cycles.map((c) =>
      c.files
        .map((f) => path.basename(f))
        .sort()
        .join(','),
    );
    expect(names.sort()).toEqual(['a.ts,b.ts', 'handlers.ts,moduleHandlers.ts']);
    for (const c of cycles) expect(c.path[0]).toBe(c.path[c.path.length - 1]);
  });

  it('the project has no import cycle, type-only included', () => {
    const cycles = cyclesIn(['src', 'scripts', 'tests'], ['tests/fixtures/cycles']);
    expect(cycles.map((c) => c.path.map((f) => path.relative(root, f)).join(' → '))).toEqual([]);
  });
});
