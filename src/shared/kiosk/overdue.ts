import type { DossierStatusValue } from '../contract/dossiers';
import { vnDate } from '../time/vnTime';

/**
 * A dossier the kiosk explains as overdue: still being handled (received, in process) and its
 * due date (Vietnam calendar) is before today. The office then owes the citizen an apology with
 * a new date (NĐ 118/2025; TT 03/2025/TT-VPCP Mẫu 04 "Văn bản xin lỗi và đề nghị gia hạn thời
 * gian giải quyết", TT 01/2018/TT-VPCP Mẫu 04 for dossiers received before 15/9/2025). Once
 * the apology is given, the lookup shows its new date instead (docs/dossier-lifecycle.md).
 */
export function isOverdue(
  d: { status: DossierStatusValue; dueDate: string | null },
  now: Date,
): boolean {
  return (
    (d.status === 'received' || d.status === 'in_process') &&
    d.dueDate !== null &&
    d.dueDate < vnDate(now)
  );
}
