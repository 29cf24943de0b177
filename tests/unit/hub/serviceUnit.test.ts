/**
 * resources/service/motcua-hub.service: the systemd unit that restarts the hub after the
 * last-resort handler made it exit (docs/security.md, "The HTTP edge"). Checks the settings
 * the README promises and that its command line is one the hub accepts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HUB_OPTIONS } from '../../../src/hub/cli';

const UNIT = path.resolve(__dirname, '../../../resources/service/motcua-hub.service');

function settings(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const raw of fs.readFileSync(UNIT, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('[')) continue;
    const eq = line.indexOf('=');
    const key = line.slice(0, eq);
    map.set(key, [...(map.get(key) ?? []), line.slice(eq + 1)]);
  }
  return map;
}

describe('the systemd unit of the hub', () => {
  it('always restarts, never gives up, runs as its own user with a private data folder', () => {
    const s = settings();
    expect(s.get('Restart')).toEqual(['always']);
    expect(s.get('StartLimitIntervalSec')).toEqual(['0']);
    expect(s.get('User')).toEqual(['motcua']);
    expect(s.get('StateDirectory')).toEqual(['motcua']);
    expect(s.get('StateDirectoryMode')).toEqual(['0700']);
    expect(s.get('UMask')).toEqual(['0077']);
    expect(s.get('KillSignal')).toEqual(['SIGTERM']);
  });

  it('is hardened', () => {
    const s = settings();
    for (const key of [
      'NoNewPrivileges',
      'ProtectHome',
      'PrivateTmp',
      'ProtectKernelTunables',
      'ProtectKernelModules',
      'ProtectControlGroups',
      'RestrictSUIDSGID',
      'RestrictNamespaces',
      'LockPersonality',
    ]) {
      expect(s.get(key), key).toEqual(['yes']);
    }
    expect(s.get('ProtectSystem')).toEqual(['strict']);
    expect(s.get('CapabilityBoundingSet')).toEqual(['']);
  });

  it('starts the built hub with options the hub knows, on the data folder', () => {
    const exec = settings().get('ExecStart')?.[0] ?? '';
    const [node, script, ...args] = exec.split(/\s+/);
    expect(node).toBe('/usr/bin/node');
    expect(script).toBe('/opt/motcua/out/main/hub.js');
    for (const flag of args.filter((a) => a.startsWith('--'))) {
      expect(Object.keys(HUB_OPTIONS), flag).toContain(flag.slice(2));
    }
    expect(args.slice(args.indexOf('--data-dir'), args.indexOf('--data-dir') + 2)).toEqual([
      '--data-dir',
      '/var/lib/motcua',
    ]);
  });
});
