import { useCallback, useEffect, useState } from 'react';
import { APP_EVENTS, type PrinterStatusView } from '../../shared/contract';
import { useApp } from '../app-context';

const SEVERITY: Record<PrinterStatusView['state'], number> = {
  ok: 0,
  none: 0,
  unknown: 1,
  paper_near_end: 2,
  cover_open: 3,
  error: 3,
  paper_out: 4,
  offline: 4,
};
const POLL_MS = 15_000;

/** The desk's printer light: the worst printer state, always visible, refreshed on print events. */
export function PrinterStatusBadge() {
  const { api, onEvent, session, lang } = useApp();
  const [printers, setPrinters] = useState<PrinterStatusView[]>([]);
  const refresh = useCallback(async () => {
    const r = await api.call('printers.status', {});
    if (r.ok) setPrinters(r.data);
  }, [api]);
  useEffect(() => {
    if (!session) return;
    void refresh();
    const id = setInterval(() => void refresh(), POLL_MS);
    const off = onEvent((e) => {
      if (e.type === APP_EVENTS.printJob || e.type === APP_EVENTS.printersChanged) void refresh();
    });
    return () => {
      clearInterval(id);
      off();
    };
  }, [refresh, onEvent, session, lang]);
  if (!session || printers.length === 0) return null;
  const worst = printers.reduce((a, b) => (SEVERITY[b.state] > SEVERITY[a.state] ? b : a));
  const failed = printers.reduce((n, p) => n + p.failedJobs, 0);
  const level =
    SEVERITY[worst.state] >= 3 || failed > 0 ? 'bad' : SEVERITY[worst.state] > 0 ? 'warn' : 'ok';
  return (
    <span
      className={`printer-badge printer-${level}`}
      role="status"
      data-testid="printer-status"
      title={printers
        .map((p) => `${p.name}: ${p.message}${p.detail ? ` (${p.detail})` : ''}`)
        .join('\n')}
    >
      🖨 {worst.name}: {worst.message}
      {failed > 0 && <strong> · {failed}</strong>}
    </span>
  );
}
