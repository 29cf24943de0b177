import { vnDate } from '../time/vnTime';

/**
 * The two sets of forms (docs/domain.md, Forms): Thông tư 01/2018/TT-VPCP for dossiers received
 * before 15/9/2025, Thông tư 03/2025/TT-VPCP (Appendix I, guiding NĐ 118/2025) from that day. A
 * reprint of an old dossier keeps its set: the set follows the reception date.
 */
export type FormSet = 'TT01-2018' | 'TT03-2025';
export const TT03_2025_FROM = '2025-09-15';

export type FormId =
  'receipt' | 'supplement' | 'refusal' | 'apology' | 'stop_notice' | 'control' | 'register';

/** Number and title of each form in each set (TT 01/2018 has no stop notice). */
export const FORM_TITLES: Record<FormSet, Partial<Record<FormId, { n: string; title: string }>>> = {
  'TT01-2018': {
    receipt: { n: '01', title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' },
    supplement: { n: '02', title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ' },
    refusal: { n: '03', title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ' },
    apology: { n: '04', title: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả' },
    control: { n: '05', title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ' },
    register: { n: '06', title: 'Sổ theo dõi hồ sơ' },
  },
  'TT03-2025': {
    receipt: { n: '01', title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' },
    supplement: { n: '02', title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ' },
    refusal: { n: '03', title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ' },
    apology: { n: '04', title: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết' },
    stop_notice: { n: '05', title: 'Thông báo dừng giải quyết hồ sơ' },
    control: { n: '06', title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ' },
    register: { n: '07', title: 'Sổ theo dõi hồ sơ' },
  },
};

/** The set of a dossier's forms, by its reception instant or Vietnam date. */
export function formSetFor(received: Date | string): FormSet {
  const day = typeof received === 'string' ? received.slice(0, 10) : vnDate(received);
  return day >= TT03_2025_FROM ? 'TT03-2025' : 'TT01-2018';
}

/** The register of a year uses the set in force on 1 January of that year. */
export function registerSetFor(year: number): FormSet {
  return formSetFor(`${String(year).padStart(4, '0')}-01-01`);
}

export function formMeta(set: FormSet, id: FormId): { n: string; title: string } {
  // TT 01/2018 has no stop notice: the stop (NĐ 118 Art. 21) is printed on the 2025 form.
  const meta = FORM_TITLES[set][id] ?? FORM_TITLES['TT03-2025'][id];
  if (!meta) throw new RangeError(`No form ${id}`);
  return meta;
}
