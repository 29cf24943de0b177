import type http from 'node:http';
import { errorResult, type DispatchResult } from '../core/dispatch';
import type { Lang } from '../shared/i18n';

/**
 * The province's refusals of a batch or a USB file (docs/sync.md, "Answers"): one receiver,
 * used by `POST /api/v1/sync/batches` and by `npm run province -- import FILE` alike.
 */

export type ReceiveErrorReason =
  | 'UNKNOWN_SITE'
  | 'BAD_SIGNATURE'
  | 'BAD_IDEMPOTENCY_KEY'
  | 'INVALID'
  | 'SEQUENCE_GAP'
  | 'SEQUENCE_CONFLICT'
  | 'CORRUPT_FILE'
  | 'WRONG_SITE'
  | 'FILE_ALREADY_IMPORTED';

const MESSAGES: Record<ReceiveErrorReason, { vi: string; en: string }> = {
  UNKNOWN_SITE: {
    vi: 'Đơn vị {site} chưa được đăng ký ở máy chủ tỉnh.',
    en: 'Site {site} is not registered at the provincial hub.',
  },
  BAD_SIGNATURE: {
    vi: 'Chữ ký không hợp lệ: dữ liệu đã bị sửa đổi hoặc khóa đơn vị không đúng.',
    en: 'Invalid signature: the data was altered or the site key is wrong.',
  },
  BAD_IDEMPOTENCY_KEY: {
    vi: 'Tiêu đề Idempotency-Key phải bằng batchId của lô.',
    en: 'The Idempotency-Key header must equal the batch id.',
  },
  INVALID: { vi: 'Dữ liệu đồng bộ không hợp lệ.', en: 'Invalid sync data.' },
  SEQUENCE_GAP: {
    vi: 'Thiếu sự kiện: máy chủ tỉnh đang chờ số thứ tự {expected} của đơn vị.',
    en: 'Events missing: the provincial hub expects sequence {expected} next.',
  },
  SEQUENCE_CONFLICT: {
    vi: 'Số thứ tự {seq} đã dùng cho một sự kiện khác (đơn vị đã khôi phục bản sao lưu cũ?).',
    en: 'Sequence {seq} already holds another event (did the site restore an old backup?).',
  },
  CORRUPT_FILE: {
    vi: 'Tệp đồng bộ bị hỏng hoặc không đúng định dạng.',
    en: 'The sync file is corrupt or not in the expected format.',
  },
  WRONG_SITE: {
    vi: 'Tệp này thuộc đơn vị khác (trong tệp: {site}).',
    en: 'This file belongs to another site (inside: {site}).',
  },
  FILE_ALREADY_IMPORTED: {
    vi: 'Tệp này đã được nhập lúc {at}; không nhập lại.',
    en: 'This file was already imported at {at}; not imported again.',
  },
};

function format(
  reason: ReceiveErrorReason,
  params: Record<string, string | number>,
  lang: 'vi' | 'en',
) {
  return MESSAGES[reason][lang].replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k] ?? ''));
}

export class ReceiveError extends Error {
  constructor(
    readonly reason: ReceiveErrorReason,
    readonly params: Record<string, string | number> = {},
    readonly details?: unknown,
  ) {
    super(format(reason, params, 'vi'));
    this.name = 'ReceiveError';
  }
  text(lang: 'vi' | 'en'): string {
    return format(this.reason, this.params, lang);
  }
  /** HTTP status of the reason. */
  get status(): 400 | 401 | 409 {
    switch (this.reason) {
      case 'UNKNOWN_SITE':
      case 'BAD_SIGNATURE':
        return 401;
      case 'SEQUENCE_GAP':
      case 'SEQUENCE_CONFLICT':
      case 'FILE_ALREADY_IMPORTED':
        return 409;
      default:
        return 400;
    }
  }
}

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
