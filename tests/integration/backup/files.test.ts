/**
 * Backups carry the stored files (docs/backup.md, "Files"): a `files/` folder beside the
 * database copies, each file copied once (incremental), encrypted one by one when a backup
 * passphrase is set; restore brings them back and checks every hash; a damaged copy (one
 * flipped byte) is reported and not restored.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { restoreDatabase } from '../../../src/core/backup/restore';
import { fixedClock } from '../../../src/core/clock';
import type { Hub } from '../../../src/hub/startHub';
import { cleanPdf, scannedPage, upload } from '../../helpers/files';
import {
  ADMIN,
  api,
  cleanupHubs,
  login,
  makeTempDir,
  OFFICER,
  startTestHub,
} from '../../helpers/hub';

const PASS = 'mật khẩu sao lưu rất dài 2026';
afterAll(cleanupHubs);

async function hubWithFiles(passphrase: string | null) {
  const dataDir = makeTempDir();
  const backups = makeTempDir('motcua-files-backup-');
  const clock = fixedClock(new Date('2026-03-04T02:00:00Z'));
  const hub = await startTestHub({
    dataDir,
    clock,
    maintenance: { autoBackup: false },
    authPolicy: { sessionHours: 24 * 365 },
  });
  const admin = await login(hub.url, ADMIN);
  const officer = await login(hub.url, OFFICER);
  const set = await api(hub.url, '/api/v1/backup/config', {
    method: 'PUT',
    token: admin,
    json: { dir: backups, passphrase },
  });
  expect(set.status, set.text).toBe(200);
  const res = await api(hub.url, '/api/v1/dossiers', {
    token: officer,
    json: {
      procedureId: '1.004884',
      applicant: { fullName: 'Vũ Thị Lưu', idNumber: '001190777777' },
    },
  });
  const code = (res.body as { code: string }).code;
  const got = await api(hub.url, `/api/v1/dossiers/${code}`, { token: officer });
  const name = (got.body as { documents: Array<{ name: string }> }).documents[0]?.name as string;
  const shas: string[] = [];
  for (const bytes of [await cleanPdf(2, 'Sao luu'), await scannedPage({ seed: 11 })]) {
    const up = await upload(hub.url, code, {
      token: officer,
      documentName: name,
      files: [{ bytes }],
    });
    expect(up.status, up.text).toBe(201);
    shas.push((up.body as { sha256: string }).sha256);
  }
  const backup = async (): Promise<string> => {
    const made = await api(hub.url, '/api/v1/backups', { token: admin, json: {} });
    expect(made.status, made.text).toBe(201);
    return path.join(backups, (made.body as { fileName: string }).fileName);
  };
  return { hub, dataDir, backups, shas, backup, clock, code, officer };
}

const copyOf = (backups: string, sha: string, encrypted: boolean) =>
  path.join(backups, 'files', sha.slice(0, 2), `${sha}${encrypted ? '.enc' : ''}`);
const dataFile = (dataDir: string, sha: string) =>
  path.join(dataDir, 'files', sha.slice(0, 2), sha);

async function stop(hub: Hub) {
  await hub.stop();
}

describe('backups with files', () => {
  it('plain: copied once beside the database; restore brings them back; a flipped byte is reported', async () => {
    const { hub, dataDir, backups, shas, backup, clock } = await hubWithFiles(null);
    const first = await backup();
    for (const sha of shas) {
      const copy = copyOf(backups, sha, false);
      expect(fs.readFileSync(copy)).toEqual(fs.readFileSync(dataFile(dataDir, sha)));
      if (process.platform !== 'win32') expect(fs.statSync(copy).mode & 0o777).toBe(0o600);
    }
    // Incremental: a second backup copies nothing again (the copies are untouched).
    const copy0 = copyOf(backups, shas[0] as string, false);
    const marker = new Date('2020-01-01T00:00:00Z');
    fs.utimesSync(copy0, marker, marker);
    clock.set(new Date('2026-03-04T03:00:00Z'));
    await backup();
    expect(fs.statSync(copy0).mtime.getTime()).toBe(marker.getTime());
    await stop(hub);

    // Lose the files; restore the first backup: both come back, hashes checked.
    fs.rmSync(path.join(dataDir, 'files'), { recursive: true });
    const r = await restoreDatabase(dataDir, first, { force: true });
    expect(r.files).toEqual({ restored: 2, verified: 0, problems: [] });
    for (const sha of shas) expect(fs.existsSync(dataFile(dataDir, sha))).toBe(true);

    // One flipped byte in a backup copy: reported, never restored under its name.
    const bytes = fs.readFileSync(copy0);
    bytes[200] = (bytes[200] as number) ^ 0x01;
    fs.writeFileSync(copy0, bytes);
    fs.rmSync(dataFile(dataDir, shas[0] as string));
    const again = await restoreDatabase(dataDir, first, { force: true });
    expect(again.files).toEqual({
      restored: 0,
      verified: 1,
      problems: [{ sha256: shas[0], problem: 'damaged' }],
    });
    expect(fs.existsSync(dataFile(dataDir, shas[0] as string))).toBe(false);
    expect(fs.readdirSync(path.dirname(dataFile(dataDir, shas[0] as string)))).toEqual([]);
  });

  it('encrypted: each file encrypted, no plaintext in the backup; restore decrypts and checks', async () => {
    const { hub, dataDir, backups, shas, backup } = await hubWithFiles(PASS);
    const file = await backup();
    for (const sha of shas) {
      expect(fs.existsSync(copyOf(backups, sha, false))).toBe(false);
      const enc = fs.readFileSync(copyOf(backups, sha, true));
      expect(enc.subarray(0, 8).toString('ascii')).toBe('MOTCUAEB');
      expect(enc.includes(Buffer.from('%PDF-'))).toBe(false);
    }
    await stop(hub);
    fs.rmSync(path.join(dataDir, 'files'), { recursive: true });
    const r = await restoreDatabase(dataDir, file, { force: true, passphrase: PASS });
    expect(r.files).toEqual({ restored: 2, verified: 0, problems: [] });
    // A tampered encrypted copy fails its authentication: reported as damaged.
    const enc = copyOf(backups, shas[1] as string, true);
    const bytes = fs.readFileSync(enc);
    bytes[bytes.length - 40] = (bytes[bytes.length - 40] as number) ^ 0x80;
    fs.writeFileSync(enc, bytes);
    fs.rmSync(dataFile(dataDir, shas[1] as string));
    const again = await restoreDatabase(dataDir, file, { force: true, passphrase: PASS });
    expect(again.files.problems).toEqual([{ sha256: shas[1], problem: 'damaged' }]);
  }, 240_000); // the backups' scrypt key derivation, once per encrypted file (docs/backup.md)
});
