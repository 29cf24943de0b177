import { useEffect, useState } from 'react';
import { isQueueEvent, type ApiError, type OutputOf } from '../../shared/contract';
import type { MessageKey } from '../../shared/i18n';
import { formatVnDateTime } from '../../shared/time/vnTime';
import { useApp } from '../app-context';
import { ErrorMessage } from '../components/ErrorMessage';

type PublicTicket = OutputOf<'queue.ticket'>;

/**
 * The page a ticket's QR code opens on a citizen's phone (`<public address>/ticket/<id>`,
 * docs/queue.md): number, service, people ahead, estimated wait, and — live, from the
 * hub's event stream — "Đến lượt ông/bà — mời đến quầy N" once called. No personal data
 * exists to show. Laid out for a phone (390×844) first.
 */
export function TicketStatusPage({ id }: { id: string }) {
  const { t, api, onEvent } = useApp();
  const [ticket, setTicket] = useState<PublicTicket | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    const load = () =>
      void api.call('queue.ticket', { id }).then((r) => {
        if (r.ok) {
          setTicket(r.data);
          setError(null);
        } else setError(r.error);
      });
    load();
    const off = onEvent((e) => {
      if (isQueueEvent(e.type)) load();
    });
    return off;
  }, [api, id, onEvent]);
  const called = ticket !== null && ticket.counterNumber !== null;
  return (
    <main id="main" className="ticket-page">
      <h1>{t('queue.public.title')}</h1>
      <ErrorMessage error={error} />
      {ticket && (
        <div className="ticket-card" data-testid="ticket-status">
          <div className="ticket-number" data-testid="ticket-number">
            {ticket.number}
          </div>
          <div className="ticket-service">{ticket.serviceName}</div>
          <div aria-live="assertive" aria-atomic="true">
            {called && (
              <p className="ticket-call" role="alert" data-testid="ticket-call">
                {t('queue.public.calledTo', { counter: ticket.counterNumber ?? 0 })}
              </p>
            )}
          </div>
          {!called && ticket.status !== 'waiting' && (
            <p className="ticket-state">{t(`queue.status.${ticket.status}` as MessageKey)}</p>
          )}
          {ticket.status === 'waiting' && (
            <div className="ticket-wait" aria-live="polite" data-testid="ticket-wait">
              {ticket.ahead === 0 ? (
                <>
                  <p className="ticket-ahead">{t('queue.public.next')}</p>
                  <p>{t('queue.public.soon')}</p>
                </>
              ) : (
                <>
                  <p className="ticket-ahead">{t('queue.public.ahead', { count: ticket.ahead })}</p>
                  <p>
                    {t('queue.public.wait', {
                      min: ticket.estimatedWaitMinutes[0],
                      max: ticket.estimatedWaitMinutes[1],
                    })}
                  </p>
                </>
              )}
            </div>
          )}
          <p className="hint">{formatVnDateTime(new Date(ticket.issuedAt))}</p>
          <p className="hint">{t('queue.public.live')}</p>
        </div>
      )}
    </main>
  );
}
