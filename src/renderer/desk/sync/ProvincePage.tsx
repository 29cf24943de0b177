import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiError, OutputOf } from '../../../shared/contract';
import { formatVnDateTime } from '../../../shared/time/vnTime';
import { useApp } from '../../app-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { BackupCard } from './BackupCard';
import { copyText } from './copyText';
import './sync.css';

type Sites = OutputOf<'sync.sites'>;

const SITE_ID_RE = /^[A-Za-z0-9._-]{1,64}$/;
const POLL_MS = 20_000;

/** The key just issued: shown once, until the administrator hides it or leaves the page. */
function IssuedKey({ siteId, secret, onHide }: { siteId: string; secret: string; onHide(): void }) {
  const { t } = useApp();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  return (
    <div className="issued-key" data-testid="issued-key">
      <p className="alert alert-warn" role="alert">
        <strong>{t('sync.province.keyWarning')}</strong>
      </p>
      <label>
        {t('sync.province.keyFor', { site: siteId })}
        <span className="form-row">
          <input
            ref={field}
            readOnly
            value={secret}
            className="mono grow"
            data-testid="issued-key-value"
            onFocus={(e) => e.target.select()}
          />
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void copyText(secret, field.current).then(setCopied)}
          >
            {copied ? t('sync.settings.copied') : t('sync.province.copyKey')}
          </button>
          <button type="button" className="btn btn-ghost" onClick={onHide}>
            {t('sync.province.hideKey')}
          </button>
        </span>
      </label>
    </div>
  );
}

function RegisterCard({ sites, onRegistered }: { sites: Sites; onRegistered(): void }) {
  const { t, api } = useApp();
  const [siteId, setSiteId] = useState('');
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<{ siteId: string; key: string } | null>(null);
  const [error, setError] = useState<ApiError | string | null>(null);
  const exists = sites.some((s) => s.siteId === siteId.trim());

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const id = siteId.trim();
    if (!SITE_ID_RE.test(id)) return setError(t('sync.province.siteIdHint'));
    setIssued(null);
    const r = await api.call('sync.sites.register', { siteId: id, name: name.trim() });
    if (!r.ok) return setError(r.error);
    setError(null);
    setIssued(r.data);
    setSiteId('');
    setName('');
    onRegistered();
  };
  return (
    <section className="card" aria-labelledby="province-register-title">
      <h2 id="province-register-title">{t('sync.province.register')}</h2>
      <form className="form-grid" onSubmit={(e) => void submit(e)} autoComplete="off">
        <label>
          {t('sync.province.siteId')}
          <input
            value={siteId}
            onChange={(e) => setSiteId(e.target.value)}
            required
            maxLength={64}
            className="mono"
            spellCheck={false}
          />
          <small className="hint">{t('sync.province.siteIdHint')}</small>
        </label>
        <label>
          {t('sync.province.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </label>
        {exists && (
          <p className="alert alert-warn span-2" role="status">
            {t('sync.province.exists', { site: siteId.trim() })}
          </p>
        )}
        <div className="span-2">
          <button type="submit" className="btn btn-primary">
            {exists ? t('sync.province.replace') : t('sync.province.submit')}
          </button>
        </div>
      </form>
      <ErrorMessage error={error} />
      {issued && (
        <IssuedKey siteId={issued.siteId} secret={issued.key} onHide={() => setIssued(null)} />
      )}
    </section>
  );
}

function TotalsCard({ sites, onRefresh }: { sites: Sites; onRefresh(): void }) {
  const { t, lang } = useApp();
  const fmt = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB');
  return (
    <section className="card" aria-labelledby="province-totals-title">
      <div className="card-head">
        <h2 id="province-totals-title">{t('sync.province.totals')}</h2>
        <button type="button" className="btn btn-ghost" onClick={onRefresh}>
          {t('sync.province.refresh')}
        </button>
      </div>
      {sites.length === 0 ? (
        <p className="hint">{t('sync.province.noSites')}</p>
      ) : (
        <table className="table" data-testid="province-sites">
          <thead>
            <tr>
              <th>{t('sync.province.site')}</th>
              <th className="num">{t('sync.province.events')}</th>
              <th>{t('sync.province.lastReceived')}</th>
            </tr>
          </thead>
          <tbody>
            {sites.map((s) => (
              <tr key={s.siteId}>
                <td>
                  <code>{s.siteId}</code>
                </td>
                <td className="num">{fmt.format(s.events)}</td>
                <td>
                  {s.lastReceivedAt
                    ? formatVnDateTime(new Date(s.lastReceivedAt))
                    : t('sync.province.neverReceived')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function UsbImportCard({ dataDir }: { dataDir: string | null }) {
  const { t } = useApp();
  const command = `npm run motcua -- --data-dir "${dataDir ?? '…'}" sync import ${t('backup.fileArg')}`;
  return (
    <section className="card" aria-labelledby="province-usb-title">
      <h2 id="province-usb-title">{t('sync.province.usbTitle')}</h2>
      <ol className="steps">
        <li>{t('sync.province.usbStep1')}</li>
        <li>
          {t('sync.province.usbStep2')}
          <pre className="command" data-testid="usb-import-command">
            <code>{command}</code>
          </pre>
        </li>
        <li>{t('sync.province.usbStep3')}</li>
      </ol>
      <p className="hint">{t('sync.province.usbNote')}</p>
    </section>
  );
}

/**
 * What a hub started with `--role province` shows instead of the desk tabs: register a site
 * (its key shown once), the events received per site, how to import a USB file, backups.
 */
export function ProvincePage() {
  const { t, api, session } = useApp();
  const [sites, setSites] = useState<Sites>([]);
  const [dataDir, setDataDir] = useState<string | null>(null);
  const isAdmin = session?.user.role === 'admin';
  const load = useCallback(async () => {
    const r = await api.call('sync.sites', {});
    if (r.ok) setSites(r.data);
  }, [api]);
  useEffect(() => {
    if (!isAdmin) return;
    void load();
    const id = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(id);
  }, [isAdmin, load]);
  const onConfig = useCallback((c: { dataDir: string }) => setDataDir(c.dataDir), []);

  return (
    <main id="main" className="page desk stack" data-testid="province-page">
      <h1>{t('sync.province.title')}</h1>
      {!isAdmin ? (
        <p className="alert alert-warn">{t('sync.province.adminOnly')}</p>
      ) : (
        <>
          <RegisterCard sites={sites} onRegistered={() => void load()} />
          <TotalsCard sites={sites} onRefresh={() => void load()} />
          <UsbImportCard dataDir={dataDir} />
          <BackupCard onConfig={onConfig} />
        </>
      )}
    </main>
  );
}
