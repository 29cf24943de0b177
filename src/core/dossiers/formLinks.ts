/**
 * Short-lived links to printable forms. An officer asks for a form (audited); the hub hands
 * back `/forms/<token>`, which the browser (or Electron) opens and prints. The token — 192
 * random bits, valid 10 minutes, kept only in memory — is the permission, so the page can
 * be opened without the bearer header while no one can guess it.
 */
import { randomBytes } from 'node:crypto';
import type { FormKind } from '../../shared/contract/dossiers';

export type FormSpec =
  | { kind: 'dossier'; code: string; form: FormKind; base: string | null; officerId: string }
  | { kind: 'slip'; id: string; officerId: string }
  | { kind: 'register'; year: number; officerId: string };

export const FORM_LINK_TTL_MS = 10 * 60_000;

export function createFormLinks(now: () => Date) {
  const links = new Map<string, { spec: FormSpec; expires: number }>();

  function prune(t: number): void {
    for (const [k, v] of links) if (v.expires <= t) links.delete(k);
  }

  return {
    create(spec: FormSpec): { url: string; expiresAt: string } {
      const t = now().getTime();
      prune(t);
      const token = randomBytes(24).toString('base64url');
      links.set(token, { spec, expires: t + FORM_LINK_TTL_MS });
      return { url: `/forms/${token}`, expiresAt: new Date(t + FORM_LINK_TTL_MS).toISOString() };
    },
    get(token: string): FormSpec | null {
      const hit = links.get(token);
      if (!hit || hit.expires <= now().getTime()) return null;
      return hit.spec;
    },
  };
}
