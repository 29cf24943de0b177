import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { api, cleanupHubs, login, startTestHub } from '../../helpers/hub';

afterEach(cleanupHubs);

describe('voice clips served by the hub', () => {
  it('serves bundled clips at /voice/vi/, prefers recorded clips in the data folder, refuses other paths', async () => {
    const hub = await startTestHub();
    const res = await fetch(`${hub.url}/voice/vi/moi.wav`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    const bundled = Buffer.from(await res.arrayBuffer());
    expect(bundled.subarray(0, 4).toString('latin1')).toBe('RIFF');

    const recorded = path.join(hub.core.dataDir, 'voice', 'vi');
    fs.mkdirSync(recorded, { recursive: true });
    const fake = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(40, 7)]);
    fs.writeFileSync(path.join(recorded, 'moi.wav'), fake);
    const over = Buffer.from(await (await fetch(`${hub.url}/voice/vi/moi.wav`)).arrayBuffer());
    expect(over.equals(fake)).toBe(true);

    for (const bad of ['/voice/vi/..%2f..%2fpackage.json', '/voice/vi/nope.wav', '/voice/xx/']) {
      expect((await fetch(`${hub.url}${bad}`)).status, bad).toBe(404);
    }
  });
});

describe('the board carries the voice settings', () => {
  // Before: a call was said once, with no setting; the board had no `voice`.
  it('says each call twice with a 1.5 s pause by default; an admin changes both, within limits', async () => {
    const hub = await startTestHub({ demo: true });
    const base = hub.url;
    const board = async () =>
      ((await api(base, '/api/v1/queue/board')).body as { voice: unknown }).voice;
    expect(await board()).toEqual({ repeat: 2, pauseMs: 1500 });
    const admin = await login(base);
    const current = (await api(base, '/api/v1/queue/settings', { token: admin })).body as Record<
      string,
      unknown
    >;
    expect(current).toMatchObject({ voiceRepeat: 2, voicePauseMs: 1500 });
    const saved = await api(base, '/api/v1/queue/settings', {
      method: 'PUT',
      token: admin,
      json: { ...current, voiceRepeat: 1, voicePauseMs: 800 },
    });
    expect(saved.status, saved.text).toBe(200);
    expect(await board()).toEqual({ repeat: 1, pauseMs: 800 });
    for (const bad of [
      { voiceRepeat: 0 },
      { voiceRepeat: 4 },
      { voicePauseMs: -1 },
      { voicePauseMs: 6000 },
    ]) {
      const res = await api(base, '/api/v1/queue/settings', {
        method: 'PUT',
        token: admin,
        json: { ...current, ...bad },
      });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    expect(await board()).toEqual({ repeat: 1, pauseMs: 800 });
  });
});
