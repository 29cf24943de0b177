import { BackupCard } from './BackupCard';
import { SyncSettingsCard } from './SyncSettingsCard';
import './sync.css';

/** Admin desk tab "Đồng bộ và sao lưu" (docs/sync.md, docs/backup.md). */
export function SyncBackupTab() {
  return (
    <div className="stack">
      <SyncSettingsCard />
      <BackupCard />
    </div>
  );
}
