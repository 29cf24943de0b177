import { en } from './en';
import { vi, type MessageKey } from './vi';

export type { MessageKey };
export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];
export const DEFAULT_LANG: Lang = 'vi';

const catalogs: Record<Lang, Record<MessageKey, string>> = { vi, en };

export type MessageParams = Record<string, string | number>;

/** Translate a key; `{name}` placeholders are replaced by params. */
export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const template = catalogs[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function isMessageKey(key: string): key is MessageKey {
  return key in vi;
}

/** Pick the language from an HTTP Accept-Language header (Vietnamese unless English is preferred). */
export function langFromAcceptLanguage(header: string | undefined | null): Lang {
  if (!header) return DEFAULT_LANG;
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : DEFAULT_LANG;
}
