/**
 * A 1-working-day dossier is not "at risk" the moment it is received (docs/desk.md,
 * "Warnings"). Old behaviour: dossierWarnings gave `due_tomorrow` ("nguy cơ trễ hạn") on the
 * reception day of every 1-day dossier.
 */
import { describe, expect, it } from 'vitest';
import { computeDueDate, createWorkingCalendar } from '../../../src/core/calendar';
import { dossierWarnings, receiveDossier } from '../../../src/core/dossiers/lifecycle';
import { vnInstant } from '../../../src/shared/time/vnTime';

const calendar = createWorkingCalendar();
const receive = (day: string, amount: number) =>
  receiveDossier({
    receivedAt: vnInstant(day, 9),
    processingTime: { amount, unit: 'working_day' },
    officerId: 'cb-01',
    calendar,
    dueDate: computeDueDate,
  }).state;

describe('warnings of a 1-working-day dossier', () => {
  it('none on its reception day, due today on its due date, overdue after', () => {
    const state = receive('2026-03-02', 1); // Monday → due Tuesday 03/03
    expect(state.dueDate).toBe('2026-03-03');
    expect(dossierWarnings(state, vnInstant('2026-03-02', 16), calendar)).toEqual([]);
    expect(dossierWarnings(state, vnInstant('2026-03-03', 8), calendar)[0]?.kind).toBe('due_today');
    expect(dossierWarnings(state, vnInstant('2026-03-04', 8), calendar)[0]?.kind).toBe('overdue');
  });

  it('a longer dossier still warns the day before its due date', () => {
    const state = receive('2026-03-02', 3); // due Thursday 05/03
    expect(dossierWarnings(state, vnInstant('2026-03-04', 9), calendar)[0]?.kind).toBe(
      'due_tomorrow',
    );
  });
});

/**
 * A same-day procedure (khai sinh, kết hôn, chứng thực) is due on its reception day: that is
 * its time limit, so no "due today" warning before the day's cut-off (docs/calendar.md §6).
 * Old behaviour: every same-day dossier was flagged `due_today` the moment it was received.
 */
describe('warnings of a same-day dossier', () => {
  const state = receiveDossier({
    receivedAt: vnInstant('2026-03-02', 9),
    processingTime: { amount: 0, unit: 'same_day' },
    officerId: 'cb-01',
    calendar,
    dueDate: computeDueDate,
  }).state;

  it('none until the cut-off (15:00:00 included), due today after it, overdue the next day', () => {
    expect(state.dueDate).toBe('2026-03-02');
    expect(dossierWarnings(state, vnInstant('2026-03-02', 10), calendar)).toEqual([]);
    expect(dossierWarnings(state, vnInstant('2026-03-02', 15, 0), calendar)).toEqual([]);
    expect(dossierWarnings(state, vnInstant('2026-03-02', 15, 0, 1), calendar)[0]?.kind).toBe(
      'due_today',
    );
    expect(dossierWarnings(state, vnInstant('2026-03-03', 8), calendar)[0]?.kind).toBe('overdue');
  });

  it("follows the office's cut-off setting", () => {
    const at = vnInstant('2026-03-02', 16, 30);
    expect(dossierWarnings(state, at, calendar, 'vi', { cutoff: '17:00' })).toEqual([]);
    expect(dossierWarnings(state, at, calendar, 'vi', { cutoff: '16:00' })[0]?.kind).toBe(
      'due_today',
    );
  });
});
