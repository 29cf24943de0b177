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
