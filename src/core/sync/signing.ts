import crypto from 'node:crypto';
import {
  IDEMPOTENCY_HEADER,
  SYNC_SIGNATURE_HEADER,
  SYNC_SITE_HEADER,
} from '../../shared/contract/sync';

/**
 * HMAC-SHA256 with the site key, hex. Used for `POST /sync/batches` (over the exact body bytes)
 * and for USB files (over the exact `content` string). The key itself never travels.
 */
export function hmacHex(key: string, data: string | Buffer): string {
  return crypto.createHmac('sha256', key).update(data).digest('hex');
}

export function signatureHeader(key: string, data: string | Buffer): string {
  return `hmac-sha256=${hmacHex(key, data)}`;
}

/** Constant-time comparison of a received `hmac-sha256=<hex>` value with the expected one. */
export function verifySignature(key: string, data: string | Buffer, received: string): boolean {
  const expected = Buffer.from(signatureHeader(key, data), 'utf8');
  const given = Buffer.from(received, 'utf8');
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

/** A new site key: 32 random bytes, base64url (43 characters). */
export function newSiteKey(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/**
 * The headers of `POST {upstream}/api/v1/sync/batches` (docs/sync.md, "Authentication"): the
 * JSON type, the batch id as idempotency key, the site, and the signature of the exact `body`.
 */
export function batchHeaders(
  site: { siteId: string; key: string },
  batchId: string,
  body: string,
): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    [IDEMPOTENCY_HEADER]: batchId,
    [SYNC_SITE_HEADER]: site.siteId,
    [SYNC_SIGNATURE_HEADER]: signatureHeader(site.key, body),
  };
}
