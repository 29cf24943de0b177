import { useState } from 'react';
import type { OutputOf } from '../../../shared/contract';
import { formatVnDate, formatVnDateTime } from '../../../shared/time/vnTime';
import type { MessageKey } from '../../../shared/i18n';
import { formatMoney } from '../../../shared/money';
import { formMeta, formSetFor } from '../../../shared/forms/formSets';
import { useApp } from '../../app-context';
import { DataTable, type Column } from '../../components/DataTable';
import { QrImage } from '../../kiosk/QrImage';
import { openForm } from './ReceptionTab';
import { FilesPanel } from '../capture/FilesPanel';

export type Dossier = OutputOf<'dossiers.get'>;
type Action = Dossier['allowedActions'][number];
export interface Note {
  kind: 'ok' | 'error';
  text: string;
}

/** One dossier: facts, the event trail (Mẫu 05), the actions the rules allow now, forms. */
export function DossierDetail({
  dossier,
  onChange,
}: {
  dossier: Dossier;
  /** `note`: what the action produced (e.g. the return slip's print result). */
  onChange(d: Dossier, note?: Note): void;
}) {
  const { t, api } = useApp();
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [unit, setUnit] = useState('');
  const [newDueDate, setNewDueDate] = useState('');
  const [collectedBy, setCollectedBy] = useState(dossier.applicant.fullName);
  const [secondCollector, setSecondCollector] = useState('');
  const [idChecked, setIdChecked] = useState(true);
  // The fee due (catalogue amount at reception): recorded with its method on return.
  const [feePaid, setFeePaid] = useState(String(dossier.fee?.amountVnd ?? 0));
  const [payMethod, setPayMethod] = useState<'cash' | 'transfer'>('cash');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  // Refusing or stopping ends the dossier: the officer confirms once more (docs/desk.md).
  const [confirming, setConfirming] = useState(false);

  async function submit() {
    if (!action) return;
    if ((action === 'refuse' || action === 'stop') && !confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    const r = await api.call('dossiers.action', {
      code: dossier.code,
      action,
      ...(reason ? { reason } : {}),
      ...(action === 'transfer' ? { unit } : {}),
      ...(action === 'extend' || action === 'apologise' ? { newDueDate } : {}),
      ...(action === 'return' ? returnFields() : {}),
    });
    if (!r.ok) {
      setMessage({ kind: 'error', text: r.error.message });
      return;
    }
    setAction(null);
    setReason('');
    if (action === 'return') {
      // Every return path prints the return slip (Hồ sơ tab and Trả kết quả tab alike).
      const job = await api.call('dossiers.print', {
        code: dossier.code,
        form: 'return',
      });
      const done = t('dossier.return.done', { code: dossier.code });
      const failed = !job.ok || job.data.status === 'failed';
      const why = job.ok ? (job.data.error ?? '') : job.error.message;
      const note: Note = {
        kind: failed ? 'error' : 'ok',
        text: failed
          ? `${done} ${t('desk.return.printFailed', { error: why })}`
          : `${done} ${t('desk.return.printed')}`,
      };
      setMessage(note);
      onChange(r.data, note);
      return;
    }
    setMessage({ kind: 'ok', text: t('dossier.detail.done') });
    onChange(r.data);
  }

  /** Collectors (two when the procedure needs both, e.g. spouses) and the fee collected. */
  function returnFields() {
    const amount = Number(feePaid.replace(/\D/g, '') || '0');
    return {
      collectedBy,
      idChecked,
      ...(dossier.collectorsRequired > 1 ? { secondCollectedBy: secondCollector } : {}),
      ...(amount > 0 ? { feePaidVnd: amount, paymentMethod: payMethod } : {}),
    };
  }

  /** The trail names a transfer's receiving unit and shows an extension as an extension. */
  const eventLabel = (e: Dossier['events'][number]): string => {
    const unit = typeof e.details['unit'] === 'string' ? e.details['unit'] : '';
    if (e.type === 'transferred' && unit) return t('desk.trail.transferred', { unit });
    if (e.type === 'extended' && e.dueAfter)
      return t('desk.trail.extended', { date: formatVnDate(e.dueAfter) });
    return t(`dossier.status.${e.toStatus}` as MessageKey);
  };
  /** The trail: when, what, who, and why (with the new due date of an extension). */
  const trailColumns: Column<Dossier['events'][number]>[] = [
    { id: 'at', header: null, cell: (e) => formatVnDateTime(new Date(e.at)) },
    { id: 'what', header: null, cell: eventLabel },
    { id: 'who', header: null, cell: (e) => e.officerName },
    {
      id: 'why',
      header: null,
      cell: (e) => (
        <>
          {e.reason}
          {e.dueAfter && e.dueAfter !== e.dueBefore ? ` → ${formatVnDate(e.dueAfter)}` : ''}
        </>
      ),
    },
  ];

  async function form(kind: Dossier['allowedForms'][number]) {
    const r = await api.call('dossiers.formLink', {
      code: dossier.code,
      form: kind,
    });
    if (r.ok) openForm(r.data.url);
    else setMessage({ kind: 'error', text: r.error.message });
  }

  return (
    <section className="card" aria-labelledby="dossier-title" data-testid="dossier-detail">
      <h2 id="dossier-title">{t('dossier.detail.title', { code: dossier.code })}</h2>
      <dl className="facts">
        <dt>{t('dossier.list.status')}</dt>
        <dd data-testid="dossier-status">{t(`dossier.status.${dossier.status}` as MessageKey)}</dd>
        <dt>{t('dossier.list.applicant')}</dt>
        <dd>
          {dossier.applicant.fullName}
          {dossier.applicant.idNumber ? ` — ${dossier.applicant.idNumber}` : ''}
          {dossier.applicant.phone ? ` — ${dossier.applicant.phone}` : ''}
        </dd>
        <dt>{t('dossier.list.procedure')}</dt>
        <dd>
          {dossier.procedure.code} — {dossier.procedure.name}
        </dd>
        <dt>{t('dossier.list.received')}</dt>
        <dd>{formatVnDateTime(new Date(dossier.receivedAt))}</dd>
        <dt>{t('dossier.list.due')}</dt>
        <dd data-testid="dossier-due">{dossier.dueDate ? formatVnDate(dossier.dueDate) : '—'}</dd>
      </dl>
      {dossier.warnings.map((w) => (
        <p key={w.kind} className="alert alert-error">
          {w.message}
        </p>
      ))}
      <h3>{t('dossier.detail.trail')}</h3>
      <DataTable
        header={false}
        columns={trailColumns}
        rows={dossier.events}
        rowKey="seq"
        testId="dossier-trail"
        density="normal"
      />
      {dossier.allowedActions.length > 0 && (
        <>
          <h3>{t('dossier.detail.actions')}</h3>
          <div className="actions">
            {dossier.allowedActions.map((a) => (
              <button
                key={a}
                type="button"
                className={a === action ? 'btn btn-primary btn-small' : 'btn btn-small'}
                onClick={() => {
                  setAction(a);
                  setConfirming(false);
                }}
                data-testid={`action-${a}`}
              >
                {t(`dossier.action.${a}` as MessageKey)}
              </button>
            ))}
          </div>
        </>
      )}
      {action && (
        <form
          className="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {action === 'transfer' && (
            <label className="form-row">
              <span>{t('dossier.detail.unit')}</span>
              <input value={unit} onChange={(e) => setUnit(e.target.value)} autoFocus />
            </label>
          )}
          {(action === 'extend' || action === 'apologise') && (
            <label className="form-row">
              <span>{t('dossier.detail.newDueDate')}</span>
              <input
                type="date"
                value={newDueDate}
                onChange={(e) => setNewDueDate(e.target.value)}
              />
            </label>
          )}
          {action === 'return' && (
            <>
              <label className="form-row">
                <span>{t('dossier.detail.collectedBy')}</span>
                <input
                  value={collectedBy}
                  onChange={(e) => setCollectedBy(e.target.value)}
                  data-testid="collected-by"
                />
              </label>
              {dossier.collectorsRequired > 1 && (
                <label className="form-row">
                  <span>
                    {t('desk.return.secondCollector', { required: dossier.collectorsRequired })}
                  </span>
                  <input
                    value={secondCollector}
                    onChange={(e) => setSecondCollector(e.target.value)}
                    required
                    autoFocus
                    data-testid="second-collector"
                  />
                </label>
              )}
              {dossier.fee && (dossier.fee.amountVnd ?? 0) > 0 && (
                <p className="span-2" data-testid="fee-due">
                  {t('desk.fee.due', {
                    amount: formatMoney(dossier.fee.amountVnd ?? 0),
                    words: dossier.fee.words ?? '',
                  })}
                </p>
              )}
              {dossier.fee?.text && (
                <p className="hint span-2">{t('desk.fee.published', { text: dossier.fee.text })}</p>
              )}
              {dossier.fee && (
                <>
                  <label className="form-row">
                    <span>{t('desk.fee.amount')}</span>
                    <input
                      inputMode="numeric"
                      value={feePaid}
                      onChange={(e) => setFeePaid(e.target.value)}
                      data-testid="fee-paid"
                    />
                  </label>
                  <label className="form-row">
                    <span>{t('desk.fee.method')}</span>
                    <select
                      value={payMethod}
                      onChange={(e) =>
                        setPayMethod(e.target.value === 'transfer' ? 'transfer' : 'cash')
                      }
                      data-testid="fee-method"
                    >
                      <option value="cash">{t('desk.fee.cash')}</option>
                      <option value="transfer">{t('desk.fee.transfer')}</option>
                    </select>
                  </label>
                  {payMethod === 'transfer' && dossier.fee.vietQr && (
                    <div className="span-2" data-testid="fee-vietqr">
                      <QrImage data={dossier.fee.vietQr} label={t('desk.fee.scan')} size="9rem" />
                      <p className="hint">{t('desk.fee.scan')}</p>
                    </div>
                  )}
                </>
              )}
              <label className="check">
                <input
                  type="checkbox"
                  checked={idChecked}
                  onChange={(e) => setIdChecked(e.target.checked)}
                />
                <span>{t('dossier.detail.idChecked')}</span>
              </label>
            </>
          )}
          {action !== 'return' && (
            <label className="form-row">
              <span>{t('dossier.reception.reason')}</span>
              <input
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                autoFocus={action !== 'transfer' && action !== 'extend' && action !== 'apologise'}
              />
            </label>
          )}
          {confirming && (
            <p className="alert alert-warn span-2" role="alert" data-testid="confirm-question">
              {t('desk.detail.confirm', {
                action: t(`dossier.action.${action}` as MessageKey),
                code: dossier.code,
              })}
            </p>
          )}
          <button type="submit" className="btn btn-primary" data-testid="confirm-action">
            {confirming
              ? t('desk.detail.confirmButton', {
                  action: t(`dossier.action.${action}` as MessageKey),
                })
              : t(`dossier.action.${action}` as MessageKey)}
          </button>
        </form>
      )}
      <FilesPanel dossier={dossier} />
      <h3>{t('dossier.detail.forms')}</h3>
      <div className="actions" style={{ flexWrap: 'wrap' }}>
        {/* Only the forms this state has (the hub's rule: src/core/dossiers/formRules.ts). */}
        {dossier.allowedForms.map((f) => (
          <button
            key={f}
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => void form(f)}
            data-testid={`form-${f}`}
          >
            {f === 'return'
              ? t('dossier.form.return')
              : t(`dossier.form.${f}` as MessageKey, {
                  // The number in the dossier's set (TT 01/2018 or TT 03/2025, by reception date).
                  n: formMeta(formSetFor(new Date(dossier.receivedAt)), f).n,
                })}
          </button>
        ))}
      </div>
      {message && (
        <p
          role={message.kind === 'error' ? 'alert' : 'status'}
          className={`alert alert-${message.kind}`}
          data-testid="detail-message"
        >
          {message.text}
        </p>
      )}
    </section>
  );
}
