/**
 * Completeness of a dossier at the counter (NĐ 118/2025/NĐ-CP Art. 17: only a complete dossier
 * is received and coded; docs/dossiers.md, "Completeness"). One rule for the hub (which
 * refuses with 422 INCOMPLETE_DOSSIER) and the desk (which offers the supplement slip).
 */

/** A document name compared as the officer sees it: case and spacing do not matter. */
export function documentNameKey(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The required (non-optional) documents of a procedure that the submitted list does not
 * cover, in catalogue order. A required document is covered by a submitted document of the
 * same name, handed over on paper or taken from existing electronic data.
 */
export function missingRequiredDocuments(
  required: readonly { name: string; optional: boolean }[],
  submitted: readonly { name: string }[],
): string[] {
  const have = new Set(submitted.map((d) => documentNameKey(d.name)));
  return required
    .filter((d) => !d.optional && !have.has(documentNameKey(d.name)))
    .map((d) => d.name);
}
