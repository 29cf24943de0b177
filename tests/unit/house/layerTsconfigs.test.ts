// Per-layer type checking: each layer's tsconfig gives it only its own platform's types.
// Each fixture misuses the other platform and must fail under the layer's options (and
// compile under the permissive whole-repository tsconfig.json, so the failure is the
// layer's doing).
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');

function diagnosticsUnder(configFile: string, fixture: string): string[] {
  const read = ts.readConfigFile(path.join(root, configFile), (f) => ts.sys.readFile(f));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root);
  const program = ts.createProgram([path.join(root, 'tests/fixtures/layers', fixture)], {
    ...parsed.options,
    noEmit: true,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('per-layer tsconfigs', () => {
  it('the renderer has no Node types', () => {
    const errors = diagnosticsUnder('tsconfig.renderer.json', 'rendererUsesNode.ts');
    expect(errors.some((e) => e.includes("Cannot find name 'process'"))).toBe(true);
    expect(errors.some((e) => e.includes("Cannot find name 'Buffer'"))).toBe(true);
  }, 60_000);

  it('the Node side has no DOM', () => {
    const errors = diagnosticsUnder('tsconfig.node.json', 'nodeUsesDom.ts');
    expect(errors.some((e) => e.includes("Cannot find name 'document'"))).toBe(true);
    expect(errors.some((e) => e.includes("Cannot find name 'window'"))).toBe(true);
  }, 60_000);

  it('src/shared has neither', () => {
    const errors = diagnosticsUnder('tsconfig.shared.json', 'sharedUsesEither.ts');
    expect(errors.some((e) => e.includes("Cannot find name 'document'"))).toBe(true);
    expect(errors.some((e) => e.includes("Cannot find name 'process'"))).toBe(true);
  }, 60_000);

  it('the whole-repository config accepts all three (the layers make the difference)', () => {
    for (const fixture of ['rendererUsesNode.ts', 'nodeUsesDom.ts', 'sharedUsesEither.ts']) {
      expect(diagnosticsUnder('tsconfig.json', fixture)).toEqual([]);
    }
  }, 60_000);
});
