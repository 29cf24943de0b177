/**
 * Auto-escaping HTML templates for the printed forms (Mẫu 01–06 of TT 01/2018/TT-VPCP, the
 * return slip) and the hub's form pages. Every value interpolated into a `markup` template
 * is escaped, unless it is itself the result of a `markup` template or was explicitly marked
 * with `raw(...)`. So a citizen's name, an address or a refusal reason can never add markup
 * to a legal form, and no renderer has to remember an escape call (docs/printing.md, "Printed
 * forms").
 *
 *   markup`<p>${name}</p>`          the name escaped
 *   markup`<ul>${items.map((x) => markup`<li>${x}</li>`)}</ul>`   arrays joined, items kept
 *   markup`${cond && markup`<br>`}` false, null and undefined print nothing
 *   raw(css)                        trusted text as is: constants and generated markup only
 *
 * The tag is deliberately not named `html`: Prettier reformats the contents of `html`
 * templates, which would change the printed documents' bytes.
 */

/** Markup produced by `markup` or `raw`; only this is inserted into a template unescaped. */
class Html {
  constructor(private readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type { Html as SafeHtml };

/** What a template accepts: text and numbers (escaped), markup, lists of these, or nothing. */
export type HtmlValue = Html | string | number | false | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML text or attribute value: & < > " ' become entities. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.toString();
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return escapeHtml(String(value));
  if (value === false || value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  // Only reachable by going around the types (e.g. `true`, an object): refuse rather than
  // print "[object Object]" or "true" on a legal form.
  throw new TypeError(`markup: cannot interpolate a ${typeof value}`);
}

/** Tagged template: the literal parts are kept, every interpolation is escaped (see above). */
export function markup(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new Html(out);
}

/**
 * Trusted text inserted as is. Only for constants of the program and markup it generates
 * (style sheets, the QR code's SVG path) — never for data.
 */
export function raw(trusted: string): Html {
  return new Html(trusted);
}

/** The items rendered and joined with a separator (the separator is escaped like text). */
export function joinHtml(items: readonly HtmlValue[], separator: string): Html {
  return new Html(items.map(render).join(escapeHtml(separator)));
}
