import { useEffect, useState } from 'react';
import type { OutputOf } from '../../shared/contract';
import { useApp } from '../app-context';
import { Clock } from '../components/Clock';
import { ConnectionStatus } from '../components/ConnectionStatus';

type Counters = OutputOf<'counters.list'>;

/**
 * The lobby board: counters and the numbers they serve. Public screen: ticket numbers and
 * counters only — never a citizen's name or ID number. Keeps the last good state offline.
 */
export function DisplayPage({ site }: { site: OutputOf<'site.get'> | null }) {
  const { t, api, connection } = useApp();
  const [counters, setCounters] = useState<Counters>([]);
  useEffect(() => {
    void api.call('counters.list', {}).then((r) => r.ok && setCounters(r.data));
  }, [api, connection]);
  return (
    <main id="main" className="display">
      <header className="display-header">
        <div>
          <h1>{site?.agencyName ?? t('display.title')}</h1>
          <div className="display-tagline">{t('app.tagline')}</div>
        </div>
        <Clock className="display-clock" />
      </header>
      <table className="display-board">
        <thead>
          <tr>
            <th scope="col">{t('display.counter')}</th>
            <th scope="col">{t('display.serving')}</th>
          </tr>
        </thead>
        <tbody>
          {counters.map((c) => (
            <tr key={c.id}>
              <td>{c.number}</td>
              <td className="display-idle">{t('display.idle')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <footer className="display-footer">
        <ConnectionStatus />
      </footer>
    </main>
  );
}
