import { useState } from 'react';
import { useApp } from '../../app-context';
import { useOp } from '../../api/query';

const pad = (n: number): string => String(n).padStart(2, '0');
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** A year of the deadline calendar; an administrator toggles days off / worked Saturdays. */
export function CalendarTab() {
  const { t, api, session } = useApp();
  const isAdmin = session?.user.role === 'admin';
  const [year, setYear] = useState(new Date().getFullYear());
  const loaded = useOp('calendar.year', { year });
  // The administrator's clicks on this year, kept over a reload; otherwise the year as loaded.
  const [draft, setDraft] = useState<{ year: number; off: Set<string>; sat: Set<string> } | null>(
    null,
  );
  const off = draft?.year === year ? draft.off : new Set(loaded.data?.daysOff);
  const sat = draft?.year === year ? draft.sat : new Set(loaded.data?.workingSaturdays);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  /** Another year is shown as the hub has it: unsaved clicks on this one are dropped. */
  function goTo(next: number) {
    setDraft(null);
    setYear(next);
  }

  function toggle(date: string, weekday: number) {
    if (!isAdmin || weekday === 0) return;
    const set = weekday === 6 ? new Set(sat) : new Set(off);
    if (set.has(date)) set.delete(date);
    else set.add(date);
    setDraft(weekday === 6 ? { year, off, sat: set } : { year, off: set, sat });
  }

  async function save() {
    const r = await api.call('calendar.setYear', {
      year,
      daysOff: [...off],
      workingSaturdays: [...sat],
    });
    setMessage(
      r.ok
        ? { kind: 'ok', text: t('calendar.saved', { year }) }
        : { kind: 'error', text: r.error.message },
    );
  }
  async function reset() {
    const r = await api.call('calendar.resetYear', { year });
    if (r.ok) {
      setDraft(null);
      loaded.setData(r.data);
    }
  }

  return (
    <section className="card" aria-labelledby="calendar-title">
      <h2 id="calendar-title">{t('calendar.title', { year })}</h2>
      <div className="actions">
        <button type="button" className="btn btn-small" onClick={() => goTo(year - 1)}>
          {t('calendar.prev')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => goTo(year + 1)}>
          {t('calendar.next')}
        </button>
        <span className="badge" style={{ background: '#c62828', color: '#fff' }}>
          {t('calendar.legendOff')}
        </span>
        <span className="badge" style={{ background: '#2e7d32', color: '#fff' }}>
          {t('calendar.legendWorkedSaturday')}
        </span>
      </div>
      {isAdmin && <p className="hint">{t('calendar.adminHint')}</p>}
      <div
        style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: '0.75rem' }}
        data-testid="calendar-year"
      >
        {MONTHS.map((m) => {
          const first = new Date(Date.UTC(year, m - 1, 1)).getUTCDay();
          const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
          const lead = (first + 6) % 7; // Monday first
          return (
            <table key={m} className="table" style={{ fontSize: '0.8rem' }}>
              <caption>Tháng {m}</caption>
              <thead>
                <tr>
                  {['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'].map((d) => (
                    <th key={d}>{d}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {Array.from({ length: Math.ceil((lead + days) / 7) }, (_, w) => (
                  <tr key={w}>
                    {Array.from({ length: 7 }, (_, c) => {
                      const day = w * 7 + c - lead + 1;
                      if (day < 1 || day > days) return <td key={c} />;
                      const date = `${year}-${pad(m)}-${pad(day)}`;
                      const weekday = (c + 1) % 7;
                      const isOff = off.has(date);
                      const worked = sat.has(date);
                      const weekend = weekday === 0 || (weekday === 6 && !worked);
                      const style = isOff
                        ? { background: '#c62828', color: '#fff' }
                        : worked
                          ? { background: '#2e7d32', color: '#fff' }
                          : weekend
                            ? { color: '#999' }
                            : {};
                      return (
                        <td
                          key={c}
                          style={{
                            ...style,
                            textAlign: 'center',
                            cursor: isAdmin ? 'pointer' : 'default',
                          }}
                          onClick={() => toggle(date, weekday)}
                          title={date}
                        >
                          {day}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          );
        })}
      </div>
      {isAdmin && (
        <div className="actions">
          <button type="button" className="btn btn-primary" onClick={() => void save()}>
            {t('calendar.save')}
          </button>
          <button type="button" className="btn" onClick={() => void reset()}>
            {t('calendar.reset')}
          </button>
        </div>
      )}
      {message && <p className={`alert alert-${message.kind}`}>{message.text}</p>}
    </section>
  );
}
