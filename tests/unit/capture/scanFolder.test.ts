import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import { openDatabase, type Db } from '../../../src/core/db/connection';
import { migrate } from '../../../src/core/db/migrate';
import { EventBus } from '../../../src/core/events/eventBus';
import {
  checkScanFolder,
  createScanFolder,
  type ScanFolder,
} from '../../../src/core/files/scanFolder';
import { AppError, type AppEvent } from '../../../src/shared/contract';

/** Wait (polling, generous on a loaded machine) until `check` holds. */
async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

describe('scanner folder watcher', () => {
  let root: string;
  let scans: string;
  let dataDir: string;
  let db: Db;
  let events: AppEvent[];
  let folder: ScanFolder;
  const clock = fixedClock(new Date('2026-12-07T02:00:00Z'));

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-scan-'));
    scans = path.join(root, 'scans');
    dataDir = path.join(root, 'data');
    fs.mkdirSync(scans);
    fs.mkdirSync(dataDir);
    db = openDatabase(':memory:');
    migrate(db);
    const bus = new EventBus();
    events = [];
    bus.subscribe((e) => events.push(e));
    folder = createScanFolder(db, dataDir, clock, bus, () => {}, { stableMs: 100 });
  });

  afterEach(async () => {
    await folder.stop();
    db.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('lists the PDFs, JPEGs and PNGs already there and new ones, never other files', async () => {
    fs.writeFileSync(path.join(scans, 'old.pdf'), PDF);
    fs.writeFileSync(path.join(scans, 'notes.txt'), 'x');
    fs.writeFileSync(path.join(scans, '.hidden.pdf'), PDF);
    fs.mkdirSync(path.join(scans, 'sub'));
    fs.writeFileSync(path.join(scans, 'sub', 'deep.pdf'), PDF);
    await folder.setDir(scans, clock.now());
    expect(folder.watching()).toBe(true);
    await until(() => folder.list().length === 1, 'the existing scan');
    expect(folder.list()[0]).toMatchObject({
      name: 'old.pdf',
      bytes: PDF.length,
      contentType: 'application/pdf',
    });

    events.length = 0;
    fs.writeFileSync(path.join(scans, 'Scan_0002.JPG'), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    fs.writeFileSync(path.join(scans, 'page.png'), Buffer.from([0x89, 0x50]));
    await until(() => folder.list().length === 3, 'the two new scans');
    expect(
      folder
        .list()
        .map((f) => f.contentType)
        .sort(),
    ).toEqual(['application/pdf', 'image/jpeg', 'image/png']);
    // Live: the screens hear of it (no file names in the public event).
    expect(events.some((e) => e.type === 'scanFolder.changed' && e.data === undefined)).toBe(true);

    fs.rmSync(path.join(scans, 'page.png'));
    await until(() => folder.list().length === 2, 'the removed scan to leave');
  });

  it('a file attached leaves the tray but stays in the folder; a new scan of that name comes back', async () => {
    const file = path.join(scans, 'scan.pdf');
    fs.writeFileSync(file, PDF);
    await folder.setDir(scans, clock.now());
    await until(() => folder.list().length === 1, 'the scan');
    const [entry] = folder.list();
    const read = folder.read(entry!.id);
    expect(read.bytes.equals(PDF)).toBe(true);
    folder.markUsed(
      entry!.id,
      { dossierCode: 'X-1', documentName: 'Tờ khai', fileId: 'f1', usedBy: 'canbo1' },
      clock.now(),
    );
    expect(folder.list()).toEqual([]);
    expect(fs.existsSync(file)).toBe(true);
    expect(() => folder.read(entry!.id)).toThrow(AppError);
    const used = db.prepare('SELECT dossier_code, file_id FROM scan_folder_used').all();
    expect(used).toEqual([{ dossier_code: 'X-1', file_id: 'f1' }]);

    // The scanner overwrites scan.pdf with a new page: a new entry.
    const later = Buffer.concat([PDF, Buffer.from('% second scan\n')]);
    fs.writeFileSync(file, later);
    await until(() => folder.list().length === 1, 'the new scan under the old name');
    expect(folder.list()[0]!.bytes).toBe(later.length);
  });

  it('a file changed after it was listed is refused (NOT_FOUND), not attached half-written', async () => {
    const file = path.join(scans, 'a.pdf');
    fs.writeFileSync(file, PDF);
    await folder.setDir(scans, clock.now());
    await until(() => folder.list().length === 1, 'the scan');
    const id = folder.list()[0]!.id;
    fs.appendFileSync(file, 'more');
    expect(() => folder.read(id)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }) as unknown as Error,
    );
  });

  it('the setting survives a restart; null stops watching', async () => {
    fs.writeFileSync(path.join(scans, 'a.pdf'), PDF);
    await folder.setDir(scans, clock.now());
    await folder.stop();
    const again = createScanFolder(db, dataDir, clock, new EventBus(), () => {}, { stableMs: 50 });
    await again.start();
    expect(again.dir()).toBe(scans);
    await until(() => again.list().length === 1, 'the scan after restart');
    await again.setDir(null, clock.now());
    expect(again.dir()).toBeNull();
    expect(again.watching()).toBe(false);
    expect(again.list()).toEqual([]);
    await again.stop();
  });

  it('refuses a relative path, a missing folder, a file and the data folder', () => {
    const reason = (dir: string) => {
      try {
        checkScanFolder(dir, dataDir);
        return 'accepted';
      } catch (e) {
        return ((e as AppError).options.details as { reason: string }).reason;
      }
    };
    expect(reason('scans')).toBe('RELATIVE');
    expect(reason(path.join(root, 'missing'))).toBe('NOT_A_DIRECTORY');
    fs.writeFileSync(path.join(root, 'file.pdf'), PDF);
    expect(reason(path.join(root, 'file.pdf'))).toBe('NOT_A_DIRECTORY');
    expect(reason(dataDir)).toBe('DATA_DIR');
    expect(reason(path.join(dataDir, 'files'))).toBe('DATA_DIR');
    expect(reason(root)).toBe('DATA_DIR'); // holds the data folder
    expect(reason(scans)).toBe('accepted');
  });
});
