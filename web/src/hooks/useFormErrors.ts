import { useCallback, useState } from 'react';
import { ApiError } from '../api';
import type { FieldErrors } from '../lib/validation';
import { fieldInWords, messageInWords } from '../lib/labels';

/**
 * The errors of one form: messages beside fields, and one at the top of the
 * form for anything that names no field of this form.
 */
export function useFormErrors<K extends string>(fields: readonly K[], fieldMap: Record<string, K> = {}) {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<K>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const clear = useCallback(() => {
    setFieldErrors({});
    setFormError(null);
  }, []);

  /** Shows an error from the API (or anything thrown) where it belongs. */
  const fromError = useCallback(
    (e: unknown) => {
      const placed = placeErrors(e, fields, fieldMap);
      setFieldErrors(placed.fieldErrors);
      setFormError(placed.formError);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- callers pass new arrays each render: keyed on their content
    [fields.join('|'), JSON.stringify(fieldMap)],
  );

  return { fieldErrors, formError, setFieldErrors, setFormError, clear, fromError };
}

/**
 * Where each part of an error goes: beside the fields of this form it names,
 * and at the top for the rest (or when it names no field at all).
 */
export function placeErrors<K extends string>(
  e: unknown,
  fields: readonly K[],
  fieldMap: Record<string, K> = {},
): { fieldErrors: FieldErrors<K>; formError: string | null } {
  if (e instanceof ApiError && e.fields.length > 1) {
    const fieldErrors: FieldErrors<K> = {};
    const rest: string[] = [];
    for (const f of e.fields) {
      const placed = placeError(new ApiError(e.status, e.code, f.message, f.field), fields, fieldMap);
      if (placed.field && !fieldErrors[placed.field]) fieldErrors[placed.field] = placed.message;
      else rest.push(`${fieldInWords(f.field)}: ${placed.message}`);
    }
    return { fieldErrors, formError: rest.length > 0 ? rest.join(' ') : null };
  }
  const { field, message } = placeError(e, fields, fieldMap);
  return field ? { fieldErrors: { [field]: message } as FieldErrors<K>, formError: null } : { fieldErrors: {}, formError: message };
}

/** Where an error goes: the form field it names, or the top of the form. */
export function placeError<K extends string>(
  e: unknown,
  fields: readonly K[],
  fieldMap: Record<string, K> = {},
): { field: K | null; message: string } {
  if (e instanceof ApiError) {
    // The server names values and the form's fields as the API spells them.
    const message = messageInWords(e.message, [...fields, ...Object.keys(fieldMap)]);
    const f = e.field;
    if (f) {
      if (f in fieldMap) return { field: fieldMap[f], message };
      if ((fields as readonly string[]).includes(f)) return { field: f as K, message };
      // "membership.expiry" → "expiry" when the form has such a field.
      const last = f.split(/[.[\]]+/).filter(Boolean).pop();
      if (last && (fields as readonly string[]).includes(last)) return { field: last as K, message };
    }
    return { field: null, message };
  }
  return { field: null, message: e instanceof Error ? e.message : 'Something went wrong. Please try again.' };
}
