import { useCallback, useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import { APP_EVENTS, type ApiError, type OutputOf } from '../../../shared/contract';
import type { AdminCounter, AdminService } from '../../../shared/contract/queue';
import { useApp } from '../../app-context';
import { ErrorMessage } from '../../components/ErrorMessage';

type Config = OutputOf<'queue.adminConfig'>;

/** What a row's save reports back to the tab: a notice on success, the error otherwise. */
type Outcome = { ok: true; notice: string } | { ok: false; error: ApiError };

interface ServiceDraft {
  code: string;
  name: string;
  prefix: string;
  targetMinutes: string;
  typicalMinutes: string;
  sortOrder: string;
  active: boolean;
  counterIds: string[];
}

interface CounterDraft {
  number: string;
  name: string;
  priority: boolean;
  active: boolean;
  serviceIds: string[];
}

const serviceDraft = (s: AdminService | null, sortOrder: number): ServiceDraft => ({
  code: s?.code ?? '',
  name: s?.name ?? '',
  prefix: s?.prefix ?? '',
  targetMinutes: String(s?.targetMinutes ?? 15),
  typicalMinutes: String(s?.typicalMinutes ?? 8),
  sortOrder: String(s?.sortOrder ?? sortOrder),
  active: s?.active ?? true,
  counterIds: s?.counterIds ?? [],
});

const counterDraft = (c: AdminCounter | null, number: number): CounterDraft => ({
  number: String(c?.number ?? number),
  name: c?.name ?? '',
  priority: c?.priority ?? false,
  active: c?.active ?? true,
  serviceIds: c?.serviceIds ?? [],
});

const toggle = (list: string[], id: string, on: boolean) =>
  on ? [...list.filter((x) => x !== id), id] : list.filter((x) => x !== id);

/** Enter anywhere in a row saves that row (keyboard-only editing). */
function onEnter(save: () => void) {
  return (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (e.key !== 'Enter' || !(e.target instanceof HTMLInputElement)) return;
    e.preventDefault();
    save();
  };
}

function ServiceRow({
  service,
  counters,
  nextSortOrder,
  onDone,
}: {
  service: AdminService | null;
  counters: AdminCounter[];
  nextSortOrder: number;
  onDone(outcome: Outcome): void;
}) {
  const { t, api } = useApp();
  const [d, setD] = useState(() => serviceDraft(service, nextSortOrder));
  const isNew = service === null;
  const prefixLocked = !isNew && service.issuedToday > 0;
  const label = isNew
    ? t('queue.admin.newRow')
    : t('queue.admin.serviceRow', { prefix: service.prefix, name: service.name });

  const save = async () => {
    const fields = {
      name: d.name,
      prefix: d.prefix,
      targetMinutes: Number(d.targetMinutes),
      typicalMinutes: Number(d.typicalMinutes),
      sortOrder: Number(d.sortOrder),
      active: d.active,
      counterIds: d.counterIds,
    };
    const r = isNew
      ? await api.call('queue.serviceCreate', { code: d.code, ...fields })
      : await api.call('queue.serviceUpdate', { id: service.id, ...fields });
    if (!r.ok) return onDone({ ok: false, error: r.error });
    if (isNew) setD(serviceDraft(null, nextSortOrder + 1));
    onDone({
      ok: true,
      notice: isNew
        ? t('queue.admin.serviceCreated', { name: r.data.name, prefix: r.data.prefix })
        : t('queue.admin.serviceSaved', { name: r.data.name }),
    });
  };

  const remove = async () => {
    if (isNew) return;
    const what = t('queue.admin.serviceWhat', { name: service.name });
    if (!window.confirm(t('queue.admin.confirmRemove', { what }))) return;
    const r = await api.call('queue.serviceRemove', { id: service.id });
    if (!r.ok) return onDone({ ok: false, error: r.error });
    onDone({
      ok: true,
      notice:
        r.data.outcome === 'deleted'
          ? t('queue.admin.deleted', { what })
          : t('queue.admin.deactivated', { what }),
    });
  };

  return (
    <tr
      aria-label={label}
      data-testid={isNew ? 'service-row-new' : `service-row-${service.prefix}`}
      className={!isNew && !service.active ? 'qa-inactive' : undefined}
      onKeyDown={onEnter(() => void save())}
    >
      <td>
        <input
          className="qa-num"
          type="number"
          min={0}
          max={9999}
          aria-label={t('queue.admin.col.order')}
          value={d.sortOrder}
          onChange={(e) => setD({ ...d, sortOrder: e.target.value })}
        />
      </td>
      <td>
        {isNew ? (
          <input
            className="qa-code"
            aria-label={t('queue.admin.col.code')}
            value={d.code}
            maxLength={32}
            placeholder="TU_PHAP"
            onChange={(e) => setD({ ...d, code: e.target.value.toUpperCase() })}
          />
        ) : (
          <code>{service.code}</code>
        )}
      </td>
      <td>
        <input
          aria-label={t('queue.admin.col.name')}
          value={d.name}
          maxLength={120}
          onChange={(e) => setD({ ...d, name: e.target.value })}
        />
      </td>
      <td>
        <input
          className="qa-prefix"
          aria-label={t('queue.admin.col.prefix')}
          value={d.prefix}
          maxLength={2}
          disabled={prefixLocked}
          title={prefixLocked ? t('queue.admin.prefixLocked') : undefined}
          onChange={(e) => setD({ ...d, prefix: e.target.value.toUpperCase() })}
        />
      </td>
      <td>
        <input
          className="qa-num"
          type="number"
          min={1}
          max={480}
          aria-label={t('queue.admin.col.target')}
          value={d.targetMinutes}
          onChange={(e) => setD({ ...d, targetMinutes: e.target.value })}
        />
      </td>
      <td>
        <input
          className="qa-num"
          type="number"
          min={1}
          max={240}
          aria-label={t('queue.admin.col.typical')}
          value={d.typicalMinutes}
          onChange={(e) => setD({ ...d, typicalMinutes: e.target.value })}
        />
      </td>
      <td>
        <span className="qa-ticks">
          {counters.map((c) => (
            <label key={c.id} className="qa-tick" title={c.name}>
              <input
                type="checkbox"
                checked={d.counterIds.includes(c.id)}
                onChange={(e) =>
                  setD({ ...d, counterIds: toggle(d.counterIds, c.id, e.target.checked) })
                }
              />
              {t('queue.admin.counterShort', { number: c.number })}
            </label>
          ))}
        </span>
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={t('queue.admin.col.active')}
          checked={d.active}
          onChange={(e) => setD({ ...d, active: e.target.checked })}
        />
      </td>
      <td className="qa-count">{isNew ? '' : service.issuedToday}</td>
      <td className="qa-actions">
        <button type="button" className="btn btn-primary btn-small" onClick={() => void save()}>
          {isNew ? t('queue.admin.addService') : t('queue.admin.save')}
        </button>
        {!isNew && (
          <button
            type="button"
            className="btn btn-ghost btn-small"
            title={t('queue.admin.removeHint')}
            onClick={() => void remove()}
          >
            {t('queue.admin.remove')}
          </button>
        )}
      </td>
    </tr>
  );
}

function CounterRow({
  counter,
  services,
  nextNumber,
  onDone,
}: {
  counter: AdminCounter | null;
  services: AdminService[];
  nextNumber: number;
  onDone(outcome: Outcome): void;
}) {
  const { t, api } = useApp();
  const [d, setD] = useState(() => counterDraft(counter, nextNumber));
  const isNew = counter === null;
  const label = isNew
    ? t('queue.admin.newRow')
    : t('queue.admin.counterRow', { number: counter.number });

  const save = async () => {
    const fields = {
      number: Number(d.number),
      name: d.name,
      priority: d.priority,
      active: d.active,
      serviceIds: d.serviceIds,
    };
    const r = isNew
      ? await api.call('queue.counterCreate', fields)
      : await api.call('queue.counterUpdate', { counterId: counter.id, ...fields });
    if (!r.ok) return onDone({ ok: false, error: r.error });
    if (isNew) setD(counterDraft(null, r.data.number + 1));
    onDone({
      ok: true,
      notice: t(isNew ? 'queue.admin.counterCreated' : 'queue.admin.counterSaved', {
        number: r.data.number,
      }),
    });
  };

  const remove = async () => {
    if (isNew) return;
    const what = t('queue.admin.counterWhat', { number: counter.number });
    if (!window.confirm(t('queue.admin.confirmRemove', { what }))) return;
    const r = await api.call('queue.counterRemove', { counterId: counter.id });
    if (!r.ok) return onDone({ ok: false, error: r.error });
    onDone({
      ok: true,
      notice:
        r.data.outcome === 'deleted'
          ? t('queue.admin.deleted', { what })
          : t('queue.admin.deactivated', { what }),
    });
  };

  return (
    <tr
      aria-label={label}
      data-testid={isNew ? 'counter-row-new' : `counter-row-${counter.number}`}
      className={!isNew && !counter.active ? 'qa-inactive' : undefined}
      onKeyDown={onEnter(() => void save())}
    >
      <td>
        <input
          className="qa-num"
          type="number"
          min={1}
          max={999}
          aria-label={t('queue.admin.col.number')}
          value={d.number}
          onChange={(e) => setD({ ...d, number: e.target.value })}
        />
      </td>
      <td>
        <input
          className="qa-name"
          aria-label={t('queue.admin.col.counterName')}
          value={d.name}
          maxLength={80}
          onChange={(e) => setD({ ...d, name: e.target.value })}
        />
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={t('queue.admin.col.priority')}
          checked={d.priority}
          onChange={(e) => setD({ ...d, priority: e.target.checked })}
        />
      </td>
      <td>
        <span className="qa-ticks">
          {services.map((s) => (
            <label key={s.id} className="qa-tick" title={s.name}>
              <input
                type="checkbox"
                checked={d.serviceIds.includes(s.id)}
                onChange={(e) =>
                  setD({ ...d, serviceIds: toggle(d.serviceIds, s.id, e.target.checked) })
                }
              />
              {`${s.prefix} — ${s.name}`}
            </label>
          ))}
        </span>
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={t('queue.admin.col.active')}
          checked={d.active}
          onChange={(e) => setD({ ...d, active: e.target.checked })}
        />
      </td>
      <td className="qa-actions">
        <button type="button" className="btn btn-primary btn-small" onClick={() => void save()}>
          {isNew ? t('queue.admin.addCounter') : t('queue.admin.save')}
        </button>
        {!isNew && (
          <button
            type="button"
            className="btn btn-ghost btn-small"
            title={t('queue.admin.removeHint')}
            onClick={() => void remove()}
          >
            {t('queue.admin.remove')}
          </button>
        )}
      </td>
    </tr>
  );
}

function Head({ children }: { children: ReactNode }) {
  return (
    <thead>
      <tr>{children}</tr>
    </thead>
  );
}

/**
 * Admin tab "Quầy và dịch vụ": dense tables to add and edit counters and queue services and
 * tick which counter serves which service (docs/queue.md, "Administration"). Each row saves
 * on its button or on Enter; the hub enforces the rules and explains a refusal.
 */
export function QueueAdminTab() {
  const { t, api, onEvent } = useApp();
  const [config, setConfig] = useState<Config | null>(null);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  /** `resetRows`: rows start again from the saved values (after my own change). */
  const load = useCallback(
    async (resetRows: boolean) => {
      const r = await api.call('queue.adminConfig', {});
      if (r.ok) {
        setConfig(r.data);
        if (resetRows) setVersion((v) => v + 1);
      } else setError(r.error);
    },
    [api],
  );

  useEffect(() => {
    void load(true);
  }, [load]);

  // Tickets issued elsewhere update "issued today" (and the prefix lock) without touching
  // what is being typed in the rows.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = onEvent((e) => {
      if (e.type !== APP_EVENTS.queueChanged) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void load(false), 300);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [onEvent, load]);

  const done = (outcome: Outcome) => {
    if (outcome.ok) {
      setError(null);
      setNotice(outcome.notice);
      void load(true);
    } else {
      setNotice(null);
      setError(outcome.error);
    }
  };

  if (!config) return <ErrorMessage error={error} />;
  const activeServices = config.services.filter((s) => s.active);
  const nextNumber = Math.max(0, ...config.counters.map((c) => c.number)) + 1;
  const nextSort = Math.max(0, ...config.services.map((s) => s.sortOrder)) + 1;

  return (
    <section aria-labelledby="qa-title" className="stack">
      <h2 id="qa-title" className="section-title">
        {t('queue.admin.title')}
      </h2>
      <p className="hint">{t('queue.admin.hint')}</p>
      <div aria-live="polite">
        <ErrorMessage error={error} />
        {notice && (
          <p className="alert alert-ok" role="status">
            {notice}
          </p>
        )}
      </div>

      <section className="card" aria-labelledby="qa-counters">
        <h3 id="qa-counters">{t('queue.admin.counters')}</h3>
        <table className="table table-dense qa-table" aria-labelledby="qa-counters">
          <Head>
            <th>{t('queue.admin.col.number')}</th>
            <th>{t('queue.admin.col.counterName')}</th>
            <th>{t('queue.admin.col.priority')}</th>
            <th>{t('queue.admin.col.services')}</th>
            <th>{t('queue.admin.col.active')}</th>
            <th>{t('queue.admin.col.actions')}</th>
          </Head>
          <tbody>
            {config.counters.map((c) => (
              <CounterRow
                key={`${c.id}:${version}`}
                counter={c}
                services={activeServices}
                nextNumber={nextNumber}
                onDone={done}
              />
            ))}
            <CounterRow
              key={`new:${version}`}
              counter={null}
              services={activeServices}
              nextNumber={nextNumber}
              onDone={done}
            />
          </tbody>
        </table>
      </section>

      <section className="card" aria-labelledby="qa-services">
        <h3 id="qa-services">{t('queue.admin.services')}</h3>
        {config.counters.length === 0 && <p className="hint">{t('queue.admin.noCounters')}</p>}
        <table className="table table-dense qa-table" aria-labelledby="qa-services">
          <Head>
            <th>{t('queue.admin.col.order')}</th>
            <th>{t('queue.admin.col.code')}</th>
            <th>{t('queue.admin.col.name')}</th>
            <th>{t('queue.admin.col.prefix')}</th>
            <th>{t('queue.admin.col.target')}</th>
            <th>{t('queue.admin.col.typical')}</th>
            <th>{t('queue.admin.col.counters')}</th>
            <th>{t('queue.admin.col.active')}</th>
            <th>{t('queue.admin.col.issuedToday')}</th>
            <th>{t('queue.admin.col.actions')}</th>
          </Head>
          <tbody>
            {config.services.map((s) => (
              <ServiceRow
                key={`${s.id}:${version}`}
                service={s}
                counters={config.counters.filter((c) => c.active || s.counterIds.includes(c.id))}
                nextSortOrder={nextSort}
                onDone={done}
              />
            ))}
            <ServiceRow
              key={`new:${version}`}
              service={null}
              counters={config.counters.filter((c) => c.active)}
              nextSortOrder={nextSort}
              onDone={done}
            />
          </tbody>
        </table>
      </section>
    </section>
  );
}
