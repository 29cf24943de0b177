import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, OutputOf } from '../../../shared/contract';
import type { PriorityCategory } from '../../../shared/contract/queue';
import { numberClips } from '../../../shared/kiosk/voiceClips';
import { useApp } from '../../app-context';
import { kioskErrorKey } from '../errors';
import { QrImage } from '../QrImage';
import { ServiceIcon, SpeakerIcon } from '../icons';
import { useKiosk } from '../kioskContext';
import { KioskError, ScreenTitle } from './common';

type Service = OutputOf<'queue.services'>[number];
type Ticket = OutputOf<'queue.issue'>;

/** Home after the ticket is shown; a touch gives the citizen 30 s more. */
export const TICKET_HOME_MS = 10_000;
export const TICKET_TOUCHED_MS = 30_000;
/** A ticket with no paper stays on screen this long unless "Đã ghi nhớ số" is touched. */
export const TICKET_SCREEN_ONLY_MS = 60_000;

type Step =
  | { name: 'loading' }
  | { name: 'service' }
  | { name: 'priority'; service: Service }
  | { name: 'issuing'; service: Service }
  | { name: 'done'; service: Service; ticket: Ticket; priorityLabel: string | null }
  | { name: 'blocked'; reason: 'kiosk.err.paperOut' | 'kiosk.err.printer' }
  | { name: 'error'; error: ApiError };

/** What "Đọc to" says: the number, then where the paper is — or that there is none. */
function ticketReadout(ticket: Ticket) {
  return [
    'kiosk.take.yourNumber' as const,
    ...numberClips(ticket.number).map((clip) => ({ clip })),
    paperMessageKey(ticket.printStatus) ?? ('kiosk.take.collect' as const),
  ];
}

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
    async (service: Service, priority?: { code: PriorityCategory; label: string }) => {
      setStep({ name: 'issuing', service });
      const res = await api.call('queue.issue', {
        serviceId: service.id,
        ...(priority ? { priority: priority.code } : {}),
      });
      if (res.ok)
        setStep({
          name: 'done',
          service,
          ticket: res.data,
          priorityLabel: priority?.label ?? null,
        });
      else setStep({ name: 'error', error: res.error });
    },
    [api],
  );

  useEffect(() => {
    // The service names are typed by an administrator: no clip, read by the speech synthesis.
    if (step.name === 'service')
      setReadout(['kiosk.take.chooseService', ...services.map((s) => ({ text: s.name }))]);
    else if (step.name === 'priority')
      setReadout(['kiosk.take.priorityTitle', 'kiosk.take.priorityHint']);
    else if (step.name === 'done') {
      setReadout(ticketReadout(step.ticket));
    } else if (step.name === 'blocked') setReadout([step.reason]);
    else if (step.name === 'error') setReadout([kioskErrorKey(step.error)]);
  }, [step, services, setReadout]);

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
                onClick={() => void issue(step.service, p)}
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
          priorityLabel={step.priorityLabel}
          onRead={() => read(ticketReadout(step.ticket))}
          onTimeout={goHome}
        />
      )}
    </section>
  );
}

/** What the screen says about the paper: anything but `printed` is said as it is. */
export function paperMessageKey(
  status: Ticket['printStatus'],
): 'kiosk.take.noPaper' | 'kiosk.take.printFailed' | 'kiosk.take.printPending' | null {
  switch (status) {
    case 'printed':
      return null;
    case 'failed':
      return 'kiosk.take.printFailed';
    case 'queued':
    case 'pending':
      return 'kiosk.take.printPending';
    default:
      return 'kiosk.take.noPaper'; // 'screen' (no ticket printer), 'none' (no printing at all)
  }
}

function TicketResult({
  ticket,
  service,
  priorityLabel,
  onRead,
  onTimeout,
}: {
  ticket: Ticket;
  service: Service;
  priorityLabel: string | null;
  onRead(): void;
  onTimeout(): void;
}) {
  const { t } = useApp();
  const paper = paperMessageKey(ticket.printStatus);
  // On paper: home after 10 s (a touch: 30 s). On screen only: the number stays until
  // "Đã ghi nhớ số" or 60 s — the screen is the citizen's only copy of it.
  const first = paper ? TICKET_SCREEN_ONLY_MS : TICKET_HOME_MS;
  const deadline = useRef(Date.now() + first);
  const [left, setLeft] = useState(Math.ceil(first / 1000));

  useEffect(() => {
    const touched = () => {
      if (!paper) deadline.current = Math.max(deadline.current, Date.now() + TICKET_TOUCHED_MS);
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
  }, [onTimeout, paper]);

  const [min, max] = ticket.estimatedWaitMinutes;
  return (
    <div
      className={`kpanel kticket${paper ? ' kticket-screen' : ''}`}
      data-testid="kiosk-ticket"
      data-print-status={ticket.printStatus}
    >
      {paper && (
        <div className="kalert kalert-warn" role="alert" data-testid="kiosk-paper">
          {t(paper)}
        </div>
      )}
      <div className="kticket-body">
        <div className="kticket-main">
          <p className="klead">{t('kiosk.take.yourNumber')}</p>
          <p className="kticket-number" data-testid="ticket-number">
            {ticket.number}
          </p>
          <p className="kticket-service">{service.name}</p>
          {priorityLabel && (
            <p className="kticket-priority" data-testid="ticket-priority">
              {t('kiosk.take.priorityLabel', { label: priorityLabel })}
            </p>
          )}
          <p className="kticket-line">
            {ticket.ahead === 0
              ? t('kiosk.take.aheadNone')
              : t('kiosk.take.ahead', { count: ticket.ahead })}
          </p>
          <p className="kticket-line">
            {ticket.ahead === 0 ? t('kiosk.take.waitSoon') : t('kiosk.take.wait', { min, max })}
          </p>
        </div>
        <div className="kticket-side">
          {paper && ticket.statusUrl && (
            <div className="kticket-qr">
              <QrImage data={ticket.statusUrl} label={t('kiosk.take.photoQr')} size="7em" />
              <p className="kticket-line">{t('kiosk.take.photoQr')}</p>
            </div>
          )}
          {!paper && <p className="klead kticket-collect">{t('kiosk.take.collect')}</p>}
          <div className="kticket-actions">
            {paper && (
              <button
                type="button"
                className="kbtn kbtn-primary kbtn-big"
                data-testid="ticket-remembered"
                onClick={onTimeout}
              >
                {t('kiosk.take.remembered')}
              </button>
            )}
            <button
              type="button"
              className={`kbtn kbtn-big ${paper ? '' : 'kbtn-primary'}`}
              onClick={onRead}
            >
              <SpeakerIcon />
              {t('kiosk.readAloud')}
            </button>
          </div>
        </div>
      </div>
      <p className="khint" aria-live="off">
        {t('kiosk.take.returning', { seconds: left })}
      </p>
    </div>
  );
}
