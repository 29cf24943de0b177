import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import type { Hub } from '../../../src/hub/startHub';
import { cleanPdf, elfBytes, receivedDossier, scannedPage, storedState } from '../../helpers/files';
import {
  ADMIN,
  OFFICER,
  api,
  cleanupHubs,
  errorOf,
  login,
  makeTempDir,
  startTestHub,
} from '../../helpers/hub';

/**
 * The scanner tray over HTTP (docs/digitisation.md, "Ghi nhận tệp / Capture"): the admin's
 * folder setting, the officer's list of new scans, and attaching one to a dossier through
 * the files' own checks.
 */
const clock = fixedClock(new Date('2026-03-02T02:00:00Z')); // Mon 02/03/2026 09:00 VN
let hub: Hub;
let admin: string;
let officer: string;
let scans: string;

interface Tray {
  configured: boolean;
  watching: boolean;
  files: Array<{ id: string; name: string; bytes: number; contentType: string }>;
}

async function tray(): Promise<Tray> {
  const res = await api(hub.url, '/api/v1/scan-folder/files', { token: officer });
  expect(res.status, res.text).toBe(200);
  return res.body as Tray;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const receive = () => receivedDossier(hub.url, officer, 'Đặng Văn Đức');

beforeAll(async () => {
  hub = await startTestHub({ clock, scanFolder: { stableMs: 100 } });
  admin = await login(hub.url, ADMIN);
  officer = await login(hub.url, OFFICER);
  scans = makeTempDir('motcua-scans-');
});
afterAll(cleanupHubs);

describe('scan folder setting', () => {
  it('an officer cannot set it, the public cannot read the tray', async () => {
    const put = await api(hub.url, '/api/v1/scan-folder/config', {
      method: 'PUT',
      token: officer,
      json: { dir: scans },
    });
    expect(put.status).toBe(403);
    expect((await api(hub.url, '/api/v1/scan-folder/files')).status).toBe(401);
    expect(await tray()).toEqual({ configured: false, watching: false, files: [] });
  });

  it('a bad folder is refused with its reason and changes nothing', async () => {
    for (const [dir, reason] of [
      ['scans', 'RELATIVE'],
      [path.join(scans, 'missing'), 'NOT_A_DIRECTORY'],
      [hub.core.dataDir, 'DATA_DIR'],
    ] as const) {
      const res = await api(hub.url, '/api/v1/scan-folder/config', {
        method: 'PUT',
        token: admin,
        json: { dir },
      });
      expect(res.status, dir).toBe(422);
      expect(errorOf(res).details).toMatchObject({ reason });
      expect(errorOf(res).message).not.toBe('');
    }
    const got = await api(hub.url, '/api/v1/scan-folder/config', { token: admin });
    expect(got.body).toEqual({ dir: null, watching: false, error: null });
  });

  it('the admin sets the folder (audited): it is watched at once', async () => {
    const res = await api(hub.url, '/api/v1/scan-folder/config', {
      method: 'PUT',
      token: admin,
      json: { dir: scans },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ dir: scans, watching: true, error: null });
    const audit = hub.core.db
      .prepare("SELECT details FROM audit_log WHERE action = 'scanFolder.config'")
      .all() as Array<{ details: string }>;
    expect(audit.map((a) => JSON.parse(a.details) as unknown)).toEqual([{ from: null, to: scans }]);
  });
});

describe('the tray', () => {
  it('a new scanned JPEG appears and is attached to a document as a PDF; the file stays, the tray empties', async () => {
    const { code, docs } = await receive();
    fs.writeFileSync(path.join(scans, 'Scan_0001.jpg'), await scannedPage({ format: 'jpeg' }));
    await until(async () => (await tray()).files.length === 1, 'the scan in the tray');
    const [entry] = (await tray()).files;
    expect(entry).toMatchObject({ name: 'Scan_0001.jpg', contentType: 'image/jpeg' });

    const res = await api(hub.url, `/api/v1/scan-folder/files/${entry!.id}/attach`, {
      token: officer,
      json: { code, documentName: docs[0] },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      documentName: docs[0],
      pages: 1,
      contentType: 'application/pdf',
    });
    const list = await api(hub.url, `/api/v1/dossiers/${code}/files`, { token: officer });
    expect((list.body as Array<{ id: string }>).map((f) => f.id)).toEqual([
      (res.body as { id: string }).id,
    ]);
    expect((await tray()).files).toEqual([]);
    expect(fs.existsSync(path.join(scans, 'Scan_0001.jpg'))).toBe(true);

    // Attaching it again: it is no longer in the tray.
    const again = await api(hub.url, `/api/v1/scan-folder/files/${entry!.id}/attach`, {
      token: officer,
      json: { code, documentName: docs[0] },
    });
    expect(again.status).toBe(404);
  });

  it('a program renamed .pdf is refused like an upload (415), nothing stored, it stays in the tray', async () => {
    const { code, docs } = await receive();
    const before = storedState(hub);
    fs.writeFileSync(path.join(scans, 'virus.pdf'), elfBytes());
    await until(
      async () => (await tray()).files.some((f) => f.name === 'virus.pdf'),
      'the renamed program in the tray',
    );
    const entry = (await tray()).files.find((f) => f.name === 'virus.pdf')!;
    const res = await api(hub.url, `/api/v1/scan-folder/files/${entry.id}/attach`, {
      token: officer,
      json: { code, documentName: docs[0] },
    });
    expect(res.status).toBe(415);
    expect(errorOf(res).code).toBe('UNSUPPORTED_FILE');
    expect(storedState(hub)).toEqual(before);
    expect((await tray()).files.map((f) => f.name)).toContain('virus.pdf');
    fs.rmSync(path.join(scans, 'virus.pdf'));
    await until(async () => (await tray()).files.length === 0, 'the removed file to leave');
  });

  it('a document not of the dossier is refused (422) and the scan stays in the tray', async () => {
    const { code } = await receive();
    fs.writeFileSync(path.join(scans, 'b.pdf'), await cleanPdf(2));
    await until(async () => (await tray()).files.length === 1, 'the PDF in the tray');
    const [entry] = (await tray()).files;
    const res = await api(hub.url, `/api/v1/scan-folder/files/${entry!.id}/attach`, {
      token: officer,
      json: { code, documentName: 'Giấy không có trong hồ sơ' },
    });
    expect(res.status).toBe(422);
    expect((await tray()).files).toHaveLength(1);
    const ok = await api(hub.url, `/api/v1/scan-folder/files/${entry!.id}/attach`, {
      token: officer,
      json: { code, documentName: 'result' },
    });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body).toMatchObject({ documentName: 'result', pages: 2 });
  });
});
