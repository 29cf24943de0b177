import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { OutputOf } from '../../../shared/contract';
import { formatVnDate } from '../../../shared/time/vnTime';
import type { MessageKey } from '../../../shared/i18n';
import { useApp } from '../../app-context';
import { DossierDetail, type Dossier, type Note } from './DossierDetail';

type Summary = OutputOf<'dossiers.search'>['items'][number];

/** The code typed, or the receipt's QR (a lookup URL with ?lookup=CODE) scanned. */
export function codeFromScan(text: string): string {
  const s = text.trim();
  const m = /[?&]lookup=([^&\s]+)/.exec(s);
  return (m ? decodeURIComponent(m[1] ?? '') : s).toUpperCase();
}

/** "2", "0002", "2 05/12", "2 05/12/2026": the short daily number, optionally with its day. */
const SHORT_NUMBER = /^\d{1,4}(\s+\d{1,2}[/.-]\d{1,2}([/.-]\d{4})?)?$/;

/**
 * Return (docs/desk.md, "Return"): scan the receipt QR or the citizen's CCCD, or type the full
 * code, the short daily number (alone: every day's, newest first; with its date: that day's),
 * a phone or an ID number → the dossier (a choice when several) → mark returned; the return
 * slip prints.
 */
export function ReturnTab() {
  const { t, api } = useApp();
  const ref = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [dossier, setDossier] = useState<Dossier | null>(null);
  const [choices, setChoices] = useState<Summary[]>([]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => ref.current?.focus(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key.toLowerCase() === 'r') {
        e.preventDefault();
        ref.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  async function open(c: string) {
    const r = await api.call('dossiers.get', { code: c });
    setChoices([]);
    if (!r.ok) {
      setDossier(null);
      setMessage({ kind: 'error', text: r.error.message });
      return;
    }
    setDossier(r.data);
    setMessage(
      r.data.status === 'result_ready'
        ? null
        : { kind: 'error', text: t('dossier.return.notReady') },
    );
  }

  /** Dossiers waiting for return of an ID number or phone. */
  async function waitingFor(q: string) {
    const r = await api.call('dossiers.search', { q, status: 'result_ready', pageSize: 20 });
    if (!r.ok) {
      setMessage({ kind: 'error', text: r.error.message });
      return;
    }
    setDossier(null);
    if (r.data.items.length === 1 && r.data.items[0]) return open(r.data.items[0].code);
    setChoices(r.data.items);
    setMessage(
      r.data.items.length === 0
        ? { kind: 'error', text: t('desk.return.none') }
        : { kind: 'ok', text: t('desk.return.many', { count: r.data.items.length }) },
    );
  }

  /**
   * The short daily number, alone ("2": that number on every day, newest first) or with its
   * date ("2 05/12"): one match opens, several are listed (the hub parses it: dossiers.search).
   */
  async function shortNumber(text: string) {
    const r = await api.call('dossiers.search', { q: text, pageSize: 20 });
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    setDossier(null);
    const only = r.data.items.length === 1 ? r.data.items[0] : undefined;
    if (only) return open(only.code);
    setChoices(r.data.items);
    const number = text.split(/\s+/)[0] ?? text;
    setMessage(
      r.data.items.length === 0
        ? { kind: 'error', text: t('dossier.error.notFound', { code: text }) }
        : {
            kind: 'ok',
            text: t('desk.return.shortNumberMany', {
              count: r.data.items.length,
              number,
              example: `${number} ${formatVnDate(new Date(r.data.items[0]?.receivedAt ?? Date.now())).slice(0, 5)}`,
            }),
          },
    );
  }

  async function find(e: FormEvent) {
    e.preventDefault();
    const text = code.trim();
    setCode('');
    if (!text) return;
    if (text.includes('|')) {
      // A CCCD QR: the ID number inside it.
      const id = await api.call('citizenId.parse', { qr: text });
      if (!id.ok) return setMessage({ kind: 'error', text: id.error.message });
      return waitingFor(id.data.idNumber);
    }
    if (SHORT_NUMBER.test(text)) return shortNumber(text);
    if (/^[\d .+()-]{8,20}$/.test(text)) return waitingFor(text.replace(/\D/g, ''));
    return open(codeFromScan(text));
  }

  function changed(d: Dossier, note?: Note) {
    setDossier(d);
    if (d.status === 'returned')
      setMessage(note ?? { kind: 'ok', text: t('dossier.return.done', { code: d.code }) });
  }

  return (
    <div className="grid-2">
      <section className="card" aria-labelledby="return-title">
        <h2 id="return-title">{t('dossier.return.title')}</h2>
        <form onSubmit={(e) => void find(e)}>
          <label className="form-row">
            <span>{t('desk.return.find')}</span>
            <input
              ref={ref}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              data-testid="return-code"
              autoComplete="off"
            />
          </label>
          <button type="submit" className="btn btn-primary">
            {t('dossier.return.find')}
          </button>
        </form>
        {message && (
          <p
            role={message.kind === 'error' ? 'alert' : 'status'}
            className={`alert alert-${message.kind}`}
            data-testid="return-message"
          >
            {message.text}
          </p>
        )}
        {choices.length > 0 && (
          <ul className="picker-list" data-testid="return-choices">
            {choices.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className="btn btn-ghost btn-small"
                  onClick={() => void open(c.code)}
                >
                  <span className="nowrap">{c.code}</span> — {formatVnDate(new Date(c.receivedAt))}{' '}
                  — {t(`dossier.status.${c.status}` as MessageKey)} — {c.applicantName} —{' '}
                  {c.procedureName}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {dossier && (
        <DossierDetail key={dossier.code + dossier.status} dossier={dossier} onChange={changed} />
      )}
    </div>
  );
}
