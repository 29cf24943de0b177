/**
 * Which printable forms a dossier's state has (docs/desk.md, "Forms follow the status"). One
 * rule for both sides: the form endpoint refuses the others with 409 and the rule, the dossier
 * view lists the allowed ones so the desk offers only those.
 */
import type { FormKind } from '../../shared/contract/dossiers';
import { FORM_KINDS } from '../../shared/contract/dossiers';
import type { MessageKey } from '../../shared/i18n';
import type { DossierState } from './lifecycle';

export interface FormRefusal {
  messageKey: MessageKey;
  rule: string;
}

/** null: the form exists for this state; otherwise why not. */
export function formRefusal(state: DossierState, form: FormKind): FormRefusal | null {
  switch (form) {
    case 'receipt':
    case 'control':
      return null;
    case 'supplement':
      return state.supplement
        ? null
        : { messageKey: 'dossier.error.noSupplement', rule: 'supplementReceived.notAwaiting' };
    case 'refusal':
      return state.refusal
        ? null
        : { messageKey: 'dossier.error.notRefused', rule: 'refuse.fromStatus' };
    case 'apology':
      // Mẫu 04: an apology letter for a late dossier, or the extension sent before the due date.
      return (state.apologies?.length ?? 0) > 0 || state.extension
        ? null
        : { messageKey: 'dossier.error.notExtended', rule: 'apology.notLate' };
    case 'stop_notice':
      return state.stop
        ? null
        : { messageKey: 'dossier.error.notStopped', rule: 'stop.fromStatus' };
    case 'return':
      return state.returned
        ? null
        : { messageKey: 'dossier.error.notReturned', rule: 'return.onlyFromResultReady' };
  }
}

export function allowedForms(state: DossierState): FormKind[] {
  return FORM_KINDS.filter((f) => formRefusal(state, f) === null);
}
