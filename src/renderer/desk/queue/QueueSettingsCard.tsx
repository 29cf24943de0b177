import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../shared/contract';
import { queueSettingsSchema, type QueueSettings } from '../../../shared/contract/queue';
import { useApp } from '../../app-context';
import { useOp } from '../../api/query';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSchemaForm } from '../../forms/useSchemaForm';

/** Admin: the queue's ordering, reactivation and printing rules (docs/queue.md). */
export function QueueSettingsCard() {
  const settings = useOp('queue.settings', {});
  // The form starts from the settings as loaded once; later changes do not overwrite a draft.
  return settings.data ? <SettingsForm initial={settings.data} /> : null;
}

function SettingsForm({ initial }: { initial: QueueSettings }) {
  const { t, api } = useApp();
  const { values: form, setValues: setForm, check } = useSchemaForm(queueSettingsSchema, initial);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const valid = check();
    if (!valid.ok) return setError(valid.error);
    const r = await api.call('queue.settingsUpdate', valid.data);
    if (r.ok) {
      setError(null);
      setSaved(true);
      setForm(r.data);
    } else setError(r.error);
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="q-settings-title">
      <h2 id="q-settings-title">{t('queue.settings.title')}</h2>
      <div className="form-grid">
        <label>
          {t('queue.settings.ratio')}
          <input
            type="number"
            min={0}
            max={10}
            value={form.regularPerPriority}
            onChange={(e) => setForm({ ...form, regularPerPriority: Number(e.target.value) })}
          />
        </label>
        <label>
          {t('queue.settings.reactivate')}
          <select
            value={form.reactivatePosition}
            onChange={(e) =>
              setForm({
                ...form,
                reactivatePosition:
                  e.target.value === 'end' || e.target.value === 'original'
                    ? e.target.value
                    : 'after',
              })
            }
          >
            <option value="after">{t('queue.settings.reactivate.after')}</option>
            <option value="end">{t('queue.settings.reactivate.end')}</option>
            <option value="original">{t('queue.settings.reactivate.original')}</option>
          </select>
        </label>
        <label>
          {t('queue.settings.reactivateAfter')}
          <input
            type="number"
            min={1}
            max={20}
            value={form.reactivateAfter}
            disabled={form.reactivatePosition !== 'after'}
            onChange={(e) => setForm({ ...form, reactivateAfter: Number(e.target.value) })}
          />
        </label>
        <label className="check span-2">
          <input
            type="checkbox"
            checked={form.maxWaitOverride}
            onChange={(e) => setForm({ ...form, maxWaitOverride: e.target.checked })}
          />
          {t('queue.settings.maxWait')}
        </label>
        <label className="check span-2">
          <input
            type="checkbox"
            checked={form.issueOnlyIfPrinted}
            onChange={(e) => setForm({ ...form, issueOnlyIfPrinted: e.target.checked })}
          />
          {t('queue.settings.issueOnlyIfPrinted')}
        </label>
        <fieldset className="span-2">
          <legend>{t('queue.settings.categories')}</legend>
          {form.priorityCategories.map((c, i) => (
            <label key={c.code} className="check">
              <input
                type="checkbox"
                checked={c.enabled}
                onChange={(e) =>
                  setForm({
                    ...form,
                    priorityCategories: form.priorityCategories.map((x, j) =>
                      j === i ? { ...x, enabled: e.target.checked } : x,
                    ),
                  })
                }
              />
              {c.label}
            </label>
          ))}
        </fieldset>
        <label>
          {t('queue.settings.voiceRepeat')}
          <input
            type="number"
            min={1}
            max={3}
            value={form.voiceRepeat}
            onChange={(e) => setForm({ ...form, voiceRepeat: Number(e.target.value) })}
          />
        </label>
        <label>
          {t('queue.settings.voicePause')}
          <input
            type="number"
            min={0}
            max={5000}
            step={100}
            value={form.voicePauseMs}
            onChange={(e) => setForm({ ...form, voicePauseMs: Number(e.target.value) })}
          />
        </label>
      </div>
      <ErrorMessage error={error} />
      {saved && (
        <p className="alert alert-ok" role="status">
          {t('queue.settings.saved')}
        </p>
      )}
      <button type="submit" className="btn btn-primary">
        {t('queue.settings.save')}
      </button>
    </form>
  );
}
