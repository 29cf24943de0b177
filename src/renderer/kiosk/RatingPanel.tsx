import { useEffect, useRef, useState } from 'react';
import { APP_EVENTS, type ApiError } from '../../shared/contract';
import {
  RATING_REASONS,
  RATING_SCORES,
  type RatingReason,
  type RatingScore,
  type RatingWindow,
} from '../../shared/contract/ratings';
import { useApp } from '../app-context';
import { kioskErrorKey } from './errors';
import { Face } from './icons';

/**
 * Three large faces, then the reasons (required) when not satisfied. The panel counts down
 * the hub's 30 s window from when it opened (secondsLeft, by the hub's clock) and says so
 * when the time is over. One ticket is rated once: when another screen (the kiosk, the
 * counter's tablet) rates it first, the panel says "Đã được đánh giá — cảm ơn" (onRated),
 * not that the time ran out.
 */
export function RatingPanel({
  window: w,
  onDone,
  onExpired,
  onRated,
  onReadout,
}: {
  window: RatingWindow;
  onDone(): void;
  onExpired(): void;
  onRated(): void;
  onReadout?(parts: Array<'kiosk.voice.ratePrompt' | 'kiosk.rate.reasonsPrompt'>): void;
}) {
  const { t, api, onEvent } = useApp();
  const sent = useRef(false); // this panel submitted: its own "rating.closed" is not news
  const deadline = useRef(Date.now() + w.secondsLeft * 1000);
  const [left, setLeft] = useState(w.secondsLeft);
  const [score, setScore] = useState<RatingScore | null>(null);
  const [reasons, setReasons] = useState<RatingReason[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    const timer = window.setInterval(() => {
      const ms = deadline.current - Date.now();
      if (ms <= 0) {
        window.clearInterval(timer);
        onExpired();
      } else setLeft(Math.ceil(ms / 1000));
    }, 250);
    return () => window.clearInterval(timer);
  }, [onExpired]);

  // Rated on another screen while this one shows it: say so at once.
  useEffect(
    () =>
      onEvent((e) => {
        if (e.type !== APP_EVENTS.ratingClosed || sent.current) return;
        const d = e.data as { counterId?: unknown; number?: unknown; reason?: unknown } | null;
        if (d && d.reason === 'rated' && d.counterId === w.counterId && d.number === w.number)
          onRated();
      }),
    [onEvent, onRated, w.counterId, w.number],
  );

  useEffect(() => {
    onReadout?.(
      score && score !== 'satisfied' ? ['kiosk.rate.reasonsPrompt'] : ['kiosk.voice.ratePrompt'],
    );
  }, [score, onReadout]);

  async function send(s: RatingScore, chosen: RatingReason[]) {
    setSending(true);
    sent.current = true;
    setError(null);
    const res = await api.call('ratings.submit', {
      ticketId: w.ticketId,
      counterId: w.counterId,
      score: s,
      ...(s === 'satisfied' ? {} : { reasons: chosen }),
    });
    setSending(false);
    if (res.ok) return onDone();
    sent.current = false;
    const rule = (res.error.details as { rule?: unknown } | undefined)?.rule;
    if (res.error.code === 'CONFLICT' && rule === 'one-per-ticket') onRated();
    else if (res.error.code === 'CONFLICT') onExpired();
    else setError(res.error);
  }

  return (
    <div className="kpanel krate" data-testid="rating-panel">
      <p className="krate-ticket">
        {t('kiosk.rate.ticket', { number: w.number, counter: w.counterNumber })}
      </p>
      <h2 className="ksubtitle">{t('kiosk.rate.prompt', { counter: w.counterNumber })}</h2>
      <div className="kfaces" role="group" aria-label={t('kiosk.menu.rating')}>
        {RATING_SCORES.map((s) => (
          <button
            key={s}
            type="button"
            className={`kface kface-${s}`}
            aria-pressed={score === s}
            disabled={sending}
            onClick={() => {
              setScore(s);
              setReasons([]);
              if (s === 'satisfied') void send(s, []);
            }}
          >
            <Face score={s} className="kface-icon" />
            <span className="kface-label">{t(`rating.score.${s}`)}</span>
          </button>
        ))}
      </div>
      {score && score !== 'satisfied' && (
        <div className="kreasons">
          <p className="klead">{t('kiosk.rate.reasonsPrompt')}</p>
          <div
            className="kgrid kgrid-reasons"
            role="group"
            aria-label={t('kiosk.rate.reasonsPrompt')}
          >
            {RATING_REASONS.map((r) => {
              const on = reasons.includes(r);
              return (
                <button
                  key={r}
                  type="button"
                  className="kchoice kchoice-reason"
                  aria-pressed={on}
                  onClick={() =>
                    setReasons((list) => (on ? list.filter((x) => x !== r) : [...list, r]))
                  }
                >
                  <span className="kcheck" aria-hidden="true">
                    {on ? '✓' : ''}
                  </span>
                  <span className="kchoice-title">{t(`rating.reason.${r}`)}</span>
                </button>
              );
            })}
          </div>
          <button
            type="button"
            className="kbtn kbtn-primary kbtn-big"
            disabled={reasons.length === 0 || sending}
            onClick={() => void send(score, reasons)}
          >
            {t('kiosk.rate.send')}
          </button>
        </div>
      )}
      {error && (
        <div className="kalert kalert-error" role="alert">
          {t(kioskErrorKey(error))}
        </div>
      )}
      <p className="khint" data-testid="rating-countdown">
        {t('kiosk.rate.closesIn', { seconds: left })}
      </p>
    </div>
  );
}
