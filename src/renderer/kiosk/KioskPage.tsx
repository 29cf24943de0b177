import './kiosk.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { OutputOf } from '../../shared/contract';
import { useApp } from '../app-context';
import { Clock } from '../components/Clock';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { PairingPanel, useDevicePairing } from './DevicePairing';
import { KioskErrorBoundary } from './ErrorBoundary';
import { HomeIcon, SpeakerIcon } from './icons';
import { KioskContext, type KioskContextValue, type KioskScreen } from './kioskContext';
import { HomeScreen } from './screens/HomeScreen';
import { LookupScreen } from './screens/LookupScreen';
import { ProceduresScreen } from './screens/ProceduresScreen';
import { RatingScreen } from './screens/RatingScreen';
import { TakeNumberScreen } from './screens/TakeNumberScreen';
import type { ReadPart } from './speech';
import { ScreenReader } from './voice';

/** Back to the home screen after this long without a touch (never while someone acts). */
export const IDLE_RESET_MS = 60_000;
/** "Ông/bà cần thêm thời gian?" this long without a touch, before the reset. */
export const IDLE_WARN_MS = 45_000;

function initialScreen(): KioskScreen {
  const code = new URLSearchParams(window.location.search).get('lookup');
  return code ? { name: 'lookup', code: code.slice(0, 60) } : { name: 'home' };
}

/** The citizen touch screen (fullscreen, no keyboard, no mouse). */
export function KioskPage({ site }: { site: OutputOf<'site.get'> | null }) {
  const { t, connection } = useApp();
  const [screen, setScreen] = useState<KioskScreen>(initialScreen);
  const [visit, setVisit] = useState(0); // a new visit remounts the screen (fresh state)
  const [largeText, setLargeText] = useState(false);
  const [highContrast, setHighContrast] = useState(false);
  const [speaking, setSpeaking] = useState(false);
  const [idleWarning, setIdleWarning] = useState(false);
  const readout = useRef<readonly ReadPart[]>([]);
  // True when the last "Đọc to" met admin-named text and the machine has no Vietnamese voice.
  const [noVoice, setNoVoice] = useState(false);
  const [reader] = useState(() => new ScreenReader(setSpeaking, setNoVoice));
  const pairing = useDevicePairing(['kiosk']);

  const go = useCallback(
    (next: KioskScreen) => {
      reader.stop();
      readout.current = [];
      setNoVoice(false);
      setScreen(next);
      setVisit((v) => v + 1);
    },
    [reader],
  );
  const goHome = useCallback(() => go({ name: 'home' }), [go]);

  // The end of a visit: the next person starts from home with the default text size and
  // contrast (one person's "Chữ to" is not the next one's).
  const endVisit = useCallback(() => {
    setLargeText(false);
    setHighContrast(false);
    setIdleWarning(false);
    goHome();
  }, [goHome]);

  // Idle: a warning with "Tôi cần thêm thời gian" at 45 s without a touch, the end of the
  // visit at 60 s. Any touch (the warning's button too) restarts the count.
  useEffect(() => {
    let warn = window.setTimeout(() => setIdleWarning(true), IDLE_WARN_MS);
    let reset = window.setTimeout(endVisit, IDLE_RESET_MS);
    const touched = () => {
      window.clearTimeout(warn);
      window.clearTimeout(reset);
      setIdleWarning(false);
      warn = window.setTimeout(() => setIdleWarning(true), IDLE_WARN_MS);
      reset = window.setTimeout(endVisit, IDLE_RESET_MS);
    };
    const events = ['pointerdown', 'touchstart', 'keydown'] as const;
    events.forEach((e) => document.addEventListener(e, touched, { passive: true }));
    return () => {
      window.clearTimeout(warn);
      window.clearTimeout(reset);
      events.forEach((e) => document.removeEventListener(e, touched));
    };
  }, [endVisit]);

  useEffect(() => () => reader.stop(), [reader]);

  // Kiosk lockdown in the page too: no context menu, no pinch/ctrl zoom, no drag.
  useEffect(() => {
    const prevent = (e: Event) => e.preventDefault();
    const noZoom = (e: WheelEvent) => {
      if (e.ctrlKey) e.preventDefault();
    };
    document.addEventListener('contextmenu', prevent);
    document.addEventListener('dragstart', prevent);
    document.addEventListener('gesturestart', prevent);
    document.addEventListener('wheel', noZoom, { passive: false });
    return () => {
      document.removeEventListener('contextmenu', prevent);
      document.removeEventListener('dragstart', prevent);
      document.removeEventListener('gesturestart', prevent);
      document.removeEventListener('wheel', noZoom);
    };
  }, []);

  const ctx = useMemo<KioskContextValue>(
    () => ({
      go,
      goHome,
      setReadout: (parts) => {
        readout.current = parts;
      },
      read: (parts) => void reader.read(parts),
    }),
    [go, goHome, reader],
  );

  const offline = connection === 'offline';
  let body;
  // Unpaired: only the read-only lookup (a receipt's QR opens /kiosk?lookup=… on a phone)
  // works; everything else shows the pairing step (docs/security.md, "Devices").
  const unpaired = pairing.state.status !== 'paired' && screen.name !== 'lookup';
  if (unpaired) {
    body =
      pairing.state.status === 'checking' ? (
        <p className="klead">{t('device.unpaired.checking')}</p>
      ) : (
        <PairingPanel
          kind="kiosk"
          defaultName={t('device.defaultName.kiosk')}
          onPaired={pairing.recheck}
        />
      );
  } else
    switch (screen.name) {
      case 'take':
        body = <TakeNumberScreen presetServiceId={screen.serviceId} />;
        break;
      case 'lookup':
        body = <LookupScreen initialCode={screen.code} agencyCode={site?.agencyCode ?? null} />;
        break;
      case 'procedures':
        body = <ProceduresScreen />;
        break;
      case 'rating':
        body = <RatingScreen />;
        break;
      default:
        body = <HomeScreen />;
    }

  const classes = ['kiosk', largeText ? 'kiosk-large' : '', highContrast ? 'kiosk-contrast' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <KioskContext.Provider value={ctx}>
      <div className={classes} data-testid="kiosk" data-screen={screen.name}>
        <header className="kiosk-header">
          <div className="kiosk-brand">
            <div className="kiosk-site">{site?.agencyName ?? t('app.name')}</div>
            <div className="kiosk-tagline">{t('app.tagline')}</div>
          </div>
          <Clock className="kiosk-clock" />
          <div className="kiosk-tools" role="group" aria-label={t('kiosk.settingsLabel')}>
            <button
              type="button"
              className="kbtn kbtn-tool"
              aria-pressed={largeText}
              onClick={() => setLargeText((v) => !v)}
            >
              <span className="kiosk-aa" aria-hidden="true">
                A<span>A</span>
              </span>
              {t('kiosk.largeText')}
            </button>
            <button
              type="button"
              className="kbtn kbtn-tool"
              aria-pressed={highContrast}
              onClick={() => setHighContrast((v) => !v)}
            >
              <span className="kiosk-contrast-dot" aria-hidden="true" />
              {t('kiosk.highContrast')}
            </button>
            <button
              type="button"
              className="kbtn kbtn-tool kbtn-read"
              aria-pressed={speaking}
              data-testid="read-aloud"
              onClick={() => void reader.read(readout.current)}
            >
              <SpeakerIcon />
              {t('kiosk.readAloud')}
            </button>
          </div>
        </header>

        <main id="main" className="kiosk-main">
          {offline && (
            <div className="kalert kalert-error" role="alert" data-testid="kiosk-offline">
              {t('kiosk.err.offline')}
            </div>
          )}
          {noVoice && (
            <div className="kalert" role="status" data-testid="no-vietnamese-voice">
              {t('kiosk.voice.noVietnameseVoice')}
            </div>
          )}
          <KioskErrorBoundary
            resetKey={visit}
            fallback={(reset) => (
              <div className="kpanel kcenter" role="alert" data-testid="kiosk-crash">
                <h1 className="ktitle">{t('kiosk.err.crashTitle')}</h1>
                <p className="klead">{t('kiosk.err.generic')}</p>
                <button
                  type="button"
                  className="kbtn kbtn-primary kbtn-big"
                  onClick={() => {
                    reset();
                    goHome();
                  }}
                >
                  {t('kiosk.err.restart')}
                </button>
              </div>
            )}
          >
            <div key={visit} className="kiosk-screen">
              {body}
            </div>
          </KioskErrorBoundary>
        </main>

        {idleWarning && (screen.name !== 'home' || largeText || highContrast) && (
          <div
            className="kidle"
            role="alertdialog"
            aria-labelledby="kidle-text"
            data-testid="kiosk-idle"
          >
            <p id="kidle-text" className="klead">
              {t('kiosk.idle.warning', { seconds: (IDLE_RESET_MS - IDLE_WARN_MS) / 1000 })}
            </p>
            <button
              type="button"
              className="kbtn kbtn-primary kbtn-big"
              data-testid="kiosk-more-time"
            >
              {t('kiosk.idle.moreTime')}
            </button>
          </div>
        )}

        <footer className="kiosk-footer">
          <button
            type="button"
            className="kbtn kbtn-home"
            onClick={goHome}
            data-testid="kiosk-home"
          >
            <HomeIcon />
            {t('kiosk.homeButton')}
          </button>
          <p className="kiosk-help">{t('kiosk.helpLine')}</p>
          <ConnectionStatus />
        </footer>
      </div>
    </KioskContext.Provider>
  );
}
