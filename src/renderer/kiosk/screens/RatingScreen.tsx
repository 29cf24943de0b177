import { useCallback, useEffect, useState } from 'react';
import { APP_EVENTS, type ApiError } from '../../../shared/contract';
import type { RatingWindow } from '../../../shared/contract/ratings';
import { useApp } from '../../app-context';
import { useKiosk } from '../kioskContext';
import { RatingPanel } from '../RatingPanel';
import { KioskError, ScreenTitle } from './common';

type Step =
  | { name: 'list' }
  | { name: 'rate'; window: RatingWindow }
  | { name: 'thanks' }
  | { name: 'closed' }
  | { name: 'rated' };

/**
 * Rating at the kiosk: the services completed in the last 30 s (ticket number and counter
 * only), then the faces. Nothing to rate → plain words on when it becomes possible.
 */
export function RatingScreen() {
  const { t, api, onEvent } = useApp();
  const { setReadout } = useKiosk();
  const [open, setOpen] = useState<RatingWindow[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [step, setStep] = useState<Step>({ name: 'list' });

  const load = useCallback(async () => {
    const res = await api.call('ratings.open', {});
    if (res.ok) {
      setOpen(res.data);
      setError(null);
    } else setError(res.error);
  }, [api]);

  useEffect(() => {
    void load();
    return onEvent((e) => {
      if (e.type === APP_EVENTS.ratingOpen || e.type === APP_EVENTS.ratingClosed) void load();
    });
  }, [load, onEvent]);

  useEffect(() => {
    if (step.name === 'thanks') setReadout(['kiosk.rate.thanks']);
    else if (step.name === 'closed') setReadout(['kiosk.rate.closed']);
    else if (step.name === 'rated') setReadout(['kiosk.rate.alreadyRated']);
    else if (step.name === 'list')
      setReadout(open?.length ? ['kiosk.rate.pick'] : ['kiosk.rate.none']);
  }, [step, open, setReadout]);

  const expired = useCallback(() => setStep({ name: 'closed' }), []);
  const rated = useCallback(() => setStep({ name: 'rated' }), []);
  const done = useCallback(() => setStep({ name: 'thanks' }), []);

  return (
    <section className="krating" aria-labelledby="krating-title">
      <ScreenTitle
        id="krating-title"
        onBack={step.name !== 'list' ? () => setStep({ name: 'list' }) : undefined}
      >
        {t('kiosk.menu.rating')}
      </ScreenTitle>
      <KioskError error={error} />
      {step.name === 'list' && open && (
        <>
          {open.length === 0 ? (
            <p className="klead" data-testid="rating-none">
              {t('kiosk.rate.none')}
            </p>
          ) : (
            <>
              <p className="klead">{t('kiosk.rate.pick')}</p>
              <div className="kgrid kgrid-tickets">
                {open.map((w) => (
                  <button
                    key={w.ticketId}
                    type="button"
                    className="kchoice kchoice-ticket"
                    onClick={() => setStep({ name: 'rate', window: w })}
                  >
                    <span className="kchoice-title">
                      {t('kiosk.rate.ticket', { number: w.number, counter: w.counterNumber })}
                    </span>
                  </button>
                ))}
              </div>
            </>
          )}
        </>
      )}
      {step.name === 'rate' && (
        <RatingPanel
          window={step.window}
          onDone={done}
          onExpired={expired}
          onRated={rated}
          onReadout={setReadout}
        />
      )}
      {step.name === 'thanks' && (
        <p className="kbig-message" role="status" data-testid="rating-thanks">
          {t('kiosk.rate.thanks')}
        </p>
      )}
      {step.name === 'rated' && (
        <p className="kbig-message" role="status" data-testid="rating-already">
          {t('kiosk.rate.alreadyRated')}
        </p>
      )}
      {step.name === 'closed' && (
        <p className="klead" role="status" data-testid="rating-closed">
          {t('kiosk.rate.closed')}
        </p>
      )}
    </section>
  );
}
