// What the three register forms share: sending with the errors put beside
// their fields, the notice when someone else saved the entry first, and the
// form's buttons.
import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api';
import { useFormErrors } from '../../hooks/useFormErrors';
import { fieldOfPath } from '../../lib/support';
import { hasErrors, type FieldErrors } from '../../lib/validation';

/** An API error with each field named as the form names it ("areas[2]" → "areas"). */
export function withFormFields(e: unknown): unknown {
  if (!(e instanceof ApiError)) return e;
  return new ApiError(
    e.status,
    e.code,
    e.message,
    e.field ? fieldOfPath(e.field) : null,
    e.retryAfter,
    e.fields.map((f) => ({ field: fieldOfPath(f.field), message: f.message })),
  );
}

/** Someone else saved the entry first: the server names the version. */
export function isStale(e: unknown): boolean {
  return e instanceof ApiError && (e.field === 'version' || e.fields.some((f) => f.field === 'version'));
}

/**
 * A register form's sending: its own checks first, then the server's answer,
 * each problem beside its field (focus on the first), a stale version said
 * as such.
 */
export function useRegisterForm<K extends string>(fields: readonly K[]) {
  const errors = useFormErrors(fields);
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const focusFirstError = () =>
    window.setTimeout(
      () =>
        formRef.current
          ?.querySelector<HTMLElement>('.alert[tabindex], .field--error input, .field--error select, .field--error textarea, .field--error summary, [aria-invalid="true"]')
          ?.focus(),
      0,
    );

  /** Checks with `check`; when all is well sends with `send`. */
  const submit = (check: () => FieldErrors<K>, send: () => Promise<void>) => async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setStale(false);
    const found = check();
    if (hasErrors(found)) {
      errors.setFieldErrors(found);
      errors.setFormError(null);
      focusFirstError();
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      await send();
    } catch (err) {
      if (isStale(err)) {
        setStale(true);
        errors.clear();
      } else errors.fromError(withFormFields(err));
      focusFirstError();
    } finally {
      setBusy(false);
    }
  };

  return { errors, fe: errors.fieldErrors, busy, stale, formRef, submit };
}

export function StaleNotice({ what, onReload }: { what: string; onReload?: () => void }) {
  return (
    <div className="alert alert--warning" role="alert" tabIndex={-1}>
      <p className="alert__title">Someone else changed {what} while you were editing it</p>
      <p className="alert__body">
        Your changes were not saved.{' '}
        {onReload ? (
          <>
            <button type="button" className="link-button" onClick={onReload}>
              Load their version
            </button>{' '}
            and make your changes again.
          </>
        ) : (
          'Reload the page and make your changes again.'
        )}
      </p>
    </div>
  );
}

export function FormButtons({ busy, label, busyLabel, onCancel }: { busy: boolean; label: string; busyLabel: string; onCancel: () => void }) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
        {busy ? busyLabel : label}
      </button>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
