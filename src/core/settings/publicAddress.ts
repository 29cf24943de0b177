import { z } from 'zod';
import { publicUrlSchema } from '../../shared/contract';
import type { Db } from '../db/connection';
import { readSetting, writeSetting } from './settingsRepo';

/** Settings key of the public address (docs/queue.md, "Public address"). */
export const PUBLIC_ADDRESS_KEY = 'publicAddress';

const storedSchema = z.object({ url: publicUrlSchema.nullable() }).strict();

/** A public address given for one run (`--public-url`, MOTCUA_PUBLIC_URL), checked at start. */
export function parsePublicUrl(value: string): string {
  const parsed = publicUrlSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `địa chỉ công khai không hợp lệ: "${value}" (dạng http://tên-máy:cổng, không có đường dẫn)`,
    );
  }
  return parsed.data;
}

export function readPublicAddress(db: Db): string | null {
  return readSetting(db, PUBLIC_ADDRESS_KEY, storedSchema)?.url ?? null;
}

export function savePublicAddress(db: Db, url: string | null, at: Date): string | null {
  return writeSetting(db, PUBLIC_ADDRESS_KEY, storedSchema, { url }, at).url;
}

/**
 * Where the printed QRs (ticket, receipt, return slip) point: the run override, else the admin
 * setting, else the origin of the page that asked for the print — which the edge gives only
 * when it is not a loopback address (src/hub/caller.ts). Null: the QR is left off, never
 * pointed at 127.0.0.1 (on a citizen's phone that is the phone itself).
 */
export interface PublicAddress {
  readonly runOverride: string | null;
  setting(): string | null;
  /** The configured address (override or setting), null when neither is set. */
  configured(): string | null;
  base(requestOrigin: string | null): string | null;
}

export function createPublicAddress(db: Db, runOverride: string | null): PublicAddress {
  const setting = () => readPublicAddress(db);
  const configured = () => runOverride ?? setting();
  return {
    runOverride,
    setting,
    configured,
    base: (requestOrigin) => configured() ?? requestOrigin,
  };
}
