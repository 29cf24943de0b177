import { useState, type FormEvent } from 'react';
import type { ApiError, OutputOf } from '../../shared/contract';
import { systemOperations } from '../../shared/contract/system';
import { useApp } from '../app-context';
import { useOp } from '../api/query';
import { FormOutcome } from '../components/ErrorMessage';
import { checkWithSchema } from '../forms/useSchemaForm';

type View = OutputOf<'publicAddress.get'>;

/** Admin: the public address every printed QR starts with (docs/queue.md, "Public address"). */
export function PublicAddressCard() {
  const loaded = useOp('publicAddress.get', {});
  // The form starts from the address as loaded once; a later reload does not overwrite a draft.
  return loaded.data ? <PublicAddressForm initial={loaded.data} /> : null;
}

function PublicAddressForm({ initial }: { initial: View }) {
  const { t, api, lang } = useApp();
  const [view, setView] = useState<View>(initial);
  const [value, setValue] = useState(initial.url ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const input = checkWithSchema(
      systemOperations.publicAddressUpdate.input,
      { url: value.trim() === '' ? null : value },
      lang,
    );
    if (!input.ok) return setError(input.error);
    const r = await api.call('publicAddress.update', input.data);
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
      <FormOutcome error={error} notice={saved && t('publicAddress.saved')} />
      <button type="submit" className="btn">
        {t('publicAddress.save')}
      </button>
    </form>
  );
}
