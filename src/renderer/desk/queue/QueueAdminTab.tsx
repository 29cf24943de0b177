import { useState, type InputHTMLAttributes, type KeyboardEvent, type ReactNode } from 'react';
import type { ApiError } from '../../../shared/contract';
import type { AdminCounter, AdminService } from '../../../shared/contract/queue';
import type { MessageKey } from '../../../shared/i18n';
import { useApp } from '../../app-context';
import { useOp } from '../../api/query';
import { ErrorMessage, FormOutcome } from '../../components/ErrorMessage';

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

type RemoveResult =
  { ok: true; data: { outcome: 'deleted' | 'deactivated' } } | { ok: false; error: ApiError };

/** An existing counter or service as its row shows it (absent on the "new" row). */
interface RowItem {
  /** The end of the row's test id (`service-row-A`, `counter-row-1`). */
  key: string | number;
  label: string;
  active: boolean;
  /** How the confirmation and the notice name it ("dịch vụ …", "quầy số …"). */
  what: string;
  remove(): Promise<RemoveResult>;
}

/**
 * The one editable row of the admin tables (counters and services): the row's label, test
 * id and inactive look, Enter to save, and the save / remove buttons; remove (existing items
 * only) asks for confirmation and reports whether the item was deleted or only deactivated.
 * The caller supplies the cells and the save.
 */
function EditableRow(props: {
  kind: 'service' | 'counter';
  item: RowItem | null;
  save(): Promise<Outcome>;
  onDone(outcome: Outcome): void;
  children: ReactNode;
}) {
  const { t } = useApp();
  const { kind, item, onDone } = props;
  const save = () => void props.save().then(onDone);
  const doRemove = async () => {
    if (!item) return;
    if (!window.confirm(t('queue.admin.confirmRemove', { what: item.what }))) return;
    const r = await item.remove();
    if (!r.ok) return onDone({ ok: false, error: r.error });
    const notice = r.data.outcome === 'deleted' ? 'queue.admin.deleted' : 'queue.admin.deactivated';
    onDone({ ok: true, notice: t(notice, { what: item.what }) });
  };
  const addLabel = kind === 'service' ? 'queue.admin.addService' : 'queue.admin.addCounter';
  return (
    <tr
      aria-label={item ? item.label : t('queue.admin.newRow')}
      data-testid={`${kind}-row-${item ? item.key : 'new'}`}
      className={item && !item.active ? 'qa-inactive' : undefined}
      onKeyDown={onEnter(save)}
    >
      {props.children}
      <td className="qa-actions">
        <button type="button" className="btn btn-primary btn-small" onClick={save}>
          {t(item ? 'queue.admin.save' : addLabel)}
        </button>
        {item && (
          <button
            type="button"
            className="btn btn-ghost btn-small"
            title={t('queue.admin.removeHint')}
            onClick={() => void doRemove()}
          >
            {t('queue.admin.remove')}
          </button>
        )}
      </td>
    </tr>
  );
}

/** The draft fields of a given value type (`KeysOf<ServiceDraft, string>`: the text fields). */
type KeysOf<D, V> = { [K in keyof D]: D[K] extends V ? K : never }[keyof D];

/**
 * The cells of a row bound to its draft: a number or text input, a checkbox, or the ticks of
 * the items it is linked to — each labelled by its column's header.
 */
function cellsOf<D extends object>(d: D, setD: (d: D) => void, t: ReturnType<typeof useApp>['t']) {
  const put = <K extends keyof D>(field: K, value: D[K]) => setD({ ...d, [field]: value });
  return {
    num: (field: KeysOf<D, string>, column: MessageKey, min: number, max: number) => (
      <td>
        <input
          className="qa-num"
          type="number"
          min={min}
          max={max}
          aria-label={t(column)}
          value={d[field] as string}
          onChange={(e) => put(field, e.target.value as D[typeof field])}
        />
      </td>
    ),
    text: (field: KeysOf<D, string>, input: InputHTMLAttributes<HTMLInputElement>) => (
      <input
        {...input}
        value={d[field] as string}
        onChange={(e) => put(field, e.target.value as D[typeof field])}
      />
    ),
    check: (field: KeysOf<D, boolean>, column: MessageKey) => (
      <td>
        <input
          type="checkbox"
          aria-label={t(column)}
          checked={d[field] as boolean}
          onChange={(e) => put(field, e.target.checked as D[typeof field])}
        />
      </td>
    ),
    ticks: (field: KeysOf<D, string[]>, items: { id: string; name: string; text: string }[]) => {
      const chosen = d[field] as string[];
      return (
        <td>
          <span className="qa-ticks">
            {items.map((x) => (
              <label key={x.id} className="qa-tick" title={x.name}>
                <input
                  type="checkbox"
                  checked={chosen.includes(x.id)}
                  onChange={(e) =>
                    put(field, toggle(chosen, x.id, e.target.checked) as D[typeof field])
                  }
                />
                {x.text}
              </label>
            ))}
          </span>
        </td>
      );
    },
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
  const cell = cellsOf(d, setD, t);
  const prefixLocked = service !== null && service.issuedToday > 0;

  const save = async (): Promise<Outcome> => {
    const { code, targetMinutes, typicalMinutes, sortOrder, ...rest } = d;
    const fields = {
      ...rest,
      targetMinutes: Number(targetMinutes),
      typicalMinutes: Number(typicalMinutes),
      sortOrder: Number(sortOrder),
    };
    const r = service
      ? await api.call('queue.serviceUpdate', { id: service.id, ...fields })
      : await api.call('queue.serviceCreate', { code, ...fields });
    if (!r.ok) return r;
    if (!service) setD(serviceDraft(null, nextSortOrder + 1));
    const { name, prefix } = r.data;
    return {
      ok: true,
      notice: service
        ? t('queue.admin.serviceSaved', { name })
        : t('queue.admin.serviceCreated', { name, prefix }),
    };
  };

  const item: RowItem | null = service && {
    key: service.prefix,
    label: t('queue.admin.serviceRow', { prefix: service.prefix, name: service.name }),
    active: service.active,
    what: t('queue.admin.serviceWhat', { name: service.name }),
    remove: () => api.call('queue.serviceRemove', { id: service.id }),
  };
  return (
    <EditableRow kind="service" item={item} save={save} onDone={onDone}>
      {cell.num('sortOrder', 'queue.admin.col.order', 0, 9999)}
      <td>
        {service ? (
          <code>{service.code}</code>
        ) : (
          <input
            className="qa-code"
            aria-label={t('queue.admin.col.code')}
            value={d.code}
            maxLength={32}
            placeholder="TU_PHAP"
            onChange={(e) => setD({ ...d, code: e.target.value.toUpperCase() })}
          />
        )}
      </td>
      <td>{cell.text('name', { 'aria-label': t('queue.admin.col.name'), maxLength: 120 })}</td>
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
      {cell.num('targetMinutes', 'queue.admin.col.target', 1, 480)}
      {cell.num('typicalMinutes', 'queue.admin.col.typical', 1, 240)}
      {cell.ticks(
        'counterIds',
        counters.map((c) => ({
          id: c.id,
          name: c.name,
          text: t('queue.admin.counterShort', { number: c.number }),
        })),
      )}
      {cell.check('active', 'queue.admin.col.active')}
      <td className="qa-count">{service ? service.issuedToday : ''}</td>
    </EditableRow>
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
  const cell = cellsOf(d, setD, t);

  const save = async (): Promise<Outcome> => {
    const fields = { ...d, number: Number(d.number) };
    const r = counter
      ? await api.call('queue.counterUpdate', { counterId: counter.id, ...fields })
      : await api.call('queue.counterCreate', fields);
    if (!r.ok) return r;
    if (!counter) setD(counterDraft(null, r.data.number + 1));
    const notice = counter ? 'queue.admin.counterSaved' : 'queue.admin.counterCreated';
    return { ok: true, notice: t(notice, { number: r.data.number }) };
  };

  const item: RowItem | null = counter && {
    key: counter.number,
    label: t('queue.admin.counterRow', { number: counter.number }),
    active: counter.active,
    what: t('queue.admin.counterWhat', { number: counter.number }),
    remove: () => api.call('queue.counterRemove', { counterId: counter.id }),
  };
  return (
    <EditableRow kind="counter" item={item} save={save} onDone={onDone}>
      {cell.num('number', 'queue.admin.col.number', 1, 999)}
      <td>
        {cell.text('name', {
          className: 'qa-name',
          'aria-label': t('queue.admin.col.counterName'),
          maxLength: 80,
        })}
      </td>
      {cell.check('priority', 'queue.admin.col.priority')}
      {cell.ticks(
        'serviceIds',
        services.map((s) => ({ id: s.id, name: s.name, text: `${s.prefix} — ${s.name}` })),
      )}
      {cell.check('active', 'queue.admin.col.active')}
    </EditableRow>
  );
}

/** The columns of the two tables (`queue.admin.col.*`), the row's buttons last. */
const COUNTER_COLUMNS = ['number', 'counterName', 'priority', 'services', 'active'] as const;
const SERVICE_COLUMNS = [
  'order',
  'code',
  'name',
  'prefix',
  'target',
  'typical',
  'counters',
  'active',
  'issuedToday',
] as const;

/** One of the two admin tables: its header from the column names, its rows. */
function AdminTable(props: {
  labelledBy: string;
  columns: readonly (typeof COUNTER_COLUMNS | typeof SERVICE_COLUMNS)[number][];
  children: ReactNode;
}) {
  const { t } = useApp();
  return (
    <table className="table table-dense qa-table" aria-labelledby={props.labelledBy}>
      <thead>
        <tr>
          {[...props.columns, 'actions' as const].map((c) => (
            <th key={c}>{t(`queue.admin.col.${c}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}

/**
 * Admin tab "Quầy và dịch vụ": dense tables to add and edit counters and queue services and
 * tick which counter serves which service (docs/queue.md, "Administration"). Each row saves
 * on its button or on Enter; the hub enforces the rules and explains a refusal.
 */
export function QueueAdminTab() {
  const { t } = useApp();
  // Live: tickets issued elsewhere ('queue.changed') refresh "issued today" and the prefix
  // lock without touching what is being typed in the rows (src/renderer/api/query.tsx).
  const admin = useOp('queue.adminConfig', {});
  const config = admin.data;
  /** Bumped after my own change: the rows start again from the saved values. */
  const [version, setVersion] = useState(0);
  const [rowError, setRowError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const error = rowError ?? admin.error;

  const done = (outcome: Outcome) => {
    if (outcome.ok) {
      setRowError(null);
      setNotice(outcome.notice);
      void admin.refetch().then(() => setVersion((v) => v + 1));
    } else {
      setNotice(null);
      setRowError(outcome.error);
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
        <FormOutcome error={error} notice={notice} />
      </div>

      <section className="card" aria-labelledby="qa-counters">
        <h3 id="qa-counters">{t('queue.admin.counters')}</h3>
        <AdminTable labelledBy="qa-counters" columns={COUNTER_COLUMNS}>
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
        </AdminTable>
      </section>

      <section className="card" aria-labelledby="qa-services">
        <h3 id="qa-services">{t('queue.admin.services')}</h3>
        {config.counters.length === 0 && <p className="hint">{t('queue.admin.noCounters')}</p>}
        <AdminTable labelledBy="qa-services" columns={SERVICE_COLUMNS}>
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
        </AdminTable>
      </section>
    </section>
  );
}
