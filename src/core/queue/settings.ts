import { queueSettingsSchema, type QueueSettings } from '../../shared/contract/queue';
import type { Db } from '../db/connection';
import { readSetting, writeSetting } from '../settings/settingsRepo';

export const QUEUE_SETTINGS_KEY = 'queue';

/** The queue settings, defaults when the admin never changed them. */
export function getQueueSettings(db: Db): QueueSettings {
  return readSetting(db, QUEUE_SETTINGS_KEY, queueSettingsSchema) ?? queueSettingsSchema.parse({});
}

export function saveQueueSettings(db: Db, value: QueueSettings, at: Date): QueueSettings {
  return writeSetting(db, QUEUE_SETTINGS_KEY, queueSettingsSchema, value, at);
}
