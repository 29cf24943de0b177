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

describe('on-time class by instant for hour-based and same-day procedures', () => {
  const receive = (unit: 'hour' | 'same_day' | 'working_day', amount: number, at: Date) =>
    receiveDossier({
      receivedAt: at,
      processingTime: { amount, unit },
      officerId: 'cb-02',
      calendar,
      dueDate: computeDueDate,
    }).state;
  const returnAt = (
    state: ReturnType<typeof receive>,
    readyAt: Date,
    returnedAt: Date,
  ): string | null => {
    const ready = applyDossierAction(state, { action: 'result-ready' }, ctx(readyAt));
    if (!ready.ok) throw new Error(ready.message);
    const r = applyDossierAction(
      ready.state,
      { action: 'return', collectedBy: 'Nguyễn Văn A', idChecked: true },
      ctx(returnedAt),
    );
    if (!r.ok) throw new Error(r.message);
    return r.state.returned?.onTime ?? null;
  };

  // The old rule compared dates only: a result two hours late on the due day was "on time".
  it('an hour-based result returned 2 hours after its due instant is late', () => {
    const s = receive('hour', 4, vnInstant('2026-03-02', 8)); // due Mon 02/03 12:00
    expect(s.dueAt).toBe(vnInstant('2026-03-02', 12).toISOString());
    expect(returnAt(s, vnInstant('2026-03-02', 13), vnInstant('2026-03-02', 14))).toBe('late');
    expect(returnAt(s, vnInstant('2026-03-02', 11), vnInstant('2026-03-02', 12))).toBe('on_time');
  });

  it('same day: on time up to the closing instant, late after it, early the day before', () => {
    const s = receive('same_day', 0, vnInstant('2026-03-02', 15, 0, 0)); // 15:00:00 → today
    expect(s.dueDate).toBe('2026-03-02');
    expect(returnAt(s, vnInstant('2026-03-02', 16), vnInstant('2026-03-02', 17))).toBe('on_time');
    expect(returnAt(s, vnInstant('2026-03-02', 16), vnInstant('2026-03-02', 17, 30))).toBe('late');
    const next = receive('same_day', 0, vnInstant('2026-03-02', 15, 0, 1)); // → Tue 03/03
    expect(next.dueDate).toBe('2026-03-03');
    expect(returnAt(next, vnInstant('2026-03-02', 16), vnInstant('2026-03-02', 16, 30))).toBe(
      'early',
    );
  });

  it('working-day procedures still compare the day only', () => {
    const s = receive('working_day', 1, vnInstant('2026-03-02', 9)); // due Tue 03/03
    expect(returnAt(s, vnInstant('2026-03-03', 9), vnInstant('2026-03-03', 18))).toBe('on_time');
  });
});
