import { useState } from 'react';
import { z } from 'zod';
import type { ApiError } from '../../shared/contract';
import { translate, type Lang } from '../../shared/i18n';
import { useApp } from '../app-context';

const zodLocales = { vi: z.locales.vi(), en: z.locales.en() };

export type FormCheck<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/**
 * Check a form's values with the contract's own input schema, in the words the hub would
 * use (the same VALIDATION_ERROR with one detail per field), before anything is sent.
 */
export function checkWithSchema<S extends z.ZodType>(
  schema: S,
  values: unknown,
  lang: Lang,
): FormCheck<z.output<S>> {
  const parsed = schema.safeParse(values, { error: zodLocales[lang].localeError });
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    error: {
      code: 'VALIDATION_ERROR',
      message: translate(lang, 'errors.VALIDATION_ERROR'),
      details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    },
  };
}

/**
 * Form state typed by a contract schema: the draft values, a setter per field, and `check()`
 * which validates the draft with that schema (so the screen and the hub agree on what is
 * valid, one definition).
 */
export function useSchemaForm<S extends z.ZodType<Record<string, unknown>>>(
  schema: S,
  initial: z.output<S>,
) {
  const { lang } = useApp();
  const [values, setValues] = useState<z.output<S>>(initial);
  return {
    values,
    setValues,
    set<K extends keyof z.output<S>>(field: K, value: z.output<S>[K]) {
      setValues((v) => ({ ...v, [field]: value }));
    },
    check: (): FormCheck<z.output<S>> => checkWithSchema(schema, values, lang),
  };
}
