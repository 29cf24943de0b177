import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useApp } from '../../app-context';
import { DossierDetail, type Dossier } from './DossierDetail';

/** The code typed, or the receipt's QR (a lookup URL with ?lookup=CODE) scanned. */
export function codeFromScan(text: string): string {
  const s = text.trim();
  const m = /[?&]lookup=([^&\s]+)/.exec(s);
  return (m ? decodeURIComponent(m[1] ?? '') : s).toUpperCase();
}

/** Return: scan the receipt QR or type the code → details, mark returned, print the slip. */
export function ReturnTab() {
  const { t, api } = useApp();
  const ref = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [dossier, setDossier] = useState<Dossier | null>(null);
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

  async function find(e: FormEvent) {
    e.preventDefault();
    const r = await api.call('dossiers.get', { code: codeFromScan(code) });
    setCode('');
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

  async function changed(d: Dossier) {
    setDossier(d);
    if (d.status !== 'returned') return;
    const job = await api.call('dossiers.print', {
      code: d.code,
      form: 'return',
    });
    const text = t('dossier.return.done', { code: d.code });
    setMessage(
      job.ok
        ? {
            kind: job.data.status === 'failed' ? 'error' : 'ok',
            text: `${text} ${job.data.error ?? ''}`.trim(),
          }
        : { kind: 'error', text: `${text} ${job.error.message}` },
    );
  }

  return (
    <div className="grid-2">
      <section className="card" aria-labelledby="return-title">
        <h2 id="return-title">{t('dossier.return.title')}</h2>
        <form onSubmit={(e) => void find(e)}>
          <label className="form-row">
            <span>{t('dossier.return.code')}</span>
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
      </section>
      {dossier && (
        <DossierDetail
          key={dossier.code + dossier.status}
          dossier={dossier}
          onChange={(d) => void changed(d)}
        />
      )}
    </div>
  );
}
