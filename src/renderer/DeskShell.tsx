import type { OutputOf } from '../shared/contract';
import { useApp } from './app-context';
import { TopBar } from './components/TopBar';
import { DeskPage } from './desk/DeskPage';
import { LoginPage } from './desk/LoginPage';
import { SetupPage } from './desk/SetupPage';

type Site = OutputOf<'site.get'>;

/**
 * The officers' screens (/desk, /login, /setup, the provincial hub's receiving screen) with
 * their top bar. Loaded on demand by App.tsx, so the lobby board, the kiosk and the ticket
 * page never download the desk (README, "Renderer build and browser baseline").
 */
export function DeskShell({
  path,
  site,
  needsAdmin,
  onSetupDone,
  onSiteChanged,
}: {
  path: string;
  site: Site | null;
  needsAdmin: boolean | null;
  onSetupDone: () => void;
  onSiteChanged: (site: Site) => void;
}) {
  const { t, session } = useApp();

  let content;
  if (needsAdmin === true) {
    content = <SetupPage onDone={onSetupDone} />;
  } else if (path.startsWith('/desk') || path.startsWith('/login') || path.startsWith('/setup')) {
    content = !session ? (
      <LoginPage />
    ) : site ? (
      <DeskPage site={site} onSiteChanged={onSiteChanged} />
    ) : (
      <p>{t('app.loading')}</p>
    );
  } else {
    content = (
      <main id="main" className="page">
        <p>{t('common.notFoundPage')}</p>
      </main>
    );
  }
  return (
    <div className="app-shell">
      <TopBar current={path} siteName={site?.agencyName ?? null} />
      {content}
    </div>
  );
}
