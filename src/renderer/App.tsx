import { useCallback, useEffect, useState } from 'react';
import type { OutputOf } from '../shared/contract';
import { useApp } from './app-context';
import { TopBar } from './components/TopBar';
import { useHubRole } from './components/useHubRole';
import { DeskPage } from './desk/DeskPage';
import { LoginPage } from './desk/LoginPage';
import { SetupPage } from './desk/SetupPage';
import { ProvincePage } from './desk/sync/ProvincePage';
import { DisplayPage } from './display/DisplayPage';
import { KioskPage } from './kiosk/KioskPage';
import { RatePage } from './kiosk/RatePage';
import { TicketStatusPage } from './queue/TicketStatusPage';
import { navigate, usePath } from './router';

type Site = OutputOf<'site.get'>;

export function App() {
  const { t, api, session } = useApp();
  const path = usePath();
  const [site, setSite] = useState<Site | null>(null);
  const [needsAdmin, setNeedsAdmin] = useState<boolean | null>(null);
  const role = useHubRole(); // issue 8: a provincial hub shows its receiving screen

  const loadBasics = useCallback(async () => {
    const [s, setup] = await Promise.all([api.call('site.get', {}), api.call('setup.status', {})]);
    if (s.ok) setSite(s.data);
    if (setup.ok) setNeedsAdmin(setup.data.needsAdmin);
  }, [api]);

  useEffect(() => {
    void loadBasics();
  }, [loadBasics]);

  useEffect(() => {
    if (path === '/' || path === '') navigate('/desk');
  }, [path]);

  useEffect(() => {
    document.title = `${t('app.name')}${site ? ` — ${site.agencyName}` : ''}`;
  }, [t, site]);

  if (path.startsWith('/kiosk')) return <KioskPage site={site} />;
  if (path.startsWith('/rate')) return <RatePage />;
  if (path.startsWith('/display')) return <DisplayPage site={site} />;
  if (path.startsWith('/ticket/')) return <TicketStatusPage id={path.slice('/ticket/'.length)} />;

  let content;
  if (needsAdmin === true) {
    content = <SetupPage onDone={() => void loadBasics()} />;
  } else if (path.startsWith('/desk') || path.startsWith('/login') || path.startsWith('/setup')) {
    content = !session ? (
      <LoginPage />
    ) : role === 'province' ? (
      <ProvincePage />
    ) : site && role ? (
      <DeskPage site={site} onSiteChanged={setSite} />
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
