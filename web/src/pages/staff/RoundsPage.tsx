// Certification rounds: applications are processed only during rounds
// (typically four a year, two weeks each); the administrator sets them.
import { useState, type FormEvent } from 'react';
import { useAuth } from '../../auth/AuthContext';
import { TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Badge, EmptyState, ErrorState, Loading } from '../../components/States';
import { useToast } from '../../components/Toast';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useLoad } from '../../hooks/useLoad';
import { daysUntil, formatDate } from '../../lib/format';

const FIELDS = ['name', 'opens_on', 'closes_on'] as const;

export function RoundsPage() {
  const { api } = useAuth();
  const rounds = useLoad(() => api.listRounds(), [api]);
  const toast = useToast();
  const errors = useFormErrors(FIELDS);
  const [form, setForm] = useState({ name: '', opens_on: '', closes_on: '' });
  const [busy, setBusy] = useState(false);
  useDocumentTitle('Rounds');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      await api.createRound(form);
      setForm({ name: '', opens_on: '', closes_on: '' });
      await rounds.reload();
      toast.notify('Round saved');
    } catch (err) {
      errors.fromError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow">Staff</p>
          <h1>Certification rounds</h1>
          <p className="page-head__meta">Submissions go into the open round, or are queued for the next one.</p>
        </div>
      </div>
      <section className="panel" aria-labelledby="rounds-title">
        <div className="panel__head">
          <h2 id="rounds-title">Rounds</h2>
        </div>
        {rounds.status === 'loading' && !rounds.data ? <Loading /> : null}
        {rounds.status === 'error' ? <ErrorState error={rounds.error} onRetry={rounds.reload} /> : null}
        {rounds.data && rounds.data.items.length === 0 ? <EmptyState title="No rounds yet" /> : null}
        {rounds.data && rounds.data.items.length > 0 ? (
          <ul className="rounds">
            {rounds.data.items.map((r) => {
              const open = daysUntil(r.opens_on) <= 0 && daysUntil(r.closes_on) >= 0;
              const past = daysUntil(r.closes_on) < 0;
              return (
                <li key={r.id}>
                  <strong>{r.name}</strong>: {formatDate(r.opens_on)} to {formatDate(r.closes_on)}{' '}
                  {open ? <Badge tone="success">open</Badge> : past ? <Badge>closed</Badge> : <Badge tone="info">upcoming</Badge>}
                </li>
              );
            })}
          </ul>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="new-round-title">
        <div className="panel__head">
          <h2 id="new-round-title">Set a round</h2>
        </div>
        <form onSubmit={submit} noValidate>
          <FormAlert message={errors.formError} title="The round was not saved" />
          <TextField id="round-name" label="Name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} error={errors.fieldErrors.name} />
          <div className="form-row">
            <TextField id="round-opens" label="Opens on" type="date" value={form.opens_on} onChange={(e) => setForm({ ...form, opens_on: e.target.value })} error={errors.fieldErrors.opens_on} />
            <TextField id="round-closes" label="Closes on" type="date" value={form.closes_on} onChange={(e) => setForm({ ...form, closes_on: e.target.value })} error={errors.fieldErrors.closes_on} />
          </div>
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              Save round
            </button>
          </div>
        </form>
      </section>
      {toast.element}
    </div>
  );
}
