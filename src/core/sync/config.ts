import { z } from 'zod';
import type { Db } from '../db/connection';
import { readSetting, writeSetting } from '../settings/settingsRepo';

/** Settings of the site side of sync (see docs/sync.md). The key is a secret: never returned. */
export const UPSTREAM_SETTING = 'sync.upstreamUrl';
export const SITE_KEY_SETTING = 'sync.siteKey';
/** The admin screen's on/off switch: off keeps the URL but pushes nothing. Default on. */
export const ENABLED_SETTING = 'sync.enabled';

const upstreamSchema = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .nullable();
const keySchema = z.string().min(32).max(200);

export function readUpstream(db: Db): string | null {
  return readSetting(db, UPSTREAM_SETTING, upstreamSchema) ?? null;
}

export function writeUpstream(db: Db, url: string | null, at: Date): void {
  writeSetting(db, UPSTREAM_SETTING, upstreamSchema, url, at);
}

export function readSiteKey(db: Db): string | null {
  return readSetting(db, SITE_KEY_SETTING, keySchema);
}

export function writeSiteKey(db: Db, key: string, at: Date): void {
  writeSetting(db, SITE_KEY_SETTING, keySchema, key, at);
}

export function readSyncEnabled(db: Db): boolean {
  return readSetting(db, ENABLED_SETTING, z.boolean()) ?? true;
}

export function writeSyncEnabled(db: Db, enabled: boolean, at: Date): void {
  writeSetting(db, ENABLED_SETTING, z.boolean(), enabled, at);
}

/** `https://tinh.example/` → `https://tinh.example` (the batch path is appended). */
export function normaliseUpstream(url: string): string {
  return url.replace(/\/+$/, '');
}
