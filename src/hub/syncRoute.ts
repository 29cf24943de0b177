import type http from 'node:http';
import type { Core } from '../core/app';
import { errorResult, type DispatchResult } from '../core/dispatch';
import { ReceiveError, receiveBatch } from '../core/sync/receiver';
import type { Lang } from '../shared/i18n';

/** Batches may be bigger than ordinary requests: 500 events stay well under this. */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

export function readRaw(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * `POST /api/v1/sync/batches` on a `--role province` hub. Not a dispatched operation: it is
 * authenticated by an HMAC of the exact body bytes with the site key (docs/sync.md), not by a
 * user session, so it needs the raw body and the headers.
 */
export async function handleSyncBatch(
  core: Core,
  req: http.IncomingMessage,
  lang: Lang,
): Promise<DispatchResult> {
  if (core.sync.role !== 'province') return errorResult('ROUTE_NOT_FOUND', lang);
  const body = await readRaw(req, MAX_BATCH_BYTES);
  if (body === null) return errorResult('PAYLOAD_TOO_LARGE', lang, { params: { limit: '4 MB' } });
  try {
    const ack = receiveBatch(core.db, body, req.headers, core.clock.now());
    return { ok: true, status: 200, data: ack };
  } catch (e) {
    if (!(e instanceof ReceiveError)) throw e;
    return receiveErrorResult(e, lang);
  }
}

/** The product's error shape for a receiver's refusal (docs/sync.md, "Answers"). */
export function receiveErrorResult(e: ReceiveError, lang: Lang): DispatchResult {
  const code =
    e.status === 401 ? 'UNAUTHENTICATED' : e.status === 409 ? 'CONFLICT' : 'VALIDATION_ERROR';
  return errorResult(code, lang, {
    message: { vi: e.text('vi'), en: e.text('en') },
    details: {
      reason: e.reason,
      ...(Array.isArray(e.details)
        ? { issues: e.details }
        : ((e.details as Record<string, unknown> | undefined) ?? {})),
    },
  });
}
