import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as maintenance from '../../../src/core/backup/maintenance';
import { createCore } from '../../../src/core/app';

/**
 * The full startup check reads the whole database file (≈ 40 s on a five-year database), so
 * it runs only when the previous run did not end cleanly — the marker decides.
 */
const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-clean-'));
  dirs.push(d);
  return d;
}

const marker = (dir: string) => path.join(dir, 'motcua.clean-shutdown');

describe('clean-shutdown marker', () => {
  it('a clean close leaves the marker; the next start consumes it and skips the full check', async () => {
    const dir = tempDir();
    const spy = vi.spyOn(maintenance, 'startupCheck');
    const first = await createCore({ dataDir: dir });
    expect(spy).toHaveBeenCalledTimes(1); // first start: no marker, check runs
    await first.close();
    expect(fs.existsSync(marker(dir))).toBe(true);

    const second = await createCore({ dataDir: dir });
    expect(spy).toHaveBeenCalledTimes(1); // clean last run: skipped
    expect(fs.existsSync(marker(dir))).toBe(false); // this run has begun
    await second.close();
  });

  it('after a run that did not close (crash), the next start runs the full check', async () => {
    const dir = tempDir();
    const crashed = await createCore({ dataDir: dir });
    await crashed.close();
    fs.rmSync(marker(dir)); // what a crash leaves: the marker was removed at start, never rewritten
    const spy = vi.spyOn(maintenance, 'startupCheck');
    const next = await createCore({ dataDir: dir });
    expect(spy).toHaveBeenCalledTimes(1);
    await next.close();
  });
});
