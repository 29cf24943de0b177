import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, OutputOf } from '../../../shared/contract';
import type { PriorityCategory } from '../../../shared/contract/queue';
import { numberClips } from '../../../shared/kiosk/voiceClips';
import { useApp } from '../../app-context';
import { kioskErrorKey } from '../errors';
import { ServiceIcon, SpeakerIcon } from '../icons';
import { useKiosk } from '../kioskContext';
import { KioskError, ScreenTitle } from './common';

type Service = OutputOf<'queue.services'>[number];
type Ticket = OutputOf<'queue.issue'>;

/** Home after the ticket is shown (issue 6); a touch gives the citizen 30 s more. */
export const TICKET_HOME_MS = 10_000;
export const TICKET_TOUCHED_MS = 30_000;

type Step =
  | { name: 'loading' }
  | { name: 'service' }
  | { name: 'priority'; service: Service }
  | { name: 'issuing'; service: Service }
  | { name: 'done'; service: Service; ticket: Ticket }
  | { name: 'blocked'; reason: 'kiosk.err.paperOut' | 'kiosk.err.printer' }
  | { name: 'error'; error: ApiError };

export function TakeNumberScreen({ presetServiceId }: { presetServiceId?: string | undefined }) {
  const { t, api } = useApp();
  const { goHome, setReadout, read } = useKiosk();
  const [step, setStep] = useState<Step>({ name: 'loading' });
  const [services, setServices] = useState<Service[]>([]);
  const [priorities, setPriorities] = useState<OutputOf<'queue.priorities'>>([]);

  useEffect(() => {
    let alive = true;
    void (async () => {
      const [s, p, status] = await Promise.all([
        api.call('queue.services', {}),
        api.call('queue.priorities', {}),
        api.call('kiosk.status', {}),
      ]);
      if (!alive) return;
      if (!s.ok) return setStep({ name: 'error', error: s.error });
      setServices(s.data);
      if (p.ok) setPriorities(p.data);
      const printer = status.ok ? status.data.ticketPrinter : 'unknown';
      if (printer === 'paper_out')
        return setStep({ name: 'blocked', reason: 'kiosk.err.paperOut' });
      if (printer === 'offline') return setStep({ name: 'blocked', reason: 'kiosk.err.printer' });
      const preset = s.data.find((x) => x.id === presetServiceId);
      setStep(preset ? { name: 'priority', service: preset } : { name: 'service' });
    })();
    return () => {
      alive = false;
    };
  }, [api, presetServiceId]);

  const issue = useCallback(
    async (service: Service, priority?: PriorityCategory) => {
      setStep({ name: 'issuing', service });
      const res = await api.call('queue.issue', {
        serviceId: service.id,
        ...(priority ? { priority } : {}),
      });
      if (res.ok) setStep({ name: 'done', service, ticket: res.data });
      else setStep({ name: 'error', error: res.error });
    },
    [api],
  );

  useEffect(() => {
    if (step.name === 'service') setReadout(['kiosk.take.chooseService']);
    else if (step.name === 'priority')
      setReadout(['kiosk.take.priorityTitle', 'kiosk.take.priorityHint']);
    else if (step.name === 'done') {
      setReadout([
        'kiosk.take.yourNumber',
        ...numberClips(step.ticket.number).map((clip) => ({ clip })),
        'kiosk.take.collect',
      ]);
    } else if (step.name === 'blocked') setReadout([step.reason]);
    else if (step.name === 'error') setReadout([kioskErrorKey(step.error)]);
  }, [step, setReadout]);

  return (
    <section className="ktake" aria-labelledby="ktake-title">
      <ScreenTitle
        id="ktake-title"
        onBack={
          step.name === 'priority' && !presetServiceId
            ? () => setStep({ name: 'service' })
            : undefined
        }
      >
        {t('kiosk.menu.take')}
      </ScreenTitle>

      {step.name === 'loading' && <p className="klead">{t('app.loading')}</p>}

      {step.name === 'blocked' && (
        <div className="kalert kalert-error" role="alert" data-testid="kiosk-error">
          {t(step.reason)}
        </div>
      )}
      {step.name === 'error' && <KioskError error={step.error} />}

      {step.name === 'service' && (
        <>
          <p className="klead">{t('kiosk.take.chooseService')}</p>
          <div className="kgrid kgrid-services">
            {services.map((s) => (
              <button
                key={s.id}
                type="button"
                className="kchoice kchoice-service"
                onClick={() => setStep({ name: 'priority', service: s })}
              >
                <ServiceIcon code={s.code} className="kchoice-icon" />
                <span className="kchoice-title">{s.name}</span>
                <span className="kchoice-hint">
                  {t('kiosk.take.waiting', { count: s.waiting })}
                </span>
              </button>
            ))}
          </div>
        </>
      )}

      {step.name === 'priority' && (
        <>
          <p className="klead">
            <strong>{step.service.name}</strong>
          </p>
          <h2 className="ksubtitle">{t('kiosk.take.priorityTitle')}</h2>
          <p className="khint">{t('kiosk.take.priorityHint')}</p>
          <div className="kgrid kgrid-priority">
            <button
              type="button"
              className="kchoice kchoice-regular"
              onClick={() => void issue(step.service)}
            >
              <span className="kchoice-title">{t('kiosk.take.noPriority')}</span>
            </button>
            {priorities.map((p) => (
              <button
                key={p.code}
                type="button"
                className="kchoice kchoice-priority"
                onClick={() => void issue(step.service, p.code)}
              >
                <span className="kchoice-title">{p.label}</span>
              </button>
            ))}
          </div>
        </>
      )}

      {step.name === 'issuing' && (
        <p className="klead" role="status">
          {t('kiosk.take.printing')}
        </p>
      )}

      {step.name === 'done' && (
        <TicketResult
          ticket={step.ticket}
          service={step.service}
          onRead={() =>
            read([
              'kiosk.take.yourNumber',
              ...numberClips(step.ticket.number).map((clip) => ({ clip })),
              'kiosk.take.collect',
            ])
          }
          onTimeout={goHome}
        />
      )}
    </section>
  );
}

function TicketResult({
  ticket,
  service,
  onRead,
  onTimeout,
}: {
  ticket: Ticket;
  service: Service;
  onRead(): void;
  onTimeout(): void;
}) {
  const { t } = useApp();
  const deadline = useRef(Date.now() + TICKET_HOME_MS);
  const [left, setLeft] = useState(Math.ceil(TICKET_HOME_MS / 1000));

  useEffect(() => {
    const touched = () => {
      deadline.current = Math.max(deadline.current, Date.now() + TICKET_TOUCHED_MS);
    };
    document.addEventListener('pointerdown', touched);
    const timer = window.setInterval(() => {
      const ms = deadline.current - Date.now();
      if (ms <= 0) onTimeout();
      else setLeft(Math.ceil(ms / 1000));
    }, 250);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('pointerdown', touched);
    };
  }, [onTimeout]);

  const [min, max] = ticket.estimatedWaitMinutes;
  return (
    <div className="kpanel kticket" data-testid="kiosk-ticket">
      <p className="klead">{t('kiosk.take.yourNumber')}</p>
      <p className="kticket-number" data-testid="ticket-number">
        {ticket.number}
      </p>
      <p className="kticket-service">{service.name}</p>
      <p className="kticket-line">
        {ticket.ahead === 0
          ? t('kiosk.take.aheadNone')
          : t('kiosk.take.ahead', { count: ticket.ahead })}
      </p>
      <p className="kticket-line">{t('kiosk.take.wait', { min, max })}</p>
      <p className="klead kticket-collect">{t('kiosk.take.collect')}</p>
      <button type="button" className="kbtn kbtn-primary kbtn-big" onClick={onRead}>
        <SpeakerIcon />
        {t('kiosk.readAloud')}
      </button>
      <p className="khint" aria-live="off">
        {t('kiosk.take.returning', { seconds: left })}
      </p>
    </div>
  );
}
