import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type Ref } from 'react';
import { processingTimeLabel } from '../../../shared/catalog/procedure';
import { missingRequiredDocuments } from '../../../shared/catalog/completeness';
import type { OutputOf } from '../../../shared/contract';
import { formatVnDate, formatVnDateTime } from '../../../shared/time/vnTime';
import { useApp } from '../../app-context';
import { useOp } from '../../api/query';
import { COUNTER_KEY } from '../queue/CounterTab';
import { ProcedurePicker, type Procedure } from './ProcedurePicker';
import { ulid } from '../../../shared/ids';
import { useReceptionCapture } from '../capture/ReceptionCapture';

type Kind = 'original' | 'copy' | 'certified_copy';
type Source = 'paper' | 'e_data';
interface DocRow {
  name: string;
  optional: boolean;
  checked: boolean;
  kind: Kind;
  count: number;
  source: Source;
  eDataNote: string;
  /** A document digitised in an earlier dossier, reused (docs/digitisation.md). */
  fileId?: string | undefined;
}
type CurrentTicket = NonNullable<OutputOf<'queue.counterView'>['current']>;
const EMPTY = { fullName: '', idNumber: '', phone: '', address: '', email: '' };

/** What the last action produced: shown at the top of the tab, the form locked until Esc. */
type Outcome =
  | {
      kind: 'received';
      code: string;
      dueDate: string;
      dueAt: string;
      printText: string;
      printOk: boolean;
      formUrl: string | null;
    }
  | { kind: 'slip'; url: string };

export function openForm(url: string): void {
  window.open(url, '_blank', 'noopener');
}

/** One idempotency key per filled form: a ULID (crypto.randomUUID is newer than Chrome 87). */
const newKey = (): string => ulid();

/**
 * Reception, keyboard first (docs/desk.md): scan the CCCD QR into the first field (the scanner
 * types and presses Enter), type a few letters of the procedure and Enter, type the phone,
 * Ctrl+Enter receives and prints the receipt. The required documents start ticked; unticking
 * one turns Ctrl+Enter into the supplement slip (Mẫu 02 listing exactly what is missing),
 * because only a complete dossier is received (NĐ 118/2025 Art. 17). One idempotency key per
 * filled form: pressing Ctrl+Enter twice never makes two dossiers, and the form is locked once
 * received until Esc starts the next one.
 */
export function ReceptionTab() {
  const { t, api, lang } = useApp();
  const scanRef = useRef<HTMLInputElement>(null);
  const procRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);
  const firstDocRef = useRef<HTMLInputElement>(null);
  const inFlight = useRef(false);
  const [scan, setScan] = useState('');
  const [scanError, setScanError] = useState<string | null>(null);
  const procedures: Procedure[] = useOp('procedures.list', {}).data ?? [];
  const usageList = useOp('dossiers.procedureUsage', {}).data;
  const usage: ReadonlyMap<string, number> = useMemo(
    () => new Map((usageList ?? []).map((u) => [u.procedureId, u.count])),
    [usageList],
  );
  const [procedure, setProcedure] = useState<Procedure | null>(null);
  const [appointment, setAppointment] = useState<string | null>(null);
  const [docs, setDocs] = useState<DocRow[]>([]);
  const [applicant, setApplicant] = useState(EMPTY);
  const [resultMethod, setResultMethod] = useState<'desk' | 'post'>('desk');
  const [linkTicket, setLinkTicket] = useState(true);
  // "Cần xác minh": the procedure's longer limit (docs/catalog.md, verificationTime).
  const [needsVerification, setNeedsVerification] = useState(false);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [formKey, setFormKey] = useState(newKey);
  const [busy, setBusy] = useState(false);
  const locked = outcome !== null;
  const capture = useReceptionCapture({
    idNumber: applicant.idNumber,
    docs,
    locked,
    onReuse: (i, offer) =>
      setDoc(i, {
        checked: true,
        source: 'e_data',
        eDataNote: t('capture.reuseNote', {
          date: formatVnDate(new Date(offer.createdAt)),
          code: offer.dossierCode,
        }),
        fileId: offer.fileId,
      }),
    onCaptured: (i) => setDoc(i, { checked: true }),
  });
  const resetCapture = capture.reset;

  useEffect(() => {
    scanRef.current?.focus();
  }, []);

  // The ticket being served at my counter (chosen on the counter tab) fills in by itself:
  // reloaded on the queue's events (EVENT_INVALIDATES).
  const counterId = localStorage.getItem(COUNTER_KEY) ?? '';
  const served = useOp('queue.counterView', { counterId }, { enabled: counterId !== '' });
  const ticket: CurrentTicket | null =
    counterId !== '' && !served.error ? (served.data?.current ?? null) : null;

  // The appointment the receipt will give if received now (the hub's own calendar).
  useEffect(() => {
    setAppointment(null);
    if (!procedure) return;
    let live = true;
    const limit =
      needsVerification && procedure.verificationTime
        ? procedure.verificationTime
        : procedure.processingTime;
    void api
      .call('calendar.dueDate', {
        receivedAt: new Date().toISOString(),
        amount: limit.amount,
        unit: limit.unit,
      })
      .then((r) => live && r.ok && setAppointment(r.data.dueAt));
    return () => {
      live = false;
    };
  }, [api, procedure, needsVerification]);

  const missing = procedure
    ? missingRequiredDocuments(
        docs.map((d) => ({ name: d.name, optional: d.optional })),
        docs.filter((d) => d.checked),
      )
    : [];

  function nextEmptyField() {
    if (!applicant.fullName.trim()) nameRef.current?.focus();
    else if (!applicant.phone.trim()) phoneRef.current?.focus();
    else firstDocRef.current?.focus();
  }

  function choose(p: Procedure) {
    setProcedure(p);
    setDocs(
      p.documents.map((d) => ({
        name: d.name,
        optional: d.optional,
        checked: !d.optional,
        kind: d.kind === 'copy' || d.kind === 'certified_copy' ? d.kind : 'original',
        count: d.count,
        source: 'paper',
        eDataNote: '',
      })),
    );
    // After React renders the checklist, move on to what is still empty.
    setTimeout(nextEmptyField, 0);
  }

  const reset = useCallback(() => {
    setScan('');
    setScanError(null);
    setProcedure(null);
    setDocs([]);
    setApplicant(EMPTY);
    setResultMethod('desk');
    setNeedsVerification(false);
    setLinkTicket(true);
    setReason('');
    setMessage(null);
    setOutcome(null);
    setFormKey(newKey());
    resetCapture();
    setTimeout(() => scanRef.current?.focus(), 0);
  }, [resetCapture]);

  async function onScan(e: FormEvent) {
    e.preventDefault();
    if (!scan.trim()) return;
    const r = await api.call('citizenId.parse', { qr: scan });
    if (!r.ok) {
      // Keep what was read, say why beside it, and let the officer type the name by hand
      // (a new scan: Ctrl+Q selects the box so the scanner replaces it).
      setScanError(r.error.message);
      nameRef.current?.focus();
      return;
    }
    setScan('');
    setScanError(null);
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
  const ticketInput = () => (ticket && linkTicket ? { ticketId: ticket.id } : {});

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
        .map((d) => ({
          name: d.name,
          kind: d.kind,
          count: d.count,
          source: d.source,
          ...(d.source === 'e_data'
            ? { eDataNote: d.eDataNote.trim() || t('desk.reception.eDataDefault') }
            : {}),
          ...(d.source === 'e_data' && d.fileId ? { fileId: d.fileId } : {}),
        })),
      resultMethod,
      idempotencyKey: formKey,
      ...(needsVerification && procedure.verificationTime ? { needsVerification: true } : {}),
      ...ticketInput(),
    });
    if (!r.ok) {
      setBusy(false);
      setMessage({ kind: 'error', text: r.error.message });
      return;
    }
    const job = await api.call('dossiers.print', { code: r.data.code, form: 'receipt' });
    let printText: string;
    if (job.ok && job.data.status === 'done') printText = t('dossier.reception.printed');
    else if (job.ok && job.data.status === 'screen') printText = t('dossier.reception.printScreen');
    else
      printText = t('dossier.reception.printFailed', {
        error: job.ok ? (job.data.error ?? job.data.status) : job.error.message,
      });
    const link = await api.call('dossiers.formLink', {
      code: r.data.code,
      form: 'receipt',
    });
    await capture.uploadAll(r.data.code);
    setBusy(false);
    setMessage(null);
    setOutcome({
      kind: 'received',
      code: r.data.code,
      dueDate: r.data.dueDate,
      dueAt: r.data.dueAt,
      printText,
      printOk: job.ok && job.data.status !== 'failed',
      formUrl: link.ok ? link.data.url : null,
    });
  }

  async function slip(kind: 'supplement' | 'refusal') {
    if (!procedure || !applicant.fullName.trim()) {
      setMessage({ kind: 'error', text: t('dossier.reception.pickFirst') });
      return;
    }
    const why =
      reason.trim() || (kind === 'supplement' ? t('desk.reception.supplementReason') : '');
    if (!why) {
      setMessage({ kind: 'error', text: t('dossier.reception.reasonNeeded') });
      return;
    }
    setBusy(true);
    const r = await api.call('receptionSlips.create', {
      kind,
      procedureId: procedure.id,
      applicant: applicantInput(),
      reason: why,
      documents: kind === 'supplement' ? missing : [],
      ...ticketInput(),
    });
    setBusy(false);
    if (!r.ok) {
      setMessage({ kind: 'error', text: r.error.message });
      return;
    }
    setMessage(null);
    setOutcome({ kind: 'slip', url: r.data.url });
    openForm(r.data.url);
  }

  /** Ctrl+Enter and the primary button: receive, or the supplement slip when incomplete. */
  async function primary() {
    if (locked || inFlight.current) return;
    inFlight.current = true;
    try {
      if (missing.length > 0) await slip('supplement');
      else await receive();
    } finally {
      inFlight.current = false;
    }
  }

  async function secondary(kind: 'supplement' | 'refusal') {
    if (locked || inFlight.current) return;
    inFlight.current = true;
    try {
      await slip(kind);
    } finally {
      inFlight.current = false;
    }
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key === 'Enter') {
        e.preventDefault();
        void primary();
      } else if (e.ctrlKey && e.key.toLowerCase() === 'q') {
        e.preventDefault();
        if (locked) return;
        scanRef.current?.focus();
        scanRef.current?.select();
      } else if (e.ctrlKey && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        if (!locked) procRef.current?.focus();
      } else if (e.key === 'Escape' && locked) {
        e.preventDefault();
        reset();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const setDoc = (i: number, change: Partial<DocRow>) =>
    setDocs((all) => all.map((x, j) => (j === i ? { ...x, ...change } : x)));

  const field = (
    key: keyof typeof EMPTY,
    label: string,
    type = 'text',
    ref?: Ref<HTMLInputElement>,
  ) => (
    <label className="form-row">
      <span>{label}</span>
      <input
        ref={ref}
        type={type}
        value={applicant[key]}
        onChange={(e) => setApplicant((a) => ({ ...a, [key]: e.target.value }))}
        data-testid={`applicant-${key}`}
      />
    </label>
  );

  const fee = procedure
    ? [
        procedure.fee.amountVnd === undefined
          ? null
          : procedure.fee.amountVnd === 0
            ? t('kiosk.proc.free')
            : t('kiosk.proc.feeAmount', {
                amount: procedure.fee.amountVnd.toLocaleString('vi-VN'),
              }),
        procedure.fee.text ?? null,
      ]
        .filter(Boolean)
        .join('. ')
    : '';
  const timeLimit = procedure ? processingTimeLabel(procedure.processingTime, lang) : '';

  return (
    <div className="reception">
      {outcome && (
        <section
          className={`reception-result alert ${
            outcome.kind === 'received' && !outcome.printOk ? 'alert-error' : 'alert-ok'
          }`}
          role="status"
          data-testid="reception-result"
        >
          {outcome.kind === 'received' ? (
            <>
              <p data-testid="reception-message">
                {t('dossier.reception.received', {
                  code: outcome.code,
                  date: formatVnDate(outcome.dueDate),
                })}{' '}
                {outcome.printText}
              </p>
              <p className="reception-code">
                <strong data-testid="received-code">{outcome.code}</strong>
                {' · '}
                {t('desk.reception.appointment')}: {formatVnDateTime(new Date(outcome.dueAt))}
              </p>
            </>
          ) : (
            <p data-testid="reception-message">{t('dossier.reception.slipDone')}</p>
          )}
          <div className="actions-wrap">
            {(outcome.kind === 'slip' ? outcome.url : outcome.formUrl) && (
              <a
                className="btn"
                href={outcome.kind === 'slip' ? outcome.url : (outcome.formUrl ?? '')}
                target="_blank"
                rel="noopener"
                data-testid="open-form"
              >
                {outcome.kind === 'slip'
                  ? t('dossier.reception.openSlip')
                  : t('dossier.reception.openForm')}
              </a>
            )}
            <button
              type="button"
              className="btn btn-primary"
              onClick={reset}
              data-testid="new-dossier"
            >
              {t('dossier.reception.new')}
            </button>
          </div>
          {capture.note && (
            <p className={`alert alert-${capture.note.kind}`} data-testid="capture-note">
              {capture.note.text}
            </p>
          )}
          <p className="hint">{t('desk.reception.locked')}</p>
        </section>
      )}
      {capture.dialog}
      <fieldset className="reception-form grid-2" disabled={locked}>
        <section className="card" aria-labelledby="reception-title">
          <h2 id="reception-title">{t('dossier.reception.title')}</h2>
          <form onSubmit={(e) => void onScan(e)}>
            <label className="form-row">
              <span>{t('dossier.reception.scan')}</span>
              <input
                ref={scanRef}
                value={scan}
                onChange={(e) => setScan(e.target.value)}
                aria-invalid={scanError !== null}
                aria-describedby={scanError ? 'scan-error' : undefined}
                data-testid="cccd-scan"
                autoComplete="off"
              />
            </label>
            {scanError ? (
              <p
                id="scan-error"
                role="alert"
                className="alert alert-error"
                data-testid="scan-error"
              >
                {scanError}
              </p>
            ) : (
              <p className="hint">{t('dossier.reception.scanHint')}</p>
            )}
          </form>
          <ProcedurePicker
            procedures={procedures}
            usage={usage}
            chosen={procedure}
            onChoose={choose}
            onClear={() => {
              setProcedure(null);
              setDocs([]);
            }}
            inputRef={procRef}
          />
          {procedure && (
            <dl className="facts reception-facts" data-testid="procedure-facts">
              <dt>{t('desk.reception.timeLimit')}</dt>
              <dd>{timeLimit}</dd>
              <dt>{t('desk.reception.fee')}</dt>
              <dd>{fee}</dd>
              <dt>{t('desk.reception.appointment')}</dt>
              <dd data-testid="appointment-preview">
                {appointment ? formatVnDateTime(new Date(appointment)) : '…'}
              </dd>
            </dl>
          )}
          {procedure && (
            <fieldset className="doc-list">
              <legend>{t('dossier.reception.documents')}</legend>
              <table className="table" data-testid="document-checklist">
                <tbody>
                  {docs.map((d, i) => (
                    <tr key={d.name} data-doc-index={i}>
                      <td>
                        <label className="check">
                          <input
                            ref={i === 0 ? firstDocRef : undefined}
                            type="checkbox"
                            checked={d.checked}
                            onChange={(e) => setDoc(i, { checked: e.target.checked })}
                          />
                          <span>
                            {d.name}
                            {d.optional && <em> ({t('dossier.reception.optional')})</em>}
                          </span>
                        </label>
                        {capture.cell(i)}
                      </td>
                      <td>
                        <select
                          aria-label={t('dossier.reception.kind')}
                          value={d.kind}
                          onChange={(e) => setDoc(i, { kind: e.target.value as Kind })}
                        >
                          <option value="original">{t('dossier.kind.original')}</option>
                          <option value="copy">{t('dossier.kind.copy')}</option>
                          <option value="certified_copy">{t('dossier.kind.certified_copy')}</option>
                        </select>
                        <select
                          aria-label={t('desk.reception.source')}
                          value={d.source}
                          onChange={(e) =>
                            setDoc(i, { source: e.target.value as Source, fileId: undefined })
                          }
                          data-testid={`doc-source-${i}`}
                        >
                          <option value="paper">{t('desk.reception.sourcePaper')}</option>
                          <option value="e_data">{t('desk.reception.sourceEData')}</option>
                        </select>
                        {d.source === 'e_data' && (
                          <input
                            aria-label={t('desk.reception.eDataNote')}
                            placeholder={t('desk.reception.eDataDefault')}
                            value={d.eDataNote}
                            maxLength={200}
                            onChange={(e) => setDoc(i, { eDataNote: e.target.value })}
                          />
                        )}
                      </td>
                      <td>
                        <input
                          type="number"
                          min={1}
                          max={99}
                          className="count-input"
                          aria-label={t('dossier.reception.count')}
                          value={d.count}
                          onChange={(e) => setDoc(i, { count: Number(e.target.value) || 1 })}
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
          {field('fullName', t('dossier.reception.fullName'), 'text', nameRef)}
          {field('idNumber', t('dossier.reception.idNumber'))}
          {field('phone', t('dossier.reception.phone'), 'tel', phoneRef)}
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
            <label className="check">
              <input
                type="checkbox"
                data-testid="needs-verification"
                checked={needsVerification}
                onChange={(e) => setNeedsVerification(e.target.checked)}
              />
              <span>{t('dossier.reception.needsVerification')}</span>
            </label>
          )}
          <label className="check" data-testid="reception-ticket">
            <input
              type="checkbox"
              checked={ticket !== null && linkTicket}
              disabled={ticket === null}
              onChange={(e) => setLinkTicket(e.target.checked)}
            />
            <span>
              {ticket
                ? t('desk.reception.ticketServed', { number: ticket.number })
                : t('desk.reception.noTicket')}
            </span>
          </label>
          <label className="form-row">
            <span>{t('dossier.reception.reason')}</span>
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="reception-reason"
            />
          </label>
          {missing.length > 0 && (
            <p className="alert alert-warn" role="status" data-testid="missing-documents">
              {t('desk.reception.missing', { missing: missing.join('; ') })}
            </p>
          )}
          <div className="actions-wrap">
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy}
              onClick={() => void primary()}
              data-testid="receive"
            >
              {missing.length > 0
                ? t('desk.reception.supplementPrimary')
                : t('dossier.reception.receive')}
            </button>
            {missing.length === 0 && (
              <button type="button" className="btn" onClick={() => void secondary('supplement')}>
                {t('dossier.reception.supplement')}
              </button>
            )}
            <button type="button" className="btn" onClick={() => void secondary('refusal')}>
              {t('dossier.reception.refuse')}
            </button>
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
      </fieldset>
    </div>
  );
}
