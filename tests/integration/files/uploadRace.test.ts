/**
 * The store holds only files that rows name (docs/digitisation.md, "Storage"): two phones
 * racing on one upload link leave one attachment and no stray file (the second is refused at
 * once with a clear message), an upload refused after its bytes were written takes them out
 * again (never bytes another row names), and the start-up sweep moves aside what a crash
 * left without a row.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import { createImagePool, type ImagePool } from '../../../src/core/files/imagePool';
import { UNREFERENCED_DIR_NAME } from '../../../src/core/files/fileStore';
import type { Hub } from '../../../src/hub/startHub';
import { receivedDossier, scannedPage, storedState, upload } from '../../helpers/files';
import { api, cleanupHubs, errorOf, login, OFFICER, startTestHub } from '../../helpers/hub';

const START = new Date('2026-03-03T02:00:00Z'); // Tue 03/03/2026 09:00 VN
const clock = fixedClock(START);

/** The real image pool, whose next run can be held until the test lets it go. */
function holdablePool(): ImagePool & { holdNext(): { started: Promise<void>; release(): void } } {
  const inner = createImagePool(1);
  let held: { started(): void; gate: Promise<void> } | null = null;
  return {
    async run(parts, colour) {
      const mine = held;
      held = null;
      if (mine) {
        mine.started();
        await mine.gate;
      }
      return inner.run(parts, colour);
    },
    close: () => inner.close(),
    holdNext() {
      let started!: () => void;
      let release!: () => void;
      const startedP = new Promise<void>((r) => (started = r));
      held = { started, gate: new Promise<void>((r) => (release = r)) };
      return { started: startedP, release };
    },
  };
}

const pool = holdablePool();
let hub: Hub;
let officer: string;

/** The store holds exactly the files the rows name (no stray file, no temporary file). */
function expectStoreMatchesRows(): void {
  const shas = (
    hub.core.db.prepare('SELECT sha256 FROM stored_files').all() as Array<{ sha256: string }>
  ).map((r) => path.join(r.sha256.slice(0, 2), r.sha256));
  expect(storedState(hub).files).toEqual(shas.sort());
}

async function dossierWithLink(): Promise<{ code: string; name: string; token: string }> {
  const { code, docs } = await receivedDossier(hub.url, officer, 'Lê Thị Hoa');
  const name = docs[0] as string;
  const made = await api(hub.url, `/api/v1/dossiers/${code}/files/upload-links`, {
    token: officer,
    json: { documentName: name },
  });
  expect(made.status, made.text).toBe(201);
  return { code, name, token: (made.body as { token: string }).token };
}

const filesOf = async (code: string) =>
  (await api(hub.url, `/api/v1/dossiers/${code}/files`, { token: officer })).body as Array<{
    sha256: string;
  }>;

/** A photo sent through `token`, held in the image pool until `release()`. */
async function heldLinkUpload(
  code: string,
  name: string,
  token: string,
  photo: Buffer,
): Promise<{ response: ReturnType<typeof upload>; release(): void }> {
  const hold = pool.holdNext();
  const response = upload(hub.url, code, {
    uploadToken: token,
    documentName: name,
    files: [{ bytes: photo, type: 'image/jpeg' }],
  });
  await hold.started; // the photo is being processed
  return { response, release: hold.release };
}

/** A held upload whose link expires while its photo is processed: 401, the clock reset. */
async function expiresWhileProcessed(
  code: string,
  name: string,
  token: string,
  photo: Buffer,
): ReturnType<typeof upload> {
  const held = await heldLinkUpload(code, name, token, photo);
  clock.advance(11 * 60_000); // past the link's 10 minutes
  held.release();
  const res = await held.response;
  clock.set(START);
  expect(res.status, res.text).toBe(401);
  expect(errorOf(res).code).toBe('UPLOAD_LINK_INVALID');
  return res;
}

beforeAll(async () => {
  hub = await startTestHub({ clock, imagePool: pool, authPolicy: { sessionHours: 24 * 365 } });
  officer = await login(hub.url, OFFICER);
});
afterAll(cleanupHubs);

describe('one upload link, two phones', () => {
  it('the second upload is refused at once in Vietnamese; one row, no stray file', async () => {
    const { code, name, token } = await dossierWithLink();
    const before = storedState(hub);
    const first = await heldLinkUpload(code, name, token, await scannedPage({ seed: 21 }));
    const second = await upload(hub.url, code, {
      uploadToken: token,
      documentName: name,
      files: [{ bytes: await scannedPage({ seed: 22 }), type: 'image/jpeg' }],
    });
    first.release();
    const won = await first.response;
    expect(won.status, won.text).toBe(201);
    expect(second.status, second.text).toBe(409);
    expect(errorOf(second)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('mỗi liên kết chỉ nhận một lần tải lên') as string,
    });
    const rows = await filesOf(code);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.sha256).toBe((won.body as { sha256: string }).sha256);
    const after = storedState(hub);
    expect(after.rows).toBe(before.rows + 1);
    expect(after.files).toHaveLength(before.files.length + 1);
    expectStoreMatchesRows();
    // The link is spent.
    expect((await api(hub.url, `/api/v1/upload-links/${token}`)).status).toBe(404);
  });
});

describe('an upload refused after its bytes were written', () => {
  it('the link expiring while the photo is processed leaves no file and no row', async () => {
    const { code, name, token } = await dossierWithLink();
    const before = storedState(hub);
    await expiresWhileProcessed(code, name, token, await scannedPage({ seed: 23 }));
    expect(storedState(hub)).toEqual(before);
    expectStoreMatchesRows();
  });

  it('bytes another row names stay when a second copy of them is refused', async () => {
    const { code, name, token } = await dossierWithLink();
    const photo = await scannedPage({ seed: 24 });
    const byOfficer = await upload(hub.url, code, {
      token: officer,
      documentName: name,
      files: [{ bytes: photo, type: 'image/jpeg' }],
    });
    expect(byOfficer.status, byOfficer.text).toBe(201);
    const before = storedState(hub);
    await expiresWhileProcessed(code, name, token, photo);
    expect(storedState(hub)).toEqual(before);
    const id = (byOfficer.body as { id: string }).id;
    expect((await api(hub.url, `/api/v1/files/${id}`, { token: officer })).status).toBe(200);
  });

  it('the same bytes sent twice at once are stored once, both attached', async () => {
    const { code, name } = await dossierWithLink();
    const photo = await scannedPage({ seed: 25 });
    const send = () =>
      upload(hub.url, code, {
        token: officer,
        documentName: name,
        files: [{ bytes: photo, type: 'image/jpeg' }],
      });
    const before = storedState(hub);
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const after = storedState(hub);
    expect(after.rows).toBe(before.rows + 2);
    expect(after.files).toHaveLength(before.files.length + 1);
    expectStoreMatchesRows();
  });
});

describe('the start-up sweep', () => {
  it('moves aside old files no row names, removes old temporary files, keeps the rest', async () => {
    const first = await startTestHub({ clock });
    const dataDir = first.core.dataDir;
    const token = await login(first.url, OFFICER);
    const { code } = await receivedDossier(first.url, token, 'Lê Thị Hoa');
    const kept = await upload(first.url, code, {
      token,
      documentName: 'result',
      files: [{ bytes: await scannedPage({ seed: 26 }), type: 'image/jpeg' }],
    });
    expect(kept.status, kept.text).toBe(201);
    const keptSha = (kept.body as { sha256: string }).sha256;
    await first.stop();

    // What a crash between the write and the row leaves: a file without a row, and an
    // interrupted write's temporary file; one of each older than the grace period.
    const filesDir = path.join(dataDir, 'files');
    const orphan = 'ab'.repeat(32);
    const recent = 'cd'.repeat(32);
    const write = (name: string, ageMs: number) => {
      const file = path.join(filesDir, name.replace(/^\./, '').slice(0, 2), name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, name);
      const t = new Date(Date.now() - ageMs);
      fs.utimesSync(file, t, t);
    };
    write(orphan, 2 * 3600_000);
    write(recent, 60_000);
    write(`.${orphan}.0a1b2c.tmp`, 2 * 3600_000);
    const oldKept = path.join(filesDir, keptSha.slice(0, 2), keptSha);
    const t = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(oldKept, t, t);

    const second = await startTestHub({ dataDir, clock });
    expect(fs.existsSync(oldKept)).toBe(true);
    expect(fs.existsSync(path.join(filesDir, 'cd', recent))).toBe(true);
    expect(fs.existsSync(path.join(filesDir, 'ab', orphan))).toBe(false);
    expect(fs.readFileSync(path.join(dataDir, UNREFERENCED_DIR_NAME, orphan), 'utf8')).toBe(orphan);
    expect(fs.readdirSync(path.join(filesDir, 'ab'))).toEqual([]);
    const again = await api(second.url, `/api/v1/dossiers/${code}/files`, {
      token: await login(second.url, OFFICER),
    });
    expect((again.body as unknown[]).length).toBe(1);
  });
});
