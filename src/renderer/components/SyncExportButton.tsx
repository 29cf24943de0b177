import { downloadBytes } from '../api/download';
import { useApp } from '../app-context';
import '../desk/sync/sync.css';

/**
 * "Xuất USB": a signed file of every change the province has not acknowledged, downloaded by
 * the browser. One button for the top bar's sync badge and the admin's sync settings.
 */
export function SyncExportButton({
  onMessage,
  testId = 'sync-export',
}: {
  onMessage(message: string): void;
  testId?: string;
}) {
  const { api, t } = useApp();
  const exportUsb = async () => {
    const r = await api.call('sync.export', {});
    if (!r.ok) return onMessage(r.error.message);
    downloadBytes(r.data.fileName, 'application/json', JSON.stringify(r.data.file));
    onMessage(t('sync.exported', { count: r.data.events, file: r.data.fileName }));
  };
  return (
    <button
      type="button"
      className="btn btn-ghost sync-export-btn"
      onClick={() => void exportUsb()}
      data-testid={testId}
    >
      {t('sync.export')}
    </button>
  );
}
