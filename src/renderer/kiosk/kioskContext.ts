import { createContext, useContext } from 'react';
import type { KioskVoiceKey } from '../../shared/kiosk/voiceClips';

export type KioskScreen =
  | { name: 'home' }
  | { name: 'take'; serviceId?: string }
  | { name: 'lookup'; code?: string }
  | { name: 'procedures' }
  | { name: 'rating' };

export interface KioskContextValue {
  go(screen: KioskScreen): void;
  goHome(): void;
  /** Set what "Đọc to" reads on the current screen: i18n sentences and raw clip names. */
  setReadout(parts: ReadonlyArray<KioskVoiceKey | { clip: string }>): void;
  read(parts: ReadonlyArray<KioskVoiceKey | { clip: string }>): void;
}

export const KioskContext = createContext<KioskContextValue | null>(null);

export function useKiosk(): KioskContextValue {
  const ctx = useContext(KioskContext);
  if (!ctx) throw new Error('useKiosk outside the kiosk');
  return ctx;
}
