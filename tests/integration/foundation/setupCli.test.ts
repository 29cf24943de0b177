import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SETUP_CODE_FILE } from '../../../src/core/auth/setupCode';
import { api, errorOf } from '../../helpers/hub';
import {
  buildIfMissing,
  cleanupProcesses,
  HUB_JS,
  killChildren,
  spawnNode,
  tempDir,
  waitReady,
} from '../../helpers/processes';

afterEach(killChildren);
afterAll(cleanupProcesses);

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : [full];
  });
}

describe('the built hub without administrator and without a terminal', () => {
  // Before: it printed "mở …/setup để tạo mật khẩu quản trị" and the first visitor of /setup
  // chose the admin password.
  it('prints the one-time setup code on stdout only; the code works once', async () => {
    buildIfMissing([HUB_JS]);
    const dataDir = tempDir('motcua-setup-');
    const child = spawnNode([HUB_JS, '--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1']);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const url = await waitReady(child);

    const file = path.join(dataDir, SETUP_CODE_FILE);
    const code = fs.readFileSync(file, 'utf8').trim();
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(stdout).toContain(`nhập mã cài đặt ${code}`);
    expect(stdout).toContain(file);
    expect(stderr).not.toContain(code);
    // Nothing else in the data folder (database, WAL, logs) holds the code.
    for (const f of filesUnder(dataDir)) {
      if (f !== file) expect(fs.readFileSync(f).includes(code.replace(/-/g, ''))).toBe(false);
    }

    const without = await api(url, '/api/v1/setup/admin', {
      json: { fullName: 'Chủ tịch xã', password: 'QuangPhu2026' },
    });
    expect(without.status).toBe(403);
    expect(errorOf(without).code).toBe('SETUP_CODE_INVALID');
    const ok = await api(url, '/api/v1/setup/admin', {
      json: { setupCode: code, fullName: 'Chủ tịch xã', password: 'QuangPhu2026' },
    });
    expect(ok.status).toBe(201);
    expect(fs.existsSync(file)).toBe(false);
  });
});
