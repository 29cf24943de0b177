/**
 * Reception is idempotent and complete (docs/dossiers.md, "Idempotent reception" and
 * "Completeness"), over real HTTP against a real SQLite hub.
 *
 * Old behaviour these tests fail on: a second POST /dossiers with the same Idempotency-Key
 * created a second dossier (its own code, register entry and receipt), and a reception
 * whose documents left out a required document was received anyway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import type { Hub } from '../../../src/hub/startHub';
import { ADMIN, api, cleanupHubs, errorOf, login, OFFICER, startTestHub } from '../../helpers/hub';

const clock = fixedClock(new Date('2026-03-02T02:00:00Z')); // Mon 02/03/2026 09:00 VN
let hub: Hub;
let officer: string;
let admin: string;

const applicant = { fullName: 'Đặng Văn Đức', idNumber: '001090123456', phone: '0912345678' };
const DECLARATION = 'Tờ khai đăng ký khai tử (theo mẫu)';
const DEATH_NOTICE = 'Giấy báo tử hoặc giấy tờ thay thế giấy báo tử do cơ quan có thẩm quyền cấp';
const OPTIONAL =
  'Văn bản ủy quyền theo quy định của pháp luật (trường hợp ủy quyền thực hiện thủ tục)';
const paper = (name: string) => ({ name, kind: 'original', count: 1 });

function counts() {
  const n = (sql: string) => (hub.core.db.prepare(sql).get() as { n: number }).n;
  return {
    dossiers: n('SELECT COUNT(*) AS n FROM dossiers'),
    events: n('SELECT COUNT(*) AS n FROM dossier_events'),
    audit: n('SELECT COUNT(*) AS n FROM audit_log'),
    keys: n('SELECT COUNT(*) AS n FROM idempotency_keys'),
    sequences: n('SELECT COALESCE(SUM(last_seq), 0) AS n FROM dossier_sequences'),
  };
}

function post(body: Record<string, unknown>, key?: string, token = officer) {
  return api(hub.url, '/api/v1/dossiers', {
    token,
    json: { procedureId: '1.000656', applicant, ...body },
    ...(key ? { headers: { 'Idempotency-Key': key } } : {}),
  });
}

beforeAll(async () => {
  hub = await startTestHub({ clock, authPolicy: { sessionHours: 24 * 365 } });
  officer = await login(hub.url, OFFICER);
  admin = await login(hub.url, ADMIN);
});
afterAll(cleanupHubs);

describe('Idempotency-Key on POST /dossiers', () => {
  it('a repeat with the same key answers the first result and writes nothing', async () => {
    const key = 'form-2b1c9e0a-0001';
    const first = await post({ documents: [paper(DECLARATION), paper(DEATH_NOTICE)] }, key);
    expect(first.status, first.text).toBe(201);
    const before = counts();
    const again = await post({ documents: [paper(DECLARATION), paper(DEATH_NOTICE)] }, key);
    expect(again.status, again.text).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(counts()).toEqual(before);
  });

  it('the same key with another body answers 409 IDEMPOTENCY_MISMATCH and writes nothing', async () => {
    const key = 'form-2b1c9e0a-0002';
    expect((await post({}, key)).status).toBe(201);
    const before = counts();
    const other = await post({ applicant: { ...applicant, fullName: 'Trần Thị Bình' } }, key);
    expect(other.status).toBe(409);
    expect(errorOf(other).code).toBe('IDEMPOTENCY_MISMATCH');
    expect(errorOf(other).message).toContain('Idempotency-Key');
    expect(counts()).toEqual(before);
  });

  it('the body field idempotencyKey (the IPC form) has the same effect as the header', async () => {
    const key = 'form-2b1c9e0a-0003';
    const first = await post({ idempotencyKey: key });
    const again = await post({}, key);
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const differs = await post({ idempotencyKey: 'form-2b1c9e0a-other' }, key);
    expect(differs.status).toBe(400);
  });

  it('keys belong to their officer and expire after 24 hours', async () => {
    const key = 'form-2b1c9e0a-0004';
    const mine = (await post({}, key)).body as { code: string };
    const theirs = (await post({}, key, admin)).body as { code: string };
    expect(theirs.code).not.toBe(mine.code);
    clock.set(new Date('2026-03-03T02:00:01Z')); // 24 h and 1 s later
    try {
      const later = await post({}, key);
      expect(later.status).toBe(201);
      expect((later.body as { code: string }).code).not.toBe(mine.code);
    } finally {
      clock.set(new Date('2026-03-02T02:00:00Z'));
    }
  });

  it('refuses a malformed key', async () => {
    const res = await post({}, 'short');
    expect(res.status).toBe(400);
  });

  it('the OpenAPI document names the header', async () => {
    const doc = (await api(hub.url, '/api/v1/openapi.json')).body as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>;
    };
    const params = doc.paths['/api/v1/dossiers']?.['post']?.parameters ?? [];
    expect(params).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
    );
  });
});

describe('a reception must cover every required document (NĐ 118/2025 Art. 17)', () => {
  it('a missing required document answers 422 INCOMPLETE_DOSSIER with its name, nothing written', async () => {
    const before = counts();
    const res = await post(
      { documents: [paper(DEATH_NOTICE), paper(OPTIONAL)] },
      'form-incomplete-01',
    );
    expect(res.status).toBe(422);
    const error = errorOf(res);
    expect(error.code).toBe('INCOMPLETE_DOSSIER');
    expect(error.details).toEqual({ missing: [DECLARATION] });
    expect(error.message).toContain(DECLARATION);
    expect(counts()).toEqual(before);
  });

  it('an empty list misses every required document', async () => {
    const res = await post({ documents: [] });
    expect(errorOf(res).details).toEqual({ missing: [DECLARATION, DEATH_NOTICE] });
  });

  it('optional documents are not required; case and spacing of a name do not matter', async () => {
    const res = await post({
      documents: [paper(DECLARATION.toUpperCase()), paper(`  ${DEATH_NOTICE}  `)],
    });
    expect(res.status, res.text).toBe(201);
  });

  it('a document from existing electronic data covers a required one and is kept as such', async () => {
    const res = await post({
      documents: [
        paper(DECLARATION),
        { ...paper(DEATH_NOTICE), source: 'e_data', eDataNote: 'CSDL hộ tịch điện tử' },
      ],
    });
    expect(res.status, res.text).toBe(201);
    const { code } = res.body as { code: string };
    const got = await api(hub.url, `/api/v1/dossiers/${encodeURIComponent(code)}`, {
      token: officer,
    });
    expect((got.body as { documents: unknown[] }).documents).toEqual([
      { name: DECLARATION, kind: 'original', count: 1, source: 'paper', eDataNote: null },
      {
        name: DEATH_NOTICE,
        kind: 'original',
        count: 1,
        source: 'e_data',
        eDataNote: 'CSDL hộ tịch điện tử',
      },
    ]);
  });

  it('e_data needs a note and paper takes none', async () => {
    const noNote = await post({
      documents: [paper(DECLARATION), { ...paper(DEATH_NOTICE), source: 'e_data' }],
    });
    expect(noNote.status).toBe(400);
    const paperNote = await post({
      documents: [paper(DECLARATION), { ...paper(DEATH_NOTICE), eDataNote: 'x' }],
    });
    expect(paperNote.status).toBe(400);
  });

  it('no documents list at all means every required document on paper', async () => {
    const res = await post({});
    expect(res.status).toBe(201);
  });
});
