import crypto from 'node:crypto';

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
