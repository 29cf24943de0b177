/**
 * Phone upload links and reuse of digitised documents (docs/digitisation.md): a link works
 * once, for its dossier and document, for 10 minutes; reception links an earlier scan of the
 * same citizen (NĐ 118/2025 Art. 5(1)(i)) and refuses anyone else's; a scanned result is
 * known to the return slip's data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import { dossierDigitisation } from '../../../src/core/files/digitisation';
import { dossierEventPayloadV4Schema } from '../../../src/shared/contract/sync';
import type { Hub } from '../../../src/hub/startHub';
import { cleanPdf, scannedPage, storedState, upload } from '../../helpers/files';
import {
  ADMIN,
  api,
  cleanupHubs,
  errorOf,
  login,
  makeTempDir,
  OFFICER,
  startTestHub,
} from '../../helpers/hub';

const clock = fixedClock(new Date('2026-03-03T02:00:00Z')); // Tue 03/03/2026 09:00 VN
let hub: Hub;
let officer: string;
let admin: string;

interface Doc {
  name: string;
  kind: string;
  count: number;
}
interface FileRow {
  id: string;
  sha256: string;
  documentName: string;
  linkedFromDossierCode: string | null;
}

async function receive(
  idNumber: string,
  documents?: unknown[],
): Promise<{ status: number; code: string; docs: Doc[]; text: string }> {
  const res = await api(hub.url, '/api/v1/dossiers', {
    token: officer,
    json: {
      procedureId: '1.004884',
      applicant: { fullName: 'Lê Thị Hoa', idNumber },
      ...(documents ? { documents } : {}),
    },
  });
  if (res.status !== 201) return { status: res.status, code: '', docs: [], text: res.text };
  const code = (res.body as { code: string }).code;
  const got = await api(hub.url, `/api/v1/dossiers/${code}`, { token: officer });
  // The checklist as reception sends it: name, kind, count (paper).
  const docs = (got.body as { documents: Doc[] }).documents.map(({ name, kind, count }) => ({
    name,
    kind,
    count,
  }));
  return { status: 201, code, docs, text: '' };
}

const list = async (code: string) =>
  (await api(hub.url, `/api/v1/dossiers/${code}/files`, { token: officer })).body as FileRow[];

beforeAll(async () => {
  const staticDir = makeTempDir('motcua-static-');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>spa</title>');
  hub = await startTestHub({ clock, staticDir, authPolicy: { sessionHours: 24 * 365 } });
  officer = await login(hub.url, OFFICER);
  admin = await login(hub.url, ADMIN);
});
afterAll(cleanupHubs);

describe('one-time upload links for a phone', () => {
  it('a link uploads once, for its dossier and document, within 10 minutes', async () => {
    const { code, docs } = await receive('001190000001');
    const other = await receive('001190000002');
    const name = docs[0]?.name as string;
    const made = await api(hub.url, `/api/v1/dossiers/${code}/files/upload-links`, {
      token: officer,
      json: { documentName: name },
    });
    expect(made.status, made.text).toBe(201);
    const link = made.body as { token: string; url: string; expiresAt: string };
    // From the hub's own screen (loopback) with no public address: the path alone.
    expect(link.url).toBe(`/upload/${link.token}`);
    expect(new Date(link.expiresAt).getTime() - clock.now().getTime()).toBe(10 * 60_000);
    // The phone page is the renderer's route.
    const page = await fetch(`${hub.url}${link.url}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('spa');
    // What the phone page shows: no sign-in needed, the token is the permission.
    const info = await api(hub.url, `/api/v1/upload-links/${link.token}`);
    expect(info.body).toEqual({ dossierCode: code, documentName: name, expiresAt: link.expiresAt });

    const before = storedState(hub);
    const pdf = await cleanPdf(1, 'Tu dien thoai');
    // Another dossier, another document: refused, nothing stored, the link still unused.
    const wrongDossier = await upload(hub.url, other.code, {
      uploadToken: link.token,
      documentName: name,
      files: [{ bytes: pdf }],
    });
    expect(wrongDossier.status).toBe(401);
    expect(errorOf(wrongDossier).code).toBe('UPLOAD_LINK_INVALID');
    const wrongDoc = await upload(hub.url, code, {
      uploadToken: link.token,
      documentName: 'result',
      files: [{ bytes: pdf }],
    });
    expect(wrongDoc.status).toBe(401);
    expect(storedState(hub)).toEqual(before);

    const photo = await scannedPage({ seed: 7 });
    const ok = await upload(hub.url, code, {
      uploadToken: link.token,
      documentName: name,
      files: [{ bytes: photo, type: 'image/jpeg' }],
    });
    expect(ok.status, ok.text).toBe(201);
    const rows = await list(code);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ documentName: name, createdBy: 'Nguyễn Thị Ngọc Ánh' });
    // Single use.
    const again = await upload(hub.url, code, {
      uploadToken: link.token,
      documentName: name,
      files: [{ bytes: pdf }],
    });
    expect(again.status).toBe(401);
    expect((await api(hub.url, `/api/v1/upload-links/${link.token}`)).status).toBe(404);
    expect(await list(code)).toHaveLength(1);
  });

  it('an expired link is refused; the url uses the public address when set', async () => {
    const { code, docs } = await receive('001190000003');
    const set = await api(hub.url, '/api/v1/public-address', {
      method: 'PUT',
      token: admin,
      json: { url: 'http://192.168.1.10:8787' },
    });
    expect(set.status, set.text).toBe(200);
    const made = await api(hub.url, `/api/v1/dossiers/${code}/files/upload-links`, {
      token: officer,
      json: { documentName: docs[0]?.name },
    });
    const link = made.body as { token: string; url: string };
    expect(link.url).toBe(`http://192.168.1.10:8787/upload/${link.token}`);
    await api(hub.url, '/api/v1/public-address', {
      method: 'PUT',
      token: admin,
      json: { url: null },
    });
    clock.set(new Date(clock.now().getTime() + 10 * 60_000 + 1000));
    const late = await upload(hub.url, code, {
      uploadToken: link.token,
      documentName: docs[0]?.name as string,
      files: [{ bytes: await cleanPdf() }],
    });
    expect(late.status).toBe(401);
    expect(await list(code)).toEqual([]);
    // Only officers make links; a document not on the checklist is refused.
    const anon = await api(hub.url, `/api/v1/dossiers/${code}/files/upload-links`, {
      json: { documentName: docs[0]?.name },
    });
    expect(anon.status).toBe(401);
    const unknown = await api(hub.url, `/api/v1/dossiers/${code}/files/upload-links`, {
      token: officer,
      json: { documentName: 'Không có' },
    });
    expect(unknown.status).toBe(422);
  });
});

describe('reuse instead of asking again', () => {
  it("reception links a citizen's earlier scan (no copy) and the new dossier lists it", async () => {
    const citizen = '001190000010';
    const first = await receive(citizen);
    const name = first.docs[0]?.name as string;
    const up = await upload(hub.url, first.code, {
      token: officer,
      documentName: name,
      files: [{ bytes: await cleanPdf(1, 'Giay khai sinh cu') }],
    });
    expect(up.status).toBe(201);
    const original = up.body as { id: string; sha256: string };

    const found = await api(hub.url, '/api/v1/files/reusable', {
      token: officer,
      json: { idNumber: citizen },
    });
    expect(found.status).toBe(200);
    expect(found.body).toEqual([
      {
        fileId: original.id,
        documentName: name,
        dossierCode: first.code,
        createdAt: expect.any(String),
      },
    ]);
    // A stranger's search finds nothing; the query string is never the way.
    expect(
      (
        await api(hub.url, '/api/v1/files/reusable', {
          token: officer,
          json: { idNumber: '001190009999' },
        })
      ).body,
    ).toEqual([]);
    expect(
      (await api(hub.url, `/api/v1/files/reusable?idNumber=${citizen}`, { token: officer })).status,
    ).toBe(400); // a GET there is /files/{id} with a malformed id: never the citizen's files

    const before = storedState(hub);
    const documents = first.docs.map((d, i) =>
      i === 0
        ? {
            ...d,
            source: 'e_data',
            eDataNote: `Bản số hóa hồ sơ ${first.code}`,
            fileId: original.id,
          }
        : d,
    );
    const second = await receive(citizen, documents);
    expect(second.status, second.text).toBe(201);
    const rows = await list(second.code);
    expect(rows).toEqual([
      expect.objectContaining({
        documentName: name,
        sha256: original.sha256,
        linkedFromDossierCode: first.code,
      }),
    ]);
    const after = storedState(hub);
    expect(after.rows).toBe(before.rows + 1); // a link row
    expect(after.stored).toBe(before.stored); // no copy
    expect(after.files).toEqual(before.files);
    // The linked file opens from the new dossier.
    const view = await fetch(`${hub.url}/api/v1/files/${rows[0]?.id}`, {
      headers: { Authorization: `Bearer ${officer}` },
    });
    expect(view.status).toBe(200);
    // The first dossier's list is unchanged; reuse offers the original, not the link.
    expect(await list(first.code)).toHaveLength(1);
    const again = await api(hub.url, '/api/v1/files/reusable', {
      token: officer,
      json: { idNumber: citizen },
    });
    expect((again.body as unknown[]).length).toBe(1);
  });

  it("another citizen's file is refused (422 FILE_NOT_REUSABLE) and nothing is received", async () => {
    const owner = await receive('001190000020');
    const up = await upload(hub.url, owner.code, {
      token: officer,
      documentName: owner.docs[0]?.name as string,
      files: [{ bytes: await cleanPdf(1, 'Cua nguoi khac') }],
    });
    const fileId = (up.body as { id: string }).id;
    const count = () =>
      (hub.core.db.prepare('SELECT COUNT(*) AS n FROM dossiers').get() as { n: number }).n;
    const before = { dossiers: count(), files: storedState(hub) };
    const documents = owner.docs.map((d, i) =>
      i === 0 ? { ...d, source: 'e_data', eDataNote: 'Hồ sơ trước', fileId } : d,
    );
    const stranger = await receive('001190000021', documents);
    expect(stranger.status).toBe(422);
    expect(stranger.text).toContain('FILE_NOT_REUSABLE');
    const noId = await api(hub.url, '/api/v1/dossiers', {
      token: officer,
      json: { procedureId: '1.004884', applicant: { fullName: 'Không CCCD' }, documents },
    });
    expect(noId.status).toBe(422);
    const unknown = await receive(
      '001190000020',
      documents.map((d, i) => (i === 0 ? { ...d, fileId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' } : d)),
    );
    expect(unknown.status).toBe(422);
    const onPaper = await receive(
      '001190000020',
      owner.docs.map((d, i) => (i === 0 ? { ...d, fileId } : d)),
    );
    expect(onPaper.status).toBe(400);
    expect({ dossiers: count(), files: storedState(hub) }).toEqual(before);
  });
});

describe('the scanned result', () => {
  it('a file named "result" makes the dossier\'s result digitised', async () => {
    const { code, docs } = await receive('001190000030');
    const id = (
      hub.core.db.prepare('SELECT id FROM dossiers WHERE code = ?').get(code) as { id: string }
    ).id;
    expect(dossierDigitisation(hub.core.db, id)).toEqual({
      paperDocuments: docs.length,
      digitisedDocuments: 0,
      resultDigitised: false,
    });
    for (const d of docs) {
      const r = await upload(hub.url, code, {
        token: officer,
        documentName: d.name,
        files: [
          { bytes: await cleanPdf(1, `${d.name}`.normalize('NFD').replace(/[^\x20-\x7e]/g, '')) },
        ],
      });
      expect(r.status).toBe(201);
    }
    const res = await upload(hub.url, code, {
      token: officer,
      documentName: 'result',
      files: [{ bytes: await cleanPdf(2, 'Ket qua') }],
    });
    expect(res.status).toBe(201);
    expect(dossierDigitisation(hub.core.db, id)).toEqual({
      paperDocuments: docs.length,
      digitisedDocuments: docs.length,
      resultDigitised: true,
    });
    // Each attachment sends the province the counts (payload version 4), never the file.
    const payloads = (
      hub.core.db
        .prepare("SELECT payload FROM sync_outbox WHERE type = 'dossier.event' ORDER BY seq")
        .all() as Array<{ payload: string }>
    )
      .map((r) => JSON.parse(r.payload) as Record<string, unknown>)
      .filter((p) => p['dossierCode'] === code);
    expect(payloads.map((p) => p['action'])).toEqual([
      'received',
      ...docs.map(() => 'file_attached'),
      'file_attached',
    ]);
    for (const p of payloads) expect(dossierEventPayloadV4Schema.safeParse(p).success).toBe(true);
    expect(payloads.at(-1)).toMatchObject({
      step: 1,
      fromStatus: 'received',
      toStatus: 'received',
      paperDocuments: docs.length,
      digitisedDocuments: docs.length,
      resultDigitised: true,
    });
    expect(payloads.at(1)).toMatchObject({ digitisedDocuments: 1, resultDigitised: false });
  });
});
