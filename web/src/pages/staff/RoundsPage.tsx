// Certification rounds: applications are processed only during rounds
// (four a year, two weeks each: SVMC guidance FAQ); the administrator sets
// them, and changes or cancels one until an organisation applies into it.
import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Api, Round } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { ConfirmDialog, Dialog, FormDialogFooter } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Badge, EmptyState, ErrorState, Loading } from '../../components/States';
import { useToast } from '../../components/Toast';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useLoad } from '../../hooks/useLoad';
import { daysUntil, formatDate } from '../../lib/format';

const FIELDS = ['name', 'opens_on', 'closes_on'] as const;
/** A round runs for two weeks, the day it opens and the day it closes included. */
export const ROUND_DAYS = 14;

/** The day a round that opens on `opensOn` (YYYY-MM-DD) closes; '' for no date. */
export function closingDay(opensOn: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(opensOn);
  if (!m) return '';
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + ROUND_DAYS - 1));
  return d.toISOString().slice(0, 10);
}

type RoundForm = { name: string; opens_on: string; closes_on: string };
const EMPTY: RoundForm = { name: '', opens_on: '', closes_on: '' };

/** Name and dates of a round; the closing day follows the opening day unless changed. */
function RoundFields({ form, setForm, errors, idPrefix }: { form: RoundForm; setForm: (f: RoundForm) => void; errors: Partial<Record<(typeof FIELDS)[number], string>>; idPrefix: string }) {
  return (
    <>
      <TextField id={`${idPrefix}-name`} label="Name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} error={errors.name} />
      <div className="form-row">
        <TextField
          id={`${idPrefix}-opens`}
          label="Opens on"
          type="date"
          value={form.opens_on}
          onChange={(e) => {
            const opens = e.target.value;
            const followed = form.closes_on === '' || form.closes_on === closingDay(form.opens_on);
            setForm({ ...form, opens_on: opens, closes_on: followed ? closingDay(opens) : form.closes_on });
          }}
          error={errors.opens_on}
        />
        <TextField
          id={`${idPrefix}-closes`}
          label="Closes on"
          hint="A round runs for two weeks: it closes 13 days after it opens."
          type="date"
          value={form.closes_on}
          onChange={(e) => setForm({ ...form, closes_on: e.target.value })}
          error={errors.closes_on}
        />
      </div>
    </>
  );
}

/** A round's state today, in words. */
function RoundBadge({ round }: { round: Round }) {
  const open = daysUntil(round.opens_on) <= 0 && daysUntil(round.closes_on) >= 0;
  const past = daysUntil(round.closes_on) < 0;
  return open ? <Badge tone="success">open</Badge> : past ? <Badge>closed</Badge> : <Badge tone="info">upcoming</Badge>;
}

function EditRoundDialog({ api, round, onClose, onSaved }: { api: Api; round: Round | null; onClose: () => void; onSaved: () => void }) {
  const errors = useFormErrors(FIELDS);
  const [form, setForm] = useState<RoundForm>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  if (round && shown !== round.id) {
    setShown(round.id);
    setForm({ name: round.name, opens_on: round.opens_on, closes_on: round.closes_on });
    errors.clear();
  }
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!round) return;
    errors.clear();
    setBusy(true);
    try {
      await api.updateRound(round.id, form);
      setShown(null);
      onSaved();
    } catch (err) {
      errors.fromError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={round !== null}
      title={round ? `Change the round “${round.name}”` : 'Change the round'}
      onClose={() => {
        setShown(null);
        onClose();
      }}
      footer={<FormDialogFooter formId="edit-round-form" label="Save the round" busyLabel="Saving…" busy={busy} onCancel={onClose} />}
    >
      <form id="edit-round-form" onSubmit={save} noValidate>
        <FormAlert message={errors.formError} title="The round was not changed" />
        <RoundFields form={form} setForm={setForm} errors={errors.fieldErrors} idPrefix="edit-round" />
      </form>
    </Dialog>
  );
}

export function RoundsPage() {
  const { api } = useAuth();
  // Each round with how many applications it holds: a round with any stays as it is.
  const rounds = useLoad(() => api.listRounds(), [api]);
  const toast = useToast();
  const errors = useFormErrors(FIELDS);
  const [form, setForm] = useState<RoundForm>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<Round | null>(null);
  const [cancelling, setCancelling] = useState<Round | null>(null);
  const [cancelError, setCancelError] = useState<string | null>(null);
  useDocumentTitle('Rounds');

  // The calendar: the rounds of each year together, in order.
  const years = useMemo(() => {
    const byYear = new Map<string, Round[]>();
    for (const r of rounds.data?.items ?? []) {
      const year = r.opens_on.slice(0, 4);
      byYear.set(year, [...(byYear.get(year) ?? []), r]);
    }
    return [...byYear.entries()];
  }, [rounds.data]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      await api.createRound(form);
      setForm(EMPTY);
      await rounds.reload();
      toast.notify('Round saved');
    } catch (err) {
      errors.fromError(err);
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    if (!cancelling) return;
    setCancelError(null);
    try {
      await api.cancelRound(cancelling.id);
      setCancelling(null);
      await rounds.reload();
      toast.notify(`Round “${cancelling.name}” cancelled`);
    } catch (err) {
      setCancelError(err instanceof Error ? err.message : 'The round could not be cancelled');
    }
  };

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow">Staff</p>
          <h1>Certification rounds</h1>
          <p className="page-head__meta">Submissions go into the open round, or are queued for the next one. Each round runs for two weeks.</p>
        </div>
      </div>
      <section className="panel" aria-labelledby="rounds-title">
        <div className="panel__head">
          <h2 id="rounds-title">Calendar</h2>
        </div>
        {rounds.status === 'loading' && !rounds.data ? <Loading /> : null}
        {rounds.status === 'error' ? <ErrorState error={rounds.error} onRetry={rounds.reload} /> : null}
        {rounds.data && rounds.data.items.length === 0 ? (
          <EmptyState title="No rounds yet">
            <p>Organisations can submit only into a round. Set the year’s rounds below: four a year, two weeks each.</p>
          </EmptyState>
        ) : null}
        {years.map(([year, list]) => (
          <div key={year} className="round-year">
            <h3>{year}</h3>
            <table className="table table--stack rounds-table">
              <caption className="visually-hidden">Rounds of {year}</caption>
              <thead>
                <tr>
                  <th scope="col">Round</th>
                  <th scope="col">Dates</th>
                  <th scope="col">Now</th>
                  <th scope="col">Applications</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((r) => {
                  const count = r.applications ?? 0;
                  return (
                    <tr key={r.id}>
                      <th scope="row" data-label="Round">
                        {r.name}
                      </th>
                      <td data-label="Dates">
                        {formatDate(r.opens_on)} to {formatDate(r.closes_on)}
                      </td>
                      <td data-label="Now">
                        <RoundBadge round={r} />
                      </td>
                      <td data-label="Applications">
                        {count === 0 ? 'None yet' : <Link to={`/staff/applications?round=${encodeURIComponent(r.id)}`}>{count === 1 ? '1 application' : `${count} applications`}</Link>}
                      </td>
                      <td className="rounds-table__actions" data-label="Change">
                        {count === 0 ? (
                          <>
                            <button type="button" className="button button--secondary button--small" onClick={() => setEditing(r)} aria-label={`Change the round ${r.name}`}>
                              Change
                            </button>{' '}
                            <button
                              type="button"
                              className="button button--secondary button--small"
                              onClick={() => {
                                setCancelError(null);
                                setCancelling(r);
                              }}
                              aria-label={`Cancel the round ${r.name}`}
                            >
                              Cancel round
                            </button>
                          </>
                        ) : count > 0 ? (
                          <span className="muted small">Fixed: organisations have applied</span>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))}
      </section>
      <section className="panel" aria-labelledby="new-round-title">
        <div className="panel__head">
          <h2 id="new-round-title">Set a round</h2>
        </div>
        <form onSubmit={submit} noValidate>
          <FormAlert message={errors.formError} title="The round was not saved" />
          <RoundFields form={form} setForm={setForm} errors={errors.fieldErrors} idPrefix="round" />
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              Save round
            </button>
          </div>
        </form>
      </section>
      <EditRoundDialog
        api={api}
        round={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void rounds.reload();
          toast.notify('Round changed');
        }}
      />
      <ConfirmDialog
        open={cancelling !== null}
        title={cancelling ? `Cancel the round “${cancelling.name}”?` : 'Cancel the round?'}
        confirmLabel="Cancel the round"
        danger
        error={cancelError}
        onCancel={() => setCancelling(null)}
        onConfirm={() => void cancel()}
      >
        <p>No organisation has applied into it. Once cancelled, submissions go into the next round instead; the cancellation is kept in the audit trail.</p>
      </ConfirmDialog>
      {toast.element}
    </div>
  );
}
