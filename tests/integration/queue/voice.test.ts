import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupHubs, startTestHub } from '../../helpers/hub';

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
