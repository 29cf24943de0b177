import { describe, expect, it } from 'vitest';
import { computeDueDate, createWorkingCalendar } from '../../../src/core/calendar';
import {
  applyDossierAction,
  dossierWarnings,
  receiveDossier,
} from '../../../src/core/dossiers/lifecycle';
import { vnInstant } from '../../../src/shared/time/vnTime';

// The lifecycle with the real calendar (official 2026 table: Tết 16–20/02, Giỗ Tổ → Mon 27/04).
const calendar = createWorkingCalendar();
const ctx = (now: Date) => ({ now, officerId: 'cb-02', calendar, dueDate: computeDueDate });

describe('lifecycle with the real working calendar', () => {
  it('counts working days across Tết 2026', () => {
    const { state } = receiveDossier({
      receivedAt: vnInstant('2026-02-13', 9),
      processingTime: { amount: 3, unit: 'working_day' },
      officerId: 'cb-02',
      calendar,
      dueDate: computeDueDate,
    });
    expect(state.dueDate).toBe('2026-02-25');
    // supplement limit = 3 working days after Fri 13/02 = Wed 25/02
    const late = applyDossierAction(
      state,
      { action: 'request-supplement', reason: 'Thiếu tờ khai' },
      ctx(vnInstant('2026-02-26', 9)),
    );
    expect(!late.ok && late.rule).toBe('supplement.within3WorkingDays');
    // the Friday before Tết is "due tomorrow" territory only on 24/02
    expect(dossierWarnings(state, vnInstant('2026-02-24', 9), calendar)[0]?.kind).toBe(
      'due_tomorrow',
    );
  });

  it('refuses an extension to the Giỗ Tổ compensatory day', () => {
    const { state } = receiveDossier({
      receivedAt: vnInstant('2026-04-20', 9),
      processingTime: { amount: 3, unit: 'working_day' },
      officerId: 'cb-02',
      calendar,
      dueDate: computeDueDate,
    });
    expect(state.dueDate).toBe('2026-04-23');
    const r = applyDossierAction(
      state,
      { action: 'extend', reason: 'Chờ xác minh', newDueDate: '2026-04-27' },
      ctx(vnInstant('2026-04-21', 9)),
    );
    expect(!r.ok && r.rule).toBe('extend.newDueDateNotWorkingDay');
  });
});
