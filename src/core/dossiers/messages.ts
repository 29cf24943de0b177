/**
 * Every human-readable text of the dossier lifecycle, Vietnamese (default) and English.
 * Messages cite the legal rule they enforce (NĐ 118/2025/NĐ-CP unless stated otherwise).
 * Dates in params are business dates 'YYYY-MM-DD' and are printed as dd/MM/yyyy.
 */
import { translate, type Lang } from '../../shared/i18n';
import { formatVnDate, formatVnDateTime } from '../../shared/time/vnTime';
import type { DossierStatusValue as DossierStatus } from '../../shared/contract/dossiers';

export type { Lang };

export type LifecycleRule =
  | 'dossier.terminal'
  | 'time.beforeLastEvent'
  | 'transfer.fromStatus'
  | 'transfer.unitRequired'
  | 'supplement.fromStatus'
  | 'supplement.onlyOnce'
  | 'supplement.reasonRequired'
  | 'supplement.within3WorkingDays'
  | 'supplementReceived.notAwaiting'
  | 'close.notAwaiting'
  | 'close.before15Days'
  | 'refuse.fromStatus'
  | 'refuse.reasonRequired'
  | 'extend.fromStatus'
  | 'extend.onlyOnce'
  | 'extend.reasonRequired'
  | 'extend.newDueDateInvalid'
  | 'extend.newDueDateNotAfterCurrent'
  | 'extend.newDueDateNotWorkingDay'
  | 'extend.tooLate'
  | 'apology.fromStatus'
  | 'apology.reasonRequired'
  | 'apology.notLate'
  | 'apology.pending'
  | 'apology.newDueDateNotAfterToday'
  | 'resultReady.fromStatus'
  | 'return.onlyFromResultReady'
  | 'return.collectorRequired'
  | 'return.authorisationRequired'
  | 'stop.fromStatus'
  | 'correction.fromStatus'
  | 'correction.reasonRequired'
  | 'correction.reportedOnInvalid';

export type WarningKind =
  'due_today' | 'due_tomorrow' | 'overdue' | 'supplement_overdue' | 'transfer_overdue';

export interface MessageParams {
  status?: DossierStatus;
  date?: string;
  deadline?: string;
  dueDate?: string;
  newDueDate?: string;
  days?: number;
  /** An ISO instant, printed as HH:mm dd/MM/yyyy (Vietnam time). */
  at?: string;
}

type Messages = {
  status: Record<DossierStatus, string>;
  rules: Record<LifecycleRule, (p: MessageParams) => string>;
  warnings: Record<WarningKind, (p: MessageParams) => string>;
};

const d = (date: string | undefined): string => (date ? formatVnDate(date) : '?');
const t = (instant: string | undefined): string =>
  instant ? formatVnDateTime(new Date(instant)) : '?';

/** Status names: the i18n keys `dossier.status.*`, the one wording of screens, forms and exports. */
function statusNames(lang: Lang): Messages['status'] {
  const name = (s: DossierStatus) => translate(lang, `dossier.status.${s}`);
  return {
    received: name('received'),
    in_process: name('in_process'),
    awaiting_supplement: name('awaiting_supplement'),
    result_ready: name('result_ready'),
    returned: name('returned'),
    refused: name('refused'),
    stopped: name('stopped'),
    closed: name('closed'),
  };
}

const vi: Messages = {
  status: statusNames('vi'),
  rules: {
    'dossier.terminal': (p) =>
      `Hồ sơ đã ở trạng thái cuối "${p.status ? vi.status[p.status] : ''}", không thể thực hiện thêm thao tác.`,
    'time.beforeLastEvent': () =>
      'Thời điểm thao tác sớm hơn thao tác gần nhất của hồ sơ; kiểm tra đồng hồ máy.',
    'transfer.fromStatus': (p) =>
      `Không thể chuyển xử lý hồ sơ đang ở trạng thái "${p.status ? vi.status[p.status] : ''}" (Điều 18 NĐ 118/2025/NĐ-CP).`,
    'transfer.unitRequired': () => 'Phải chọn đơn vị xử lý khi chuyển hồ sơ (Điều 18).',
    'supplement.fromStatus': (p) =>
      `Không thể yêu cầu bổ sung hồ sơ đang ở trạng thái "${p.status ? vi.status[p.status] : ''}".`,
    'supplement.onlyOnce': () =>
      'Chỉ được yêu cầu bổ sung, hoàn thiện hồ sơ một lần (Điều 11 khoản 2 điểm c, Điều 19 NĐ 118/2025/NĐ-CP).',
    'supplement.reasonRequired': () =>
      'Phiếu yêu cầu bổ sung phải nêu rõ lý do và nội dung cần bổ sung (Điều 17, 19).',
    'supplement.within3WorkingDays': (p) =>
      `Quá thời hạn yêu cầu bổ sung: phải gửi trong 03 ngày làm việc kể từ ngày tiếp nhận, tức chậm nhất ngày ${d(p.deadline)} (Điều 19 NĐ 118/2025/NĐ-CP).`,
    'supplementReceived.notAwaiting': () =>
      'Hồ sơ không ở trạng thái chờ bổ sung nên không thể ghi nhận bổ sung.',
    'close.notAwaiting': () =>
      'Chỉ đóng hồ sơ khi hồ sơ đang chờ công dân bổ sung (Điều 19 NĐ 118/2025/NĐ-CP).',
    'close.before15Days': (p) =>
      `Chưa hết ${p.days ?? 15} ngày kể từ ngày gửi phiếu yêu cầu bổ sung: chỉ được đóng hồ sơ từ ngày ${d(p.date)} (Điều 19 NĐ 118/2025/NĐ-CP).`,
    'refuse.fromStatus': (p) =>
      `Không thể từ chối hồ sơ đang ở trạng thái "${p.status ? vi.status[p.status] : ''}".`,
    'refuse.reasonRequired': () =>
      'Phiếu từ chối giải quyết phải nêu rõ lý do (Điều 17, 19 NĐ 118/2025/NĐ-CP).',
    'extend.fromStatus': (p) =>
      `Không thể gia hạn hồ sơ đang ở trạng thái "${p.status ? vi.status[p.status] : ''}".`,
    'extend.onlyOnce': () =>
      'Chỉ được hẹn lại ngày trả kết quả một lần (Điều 19 NĐ 118/2025/NĐ-CP).',
    'extend.reasonRequired': () =>
      'Văn bản xin lỗi và hẹn lại ngày trả kết quả phải nêu rõ lý do chậm trễ (Điều 19).',
    'extend.newDueDateInvalid': () => 'Ngày hẹn trả mới không hợp lệ (định dạng YYYY-MM-DD).',
    'extend.newDueDateNotAfterCurrent': (p) =>
      `Ngày hẹn trả mới ${d(p.newDueDate)} phải sau ngày hẹn hiện tại ${d(p.dueDate)}.`,
    'extend.newDueDateNotWorkingDay': (p) =>
      `Ngày hẹn trả mới ${d(p.newDueDate)} không phải ngày làm việc.`,
    'extend.tooLate': (p) =>
      `Phải gửi văn bản xin lỗi, hẹn lại chậm nhất 01 ngày trước ngày hẹn trả ${d(p.dueDate)}, tức chậm nhất ngày ${d(p.deadline)} (Điều 19 NĐ 118/2025/NĐ-CP).`,
    'apology.fromStatus': (p) =>
      `Chỉ gửi văn bản xin lỗi cho hồ sơ chưa có kết quả; hồ sơ đang ở trạng thái "${p.status ? vi.status[p.status] : ''}".`,
    'apology.reasonRequired': () =>
      'Văn bản xin lỗi phải nêu rõ lý do chậm trễ (Mẫu 04, TT 03/2025/TT-VPCP).',
    'apology.notLate': (p) =>
      `Hồ sơ chưa quá hạn (hẹn trả ${d(p.dueDate)}): trước hạn thì dùng gia hạn, chậm nhất 01 ngày trước ngày hẹn (Điều 19 NĐ 118/2025/NĐ-CP).`,
    'apology.pending': (p) =>
      `Đã gửi văn bản xin lỗi hẹn trả ngày ${d(p.date)}; chỉ gửi văn bản mới khi ngày hẹn đó đã qua mà chưa có kết quả.`,
    'apology.newDueDateNotAfterToday': (p) =>
      `Ngày hẹn trả mới ${d(p.newDueDate)} phải là ngày làm việc sau hôm nay.`,
    'resultReady.fromStatus': (p) =>
      `Không thể ghi nhận có kết quả cho hồ sơ đang ở trạng thái "${p.status ? vi.status[p.status] : ''}".`,
    'return.onlyFromResultReady': () =>
      'Chỉ trả kết quả khi hồ sơ đã có kết quả (Điều 22 NĐ 118/2025/NĐ-CP).',
    'return.collectorRequired': () => 'Phải ghi tên người nhận kết quả (Điều 22).',
    'return.authorisationRequired': () =>
      'Người nhận thay phải có văn bản ủy quyền đã được kiểm tra (Điều 22 NĐ 118/2025/NĐ-CP).',
    'stop.fromStatus': () =>
      'Chỉ được dừng giải quyết theo đề nghị từ khi tiếp nhận đến trước khi có kết quả (Điều 21 NĐ 118/2025/NĐ-CP).',
    'correction.fromStatus': (p) =>
      `Chỉ đính chính kết quả đã có hoặc đã trả; hồ sơ đang ở trạng thái "${p.status ? vi.status[p.status] : ''}" (Điều 22 NĐ 118/2025/NĐ-CP).`,
    'correction.reasonRequired': () =>
      'Phải ghi rõ sai sót của kết quả cần đính chính (Điều 22 NĐ 118/2025/NĐ-CP).',
    'correction.reportedOnInvalid': (p) =>
      `Ngày phát hiện sai sót phải từ ngày có kết quả ${d(p.date)} đến hôm nay.`,
  },
  warnings: {
    due_today: (p) => `Hồ sơ đến hạn trả kết quả hôm nay (${d(p.dueDate)}).`,
    due_tomorrow: (p) =>
      `Hồ sơ đến hạn ngày ${d(p.dueDate)}; nếu có nguy cơ trễ hạn, gửi văn bản xin lỗi và hẹn lại chậm nhất ngày ${d(p.deadline)}.`,
    overdue: (p) => `Hồ sơ đã quá hạn ${p.days ?? 0} ngày (hẹn trả ${d(p.dueDate)}).`,
    supplement_overdue: (p) =>
      `Công dân chưa bổ sung hồ sơ sau ${p.days ?? 15} ngày kể từ ngày gửi phiếu yêu cầu; có thể đóng hồ sơ từ ngày ${d(p.date)}.`,
    transfer_overdue: (p) =>
      `Hồ sơ chưa được chuyển đến bộ phận giải quyết; hạn chuyển là ${t(p.at)} (trong ngày tiếp nhận, hoặc đầu giờ ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ — Điều 18 NĐ 118/2025/NĐ-CP).`,
  },
};

const en: Messages = {
  status: statusNames('en'),
  rules: {
    'dossier.terminal': (p) =>
      `The dossier is in the final state "${p.status ? en.status[p.status] : ''}"; no further action is possible.`,
    'time.beforeLastEvent': () =>
      "The action's time is before the dossier's last action; check the machine clock.",
    'transfer.fromStatus': (p) =>
      `A dossier in state "${p.status ? en.status[p.status] : ''}" cannot be transferred (Decree 118/2025 Art. 18).`,
    'transfer.unitRequired': () => 'A processing unit is required to transfer (Art. 18).',
    'supplement.fromStatus': (p) =>
      `A supplement cannot be requested for a dossier in state "${p.status ? en.status[p.status] : ''}".`,
    'supplement.onlyOnce': () =>
      'A supplement may be requested only once per dossier (Decree 118/2025 Art. 11(2)(c), Art. 19).',
    'supplement.reasonRequired': () =>
      'The supplement request must state the reason and what is missing (Art. 17, 19).',
    'supplement.within3WorkingDays': (p) =>
      `Too late to request a supplement: it must be sent within 3 working days of receipt, i.e. by ${d(p.deadline)} (Decree 118/2025 Art. 19).`,
    'supplementReceived.notAwaiting': () =>
      'The dossier is not awaiting a supplement, so a supplement cannot be recorded.',
    'close.notAwaiting': () =>
      'Only a dossier awaiting a supplement can be closed (Decree 118/2025 Art. 19).',
    'close.before15Days': (p) =>
      `${p.days ?? 15} days have not passed since the supplement notice; the dossier can be closed from ${d(p.date)} (Art. 19).`,
    'refuse.fromStatus': (p) =>
      `A dossier in state "${p.status ? en.status[p.status] : ''}" cannot be refused.`,
    'refuse.reasonRequired': () => 'A refusal must state its reason (Decree 118/2025 Art. 17, 19).',
    'extend.fromStatus': (p) =>
      `A dossier in state "${p.status ? en.status[p.status] : ''}" cannot be extended.`,
    'extend.onlyOnce': () => 'The due date may be moved only once (Decree 118/2025 Art. 19).',
    'extend.reasonRequired': () =>
      'The apology letter must state the reason for the delay (Art. 19).',
    'extend.newDueDateInvalid': () => 'The new due date is not a valid date (YYYY-MM-DD).',
    'extend.newDueDateNotAfterCurrent': (p) =>
      `The new due date ${d(p.newDueDate)} must be after the current due date ${d(p.dueDate)}.`,
    'extend.newDueDateNotWorkingDay': (p) =>
      `The new due date ${d(p.newDueDate)} is not a working day.`,
    'extend.tooLate': (p) =>
      `The apology must be sent at least 1 day before the due date ${d(p.dueDate)}, i.e. by ${d(p.deadline)} (Decree 118/2025 Art. 19).`,
    'apology.fromStatus': (p) =>
      `An apology letter is only for a dossier without a result; this one is "${p.status ? en.status[p.status] : ''}".`,
    'apology.reasonRequired': () =>
      'The apology letter must state the reason for the delay (Form 04, Circular 03/2025/TT-VPCP).',
    'apology.notLate': (p) =>
      `The dossier is not late (due ${d(p.dueDate)}): before the due date use an extension, at least 1 day before (Decree 118/2025 Art. 19).`,
    'apology.pending': (p) =>
      `An apology letter already gave ${d(p.date)}; a new one is allowed only once that date has passed without a result.`,
    'apology.newDueDateNotAfterToday': (p) =>
      `The new appointment ${d(p.newDueDate)} must be a working day after today.`,
    'resultReady.fromStatus': (p) =>
      `A result cannot be recorded for a dossier in state "${p.status ? en.status[p.status] : ''}".`,
    'return.onlyFromResultReady': () =>
      'A result can be returned only once it is ready (Decree 118/2025 Art. 22).',
    'return.collectorRequired': () => 'The name of the person collecting is required (Art. 22).',
    'return.authorisationRequired': () =>
      "A person collecting on someone's behalf needs a checked authorisation (Decree 118/2025 Art. 22).",
    'stop.fromStatus': () =>
      'A dossier can be stopped on request only between receipt and the result (Decree 118/2025 Art. 21).',
    'correction.fromStatus': (p) =>
      `Only a result that is ready or returned can be corrected; this dossier is "${p.status ? en.status[p.status] : ''}" (Decree 118/2025 Art. 22).`,
    'correction.reasonRequired': () =>
      'State the error in the result to correct (Decree 118/2025 Art. 22).',
    'correction.reportedOnInvalid': (p) =>
      `The day the error was reported must be between the result day ${d(p.date)} and today.`,
  },
  warnings: {
    due_today: (p) => `The dossier is due today (${d(p.dueDate)}).`,
    due_tomorrow: (p) =>
      `The dossier is due on ${d(p.dueDate)}; if it may be late, send the apology with a new date by ${d(p.deadline)}.`,
    overdue: (p) => `The dossier is ${p.days ?? 0} day(s) overdue (due ${d(p.dueDate)}).`,
    supplement_overdue: (p) =>
      `No supplement ${p.days ?? 15} days after the notice; the dossier can be closed from ${d(p.date)}.`,
    transfer_overdue: (p) =>
      `The dossier has not been passed on to the processing unit; the deadline was ${t(p.at)} (the day of receipt, or the start of the next working day when received after 15:00 — Decree 118/2025 Art. 18).`,
  },
};

export const lifecycleMessages: Record<Lang, Messages> = { vi, en };

export function ruleMessage(
  rule: LifecycleRule,
  params: MessageParams = {},
  lang: Lang = 'vi',
): string {
  return lifecycleMessages[lang].rules[rule](params);
}

export function warningMessage(
  kind: WarningKind,
  params: MessageParams = {},
  lang: Lang = 'vi',
): string {
  return lifecycleMessages[lang].warnings[kind](params);
}
