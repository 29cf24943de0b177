/**
 * Satisfaction ratings over real HTTP against a demo hub with a fake clock:
 * the window opens only on "complete", closes after 30 s, one rating per ticket (409),
 * stored against ticket, counter, officer and dossier with nothing about the rater, written
 * to the sync outbox in the same transaction, rate-limited per paired device (docs/security.md).
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import { vnInstant } from '../../../src/shared/time/vnTime';
import {
  api,
  cleanupHubs,
  errorOf,
  login,
  OFFICER,
  startTestHub,
  KIOSK,
  RATING_DEVICE,
} from '../../helpers/hub';

afterEach(cleanupHubs);

interface Counter {
  id: string;
  number: number;
}

async function setup() {
  const clock = fixedClock(vnInstant('2026-03-02', 9, 0));
  const hub = await startTestHub({ clock });
  const base = hub.url;
  const token = await login(base, OFFICER);
  const services = (await api(base, '/api/v1/queue/services')).body as {
    id: string;
    prefix: string;
  }[];
  const counters = (await api(base, '/api/v1/counters')).body as Counter[];
  const counter1 = counters.find((c) => c.number === 1) as Counter;
  const serviceA = services.find((s) => s.prefix === 'A') as { id: string };
  const act = (id: string, action: string) =>
    api(base, `/api/v1/queue/tickets/${id}/actions`, {
      token,
      json: { action, counterId: counter1.id },
    });
  /** Issue, call at counter 1, start; returns the ticket (not yet completed). */
  const serve = async () => {
    const t = (
      await api(base, '/api/v1/queue/tickets', { device: KIOSK, json: { serviceId: serviceA.id } })
    ).body as { id: string; number: string };
    const called = await api(base, `/api/v1/counters/${counter1.id}/call-next`, {
      method: 'POST',
      token,
      json: {},
    });
    expect(called.status, called.text).toBe(200);
    expect((await act(t.id, 'start')).status).toBe(200);
    return t;
  };
  const rate = (json: Record<string, unknown>) =>
    api(base, '/api/v1/public/ratings', { device: RATING_DEVICE, json });
  const db = () => new Database(path.join(hub.core.dataDir, 'motcua.sqlite'), { readonly: true });
  return { hub, base, token, clock, counter1, serve, act, rate, db };
}

describe('POST /api/v1/public/ratings', () => {
  it('is refused before the officer completes the service, accepted right after, 409 the second time', async () => {
    const { serve, act, rate, counter1, base } = await setup();
    const t = await serve();

    const early = await rate({ ticketId: t.id, score: 'satisfied' });
    expect(early.status).toBe(409);
    expect(errorOf(early).message).toContain('30 giây');

    expect((await act(t.id, 'complete')).status).toBe(200);
    const open = (
      await api(base, `/api/v1/public/ratings/open?counterId=${counter1.id}`, {
        device: RATING_DEVICE,
      })
    ).body as {
      ticketId: string;
      number: string;
      counterNumber: number;
      secondsLeft: number;
    }[];
    expect(open).toEqual([
      expect.objectContaining({
        ticketId: t.id,
        number: t.number,
        counterNumber: 1,
        secondsLeft: 30,
      }),
    ]);

    const ok = await rate({ ticketId: t.id, score: 'satisfied' });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body).toMatchObject({ ticketId: t.id, score: 'satisfied' });

    const again = await rate({ ticketId: t.id, score: 'unsatisfied', reasons: ['staff_attitude'] });
    expect(again.status).toBe(409);
    expect(errorOf(again).message).toBe('Lượt phục vụ này đã được đánh giá.');
    // Rated: the window is closed for everyone.
    expect(
      (await api(base, '/api/v1/public/ratings/open', { device: RATING_DEVICE })).body,
    ).toEqual([]);
  });

  it('closes 30 s after "complete" (fake clock): 29 s accepted, 30 s refused', async () => {
    const { serve, act, rate, clock, counter1 } = await setup();
    const a = await serve();
    await act(a.id, 'complete');
    clock.advance(29_000);
    expect(
      (await rate({ counterId: counter1.id, score: 'neutral', reasons: ['processing_time'] }))
        .status,
    ).toBe(201);

    const b = await serve();
    await act(b.id, 'complete');
    clock.advance(30_000);
    const late = await rate({ ticketId: b.id, score: 'satisfied' });
    expect(late.status).toBe(409);
    expect(errorOf(late).code).toBe('CONFLICT');
  });

  it('requires reasons from the fixed list when not satisfied, refuses them when satisfied', async () => {
    const { serve, act, rate } = await setup();
    const t = await serve();
    await act(t.id, 'complete');
    for (const body of [
      { ticketId: t.id, score: 'unsatisfied' },
      { ticketId: t.id, score: 'neutral', reasons: [] },
      { ticketId: t.id, score: 'unsatisfied', reasons: ['rude'] },
      { ticketId: t.id, score: 'satisfied', reasons: ['staff_attitude'] },
      { ticketId: t.id, score: 'great' },
      { score: 'satisfied' },
      { ticketId: t.id, score: 'satisfied', name: 'Nguyễn Văn A' },
    ]) {
      const res = await rate(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorOf(res).code).toBe('VALIDATION_ERROR');
    }
    expect(
      (
        await rate({
          ticketId: t.id,
          score: 'unsatisfied',
          reasons: ['staff_attitude', 'many_trips'],
        })
      ).status,
    ).toBe(201);
  });

  it('stores the rating against ticket, counter, officer and linked dossier, anonymously, with an outbox row', async () => {
    const { serve, act, rate, base, token, counter1, db } = await setup();
    const t = await serve();
    const dossier = await api(base, '/api/v1/dossiers', {
      token,
      json: {
        procedureId: '1.001193',
        applicant: { fullName: 'Đặng Văn Đức', phone: '0912345678' },
        ticketId: t.id,
      },
    });
    expect(dossier.status, dossier.text).toBe(201);
    const code = (dossier.body as { code: string }).code;
    await act(t.id, 'complete');

    // A dossier that is not the one of this ticket cannot be rated through it.
    const other = await rate({ ticketId: t.id, dossierCode: 'KHONG-CO', score: 'satisfied' });
    expect(other.status).toBe(409);
    expect(errorOf(other).message).toContain('không thuộc lượt phục vụ');

    const res = await rate({
      dossierCode: code,
      score: 'unsatisfied',
      reasons: ['staff_attitude'],
    });
    expect(res.status, res.text).toBe(201);

    const conn = db();
    try {
      const row = conn.prepare('SELECT * FROM ratings WHERE ticket_id = ?').get(t.id) as Record<
        string,
        unknown
      >;
      const officer = conn.prepare("SELECT id FROM users WHERE username = 'canbo1'").get() as {
        id: string;
      };
      expect(row).toMatchObject({
        ticket_number: t.number,
        counter_id: counter1.id,
        officer_user_id: officer.id,
        dossier_code: code,
        score: 'unsatisfied',
        reasons: '["staff_attitude"]',
        business_date: '2026-03-02',
      });
      // Nothing about the rater: no column can hold an IP, a device or a name.
      const columns = (conn.prepare('PRAGMA table_info(ratings)').all() as { name: string }[]).map(
        (c) => c.name,
      );
      expect(columns.some((c) => /ip|client|device|name|phone/i.test(c))).toBe(false);
      const outbox = conn
        .prepare("SELECT payload FROM sync_outbox WHERE type = 'rating.submitted'")
        .all() as { payload: string }[];
      expect(outbox.map((o) => JSON.parse(o.payload))).toEqual([
        expect.objectContaining({
          ticketId: t.id,
          score: 'unsatisfied',
          dossierCode: code,
          counterNumber: 1,
          reasons: ['staff_attitude'],
        }),
      ]);
    } finally {
      conn.close();
    }
  });

  it('one open window per counter: the next completion replaces it; another counter is refused', async () => {
    const { serve, act, rate, base, token } = await setup();
    const a = await serve();
    await act(a.id, 'complete');
    const b = await serve();
    await act(b.id, 'complete');
    expect((await rate({ ticketId: a.id, score: 'satisfied' })).status).toBe(409);
    const counters = (await api(base, '/api/v1/counters', { token })).body as Counter[];
    const counter2 = counters.find((c) => c.number === 2) as Counter;
    expect(
      (await rate({ ticketId: b.id, counterId: counter2.id, score: 'satisfied' })).status,
    ).toBe(409);
    expect((await rate({ ticketId: b.id, score: 'satisfied' })).status).toBe(201);
  });

  it('is rate-limited per device (20 a minute)', async () => {
    const { rate } = await setup();
    const codes: number[] = [];
    for (let i = 0; i < 21; i++)
      codes.push((await rate({ counterId: 'x', score: 'satisfied' })).status);
    expect(codes.slice(0, 20).every((c) => c === 409)).toBe(true);
    expect(codes[20]).toBe(429);
  });
});
