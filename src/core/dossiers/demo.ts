/**
 * Demo dossiers (idempotent: only when there is none): a handful of dossiers in various
 * states with Vietnamese names, so the desk, the warnings panel and the search have
 * something to show. Uses its own service instances (no live events during seeding).
 */
import type { PublicUser } from '../../shared/contract';
import { createCalendarService } from '../calendar/calendarService';
import { createCatalogService } from '../catalog/catalogService';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { EventBus } from '../events/eventBus';
import { createDossierService } from './dossierService';

interface UserRow {
  id: string;
  username: string;
  role: 'admin' | 'officer';
  full_name: string;
}

const DAY = 86_400_000;

export function seedDemoDossiers(db: Db, clock: Clock): void {
  const calendar = createCalendarService(db);
  const catalog = createCatalogService(db);
  catalog.ensureDefault(clock.now());
  const existing = db.prepare('SELECT COUNT(*) FROM dossiers').pluck().get() as number;
  if (existing > 0) return;
  const user = (username: string): PublicUser | null => {
    const r = db
      .prepare('SELECT id, username, role, full_name FROM users WHERE username = ?')
      .get(username) as UserRow | undefined;
    return r ? { id: r.id, username: r.username, role: r.role, fullName: r.full_name } : null;
  };
  const admin = user('admin');
  const officer = user('canbo1');
  if (!admin || !officer) return;
  const now = clock.now();
  let at = now;
  const demoClock: Clock = { now: () => at };
  const service = createDossierService({
    db,
    clock: demoClock,
    calendar,
    catalog,
    events: new EventBus(),
  });
  const receive = (
    daysAgo: number,
    procedureId: string,
    applicant: { fullName: string; idNumber?: string; phone?: string; address?: string },
  ) => {
    at = new Date(now.getTime() - daysAgo * DAY);
    return service.receive(
      { procedureId, applicant, receivedAt: at.toISOString() },
      daysAgo > 0 ? admin : officer,
    ).code;
  };
  const act = (code: string, body: Record<string, unknown>, daysAfter = 0) => {
    at = new Date(at.getTime() + daysAfter * DAY);
    service.act({ code, action: body['action'] as 'transfer', ...body }, officer, 'vi');
  };

  receive(0, '1.001193', {
    fullName: 'Đặng Văn Đức',
    idNumber: '038090012345',
    phone: '0912345678',
    address: 'Thôn Phú Thọ, xã Quảng Phú, tỉnh Thanh Hóa',
  });
  const inProcess = receive(1, '1.004873', {
    fullName: 'Nguyễn Thị Hồng Nhung',
    idNumber: '038195004321',
    phone: '0987654321',
    address: 'Thôn Đông, xã Quảng Phú, tỉnh Thanh Hóa',
  });
  act(inProcess, { action: 'transfer', unit: 'Công chức Tư pháp - Hộ tịch' });
  const awaiting = receive(2, '1.000656', {
    fullName: 'Lê Quang Vinh',
    phone: '0903111222',
    address: 'Thôn Nam, xã Quảng Phú, tỉnh Thanh Hóa',
  });
  act(awaiting, {
    action: 'request-supplement',
    reason: 'Thiếu giấy báo tử bản chính',
    documents: ['Giấy báo tử (bản chính)'],
  });
  const ready = receive(3, '2.002516', {
    fullName: 'Trần Thị Thu Hà',
    idNumber: '038185007788',
    phone: '0355666777',
  });
  act(ready, { action: 'result-ready' }, 1);
  const returned = receive(6, '1.000894', {
    fullName: 'Phạm Minh Tuấn',
    idNumber: '038092001122',
    phone: '0868123456',
  });
  act(returned, { action: 'result-ready' }, 1);
  // Both spouses collect a marriage registration (Luật Hộ tịch 2014 Art. 18(2)).
  act(
    returned,
    {
      action: 'return',
      collectedBy: 'Phạm Minh Tuấn',
      secondCollectedBy: 'Lê Thị Hồng Nhung',
      idChecked: true,
    },
    0,
  );
  receive(10, '1.004884', {
    fullName: 'Hoàng Thị Ngọc Ánh',
    phone: '0977888999',
    address: 'Thôn Bắc, xã Quảng Phú, tỉnh Thanh Hóa',
  });
}
