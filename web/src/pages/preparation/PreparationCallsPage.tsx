// The Assurance Manager's preparation calls (SVMC: "a preparation call with
// the Assurance Manager before applying"): the administrator offers times for
// a scheme, sees who booked each, records a call as held once it has begun,
// withdraws a time nobody booked and cancels a booking before the call.
// Booking emails link here.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api';
import type { PreparationSlot } from '../../api/preparation';
import { useAuth } from '../../auth/AuthContext';
import { ConfirmDialog } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Badge, EmptyState, ErrorState, Loading } from '../../components/States';
import { useToast } from '../../components/Toast';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useLoad } from '../../hooks/useLoad';
import { enumsInWords } from '../../lib/labels';
import {
  MINUTES_MAX,
  MINUTES_MIN,
  PREPARATION_STATE_LABEL,
  checkOffer,
  formatCallTime,
  formatMoment,
  hasBegun,
  lengthInWords,
  localToUtc,
  preparationStateTone,
  splitCalendar,
  timeZoneInWords,
  viewerTimeZone,
  type OfferField,
  type OfferForm,
} from '../../lib/preparation';
import { latestSchemes, schemeLabel } from '../../lib/schemes';
import { useNow, usePreparationApi } from './usePreparationApi';
import './preparation.css';

const FIELDS: readonly OfferField[] = ['scheme_id', 'date', 'time', 'minutes'];
const EMPTY: OfferForm = { scheme_id: '', date: '', time: '', minutes: '30' };

type Pending = { kind: 'withdraw' | 'cancel'; slot: PreparationSlot };

function SlotsTable({
  caption,
  schemeName,
  slots,
  now,
  busyId,
  rowError,
  onHeld,
  onAsk,
}: {
  caption: string;
  schemeName: (s: PreparationSlot) => string;
  slots: PreparationSlot[];
  now: Date;
  busyId: string | null;
  rowError: { id: string; message: string } | null;
  onHeld: (s: PreparationSlot) => void;
  onAsk: (p: Pending) => void;
}) {
  return (
    <table className="table table--stack prep-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Scheme</th>
          <th scope="col">State</th>
          <th scope="col">Organisation</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {slots.map((s) => {
          const when = formatCallTime(s.starts_at, s.minutes);
          const begun = hasBegun(s, now);
          const error = rowError?.id === s.id ? rowError.message : null;
          return (
            <tr key={s.id}>
              <th scope="row" data-label="When">
                {when}
              </th>
              <td data-label="Scheme">{schemeName(s)}</td>
              <td data-label="State">
                <Badge tone={preparationStateTone(s.state)}>{PREPARATION_STATE_LABEL[s.state]}</Badge>
              </td>
              <td data-label="Organisation">
                {s.organisation_name && s.organisation_id ? (
                  <>
                    <Link to={`/organisations/${encodeURIComponent(s.organisation_id)}/certification`}>{s.organisation_name}</Link>
                    <span className="prep-table__meta">
                      {s.booked_by_name ? `Booked by ${s.booked_by_name}` : 'Booked'}
                      {s.booked_at ? ` on ${formatMoment(s.booked_at)}` : ''}
                    </span>
                    {s.held_at ? <span className="prep-table__meta">Recorded as held on {formatMoment(s.held_at)}</span> : null}
                  </>
                ) : s.state === 'past' ? (
                  <span className="muted">Nobody booked it</span>
                ) : (
                  <span className="muted">Not booked yet</span>
                )}
              </td>
              <td className="prep-table__actions" data-label="Actions">
                <div className="button-row">
                  {s.state === 'booked' ? (
                    <button
                      type="button"
                      className="button button--primary button--small"
                      disabled={busyId === s.id}
                      aria-busy={busyId === s.id || undefined}
                      aria-label={`Record the call with ${s.organisation_name ?? 'the organisation'} on ${when} as held`}
                      onClick={() => onHeld(s)}
                    >
                      Record as held
                    </button>
                  ) : null}
                  {s.state === 'booked' && !begun ? (
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-label={`Cancel the booking of ${s.organisation_name ?? 'the organisation'} on ${when}`}
                      onClick={() => onAsk({ kind: 'cancel', slot: s })}
                    >
                      Cancel the booking
                    </button>
                  ) : null}
                  {s.state === 'open' ? (
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-label={`Withdraw the time ${when}`}
                      onClick={() => onAsk({ kind: 'withdraw', slot: s })}
                    >
                      Withdraw
                    </button>
                  ) : null}
                </div>
                {s.state === 'booked' && !begun ? <p className="prep-table__meta">It can be recorded as held once it has begun.</p> : null}
                {error ? (
                  <p className="field__error" role="alert">
                    <span className="visually-hidden">Error: </span>
                    {error}
                  </p>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function PreparationCallsPage() {
  const { api } = useAuth();
  const prep = usePreparationApi();
  const toast = useToast();
  const now = useNow();
  const zone = timeZoneInWords(viewerTimeZone());
  const data = useLoad(() => Promise.all([prep.listSlots(), api.listSchemes()]), [prep, api]);
  const errors = useFormErrors(FIELDS, { starts_at: 'time' });
  const [form, setForm] = useState<OfferForm>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [pendingBusy, setPendingBusy] = useState(false);
  const [pendingError, setPendingError] = useState<string | null>(null);
  useDocumentTitle('Preparation calls');

  const schemes = data.data ? latestSchemes(data.data[1].items) : [];
  // Two forms of a scheme share a name: each is named as the other pages name it.
  const labels = new Map(schemes.map((s) => [s.id, schemeLabel(s, schemes)]));
  const schemeName = (s: PreparationSlot) => labels.get(s.scheme_id) ?? s.scheme_name;
  const { upcoming, earlier } = splitCalendar(data.data?.[0].items ?? [], now);

  const offer = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    const own = checkOffer(form);
    if (Object.keys(own).length > 0) {
      errors.setFieldErrors(own);
      const first = FIELDS.find((f) => own[f]);
      if (first) document.getElementById(`offer-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const made = await prep.offerSlot({ scheme_id: form.scheme_id, starts_at: localToUtc(form.date, form.time) ?? '', minutes: Number(form.minutes) });
      setForm({ ...EMPTY, scheme_id: form.scheme_id, minutes: form.minutes });
      await data.reload();
      toast.notify(`Time offered: ${formatCallTime(made.starts_at, made.minutes)}`);
    } catch (err) {
      errors.fromError(err);
    } finally {
      setBusy(false);
    }
  };

  const recordHeld = async (s: PreparationSlot) => {
    setRowError(null);
    setBusyId(s.id);
    try {
      await prep.recordHeld(s.id);
      await data.reload();
      toast.notify(`The call with ${s.organisation_name ?? 'the organisation'} is recorded as held`);
    } catch (err) {
      setRowError({ id: s.id, message: enumsInWords(err instanceof Error ? err.message : 'The call was not recorded as held.') });
    } finally {
      setBusyId(null);
    }
  };

  const confirmPending = async () => {
    if (!pending) return;
    const { kind, slot } = pending;
    setPendingBusy(true);
    setPendingError(null);
    try {
      if (kind === 'withdraw') await prep.withdrawSlot(slot.id);
      else await prep.cancel(slot.organisation_id ?? '', slot.id);
      setPending(null);
      await data.reload();
      toast.notify(kind === 'withdraw' ? 'Time withdrawn' : `Booking of ${slot.organisation_name ?? 'the organisation'} cancelled`);
    } catch (err) {
      setPendingError(isApiError(err) || err instanceof Error ? enumsInWords(err.message) : 'That could not be done.');
    } finally {
      setPendingBusy(false);
    }
  };

  const tableProps = {
    schemeName,
    now,
    busyId,
    rowError,
    onHeld: (s: PreparationSlot) => void recordHeld(s),
    onAsk: (p: Pending) => {
      setPendingError(null);
      setPending(p);
    },
  };

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow">Staff</p>
          <h1>Preparation calls</h1>
          <p className="page-head__meta">
            A scheme may ask an organisation to hold a preparation call with you, the Assurance Manager, before it submits an application. Offer
            times here; the organisation’s Lead or Senior Leader books one, and you record the call as held once it has begun. Times are in{' '}
            {zone}.
          </p>
        </div>
      </div>

      <section className="panel" aria-labelledby="offer-title">
        <div className="panel__head">
          <h2 id="offer-title">Offer a time</h2>
        </div>
        <form onSubmit={offer} noValidate aria-labelledby="offer-title">
          <FormAlert message={errors.formError} title="The time was not offered" />
          <SelectField
            id="offer-scheme_id"
            label="Scheme"
            hint="The organisations preparing to apply to it can book the time."
            value={form.scheme_id}
            onChange={(e) => setForm({ ...form, scheme_id: e.target.value })}
            error={errors.fieldErrors.scheme_id}
          >
            <option value="">Choose a scheme</option>
            {schemes.map((s) => (
              <option key={s.id} value={s.id}>
                {s.preparation_call ? `${schemeLabel(s, schemes)}: asks for a call` : schemeLabel(s, schemes)}
              </option>
            ))}
          </SelectField>
          <div className="form-row form-row--3">
            <TextField
              id="offer-date"
              label="Day"
              hint="Within the next year."
              type="date"
              value={form.date}
              onChange={(e) => setForm({ ...form, date: e.target.value })}
              error={errors.fieldErrors.date}
            />
            <TextField
              id="offer-time"
              label="Starts at"
              hint={`In ${zone}.`}
              type="time"
              value={form.time}
              onChange={(e) => setForm({ ...form, time: e.target.value })}
              error={errors.fieldErrors.time}
            />
            <TextField
              id="offer-minutes"
              label="Length in minutes"
              hint={`From ${MINUTES_MIN} to ${MINUTES_MAX}.`}
              type="number"
              inputMode="numeric"
              min={MINUTES_MIN}
              max={MINUTES_MAX}
              step={5}
              value={form.minutes}
              onChange={(e) => setForm({ ...form, minutes: e.target.value })}
              error={errors.fieldErrors.minutes}
            />
          </div>
          {form.date && form.time && form.minutes && localToUtc(form.date, form.time) ? (
            <p className="muted small" aria-live="polite">
              Offered as: {formatCallTime(localToUtc(form.date, form.time) ?? '', Number(form.minutes) || 0)}
              {Number(form.minutes) ? `, ${lengthInWords(Number(form.minutes))}` : ''}.
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
              {busy ? 'Offering…' : 'Offer this time'}
            </button>
          </div>
        </form>
      </section>

      <section className="panel" aria-labelledby="calendar-title">
        <div className="panel__head">
          <h2 id="calendar-title">Calendar</h2>
        </div>
        {data.status === 'loading' && !data.data ? <Loading label="Loading the calendar…" /> : null}
        {data.status === 'error' ? <ErrorState error={data.error} onRetry={data.reload} /> : null}
        {data.data ? (
          <>
            <h3 id="upcoming-title">Coming up</h3>
            {upcoming.length === 0 ? (
              <EmptyState title="No times coming up">
                <p>Offer a time above: organisations see it on their Certification page and book it there.</p>
              </EmptyState>
            ) : (
              <SlotsTable caption="Times coming up" slots={upcoming} {...tableProps} />
            )}
            <h3 id="earlier-title">The last 30 days</h3>
            {earlier.length === 0 ? (
              <p className="muted">No time has gone by in the last 30 days.</p>
            ) : (
              <SlotsTable caption="Times in the last 30 days" slots={earlier} {...tableProps} />
            )}
          </>
        ) : null}
      </section>

      <ConfirmDialog
        open={pending !== null}
        title={
          pending?.kind === 'withdraw'
            ? 'Withdraw this time?'
            : `Cancel the booking of ${pending?.slot.organisation_name ?? 'the organisation'}?`
        }
        confirmLabel={pending?.kind === 'withdraw' ? 'Withdraw the time' : 'Cancel the booking'}
        danger
        busy={pendingBusy}
        error={pendingError}
        onCancel={() => setPending(null)}
        onConfirm={() => void confirmPending()}
      >
        {pending ? (
          <p>
            {pending.kind === 'withdraw'
              ? `${formatCallTime(pending.slot.starts_at, pending.slot.minutes)}, for the ${schemeName(pending.slot)}: nobody has booked it, and it will no longer be offered.`
              : `${formatCallTime(pending.slot.starts_at, pending.slot.minutes)}: ${pending.slot.organisation_name ?? 'the organisation'} loses the booking and books another time before it can submit. The time is open to book again. ValueMark does not email the organisation about it: let them know.`}
          </p>
        ) : null}
      </ConfirmDialog>
      {toast.element}
    </div>
  );
}
