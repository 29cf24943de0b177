import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { OutputOf } from '../../shared/contract';
import { vnTimeOfDay } from '../../shared/time/vnTime';
import { useApp } from '../app-context';
import { Clock } from '../components/Clock';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { Announcer, VOICE_BASE } from '../queue/announcer';

type Board = OutputOf<'queue.board'>;
type Services = OutputOf<'queue.services'>;

const POLL_MS = 10_000;

/**
 * The lobby board: the number each counter serves, the last 6 calls, how many wait per
 * service, the fairness rule, date and time. Public screen: ticket numbers and counters only —
 * never a citizen's name or ID number. Updates on every queue event (SSE), keeps the last
 * good state and says "mất kết nối" when the hub cannot be reached, and speaks each call.
 */
export function DisplayPage({ site }: { site: OutputOf<'site.get'> | null }) {
  const { t, api, connection, onEvent, lang } = useApp();
  const [board, setBoard] = useState<Board | null>(null);
  const [services, setServices] = useState<Services>([]);
  const [lastGood, setLastGood] = useState<Date | null>(null);
  const [fetchFailed, setFetchFailed] = useState(false);
  const [soundBlocked, setSoundBlocked] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const announcer = useMemo(() => new Announcer(undefined, undefined, setSoundBlocked), []);
  const inFlight = useRef(false);

  const load = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const [b, s] = await Promise.all([
        api.call('queue.board', {}),
        api.call('queue.services', {}),
      ]);
      if (b.ok) {
        setBoard(b.data);
        setLastGood(new Date());
        setFetchFailed(false);
      } else setFetchFailed(true);
      if (s.ok) setServices(s.data);
    } finally {
      inFlight.current = false;
    }
  }, [api]);

  useEffect(() => {
    void load();
    const id = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(id);
  }, [load, connection, lang]);

  useEffect(
    () =>
      onEvent((e) => {
        if (e.type === 'queue.called' && e.data) {
          const number = typeof e.data.number === 'string' ? e.data.number : null;
          const counter = typeof e.data.counter === 'number' ? e.data.counter : null;
          if (number && counter !== null) {
            announcer.announce(number, counter);
            setFlash(number);
          }
        }
        if (e.type.startsWith('queue.') || e.type === 'hello') void load();
      }),
    [onEvent, load, announcer],
  );

  useEffect(() => {
    if (!flash) return;
    const id = setTimeout(() => setFlash(null), 6000);
    return () => clearTimeout(id);
  }, [flash]);

  const offline = connection === 'offline' || fetchFailed;
  const serviceOf = (id: string) => services.find((s) => s.id === id);

  return (
    <main id="main" className="display">
      <header className="display-header">
        <div>
          <h1>{site?.agencyName ?? t('display.title')}</h1>
          <div className="display-tagline">{t('app.tagline')}</div>
        </div>
        <Clock className="display-clock" />
      </header>
      {offline && (
        <p className="display-offline" role="alert" data-testid="display-offline">
          {t('display.offline', { time: lastGood ? vnTimeOfDay(lastGood) : '—' })}
        </p>
      )}
      <div className="display-body">
        <section className="display-serving" aria-labelledby="d-serving">
          <h2 id="d-serving">{t('display.nowServing')}</h2>
          <table className="display-board">
            <thead>
              <tr>
                <th scope="col">{t('display.counter')}</th>
                <th scope="col">{t('display.serving')}</th>
              </tr>
            </thead>
            <tbody>
              {(board?.serving ?? []).map((s) => (
                <tr key={s.counter} data-testid={`serving-${s.counter}`}>
                  <td>{t('display.counterN', { number: s.counter })}</td>
                  <td
                    className={
                      s.number
                        ? s.number === flash
                          ? 'display-number display-flash'
                          : 'display-number'
                        : 'display-idle'
                    }
                  >
                    {s.number ?? (s.paused ? t('display.paused') : t('display.idle'))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <aside className="display-side">
          <section aria-labelledby="d-recent">
            <h2 id="d-recent">{t('display.recentCalls')}</h2>
            <ol className="display-recent" data-testid="recent-calls">
              {(board?.recent ?? []).map((r) => (
                <li key={`${r.number}-${r.at}`}>
                  <strong>{r.number}</strong>
                  <span>→ {t('display.counterN', { number: r.counter })}</span>
                </li>
              ))}
            </ol>
          </section>
          <section aria-labelledby="d-waiting">
            <h2 id="d-waiting">{t('display.waitingPerService')}</h2>
            <ul className="display-waiting" data-testid="waiting-per-service">
              {(board?.waiting ?? []).map((w) => (
                <li key={w.serviceId}>
                  <span>
                    <strong>{serviceOf(w.serviceId)?.prefix ?? ''}</strong>{' '}
                    {serviceOf(w.serviceId)?.name ?? ''}
                  </span>
                  <span>{t('display.people', { count: w.count })}</span>
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
      <section className="display-rule" aria-labelledby="d-rule">
        <h2 id="d-rule">{t('display.rule')}</h2>
        <p data-testid="board-rule">{board?.rule ?? ''}</p>
      </section>
      <footer className="display-footer">
        <ConnectionStatus />
        {soundBlocked && (
          <button
            type="button"
            className="btn btn-ghost display-sound"
            onClick={() => {
              // A click is the user gesture browsers require before playing sound.
              setSoundBlocked(false);
              void new Audio(`${VOICE_BASE}chime.wav`).play().catch(() => undefined);
            }}
          >
            {t('display.enableSound')}
          </button>
        )}
      </footer>
    </main>
  );
}
