import './kiosk.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RatingWindow } from '../../shared/contract/ratings';
import type { KioskVoiceKey } from '../../shared/kiosk/voiceClips';
import { useApp } from '../app-context';
import { useOp } from '../api/query';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { PairingPanel, useDevicePairing } from './DevicePairing';
import { KioskErrorBoundary } from './ErrorBoundary';
import { SpeakerIcon } from './icons';
import { RatingPanel } from './RatingPanel';
import { ScreenReader } from './voice';

/** How long "thank you" / "time is over" stays before the screen waits for the next one. */
export const RATE_MESSAGE_MS = 5_000;

type State =
  | { name: 'idle' }
  | { name: 'rate'; window: RatingWindow }
  | { name: 'thanks' }
  | { name: 'closed' }
  | { name: 'rated' };

/**
 * The counter's rating screen (`/rate?counter=N`): a tablet or a second small window at the
 * counter, paired as a rating device (docs/security.md, "Devices"). It opens by itself when
 * the officer completes a service there: the public event 'rating.open' says only which
 * counter, and the tablet asks `ratings.open` (paired devices only) for the ticket it rates.
 * It closes after 30 s.
 */
export function RatePage() {
  const { t, connection } = useApp();
  const number = Number(new URLSearchParams(window.location.search).get('counter'));
  const [state, setState] = useState<State>({ name: 'idle' });
  const [speaking, setSpeaking] = useState(false);
  const [reader] = useState(() => new ScreenReader(setSpeaking));
  const [readout, setReadout] = useState<KioskVoiceKey[]>(['kiosk.rate.counterIdle']);
  const pairing = useDevicePairing(['rating', 'kiosk']);
  const paired = pairing.state.status === 'paired';

  // This counter (null: no such counter), then its open window with the ticket it rates (a
  // paired device's call), reloaded when a window opens or closes ('rating.open',
  // 'rating.closed' in EVENT_INVALIDATES) and on reconnection.
  const counters = useOp('counters.list', {}, { enabled: paired });
  const counterId =
    counters.data === undefined
      ? undefined
      : (counters.data.find((x) => x.number === number)?.id ?? null);
  const open = useOp(
    'ratings.open',
    { counterId: counterId ?? '' },
    { enabled: paired && typeof counterId === 'string' },
  );
  const next = open.data?.[0];
  const shown = useRef<string | null>(null); // a ticket is rated once: its window opens once
  useEffect(() => {
    if (!next || next.ticketId === shown.current) return;
    shown.current = next.ticketId;
    setState({ name: 'rate', window: next });
  }, [next]);

  useEffect(() => {
    if (state.name !== 'thanks' && state.name !== 'closed' && state.name !== 'rated')
      return undefined;
    const timer = window.setTimeout(() => setState({ name: 'idle' }), RATE_MESSAGE_MS);
    return () => window.clearTimeout(timer);
  }, [state]);

  useEffect(() => {
    if (state.name === 'thanks') setReadout(['kiosk.rate.thanks']);
    else if (state.name === 'closed') setReadout(['kiosk.rate.closed']);
    else if (state.name === 'rated') setReadout(['kiosk.rate.alreadyRated']);
    else if (state.name === 'idle') setReadout(['kiosk.rate.counterIdle']);
  }, [state]);

  useEffect(() => () => reader.stop(), [reader]);

  const done = useCallback(() => setState({ name: 'thanks' }), []);
  const expired = useCallback(() => setState({ name: 'closed' }), []);
  const rated = useCallback(() => setState({ name: 'rated' }), []);
  const panelReadout = useCallback((parts: KioskVoiceKey[]) => setReadout(parts), []);

  let body;
  if (pairing.state.status === 'checking') {
    body = <p className="klead">{t('device.unpaired.checking')}</p>;
  } else if (!paired) {
    body = (
      <PairingPanel
        kind="rating"
        defaultName={t('device.defaultName.rating', {
          counter: Number.isFinite(number) ? number : '?',
        })}
        onPaired={pairing.recheck}
      />
    );
  } else if (counterId === null) {
    body = (
      <div className="kalert kalert-error" role="alert">
        {t('kiosk.rate.unknownCounter')}
      </div>
    );
  } else if (state.name === 'rate') {
    body = (
      <RatingPanel
        key={state.window.ticketId}
        window={state.window}
        onDone={done}
        onExpired={expired}
        onRated={rated}
        onReadout={panelReadout}
      />
    );
  } else if (state.name === 'thanks') {
    body = (
      <p className="kbig-message" role="status" data-testid="rating-thanks">
        {t('kiosk.rate.thanks')}
      </p>
    );
  } else if (state.name === 'rated') {
    body = (
      <p className="kbig-message" role="status" data-testid="rating-already">
        {t('kiosk.rate.alreadyRated')}
      </p>
    );
  } else if (state.name === 'closed') {
    body = (
      <p className="klead" role="status" data-testid="rating-closed">
        {t('kiosk.rate.closed')}
      </p>
    );
  } else {
    body = (
      <p className="kbig-message kmuted" data-testid="rating-idle">
        {t('kiosk.rate.counterIdle')}
      </p>
    );
  }

  return (
    <div className="kiosk kiosk-rate" data-testid="rate-page">
      <header className="kiosk-header">
        <div className="kiosk-brand">
          <div className="kiosk-site">{t('kiosk.menu.rating')}</div>
        </div>
        <div className="kiosk-tools">
          <button
            type="button"
            className="kbtn kbtn-tool kbtn-read"
            aria-pressed={speaking}
            disabled={readout.length === 0}
            onClick={() => void reader.read(readout)}
          >
            <SpeakerIcon />
            {t('kiosk.readAloud')}
          </button>
        </div>
      </header>
      <main id="main" className="kiosk-main">
        <h1 className="ktitle kcenter-text">
          {t('kiosk.rate.counterTitle', { counter: Number.isFinite(number) ? number : '?' })}
        </h1>
        {connection === 'offline' && (
          <div className="kalert kalert-error" role="alert">
            {t('kiosk.err.offline')}
          </div>
        )}
        <KioskErrorBoundary
          resetKey={state}
          fallback={() => (
            <div className="kalert kalert-error" role="alert">
              {t('kiosk.err.generic')}
            </div>
          )}
        >
          {body}
        </KioskErrorBoundary>
      </main>
      <footer className="kiosk-footer">
        <p className="kiosk-help">{t('kiosk.helpLine')}</p>
        <ConnectionStatus />
      </footer>
    </div>
  );
}
