/**
 * Markup in every free-text field of every form comes out escaped. The input of each form
 * (tests/unit/forms/formSamples.ts) is walked and every free-text string — names,
 * addresses, procedure and document names, agency names, reasons, notes, codes, URLs — is
 * replaced by an attack payload. The rendered document must then equal the document
 * rendered with a harmless word in the same fields, once each escaped payload is read back
 * as that word: so every payload appears only as escaped text and changes no tag or
 * attribute. The QR code's SVG path (generated from the URL, never containing its text) is
 * compared by shape only.
 * Before the auto-escaping `markup` template each renderer escaped by hand with `e()`; one
 * forgotten call would have put the payload into the legal form as markup (the last test
 * shows this check catches such a renderer).
 */
import { describe, expect, it } from 'vitest';
import * as dossierForms from '../../../src/core/dossiers/forms';
import { escapeHtml } from '../../../src/core/html/html';
import { formErrorPage } from '../../../src/hub/formPages';
import { FORM_CASES, type FormCase } from './formSamples';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '&amp;',
  "' onmouseover='alert(1)",
] as const;
const HARMLESS = 'Xyz';

/** Dates and instants are formatted (never printed as given); enums select a label. */
function isFreeText(value: string, path: readonly string[]): boolean {
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return false;
  const key = path[path.length - 1];
  // `set` chooses the form set (an enum: TT01-2018 / TT03-2025), never printed as given.
  if (key === 'kind' || key === 'set' || key === 'formSet' || path.includes('copies')) return false;
  return !(key === 'unit' && path[path.length - 2] === 'processingTime');
}

/** A copy of `value` with every free-text string replaced; counts the replacements. */
function replaceText(
  value: unknown,
  by: string,
  counter: { n: number },
  path: string[] = [],
): unknown {
  if (typeof value === 'string') {
    if (!isFreeText(value, path)) return value;
    counter.n++;
    return by;
  }
  if (Array.isArray(value))
    return value.map((v, i) => replaceText(v, by, counter, [...path, String(i)]));
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, replaceText(v, by, counter, [...path, k])]),
  );
}

const QR_SVG =
  /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+" width="\d+mm" height="\d+mm" shape-rendering="crispEdges" role="img" aria-label="QR"><path d="[Mhvz\d -]*" fill="#000"\/><\/svg>/g;
const FONT_DATA = /data:font\/ttf;base64,[A-Za-z0-9+/=]+/g;
const normalise = (html: string): string =>
  html.replace(QR_SVG, '<svg QR>').replace(FONT_DATA, 'font');

/** Fails when a payload in any free-text field of the input reaches the HTML unescaped. */
function expectEscaped(c: FormCase, payload: string): void {
  const counter = { n: 0 };
  const attacked = normalise(c.render(replaceText(c.input, payload, counter)));
  const harmless = normalise(c.render(replaceText(c.input, HARMLESS, { n: 0 })));
  expect(counter.n).toBeGreaterThan(0);
  expect(attacked.split(escapeHtml(payload)).join(HARMLESS)).toBe(harmless);
  // The plain checks, for a readable failure.
  expect(attacked).not.toContain('<script');
  expect(attacked).not.toContain('<img');
  expect(attacked.split(escapeHtml(payload)).join('')).not.toContain(payload);
}

describe('forms escape every free-text field', () => {
  const names = Object.keys(FORM_CASES);
  it.each(names.flatMap((name) => PAYLOADS.map((p) => [name, p] as const)))(
    '%s with %s',
    (name, payload) => {
      const c = FORM_CASES[name];
      if (!c) throw new Error(name);
      expectEscaped(c, payload);
    },
  );

  it('covers every form renderer of the dossier module', () => {
    // A new form added to forms.ts must get a sample in formSamples.ts to be checked here.
    const renderers = new Set(Object.values(FORM_CASES).map((c) => c.render as unknown));
    const exported = Object.entries(dossierForms).filter(([name]) => name.endsWith('Html'));
    expect(exported.length).toBeGreaterThanOrEqual(6);
    for (const [name, fn] of exported) expect(renderers.has(fn), name).toBe(true);
  });

  it('the payload is visible as text where the field is printed', () => {
    const c = FORM_CASES['supplement'];
    if (!c) throw new Error('supplement');
    const html = c.render(replaceText(c.input, '&amp;', { n: 0 }));
    expect(html).toContain('<p>Lý do: &amp;amp;</p>');
    expect(html).toContain('<p>Ông/Bà: <span class="b">&amp;amp;</span></p>');
  });

  it('the hub page for an unknown form link escapes its message', () => {
    for (const payload of PAYLOADS) {
      const page = formErrorPage('vi', payload);
      expect(page).toContain(`<p>${escapeHtml(payload)}</p>`);
      expect(page.split(escapeHtml(payload)).join('')).not.toContain(payload);
    }
  });

  it('catches a renderer that forgets to escape one field', () => {
    // The way the forms were written before: a template string with a hand escape per value.
    const e = escapeHtml;
    const careless: FormCase = {
      input: { name: 'Nguyễn Văn A', reason: 'Thiếu giấy tờ' },
      render: (input) => {
        const d = input as { name: string; reason: string };
        return `<p>${e(d.name)}</p><p>${d.reason}</p>`;
      },
    };
    for (const payload of PAYLOADS) expect(() => expectEscaped(careless, payload)).toThrow();
  });
});
