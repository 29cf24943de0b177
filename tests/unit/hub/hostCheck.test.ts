import { describe, expect, it } from 'vitest';
import {
  createHostCheck,
  isLoopbackHost,
  normaliseHost,
  parseAllowedHosts,
} from '../../../src/hub/hostCheck';

describe('normaliseHost()', () => {
  it('drops the port, brackets, zone and trailing dot; lower-cases', () => {
    expect(normaliseHost('Example.VN:8787')).toBe('example.vn');
    expect(normaliseHost('example.vn.')).toBe('example.vn');
    expect(normaliseHost('[::1]:8787')).toBe('::1');
    expect(normaliseHost('[fe80::1%eth0]')).toBe('fe80::1');
    expect(normaliseHost('fe80::1')).toBe('fe80::1');
    expect(normaliseHost('192.168.1.10:80')).toBe('192.168.1.10');
  });

  it('refuses what is not a host', () => {
    for (const bad of [
      '',
      ' ',
      '[zz',
      '[::1]x',
      'a b',
      'host:port',
      'x/y',
      'ví-dụ.vn',
      undefined,
    ]) {
      expect(normaliseHost(bad), String(bad)).toBeNull();
    }
  });
});

describe('isLoopbackHost()', () => {
  it('localhost, 127.0.0.0/8, ::1 and the mapped loopback', () => {
    for (const h of [
      'localhost',
      'app.localhost',
      '127.0.0.1',
      '127.255.0.9',
      '::1',
      '::ffff:127.0.0.1',
    ]) {
      expect(isLoopbackHost(h), h).toBe(true);
    }
    for (const h of ['0.0.0.0', '128.0.0.1', '::', '::ffff:10.0.0.1', 'localhost.evil.example']) {
      expect(isLoopbackHost(h), h).toBe(false);
    }
  });
});

describe('parseAllowedHosts()', () => {
  it('splits on commas, drops blanks and ports, refuses a non-host', () => {
    expect(parseAllowedHosts(' a.lan , B.LAN:8787,,[::2] ')).toEqual(['a.lan', 'b.lan', '::2']);
    expect(parseAllowedHosts(undefined)).toEqual([]);
    expect(() => parseAllowedHosts('ok.lan,not a host')).toThrow(/not a host/);
  });
});

describe('createHostCheck()', () => {
  it('allows loopback, the machine, the public addresses and the configured names only', () => {
    let publicUrls = ['http://qr.example.vn:8787/'];
    const check = createHostCheck({
      allowedHosts: ['may-chu.lan'],
      machine: () => ['192.168.1.10', 'fe80::1%eth0', 'pc-motcua'],
      publicUrls: () => publicUrls,
    });
    for (const ok of [
      'localhost:8787',
      '127.0.0.1',
      '[::1]:1',
      '192.168.1.10:8787',
      '[fe80::1]',
      'PC-MOTCUA',
      'may-chu.lan:80',
      'qr.example.vn',
    ]) {
      expect(check(ok), ok).toBe(true);
    }
    for (const bad of [undefined, '', 'evil.example', '192.168.1.11', 'may-chu.lan.evil.example']) {
      expect(check(bad), String(bad)).toBe(false);
    }
    publicUrls = ['not a url'];
    expect(check('127.0.0.1')).toBe(true);
  });
});
