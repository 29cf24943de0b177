import { BackupCard } from './BackupCard';
import { SyncSettingsCard } from './SyncSettingsCard';
import './sync.css';

/** Admin desk tab "Đồng bộ và sao lưu" (issue 8): sync to the province, then backups. */
export function SyncBackupTab() {
  return (
    <div className="stack">
      <SyncSettingsCard />
      <BackupCard />
    </div>
  );
}
