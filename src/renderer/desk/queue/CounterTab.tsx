import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError, OutputOf } from '../../../shared/contract';
import type { OfficerTicket, PriorityCategory, TicketAction } from '../../../shared/contract/queue';
import { isAllowed } from '../../../shared/queue/ticketTransitions';
import type { MessageKey } from '../../../shared/i18n';
import { vnTimeOfDay } from '../../../shared/time/vnTime';
import { useApp } from '../../app-context';
import { useOp } from '../../api/query';
import { FormOutcome } from '../../components/ErrorMessage';

type Counters = OutputOf<'counters.list'>;
type Services = OutputOf<'queue.services'>;
type View = OutputOf<'queue.counterView'>;
type Priorities = OutputOf<'queue.priorities'>;

export const COUNTER_KEY = 'motcua.counterId';

/**
 * The buttons acting on the ticket being served, in screen order, with their F-key (F1 calls
 * the next number; docs/desk.md); each is enabled when the shared ticket-transition table
 * allows its action from the ticket's status.
 */
export const ACTION_BUTTONS: readonly { action: TicketAction; label: MessageKey; key?: string }[] =
  [
    { action: 'recall', label: 'queue.action.recall', key: 'F2' },
    { action: 'start', label: 'queue.action.start' },
    { action: 'no-show', label: 'queue.action.noShow', key: 'F3' },
    { action: 'complete', label: 'queue.action.complete', key: 'F4' },
    { action: 'park', label: 'queue.action.park' },
  ];

function PrintBadge({ ticket }: { ticket: OfficerTicket }) {
  const { t } = useApp();
  const failed = ticket.printStatus === 'failed';
  return (
    <span className={failed ? 'badge badge-error' : 'badge badge-muted'} data-testid="print-status">
      {t(`queue.print.${ticket.printStatus}` as MessageKey)}
    </span>
  );
}

function TicketLine({
  ticket,
  serviceName,
  children,
}: {
  ticket: OfficerTicket;
  serviceName?: string | undefined;
  children?: ReactNode;
}) {
  const { t } = useApp();
  return (
    <li className="q-line" data-testid={`ticket-${ticket.number}`}>
      <strong className="q-line-number">{ticket.number}</strong>
      {ticket.priority && <span className="badge">{t('queue.priorityBadge')}</span>}
      <span className="q-line-meta">
        {serviceName ? `${serviceName} · ` : ''}
        {t('queue.issuedAt', { time: vnTimeOfDay(new Date(ticket.issuedAt)) })}
      </span>
      {ticket.transferNote && (
        <span className="q-line-note">
          {t('queue.transferNote', { note: ticket.transferNote })}
        </span>
      )}
      {children && <span className="q-line-actions">{children}</span>}
    </li>
  );
}

/** A side list of the counter's tickets (parked, absent, not printed), each with its button. */
interface SideListSpec {
  title: MessageKey;
  tickets: readonly OfficerTicket[];
  action: MessageKey;
  onAction(ticket: OfficerTicket): void;
  disabled?: boolean;
  /** The not-printed list shows each ticket's print status. */
  printStatus?: boolean;
  testId?: string;
}

function SideList({ list, serviceName }: { list: SideListSpec; serviceName(id: string): string }) {
  const { t } = useApp();
  if (list.tickets.length === 0) return null;
  return (
    <div className="q-service" data-testid={list.testId}>
      <h3>{t(list.title)}</h3>
      <ul className="q-list">
        {list.tickets.map((tk) => (
          <TicketLine key={tk.id} ticket={tk} serviceName={serviceName(tk.serviceId)}>
            {list.printStatus && <PrintBadge ticket={tk} />}
            <button
              type="button"
              className="btn btn-ghost btn-small"
              disabled={list.disabled}
              onClick={() => list.onAction(tk)}
            >
              {t(list.action)}
            </button>
          </TicketLine>
        ))}
      </ul>
    </div>
  );
}

/**
 * The counter screen: pick my counter once, then call, recall, start, complete… with F1–F4.
 * Refreshes on every queue event from the hub.
 */
export function CounterTab() {
  const { t, api, lang } = useApp();
  // The lists and the counter's view reload on the queue's events (EVENT_INVALIDATES).
  const counters: Counters = useOp('counters.list', {}).data ?? [];
  const services: Services = useOp('queue.services', {}).data ?? [];
  const priorities: Priorities = useOp('queue.priorities', {}).data ?? [];
  const [counterId, setCounterId] = useState<string>(() => localStorage.getItem(COUNTER_KEY) ?? '');
  const viewQuery = useOp('queue.counterView', { counterId }, { enabled: counterId !== '' });
  const view: View | null = viewQuery.data ?? null;
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [transferOpen, setTransferOpen] = useState(false);
  const [transfer, setTransfer] = useState({ toServiceId: '', counterId: '', note: '' });
  const [specific, setSpecific] = useState('');
  const [pauseReason, setPauseReason] = useState('');
  const [walkIn, setWalkIn] = useState<{ serviceId: string; priority: PriorityCategory | '' }>({
    serviceId: '',
    priority: '',
  });
  const busy = useRef(false);
  /** The action in flight (a key pressed meanwhile waits for it, then acts on its result). */
  const inFlight = useRef<Promise<void>>(Promise.resolve());
  /** The last view loaded (read by the F-keys when they run, not when they were pressed). */
  const latest = useRef<View | null>(null);

  const counter = counters.find((c) => c.id === counterId) ?? null;

  // Whatever view loaded last, by an action's reload or a live event's.
  useEffect(() => {
    latest.current = viewQuery.data ?? null;
  }, [viewQuery.data]);
  const { refetch: refetchView } = viewQuery;
  /** Reload the view now; `latest` has it when this resolves. */
  const load = useCallback(async () => {
    if (!counterId) return;
    const data = await refetchView();
    if (data) latest.current = data;
  }, [counterId, refetchView]);

  const serviceName = (id: string) => services.find((s) => s.id === id)?.name ?? '';
  const current = view?.current ?? null;
  /** The buttons follow the ticket state machine the core enforces (one table for both). */
  const can = (action: TicketAction) => current !== null && isAllowed(action, current.status);

  /** Run an action, show its error (the rule, in plain words) or refresh. */
  const run = useCallback(
    async (fn: () => Promise<{ ok: boolean; error?: ApiError; message?: string | null }>) => {
      if (busy.current) return;
      busy.current = true;
      const task = (async () => {
        try {
          const r = await fn();
          if (r.ok) {
            setError(null);
            setNotice(r.message ?? null);
          } else {
            setNotice(null);
            setError(r.error ?? null);
          }
          await load();
        } finally {
          busy.current = false;
        }
      })();
      inFlight.current = task;
      await task;
    },
    [load],
  );

  const callNext = useCallback(
    () =>
      run(async () => {
        const r = await api.call('queue.callNext', { counterId });
        if (r.ok && r.data === null) return { ok: true, message: t('queue.nobodyToCall') };
        return r.ok ? { ok: true } : { ok: false, error: r.error };
      }),
    [run, api, counterId, t],
  );

  const act = useCallback(
    (
      ticket: OfficerTicket | null,
      action: TicketAction,
      extra: { toServiceId?: string; counterId?: string; note?: string } = {},
    ) => {
      if (!ticket) return;
      void run(() => api.call('queue.action', { id: ticket.id, action, ...extra }));
    },
    [run, api],
  );

  useEffect(() => {
    if (!counterId) return;
    const onKey = (e: KeyboardEvent) => {
      // F2–F4 act on the ticket being served once the tab has it: pressed while the tab is
      // still loading or right after F1, they wait for that and then act (docs/desk.md).
      const onServed = (action: TicketAction) => {
        void inFlight.current.then(async () => {
          if (!latest.current) await load();
          const ticket = latest.current?.current ?? null;
          if (!ticket) {
            setError(null);
            setNotice(t('desk.counter.noTicketForKey'));
            return;
          }
          act(ticket, action);
        });
      };
      const served = ACTION_BUTTONS.find((b) => b.key === e.key)?.action;
      const fn =
        e.key === 'F1' ? () => void callNext() : served ? () => onServed(served) : undefined;
      if (fn && !e.altKey && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        fn();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [counterId, callNext, act, load, t]);

  const chooseCounter = (id: string) => {
    localStorage.setItem(COUNTER_KEY, id);
    setCounterId(id);
    setError(null);
    setNotice(null);
  };

  const submitTransfer = (e: FormEvent) => {
    e.preventDefault();
    act(current, 'transfer', {
      ...(transfer.toServiceId ? { toServiceId: transfer.toServiceId } : {}),
      ...(transfer.counterId ? { counterId: transfer.counterId } : {}),
      ...(transfer.note.trim() ? { note: transfer.note.trim() } : {}),
    });
    setTransferOpen(false);
    setTransfer({ toServiceId: '', counterId: '', note: '' });
  };

  const submitSpecific = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await api.call('queue.callNumber', { counterId, number: specific });
      if (r.ok) setSpecific('');
      return r;
    });
  };

  const submitWalkIn = (e: FormEvent) => {
    e.preventDefault();
    const serviceId = walkIn.serviceId || (view?.counter.serviceIds[0] ?? '');
    void run(async () => {
      const r = await api.call('queue.issue', {
        serviceId,
        ...(walkIn.priority ? { priority: walkIn.priority } : {}),
      });
      if (!r.ok) return { ok: false, error: r.error };
      const [min, max] = r.data.estimatedWaitMinutes;
      return {
        ok: true,
        message: t('queue.issued', { number: r.data.number, ahead: r.data.ahead, min, max }),
      };
    });
  };

  const togglePause = (e: FormEvent) => {
    e.preventDefault();
    if (!view) return;
    void run(() =>
      view.counter.status === 'paused'
        ? api.call('queue.counterResume', { counterId })
        : api.call('queue.counterPause', {
            counterId,
            reason: pauseReason.trim() || t('queue.pauseReasonDefault'),
          }),
    );
  };

  const reprint = (ticket: OfficerTicket) =>
    void run(async () => {
      const r = await api.call('queue.reprint', { id: ticket.id });
      if (!r.ok) return { ok: false, error: r.error };
      return { ok: true, message: t('queue.reprinted', { number: ticket.number }) };
    });

  const callBack = (ticket: OfficerTicket) =>
    void run(() => api.call('queue.callNumber', { counterId, number: ticket.number }));
  const sideLists: SideListSpec[] = view
    ? [
        {
          title: 'queue.parked',
          tickets: view.parked,
          action: 'queue.action.callBack',
          onAction: callBack,
          disabled: !!current,
        },
        {
          title: 'queue.noShows',
          tickets: view.noShows,
          action: 'queue.action.reactivate',
          onAction: (tk) => act(tk, 'reactivate'),
        },
        {
          testId: 'print-failed',
          title: 'queue.printFailed',
          tickets: view.printFailed,
          printStatus: true,
          action: 'queue.action.reprint',
          onAction: reprint,
        },
      ]
    : [];

  /** The services, as both the transfer and the walk-in forms offer them. */
  const serviceOptions = services.map((s) => (
    <option key={s.id} value={s.id}>
      {s.prefix} — {s.name}
    </option>
  ));

  const picker = (
    <label className="q-counter-pick">
      {t('queue.chooseCounter')}
      <select
        value={counterId}
        onChange={(e) => chooseCounter(e.target.value)}
        data-testid="counter-select"
      >
        <option value="">—</option>
        {counters.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );

  if (!counterId || !counter) {
    return (
      <section className="card" aria-labelledby="q-pick-title">
        <h2 id="q-pick-title">{t('queue.chooseCounter')}</h2>
        <p className="hint">{t('queue.chooseCounterHint')}</p>
        {picker}
      </section>
    );
  }

  const stats = view?.stats;
  const minutes = (n: number | null | undefined) =>
    n === null || n === undefined
      ? t('queue.none')
      : t('queue.minutes', { n: n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB') });

  return (
    <div className="q-grid">
      <section className="card q-main" aria-labelledby="q-current-title">
        <div className="q-head">
          <h2 id="q-current-title">
            {t('queue.counterTitle', { number: counter.number })}
            {counter.priority && <span className="badge">{t('queue.priorityCounter')}</span>}
          </h2>
          {picker}
        </div>
        {view?.counter.status === 'paused' && (
          <p className="alert alert-warn" role="status" data-testid="counter-paused">
            {t('queue.paused', { reason: view.counter.pauseReason ?? '' })}
          </p>
        )}
        <div className="q-current" aria-live="polite">
          <div className="q-current-label">{t('queue.current')}</div>
          <div className="q-current-number" data-testid="current-number">
            {current ? current.number : t('queue.noCurrent')}
          </div>
          {current && (
            <div className="q-current-meta">
              {serviceName(current.serviceId)} · {t(`queue.status.${current.status}` as MessageKey)}{' '}
              · {t('queue.calledTimes', { n: current.callCount })}
              {current.priority && <span className="badge">{t('queue.priorityBadge')}</span>}
              <PrintBadge ticket={current} />
              {current.transferNote && (
                <div className="q-line-note">
                  {t('queue.transferNote', { note: current.transferNote })}
                </div>
              )}
            </div>
          )}
        </div>
        <div className="q-actions">
          <button
            type="button"
            className="btn btn-primary btn-big"
            onClick={() => void callNext()}
            disabled={!!current}
            data-testid="call-next"
          >
            {t('queue.action.callNext')} <kbd>F1</kbd>
          </button>
          {ACTION_BUTTONS.map(({ action, label, key }) => (
            <button
              key={action}
              type="button"
              className="btn btn-ghost"
              onClick={() => act(current, action)}
              disabled={!can(action)}
            >
              {t(label)}
              {key && (
                <>
                  {' '}
                  <kbd>{key}</kbd>
                </>
              )}
            </button>
          ))}
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => setTransferOpen((o) => !o)}
            disabled={!can('transfer')}
            aria-expanded={transferOpen}
          >
            {t('queue.action.transfer')}
          </button>
        </div>
        <p className="hint">{t('queue.shortcuts')}</p>
        {transferOpen && current && (
          <form
            className="form-row q-transfer"
            onSubmit={submitTransfer}
            aria-label={t('queue.transferTitle', { number: current.number })}
          >
            <label>
              {t('queue.transferService')}
              <select
                value={transfer.toServiceId}
                onChange={(e) => setTransfer({ ...transfer, toServiceId: e.target.value })}
              >
                <option value="">{t('queue.transferKeep')}</option>
                {serviceOptions}
              </select>
            </label>
            <label>
              {t('queue.transferCounter')}
              <select
                value={transfer.counterId}
                onChange={(e) => setTransfer({ ...transfer, counterId: e.target.value })}
              >
                <option value="">{t('queue.transferAny')}</option>
                {counters
                  .filter((c) => c.id !== counterId)
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
              </select>
            </label>
            <label>
              {t('queue.transferNoteLabel')}
              <input
                value={transfer.note}
                maxLength={300}
                onChange={(e) => setTransfer({ ...transfer, note: e.target.value })}
              />
            </label>
            <button type="submit" className="btn btn-primary">
              {t('queue.transferSubmit')}
            </button>
          </form>
        )}
        <FormOutcome error={error ?? viewQuery.error} notice={notice} />
        <div className="q-tools">
          <form className="form-row" onSubmit={submitSpecific}>
            <label>
              {t('queue.callSpecificLabel')}
              <input
                value={specific}
                onChange={(e) => setSpecific(e.target.value)}
                maxLength={6}
                size={8}
                required
              />
            </label>
            <button type="submit" className="btn btn-ghost" disabled={!!current}>
              {t('queue.action.callSpecific')}
            </button>
          </form>
          <form className="form-row" onSubmit={togglePause}>
            {view?.counter.status !== 'paused' && (
              <label>
                {t('queue.pauseReason')}
                <input
                  value={pauseReason}
                  placeholder={t('queue.pauseReasonDefault')}
                  maxLength={200}
                  onChange={(e) => setPauseReason(e.target.value)}
                />
              </label>
            )}
            <button type="submit" className="btn btn-ghost">
              {view?.counter.status === 'paused'
                ? t('queue.action.resume')
                : t('queue.action.pause')}
            </button>
          </form>
          <form className="form-row" onSubmit={submitWalkIn} aria-label={t('queue.walkIn')}>
            <label>
              {t('queue.walkInService')}
              <select
                value={walkIn.serviceId || (view?.counter.serviceIds[0] ?? '')}
                onChange={(e) => setWalkIn({ ...walkIn, serviceId: e.target.value })}
              >
                {serviceOptions}
              </select>
            </label>
            <label>
              {t('queue.walkInPriority')}
              <select
                value={walkIn.priority}
                onChange={(e) =>
                  setWalkIn({
                    ...walkIn,
                    priority: priorities.find((p) => p.code === e.target.value)?.code ?? '',
                  })
                }
              >
                <option value="">{t('queue.walkInRegular')}</option>
                {priorities.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.label}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="btn btn-ghost">
              {t('queue.action.issue')}
            </button>
          </form>
        </div>
      </section>

      <section className="card q-side" aria-labelledby="q-waiting-title">
        <h2 id="q-waiting-title">{t('queue.waitingList')}</h2>
        {view?.waiting.map((w) => (
          <div key={w.serviceId} className="q-service">
            <h3>
              {serviceName(w.serviceId) || '—'}{' '}
              <span className="q-count">
                {t('queue.waitingCount', { count: w.tickets.length })}
              </span>
            </h3>
            {w.tickets.length === 0 ? (
              <p className="hint">{t('queue.nobodyWaiting')}</p>
            ) : (
              <ol className="q-list" data-testid={`waiting-${w.serviceId}`}>
                {w.tickets.slice(0, 12).map((tk) => (
                  <TicketLine key={tk.id} ticket={tk} />
                ))}
              </ol>
            )}
          </div>
        ))}
        {sideLists.map((list) => (
          <SideList key={list.title} list={list} serviceName={serviceName} />
        ))}
      </section>

      <section className="card q-stats" aria-labelledby="q-stats-title">
        <h2 id="q-stats-title">{t('queue.stats')}</h2>
        {stats && (
          <dl className="facts" data-testid="counter-stats">
            <dt>{t('queue.stats.served')}</dt>
            <dd>{stats.served}</dd>
            <dt>{t('queue.stats.called')}</dt>
            <dd>{stats.called}</dd>
            <dt>{t('queue.stats.noShow')}</dt>
            <dd>{stats.noShow}</dd>
            <dt>{t('queue.stats.transferred')}</dt>
            <dd>{stats.transferred}</dd>
            <dt>{t('queue.stats.avgWait')}</dt>
            <dd>{minutes(stats.avgWaitMinutes)}</dd>
            <dt>{t('queue.stats.avgService')}</dt>
            <dd>{minutes(stats.avgServiceMinutes)}</dd>
            <dt>{t('queue.stats.overTarget')}</dt>
            <dd>
              {stats.overTargetPercent === null
                ? t('queue.none')
                : t('queue.percent', { n: stats.overTargetPercent })}
            </dd>
          </dl>
        )}
      </section>
    </div>
  );
}
