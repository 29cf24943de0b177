import { useState, type FormEvent } from 'react';
import type { ApiError, OutputOf } from '../../../shared/contract';
import { formatVnDateTime } from '../../../shared/time/vnTime';
import { useApp } from '../../app-context';
import { useOp } from '../../api/query';
import { DataTable, type Column } from '../../components/DataTable';
import { FormOutcome } from '../../components/ErrorMessage';
import { formatBytes } from './copyText';

type Config = OutputOf<'backup.config.get'>;
type Backups = OutputOf<'backup.list'>;

/**
 * Admin: where backups go (`backup.dir`: absolute, created if missing, writable, not served —
 * checked by the hub), the encryption passphrase (write-only: the field is always empty, the
 * hub only says whether one is set) with a warning while backups go unencrypted to a folder
 * that looks removable, "Sao lưu ngay" with its result, and the recent backups (docs/backup.md).
 * Used on the site's "Đồng bộ và sao lưu" tab and on the provincial screen.
 */
export function BackupCard() {
  const loadedConfig = useOp('backup.config.get', {});
  // The folder field starts from the configuration as loaded once; a reload keeps a draft.
  return loadedConfig.data ? (
    <BackupForm config={loadedConfig.data} setConfig={loadedConfig.setData} />
  ) : null;
}

function BackupForm({ config, setConfig }: { config: Config; setConfig(c: Config): void }) {
  const { t, api, lang } = useApp();
  const [dir, setDir] = useState(config.custom ? config.dir : '');
  const [passphrase, setPassphrase] = useState('');
  const list = useOp('backup.list', { limit: 10 });
  const backups: Backups = list.data ?? [];
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  const loaded = (c: Config) => {
    setConfig(c);
    setDir(c.custom ? c.dir : '');
  };
  const saveDir = async (value: string | null) => {
    setNotice(null);
    const r = await api.call('backup.config.set', { dir: value });
    if (!r.ok) return setError(r.error);
    setError(null);
    loaded(r.data);
    setNotice(t('backup.dirSaved', { dir: r.data.dir }));
    void list.refetch();
  };
  const savePassphrase = async (value: string | null) => {
    setNotice(null);
    const r = await api.call('backup.config.set', {
      dir: config.custom ? config.dir : null,
      passphrase: value,
    });
    if (!r.ok) return setError(r.error);
    setError(null);
    setPassphrase('');
    loaded(r.data);
    setNotice(t(value === null ? 'backup.passphraseRemoved' : 'backup.passphraseSaved'));
  };
  const submitPassphrase = (e: FormEvent) => {
    e.preventDefault();
    void savePassphrase(passphrase);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void saveDir(dir.trim() === '' ? null : dir.trim());
  };
  const backupNow = async () => {
    setRunning(true);
    setNotice(null);
    setError(null);
    const r = await api.call('backup.now', {});
    setRunning(false);
    if (!r.ok) return setError(r.error);
    setNotice(
      t('backup.done', {
        file: r.data.fileName,
        size: formatBytes(r.data.bytes, lang),
        dir: r.data.dir,
      }),
    );
    void list.refetch();
  };

  const columns: Column<Backups[number]>[] = [
    { id: 'file', header: t('backup.file'), cell: (b) => <code>{b.fileName}</code> },
    {
      id: 'kind',
      header: t('backup.kind'),
      cell: (b) => (
        <>
          {t(`backup.kind.${b.kind}`)}
          {b.encrypted && ` · ${t('backup.encryptedFile')}`}
        </>
      ),
    },
    { id: 'size', header: t('backup.size'), cell: (b) => formatBytes(b.bytes, lang) },
    { id: 'at', header: t('backup.at'), cell: (b) => formatVnDateTime(new Date(b.at)) },
  ];
  return (
    <section className="card" aria-labelledby="backup-title" data-testid="backup-card">
      <h2 id="backup-title">{t('backup.title')}</h2>
      <form className="form-row backup-dir-row" onSubmit={submit}>
        <label className="grow">
          {t('backup.dir')}
          <input
            value={dir}
            placeholder={config.defaultDir}
            onChange={(e) => setDir(e.target.value)}
            spellCheck={false}
          />
        </label>
        <button type="submit" className="btn">
          {t('backup.saveDir')}
        </button>
        {config.custom && (
          <button type="button" className="btn btn-ghost" onClick={() => void saveDir(null)}>
            {t('backup.useDefault')}
          </button>
        )}
      </form>
      <p className="hint">
        {t('backup.dirHint')}
        <br />
        {t(config.custom ? 'backup.dirDefaultIs' : 'backup.dirDefault', { dir: config.defaultDir })}
      </p>
      <p className="hint" data-testid="backup-encryption">
        {t(config.encrypted ? 'backup.encryptedOn' : 'backup.encryptedOff')}
      </p>
      {config.removable && !config.encrypted && (
        <p className="alert alert-warn" role="alert" data-testid="backup-removable-warning">
          {t('backup.removableWarning', { dir: config.dir })}
        </p>
      )}
      <form className="form-row backup-dir-row" onSubmit={submitPassphrase}>
        <label className="grow">
          {t('backup.passphrase')}
          <input
            type="password"
            value={passphrase}
            autoComplete="new-password"
            minLength={12}
            maxLength={200}
            onChange={(e) => setPassphrase(e.target.value)}
            data-testid="backup-passphrase"
          />
        </label>
        <button type="submit" className="btn" disabled={passphrase.length < 12}>
          {t('backup.savePassphrase')}
        </button>
        {config.encrypted && (
          <button type="button" className="btn btn-ghost" onClick={() => void savePassphrase(null)}>
            {t('backup.removePassphrase')}
          </button>
        )}
      </form>
      <p className="hint">{t('backup.passphraseHint')}</p>
      <div className="actions">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void backupNow()}
          disabled={running}
          aria-busy={running}
          data-testid="backup-now"
        >
          {t('backup.now')}
        </button>
      </div>
      {running && (
        <p className="alert alert-warn" role="status" data-testid="backup-running">
          <span className="sync-spinner" aria-hidden="true" /> {t('backup.running')}
        </p>
      )}
      <FormOutcome error={error} notice={notice} testId="backup-notice" />
      <h3>{t('backup.recent')}</h3>
      {backups.length === 0 ? (
        <p className="hint">{t('backup.none')}</p>
      ) : (
        <DataTable columns={columns} rows={backups} rowKey="fileName" testId="backup-list" />
      )}
      <p className="hint">
        {t('backup.restoreHint')}{' '}
        <code>
          npm run motcua -- --data-dir "{config.dataDir}" restore {t('backup.fileArg')}
        </code>
      </p>
    </section>
  );
}
