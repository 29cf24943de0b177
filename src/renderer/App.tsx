import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import type { OutputOf } from '../shared/contract';
import { useApp } from './app-context';
import { navigate, usePath } from './router';

type Site = OutputOf<'site.get'>;

/*
 * One screen per path, each loaded on demand: the lobby board, the kiosk, the rating
 * tablet and the ticket page download only their own code, never the desk's
 * (README, "Renderer build and browser baseline"; the build prints each screen's size).
 */
const DeskShell = lazy(() => import('./DeskShell').then((m) => ({ default: m.DeskShell })));
const DisplayPage = lazy(() =>
  import('./display/DisplayPage').then((m) => ({ default: m.DisplayPage })),
);
const KioskPage = lazy(() => import('./kiosk/KioskPage').then((m) => ({ default: m.KioskPage })));
const RatePage = lazy(() => import('./kiosk/RatePage').then((m) => ({ default: m.RatePage })));
const PhoneUploadPage = lazy(() =>
  import('./upload/PhoneUploadPage').then((m) => ({ default: m.PhoneUploadPage })),
);
const TicketStatusPage = lazy(() =>
  import('./queue/TicketStatusPage').then((m) => ({ default: m.TicketStatusPage })),
);

export function App() {
  const { t, api } = useApp();
  const path = usePath();
  const [site, setSite] = useState<Site | null>(null);
  const [needsAdmin, setNeedsAdmin] = useState<boolean | null>(null);

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

  let screen;
  if (path.startsWith('/kiosk')) screen = <KioskPage site={site} />;
  else if (path.startsWith('/rate')) screen = <RatePage />;
  else if (path.startsWith('/display')) screen = <DisplayPage site={site} />;
  else if (path.startsWith('/upload/'))
    screen = <PhoneUploadPage token={path.slice('/upload/'.length)} />;
  else if (path.startsWith('/ticket/'))
    screen = <TicketStatusPage id={path.slice('/ticket/'.length)} />;
  else
    screen = (
      <DeskShell
        path={path}
        site={site}
        needsAdmin={needsAdmin}
        onSetupDone={() => void loadBasics()}
        onSiteChanged={setSite}
      />
    );
  return <Suspense fallback={<p>{t('app.loading')}</p>}>{screen}</Suspense>;
}
