import { useState, type FormEvent } from 'react';
import type { ApiError, OutputOf } from '../../../shared/contract';
import { useApp } from '../../app-context';
import { useOp } from '../../api/query';
import { FormOutcome } from '../../components/ErrorMessage';

type View = OutputOf<'scanFolder.config.get'>;

/**
 * Admin: the folder the office scanner saves into ("scan to folder"); its new files show in
 * the desk's "Tệp quét mới" tray (docs/digitisation.md, "Ghi nhận tệp / Capture").
 */
export function ScanFolderCard() {
  const loaded = useOp('scanFolder.config.get', {});
  // The field starts from the folder as loaded once; a later reload does not overwrite a draft.
  return loaded.data ? <ScanFolderForm view={loaded.data} setView={loaded.setData} /> : null;
}

function ScanFolderForm({ view, setView }: { view: View; setView(view: View): void }) {
  const { t, api } = useApp();
  const [value, setValue] = useState(view.dir ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const r = await api.call('scanFolder.config.set', { dir: value.trim() === '' ? null : value });
    if (r.ok) {
      setError(null);
      setSaved(true);
      setView(r.data);
      setValue(r.data.dir ?? '');
    } else setError(r.error);
  };
  return (
    <form
      className="card"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="scan-folder-title"
      data-testid="scan-folder-card"
    >
      <h2 id="scan-folder-title">{t('capture.folder.title')}</h2>
      <label>
        {t('capture.folder.label')}
        <input
          value={value}
          placeholder="/home/motcua/Scans"
          onChange={(e) => setValue(e.target.value)}
          data-testid="scan-folder-input"
        />
      </label>
      <p className="hint">{t('capture.folder.help')}</p>
      {view.dir &&
        (view.watching && !view.error ? (
          <p className="hint">{t('capture.folder.watching')}</p>
        ) : (
          <p className="alert alert-warn">
            {t('capture.folder.notWatching', { error: view.error ?? '…' })}
          </p>
        ))}
      <FormOutcome error={error} notice={saved && t('capture.folder.saved')} />
      <button type="submit" className="btn">
        {t('capture.folder.save')}
      </button>
    </form>
  );
}
