import type { ReusableFile } from '../../../shared/contract/files';

/** A document digitised in an earlier dossier of the same citizen (by CCCD). */
export type ReuseOffer = ReusableFile;

/** Names compared the way people read them: case, spacing and Unicode form do not matter. */
export function sameDocumentName(a: string, b: string): boolean {
  const norm = (s: string) =>
    s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

/** The newest earlier copy of each checklist name (offers come newest first or in any order). */
export function offersFor(
  names: readonly string[],
  reusable: readonly ReuseOffer[],
): Map<string, ReuseOffer> {
  const out = new Map<string, ReuseOffer>();
  for (const name of names) {
    let best: ReuseOffer | undefined;
    for (const r of reusable) {
      if (!sameDocumentName(r.documentName, name)) continue;
      if (!best || r.createdAt > best.createdAt) best = r;
    }
    if (best) out.set(name, best);
  }
  return out;
}
