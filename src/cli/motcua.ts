/**
 * `npm run motcua -- <command>`: maintenance commands run beside (or instead of) the hub.
 *   backup [--out DIR]        online backup (works while the hub runs)
 *   restore FILE [--force] [--passphrase-file F]
 *                             replace the database with a backup (the hub must be stopped);
 *                             an encrypted backup asks for its passphrase on a terminal
 *   backup-dir --default      put the backup folder back to <data-dir>/backups (the hub
 *                             refuses to start while it is inside a served folder)
 *   sync export FILE          signed USB file of every change the province has not acknowledged
 *   sync import FILE          (provincial hub's data folder) import a site's USB file once
 *   audit verify              check the audit log's hash chain (exit 4 naming the first break)
 * All take --data-dir DIR (default: $MOTCUA_DATA_DIR or the per-user folder).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { recordAudit } from '../core/audit/auditLog';
import { isEncryptedBackup } from '../core/backup/backupCrypto';
import { writeBackupDirSetting } from '../core/backup/backupFolder';
import { backupDir, backupNow } from '../core/backup/backupService';
import { restoreDatabase } from '../core/backup/restore';
import { servedFolderContaining } from '../core/backup/servedFolders';
import { acquireDataDirLock } from '../core/dataDirLock';
import { closeDatabase, DB_FILE_NAME, openDatabase, type Db } from '../core/db/connection';
import { latestSchemaVersion, migrate, schemaVersion } from '../core/db/migrate';
import { defaultDataDir } from '../core/paths';
import { getSite } from '../core/settings/site';
import { readSiteKey } from '../core/sync/config';
import { assertNoOrphanedOutbox } from '../core/sync/outbox';
import { migrations } from '../core/db/migrations';
import { verifyAuditChain } from '../core/audit/auditChain';
import { m010AuditChain } from '../core/db/migrations/010-audit-chain';
import { importFile, ReceiveError } from '../core/sync/receiver';
import { buildSyncFile, eventCount } from '../core/sync/usbExport';
import { translate } from '../shared/i18n';
import { askHidden } from './prompt';

const USAGE = `Một Cửa Kiosk — lệnh bảo trì
  npm run motcua -- backup [--out DIR]       sao lưu cơ sở dữ liệu (chạy được khi hub đang chạy)
  npm run motcua -- restore FILE [--force] [--passphrase-file F]
                                             khôi phục từ bản sao lưu (phải dừng hub trước);
                                             bản mã hóa: hỏi mật khẩu, hoặc đọc từ tệp F
  npm run motcua -- backup-dir --default     đưa thư mục sao lưu về <data-dir>/backups
  npm run motcua -- sync export FILE         xuất các thay đổi chưa đồng bộ ra tệp có chữ ký (USB)
  npm run motcua -- sync import FILE         nhập tệp USB của một đơn vị (ở máy chủ tỉnh)
  npm run motcua -- audit verify             kiểm tra chuỗi băm của nhật ký hệ thống (mã thoát 4 nếu bị can thiệp)

  --data-dir DIR   thư mục dữ liệu (mặc định: $MOTCUA_DATA_DIR hoặc ${defaultDataDir()})
  --force          (restore) khôi phục dù mất các thay đổi chưa đồng bộ
  --passphrase-file F  (restore) tệp chứa mật khẩu sao lưu (dòng đầu tiên)
  -h, --help       hướng dẫn này
`;

class CliError extends Error {}

/** `audit verify`: the audit log's chain is broken (0 intact, 1 error, 2 usage, 3 sync import). */
export const AUDIT_BROKEN_EXIT = 4;

function openExisting(dataDir: string): Db {
  const file = path.join(dataDir, DB_FILE_NAME);
  if (!fs.existsSync(file)) throw new CliError(`Không có cơ sở dữ liệu tại ${file}.`);
  return openDatabase(file);
}

/** Bring the schema up to date when this process may write (lock held): same guard as the hub. */
function ensureSchema(db: Db): void {
  const from = schemaVersion(db);
  if (from !== latestSchemaVersion()) {
    throw new CliError(
      `Cơ sở dữ liệu ở phiên bản ${from}, phần mềm ở phiên bản ${latestSchemaVersion()}: ` +
        'hãy khởi động hub một lần để nâng cấp (có sao lưu trước khi nâng cấp).',
    );
  }
  migrate(db, migrations, (f) => assertNoOrphanedOutbox(db, migrations, f));
}

/** How `restore` reads a passphrase: a file, or a hidden prompt on a terminal. */
export interface CliIo {
  isTty: boolean;
  ask(question: string): Promise<string>;
}

const processIo: CliIo = {
  isTty: Boolean(process.stdin.isTTY),
  ask: (question) => askHidden(question),
};

/** The passphrase of an encrypted backup (null for a plain one): --passphrase-file or a prompt. */
async function restorePassphrase(
  file: string,
  passphraseFile: string | undefined,
  io: CliIo,
): Promise<string | null> {
  if (passphraseFile !== undefined) {
    // The first line of the file, without its line ending (editors add one).
    return fs.readFileSync(path.resolve(passphraseFile), 'utf8').split(/\r?\n/)[0] ?? '';
  }
  const source = path.resolve(file);
  if (!fs.existsSync(source) || !isEncryptedBackup(source)) return null;
  if (!io.isTty) throw new CliError(translate('vi', 'restore.noTty'));
  return io.ask(translate('vi', 'restore.passphrasePrompt'));
}

export async function run(
  argv: string[],
  out: (s: string) => void = console.log,
  io: CliIo = processIo,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      'passphrase-file': { type: 'string' },
      default: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help || positionals.length === 0) {
    out(USAGE);
    return values.help ? 0 : 2;
  }
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const [command, sub, arg] = positionals;

  if (command === 'backup' && positionals.length === 1) {
    const db = openExisting(dataDir);
    try {
      const dir = values.out ? path.resolve(values.out) : backupDir(db, dataDir);
      // Never into what the hub serves (the built screens beside this file, the voice clips).
      const served = servedFolderContaining(dir, [
        path.join(__dirname, '../renderer'),
        path.join(dataDir, 'voice'),
      ]);
      if (served !== null) {
        throw new CliError(translate('vi', 'backup.servedFolder', { dir, served }));
      }
      const file = await backupNow(db, dir, 'manual', new Date());
      out(`Đã sao lưu: ${file}`);
    } finally {
      db.close(); // no checkpoint: the hub may own the WAL right now
    }
    return 0;
  }

  if (command === 'restore' && sub && positionals.length === 2) {
    const passphrase = await restorePassphrase(sub, values['passphrase-file'], io);
    const r = await restoreDatabase(dataDir, sub, { force: values.force, passphrase });
    out(`Đã khôi phục từ ${r.restoredFrom} (phiên bản ${r.schemaVersion}).`);
    if (r.safetyCopy) out(`Bản cơ sở dữ liệu trước khi khôi phục được giữ tại: ${r.safetyCopy}`);
    out(
      translate('vi', 'restore.files', { restored: r.files.restored, verified: r.files.verified }),
    );
    for (const p of r.files.problems) {
      out(
        translate('vi', p.problem === 'missing' ? 'restore.fileMissing' : 'restore.fileDamaged', {
          sha256: p.sha256,
        }),
      );
    }
    out(
      translate('vi', 'restore.encryptionAfter', {
        state: translate(
          'vi',
          r.encryptedBackups ? 'restore.encryptionOn' : 'restore.encryptionOff',
        ),
      }),
    );
    return 0;
  }

  if (command === 'backup-dir' && positionals.length === 1 && values.default) {
    const lock = acquireDataDirLock(dataDir);
    const db = openExisting(dataDir);
    try {
      ensureSchema(db);
      const now = new Date();
      db.transaction(() => {
        writeBackupDirSetting(db, null, now);
        recordAudit(
          db,
          {
            actor: null,
            action: 'backup.config',
            entity: 'settings',
            details: { to: path.join(dataDir, 'backups'), by: 'motcua backup-dir --default' },
          },
          now,
        );
      })();
      out(`Thư mục sao lưu: ${path.join(dataDir, 'backups')} (mặc định).`);
    } finally {
      closeDatabase(db);
      lock.release();
    }
    return 0;
  }

  if (command === 'sync' && sub === 'export' && arg && positionals.length === 3) {
    const db = openExisting(dataDir);
    try {
      const key = readSiteKey(db);
      if (!key) {
        throw new CliError(
          'Chưa có khóa đơn vị do tỉnh cấp (cài đặt sync.siteKey): nhập khóa ở mục Đồng bộ trên màn hình quản trị.',
        );
      }
      const now = new Date();
      const file = buildSyncFile(db, getSite(db, now).siteId, key, now);
      const target = path.resolve(arg);
      const partial = `${target}.partial`;
      fs.writeFileSync(partial, JSON.stringify(file), { mode: 0o600 }); // docs/backup.md "File modes"
      const fd = fs.openSync(partial, 'r+');
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fs.renameSync(partial, target);
      out(`Đã xuất ${eventCount(file)} thay đổi chưa đồng bộ ra ${target}.`);
    } finally {
      db.close();
    }
    return 0;
  }

  if (command === 'sync' && sub === 'import' && arg && positionals.length === 3) {
    const source = path.resolve(arg);
    if (!fs.existsSync(source)) throw new CliError(`Không tìm thấy tệp ${source}.`);
    const text = fs.readFileSync(source, 'utf8');
    const lock = acquireDataDirLock(dataDir);
    const db = openExisting(dataDir);
    try {
      ensureSchema(db);
      const r = importFile(db, text, new Date());
      out(
        `Đã nhập tệp của đơn vị ${r.siteId}: ${r.accepted} sự kiện mới, ${r.duplicates} đã có từ trước.`,
      );
    } finally {
      closeDatabase(db);
      lock.release();
    }
    return 0;
  }
  if (command === 'audit' && sub === 'verify' && positionals.length === 2) {
    // Read-only: runs beside the hub like `backup` (no lock, no checkpoint).
    const db = openExisting(dataDir);
    try {
      const version = schemaVersion(db);
      if (version < m010AuditChain.version) {
        throw new CliError(translate('vi', 'audit.verify.needsUpgrade', { version }));
      }
      const r = verifyAuditChain(db);
      if (r.ok) {
        out(
          translate('vi', 'audit.verify.ok', {
            rows: r.rows,
            sealed: r.sealed,
            position: r.position,
            head: r.head,
          }),
        );
        return 0;
      }
      const where =
        r.id === null
          ? translate('vi', 'audit.verify.sealedRows')
          : r.seq === null
            ? translate('vi', 'audit.verify.unchainedRow', { id: r.id })
            : translate('vi', 'audit.verify.row', { id: r.id, seq: r.seq });
      const reason = translate('vi', `audit.verify.reason.${r.reason}`);
      out(translate('vi', 'audit.verify.broken', { rows: r.rows, where, reason }));
      return AUDIT_BROKEN_EXIT;
    } finally {
      db.close();
    }
  }
  throw new CliError(`Lệnh không hợp lệ: ${positionals.join(' ')}`);
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  try {
    process.exitCode = await run(argv);
  } catch (e) {
    const message =
      e instanceof ReceiveError || e instanceof CliError || e instanceof Error
        ? e.message
        : String(e);
    console.error(`Lỗi: ${message}`);
    if (e instanceof CliError || (e instanceof TypeError && 'code' in e))
      console.error(`\n${USAGE}`);
    process.exitCode = e instanceof ReceiveError && e.reason === 'FILE_ALREADY_IMPORTED' ? 3 : 1;
  }
}

if (require.main === module) {
  void main();
}
