import crypto from 'node:crypto';
import { AppError, type DeviceKind, type PublicUser } from '../../shared/contract';
import {
  PAIRING_CODE_ALPHABET,
  PAIRING_CODE_LENGTH,
  PAIRING_CODE_MINUTES,
  deviceTokenSchema,
  type DeviceView,
} from '../../shared/contract/devices';
import { ulid } from '../../shared/ids';
import { recordAudit } from '../audit/auditLog';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { RateLimiter } from '../security/rateLimiter';

/** Who a paired device is, as the dispatcher hands it to handlers (never its token). */
export interface DeviceIdentity {
  id: string;
  name: string;
  kind: DeviceKind;
}

interface DeviceRow {
  id: string;
  name: string;
  kind: DeviceKind;
  token_hash: string;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
  last_seen_at: string | null;
}

interface PendingCode {
  hash: Buffer;
  name: string;
  kind: DeviceKind;
  expiresAt: Date;
  actor: PublicUser;
}

/** `last_seen_at` is written at most this often per device (not one write per request). */
const LAST_SEEN_EVERY_MS = 60_000;
/** At most this many pairing codes wait at once (each one a 1 in 32^8 guess). */
const MAX_PENDING_CODES = 20;
/** Wrong pairing codes accepted from all addresses together per minute, then 429. */
export const PAIR_FAILURES_PER_MINUTE = 30;

const sha256 = (text: string): Buffer => crypto.createHash('sha256').update(text).digest();

/** A device token: 32 random bytes (base64url); only its sha256 is stored. */
function newDeviceToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) {
    code += PAIRING_CODE_ALPHABET[crypto.randomInt(PAIRING_CODE_ALPHABET.length)];
  }
  return code;
}

/** What a person types: case, spaces and dashes do not matter ("abcd-efgh" = "ABCDEFGH"). */
export function normalisePairingCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

const view = (r: DeviceRow): DeviceView => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  lastSeenAt: r.last_seen_at,
});

/** Insert a device and its audit row in one transaction; the token is returned once. */
function insertDevice(
  db: Db,
  input: { name: string; kind: DeviceKind },
  actor: PublicUser | null,
  audit: string,
  now: Date,
  fixed?: { id: string; token: string },
) {
  const token = fixed?.token ?? newDeviceToken();
  const id = fixed?.id ?? ulid(now.getTime());
  db.transaction(() => {
    db.prepare(
      `INSERT INTO devices (id, name, kind, token_hash, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      input.name,
      input.kind,
      sha256(token).toString('hex'),
      now.toISOString(),
      actor?.id ?? null,
    );
    recordAudit(
      db,
      {
        actor,
        action: audit,
        entity: 'device',
        entityId: id,
        details: { name: input.name, kind: input.kind },
      },
      now,
    );
  })();
  return { id, name: input.name, kind: input.kind, token };
}

/**
 * The demo's devices with their fixed, published tokens (`--demo` only — never on a real
 * site): created where missing; one an admin revoked or renamed is left as it is.
 */
export function seedDemoDevices(
  db: Db,
  devices: readonly { id: string; name: string; kind: DeviceKind; token: string }[],
  now: Date,
): void {
  for (const d of devices) {
    if (db.prepare('SELECT 1 FROM devices WHERE id = ?').get(d.id)) continue;
    insertDevice(db, d, null, 'device.demo', now, d);
  }
}

export type DeviceService = ReturnType<typeof createDeviceService>;

/**
 * Paired devices (docs/security.md, "Devices"). An admin pairs a device directly (its token
 * is shown once) or creates a short one-use pairing code that the device types; a revoked
 * device is refused from the very next request (every check reads the table).
 */
export function createDeviceService(db: Db, clock: Clock) {
  const pending: PendingCode[] = [];
  const pairFailures = new RateLimiter();
  const q = {
    byHash: db.prepare('SELECT * FROM devices WHERE token_hash = ?'),
    byId: db.prepare('SELECT * FROM devices WHERE id = ?'),
    list: db.prepare('SELECT * FROM devices ORDER BY revoked_at IS NOT NULL, created_at DESC'),
    revoke: db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    seen: db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?'),
  };

  function create(input: { name: string; kind: DeviceKind }, actor: PublicUser) {
    return insertDevice(db, input, actor, 'device.create', clock.now());
  }

  function list(): DeviceView[] {
    return (q.list.all() as DeviceRow[]).map(view);
  }

  function revoke(id: string, actor: PublicUser): DeviceView {
    const now = clock.now();
    return db.transaction(() => {
      const row = q.byId.get(id) as DeviceRow | undefined;
      if (!row) throw new AppError('NOT_FOUND');
      if (q.revoke.run(now.toISOString(), id).changes > 0) {
        recordAudit(
          db,
          {
            actor,
            action: 'device.revoke',
            entity: 'device',
            entityId: id,
            details: { name: row.name },
          },
          now,
        );
      }
      return view(q.byId.get(id) as DeviceRow);
    })();
  }

  /** The active device of a token, or null (unknown, malformed or revoked). */
  function authenticate(token: string): DeviceIdentity | null {
    if (!deviceTokenSchema.safeParse(token).success) return null;
    const row = q.byHash.get(sha256(token).toString('hex')) as DeviceRow | undefined;
    if (!row || row.revoked_at) return null;
    const now = clock.now();
    if (!row.last_seen_at || now.getTime() - Date.parse(row.last_seen_at) >= LAST_SEEN_EVERY_MS) {
      q.seen.run(now.toISOString(), row.id);
    }
    return { id: row.id, name: row.name, kind: row.kind };
  }

  function prune(now: Date): void {
    for (let i = pending.length - 1; i >= 0; i--) {
      if ((pending[i] as PendingCode).expiresAt <= now) pending.splice(i, 1);
    }
  }

  /** A short one-use code the device types; valid PAIRING_CODE_MINUTES minutes. */
  function createPairingCode(input: { name: string; kind: DeviceKind }, actor: PublicUser) {
    const now = clock.now();
    prune(now);
    if (pending.length >= MAX_PENDING_CODES) pending.shift(); // the oldest one stops working
    const code = newPairingCode();
    const expiresAt = new Date(now.getTime() + PAIRING_CODE_MINUTES * 60_000);
    pending.push({ hash: sha256(code), name: input.name, kind: input.kind, expiresAt, actor });
    recordAudit(
      db,
      {
        actor,
        action: 'device.pairingCode',
        entity: 'device',
        details: { name: input.name, kind: input.kind, expiresAt: expiresAt.toISOString() },
      },
      now,
    );
    return { code, name: input.name, kind: input.kind, expiresAt: expiresAt.toISOString() };
  }

  /**
   * Redeem a pairing code. Every waiting code is compared in constant time (no early exit,
   * so the answer time does not depend on which code or how much of it matched); wrong codes
   * from all addresses together are capped per minute.
   */
  function pair(typed: string) {
    const now = clock.now();
    prune(now);
    const hash = sha256(normalisePairingCode(typed));
    let found = -1;
    pending.forEach((p, i) => {
      if (crypto.timingSafeEqual(p.hash, hash) && found < 0) found = i;
    });
    if (found < 0) {
      if (!pairFailures.take('pair', 'all', PAIR_FAILURES_PER_MINUTE, now.getTime())) {
        throw new AppError('RATE_LIMITED');
      }
      throw new AppError('PAIRING_CODE_INVALID');
    }
    const [p] = pending.splice(found, 1) as [PendingCode];
    return insertDevice(db, { name: p.name, kind: p.kind }, p.actor, 'device.paired', now);
  }

  return { create, list, revoke, authenticate, createPairingCode, pair };
}
