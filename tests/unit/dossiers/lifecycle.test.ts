import { describe, expect, it } from 'vitest';
import {
  applyDossierAction,
  classifyOnTime,
  closeAllowedFrom,
  dossierActionSchema,
  dossierWarnings,
  receiveDossier,
  type DossierAction,
  type DossierState,
  type LifecycleContext,
  type TransitionResult,
} from '../../../src/core/dossiers/lifecycle';
import { lifecycleMessages } from '../../../src/core/dossiers/messages';
import { vnInstant, type VnDate } from '../../../src/shared/time/vnTime';
import { fakeCalendar, fakeDueDate } from './fakeCalendar';

// March 2026: Mon 02, Tue 03, Wed 04, Thu 05, Fri 06, Sat 07, Sun 08, Mon 09 …
const calendar = fakeCalendar();
const at = (date: VnDate, hour = 9, minute = 0): Date => vnInstant(date, hour, minute);

function ctx(now: Date, extra: Partial<LifecycleContext> = {}): LifecycleContext {
  return { now, officerId: 'cb-01', calendar, dueDate: fakeDueDate, ...extra };
}

function received(date: VnDate = '2026-03-02', amount = 3): DossierState {
  return receiveDossier({
    receivedAt: at(date),
    processingTime: { amount, unit: 'working_day' },
    officerId: 'cb-01',
    calendar,
    dueDate: fakeDueDate,
  }).state;
}

function ok(result: TransitionResult): Extract<TransitionResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${result.rule}: ${result.message}`);
  return result;
}

function run(state: DossierState, steps: [DossierAction, Date][]): DossierState {
  let s = state;
  for (const [action, now] of steps) s = ok(applyDossierAction(s, action, ctx(now))).state;
  return s;
}

function expectForbidden(result: TransitionResult, rule: string): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.code).toBe('TRANSITION_FORBIDDEN');
  expect(result.rule).toBe(rule);
  expect(result.message.length).toBeGreaterThan(10);
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

const transfer: DossierAction = { action: 'transfer', unit: 'Công chức Tư pháp - Hộ tịch' };
const resultReady: DossierAction = { action: 'result-ready' };
const returnIt: DossierAction = { action: 'return', collectedBy: 'Nguyễn Văn A', idChecked: true };
const askSupplement: DossierAction = {
  action: 'request-supplement',
  reason: 'Thiếu giấy chứng sinh',
  documents: ['Giấy chứng sinh'],
};

describe('receiveDossier', () => {
  it('starts the clock at reception and computes the due date (receipt day not counted)', () => {
    const { state, event } = receiveDossier({
      receivedAt: at('2026-03-02'),
      processingTime: { amount: 3, unit: 'working_day' },
      officerId: 'cb-01',
      calendar,
      dueDate: fakeDueDate,
    });
    expect(state.status).toBe('received');
    expect(state.dueDate).toBe('2026-03-05');
    expect(state.originalDueDate).toBe('2026-03-05');
    expect(state.receivedAt).toBe(at('2026-03-02').toISOString());
    expect(event).toMatchObject({
      type: 'received',
      fromStatus: null,
      toStatus: 'received',
      dueDateAfter: '2026-03-05',
      officerId: 'cb-01',
    });
  });
});

describe('happy paths', () => {
  it('received → transfer → result ready → return, with a full trail', () => {
    const s0 = deepFreeze(received());
    const r1 = ok(applyDossierAction(s0, transfer, ctx(at('2026-03-02', 10))));
    expect(r1.state.status).toBe('in_process');
    expect(r1.state.currentUnit).toBe('Công chức Tư pháp - Hộ tịch');
    expect(r1.event).toMatchObject({
      type: 'transferred',
      fromStatus: 'received',
      toStatus: 'in_process',
      officerId: 'cb-01',
      at: at('2026-03-02', 10).toISOString(),
    });
    const r2 = ok(applyDossierAction(r1.state, resultReady, ctx(at('2026-03-04'))));
    expect(r2.state.status).toBe('result_ready');
    expect(r2.event.details.resultOnTime).toBe('early');
    const r3 = ok(
      applyDossierAction(
        r2.state,
        { ...returnIt, feePaidVnd: 8000, paymentMethod: 'cash' },
        ctx(at('2026-03-05', 14)),
      ),
    );
    expect(r3.state.status).toBe('returned');
    expect(r3.state.returned).toMatchObject({
      collectedBy: 'Nguyễn Văn A',
      collectorKind: 'applicant',
      idChecked: true,
      feePaidVnd: 8000,
      paymentMethod: 'cash',
      onTime: 'on_time',
    });
    expect(r3.event.details.onTime).toBe('on_time');
    // the input state was not mutated (deep-frozen above) and is still as received
    expect(s0.status).toBe('received');
  });

  it.each([
    ['2026-03-04', 'early'],
    ['2026-03-05', 'on_time'],
    ['2026-03-06', 'late'],
  ] as const)('return on %s is %s (due 2026-03-05)', (day, expected) => {
    const s = run(received(), [[resultReady, at('2026-03-03')]]);
    const r = ok(applyDossierAction(s, returnIt, ctx(at(day, 16))));
    expect(r.state.returned?.onTime).toBe(expected);
  });

  it('an authorised person may collect with a checked authorisation', () => {
    const s = run(received(), [[resultReady, at('2026-03-03')]]);
    const r = ok(
      applyDossierAction(
        s,
        {
          action: 'return',
          collectedBy: 'Trần Thị B',
          collectorKind: 'authorised',
          authorisationChecked: true,
          idChecked: true,
        },
        ctx(at('2026-03-04')),
      ),
    );
    expect(r.state.returned?.collectorKind).toBe('authorised');
    expect(r.event.details.authorisationChecked).toBe(true);
  });

  it('same-day results can be recorded straight from received', () => {
    const r = ok(applyDossierAction(received(), resultReady, ctx(at('2026-03-02', 11))));
    expect(r.state.status).toBe('result_ready');
  });
});

describe('supplement (Art. 19): once, within 3 working days, clock restarts from zero', () => {
  it('stops the clock, then restarts it from the supplement time', () => {
    const s1 = run(received(), [[transfer, at('2026-03-02', 10)]]);
    const r1 = ok(applyDossierAction(s1, askSupplement, ctx(at('2026-03-04'))));
    expect(r1.state.status).toBe('awaiting_supplement');
    expect(r1.state.dueDate).toBeNull();
    expect(r1.event).toMatchObject({
      type: 'supplement_requested',
      reason: 'Thiếu giấy chứng sinh',
      dueDateBefore: '2026-03-05',
      dueDateAfter: null,
    });
    expect(r1.event.details.documents).toEqual(['Giấy chứng sinh']);
    // supplement completed Tuesday 17/03: 3 working days from then, not from 02/03
    const r2 = ok(
      applyDossierAction(r1.state, { action: 'supplement-received' }, ctx(at('2026-03-17', 8))),
    );
    expect(r2.state.status).toBe('in_process');
    expect(r2.state.dueDate).toBe('2026-03-20');
    expect(r2.state.clockStartedAt).toBe(at('2026-03-17', 8).toISOString());
    expect(r2.state.supplement?.receivedAt).toBe(at('2026-03-17', 8).toISOString());
    expect(r2.event).toMatchObject({ dueDateBefore: null, dueDateAfter: '2026-03-20' });
  });

  it('returns to "received" when the dossier had not been transferred yet', () => {
    const s = run(received(), [
      [askSupplement, at('2026-03-03')],
      [{ action: 'supplement-received' }, at('2026-03-09')],
    ]);
    expect(s.status).toBe('received');
    expect(s.dueDate).toBe('2026-03-12');
  });

  it('FORBIDS a second supplement request, even after the first was answered', () => {
    const s = run(received(), [
      [askSupplement, at('2026-03-03')],
      [{ action: 'supplement-received' }, at('2026-03-04')],
    ]);
    expectForbidden(
      applyDossierAction(s, askSupplement, ctx(at('2026-03-04', 10))),
      'supplement.onlyOnce',
    );
  });

  it('FORBIDS a supplement request while one is pending', () => {
    const s = run(received(), [[askSupplement, at('2026-03-03')]]);
    expectForbidden(
      applyDossierAction(s, askSupplement, ctx(at('2026-03-03', 10))),
      'supplement.onlyOnce',
    );
  });

  it('FORBIDS a request later than 3 working days after receipt (default policy)', () => {
    // received Mon 02/03 → last day Thu 05/03
    const r = applyDossierAction(received(), askSupplement, ctx(at('2026-03-06')));
    expectForbidden(r, 'supplement.within3WorkingDays');
    if (!r.ok) expect(r.message).toContain('05/03/2026');
    ok(applyDossierAction(received(), askSupplement, ctx(at('2026-03-05', 16))));
  });

  it('counts the 3 working days over a weekend', () => {
    // received Fri 06/03 → Mon, Tue, Wed → last day Wed 11/03
    ok(applyDossierAction(received('2026-03-06'), askSupplement, ctx(at('2026-03-11', 16))));
    expectForbidden(
      applyDossierAction(received('2026-03-06'), askSupplement, ctx(at('2026-03-12'))),
      'supplement.within3WorkingDays',
    );
  });

  it('with policy "flag" a late request is allowed and marked late', () => {
    const r = ok(
      applyDossierAction(
        received(),
        askSupplement,
        ctx(at('2026-03-06'), { policy: { lateSupplementRequest: 'flag' } }),
      ),
    );
    expect(r.state.supplement?.late).toBe(true);
    expect(r.event.details.late).toBe(true);
  });

  it('FORBIDS a request without a reason', () => {
    expectForbidden(
      applyDossierAction(
        received(),
        { action: 'request-supplement', reason: '   ' },
        ctx(at('2026-03-03')),
      ),
      'supplement.reasonRequired',
    );
  });

  it('FORBIDS recording a supplement on a dossier that is not awaiting one', () => {
    expectForbidden(
      applyDossierAction(received(), { action: 'supplement-received' }, ctx(at('2026-03-03'))),
      'supplementReceived.notAwaiting',
    );
  });
});

describe('close (no supplement after 15 days)', () => {
  it('is allowed only after the 15th day since the notice', () => {
    const s = run(received(), [[askSupplement, at('2026-03-02', 15)]]);
    // notice Mon 02/03 → 15th day Tue 17/03 → close from Wed 18/03
    expect(closeAllowedFrom(at('2026-03-02', 15), calendar)).toBe('2026-03-18');
    expectForbidden(
      applyDossierAction(s, { action: 'close' }, ctx(at('2026-03-17', 16))),
      'close.before15Days',
    );
    expectForbidden(
      applyDossierAction(s, { action: 'close' }, ctx(at('2026-03-10'))),
      'close.before15Days',
    );
    const r = ok(applyDossierAction(s, { action: 'close' }, ctx(at('2026-03-18', 8))));
    expect(r.state.status).toBe('closed');
    expect(r.event.details.daysSinceNotice).toBe(16);
  });

  it('moves the last day off a weekend (BLDS Art. 148)', () => {
    // received Wed 04/03, notice Fri 06/03 → 15th day Sat 21/03 → Mon 23/03 → close from Tue 24/03
    const s = run(received('2026-03-04'), [[askSupplement, at('2026-03-06')]]);
    const r = applyDossierAction(s, { action: 'close' }, ctx(at('2026-03-23', 16)));
    expectForbidden(r, 'close.before15Days');
    if (!r.ok) expect(r.message).toContain('24/03/2026');
    ok(applyDossierAction(s, { action: 'close' }, ctx(at('2026-03-24'))));
  });

  it('FORBIDS closing a dossier that is not awaiting a supplement', () => {
    const s = run(received(), [[transfer, at('2026-03-02', 10)]]);
    expectForbidden(
      applyDossierAction(s, { action: 'close' }, ctx(at('2026-05-01'))),
      'close.notAwaiting',
    );
  });

  it('a late supplement (after 15 days but before closing) is still accepted', () => {
    const s = run(received(), [[askSupplement, at('2026-03-02', 15)]]);
    const r = ok(applyDossierAction(s, { action: 'supplement-received' }, ctx(at('2026-03-20'))));
    expect(r.state.dueDate).toBe('2026-03-25');
  });
});

describe('refuse', () => {
  it('requires a reason', () => {
    expectForbidden(
      applyDossierAction(received(), { action: 'refuse', reason: '' }, ctx(at('2026-03-03'))),
      'refuse.reasonRequired',
    );
  });

  it('records the reason and ends the dossier', () => {
    const r = ok(
      applyDossierAction(
        received(),
        { action: 'refuse', reason: 'Không thuộc thẩm quyền' },
        ctx(at('2026-03-03')),
      ),
    );
    expect(r.state.status).toBe('refused');
    expect(r.state.refusal?.reason).toBe('Không thuộc thẩm quyền');
    expect(r.event.reason).toBe('Không thuộc thẩm quyền');
    expect(r.event.details.afterDueDate).toBe(false);
  });

  it('FORBIDS refusing a dossier whose result is ready', () => {
    const s = run(received(), [[resultReady, at('2026-03-03')]]);
    expectForbidden(
      applyDossierAction(s, { action: 'refuse', reason: 'x' }, ctx(at('2026-03-03', 10))),
      'refuse.fromStatus',
    );
  });
});

describe('extend (apology + new date, Art. 19)', () => {
  const extend = (newDueDate: string, reason = 'Cần xác minh thêm'): DossierAction => ({
    action: 'extend',
    reason,
    newDueDate,
  });

  it('moves the due date once, keeping the original', () => {
    const r = ok(applyDossierAction(received(), extend('2026-03-10'), ctx(at('2026-03-04', 16))));
    expect(r.state.dueDate).toBe('2026-03-10');
    expect(r.state.originalDueDate).toBe('2026-03-05');
    expect(r.state.dueAt).toBe(vnInstant('2026-03-10', 17, 0).toISOString());
    expect(r.state.extension).toMatchObject({
      reason: 'Cần xác minh thêm',
      previousDueDate: '2026-03-05',
      newDueDate: '2026-03-10',
    });
    expect(r.event).toMatchObject({
      type: 'extended',
      toStatus: 'received',
      dueDateBefore: '2026-03-05',
      dueDateAfter: '2026-03-10',
    });
    // on-time is then judged against the new date
    const s = run(r.state, [[resultReady, at('2026-03-09')]]);
    expect(
      ok(applyDossierAction(s, returnIt, ctx(at('2026-03-09', 15)))).state.returned?.onTime,
    ).toBe('early');
  });

  it('FORBIDS a second extension', () => {
    const s = run(received(), [[extend('2026-03-10'), at('2026-03-03')]]);
    expectForbidden(
      applyDossierAction(s, extend('2026-03-12'), ctx(at('2026-03-04'))),
      'extend.onlyOnce',
    );
  });

  it('FORBIDS an extension on the due date itself or later (must be ≥ 1 day before)', () => {
    expectForbidden(
      applyDossierAction(received(), extend('2026-03-10'), ctx(at('2026-03-05', 8))),
      'extend.tooLate',
    );
    expectForbidden(
      applyDossierAction(received(), extend('2026-03-10'), ctx(at('2026-03-09'))),
      'extend.tooLate',
    );
    // 23:59 Vietnam time on the day before is still in time
    ok(applyDossierAction(received(), extend('2026-03-10'), ctx(at('2026-03-04', 23, 59))));
  });

  it('uses the Vietnam date, not UTC: 00:30 on the due day (17:30 UTC the day before) is late', () => {
    const now = new Date('2026-03-04T17:30:00Z'); // 05/03 00:30 in Vietnam
    expectForbidden(
      applyDossierAction(received(), extend('2026-03-10'), ctx(now)),
      'extend.tooLate',
    );
  });

  it('FORBIDS a new date that is not after the current due date', () => {
    expectForbidden(
      applyDossierAction(received(), extend('2026-03-05'), ctx(at('2026-03-03'))),
      'extend.newDueDateNotAfterCurrent',
    );
    expectForbidden(
      applyDossierAction(received(), extend('2026-03-04'), ctx(at('2026-03-03'))),
      'extend.newDueDateNotAfterCurrent',
    );
  });

  it('FORBIDS a new date on a day off or an invalid date', () => {
    expectForbidden(
      applyDossierAction(received(), extend('2026-03-07'), ctx(at('2026-03-03'))),
      'extend.newDueDateNotWorkingDay',
    );
    expectForbidden(
      applyDossierAction(received(), extend('2026-02-30'), ctx(at('2026-03-03'))),
      'extend.newDueDateInvalid',
    );
  });

  it('FORBIDS an extension without a reason', () => {
    expectForbidden(
      applyDossierAction(received(), extend('2026-03-10', ' '), ctx(at('2026-03-03'))),
      'extend.reasonRequired',
    );
  });

  it('FORBIDS extending while awaiting a supplement or after the result is ready', () => {
    const waiting = run(received(), [[askSupplement, at('2026-03-03')]]);
    expectForbidden(
      applyDossierAction(waiting, extend('2026-03-10'), ctx(at('2026-03-03', 10))),
      'extend.fromStatus',
    );
    const ready = run(received(), [[resultReady, at('2026-03-03')]]);
    expectForbidden(
      applyDossierAction(ready, extend('2026-03-10'), ctx(at('2026-03-03', 10))),
      'extend.fromStatus',
    );
  });
});

describe('return (Art. 22)', () => {
  it('FORBIDS returning before the result is ready', () => {
    expectForbidden(
      applyDossierAction(received(), returnIt, ctx(at('2026-03-03'))),
      'return.onlyFromResultReady',
    );
    const inProcess = run(received(), [[transfer, at('2026-03-02', 10)]]);
    expectForbidden(
      applyDossierAction(inProcess, returnIt, ctx(at('2026-03-03'))),
      'return.onlyFromResultReady',
    );
  });

  it('FORBIDS an authorised collector without a checked authorisation', () => {
    const s = run(received(), [[resultReady, at('2026-03-03')]]);
    expectForbidden(
      applyDossierAction(
        s,
        {
          action: 'return',
          collectedBy: 'Trần Thị B',
          collectorKind: 'authorised',
          idChecked: true,
        },
        ctx(at('2026-03-04')),
      ),
      'return.authorisationRequired',
    );
  });

  it('FORBIDS a return with no collector name', () => {
    const s = run(received(), [[resultReady, at('2026-03-03')]]);
    expectForbidden(
      applyDossierAction(
        s,
        { action: 'return', collectedBy: ' ', idChecked: false },
        ctx(at('2026-03-04')),
      ),
      'return.collectorRequired',
    );
  });
});

describe('stop on request (Art. 21)', () => {
  it.each([
    ['received', [] as [DossierAction, Date][]],
    ['in_process', [[transfer, at('2026-03-02', 10)]] as [DossierAction, Date][]],
    ['awaiting_supplement', [[askSupplement, at('2026-03-03')]] as [DossierAction, Date][]],
  ])('is allowed from %s', (_status, steps) => {
    const s = run(received(), steps);
    const r = ok(
      applyDossierAction(
        s,
        { action: 'stop', reason: 'Công dân rút hồ sơ' },
        ctx(at('2026-03-04')),
      ),
    );
    expect(r.state.status).toBe('stopped');
    expect(r.state.stop?.reason).toBe('Công dân rút hồ sơ');
    expect(r.event.type).toBe('stopped');
  });

  it('FORBIDS stopping once the result is ready', () => {
    const s = run(received(), [[resultReady, at('2026-03-03')]]);
    expectForbidden(
      applyDossierAction(s, { action: 'stop' }, ctx(at('2026-03-04'))),
      'stop.fromStatus',
    );
  });
});

describe('final states accept nothing', () => {
  const finals: [string, DossierState][] = [
    [
      'returned',
      run(received(), [
        [resultReady, at('2026-03-03')],
        [returnIt, at('2026-03-04')],
      ]),
    ],
    [
      'refused',
      run(received(), [[{ action: 'refuse', reason: 'Sai thẩm quyền' }, at('2026-03-03')]]),
    ],
    ['stopped', run(received(), [[{ action: 'stop' }, at('2026-03-03')]])],
    [
      'closed',
      run(received(), [
        [askSupplement, at('2026-03-02', 10)],
        [{ action: 'close' }, at('2026-03-20')],
      ]),
    ],
  ];
  const actions: DossierAction[] = [
    transfer,
    askSupplement,
    { action: 'supplement-received' },
    { action: 'refuse', reason: 'x' },
    { action: 'extend', reason: 'x', newDueDate: '2026-12-31' },
    resultReady,
    returnIt,
    { action: 'stop' },
    { action: 'close' },
  ];
  for (const [name, state] of finals) {
    it(`${name}: every action → dossier.terminal`, () => {
      expect(state.status).toBe(name);
      for (const action of actions) {
        expectForbidden(
          applyDossierAction(state, action, ctx(at('2026-04-01'))),
          'dossier.terminal',
        );
      }
    });
  }
});

describe('other guards', () => {
  it('FORBIDS an action dated before the last event (clock went backwards)', () => {
    const s = run(received(), [[transfer, at('2026-03-03')]]);
    expectForbidden(
      applyDossierAction(s, resultReady, ctx(at('2026-03-02', 12))),
      'time.beforeLastEvent',
    );
  });

  it('FORBIDS transfer after the result is ready, and transfer with a blank unit', () => {
    const s = run(received(), [[resultReady, at('2026-03-03')]]);
    expectForbidden(applyDossierAction(s, transfer, ctx(at('2026-03-04'))), 'transfer.fromStatus');
    expectForbidden(
      applyDossierAction(received(), { action: 'transfer', unit: ' ' }, ctx(at('2026-03-03'))),
      'transfer.unitRequired',
    );
  });

  it('FORBIDS result-ready while awaiting supplement', () => {
    const s = run(received(), [[askSupplement, at('2026-03-03')]]);
    expectForbidden(
      applyDossierAction(s, resultReady, ctx(at('2026-03-04'))),
      'resultReady.fromStatus',
    );
  });

  it('messages are Vietnamese by default, cite the article, and exist in English', () => {
    const s = run(received(), [[askSupplement, at('2026-03-03')]]);
    const r1 = applyDossierAction(s, askSupplement, ctx(at('2026-03-03', 10)));
    expect(!r1.ok && r1.message).toContain('Điều 11');
    const r2 = applyDossierAction(s, askSupplement, ctx(at('2026-03-03', 10), { lang: 'en' }));
    expect(!r2.ok && r2.message).toContain('only once');
    expect(Object.keys(lifecycleMessages.en.rules).sort()).toEqual(
      Object.keys(lifecycleMessages.vi.rules).sort(),
    );
  });
});

describe('classifyOnTime', () => {
  it('compares Vietnam dates', () => {
    expect(classifyOnTime(at('2026-03-04', 23, 59), '2026-03-05')).toBe('early');
    expect(classifyOnTime(new Date('2026-03-04T17:00:00Z'), '2026-03-05')).toBe('on_time');
    expect(classifyOnTime(new Date('2026-03-05T16:59:59Z'), '2026-03-05')).toBe('on_time');
    expect(classifyOnTime(new Date('2026-03-05T17:00:00Z'), '2026-03-05')).toBe('late');
  });
});

describe('dossierWarnings', () => {
  const s = received(); // due Thu 05/03
  it('nothing two working days ahead', () => {
    expect(dossierWarnings(s, at('2026-03-03'), calendar)).toEqual([]);
  });
  it('due tomorrow, apology still possible', () => {
    const w = dossierWarnings(s, at('2026-03-04'), calendar);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({
      kind: 'due_tomorrow',
      dueDate: '2026-03-05',
      date: '2026-03-04',
      apologyPossible: true,
    });
    expect(w[0]?.message).toContain('04/03/2026');
  });
  it('due "tomorrow" over a weekend: Friday for a Monday due date', () => {
    const mon = received('2026-03-04', 3); // due Mon 09/03
    expect(mon.dueDate).toBe('2026-03-09');
    expect(dossierWarnings(mon, at('2026-03-06'), calendar)[0]?.kind).toBe('due_tomorrow');
    expect(dossierWarnings(mon, at('2026-03-05'), calendar)).toEqual([]);
  });
  it('no apology possible once extended', () => {
    const ext = run(s, [
      [{ action: 'extend', reason: 'x', newDueDate: '2026-03-10' }, at('2026-03-03')],
    ]);
    expect(dossierWarnings(ext, at('2026-03-09'), calendar)[0]).toMatchObject({
      kind: 'due_tomorrow',
      apologyPossible: false,
    });
  });
  it('due today and overdue', () => {
    expect(dossierWarnings(s, at('2026-03-05', 8), calendar)[0]?.kind).toBe('due_today');
    expect(dossierWarnings(s, at('2026-03-09'), calendar)[0]).toMatchObject({
      kind: 'overdue',
      days: 4,
    });
  });
  it('awaiting supplement for more than 15 days', () => {
    const w = run(s, [[askSupplement, at('2026-03-02', 15)]]);
    expect(dossierWarnings(w, at('2026-03-17'), calendar)).toEqual([]);
    expect(dossierWarnings(w, at('2026-03-18'), calendar)[0]).toMatchObject({
      kind: 'supplement_overdue',
      date: '2026-03-18',
    });
  });
  it('no due warnings once the result is ready or the dossier is final', () => {
    const ready = run(s, [[resultReady, at('2026-03-03')]]);
    expect(dossierWarnings(ready, at('2026-03-20'), calendar)).toEqual([]);
  });
});

describe('dossierActionSchema (HTTP body)', () => {
  it('accepts valid bodies', () => {
    expect(dossierActionSchema.safeParse({ action: 'transfer', unit: 'Công an xã' }).success).toBe(
      true,
    );
    expect(
      dossierActionSchema.safeParse({ action: 'extend', reason: 'x', newDueDate: '2026-03-10' })
        .success,
    ).toBe(true);
    expect(dossierActionSchema.safeParse({ action: 'stop' }).success).toBe(true);
    expect(
      dossierActionSchema.safeParse({
        action: 'return',
        collectedBy: 'A',
        idChecked: true,
        feePaidVnd: 8000,
      }).success,
    ).toBe(true);
  });
  it('rejects malformed bodies', () => {
    for (const body of [
      { action: 'refuse' },
      { action: 'refuse', reason: '   ' },
      { action: 'extend', reason: 'x' },
      { action: 'extend', reason: 'x', newDueDate: '10/03/2026' },
      { action: 'extend', reason: 'x', newDueDate: '2026-02-30' },
      { action: 'transfer' },
      { action: 'return', collectedBy: 'A' },
      { action: 'return', collectedBy: 'A', idChecked: true, feePaidVnd: -1 },
      { action: 'teleport' },
      {},
    ]) {
      expect(dossierActionSchema.safeParse(body).success, JSON.stringify(body)).toBe(false);
    }
  });
});
