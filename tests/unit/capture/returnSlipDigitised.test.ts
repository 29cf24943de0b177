import { describe, expect, it } from 'vitest';
import { returnSlipHtml } from '../../../src/core/dossiers/forms';
import { returnSlipLayout } from '../../../src/core/printing/layouts/returnSlip';
import { translate } from '../../../src/shared/i18n';
import { vnInstant } from '../../../src/shared/time/vnTime';

/** The return slip says an electronic copy of the result is kept only when it was scanned. */
const SENTENCE = translate('vi', 'capture.resultKept');
const agency = { name: 'ỦY BAN NHÂN DÂN XÃ QUẢNG PHÚ', place: 'Quảng Phú' };
const base = {
  agency,
  at: vnInstant('2026-03-03', 10, 15),
  dossierCode: '000.00.14.H56-260302-0001',
  applicantName: 'Lê Thị Hoa',
  procedureName: 'Đăng ký khai sinh',
  receivedAt: vnInstant('2026-03-02', 9, 0),
  dueDate: '2026-03-02',
  returnedAt: vnInstant('2026-03-03', 10, 15),
  collectedBy: 'Lê Thị Hoa',
  onTime: 'late',
  officerName: 'Nguyễn Thị Ngọc Ánh',
};

describe('return slip: electronic copy kept', () => {
  it('the A5 slip says it when the result was digitised, not otherwise', () => {
    expect(SENTENCE).toContain('bản điện tử');
    expect(returnSlipHtml({ ...base, resultDigitised: true })).toContain(SENTENCE);
    expect(returnSlipHtml({ ...base, resultDigitised: false })).not.toContain(SENTENCE);
    expect(returnSlipHtml(base)).not.toContain(SENTENCE);
  });

  it('the 80 mm slip says it too', () => {
    const data = {
      agency,
      dossierCode: base.dossierCode,
      applicantName: base.applicantName,
      procedureName: base.procedureName,
      receivedAt: base.receivedAt,
      appointmentAt: vnInstant('2026-03-02', 17),
      returnedAt: base.returnedAt,
      result: 'Đã trả kết quả',
      collectedBy: base.collectedBy,
      timeliness: 'late' as const,
      officerName: base.officerName,
    };
    const text = (d: object) => JSON.stringify(returnSlipLayout(d as typeof data).blocks);
    expect(text({ ...data, resultDigitised: true })).toContain(SENTENCE);
    expect(text(data)).not.toContain(SENTENCE);
  });
});
