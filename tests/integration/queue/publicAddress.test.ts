/**
 * One public address for every printed QR (docs/queue.md, "Public address"): `--public-url`
 * (MOTCUA_PUBLIC_URL) over the admin setting over the page's own origin; a loopback page
 * with nothing configured prints no QR rather than one pointing at 127.0.0.1.
 * Old behaviour: the ticket QR always encoded the queue setting `statusPageBaseUrl`, whose
 * default `http://127.0.0.1:8787` is the citizen's own phone; the receipt used the `origin`
 * the desk sent (127.0.0.1 in the desktop app).
 */
import http from 'node:http';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { m013PublicAddress } from '../../../src/core/db/migrations/013-public-address';
import { readPublicAddress } from '../../../src/core/settings/publicAddress';
import type { Hub } from '../../../src/hub/startHub';
import {
  ADMIN,
  api,
  cleanupHubs,
  errorOf,
  KIOSK,
  login,
  OFFICER,
  startTestHub,
} from '../../helpers/hub';

afterEach(cleanupHubs);

interface QrBlock {
  type: string;
  data?: string;
}

/** The QR data of the print job of a ticket or dossier (the stored print document). */
function qrOf(hub: Hub, refId: string): string[] {
  const row = hub.core.db
    .prepare('SELECT document FROM print_jobs WHERE ref_id = ? ORDER BY created_at DESC LIMIT 1')
    .get(refId) as { document: string } | undefined;
  expect(row, `print job of ${refId}`).toBeDefined();
  const doc = JSON.parse((row as { document: string }).document) as { blocks: QrBlock[] };
  return doc.blocks.filter((b) => b.type === 'qr').map((b) => b.data as string);
}

/** POST as a browser whose page was opened at `host` (the Host header Node's fetch cannot set). */
function postAs(
  hub: Hub,
  host: string,
  pathname: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: hub.port,
        method: 'POST',
        path: pathname,
        headers: {
          Host: host,
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(payload),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            json: JSON.parse(text) as Record<string, unknown>,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function serviceA(hub: Hub): Promise<string> {
  const services = (await api(hub.url, '/api/v1/queue/services')).body as {
    id: string;
    prefix: string;
  }[];
  return (services.find((s) => s.prefix === 'A') as { id: string }).id;
}

async function issueTicket(hub: Hub): Promise<string> {
  const res = await api(hub.url, '/api/v1/queue/tickets', {
    device: KIOSK,
    json: { serviceId: await serviceA(hub) },
  });
  expect(res.status, res.text).toBe(201);
  return (res.body as { id: string }).id;
}

describe('public address', () => {
  it('unset, from a loopback page: the ticket has no QR (never http://127.0.0.1…)', async () => {
    const hub = await startTestHub();
    const id = await issueTicket(hub);
    expect(qrOf(hub, id)).toEqual([]);
    // The kiosk is told what happened to the paper and that there is no page to offer.
    const again = await api(hub.url, '/api/v1/queue/tickets', {
      device: KIOSK,
      json: { serviceId: await serviceA(hub) },
    });
    expect(again.body).toMatchObject({ printStatus: 'screen', statusUrl: null });
  });

  it('unset, from a page opened at a LAN name: the QR uses that page origin', async () => {
    const hub = await startTestHub({ allowedHosts: ['may-chu.local'] });
    const res = await postAs(
      hub,
      'may-chu.local:8787',
      '/api/v1/queue/tickets',
      { serviceId: await serviceA(hub) },
      { 'X-Motcua-Device': KIOSK },
    );
    expect(res.status).toBe(201);
    const id = res.json['id'] as string;
    expect(qrOf(hub, id)).toEqual([`http://may-chu.local:8787/ticket/${id}`]);
    expect(res.json['statusUrl']).toBe(`http://may-chu.local:8787/ticket/${id}`);
  });

  it('the admin setting is used by every QR, validated, audited, and its host allowed', async () => {
    const hub = await startTestHub({ allowedHosts: ['may-chu.local'] });
    const admin = await login(hub.url, ADMIN);
    const bad = await api(hub.url, '/api/v1/public-address', {
      method: 'PUT',
      token: admin,
      json: { url: 'http://192.168.1.10:8787/duong-dan' },
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe('VALIDATION_ERROR');
    expect(readPublicAddress(hub.core.db)).toBeNull();
    const officer = await login(hub.url, OFFICER);
    const asOfficer = await api(hub.url, '/api/v1/public-address', {
      method: 'PUT',
      token: officer,
      json: { url: 'http://192.168.1.10:8787' },
    });
    expect(asOfficer.status).toBe(403);

    const put = await api(hub.url, '/api/v1/public-address', {
      method: 'PUT',
      token: admin,
      json: { url: 'HTTP://192.168.1.10:8787/' },
    });
    expect(put.status, put.text).toBe(200);
    expect(put.body).toEqual({
      url: 'http://192.168.1.10:8787',
      runOverride: null,
      effective: 'http://192.168.1.10:8787',
    });
    const audit = (await api(hub.url, '/api/v1/audit', { token: admin })).body as {
      items?: { action: string }[];
    };
    expect(JSON.stringify(audit)).toContain('publicAddress.update');

    // The setting wins over the page's own origin.
    const res = await postAs(
      hub,
      'may-chu.local:8787',
      '/api/v1/queue/tickets',
      { serviceId: await serviceA(hub) },
      { 'X-Motcua-Device': KIOSK },
    );
    const id = res.json['id'] as string;
    expect(qrOf(hub, id)).toEqual([`http://192.168.1.10:8787/ticket/${id}`]);

    // The dossier receipt QR starts with it too (printed from the loopback desk).
    const created = await api(hub.url, '/api/v1/dossiers', {
      token: officer,
      json: {
        procedureId: '1.000656',
        applicant: { fullName: 'Đặng Văn Đức', idNumber: '001090123456', phone: '0912345678' },
      },
    });
    expect(created.status, created.text).toBe(201);
    const code = (created.body as { code: string; id: string }).code;
    const print = await api(hub.url, `/api/v1/dossiers/${code}/print`, {
      token: officer,
      json: { form: 'receipt' },
    });
    expect(print.status, print.text).toBe(200);
    const dossierId = (created.body as { id: string }).id;
    expect(qrOf(hub, dossierId)).toEqual([
      `http://192.168.1.10:8787/kiosk?lookup=${encodeURIComponent(code)}`,
    ]);
    // The desk no longer sends its origin: the field is refused.
    const withOrigin = await api(hub.url, `/api/v1/dossiers/${code}/print`, {
      token: officer,
      json: { form: 'receipt', origin: 'http://127.0.0.1:8787' },
    });
    expect(withOrigin.status).toBe(400);

    // Cleared: back to "no QR" from a loopback page.
    await api(hub.url, '/api/v1/public-address', {
      method: 'PUT',
      token: admin,
      json: { url: null },
    });
    const again = await issueTicket(hub);
    expect(qrOf(hub, again)).toEqual([]);
  });

  it('--public-url (MOTCUA_PUBLIC_URL) overrides the admin setting for the run', async () => {
    const hub = await startTestHub({ publicUrl: 'http://tra-cuu.xa.vn' });
    const admin = await login(hub.url, ADMIN);
    await api(hub.url, '/api/v1/public-address', {
      method: 'PUT',
      token: admin,
      json: { url: 'http://192.168.1.10:8787' },
    });
    const view = await api(hub.url, '/api/v1/public-address', { token: admin });
    expect(view.body).toEqual({
      url: 'http://192.168.1.10:8787',
      runOverride: 'http://tra-cuu.xa.vn',
      effective: 'http://tra-cuu.xa.vn',
    });
    const id = await issueTicket(hub);
    expect(qrOf(hub, id)).toEqual([`http://tra-cuu.xa.vn/ticket/${id}`]);
    await expect(startTestHub({ publicUrl: 'not a url' })).rejects.toThrow(/không hợp lệ/);
  });
});

describe('migration 013', () => {
  function runOn(queueValue: Record<string, unknown> | null) {
    const rows = new Map<string, { value: string; updated_at: string }>();
    if (queueValue)
      rows.set('queue', { value: JSON.stringify(queueValue), updated_at: '2026-01-01T00:00:00Z' });
    // A minimal stand-in for the settings table, through the real SQL the migration runs.
    const db = new Database(':memory:');
    db.exec(
      'CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL)',
    );
    for (const [key, r] of rows)
      db.prepare('INSERT INTO settings VALUES (?, ?, ?)').run(key, r.value, r.updated_at);
    m013PublicAddress.up(db);
    const all = Object.fromEntries(
      (db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]).map(
        (r) => [r.key, JSON.parse(r.value) as unknown],
      ),
    );
    db.close();
    return all;
  }

  it('carries a LAN statusPageBaseUrl over and drops a loopback one', () => {
    expect(
      runOn({ regularPerPriority: 3, statusPageBaseUrl: 'http://192.168.1.10:8787/' }),
    ).toEqual({
      queue: { regularPerPriority: 3 },
      publicAddress: { url: 'http://192.168.1.10:8787' },
    });
    expect(runOn({ regularPerPriority: 3, statusPageBaseUrl: 'http://127.0.0.1:8787' })).toEqual({
      queue: { regularPerPriority: 3 },
    });
    expect(runOn({ regularPerPriority: 1 })).toEqual({ queue: { regularPerPriority: 1 } });
    expect(runOn(null)).toEqual({});
  });
});
