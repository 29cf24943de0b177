import { z } from 'zod';
import { idSchema, isoInstant } from './common';
import { DEVICE_KINDS, defineOperation } from './operation';

/**
 * Device pairing (docs/security.md, "Devices"): an admin pairs each kiosk, rating tablet and
 * lobby board once; the device keeps its token (shown once, stored hashed) and sends it in
 * the `X-Motcua-Device` header. Strangers on the LAN keep the read-only public views.
 */

export const deviceKindSchema = z.enum(DEVICE_KINDS);

/** How long a short pairing code typed on a device stays valid (one use). */
export const PAIRING_CODE_MINUTES = 10;
/** Alphabet of the pairing codes: no 0/O, 1/I/L to misread on a kiosk screen. */
export const PAIRING_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PAIRING_CODE_LENGTH = 8;

/** A device token: 32 random bytes in base64url (the demo's fixed tokens fit the same rule). */
export const deviceTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,128}$/);

const deviceName = z.string().trim().min(1).max(80);

export const deviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: deviceKindSchema,
  createdAt: isoInstant,
  revokedAt: isoInstant.nullable(),
  lastSeenAt: isoInstant.nullable(),
});
export type DeviceView = z.infer<typeof deviceSchema>;

const pairedSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: deviceKindSchema,
  /** Shown once: only its sha256 is stored. */
  token: z.string(),
});

export const deviceOperations = {
  deviceCreate: defineOperation({
    name: 'devices.create',
    method: 'POST',
    path: '/devices',
    role: 'admin',
    summary: 'Pair a device (kiosk, rating tablet, lobby board): its token is shown once',
    input: z.object({ name: deviceName, kind: deviceKindSchema }).strict(),
    output: pairedSchema,
    successStatus: 201,
  }),
  deviceList: defineOperation({
    name: 'devices.list',
    method: 'GET',
    path: '/devices',
    role: 'admin',
    summary: 'Paired devices, revoked ones too (never their tokens)',
    input: z.object({}).strict(),
    output: z.array(deviceSchema),
  }),
  deviceRevoke: defineOperation({
    name: 'devices.revoke',
    method: 'DELETE',
    path: '/devices/{id}',
    role: 'admin',
    summary: 'Revoke a device: its token stops working at once',
    input: z.object({ id: idSchema }).strict(),
    output: deviceSchema,
  }),
  devicePairingCode: defineOperation({
    name: 'devices.pairingCode',
    method: 'POST',
    path: '/devices/pairing-codes',
    role: 'admin',
    summary: `A short one-use pairing code (valid ${PAIRING_CODE_MINUTES} minutes) that a new device types to pair itself`,
    input: z.object({ name: deviceName, kind: deviceKindSchema }).strict(),
    output: z.object({
      code: z.string(),
      name: z.string(),
      kind: deviceKindSchema,
      expiresAt: isoInstant,
    }),
    successStatus: 201,
  }),
  devicePair: defineOperation({
    name: 'devices.pair',
    method: 'POST',
    path: '/public/devices/pair',
    role: 'public',
    summary: 'A device types the pairing code shown on the desk and receives its token (once)',
    input: z.object({ code: z.string().trim().min(1).max(20) }).strict(),
    output: pairedSchema,
    successStatus: 201,
    rateLimit: { perMinute: 10 },
  }),
  deviceMe: defineOperation({
    name: 'devices.me',
    method: 'GET',
    path: '/public/devices/me',
    role: 'public',
    summary: 'The paired device making this call (from its X-Motcua-Device header), or null',
    input: z.object({}).strict(),
    output: z.object({
      device: z.object({ id: z.string(), name: z.string(), kind: deviceKindSchema }).nullable(),
    }),
    rateLimit: { perMinute: 120 },
  }),
} as const;
