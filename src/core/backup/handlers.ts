/**
 * Handlers of the backup operations of the admin screen (docs/backup.md); spread into
 * createHandlers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError, type PublicUser } from '../../shared/contract';
import { recordAudit } from '../audit/auditLog';
import type { HandlerDeps, Handler } from '../handlerTypes';
import { looksRemovable } from '../security/fileModes';
import { ENCRYPTED_SUFFIX, listBackups } from './backupService';
import {
  hasBackupPassphrase,
  hasCustomBackupDir,
  prepareBackupFolder,
  writeBackupDirSetting,
  writeBackupPassphrase,
} from './backupFolder';
import type { Maintenance } from './maintenance';

type BackupOps = 'backup.config.get' | 'backup.config.set' | 'backup.list' | 'backup.now';

function actor(user: PublicUser | null): PublicUser {
  if (!user) throw new AppError('UNAUTHENTICATED');
  return user;
}

export function createBackupHandlers(
  deps: Pick<HandlerDeps, 'db' | 'clock'> & { maintenance: Maintenance },
): { [N in BackupOps]: Handler<N> } {
  const { db, clock, maintenance } = deps;
  const config = () => ({
    dir: maintenance.backupDir(),
    defaultDir: path.join(maintenance.dataDir, 'backups'),
    custom: hasCustomBackupDir(db),
    dataDir: maintenance.dataDir,
    encrypted: hasBackupPassphrase(db),
    removable: looksRemovable(maintenance.backupDir()),
  });
  return {
    'backup.config.get': () => config(),
    'backup.config.set': (input, ctx) => {
      const user = actor(ctx.user);
      // Checked (and created) before anything is stored: a refused folder changes nothing.
      // A folder the hub serves over HTTP is refused (anyone could download the database).
      const dir =
        input.dir === null ? null : prepareBackupFolder(input.dir, maintenance.servedDirs);
      const before = maintenance.backupDir();
      const now = clock.now();
      db.transaction(() => {
        writeBackupDirSetting(db, dir, now);
        // The passphrase is write-only: absent keeps it, null stops encrypting; the audit
        // log records only that it changed.
        if (input.passphrase !== undefined) writeBackupPassphrase(db, input.passphrase, now);
        recordAudit(
          db,
          {
            actor: user,
            action: 'backup.config',
            entity: 'settings',
            details: {
              from: before,
              to: dir ?? config().defaultDir,
              ...(input.passphrase !== undefined
                ? { encryption: input.passphrase === null ? 'off' : 'passphrase set' }
                : {}),
            },
          },
          now,
        );
      })();
      maintenance.kick(); // today's backup in the new folder, so the watchdog stays green
      return config();
    },
    'backup.list': (input) => listBackups(maintenance.backupDir(), input.limit),
    'backup.now': async (_input, ctx) => {
      const user = actor(ctx.user);
      let file: string;
      try {
        file = await maintenance.backupNow();
      } catch (e) {
        throw new AppError('UNPROCESSABLE', {
          message: {
            vi: `Sao lưu thất bại: ${(e as Error).message}. Kiểm tra thư mục sao lưu (ổ USB đã cắm, còn chỗ trống).`,
            en: `Backup failed: ${(e as Error).message}. Check the backup folder (USB disk plugged in, free space).`,
          },
        });
      }
      const st = fs.statSync(file);
      const now = clock.now();
      const fileName = path.basename(file);
      recordAudit(
        db,
        {
          actor: user,
          action: 'backup.now',
          entity: 'backup',
          entityId: fileName,
          details: { dir: path.dirname(file), bytes: st.size },
        },
        now,
      );
      return {
        fileName,
        kind: 'manual' as const,
        bytes: st.size,
        encrypted: fileName.endsWith(ENCRYPTED_SUFFIX),
        at: st.mtime.toISOString(),
        dir: path.dirname(file),
      };
    },
  };
}
