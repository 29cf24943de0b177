/**
 * The kiosk explains an overdue dossier (src/shared/kiosk/overdue.ts). Old behaviour: "đang
 * chờ giải quyết" next to a past date, with no word of the apology or a new date.
 */
import { describe, expect, it } from 'vitest';
import { isOverdue } from '../../../src/shared/kiosk/overdue';

// 06/12/2026 23:30 in Vietnam is 16:30 UTC: "today" is the Vietnam date.
const now = new Date('2026-12-06T16:30:00Z');

describe('isOverdue', () => {
  it('is overdue while handled and the due date (Vietnam calendar) is past', () => {
    expect(isOverdue({ status: 'in_process', dueDate: '2026-12-05' }, now)).toBe(true);
    expect(isOverdue({ status: 'received', dueDate: '2026-11-30' }, now)).toBe(true);
  });
  it('is not overdue on the due date itself, without a date, or once finished', () => {
    expect(isOverdue({ status: 'in_process', dueDate: '2026-12-06' }, now)).toBe(false);
    expect(isOverdue({ status: 'in_process', dueDate: null }, now)).toBe(false);
    expect(isOverdue({ status: 'result_ready', dueDate: '2026-12-01' }, now)).toBe(false);
    expect(isOverdue({ status: 'returned', dueDate: '2026-12-01' }, now)).toBe(false);
  });
  it('uses the Vietnam date, not UTC (17:30 UTC on the 5th is already the 6th in Vietnam)', () => {
    expect(
      isOverdue({ status: 'in_process', dueDate: '2026-12-05' }, new Date('2026-12-05T17:30:00Z')),
    ).toBe(true);
  });
});
