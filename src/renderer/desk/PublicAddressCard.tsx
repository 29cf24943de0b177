import { useEffect, useState, type FormEvent } from 'react';
import type { ApiError, OutputOf } from '../../shared/contract';
import { useApp } from '../app-context';
import { ErrorMessage } from '../components/ErrorMessage';

type View = OutputOf<'publicAddress.get'>;

/** Admin: the public address every printed QR starts with (docs/queue.md, "Public address"). */
export function PublicAddressCard() {
  const { t, api } = useApp();
  const [view, setView] = useState<View | null>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void api.call('publicAddress.get', {}).then((r) => {
      if (!r.ok) return;
      setView(r.data);
      setValue(r.data.url ?? '');
    });
  }, [api]);

  if (!view) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const r = await api.call('publicAddress.update', { url: value.trim() === '' ? null : value });
    if (r.ok) {
      setError(null);
      setSaved(true);
      setView(r.data);
      setValue(r.data.url ?? '');
    } else setError(r.error);
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="public-address-title">
      <h2 id="public-address-title">{t('publicAddress.title')}</h2>
      <label>
        {t('publicAddress.label')}
        <input
          type="url"
          inputMode="url"
          placeholder="http://192.168.1.10:8787"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <p className="hint">{t('publicAddress.help')}</p>
      {view.runOverride && (
        <p className="alert" role="note">
          {t('publicAddress.override', { url: view.runOverride })}
        </p>
      )}
      {!view.effective && <p className="hint">{t('publicAddress.none')}</p>}
      <ErrorMessage error={error} />
      {saved && (
        <p className="alert alert-ok" role="status">
          {t('publicAddress.saved')}
        </p>
      )}
      <button type="submit" className="btn">
        {t('publicAddress.save')}
      </button>
    </form>
  );
}
