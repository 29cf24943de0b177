import type { OutputOf } from '../../shared/contract';
import { useApp } from '../app-context';
import { Clock } from '../components/Clock';
import { ConnectionStatus } from '../components/ConnectionStatus';

/** The citizen touch screen (fullscreen, no keyboard). Self-service choices plug in here. */
export function KioskPage({ site }: { site: OutputOf<'site.get'> | null }) {
  const { t } = useApp();
  return (
    <main id="main" className="kiosk">
      <header className="kiosk-header">
        <div>
          <div className="kiosk-site">{site?.agencyName}</div>
          <div className="kiosk-tagline">{t('app.tagline')}</div>
        </div>
        <Clock className="kiosk-clock" />
      </header>
      <h1 className="kiosk-welcome">{t('kiosk.welcome')}</h1>
      <p className="kiosk-help">{t('kiosk.help')}</p>
      <footer className="kiosk-footer">
        <ConnectionStatus />
      </footer>
    </main>
  );
}
