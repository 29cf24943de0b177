import { useCallback, useEffect, useState } from 'react';
import type { OutputOf } from '../../shared/contract';
import { useApp } from '../app-context';
import { SyncExportButton } from './SyncExportButton';

const POLL_MS = 20_000;

/**
 * Sync state on the desk (docs/sync.md): "Đã đồng bộ" or "N thay đổi chờ đồng bộ" with the last
 * error, the watchdog's problems (database, printer, upstream, backup), and the USB export button.
 */
export function SyncStatusBadge() {
  const { api, session, t } = useApp();
  const [status, setStatus] = useState<OutputOf<'sync.status'> | null>(null);
  const [watchdog, setWatchdog] = useState<OutputOf<'system.watchdog'> | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    const [s, w] = await Promise.all([
      api.call('sync.status', {}),
      api.call('system.watchdog', {}),
    ]);
    if (s.ok) setStatus(s.data);
    if (w.ok) setWatchdog(w.data);
  }, [api]);
  useEffect(() => {
    if (!session) return;
    void refresh();
    const id = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(id);
  }, [refresh, session]);
  if (!session || !status) return null;

  const problems = watchdog
    ? (
        [
          ['database', watchdog.database.ok],
          ['printer', watchdog.printer.ok],
          ['upstream', watchdog.upstream.state !== 'failing'],
          ['backup', watchdog.backup.ok],
        ] as const
      )
        .filter(([, ok]) => !ok)
        .map(([k]) => t(`watchdog.${k}`))
    : [];
  const text =
    status.pending === 0 ? t('sync.synced') : t('sync.pending', { count: status.pending });
  const level = status.lastError || problems.length ? 'bad' : status.pending ? 'warn' : 'ok';
  const details = [
    status.lastError ? t('sync.lastError', { error: status.lastError }) : null,
    status.lastSentAt
      ? t('sync.lastSent', { time: new Date(status.lastSentAt).toLocaleString('vi-VN') })
      : null,
    watchdog?.database.detail ?? null,
    watchdog?.printer.detail ?? null,
    watchdog?.backup.detail ?? null,
    message,
  ].filter((x): x is string => Boolean(x));
  return (
    <span
      className={`printer-badge printer-${level}`}
      role="status"
      data-testid="sync-status"
      title={details.join('\n')}
    >
      ⇅ {text}
      {problems.length > 0 && (
        <strong data-testid="watchdog-problems">
          {' '}
          · {t('watchdog.problem', { what: problems.join(', ') })}
        </strong>
      )}
      {status.pending > 0 && <SyncExportButton onMessage={setMessage} />}
    </span>
  );
}
