import { useApp } from '../app-context';
import { navigate } from '../router';
import { ConnectionStatus } from './ConnectionStatus';
import { LanguageSwitch } from './LanguageSwitch';
import { PrinterStatusBadge } from './PrinterStatusBadge';
import { SyncStatusBadge } from './SyncStatusBadge';

const LINKS = [
  { path: '/desk', key: 'nav.desk' },
  { path: '/kiosk', key: 'nav.kiosk' },
  { path: '/display', key: 'nav.display' },
] as const;

export function TopBar({ current, siteName }: { current: string; siteName: string | null }) {
  const { t, session, setSession, api } = useApp();
  const logout = async () => {
    await api.call('auth.logout', {});
    setSession(null);
  };
  return (
    <header className="topbar">
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <div className="brand">
        <strong>{t('app.name')}</strong>
        {siteName && (
          <span className="brand-site" data-testid="current-site">
            {siteName}
          </span>
        )}
      </div>
      <nav aria-label={t('app.name')}>
        {LINKS.map((l) => (
          <a
            key={l.path}
            href={l.path}
            className={current.startsWith(l.path) ? 'nav-link active' : 'nav-link'}
            aria-current={current.startsWith(l.path) ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate(l.path);
            }}
          >
            {t(l.key)}
          </a>
        ))}
      </nav>
      <div className="topbar-right">
        <PrinterStatusBadge />
        <SyncStatusBadge />
        <ConnectionStatus />
        <LanguageSwitch />
        {session && (
          <>
            <span className="user-chip" data-testid="current-user">
              {session.user.fullName}
            </span>
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => void logout()}
              data-testid="logout"
            >
              {t('nav.logout')}
            </button>
          </>
        )}
      </div>
    </header>
  );
}
