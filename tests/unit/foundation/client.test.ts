import { describe, expect, it } from 'vitest';
import { httpRequestFor } from '../../../src/renderer/api/client';
import { buildRoutes } from '../../../src/hub/httpServer';
import { operationList } from '../../../src/shared/contract';

describe('httpRequestFor() builds the request from the contract', () => {
  it('GET without input: no query string, no body', () => {
    expect(httpRequestFor('system.health', {})).toEqual({
      method: 'GET',
      url: '/api/v1/health',
    });
  });

  it('GET input goes to the query string, undefined/null dropped, values encoded', () => {
    expect(httpRequestFor('audit.list', { limit: 20, before: '01J&x=y z' })).toEqual({
      method: 'GET',
      url: '/api/v1/audit?limit=20&before=01J%26x%3Dy+z',
    });
    expect(httpRequestFor('audit.list', { limit: 5, before: undefined })).toEqual({
      method: 'GET',
      url: '/api/v1/audit?limit=5',
    });
    expect(httpRequestFor('audit.list', { before: null })).toEqual({
      method: 'GET',
      url: '/api/v1/audit',
    });
  });

  it('POST input becomes the JSON body', () => {
    const req = httpRequestFor('auth.login', { username: 'canbo1', password: 'Canbo@123' });
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/api/v1/auth/login');
    expect(JSON.parse(req.body ?? '')).toEqual({ username: 'canbo1', password: 'Canbo@123' });
  });

  it('path params are substituted, URL-encoded and left out of the body', () => {
    const req = httpRequestFor('users.update', { id: '01J/../x y', fullName: 'Đặng Thị Hà' });
    expect(req.method).toBe('PATCH');
    expect(req.url).toBe('/api/v1/users/01J%2F..%2Fx%20y');
    expect(JSON.parse(req.body ?? '')).toEqual({ fullName: 'Đặng Thị Hà' });
    // The hub's route for the operation matches the URL and decodes back to the same id.
    const route = buildRoutes(operationList).find((r) => r.op.name === 'users.update');
    const m = route?.pattern.exec(req.url);
    expect(m && decodeURIComponent(m[1] as string)).toBe('01J/../x y');
  });

  it('PUT sends an empty object as "{}" and refuses unknown operations', () => {
    expect(httpRequestFor('site.update', {})).toEqual({
      method: 'PUT',
      url: '/api/v1/site',
      body: '{}',
    });
    expect(() => httpRequestFor('nope.nothing', {})).toThrow(/Unknown operation/);
  });

  it('a write never puts its input in the query string (the hub refuses one)', () => {
    // Before, a DELETE sent its input as ?key=value like a GET.
    for (const op of operationList.filter((o) => o.method !== 'GET')) {
      const params = Object.fromEntries(
        [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1] as string, 'X']),
      );
      const req = httpRequestFor(op.name, { ...params, extra: 'v' });
      expect(req.url, op.name).not.toContain('?');
      expect(JSON.parse(req.body ?? 'null'), op.name).toEqual(op.bodyField ? null : { extra: 'v' });
    }
    expect(httpRequestFor('queue.serviceRemove', { id: 'S1' })).toEqual({
      method: 'DELETE',
      url: '/api/v1/queue/services/S1',
    });
  });

  it('every operation maps to its own method and path', () => {
    for (const op of operationList) {
      const params = Object.fromEntries(
        [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1] as string, 'X']),
      );
      const req = httpRequestFor(op.name, params);
      expect(req.method).toBe(op.method);
      expect(req.url).toBe(`/api/v1${op.path.replace(/\{\w+\}/g, 'X')}`);
    }
  });
});
