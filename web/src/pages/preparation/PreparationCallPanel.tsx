// An organisation's preparation call with the Assurance Manager, on its
// Certification page: which schemes ask for a held call before submission,
// its calls (booked or held), and the times it may book. The Lead and the
// Senior Leader book and cancel; members read.
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import type { Scheme } from '../../api';
import type { PreparationSlot } from '../../api/preparation';
import { ConfirmDialog } from '../../components/Dialog';
import { Badge, EmptyState, ErrorState, Loading } from '../../components/States';
import { useToast } from '../../components/Toast';
import { useLoad } from '../../hooks/useLoad';
import { enumsInWords } from '../../lib/labels';
import { PREPARATION_STATE_LABEL, formatCallTime, formatMoment, hasBegun, lengthInWords, preparationStateTone } from '../../lib/preparation';
import { latestSchemes, listInWords, schemeLabel } from '../../lib/schemes';
import { useNow, usePreparationApi } from './usePreparationApi';
import './preparation.css';

export const PREPARATION_ANCHOR = 'preparation-call';

/**
 * `schemes` (GET /schemes) name each scheme as the pages do, telling apart
 * two forms that share a name; without them the server's names are used.
 */
export function PreparationCallPanel({ orgId, schemes = [], onChange }: { orgId: string; schemes?: readonly Scheme[]; onChange?: () => void }) {
  const prep = usePreparationApi();
  const toast = useToast();
  const now = useNow();
  const location = useLocation();
  const data = useLoad(() => prep.forOrganisation(orgId), [prep, orgId]);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<PreparationSlot | null>(null);
  const [cancelBusy, setCancelBusy] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // A link to the panel (from an application's "Where it stands") brings it into view with focus.
  const loaded = data.data !== null;
  useEffect(() => {
    if (loaded && location.hash === `#${PREPARATION_ANCHOR}`) {
      headingRef.current?.scrollIntoView({ block: 'start' });
      headingRef.current?.focus({ preventScroll: true });
    }
  }, [loaded, location.hash]);

  if (data.status === 'loading' && !data.data) return <Loading label="Loading the preparation calls…" />;
  if (data.status === 'error' && !data.data) return <ErrorState error={data.error} onRetry={data.reload} title="The preparation calls could not be loaded" />;
  if (!data.data) return null;
  const { booked, open, may_book: mayBook } = data.data;
  const latest = latestSchemes(schemes);
  const label = new Map(latest.map((sc) => [sc.id, schemeLabel(sc, latest)]));
  // The schemes that ask for a call, those whose call is held apart.
  const held = new Set(booked.filter((s) => s.state === 'held').map((s) => s.scheme_id));
  const asking = latest.filter((sc) => sc.preparation_call);
  const requiring = latest.length > 0 ? asking.filter((sc) => !held.has(sc.id)).map((sc) => schemeLabel(sc, latest)) : data.data.schemes_requiring;
  const done = asking.filter((sc) => held.has(sc.id)).map((sc) => schemeLabel(sc, latest));
  const schemeName = (s: PreparationSlot) => label.get(s.scheme_id) ?? s.scheme_name;
  // Nothing asks for a call and nothing is booked or offered: nothing to say.
  if (requiring.length === 0 && booked.length === 0 && open.length === 0) return null;
  const current = booked.filter((s) => s.state === 'booked');
  const schemeHasBooking = (schemeId: string) => current.some((s) => s.scheme_id === schemeId);

  const book = async (s: PreparationSlot) => {
    setError(null);
    setBusyId(s.id);
    try {
      const made = await prep.book(orgId, s.id);
      await data.reload();
      onChange?.();
      toast.notify(`Call booked: ${formatCallTime(made.starts_at, made.minutes)}`);
    } catch (err) {
      setError(enumsInWords(err instanceof Error ? err.message : 'The time was not booked.'));
      await data.reload();
    } finally {
      setBusyId(null);
    }
  };

  const cancel = async () => {
    if (!cancelling) return;
    setCancelBusy(true);
    setCancelError(null);
    try {
      await prep.cancel(orgId, cancelling.id);
      setCancelling(null);
      await data.reload();
      onChange?.();
      toast.notify('Booking cancelled');
    } catch (err) {
      setCancelError(enumsInWords(err instanceof Error ? err.message : 'The booking was not cancelled.'));
    } finally {
      setCancelBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby={`${PREPARATION_ANCHOR}-title`} id={PREPARATION_ANCHOR}>
      <div className="panel__head">
        <h2 id={`${PREPARATION_ANCHOR}-title`} ref={headingRef} tabIndex={-1}>
          Preparation call
        </h2>
      </div>
      {requiring.length > 0 ? (
        <p>
          The {listInWords(requiring)} {requiring.length === 1 ? 'asks' : 'ask'} for a preparation call with the Assurance Manager before an application is
          submitted. Book one of the times below; once the Assurance Manager records the call as held, the application can be submitted.
        </p>
      ) : null}
      {done.length > 0 ? (
        <p>
          Your preparation call for the {listInWords(done)} is held: an application to it can be submitted.
        </p>
      ) : null}
      {requiring.length === 0 && done.length === 0 ? <p>No scheme asks for a preparation call just now; a call already booked still takes place.</p> : null}
      {error ? (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">The time was not booked</p>
          <p className="alert__body">{error}</p>
        </div>
      ) : null}

      <h3>Your calls</h3>
      {booked.length === 0 ? (
        <p className="muted">No call booked yet.</p>
      ) : (
        <ul className="prep-list" aria-label="Your calls">
          {booked.map((s) => {
            const when = formatCallTime(s.starts_at, s.minutes);
            return (
              <li key={s.id} className="prep-list__item">
                <div>
                  <p className="prep-list__when">{when}</p>
                  <p className="prep-list__meta">
                    {schemeName(s)}
                    {s.booked_by_name ? ` · booked by ${s.booked_by_name}` : ''}
                    {s.booked_at ? ` on ${formatMoment(s.booked_at)}` : ''}
                    {s.held_at ? ` · recorded as held on ${formatMoment(s.held_at)}` : ''}
                  </p>
                </div>
                <div className="button-row">
                  <Badge tone={preparationStateTone(s.state)}>{PREPARATION_STATE_LABEL[s.state]}</Badge>
                  {mayBook && s.state === 'booked' && !hasBegun(s, now) ? (
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-label={`Cancel the call on ${when}`}
                      onClick={() => {
                        setCancelError(null);
                        setCancelling(s);
                      }}
                    >
                      Cancel
                    </button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}

      <h3>Times to book</h3>
      {!mayBook && open.length > 0 ? <p className="muted small">The Social Value Lead or Senior Leader books a time.</p> : null}
      {open.length === 0 ? (
        <EmptyState title={booked.length > 0 ? 'No other times are offered just now' : 'No times are offered yet'}>
          <p>The Assurance Manager publishes them: they appear here, and the Lead or Senior Leader books one.</p>
        </EmptyState>
      ) : (
        <ul className="prep-list" aria-label="Times to book">
          {open.map((s) => {
            const when = formatCallTime(s.starts_at, s.minutes);
            const taken = schemeHasBooking(s.scheme_id);
            return (
              <li key={s.id} className="prep-list__item">
                <div>
                  <p className="prep-list__when">{when}</p>
                  <p className="prep-list__meta">
                    {schemeName(s)} · {lengthInWords(s.minutes)}
                  </p>
                </div>
                {mayBook ? (
                  taken ? (
                    <span className="muted small">You have a call booked for this scheme</span>
                  ) : (
                    <button
                      type="button"
                      className="button button--primary button--small"
                      disabled={busyId !== null}
                      aria-busy={busyId === s.id || undefined}
                      aria-label={`Book the call on ${when}`}
                      onClick={() => void book(s)}
                    >
                      {busyId === s.id ? 'Booking…' : 'Book'}
                    </button>
                  )
                ) : null}
              </li>
            );
          })}
        </ul>
      )}

      <ConfirmDialog
        open={cancelling !== null}
        title="Cancel this preparation call?"
        confirmLabel="Cancel the call"
        danger
        busy={cancelBusy}
        error={cancelError}
        onCancel={() => setCancelling(null)}
        onConfirm={() => void cancel()}
      >
        {cancelling ? (
          <p>
            {formatCallTime(cancelling.starts_at, cancelling.minutes)}, for the {schemeName(cancelling)}. The time is offered to others again; an
            application that needs a call can be submitted only after another one is held.
          </p>
        ) : null}
      </ConfirmDialog>
      {toast.element}
    </section>
  );
}
