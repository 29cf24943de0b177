// The desk's administration forms check their draft with the contract's own input schema
// before sending (src/renderer/forms/useSchemaForm.ts, docs/renderer.md): for the office
// details and a new account, the refusal the screen shows is the one the hub answers for the
// same input, field by field and in the same language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authOperations } from '../../../src/shared/contract/auth';
import { systemOperations } from '../../../src/shared/contract/system';
import { checkWithSchema } from '../../../src/renderer/forms/useSchemaForm';
import type { Hub } from '../../../src/hub/startHub';
import { api, cleanupHubs, errorOf, login, startTestHub } from '../../helpers/hub';

let hub: Hub;
let token: string;

beforeAll(async () => {
  hub = await startTestHub();
  token = await login(hub.url);
});
afterAll(cleanupHubs);

const cases = [
  {
    name: 'office details with a malformed agency code and no name',
    path: '/api/v1/site',
    method: 'PUT',
    schema: systemOperations.siteUpdate.input,
    input: { agencyName: '  ', agencyCode: '000.00.14.h56', address: 'Quảng Phú' },
  },
  {
    name: 'a new account with a blank name and a username with spaces',
    path: '/api/v1/users',
    method: 'POST',
    schema: authOperations.usersCreate.input,
    input: { username: 'can bo 9', fullName: '   ', role: 'officer', password: 'MatKhau@2026' },
  },
] as const;

describe('desk forms and the hub refuse alike', () => {
  for (const c of cases) {
    for (const lang of ['vi', 'en'] as const) {
      it(`${c.name} (${lang})`, async () => {
        const screen = checkWithSchema(c.schema, c.input, lang);
        expect(screen.ok).toBe(false);
        const res = await api(hub.url, c.path, { method: c.method, token, json: c.input, lang });
        expect(res.status).toBe(400);
        if (screen.ok) return;
        expect(screen.error).toEqual(errorOf(res));
      });
    }
  }
});
