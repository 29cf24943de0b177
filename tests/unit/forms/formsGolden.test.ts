/**
 * Golden HTML of every printable form (Mẫu 01–06 of TT 01/2018/TT-VPCP and the return
 * slip) for normal data: the committed files in tests/golden/forms were rendered by the
 * hand-escaped templates, so rendering through the auto-escaping `html` template must give
 * the same bytes. The embedded font (base64, hundreds of kB) is cut out of the comparison;
 * it is checked separately to be the bundled Noto Sans.
 * Regenerate after an intended change: UPDATE_GOLDEN=1 npx vitest run tests/unit/forms
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORM_CASES } from './formSamples';

const GOLDEN_DIR = path.resolve(__dirname, '../../golden/forms');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

const FONT_DATA = /data:font\/ttf;base64,[A-Za-z0-9+/=]+/g;

describe('form HTML goldens', () => {
  it.each(Object.keys(FORM_CASES))('%s renders as committed', (name) => {
    const c = FORM_CASES[name];
    if (!c) throw new Error(name);
    const html = c.render(c.input);
    // Both weights of the bundled font are embedded (the rest of the document is compared).
    expect(html.match(FONT_DATA)).toHaveLength(2);
    const actual = html.replace(FONT_DATA, 'data:font/ttf;base64,…');
    const file = path.join(GOLDEN_DIR, `${name}.html`);
    if (UPDATE || !existsSync(file)) {
      if (!UPDATE && process.env['CI']) throw new Error(`missing golden ${name}.html`);
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(file, actual);
    }
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });
});
