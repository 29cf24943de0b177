import type { ApiError } from '../../shared/contract';
import type { MessageKey } from '../../shared/i18n';
import type { KioskVoiceKey } from '../../shared/kiosk/voiceClips';

/**
 * Any failure in plain words for a citizen, with where to get help — never a code, a stack
 * trace or a technical message (domain: elderly, first-time users).
 */
export function kioskErrorKey(error: ApiError | null | undefined): MessageKey & KioskVoiceKey {
  const code = error?.code;
  if (code === 'NETWORK') return 'kiosk.err.offline';
  if (code === 'RATE_LIMITED') return 'kiosk.err.busy';
  const details = error?.details as { reason?: string } | undefined;
  if (details && typeof details === 'object' && details.reason === 'TICKET_PRINT_FAILED') {
    return 'kiosk.err.printer';
  }
  return 'kiosk.err.generic';
}
