import { useApp } from '../app-context';

/** Always visible: whether this screen can reach the hub. */
export function ConnectionStatus() {
  const { connection, t } = useApp();
  const label =
    connection === 'online'
      ? t('connection.online')
      : connection === 'ipc'
        ? t('connection.ipc')
        : connection === 'offline'
          ? t('connection.offline')
          : t('connection.connecting');
  return (
    <span
      className={`conn conn-${connection}`}
      role="status"
      aria-live="polite"
      data-testid="connection-status"
    >
      <span className="conn-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
