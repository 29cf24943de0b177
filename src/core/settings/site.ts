import { siteSchema, type Site } from '../../shared/contract';
import { ulid } from '../../shared/ids';
import type { Db } from '../db/connection';
import { readSetting, writeSetting } from './settingsRepo';

const SITE_KEY = 'site';

/** A fresh installation: a new site id and placeholders the admin replaces at setup. */
export function defaultSite(): Site {
  return {
    siteId: ulid(),
    agencyName: 'Ủy ban nhân dân xã',
    agencyCode: '000.00.00.H00',
    address: '',
  };
}

/** The office this installation serves. Created once (with a permanent site id) if missing. */
export function getSite(db: Db, now: Date): Site {
  const existing = readSetting(db, SITE_KEY, siteSchema);
  if (existing) return existing;
  return writeSetting(db, SITE_KEY, siteSchema, defaultSite(), now);
}

export function updateSite(db: Db, changes: Omit<Site, 'siteId'>, now: Date): Site {
  const current = getSite(db, now);
  return writeSetting(db, SITE_KEY, siteSchema, { ...current, ...changes }, now);
}
