import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { z } from 'zod';
import { APP_EVENTS, AppError } from '../../shared/contract';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { EventBus } from '../events/eventBus';
import { readSetting, writeSetting } from '../settings/settingsRepo';

/**
 * The scanner's "scan to folder" (docs/digitisation.md, "Ghi nhận tệp / Capture"). Office
 * scanners save each scan as a PDF or JPEG into a folder; the admin names that folder once
 * (setting `scanFolder`), the hub watches it (chokidar) and every new PDF, JPEG or PNG shows
 * up in the desk's "Tệp quét mới" tray until it is attached to a dossier. The app never
 * deletes, moves or writes a file there: an attached file is remembered in
 * `scan_folder_used` and leaves the tray.
 */

export const SCAN_FOLDER_SETTING = 'scanFolder';
const settingSchema = z.object({ dir: z.string().min(1).max(1000).nullable() }).strict();

/** What a scanner writes that the files of a dossier accept (PDF, JPEG, PNG). */
const TYPES: Readonly<Record<string, ScanFileType>> = {
  '.pdf': 'application/pdf',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
};
export type ScanFileType = 'application/pdf' | 'image/jpeg' | 'image/png';

/** The largest file of a dossier (the files route's own body limit). */
export const SCAN_FILE_MAX_BYTES = 40 * 1024 * 1024;
/** The tray shows at most this many files, newest first. */
const TRAY_MAX = 200;

export interface ScanFolderEntry {
  id: string;
  name: string;
  bytes: number;
  modifiedAt: string;
  contentType: ScanFileType;
}

interface Known {
  path: string;
  bytes: number;
  modifiedMs: number;
}

export type ScanFolderProblem = 'RELATIVE' | 'NOT_A_DIRECTORY' | 'NOT_READABLE' | 'DATA_DIR';

export interface ScanFolder {
  /** The folder set by the admin (null: none). */
  dir(): string | null;
  /** Whether the watcher is running and its first listing is done. */
  watching(): boolean;
  /** The last error of the watcher (folder removed, no permission), null when fine. */
  error(): string | null;
  /** Check and store the folder (null: stop watching); restarts the watcher. */
  setDir(dir: string | null, at: Date): Promise<string | null>;
  /** Files not yet attached, newest first. */
  list(): ScanFolderEntry[];
  /** The bytes of an entry still in the tray, checked unchanged since it was listed. */
  read(id: string): { entry: ScanFolderEntry; path: string; bytes: Buffer };
  /** Remember that an entry was attached (it leaves the tray; the file stays). */
  markUsed(
    id: string,
    use: { dossierCode: string; documentName: string; fileId: string; usedBy: string | null },
    at: Date,
  ): void;
  /**
   * Start watching the stored folder, if any (resolves once the first listing is done; the
   * core does not wait for it: a slow network folder never delays the start).
   */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ScanFolderOptions {
  /** How long a file must stay unchanged before it is listed (a scanner still writing). */
  stableMs?: number;
  /** Poll instead of native events (network shares). */
  usePolling?: boolean;
}

const entryId = (k: Known) =>
  createHash('sha256')
    .update(`${k.path}\0${k.bytes}\0${k.modifiedMs}`)
    .digest('base64url')
    .slice(0, 22);

function typeOf(file: string): ScanFileType | undefined {
  return TYPES[path.extname(file).toLowerCase()];
}

function refuse(reason: ScanFolderProblem, dir: string): never {
  throw new AppError('UNPROCESSABLE', {
    messageKey: `capture.folder.problem.${reason}`,
    params: { dir },
    details: { reason, dir },
  });
}

/**
 * Check a folder before it is stored: an absolute path to an existing, readable folder, not
 * the hub's data folder (its stored files are not scans).
 */
export function checkScanFolder(input: string, dataDir: string): string {
  const given = input.trim();
  if (!path.isAbsolute(given)) refuse('RELATIVE', given);
  const dir = path.resolve(given);
  const data = path.resolve(dataDir);
  if (dir === data || dir.startsWith(data + path.sep) || data.startsWith(dir + path.sep)) {
    refuse('DATA_DIR', dir);
  }
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    refuse('NOT_A_DIRECTORY', dir);
  }
  if (!st.isDirectory()) refuse('NOT_A_DIRECTORY', dir);
  try {
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.X_OK);
    fs.readdirSync(dir);
  } catch {
    refuse('NOT_READABLE', dir);
  }
  return dir;
}

export function createScanFolder(
  db: Db,
  dataDir: string,
  clock: Clock,
  events: EventBus,
  warn: (msg: string) => void,
  options: ScanFolderOptions = {},
): ScanFolder {
  const known = new Map<string, Known>();
  let watcher: FSWatcher | null = null;
  let ready = false;
  let lastError: string | null = null;
  let starting: Promise<void> = Promise.resolve();
  const stored = () => readSetting(db, SCAN_FOLDER_SETTING, settingSchema)?.dir ?? null;
  const changed = () => events.publish(APP_EVENTS.scanFolderChanged, undefined, clock.now());
  const isUsed = db.prepare('SELECT 1 FROM scan_folder_used WHERE entry_id = ?');

  const remember = (file: string, st: fs.Stats | undefined) => {
    if (!typeOf(file)) return;
    const s = st ?? fs.statSync(file, { throwIfNoEntry: false });
    if (!s || !s.isFile()) return;
    known.set(file, { path: file, bytes: s.size, modifiedMs: Math.floor(s.mtimeMs) });
    if (ready) changed();
  };

  async function stopWatcher() {
    const w = watcher;
    watcher = null;
    ready = false;
    known.clear();
    if (w) await w.close();
  }

  async function startWatcher(dir: string): Promise<void> {
    await stopWatcher();
    lastError = null;
    const stableMs = options.stableMs ?? 1500;
    const w = watch(dir, {
      depth: 0,
      persistent: true,
      ignoreInitial: false,
      alwaysStat: true,
      ignorePermissionErrors: true,
      ...(options.usePolling ? { usePolling: true, interval: 1000 } : {}),
      // Hidden files and partial downloads are never scans.
      ignored: (p: string, st?: fs.Stats) =>
        p !== dir && (path.basename(p).startsWith('.') || (st?.isFile() === true && !typeOf(p))),
      awaitWriteFinish:
        stableMs > 0
          ? { stabilityThreshold: stableMs, pollInterval: Math.min(200, stableMs) }
          : false,
    });
    watcher = w;
    w.on('add', remember);
    w.on('change', remember);
    w.on('unlink', (file: string) => {
      if (known.delete(file) && ready) changed();
    });
    w.on('error', (e: unknown) => {
      lastError = e instanceof Error ? e.message : String(e);
      warn(`scan folder: ${lastError}`);
    });
    await new Promise<void>((resolve) => {
      w.once('ready', () => {
        if (watcher === w) ready = true;
        resolve();
      });
    });
    changed();
  }

  const view = (k: Known): ScanFolderEntry => ({
    id: entryId(k),
    name: path.basename(k.path),
    bytes: k.bytes,
    modifiedAt: new Date(k.modifiedMs).toISOString(),
    contentType: typeOf(k.path) as ScanFileType,
  });

  function list(): ScanFolderEntry[] {
    return [...known.values()]
      .filter((k) => !isUsed.get(entryId(k)))
      .sort((a, b) => b.modifiedMs - a.modifiedMs || a.path.localeCompare(b.path))
      .slice(0, TRAY_MAX)
      .map(view);
  }

  function find(id: string): Known {
    for (const k of known.values()) if (entryId(k) === id && !isUsed.get(id)) return k;
    throw new AppError('NOT_FOUND', { messageKey: 'capture.tray.gone' });
  }

  return {
    dir: stored,
    watching: () => watcher !== null && ready,
    error: () => lastError,
    async setDir(dir, at) {
      const checked = dir === null ? null : checkScanFolder(dir, dataDir);
      writeSetting(db, SCAN_FOLDER_SETTING, settingSchema, { dir: checked }, at);
      if (checked === null) {
        await stopWatcher();
        changed();
      } else await startWatcher(checked);
      return checked;
    },
    list,
    read(id) {
      const k = find(id);
      const st = fs.statSync(k.path, { throwIfNoEntry: false });
      // Changed or removed since it was listed: the officer picks it again from a fresh tray.
      if (!st || st.size !== k.bytes || Math.floor(st.mtimeMs) !== k.modifiedMs) {
        throw new AppError('NOT_FOUND', { messageKey: 'capture.tray.gone' });
      }
      if (st.size > SCAN_FILE_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
      const bytes = fs.readFileSync(k.path);
      if (bytes.length !== k.bytes) {
        throw new AppError('NOT_FOUND', { messageKey: 'capture.tray.gone' });
      }
      return { entry: view(k), path: k.path, bytes };
    },
    markUsed(id, use, at) {
      const k = find(id);
      db.prepare(
        `INSERT INTO scan_folder_used (entry_id, path, bytes, modified_ms, dossier_code,
           document_name, file_id, used_by, used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(entry_id) DO NOTHING`,
      ).run(
        id,
        k.path,
        k.bytes,
        k.modifiedMs,
        use.dossierCode,
        use.documentName,
        use.fileId,
        use.usedBy,
        at.toISOString(),
      );
      changed();
    },
    start() {
      const dir = stored();
      if (dir === null) return Promise.resolve();
      starting = startWatcher(dir).catch((e: unknown) => {
        lastError = e instanceof Error ? e.message : String(e);
        warn(`scan folder: ${lastError}`);
      });
      return starting;
    },
    async stop() {
      // A first listing still running (a large or slow network folder) ends before the close.
      await starting;
      await stopWatcher();
    },
  };
}
