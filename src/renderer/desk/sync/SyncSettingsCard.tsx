import { useRef, useState, type FormEvent } from 'react';
import type { ApiError, OutputOf } from '../../../shared/contract';
import { formatVnDateTime } from '../../../shared/time/vnTime';
import { useApp } from '../../app-context';
import { useOp } from '../../api/query';
import { FormOutcome } from '../../components/ErrorMessage';
import { SyncExportButton } from '../../components/SyncExportButton';
import { copyText } from './copyText';

type Config = OutputOf<'sync.config.get'>;
type Status = OutputOf<'sync.status'>;

const URL_RE = /^https?:\/\/\S+$/;

/**
 * Admin: sync to the province (docs/sync.md). The site id is read-only (the province registers
 * it); the site key is write-only — the field is always empty and the hub only says whether a
 * key is set. The on/off switch keeps the URL. Status: pending changes, last success, last error.
 */
export function SyncSettingsCard() {
  const config = useOp('sync.config.get', {});
  const status = useOp('sync.status', {});
  // The form starts from the settings as loaded once; a later reload does not overwrite a draft.
  return config.data ? (
    <SyncSettingsForm
      config={config.data}
      status={status.data ?? null}
      reload={() => Promise.all([config.refetch(), status.refetch()])}
    />
  ) : null;
}

function SyncSettingsForm({
  config,
  status,
  reload,
}: {
  config: Config;
  status: Status | null;
  reload(): Promise<unknown>;
}) {
  const { t, api } = useApp();
  const [url, setUrl] = useState(config.upstreamUrl ?? '');
  const [key, setKey] = useState('');
  const [enabled, setEnabled] = useState(config.enabled);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const siteIdField = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const upstreamUrl = url.trim() === '' ? null : url.trim();
    if (upstreamUrl !== null && !URL_RE.test(upstreamUrl))
      return setError(t('sync.settings.badUrl'));
    if (key !== '' && key.trim().length < 32) return setError(t('sync.settings.shortKey'));
    const r = await api.call('sync.config.set', {
      upstreamUrl: config.upstreamFromCommandLine ? (config.upstreamUrl ?? null) : upstreamUrl,
      ...(key.trim() ? { siteKey: key.trim() } : {}),
      enabled,
    });
    if (!r.ok) return setError(r.error);
    setError(null);
    setKey(''); // never kept in the page
    setNotice(t('sync.settings.saved'));
    // The form shows what was saved, as the reloaded settings will.
    setUrl(config.upstreamFromCommandLine ? (config.upstreamUrl ?? '') : (upstreamUrl ?? ''));
    void reload();
  };
  const copySiteId = async () => {
    setCopied(await copyText(config.siteId, siteIdField.current));
  };

  return (
    <form
      className="card"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="sync-settings-title"
      data-testid="sync-settings"
      autoComplete="off"
      noValidate // our Vietnamese messages, not the browser's
    >
      <h2 id="sync-settings-title">{t('sync.settings.title')}</h2>
      {status && (
        <div className="sync-status-box" data-testid="sync-settings-status">
          <strong>
            {status.pending === 0 ? t('sync.synced') : t('sync.pending', { count: status.pending })}
          </strong>
          <span>
            {status.lastSentAt
              ? t('sync.lastSent', { time: formatVnDateTime(new Date(status.lastSentAt)) })
              : t('sync.settings.never')}
          </span>
          {status.lastError && (
            <span className="alert alert-error" data-testid="sync-last-error">
              {t('sync.lastError', { error: status.lastError })}
            </span>
          )}
          {status.pending > 0 && (
            <span className="sync-usb">
              {t('sync.settings.usbHint')} <SyncExportButton onMessage={setNotice} />
            </span>
          )}
        </div>
      )}
      <div className="form-grid">
        <label className="span-2">
          {t('sync.settings.siteId')}
          <span className="form-row">
            <input
              ref={siteIdField}
              value={config.siteId}
              readOnly
              className="mono grow"
              data-testid="sync-site-id"
            />
            <button type="button" className="btn" onClick={() => void copySiteId()}>
              {copied ? t('sync.settings.copied') : t('sync.settings.copy')}
            </button>
          </span>
        </label>
        <label className="check span-2">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          {t('sync.settings.enabled')}
        </label>
        <label className="span-2">
          {t('sync.settings.upstream')}
          <input
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://"
            disabled={config.upstreamFromCommandLine}
            spellCheck={false}
          />
          <small className="hint">
            {config.upstreamFromCommandLine
              ? t('sync.settings.upstreamFromCli')
              : t('sync.settings.upstreamHint')}
          </small>
        </label>
        <label className="span-2">
          {t('sync.settings.key')}
          <input
            type="password"
            value={key}
            onChange={(e) => setKey(e.target.value)}
            autoComplete="new-password"
            spellCheck={false}
            data-testid="sync-site-key"
          />
          <small className="hint" data-testid="sync-key-state">
            {config.hasSiteKey ? t('sync.settings.keySet') : t('sync.settings.keyMissing')}
          </small>
        </label>
      </div>
      <FormOutcome error={error} notice={notice} testId="sync-settings-notice" />
      <button type="submit" className="btn btn-primary">
        {t('sync.settings.save')}
      </button>
    </form>
  );
}
