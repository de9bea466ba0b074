import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { MembershipTerms } from '../../api';
import { TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { useFormErrors } from '../../hooks/useFormErrors';
import { bandFor, checkStaff, checkTurnover, feeInWords, parsePounds } from '../../lib/membership';
import { collect, hasErrors } from '../../lib/validation';

const FIELDS = ['staff', 'turnover'] as const;

/**
 * The Lead's or Senior Leader's request to join or renew: the staff and the
 * yearly turnover, the band they fall in and its fee as they type, and how
 * payment is arranged.
 */
export function MembershipRequestForm({
  terms,
  renewing,
  onSubmit,
  onCancel,
}: {
  terms: MembershipTerms;
  renewing: boolean;
  onSubmit: (staff: number, turnoverPence: number) => Promise<void>;
  onCancel: () => void;
}) {
  const [staff, setStaff] = useState('');
  const [turnover, setTurnover] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS, { turnover_pence: 'turnover' });
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const pence = parsePounds(turnover);
  const band = !checkStaff(staff) && pence !== null ? bandFor(terms, Number(staff), pence) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = collect({ staff: checkStaff(staff), turnover: checkTurnover(turnover) });
    if (hasErrors(found)) {
      errors.setFieldErrors(found);
      errors.setFormError(null);
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      await onSubmit(Number(staff), parsePounds(turnover) ?? 0);
    } catch (err) {
      errors.fromError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="membership-request-title">
      <h3 id="membership-request-title">{renewing ? 'Request the renewal' : 'Request membership'}</h3>
      <FormAlert message={errors.formError} title="The request was not sent" />
      <p className="muted small">
        The size band, and so the fee, follows from the organisation’s staff and yearly turnover. Give the figures of the last
        financial year.
      </p>
      <div className="form-row">
        <TextField
          ref={first}
          id="membership-staff"
          label="Number of staff"
          hint="People employed, full or part time"
          inputMode="numeric"
          value={staff}
          onChange={(e) => setStaff(e.target.value)}
          error={errors.fieldErrors.staff}
        />
        <TextField
          id="membership-turnover"
          label="Yearly turnover (£)"
          hint="For example £250,000"
          inputMode="decimal"
          value={turnover}
          onChange={(e) => setTurnover(e.target.value)}
          error={errors.fieldErrors.turnover}
        />
      </div>
      <p aria-live="polite" className="membership-band">
        {band ? (
          <>
            <strong>{band.label} band</strong> ({band.description}): {feeInWords(band.fee)}.
          </>
        ) : (
          'Enter both figures to see the band and its fee.'
        )}
      </p>
      <p className="muted small">{terms.payment}</p>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
          {busy ? 'Sending…' : renewing ? 'Request the renewal' : 'Request membership'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
