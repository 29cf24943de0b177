/**
 * The province service's receiver (docs/province.md, docs/sync.md) on both storages — the
 * embedded PGlite and a real PostgreSQL server started for this file: the batch protocol
 * unchanged, each event once and in order per site under concurrent pushes, a batch atomic,
 * the same 401 for an unknown site and a bad signature, and events of an agency the site has
 * not registered held out of the figures until an admin adds the code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signatureHeader } from '../../../src/core/sync/signing';
import { importFile } from '../../../src/province/ingest';
import type { Province } from '../../../src/province/service';
import { simulateCommune } from '../../../src/province/simulate';
import { SYNC_FILE_FORMAT, type SyncEvent } from '../../../src/shared/contract/sync';
import { ulid } from '../../../src/shared/ids';
import { makeTempDir } from '../../helpers/hub';
import { rawExchange } from '../../helpers/rawHttp';
import {
  BACKENDS,
  call,
  loginAs,
  pushBatch,
  ratingEvents,
  startTestProvince,
} from '../../helpers/province';
import { provinceEngines } from '../../helpers/provinceSuite';

const engines = provinceEngines({ hubs: true });

describe.each(BACKENDS)('province receiver on %s', (kind) => {
  async function start() {
    const { province } = await engines.start(kind);
    const token = await loginAs(province.url);
    return { province, base: province.url, token };
  }

  async function register(base: string, token: string, siteId: string, agencyCodes: string[] = []) {
    const r = await call(base, 'POST', '/api/v1/sync/sites', {
      token,
      body: { siteId, name: `Xã ${siteId}`, agencyCodes },
    });
    expect(r.status, r.text).toBe(201);
    return r.body as { siteId: string; key: string };
  }

  async function storedSeqs(p: Province, siteId: string) {
    const rows = await p.db.query<{ event_id: string; seq: number }>(
      'SELECT event_id, seq FROM events WHERE site_id = $1 ORDER BY seq',
      [siteId],
    );
    return rows.map((r) => ({ id: r.event_id, seq: Number(r.seq) }));
  }

  it('answers health with its database, registers sites (admin only), keeps the batch protocol', async () => {
    const { province, base, token } = await start();
    const health = await call(base, 'GET', '/api/v1/health');
    expect(health.body).toMatchObject({ status: 'ok', database: kind });

    await province.accounts.createUser('viewer', 'Viewer@123', 'viewer');
    const viewer = await loginAs(base, { username: 'viewer', password: 'Viewer@123' });
    const refused = await call(base, 'POST', '/api/v1/sync/sites', {
      token: viewer,
      body: { siteId: 'S1', name: 'x', agencyCodes: [] },
    });
    expect(refused.status).toBe(403);
    expect((await call(base, 'GET', '/api/v1/sync/sites')).status).toBe(401);
    // A write is JSON only, and takes no query input (docs/security.md).
    const form = await fetch(`${base}/api/v1/sync/sites`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain' },
      body: '{"siteId":"S1"}',
    });
    expect(form.status).toBe(415);
    const foreignHost = await rawExchange(
      province.port,
      'GET /api/v1/health HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n',
    );
    expect(foreignHost.status).toBe(421);

    const site = await register(base, token, 'S1', ['01.00.H02']);
    expect(site.key.length).toBeGreaterThanOrEqual(43);
    const events = ratingEvents(1, 5);
    const batchId = ulid();
    const first = await pushBatch(base, site, events, batchId);
    expect(first.body).toEqual({ batchId, accepted: 5, duplicates: 0, lastSeq: 5 });
    const replay = await pushBatch(base, site, events, batchId);
    expect(replay.body).toEqual({ batchId, accepted: 0, duplicates: 5, lastSeq: 5 });
    const sites = await call(base, 'GET', '/api/v1/sync/sites', { token });
    expect(sites.body).toEqual([
      expect.objectContaining({ siteId: 'S1', events: 5, agencyCodes: ['01.00.H02'] }),
    ]);
  }, 180_000);

  it('answers the same 401 for an unknown site and for a bad signature', async () => {
    // The SQLite receiver told them apart (reason UNKNOWN_SITE vs BAD_SIGNATURE, different
    // messages), which let anyone probe which site ids are registered.
    const { base, token } = await start();
    const site = await register(base, token, 'S1');
    const unknown = await pushBatch(base, { siteId: 'NOPE', key: site.key }, ratingEvents(1, 1));
    const badKey = await pushBatch(base, { siteId: 'S1', key: 'x'.repeat(43) }, ratingEvents(1, 1));
    expect(unknown.status).toBe(401);
    expect(badKey.status).toBe(401);
    expect(unknown.body).toEqual(badKey.body);
  }, 180_000);

  it('stores a batch all or nothing, and answers SEQUENCE_GAP with the seq it expects', async () => {
    const { province, base, token } = await start();
    const site = await register(base, token, 'S1');
    expect((await pushBatch(base, site, ratingEvents(1, 3))).status).toBe(200);
    // seq 4, 5 then 7: the gap is in the middle, so 4 and 5 must not be stored either.
    const events = [...ratingEvents(4, 2), ...ratingEvents(7, 1)];
    const gap = await pushBatch(base, site, events);
    expect(gap.status).toBe(409);
    expect(gap.body).toMatchObject({
      error: { details: { reason: 'SEQUENCE_GAP', expectedSeq: 6 } },
    });
    expect((await storedSeqs(province, 'S1')).map((e) => e.seq)).toEqual([1, 2, 3]);
    const late = await pushBatch(base, site, ratingEvents(2, 1));
    expect(late.body).toMatchObject({ error: { details: { reason: 'SEQUENCE_CONFLICT' } } });
  }, 180_000);

  it('stores every event once and in order while two sites push concurrently with replays', async () => {
    const { province, base, token } = await start();
    const sites = [await register(base, token, 'A'), await register(base, token, 'B')];
    const BATCHES = 12;
    const SIZE = 25;
    const plan = sites.map((site) =>
      Array.from({ length: BATCHES }, (_v, b) => ({
        site,
        batchId: ulid(),
        events: ratingEvents(b * SIZE + 1, SIZE),
      })),
    );
    // Every batch of both sites at once, each twice (a replay racing the original); the
    // batches that came too early (SEQUENCE_GAP) are sent again until all are acknowledged.
    let pending = plan.flat();
    for (let round = 0; pending.length > 0 && round < 50; round++) {
      const answers = await Promise.all(
        pending.flatMap((b) => [b, b]).map((b) => pushBatch(base, b.site, b.events, b.batchId)),
      );
      const acked = new Set<string>();
      for (const a of answers) {
        if (a.status === 200) acked.add((a.body as { batchId: string }).batchId);
        else expect(a.body).toMatchObject({ error: { details: { reason: 'SEQUENCE_GAP' } } });
      }
      pending = pending.filter((b) => !acked.has(b.batchId));
    }
    expect(pending).toEqual([]);
    for (const [i, site] of sites.entries()) {
      const stored = await storedSeqs(province, site.siteId);
      const sent = plan[i]?.flatMap((b) => b.events) ?? [];
      expect(stored).toEqual(sent.map((e) => ({ id: e.id, seq: e.seq })));
    }
    const counts = await province.db.query<{ n: number }>(
      "SELECT sum(satisfied)::int AS n FROM daily WHERE agency_code = ''",
    );
    expect(counts[0]?.n).toBe(2 * BATCHES * SIZE); // folded once per event too
  }, 180_000);

  it('holds out the dossiers of an unregistered agency until an admin adds the code', async () => {
    const { base, token } = await start();
    const sim = simulateCommune({
      index: 7,
      firstDay: '2026-11-02',
      days: 5,
      perDay: 40,
      foreignAgency: '99.99.P01',
      today: '2026-11-30',
    });
    const site = await register(base, token, 'S7', [sim.agencyCode]);
    for (let k = 0; k < sim.events.length; k += 200) {
      const r = await pushBatch(base, site, sim.events.slice(k, k + 200));
      expect(r.status, r.text).toBe(200); // never a 422 that would stall the outbox
    }
    const received = (code: string) =>
      new Set(
        sim.events
          .filter(
            (e): e is Extract<SyncEvent, { type: 'dossier.event' }> =>
              e.type === 'dossier.event' && e.payload.dossierCode.startsWith(`${code}-`),
          )
          .map((e) => e.payload.dossierId),
      ).size;
    const own = received(sim.agencyCode);
    const foreign = received('99.99.P01');
    expect(foreign).toBeGreaterThan(0);

    const period = '/api/v1/province/communes?from=2026-11-01&to=2026-11-30';
    const before = await call(base, 'GET', period, { token });
    expect(before.body).toEqual([expect.objectContaining({ siteId: 'S7', received: own })]);
    const listed = await call(base, 'GET', '/api/v1/province/unregistered-agencies', { token });
    expect(listed.body).toEqual([{ siteId: 'S7', agencyCode: '99.99.P01', dossiers: foreign }]);

    const add = await call(base, 'POST', '/api/v1/sync/sites/agencies', {
      token,
      body: { siteId: 'S7', agencyCode: '99.99.P01' },
    });
    expect(add.status, add.text).toBe(200);
    const after = await call(base, 'GET', period, { token });
    expect(after.body).toEqual([
      expect.objectContaining({ siteId: 'S7', received: own + foreign }),
    ]);
    expect(
      (await call(base, 'GET', '/api/v1/province/unregistered-agencies', { token })).body,
    ).toEqual([]);
  }, 180_000);

  it('imports a signed USB file once (same rules as a batch)', async () => {
    const { province, base, token } = await start();
    const site = await register(base, token, 'S1');
    const content = JSON.stringify({
      fileId: ulid(),
      siteId: 'S1',
      createdAt: new Date().toISOString(),
      events: ratingEvents(1, 4),
    });
    const file = JSON.stringify({
      format: SYNC_FILE_FORMAT,
      siteId: 'S1',
      signature: signatureHeader(site.key, content),
      content,
    });
    const r = await importFile(province.db, file, new Date());
    expect(r).toMatchObject({ siteId: 'S1', accepted: 4, duplicates: 0 });
    await expect(importFile(province.db, file, new Date())).rejects.toMatchObject({
      reason: 'FILE_ALREADY_IMPORTED',
    });
    const tampered = file.replace('"score\\":\\"satisfied', '"score\\":\\"neutral');
    expect(tampered).not.toBe(file);
    await expect(importFile(province.db, tampered, new Date())).rejects.toMatchObject({
      reason: 'BAD_SIGNATURE',
    });
    expect((await storedSeqs(province, 'S1')).length).toBe(4);
  }, 180_000);
});

describe('npm run province -- import FILE', () => {
  it('imports into the embedded database of --data-dir and refuses the same file (exit 3)', async () => {
    const dataDir = makeTempDir('motcua-province-cli-');
    const { province } = await startTestProvince('pglite', null, { dataDir });
    const site = await province.db.query('SELECT 1');
    expect(site.length).toBe(1);
    const { registerSite } = await import('../../../src/province/ingest');
    const { key } = await registerSite(province.db, { siteId: 'S1', name: 'x', agencyCodes: [] });
    await province.stop();
    const content = JSON.stringify({
      fileId: ulid(),
      siteId: 'S1',
      createdAt: new Date().toISOString(),
      events: ratingEvents(1, 3),
    });
    const file = path.join(dataDir, 'site.motcua-sync.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        format: SYNC_FILE_FORMAT,
        siteId: 'S1',
        signature: signatureHeader(key, content),
        content,
      }),
    );
    const { spawnSync } = await import('node:child_process');
    const run = () =>
      spawnSync('npx', ['tsx', 'src/province/cli.ts', '--data-dir', dataDir, 'import', file], {
        encoding: 'utf8',
        timeout: 120_000,
      });
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('3 sự kiện mới');
    const again = run();
    expect(again.status).toBe(3);
  }, 240_000);
});
