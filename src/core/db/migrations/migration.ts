import type { Db } from '../connection';

/**
 * One numbered schema step. The type lives in its own file so that each migration can name
 * it without importing the list (index.ts) that imports every migration.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
  /** Changes the sync outbox format: refused while unsent sync records exist (docs/sync.md). */
  changesOutbox?: boolean;
}
