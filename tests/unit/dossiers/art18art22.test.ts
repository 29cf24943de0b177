/**
 * NĐ 118/2025/NĐ-CP Art. 18 (transfer deadline), Art. 22 (correcting a wrong result) and the
 * UNCONFIRMED rules made settings (supplement clock restart / resume per procedure, the close
 * period), worked by hand on the pure lifecycle (docs/dossier-lifecycle.md).
 *
 * March 2026: Mon 02, Tue 03, Wed 04, Thu 05, Fri 06, Sat 07, Sun 08, Mon 09, Tue 10 …
 */
import { describe, expect, it } from 'vitest';
import {
  applyDossierAction,
  closeAllowedFrom,
  correctionDeadline,
  receiveDossier,
  transferDeadline,
  transferWarning,
  type DossierAction,
  type DossierState,
  type LifecyclePolicy,
  type TransitionResult,
} from '../../../src/core/dossiers/lifecycle';
import { vnInstant } from '../../../src/shared/time/vnTime';
import { fakeCalendar, fakeDueDate } from './fakeCalendar';

const calendar = fakeCalendar();
const vn = (local: string): Date => new Date(`${local}+07:00`);

function received(at: Date, amount = 3, unit: 'working_day' | 'day' = 'working_day') {
  return receiveDossier({
    receivedAt: at,
    processingTime: { amount, unit },
    officerId: 'cb-01',
    calendar,
    dueDate: fakeDueDate,
  }).state;
}

function apply(
  state: DossierState,
  action: DossierAction,
  now: Date,
  policy?: LifecyclePolicy,
): TransitionResult {
  return applyDossierAction(state, action, {
    now,
    officerId: 'cb-01',
    calendar,
    dueDate: fakeDueDate,
    ...(policy ? { policy } : {}),
  });
}

function ok(r: TransitionResult) {
  if (!r.ok) throw new Error(`expected ok, got ${r.rule}: ${r.message}`);
  return r;
}

function forbidden(r: TransitionResult, rule: string) {
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.rule).toBe(rule);
}

describe('Art. 18: the transfer deadline', () => {
  const deadline = (local: string) => transferDeadline(vn(local), calendar).toISOString();

  it('same working day until 15:00:00; after it, the start of the next working day', () => {
    expect(deadline('2026-03-05T09:00:00')).toBe(vn('2026-03-05T17:00:00').toISOString());
    expect(deadline('2026-03-05T15:00:00')).toBe(vn('2026-03-05T17:00:00').toISOString());
    expect(deadline('2026-03-05T15:00:01')).toBe(vn('2026-03-06T08:00:00').toISOString());
    // Friday after 15:00 → Monday morning; a Saturday reception → Monday morning.
    expect(deadline('2026-03-06T16:00:00')).toBe(vn('2026-03-09T08:00:00').toISOString());
    expect(deadline('2026-03-07T09:00:00')).toBe(vn('2026-03-09T08:00:00').toISOString());
  });

  it('follows the site cut-off, closing time and office hours', () => {
    const d = transferDeadline(vn('2026-03-05T15:30:00'), calendar, {
      cutoff: '16:00',
      closingTime: '17:30',
    });
    expect(d.toISOString()).toBe(vn('2026-03-05T17:30:00').toISOString());
    const next = transferDeadline(vn('2026-03-05T16:30:00'), calendar, {
      officeHours: [{ start: '07:30', end: '11:30' }],
    });
    expect(next.toISOString()).toBe(vn('2026-03-06T07:30:00').toISOString());
  });

  it('warns once the deadline has passed without a transfer, and not after one', () => {
    const s = received(vn('2026-03-05T15:00:01'));
    expect(transferWarning(s, vn('2026-03-06T08:00:00'), calendar)).toBeNull();
    const w = transferWarning(s, vn('2026-03-06T08:00:01'), calendar);
    expect(w).toMatchObject({
      kind: 'transfer_overdue',
      at: vn('2026-03-06T08:00:00').toISOString(),
    });
    expect(w?.message).toContain('08:00 06/03/2026');
    expect(w?.message).toContain('Điều 18');
    const moved = ok(
      apply(s, { action: 'transfer', unit: 'Tư pháp - Hộ tịch' }, vn('2026-03-06T09:00:00')),
    );
    expect(moved.event.details).toMatchObject({
      transferDeadline: vn('2026-03-06T08:00:00').toISOString(),
      transferLate: true,
    });
    expect(transferWarning(moved.state, vn('2026-03-10T09:00:00'), calendar)).toBeNull();
    // On time: recorded as not late; a second hand-over carries no deadline.
    const s2 = received(vn('2026-03-05T10:00:00'));
    const first = ok(apply(s2, { action: 'transfer', unit: 'A' }, vn('2026-03-05T16:59:00')));
    expect(first.event.details).toMatchObject({ transferLate: false });
    const second = ok(
      apply(first.state, { action: 'transfer', unit: 'B' }, vn('2026-03-09T09:00')),
    );
    expect(second.event.details).not.toHaveProperty('transferDeadline');
  });
});

describe('Art. 22: correct-result', () => {
  const returned = () => {
    const s = received(vn('2026-03-02T09:00:00'));
    const ready = ok(apply(s, { action: 'result-ready' }, vn('2026-03-04T09:00:00'))).state;
    return ok(
      apply(
        ready,
        { action: 'return', collectedBy: 'Nguyễn Văn A', idChecked: true },
        vn('2026-03-04T10:00:00'),
      ),
    ).state;
  };

  it('3 working days from the day the error is reported', () => {
    expect(correctionDeadline('2026-03-05', calendar)).toBe('2026-03-10');
    expect(correctionDeadline('2026-03-02', calendar)).toBe('2026-03-05');
  });

  it('a returned result is corrected; the trail keeps the first result and each correction', () => {
    const s = returned();
    const r = ok(
      apply(
        s,
        {
          action: 'correct-result',
          reason: 'Sai năm sinh của người được khai sinh',
          reportedOn: '2026-03-05',
        },
        vn('2026-03-09T10:00:00'),
      ),
    );
    expect(r.state.status).toBe('returned');
    expect(r.state.returned).toEqual(s.returned); // the first hand-over stays
    expect(r.event).toMatchObject({
      type: 'result_corrected',
      fromStatus: 'returned',
      toStatus: 'returned',
      reason: 'Sai năm sinh của người được khai sinh',
      details: { reportedOn: '2026-03-05', deadline: '2026-03-10', late: false, correction: 1 },
    });
    // A second correction, after the 3 working days: recorded as late.
    const again = ok(
      apply(
        r.state,
        { action: 'correct-result', reason: 'Sai quê quán', reportedOn: '2026-03-05' },
        vn('2026-03-11T10:00:00'),
      ),
    );
    expect(again.event.details).toMatchObject({ late: true, correction: 2 });
    expect(again.state.corrections).toHaveLength(2);
  });

  it('refused before a result, without a reason, or with an impossible report day', () => {
    const s = received(vn('2026-03-02T09:00:00'));
    forbidden(
      apply(s, { action: 'correct-result', reason: 'Sai tên' }, vn('2026-03-03T09:00:00')),
      'correction.fromStatus',
    );
    const r = returned();
    forbidden(
      apply(r, { action: 'correct-result', reason: '  ' }, vn('2026-03-05T09:00:00')),
      'correction.reasonRequired',
    );
    forbidden(
      apply(
        r,
        { action: 'correct-result', reason: 'Sai tên', reportedOn: '2026-03-03' },
        vn('2026-03-05T09:00:00'),
      ),
      'correction.reportedOnInvalid',
    );
    forbidden(
      apply(
        r,
        { action: 'correct-result', reason: 'Sai tên', reportedOn: '2026-03-06' },
        vn('2026-03-05T09:00:00'),
      ),
      'correction.reportedOnInvalid',
    );
  });
});

describe('UNCONFIRMED settings: supplement clock and close period', () => {
  const ask: DossierAction = { action: 'request-supplement', reason: 'Thiếu tờ khai' };
  const done: DossierAction = { action: 'supplement-received' };

  // 5 working days received Mon 02/03 → due Mon 09/03. Supplement asked Wed 04/03 (2 of the 5
  // working days used), completed Tue 10/03 (working days Thu 05, Fri 06, Mon 09, Tue 10 stood
  // still: 4).
  function supplemented(policy?: LifecyclePolicy, unit: 'working_day' | 'day' = 'working_day') {
    const s = received(vn('2026-03-02T09:00:00'), 5, unit);
    const asked = ok(apply(s, ask, vn('2026-03-04T10:00:00'), policy)).state;
    return { before: s, after: ok(apply(asked, done, vn('2026-03-10T10:00:00'), policy)) };
  }

  it('restart (default): the full limit again from the completion day', () => {
    const { before, after } = supplemented();
    expect(before.dueDate).toBe('2026-03-09');
    expect(after.state.dueDate).toBe('2026-03-17'); // 5 working days after Tue 10/03
    expect(after.event.details).toMatchObject({ supplementClock: 'restart' });
  });

  it('resume: the old due date moved by the working days the clock stood still', () => {
    const { after } = supplemented({ supplementClock: 'resume' });
    expect(after.state.dueDate).toBe('2026-03-13'); // Mon 09/03 + 4 working days
    expect(after.state.dueAt).toBe(vnInstant('2026-03-13', 17, 0).toISOString());
    expect(after.event.details).toMatchObject({ supplementClock: 'resume' });
  });

  it('resume with calendar days: moved by the calendar days (6), ending on a working day', () => {
    // 5 calendar days from Mon 02/03 → Sat 07/03 → Mon 09/03; +6 days → Sun 15/03 → Mon 16/03.
    const { before, after } = supplemented({ supplementClock: 'resume' }, 'day');
    expect(before.dueDate).toBe('2026-03-09');
    expect(after.state.dueDate).toBe('2026-03-16');
  });

  it('close period: 15 days by default, the site setting otherwise', () => {
    const requestedAt = vn('2026-03-04T10:00:00');
    expect(closeAllowedFrom(requestedAt, calendar)).toBe('2026-03-20'); // last day Thu 19/03
    // 10 days: the last day Sat 14/03 is a day off → Mon 16/03; closing from Tue 17/03.
    expect(closeAllowedFrom(requestedAt, calendar, 10)).toBe('2026-03-17');
    const asked = ok(
      apply(received(vn('2026-03-02T09:00:00')), ask, requestedAt, { supplementCloseDays: 10 }),
    );
    expect(asked.event.details).toMatchObject({ closeAllowedFrom: '2026-03-17' });
    const close: DossierAction = { action: 'close' };
    forbidden(
      apply(asked.state, close, vn('2026-03-16T09:00:00'), { supplementCloseDays: 10 }),
      'close.before15Days',
    );
    expect(
      ok(apply(asked.state, close, vn('2026-03-17T09:00:00'), { supplementCloseDays: 10 })).state
        .status,
    ).toBe('closed');
    // The default 15 days still refuses that day, and says which day.
    const early = apply(asked.state, close, vn('2026-03-17T09:00:00'));
    forbidden(early, 'close.before15Days');
    if (!early.ok) expect(early.message).toContain('20/03/2026');
  });
});
