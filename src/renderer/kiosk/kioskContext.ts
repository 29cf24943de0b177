import { createContext, useContext } from 'react';
import type { ReadPart } from './speech';

export type KioskScreen =
  | { name: 'home' }
  | { name: 'take'; serviceId?: string }
  | { name: 'lookup'; code?: string }
  | { name: 'procedures' }
  | { name: 'rating' };

export interface KioskContextValue {
  go(screen: KioskScreen): void;
  goHome(): void;
  /**
   * Set what "Đọc to" reads on the current screen: i18n sentences, raw clip names, and text
   * an administrator typed (`{ text }`, read by the speech synthesis: speech.ts).
   */
  setReadout(parts: readonly ReadPart[]): void;
  read(parts: readonly ReadPart[]): void;
}

export const KioskContext = createContext<KioskContextValue | null>(null);

export function useKiosk(): KioskContextValue {
  const ctx = useContext(KioskContext);
  if (!ctx) throw new Error('useKiosk outside the kiosk');
  return ctx;
}
