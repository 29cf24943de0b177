import { useRef, useState, type FormEvent } from 'react';
import type { ApiError, DeviceKind, OutputOf } from '../../shared/contract';
import { DEVICE_KINDS } from '../../shared/contract';
import { formatVnDateTime } from '../../shared/time/vnTime';
import { useApp } from '../app-context';
import { useOp } from '../api/query';
import { DataTable, type Column } from '../components/DataTable';
import { FormOutcome } from '../components/ErrorMessage';
import { copyText } from './sync/copyText';

type Devices = OutputOf<'devices.list'>;

/** The screen a device of this kind opens once with its token (`?device=` is then removed). */
export function pairingLink(origin: string, kind: DeviceKind, token: string, counter: number) {
  const path =
    kind === 'kiosk' ? '/kiosk?' : kind === 'rating' ? `/rate?counter=${counter}&` : '/display?';
  return `${origin}${path}device=${encodeURIComponent(token)}`;
}

/** Shown once, until the admin hides it or leaves the tab. */
function OneTime({ label, value, onHide }: { label: string; value: string; onHide(): void }) {
  const { t } = useApp();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  return (
    <div className="issued-key" data-testid="device-issued">
      <p className="alert alert-warn" role="alert">
        {label}
      </p>
      <span className="form-row">
        <input
          ref={field}
          readOnly
          value={value}
          className="mono grow"
          data-testid="device-issued-value"
          onFocus={(e) => e.target.select()}
        />
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void copyText(value, field.current).then(setCopied)}
        >
          {copied ? t('devices.copied') : t('devices.copy')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onHide}>
          {t('common.close')}
        </button>
      </span>
    </div>
  );
}

/**
 * Desk tab "Thiết bị" (admin): the paired kiosks, rating tablets and lobby boards; pair one
 * (its link with the token, shown once) or make a short pairing code the device types;
 * revoke (at once). docs/security.md, "Devices".
 */
export function DevicesTab() {
  const { t, api } = useApp();
  const list = useOp('devices.list', {});
  const devices: Devices = list.data ?? [];
  const [name, setName] = useState('');
  const [kind, setKind] = useState<DeviceKind>('kiosk');
  const [counter, setCounter] = useState(1);
  const [issued, setIssued] = useState<{ label: string; value: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const r = await api.call('devices.create', { name, kind });
    if (!r.ok) return setError(r.error);
    setError(null);
    setIssued({
      label: t('devices.tokenOnce', { name: r.data.name }),
      value: pairingLink(window.location.origin, r.data.kind, r.data.token, counter),
    });
    setName('');
    void list.refetch();
  };

  const makeCode = async () => {
    setNotice(null);
    const r = await api.call('devices.pairingCode', { name, kind });
    if (!r.ok) return setError(r.error);
    setError(null);
    setIssued({
      label: t('devices.codeShown', {
        name: r.data.name,
        time: formatVnDateTime(new Date(r.data.expiresAt)),
      }),
      value: `${r.data.code.slice(0, 4)}-${r.data.code.slice(4)}`,
    });
    setName('');
  };

  const revoke = async (d: Devices[number]) => {
    if (!window.confirm(t('devices.revokeConfirm', { name: d.name }))) return;
    const r = await api.call('devices.revoke', { id: d.id });
    if (!r.ok) return setError(r.error);
    setError(null);
    setNotice(t('devices.revoked', { name: d.name }));
    void list.refetch();
  };

  const columns: Column<Devices[number]>[] = [
    { id: 'name', header: t('devices.name'), cell: (d) => d.name },
    { id: 'kind', header: t('devices.kind'), cell: (d) => t(`devices.kind.${d.kind}`) },
    {
      id: 'createdAt',
      header: t('devices.createdAt'),
      cell: (d) => formatVnDateTime(new Date(d.createdAt)),
    },
    {
      id: 'lastSeen',
      header: t('devices.lastSeen'),
      cell: (d) => (d.lastSeenAt ? formatVnDateTime(new Date(d.lastSeenAt)) : t('devices.never')),
    },
    {
      id: 'status',
      header: t('devices.status'),
      cell: (d) =>
        d.revokedAt
          ? t('devices.revokedAt', { time: formatVnDateTime(new Date(d.revokedAt)) })
          : t('devices.active'),
    },
    {
      id: 'revoke',
      header: null,
      cell: (d) =>
        !d.revokedAt && (
          <button type="button" className="btn btn-ghost" onClick={() => void revoke(d)}>
            {t('devices.revoke')}
          </button>
        ),
    },
  ];

  return (
    <section className="card stack" aria-labelledby="devices-title" data-testid="devices-card">
      <h2 id="devices-title">{t('devices.title')}</h2>
      <p className="hint">{t('devices.intro')}</p>
      <form className="form-row" onSubmit={(e) => void create(e)} autoComplete="off">
        <input
          aria-label={t('devices.name')}
          placeholder={t('devices.name')}
          value={name}
          maxLength={80}
          onChange={(e) => setName(e.target.value)}
          required
        />
        <select
          aria-label={t('devices.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as DeviceKind)}
        >
          {DEVICE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`devices.kind.${k}`)}
            </option>
          ))}
        </select>
        {kind === 'rating' && (
          <input
            type="number"
            min={1}
            max={999}
            aria-label={t('devices.counter')}
            value={counter}
            onChange={(e) => setCounter(Math.max(1, Number(e.target.value) || 1))}
          />
        )}
        <button type="submit" className="btn btn-primary">
          {t('devices.create')}
        </button>
        <button
          type="button"
          className="btn"
          disabled={name.trim() === ''}
          onClick={() => void makeCode()}
        >
          {t('devices.createCode')}
        </button>
      </form>
      {issued && (
        <OneTime label={issued.label} value={issued.value} onHide={() => setIssued(null)} />
      )}
      <FormOutcome error={error ?? list.error} notice={notice} />
      {devices.length === 0 ? (
        <p className="hint">{t('devices.none')}</p>
      ) : (
        <DataTable
          columns={columns}
          rows={devices}
          rowKey="id"
          testId="devices-list"
          density="normal"
        />
      )}
    </section>
  );
}
