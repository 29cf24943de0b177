import { useEffect, useMemo, useState } from 'react';
import { APP_EVENTS, type OutputOf } from '../../shared/contract';
import { vnTimeOfDay } from '../../shared/time/vnTime';
import { useApp } from '../app-context';
import { useOp } from '../api/query';
import { Clock } from '../components/Clock';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { Announcer, VOICE_BASE } from '../queue/announcer';
import { boardLayout } from './boardLayout';

/** The board also reloads this often, in case an event was lost (an old TV's browser). */
const POLL_MS = 10_000;
/** How long a new call takes over the whole screen (docs/queue.md, "The lobby board"). */
export const TAKEOVER_MS = 6000;
/** With more calls waiting to be shown, each one takes over for this long. */
const TAKEOVER_BUSY_MS = 3000;

interface Call {
  number: string;
  counter: number;
}

/**
 * The lobby board: the number each counter serves, large enough for the back row of the hall
 * (boardLayout.ts), the last 6 calls, how many wait per service, the fairness rule, date and
 * time — on one screen that never scrolls. A new call takes over the screen for a few
 * seconds ("Mời số A015 đến quầy 2") and is spoken. Public screen: ticket numbers and
 * counters only — never a citizen's name or ID number. Keeps the last good state and says
 * "mất kết nối" when the hub cannot be reached.
 */
export function DisplayPage({ site }: { site: OutputOf<'site.get'> | null }) {
  const { t, connection, onEvent } = useApp();
  // Reloaded on the queue's events (EVENT_INVALIDATES), on reconnection and every POLL_MS;
  // a failed load keeps the last good state on screen.
  const boardQuery = useOp('queue.board', {}, { pollMs: POLL_MS });
  const services = useOp('queue.services', {}, { pollMs: POLL_MS }).data ?? [];
  const board = boardQuery.data ?? null;
  const lastGood = boardQuery.updatedAt === null ? null : new Date(boardQuery.updatedAt);
  const fetchFailed = boardQuery.error !== null;
  const [soundBlocked, setSoundBlocked] = useState(false);
  const [soundChecked, setSoundChecked] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const [calls, setCalls] = useState<Call[]>([]);
  const announcer = useMemo(() => new Announcer({ onBlocked: setSoundBlocked }), []);

  useEffect(() => {
    if (board) announcer.configure(board.voice);
  }, [announcer, board]);

  // Browsers refuse sound until someone touches the page: find out at once (a silent probe),
  // so that the "turn on the voice" button is on screen before the first call, not after.
  useEffect(() => {
    let live = true;
    void announcer.probe().then((ok) => {
      if (!live) return;
      setSoundBlocked(!ok);
      setSoundChecked(true);
    });
    return () => {
      live = false;
    };
  }, [announcer]);

  useEffect(
    () =>
      onEvent((e) => {
        if (e.type === APP_EVENTS.queueCalled && e.data) {
          const number = typeof e.data.number === 'string' ? e.data.number : null;
          const counter = typeof e.data.counter === 'number' ? e.data.counter : null;
          if (number && counter !== null) {
            announcer.announce(number, counter);
            setFlash(number);
            // A recall, or a new call at the same counter, replaces the one not shown yet.
            setCalls((list) => [
              ...list.filter((c, i) => i === 0 || (c.number !== number && c.counter !== counter)),
              { number, counter },
            ]);
          }
        }
      }),
    [onEvent, announcer],
  );

  const current = calls[0] ?? null;
  useEffect(() => {
    if (!current) return;
    const id = setTimeout(
      () => setCalls((list) => list.slice(1)),
      calls.length > 1 ? TAKEOVER_BUSY_MS : TAKEOVER_MS,
    );
    return () => clearTimeout(id);
  }, [current, calls.length]);

  useEffect(() => {
    if (!flash) return;
    const id = setTimeout(() => setFlash(null), TAKEOVER_MS * 2);
    return () => clearTimeout(id);
  }, [flash]);

  const offline = connection === 'offline' || fetchFailed;
  const serviceOf = (id: string) => services.find((s) => s.id === id);
  const serving = board?.serving ?? [];
  const layout = boardLayout(
    serving.length,
    serving.reduce((m, s) => Math.max(m, s.number?.length ?? 0), 0),
  );

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
            <thead className="sr-only">
              <tr>
                <th scope="col">{t('display.counter')}</th>
                <th scope="col">{t('display.serving')}</th>
              </tr>
            </thead>
            <tbody
              style={{
                gridTemplateColumns: `repeat(${layout.cols}, minmax(0, 1fr))`,
                gridTemplateRows: `repeat(${layout.rows}, minmax(0, 1fr))`,
              }}
            >
              {serving.map((s) => (
                <tr
                  key={s.counter}
                  data-testid={`serving-${s.counter}`}
                  className={
                    s.number && s.number === flash ? 'display-card display-flash' : 'display-card'
                  }
                >
                  <td className="display-card-counter">
                    {t('display.counterN', { number: s.counter })}
                  </td>
                  <td
                    className={s.number ? 'display-number' : 'display-idle'}
                    style={s.number ? { fontSize: layout.numberFont } : undefined}
                    data-testid={s.number ? `serving-number-${s.counter}` : undefined}
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
        <button
          type="button"
          data-testid="display-sound"
          className={
            soundBlocked ? 'btn display-sound display-sound-off' : 'btn btn-ghost display-sound'
          }
          aria-pressed={soundChecked && !soundBlocked}
          onClick={() => {
            // A click is the user gesture browsers require before playing sound.
            setSoundBlocked(false);
            void new Audio(`${VOICE_BASE}chime.wav`).play().catch(() => setSoundBlocked(true));
          }}
        >
          {soundBlocked ? t('display.enableSound') : t('display.soundOn')}
        </button>
      </footer>
      {current && (
        <div className="display-takeover" role="alert" data-testid="display-takeover">
          <span className="display-takeover-invite">{t('display.takeoverInvite')} </span>
          <span className="display-takeover-number">{current.number}</span>
          <span className="display-takeover-counter">
            {' '}
            {t('display.takeoverCounter', { counter: current.counter })}
          </span>
        </div>
      )}
    </main>
  );
}
