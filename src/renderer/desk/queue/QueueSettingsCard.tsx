import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../shared/contract';
import { queueSettingsSchema, type QueueSettings } from '../../../shared/contract/queue';
import type { MessageKey } from '../../../shared/i18n';
import { useApp } from '../../app-context';
import { useOp } from '../../api/query';
import { FormOutcome } from '../../components/ErrorMessage';
import { useSchemaForm } from '../../forms/useSchemaForm';

/** Admin: the queue's ordering, reactivation and printing rules (docs/queue.md). */
export function QueueSettingsCard() {
  const settings = useOp('queue.settings', {});
  // The form starts from the settings as loaded once; later changes do not overwrite a draft.
  return settings.data ? <SettingsForm initial={settings.data} /> : null;
}

function SettingsForm({ initial }: { initial: QueueSettings }) {
  const { t, api } = useApp();
  const {
    values: form,
    setValues: setForm,
    set,
    check,
  } = useSchemaForm(queueSettingsSchema, initial);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  /** A labelled number input bound to one numeric setting. */
  const num = (
    field: 'regularPerPriority' | 'reactivateAfter' | 'voiceRepeat' | 'voicePauseMs',
    label: MessageKey,
    min: number,
    max: number,
    more: { step?: number; disabled?: boolean } = {},
  ) => (
    <label>
      {t(label)}
      <input
        type="number"
        min={min}
        max={max}
        {...more}
        value={form[field]}
        onChange={(e) => set(field, Number(e.target.value))}
      />
    </label>
  );

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
        {num('regularPerPriority', 'queue.settings.ratio', 0, 10)}
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
        {num('reactivateAfter', 'queue.settings.reactivateAfter', 1, 20, {
          disabled: form.reactivatePosition !== 'after',
        })}
        {(['maxWaitOverride', 'issueOnlyIfPrinted'] as const).map((field) => (
          <label key={field} className="check span-2">
            <input
              type="checkbox"
              checked={form[field]}
              onChange={(e) => set(field, e.target.checked)}
            />
            {t(
              field === 'maxWaitOverride'
                ? 'queue.settings.maxWait'
                : 'queue.settings.issueOnlyIfPrinted',
            )}
          </label>
        ))}
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
        {num('voiceRepeat', 'queue.settings.voiceRepeat', 1, 3)}
        {num('voicePauseMs', 'queue.settings.voicePause', 0, 5000, { step: 100 })}
      </div>
      <FormOutcome error={error} notice={saved && t('queue.settings.saved')} />
      <button type="submit" className="btn btn-primary">
        {t('queue.settings.save')}
      </button>
    </form>
  );
}
