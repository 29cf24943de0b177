import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../shared/contract';
import { useApp } from '../app-context';
import { ErrorMessage } from '../components/ErrorMessage';

export function LoginPage() {
  const { t, api, setSession } = useApp();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = await api.call('auth.login', { username, password });
    setBusy(false);
    if (result.ok) setSession(result.data);
    else {
      setError(result.error);
      setPassword('');
    }
  };

  return (
    <main id="main" className="center-page">
      <form
        className="card login-card"
        onSubmit={(e) => void submit(e)}
        aria-labelledby="login-title"
      >
        <h1 id="login-title">{t('login.title')}</h1>
        <label>
          {t('login.username')}
          <input
            name="username"
            autoComplete="username"
            autoFocus
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <ErrorMessage error={error} />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
        <p className="hint">{t('login.hint')}</p>
      </form>
    </main>
  );
}
