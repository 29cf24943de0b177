import type { DossierStatusValue } from '../contract/dossiers';
import { vnDate } from '../time/vnTime';

/**
 * A dossier the kiosk explains as overdue: still being handled (received, in process) and its
 * due date (Vietnam calendar) is before today. The office then owes the citizen an apology slip
 * with a new date (TT 01/2018/TT-VPCP, Mẫu 04 "Phiếu xin lỗi và hẹn lại ngày trả kết quả").
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
