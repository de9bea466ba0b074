import { useState, type FormEvent } from 'react';
import type { Membership, MembershipStatus } from '../../api';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { useFormErrors } from '../../hooks/useFormErrors';
import { MEMBERSHIP_LABEL, MEMBERSHIP_STATUSES } from '../../lib/labels';
import { checkDate, collect, hasErrors } from '../../lib/validation';

const FIELDS = ['status', 'start', 'expiry'] as const;

export function validateMembership(m: Membership) {
  const found = collect({
    status: MEMBERSHIP_STATUSES.includes(m.status) ? undefined : 'Choose a status.',
    start: checkDate(m.start ?? '', 'the start date'),
    expiry:
      checkDate(m.expiry ?? '', 'the expiry date') ??
      (m.start && m.expiry && m.expiry < m.start ? 'The expiry date must be after the start date.' : undefined),
  });
  if (!found.start && !found.expiry && m.status === 'active' && (!m.start || !m.expiry)) {
    if (!m.start) found.start = 'An active membership needs a start date.';
    if (!m.expiry) found.expiry = 'An active membership needs an expiry date.';
  }
  return found;
}

/** The administrator's form for an organisation's membership status and dates. */
export function MembershipForm({
  initial,
  onSubmit,
  onCancel,
  idPrefix,
}: {
  initial: Membership;
  onSubmit: (m: Membership) => Promise<void>;
  onCancel: () => void;
  idPrefix: string;
}) {
  const [status, setStatus] = useState<MembershipStatus>(initial.status);
  const [start, setStart] = useState(initial.start ?? '');
  const [expiry, setExpiry] = useState(initial.expiry ?? '');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const m: Membership = { status, start: start || null, expiry: expiry || null };
    const found = validateMembership(m);
    if (hasErrors(found)) {
      errors.setFieldErrors(found);
      errors.setFormError(null);
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      await onSubmit(m);
    } catch (err) {
      errors.fromError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <FormAlert message={errors.formError} title="The membership was not saved" />
      <div className="form-row form-row--3">
        <SelectField
          id={`${idPrefix}-status`}
          label="Status"
          value={status}
          onChange={(e) => setStatus(e.target.value as MembershipStatus)}
          error={errors.fieldErrors.status}
        >
          {MEMBERSHIP_STATUSES.map((s) => (
            <option key={s} value={s}>
              {MEMBERSHIP_LABEL[s]}
            </option>
          ))}
        </SelectField>
        <TextField
          id={`${idPrefix}-start`}
          label="Start date"
          type="date"
          value={start}
          onChange={(e) => setStart(e.target.value)}
          error={errors.fieldErrors.start}
        />
        <TextField
          id={`${idPrefix}-expiry`}
          label="Expiry date"
          type="date"
          value={expiry}
          onChange={(e) => setExpiry(e.target.value)}
          error={errors.fieldErrors.expiry}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
          {busy ? 'Saving…' : 'Save membership'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
