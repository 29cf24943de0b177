import { useState, type FormEvent } from 'react';
import type { ApiError, OutputOf } from '../../shared/contract';
import { useApp } from '../app-context';
import { useOp } from '../api/query';
import { FormOutcome } from '../components/ErrorMessage';

type View = OutputOf<'bankAccount.get'>;

/**
 * Admin: the account receiving fees by transfer. When set, receipts and return slips carry a
 * VietQR payment code (docs/desk.md, "Fees and VietQR").
 */
export function BankAccountCard() {
  const loaded = useOp('bankAccount.get', {});
  // The form starts from the account as loaded once; a later reload does not overwrite a draft.
  return loaded.data ? <BankAccountForm view={loaded.data} /> : null;
}

function BankAccountForm({ view }: { view: View }) {
  const { t, api } = useApp();
  const [bin, setBin] = useState(view.account?.bankBin ?? '');
  const [number, setNumber] = useState(view.account?.accountNumber ?? '');
  const [name, setName] = useState(view.account?.accountName ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const account = bin === '' ? null : { bankBin: bin, accountNumber: number, accountName: name };
    const r = await api.call('bankAccount.update', { account });
    if (r.ok) {
      setError(null);
      setSaved(true);
    } else setError(r.error);
  };
  return (
    <form
      className="card"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="bank-account-title"
      data-testid="bank-account"
    >
      <h2 id="bank-account-title">{t('desk.bank.title')}</h2>
      <label>
        {t('desk.bank.bank')}
        <select value={bin} onChange={(e) => setBin(e.target.value)} data-testid="bank-bin">
          <option value="">{t('desk.bank.none')}</option>
          {view.banks.map((b) => (
            <option key={b.bin} value={b.bin}>
              {b.shortName} — {b.name}
            </option>
          ))}
        </select>
      </label>
      {bin !== '' && (
        <>
          <label>
            {t('desk.bank.accountNumber')}
            <input
              value={number}
              inputMode="numeric"
              onChange={(e) => setNumber(e.target.value)}
              required
              data-testid="bank-number"
            />
          </label>
          <label>
            {t('desk.bank.accountName')}
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              data-testid="bank-name"
            />
          </label>
        </>
      )}
      <p className="hint">{t('desk.bank.help')}</p>
      <FormOutcome error={error} notice={saved && t('desk.bank.saved')} />
      <button type="submit" className="btn">
        {t('desk.bank.save')}
      </button>
    </form>
  );
}
