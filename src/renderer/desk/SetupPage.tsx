import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../shared/contract';
import { transportKind } from '../api/client';
import { useApp } from '../app-context';
import { ErrorMessage } from '../components/ErrorMessage';

/**
 * First start without demo data: create the admin password from the screen. In a browser the
 * hub asks for its one-time setup code (terminal or setup-code.txt); the desktop app's own
 * window (IPC, same machine) needs none.
 */
export function SetupPage({ onDone }: { onDone(): void }) {
  const { t, api } = useApp();
  const needsCode = transportKind() === 'http';
  const [setupCode, setSetupCode] = useState('');
  const [fullName, setFullName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password !== confirm) {
      setError(t('setup.passwordMismatch'));
      return;
    }
    setBusy(true);
    const result = await api.call(
      'setup.createAdmin',
      needsCode ? { setupCode, fullName, password } : { fullName, password },
    );
    setBusy(false);
    if (result.ok) onDone();
    else setError(result.error);
  };

  return (
    <main id="main" className="center-page">
      <form
        className="card login-card"
        onSubmit={(e) => void submit(e)}
        aria-labelledby="setup-title"
      >
        <h1 id="setup-title">{t('setup.title')}</h1>
        <p>{t('setup.intro')}</p>
        {needsCode && (
          <>
            <label>
              {t('setup.code')}
              <input
                required
                value={setupCode}
                onChange={(e) => setSetupCode(e.target.value)}
                autoFocus
                autoComplete="off"
                spellCheck={false}
                aria-describedby="setup-code-help"
              />
            </label>
            <p id="setup-code-help" className="hint">
              {t('setup.codeHelp')}
            </p>
          </>
        )}
        <label>
          {t('setup.fullName')}
          <input
            required
            value={fullName}
            onChange={(e) => setFullName(e.target.value)}
            autoFocus={!needsCode}
          />
        </label>
        {(
          [
            ['setup.password', password, setPassword],
            ['setup.passwordConfirm', confirm, setConfirm],
          ] as const
        ).map(([label, value, setValue]) => (
          <label key={label}>
            {t(label)}
            <input
              type="password"
              required
              value={value}
              onChange={(e) => setValue(e.target.value)}
              autoComplete="new-password"
            />
          </label>
        ))}
        <p className="hint">{t('setup.passwordRule')}</p>
        <ErrorMessage error={error} />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('setup.submit')}
        </button>
      </form>
    </main>
  );
}
