// Comments and docs stand on their own: they cite the law or the project's own pages
// (docs/domain.md for the rules of the desk), never a work-item number or a section of a
// document that is not in the repository.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const TEXT = /\.(ts|tsx|mts|mjs|js|css|md|html)$/;

function files(dir: string, into: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files(full, into);
    else if (TEXT.test(entry.name)) into.push(full);
  }
  return into;
}

// "issue 5", "Issue 8", "issue #4", "(#7)", "domain §9", "domain.md §2", "architecture §1";
// not the verb ("a kiosk may issue 30 tickets a minute").
const FORBIDDEN = [
  /\b[Ii]ssue (#\s?)?\d+\b(?! (tickets|a minute))/,
  /\b[Ii]ssue#\d+/,
  /\(#\d+\)/,
  /\bdomain(\.md| brief)? §/,
  /\barchitecture §/,
];
// This test's own patterns above, written out.
const SELF = path.join(root, 'tests/unit/house/selfContainedDocs.test.ts');

describe('self-contained comments and docs', () => {
  it('no work-item numbers or outside section references in src, scripts, tests, docs', () => {
    const offending: string[] = [];
    for (const dir of ['src', 'scripts', 'tests', 'docs']) {
      for (const file of files(path.join(root, dir))) {
        if (file === SELF) continue;
        fs.readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (FORBIDDEN.some((re) => re.test(line)))
              offending.push(`${path.relative(root, file)}:${i + 1}: ${line.trim()}`);
          });
      }
    }
    expect(offending).toEqual([]);
  });

  it('docs/domain.md exists and names its legal sources', () => {
    const domain = fs.readFileSync(path.join(root, 'docs/domain.md'), 'utf8');
    for (const source of [
      '118/2025/NĐ-CP',
      '03/2025/TT-VPCP',
      '01/2018/TT-VPCP',
      'Bộ luật Lao động 2019 Art. 111–112',
      'Luật Hộ tịch',
      '766/QĐ-TTg',
      '13/2023/NĐ-CP',
      '226/2016/TT-BTC',
    ]) {
      expect(domain).toContain(source);
    }
  });
});
