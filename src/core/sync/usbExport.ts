import { SYNC_FILE_FORMAT, syncFileContentSchema, type SyncFile } from '../../shared/contract/sync';
import { ulid } from '../../shared/ids';
import type { Db } from '../db/connection';
import { listUnsent } from './outbox';
import { signatureHeader } from './signing';

/**
 * A signed USB transfer file with EVERY change the province has not acknowledged. Nothing is
 * marked sent by an export: a lost or broken stick loses nothing, the next file (or the link,
 * when it returns) carries the same events again and the receiver's dedup keeps one copy.
 * The signature covers the exact `content` string, so any changed byte is detected.
 */
export function buildSyncFile(db: Db, siteId: string, siteKey: string, now: Date): SyncFile {
  const events = listUnsent(db, 1_000_000);
  const content = JSON.stringify(
    syncFileContentSchema.parse({
      fileId: ulid(now.getTime()),
      siteId,
      createdAt: now.toISOString(),
      events,
    }),
  );
  return {
    format: SYNC_FILE_FORMAT,
    siteId,
    signature: signatureHeader(siteKey, content),
    content,
  };
}

/** `motcua-dong-bo-<site>-<YYYYMMDD-HHMMSS>.json` */
export function syncFileName(siteId: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `motcua-dong-bo-${siteId}-${stamp}.json`;
}

export function eventCount(file: SyncFile): number {
  return (JSON.parse(file.content) as { events: unknown[] }).events.length;
}
