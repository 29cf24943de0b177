import type { AuthService } from '../auth/authService';
import type { Clock } from '../clock';
import { ensureCounter } from '../counters/countersRepo';
import type { Db } from '../db/connection';
import { seedDemoDevices } from '../devices/deviceService';
import { seedDemoDossiers } from '../dossiers/demo';
import { seedQueueDemo } from '../queue/demoServices';
import { getSite, updateSite } from '../settings/site';

/** The demo accounts documented in the README. Never use them on a real site. */
export const DEMO_USERS = [
  { username: 'admin', password: 'Admin@123', role: 'admin', fullName: 'Quản trị viên' },
  { username: 'canbo1', password: 'Canbo@123', role: 'officer', fullName: 'Nguyễn Thị Ngọc Ánh' },
] as const;

export const DEMO_SITE = {
  agencyName: 'Ủy ban nhân dân xã Quảng Phú',
  agencyCode: '000.00.14.H56',
  address: 'Thôn Phú Thọ, xã Quảng Phú, tỉnh Thanh Hóa',
};

/**
 * The demo's paired devices (docs/security.md, "Devices"): a kiosk and the rating tablet of
 * counter 1, with FIXED tokens published in the README so that `npm run hub -- --demo` gives
 * a working kiosk at once. Like the demo passwords, never on a real site: there an admin
 * pairs each device on the desk's "Thiết bị" card (random tokens, shown once).
 */
export const DEMO_DEVICES = [
  {
    id: 'demo-kiosk',
    name: 'Kiosk sảnh (mẫu)',
    kind: 'kiosk',
    token: 'demo-kiosk-token-quang-phu',
  },
  {
    id: 'demo-rating',
    name: 'Máy đánh giá quầy 1 (mẫu)',
    kind: 'rating',
    token: 'demo-rating-token-quang-phu',
  },
] as const;
export const DEMO_KIOSK_TOKEN = DEMO_DEVICES[0].token;
export const DEMO_RATING_TOKEN = DEMO_DEVICES[1].token;

/** The demo devices' links printed by `npm run hub -- --demo` (and given in the README). */
export function demoDeviceLinks(baseUrl: string): { label: string; url: string }[] {
  return [
    { label: 'Kiosk', url: `${baseUrl}/kiosk?device=${DEMO_KIOSK_TOKEN}` },
    { label: 'Đánh giá quầy 1', url: `${baseUrl}/rate?counter=1&device=${DEMO_RATING_TOKEN}` },
  ];
}

/**
 * Seed demo data idempotently: running it twice changes nothing the second time, and it
 * never overwrites an account or a site that an administrator has already edited.
 */
export async function seedDemo(db: Db, auth: AuthService, clock: Clock): Promise<void> {
  const now = clock.now();
  const site = getSite(db, now);
  if (site.agencyCode === '000.00.00.H00') updateSite(db, DEMO_SITE, now);
  db.transaction(() => {
    ensureCounter(db, { number: 1, name: 'Quầy 1 — Hộ tịch, Chứng thực', priority: false }, now);
    ensureCounter(db, { number: 2, name: 'Quầy 2 — Đất đai, Xây dựng', priority: false }, now);
    ensureCounter(db, { number: 3, name: 'Quầy 3 — Ưu tiên, Trả kết quả', priority: true }, now);
  })();
  seedQueueDemo(db, now);
  for (const u of DEMO_USERS) {
    if (!auth.findByUsername(u.username)) {
      await auth.createUser({ ...u }, null);
    }
  }
  seedDemoDossiers(db, clock);
  seedDemoDevices(db, DEMO_DEVICES, now);
}
