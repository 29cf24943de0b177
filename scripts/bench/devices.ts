/**
 * Paired kiosks for the benchmarks. Only a paired kiosk issues tickets, and one kiosk may
 * issue 30 a minute (docs/security.md, "Devices"), so a simulated kiosk that issues hundreds
 * in a few seconds switches to a fresh paired device every TICKETS_PER_DEVICE tickets —
 * the same way the lookup benchmark switches address. Pairing is done by the demo admin over
 * the API, untimed, before the measurement.
 */
import type { Client } from './httpClient';

export const TICKETS_PER_DEVICE = 25;

/** Pair `count` kiosks; returns their tokens. */
export async function pairKiosks(client: Client, count: number): Promise<string[]> {
  const login = await client.request('POST', '/api/v1/auth/login', {
    body: { username: 'admin', password: 'Admin@123' },
  });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${login.body}`);
  const { token } = JSON.parse(login.body) as { token: string };
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = await client.request('POST', '/api/v1/devices', {
      token,
      body: { name: `Kiosk đo hiệu năng ${i + 1}`, kind: 'kiosk' },
    });
    if (r.status !== 201) throw new Error(`pairing a kiosk failed: ${r.status} ${r.body}`);
    tokens.push((JSON.parse(r.body) as { token: string }).token);
  }
  await client.request('POST', '/api/v1/auth/logout', { token, body: {} });
  return tokens;
}

/** A simulated kiosk: the device token for its n-th ticket (a new device every 25). */
export function kioskDevices(tokens: readonly string[]): (n: number) => string {
  return (n) => tokens[Math.floor(n / TICKETS_PER_DEVICE) % tokens.length] as string;
}

/** How many devices a kiosk issuing `tickets` tickets needs. */
export const devicesFor = (tickets: number): number => Math.ceil(tickets / TICKETS_PER_DEVICE);
