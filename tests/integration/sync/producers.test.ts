/**
 * The producers are wired (docs/sync.md): dossier trail steps and closed tickets write their sync
 * record in the same transaction, with no personal data beyond a masked ID number.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { api, cleanupHubs, login, OFFICER, startTestHub, KIOSK } from '../../helpers/hub';

afterEach(cleanupHubs);

describe('outbox producers', () => {
  it('dossier events (demo receptions) and a served ticket are in the outbox, without names or phones', async () => {
    const hub = await startTestHub({ maintenance: { autoBackup: false } });
    const db = hub.core.db;
    const steps = db.prepare('SELECT COUNT(*) AS n FROM dossier_events').get() as { n: number };
    const dossierRows = db
      .prepare("SELECT payload FROM sync_outbox WHERE type = 'dossier.event' ORDER BY seq")
      .all() as { payload: string }[];
    expect(steps.n).toBeGreaterThan(0);
    expect(dossierRows.length).toBe(steps.n); // one sync record per trail step
    const names = db.prepare('SELECT applicant_name, applicant_phone FROM dossiers').all() as {
      applicant_name: string;
      applicant_phone: string | null;
    }[];
    for (const { payload } of dossierRows) {
      const p = JSON.parse(payload) as { applicantIdMasked: string | null };
      if (p.applicantIdMasked) expect(p.applicantIdMasked).toMatch(/^\d{4}\*+\d{2}$/);
      for (const n of names) {
        expect(payload).not.toContain(n.applicant_name);
        if (n.applicant_phone) expect(payload).not.toContain(n.applicant_phone);
      }
    }

    const token = await login(hub.url, OFFICER);
    const services = (await api(hub.url, '/api/v1/queue/services')).body as {
      id: string;
      prefix: string;
    }[];
    const counters = (await api(hub.url, '/api/v1/counters')).body as {
      id: string;
      number: number;
      serviceIds: string[];
    }[];
    const service = services[0] as { id: string };
    const counter = counters.find((c) => c.serviceIds.includes(service.id)) as { id: string };
    const issued = await api(hub.url, '/api/v1/queue/tickets', {
      device: KIOSK,
      json: { serviceId: service.id },
    });
    expect(issued.status).toBe(201);
    const ticketId = (issued.body as { id: string }).id;
    const before = hub.core.sync.status().pending;
    expect(
      (
        await api(hub.url, `/api/v1/counters/${counter.id}/call-next`, {
          method: 'POST',
          token,
          json: {},
        })
      ).status,
    ).toBe(200);
    for (const action of ['start', 'complete']) {
      const r = await api(hub.url, `/api/v1/queue/tickets/${ticketId}/actions`, {
        token,
        json: { action },
      });
      expect(r.status, r.text).toBe(200);
    }
    const outcome = db
      .prepare("SELECT payload FROM sync_outbox WHERE type = 'ticket.outcome'")
      .all() as { payload: string }[];
    expect(outcome).toHaveLength(1);
    expect(JSON.parse((outcome[0] as { payload: string }).payload)).toMatchObject({
      ticketId,
      outcome: 'served',
    });
    expect(hub.core.sync.status().pending).toBe(before + 1);
  });
});
