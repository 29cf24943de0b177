/**
 * Formula neutralising for every CSV and XLSX export (docs/security.md, "Exports"): a text
 * cell that a spreadsheet could read as a formula — one starting with `=`, `+`, `-`, `@`,
 * a tab or a CR — is written with a leading `'` (OWASP "CSV injection"). Numbers typed as
 * numbers are never touched. Cells that already start with `'` before such a character get
 * one more, so `unneutraliseCell(neutraliseCell(x)) === x` for every text: the catalogue
 * import strips exactly one `'`, and an export → import round trip is exact.
 */

/** Starts with a formula character, possibly after apostrophes. */
const NEUTRALISED_OR_DANGEROUS = /^'*[=+\-@\t\r]/;
/** What neutraliseCell produces: one or more `'`, then a formula character. */
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/** The text to write for a text cell: a leading `'` when a spreadsheet could run it. */
export function neutraliseCell(text: string): string {
  return NEUTRALISED_OR_DANGEROUS.test(text) ? `'${text}` : text;
}

/** The inverse, for imports: drops the `'` neutraliseCell added (and nothing else). */
export function unneutraliseCell(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}
