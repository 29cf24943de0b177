/**
 * A real site hub and the province service (the one receiver, docs/sync.md), on the embedded
 * PGlite and on a real PostgreSQL server: the site's USB file imported once with tampering
 * detected, and the batch endpoint's HTTP edge (HMAC, idempotent replay, gap refused,
 * admin-only totals) with the events the site's own outbox produced.
 */
import { describe, expect, it } from 'vitest';
import { writeSiteKey } from '../../../src/core/sync/config';
import { newSiteKey, signatureHeader } from '../../../src/core/sync/signing';
import { buildSyncFile } from '../../../src/core/sync/usbExport';
import type { Hub } from '../../../src/hub/startHub';
import { importFile, registerSite } from '../../../src/province/ingest';
import { ReceiveError } from '../../../src/province/receiveError';
import type { Province } from '../../../src/province/service';
import { ulid } from '../../../src/shared/ids';
import { api, login, OFFICER, startTestHub } from '../../helpers/hub';
import { BACKENDS, call, loginAs } from '../../helpers/province';
import { provinceEngines } from '../../helpers/provinceSuite';
import { produceRatings } from '../../helpers/sync';

const engines = provinceEngines({ hubs: true });

const siteIdOf = (hub: Hub) =>
  (
    JSON.parse(
      (
        hub.core.db.prepare("SELECT value FROM settings WHERE key = 'site'").get() as {
          value: string;
        }
      ).value,
    ) as { siteId: string }
  ).siteId;

async function rejection(p: Promise<unknown>): Promise<ReceiveError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ReceiveError) return e;
    throw e;
  }
  throw new Error('expected a ReceiveError');
}

async function storedIds(province: Province, siteId: string): Promise<string[]> {
  const rows = await province.db.query<{ event_id: string }>(
    'SELECT event_id FROM events WHERE site_id = $1 ORDER BY seq',
    [siteId],
  );
  return rows.map((r) => r.event_id);
}

describe.each(BACKENDS)('a site hub and the province service on %s', (kind) => {
  async function pair() {
    const site = await startTestHub({ maintenance: { autoBackup: false } });
    const { province } = await engines.start(kind);
    const key = newSiteKey();
    writeSiteKey(site.core.db, key, new Date());
    const siteId = siteIdOf(site);
    await registerSite(province.db, { siteId, name: 'Xã A', agencyCodes: [], key });
    // The demo office's dossiers already wrote outbox rows: counts below are relative to them.
    const base = site.core.sync.status().pending;
    return { site, province, key, siteId, base };
  }

  it('USB: export → import → replay; a changed byte, another key, an unknown site, a corrupt file are refused and change nothing', async () => {
    const { site, province, key, siteId, base } = await pair();
    const ids = produceRatings(site.core.db, 25);
    const token = await login(site.url, OFFICER);
    const res = await api(site.url, '/api/v1/sync/export', { method: 'POST', token, json: {} });
    expect(res.status).toBe(200);
    const exported = res.body as { fileName: string; events: number; file: unknown };
    expect(exported.events).toBe(base + 25);
    const text = JSON.stringify(exported.file);

    const first = await importFile(province.db, text, new Date());
    expect(first).toMatchObject({ siteId, events: base + 25, accepted: base + 25, duplicates: 0 });
    expect((await storedIds(province, siteId)).slice(base)).toEqual(ids);

    // Replaying the same file: refused with a clear message, nothing added.
    const replay = await rejection(importFile(province.db, text, new Date()));
    expect(replay.reason).toBe('FILE_ALREADY_IMPORTED');
    expect(replay.message).toMatch(/đã được nhập/);

    // A new export (nothing acknowledged over the network yet) carries the same events: dedup.
    const again = buildSyncFile(site.core.db, siteId, key, new Date());
    expect(await importFile(province.db, JSON.stringify(again), new Date())).toMatchObject({
      accepted: 0,
      duplicates: base + 25,
    });

    // One byte changed inside the signed content (a payload value): tampering detected.
    produceRatings(site.core.db, 1);
    const fresh = buildSyncFile(site.core.db, siteId, key, new Date());
    const tampered = JSON.stringify({
      ...fresh,
      content: fresh.content.replace('"satisfied"', '"satisfiee"'),
    });
    expect((await rejection(importFile(province.db, tampered, new Date()))).message).toMatch(
      /Chữ ký không hợp lệ/,
    );
    // A byte of the raw file flipped anywhere: corrupt or bad signature, never imported.
    const raw = Buffer.from(JSON.stringify(fresh));
    for (const at of [0, 20, Math.floor(raw.length / 2), raw.length - 3]) {
      const bad = Buffer.from(raw);
      bad[at] = (bad[at] as number) ^ 0x01;
      await rejection(importFile(province.db, bad.toString('utf8'), new Date()));
    }
    // Signed with another key, or a site unknown to this province.
    const other = buildSyncFile(site.core.db, siteId, newSiteKey(), new Date());
    expect(
      (await rejection(importFile(province.db, JSON.stringify(other), new Date()))).reason,
    ).toBe('BAD_SIGNATURE');
    const unknown = { ...fresh, siteId: 'XA-KHAC' };
    expect(
      (await rejection(importFile(province.db, JSON.stringify(unknown), new Date()))).message,
    ).toMatch(/chưa được đăng ký/);
    expect((await rejection(importFile(province.db, 'not json', new Date()))).message).toMatch(
      /bị hỏng/,
    );
    expect((await storedIds(province, siteId)).length).toBe(base + 25);
    // The untampered file still imports its one new event.
    expect(await importFile(province.db, JSON.stringify(fresh), new Date())).toMatchObject({
      accepted: 1,
      duplicates: base + 25,
    });
  }, 180_000);

  it('batches: HMAC, a replay answers success with no change, a gap is refused; totals are admin-only; a site hub has no receiver', async () => {
    const { site, province, key, siteId, base } = await pair();
    produceRatings(site.core.db, 3);
    const events = (
      JSON.parse(buildSyncFile(site.core.db, siteId, key, new Date()).content) as {
        events: unknown[];
      }
    ).events;
    const batchId = ulid();
    const body = JSON.stringify({ siteId, batchId, events });
    const post = (to: string, b: string, headers: Record<string, string>) =>
      api(to, '/api/v1/sync/batches', { rawBody: b, headers });
    const good = {
      'Idempotency-Key': batchId,
      'X-Motcua-Site': siteId,
      'X-Motcua-Signature': signatureHeader(key, body),
    };
    const wrongSig = await post(province.url, body, {
      ...good,
      'X-Motcua-Signature': signatureHeader(newSiteKey(), body),
    });
    expect(wrongSig.status).toBe(401);
    expect(wrongSig.text).toMatch(/Chữ ký không hợp lệ/);
    const badKey = await post(province.url, body, { ...good, 'Idempotency-Key': ulid() });
    expect(badKey.status).toBe(400);
    expect(await storedIds(province, siteId)).toEqual([]);

    const ok = await post(province.url, body, good);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ batchId, accepted: base + 3, duplicates: 0, lastSeq: base + 3 });
    const replay = await post(province.url, body, good);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ batchId, accepted: 0, duplicates: base + 3, lastSeq: base + 3 });

    // seq base+5 while the province expects base+4: refused with the expected seq, nothing stored.
    produceRatings(site.core.db, 2);
    const later = (
      JSON.parse(buildSyncFile(site.core.db, siteId, key, new Date()).content) as {
        events: { seq: number }[];
      }
    ).events.filter((e) => e.seq === base + 5);
    const gapBatch = ulid();
    const gapBody = JSON.stringify({ siteId, batchId: gapBatch, events: later });
    const gap = await post(province.url, gapBody, {
      'Idempotency-Key': gapBatch,
      'X-Motcua-Site': siteId,
      'X-Motcua-Signature': signatureHeader(key, gapBody),
    });
    expect(gap.status).toBe(409);
    expect(gap.body).toMatchObject({
      error: { details: { reason: 'SEQUENCE_GAP', expectedSeq: base + 4 } },
    });
    expect((await storedIds(province, siteId)).length).toBe(base + 3);

    // A commune's hub is never a receiver: the endpoint does not exist there.
    expect((await post(site.url, body, good)).status).toBe(404);

    await province.accounts.createUser('viewer', 'Viewer@123', 'viewer');
    const viewer = await loginAs(province.url, { username: 'viewer', password: 'Viewer@123' });
    expect((await call(province.url, 'GET', '/api/v1/sync/sites', { token: viewer })).status).toBe(
      403,
    );
    const admin = await loginAs(province.url);
    const totals = await call(province.url, 'GET', '/api/v1/sync/sites', { token: admin });
    expect(totals.status).toBe(200);
    expect(totals.body).toEqual([
      expect.objectContaining({
        siteId,
        events: base + 3,
        lastReceivedAt: expect.any(String) as string,
      }),
    ]);
    // The key is shown once, at registration: never in the list.
    expect(totals.text).not.toContain(key);
  }, 180_000);
});
