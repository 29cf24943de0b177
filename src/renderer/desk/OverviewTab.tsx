import { useEffect, useState } from 'react';
import type { OutputOf } from '../../shared/contract';
import { useApp } from '../app-context';
import type { DeskTabProps } from './deskTabTypes';

type Counters = OutputOf<'counters.list'>;

/** The office and its counters at a glance. */
export function OverviewTab({ site }: DeskTabProps) {
  const { t, api } = useApp();
  const [counters, setCounters] = useState<Counters>([]);
  useEffect(() => {
    void api.call('counters.list', {}).then((r) => r.ok && setCounters(r.data));
  }, [api]);
  return (
    <div className="grid-2">
      <section className="card" aria-labelledby="site-card-title">
        <h2 id="site-card-title">{t('desk.site')}</h2>
        <dl className="facts">
          <dt>{t('desk.site')}</dt>
          <dd data-testid="site-name">{site.agencyName}</dd>
          <dt>{t('desk.agencyCode')}</dt>
          <dd>{site.agencyCode}</dd>
          <dt>{t('desk.address')}</dt>
          <dd>{site.address || '—'}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="counters-title">
        <h2 id="counters-title">{t('desk.counters')}</h2>
        {counters.length === 0 ? (
          <p>{t('desk.noCounters')}</p>
        ) : (
          <ul className="counter-list" data-testid="counter-list">
            {counters.map((c) => (
              <li key={c.id}>
                <strong>{t('desk.counterNumber', { number: c.number })}</strong> {c.name}
                {c.priority && <span className="badge">{t('desk.priorityCounter')}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
