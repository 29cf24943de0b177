import net from 'node:net';
import os from 'node:os';

/**
 * The `Host` check against DNS rebinding (docs/security.md, "The HTTP edge"): a web page on
 * another site can point its own name at the hub's LAN address and then read the hub's
 * answers as "same origin". The browser still sends that foreign name in `Host`, so the hub
 * answers only requests that name the hub itself: localhost, a loopback address, one of this
 * machine's own names or interface addresses, the host of the public address the office set,
 * and the names given with `--allowed-hosts` / `MOTCUA_ALLOWED_HOSTS`. The port is ignored.
 */
export interface HostCheckOptions {
  /** Extra names or addresses (`--allowed-hosts a,b`, `MOTCUA_ALLOWED_HOSTS`). */
  allowedHosts?: readonly string[];
  /**
   * Public addresses (URLs) of the hub, read again when a Host is not found: the public
   * address every printed QR starts with (`--public-url` / `MOTCUA_PUBLIC_URL`, else the
   * admin setting; src/core/settings/publicAddress.ts).
   */
  publicUrls?: () => readonly string[];
  /** This machine's addresses and names (tests pass fixed ones). */
  machine?: () => readonly string[];
}

/** The machine's own names and every address of its network interfaces. */
export function machineHosts(): string[] {
  const list: string[] = [];
  const name = os.hostname();
  if (name) list.push(name, `${name}.local`);
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const a of addresses ?? []) list.push(a.address);
  }
  return list;
}

/**
 * `--allowed-hosts a,b` / `MOTCUA_ALLOWED_HOSTS`: a comma-separated list of host names or
 * addresses (a port is ignored), blanks dropped; throws on an entry that is not a host.
 */
export function parseAllowedHosts(value: string | undefined | null): string[] {
  const hosts: string[] = [];
  for (const entry of (value ?? '').split(',')) {
    if (entry.trim() === '') continue;
    const host = normaliseHost(entry);
    if (host === null) {
      throw new Error(
        `Tên máy không hợp lệ trong danh sách allowed-hosts: "${entry.trim()}" ` +
          `(not a host name or address)`,
      );
    }
    hosts.push(host);
  }
  return hosts;
}

/**
 * The host part of a `Host` header (or of a configured name), lower-case, without the port,
 * the IPv6 brackets, an IPv6 zone or a trailing dot; null when it is not a host at all.
 */
export function normaliseHost(value: string | undefined | null): string | null {
  if (!value) return null;
  let host = value.trim().toLowerCase();
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    if (end < 0) return null;
    const rest = host.slice(end + 1);
    if (rest !== '' && !/^:\d{0,5}$/.test(rest)) return null;
    host = host.slice(1, end);
  } else if (net.isIPv6(host)) {
    // a bare IPv6 address (a configured name, never a valid Host header): keep it whole
  } else {
    const colon = host.indexOf(':');
    if (colon >= 0) {
      if (!/^\d{0,5}$/.test(host.slice(colon + 1))) return null;
      host = host.slice(0, colon);
    }
  }
  host = host.replace(/%.*$/, '').replace(/\.$/, '');
  if (host === '' || !/^[a-z0-9.:_-]+$/.test(host)) return null;
  return host;
}

/** localhost, 127.0.0.0/8, ::1 and the IPv4-mapped loopback ::ffff:127.x.y.z. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  if (net.isIPv6(host)) {
    if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    return mapped !== null && (mapped[1] as string).startsWith('127.');
  }
  return false;
}

function hostOfUrl(url: string): string | null {
  try {
    return normaliseHost(new URL(url).host);
  } catch {
    return null;
  }
}

/** How often the machine's addresses are read again when an unknown Host arrives (DHCP). */
const REFRESH_MS = 1000;

/** Build the check: `(hostHeader) => true` when the request names this hub. */
export function createHostCheck(
  options: HostCheckOptions = {},
): (host: string | undefined) => boolean {
  const fixed = new Set(
    (options.allowedHosts ?? []).map((h) => normaliseHost(h)).filter((h) => h !== null),
  );
  const machine = options.machine ?? machineHosts;
  const publicUrls = options.publicUrls ?? (() => []);
  let known = new Set<string>();
  let readAt = -Infinity;

  function refresh(): void {
    const next = new Set<string>();
    for (const h of machine()) {
      const n = normaliseHost(h);
      if (n) next.add(n);
    }
    for (const url of publicUrls()) {
      const n = hostOfUrl(url);
      if (n) next.add(n);
    }
    known = next;
    readAt = Date.now();
  }

  return (header) => {
    const host = normaliseHost(header);
    if (host === null) return false;
    if (isLoopbackHost(host) || fixed.has(host) || known.has(host)) return true;
    if (Date.now() - readAt < REFRESH_MS) return false;
    refresh();
    return known.has(host);
  };
}
