import { useEffect, useState } from 'react';
import type { ApiError, OutputOf } from '../../shared/contract';
import type { MessageKey } from '../../shared/i18n';
import { formatVnDateTime } from '../../shared/time/vnTime';
import { useApp } from '../app-context';
import { ErrorMessage } from '../components/ErrorMessage';

type PublicTicket = OutputOf<'queue.ticket'>;

/**
 * The page a ticket's QR code opens on the office LAN: number, service, people ahead,
 * estimated wait, the counter once called. No personal data exists to show.
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
      if (e.type.startsWith('queue.')) load();
    });
    return off;
  }, [api, id, onEvent]);
  return (
    <main id="main" className="kiosk ticket-page">
      <h1>{t('queue.public.title')}</h1>
      <ErrorMessage error={error} />
      {ticket && (
        <div className="ticket-card" data-testid="ticket-status">
          <div className="ticket-number">{ticket.number}</div>
          <div className="ticket-service">{ticket.serviceName}</div>
          <p>{t(`queue.status.${ticket.status}` as MessageKey)}</p>
          {ticket.counterNumber !== null && (
            <p className="ticket-call">
              {t('queue.public.calledTo', { counter: ticket.counterNumber })}
            </p>
          )}
          {ticket.status === 'waiting' && (
            <>
              <p>{t('queue.public.ahead', { count: ticket.ahead })}</p>
              <p>
                {t('queue.public.wait', {
                  min: ticket.estimatedWaitMinutes[0],
                  max: ticket.estimatedWaitMinutes[1],
                })}
              </p>
            </>
          )}
          <p className="hint">{formatVnDateTime(new Date(ticket.issuedAt))}</p>
        </div>
      )}
    </main>
  );
}
