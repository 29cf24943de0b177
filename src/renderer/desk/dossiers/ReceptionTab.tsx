import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { OutputOf } from '../../../shared/contract';
import { foldVietnamese } from '../../../shared/text/fold';
import { formatVnDate } from '../../../shared/time/vnTime';
import { useApp } from '../../app-context';

type Procedure = OutputOf<'procedures.list'>[number];
type Kind = 'original' | 'copy' | 'certified_copy';
interface DocRow {
  name: string;
  optional: boolean;
  checked: boolean;
  kind: Kind;
  count: number;
}
const EMPTY = { fullName: '', idNumber: '', phone: '', address: '', email: '' };

export function openForm(url: string): void {
  window.open(url, '_blank', 'noopener');
}

/**
 * Reception (keyboard-first): scan the CCCD QR into the first field (the scanner types and
 * presses Enter), pick the procedure by code or folded name, tick the documents, then
 * Ctrl+Enter receives (code + due date, receipt printed) — or a supplement / refusal slip.
 */
export function ReceptionTab() {
  const { t, api } = useApp();
  const scanRef = useRef<HTMLInputElement>(null);
  const procRef = useRef<HTMLInputElement>(null);
  const [scan, setScan] = useState('');
  const [query, setQuery] = useState('');
  const [procedures, setProcedures] = useState<Procedure[]>([]);
  const [procedure, setProcedure] = useState<Procedure | null>(null);
  const [docs, setDocs] = useState<DocRow[]>([]);
  const [applicant, setApplicant] = useState(EMPTY);
  const [resultMethod, setResultMethod] = useState<'desk' | 'post'>('desk');
  // "Cần xác minh": the procedure's longer limit (docs/catalog.md, verificationTime).
  const [needsVerification, setNeedsVerification] = useState(false);
  const [ticketId, setTicketId] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [formUrl, setFormUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.call('procedures.list', {}).then((r) => r.ok && setProcedures(r.data));
    scanRef.current?.focus();
  }, [api]);

  const folded = foldVietnamese(query);
  const matches = folded
    ? procedures.filter((p) => foldVietnamese(`${p.code} ${p.name} ${p.field}`).includes(folded))
    : procedures;

  function choose(p: Procedure) {
    setProcedure(p);
    setQuery(`${p.code} — ${p.name}`);
    setDocs(
      p.documents.map((d) => ({
        name: d.name,
        optional: d.optional,
        checked: !d.optional,
        kind: d.kind === 'copy' || d.kind === 'certified_copy' ? d.kind : 'original',
        count: d.count,
      })),
    );
  }

  const reset = useCallback(() => {
    setScan('');
    setQuery('');
    setProcedure(null);
    setDocs([]);
    setApplicant(EMPTY);
    setResultMethod('desk');
    setTicketId('');
    setReason('');
    setFormUrl(null);
    scanRef.current?.focus();
  }, []);

  async function onScan(e: FormEvent) {
    e.preventDefault();
    const r = await api.call('citizenId.parse', { qr: scan });
    setScan('');
    if (!r.ok) {
      setMessage({ kind: 'error', text: r.error.message });
      return;
    }
    setApplicant((a) => ({
      ...a,
      fullName: r.data.fullName,
      idNumber: r.data.idNumber,
      address: r.data.address,
    }));
    setMessage({ kind: 'ok', text: t('dossier.reception.scanned', { name: r.data.fullName }) });
    procRef.current?.focus();
  }

  const applicantInput = () => ({
    fullName: applicant.fullName,
    idNumber: applicant.idNumber,
    phone: applicant.phone,
    address: applicant.address,
    email: applicant.email,
  });

  async function receive() {
    if (!procedure || !applicant.fullName.trim()) {
      setMessage({ kind: 'error', text: t('dossier.reception.pickFirst') });
      return;
    }
    setBusy(true);
    const r = await api.call('dossiers.create', {
      procedureId: procedure.id,
      applicant: applicantInput(),
      documents: docs
        .filter((d) => d.checked)
        .map((d) => ({ name: d.name, kind: d.kind, count: d.count })),
      resultMethod,
      ...(needsVerification && procedure.verificationTime ? { needsVerification: true } : {}),
      ...(ticketId.trim() ? { ticketId: ticketId.trim() } : {}),
    });
    if (!r.ok) {
      setBusy(false);
      setMessage({ kind: 'error', text: r.error.message });
      return;
    }
    const origin = window.location.origin;
    const text = [
      t('dossier.reception.received', { code: r.data.code, date: formatVnDate(r.data.dueDate) }),
    ];
    const job = await api.call('dossiers.print', { code: r.data.code, form: 'receipt', origin });
    if (job.ok && job.data.status === 'done') text.push(t('dossier.reception.printed'));
    else if (job.ok && job.data.status === 'screen') text.push(t('dossier.reception.printScreen'));
    else
      text.push(
        t('dossier.reception.printFailed', {
          error: job.ok ? (job.data.error ?? job.data.status) : job.error.message,
        }),
      );
    const link = await api.call('dossiers.formLink', {
      code: r.data.code,
      form: 'receipt',
      origin,
    });
    setFormUrl(link.ok ? link.data.url : null);
    setBusy(false);
    setMessage({
      kind: job.ok && job.data.status !== 'failed' ? 'ok' : 'error',
      text: text.join(' '),
    });
  }

  async function slip(kind: 'supplement' | 'refusal') {
    if (!procedure || !applicant.fullName.trim()) {
      setMessage({ kind: 'error', text: t('dossier.reception.pickFirst') });
      return;
    }
    if (!reason.trim()) {
      setMessage({ kind: 'error', text: t('dossier.reception.reasonNeeded') });
      return;
    }
    const r = await api.call('receptionSlips.create', {
      kind,
      procedureId: procedure.id,
      applicant: applicantInput(),
      reason,
      documents:
        kind === 'supplement'
          ? docs.filter((d) => !d.checked && !d.optional).map((d) => d.name)
          : [],
      ...(ticketId.trim() ? { ticketId: ticketId.trim() } : {}),
    });
    if (!r.ok) {
      setMessage({ kind: 'error', text: r.error.message });
      return;
    }
    setFormUrl(r.data.url);
    setMessage({ kind: 'ok', text: t('dossier.reception.slipDone') });
    openForm(r.data.url);
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key === 'Enter') {
        e.preventDefault();
        void receive();
      } else if (e.ctrlKey && e.key.toLowerCase() === 'q') {
        e.preventDefault();
        scanRef.current?.focus();
      } else if (e.ctrlKey && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        procRef.current?.focus();
      } else if (e.key === 'Escape' && formUrl) {
        reset();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const field = (key: keyof typeof EMPTY, label: string, type = 'text') => (
    <label className="form-row">
      <span>{label}</span>
      <input
        type={type}
        value={applicant[key]}
        onChange={(e) => setApplicant((a) => ({ ...a, [key]: e.target.value }))}
        data-testid={`applicant-${key}`}
      />
    </label>
  );

  return (
    <div className="grid-2">
      <section className="card" aria-labelledby="reception-title">
        <h2 id="reception-title">{t('dossier.reception.title')}</h2>
        <form onSubmit={(e) => void onScan(e)}>
          <label className="form-row">
            <span>{t('dossier.reception.scan')}</span>
            <input
              ref={scanRef}
              value={scan}
              onChange={(e) => setScan(e.target.value)}
              data-testid="cccd-scan"
              autoComplete="off"
            />
          </label>
          <p className="hint">{t('dossier.reception.scanHint')}</p>
        </form>
        <label className="form-row">
          <span>{t('dossier.reception.procedure')}</span>
          <input
            ref={procRef}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setProcedure(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !procedure && matches[0]) {
                e.preventDefault();
                choose(matches[0]);
              }
            }}
            data-testid="procedure-search"
            autoComplete="off"
          />
        </label>
        {!procedure && (
          <ul className="counter-list" data-testid="procedure-options">
            {matches.slice(0, 6).map((p) => (
              <li key={p.id}>
                <button type="button" className="btn btn-ghost btn-small" onClick={() => choose(p)}>
                  {p.code} — {p.name}
                </button>
              </li>
            ))}
          </ul>
        )}
        {procedure && (
          <fieldset>
            <legend>{t('dossier.reception.documents')}</legend>
            <table className="table" data-testid="document-checklist">
              <tbody>
                {docs.map((d, i) => (
                  <tr key={d.name}>
                    <td>
                      <label>
                        <input
                          type="checkbox"
                          checked={d.checked}
                          onChange={(e) =>
                            setDocs(
                              docs.map((x, j) =>
                                j === i ? { ...x, checked: e.target.checked } : x,
                              ),
                            )
                          }
                        />{' '}
                        {d.name}
                        {d.optional && <em> ({t('dossier.reception.optional')})</em>}
                      </label>
                    </td>
                    <td>
                      <select
                        aria-label={t('dossier.reception.kind')}
                        value={d.kind}
                        onChange={(e) =>
                          setDocs(
                            docs.map((x, j) =>
                              j === i ? { ...x, kind: e.target.value as Kind } : x,
                            ),
                          )
                        }
                      >
                        <option value="original">{t('dossier.kind.original')}</option>
                        <option value="copy">{t('dossier.kind.copy')}</option>
                        <option value="certified_copy">{t('dossier.kind.certified_copy')}</option>
                      </select>
                    </td>
                    <td>
                      <input
                        type="number"
                        min={1}
                        max={99}
                        style={{ width: '4em' }}
                        aria-label={t('dossier.reception.count')}
                        value={d.count}
                        onChange={(e) =>
                          setDocs(
                            docs.map((x, j) =>
                              j === i ? { ...x, count: Number(e.target.value) || 1 } : x,
                            ),
                          )
                        }
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </fieldset>
        )}
      </section>
      <section className="card" aria-labelledby="applicant-title">
        <h2 id="applicant-title">{t('dossier.reception.applicant')}</h2>
        {field('fullName', t('dossier.reception.fullName'))}
        {field('idNumber', t('dossier.reception.idNumber'))}
        {field('phone', t('dossier.reception.phone'), 'tel')}
        {field('address', t('dossier.reception.address'))}
        {field('email', t('dossier.reception.email'), 'email')}
        <label className="form-row">
          <span>{t('dossier.reception.resultMethod')}</span>
          <select
            value={resultMethod}
            onChange={(e) => setResultMethod(e.target.value as 'desk' | 'post')}
          >
            <option value="desk">{t('dossier.reception.atDesk')}</option>
            <option value="post">{t('dossier.reception.byPost')}</option>
          </select>
        </label>
        {procedure?.verificationTime && (
          <label className="form-row">
            <span>{t('dossier.reception.needsVerification')}</span>
            <input
              type="checkbox"
              data-testid="needs-verification"
              checked={needsVerification}
              onChange={(e) => setNeedsVerification(e.target.checked)}
            />
          </label>
        )}
        <label className="form-row">
          <span>{t('dossier.reception.ticket')}</span>
          <input value={ticketId} onChange={(e) => setTicketId(e.target.value)} />
        </label>
        <label className="form-row">
          <span>{t('dossier.reception.reason')}</span>
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="reception-reason"
          />
        </label>
        <div className="actions">
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => void receive()}
            data-testid="receive"
          >
            {t('dossier.reception.receive')}
          </button>
          <button type="button" className="btn" onClick={() => void slip('supplement')}>
            {t('dossier.reception.supplement')}
          </button>
          <button type="button" className="btn" onClick={() => void slip('refusal')}>
            {t('dossier.reception.refuse')}
          </button>
          {formUrl && (
            <>
              <a
                className="btn"
                href={formUrl}
                target="_blank"
                rel="noopener"
                data-testid="open-form"
              >
                {t('dossier.reception.openForm')}
              </a>
              <button type="button" className="btn btn-ghost" onClick={reset}>
                {t('dossier.reception.new')}
              </button>
            </>
          )}
        </div>
        {message && (
          <p
            role={message.kind === 'error' ? 'alert' : 'status'}
            className={`alert alert-${message.kind}`}
            data-testid="reception-message"
          >
            {message.text}
          </p>
        )}
      </section>
    </div>
  );
}
