// The organisation's side of an appeal: whether a rejection, suspension or
// revocation can be appealed and until when; the form for the grounds; then
// the appeal's state and, once decided, the outcome with its reasons.
import { useState, type FormEvent } from 'react';
import type { Appeal, AppealOption } from '../../api';
import { TextAreaField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Badge, ErrorState, Loading } from '../../components/States';
import { useToast } from '../../components/Toast';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useLoad } from '../../hooks/useLoad';
import { asSentence, formatDate } from '../../lib/format';

const SUBJECT_WORDS: Record<Appeal['subject'], string> = { rejection: 'rejection', suspension: 'suspension', revocation: 'revocation' };

/** What became of an appeal, in a sentence. */
export function appealInWords(a: Appeal): string {
  const filed = `${a.filed_by_name || 'The organisation'} appealed the ${SUBJECT_WORDS[a.subject]} on ${formatDate(a.filed_at)}.`;
  if (a.state === 'open') return `${filed} A panel of the certifying body’s staff who took no part in the decision will decide it.`;
  return `${filed} The appeal was ${a.state} on ${formatDate(a.decided_at)}.`;
}


export function AppealPanel({ load, file, onFiled }: { load: () => Promise<AppealOption>; file: (grounds: string) => Promise<Appeal>; onFiled?: () => void }) {
  const toast = useToast();
  const option = useLoad(load, [load]);
  const [writing, setWriting] = useState(false);
  const [grounds, setGrounds] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(['grounds'] as const);

  const o = option.data;
  if (option.status === 'loading' && !o) return <Loading label="Checking whether the decision can be appealed…" />;
  if (option.status === 'error') return <ErrorState error={option.error} onRetry={option.reload} title="The appeal could not be loaded" />;
  if (!o || !o.subject) return null;
  const what = SUBJECT_WORDS[o.subject];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (grounds.trim() === '') {
      errors.setFieldErrors({ grounds: `Say why the ${what} should change, with what the panel should look at.` });
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      await file(grounds);
      setWriting(false);
      await option.reload();
      toast.notify('Appeal sent to the certifying body');
      onFiled?.();
    } catch (err) {
      errors.fromError(err);
    } finally {
      setBusy(false);
    }
  };

  const a = o.appeal;
  return (
    <section className="panel" aria-labelledby="appeal-title">
      <div className="panel__head">
        <h2 id="appeal-title">Appeal</h2>
        {a ? <Badge tone={a.state === 'upheld' ? 'success' : a.state === 'dismissed' ? 'danger' : 'info'}>{a.state === 'open' ? 'being decided' : a.state}</Badge> : null}
      </div>
      {a ? (
        <>
          <p>{appealInWords(a)}</p>
          <p>
            <span className="muted">The grounds:</span> {a.grounds}
          </p>
          {a.state !== 'open' ? (
            <p>
              <span className="muted">The panel’s reasons:</span> {a.reasons}
            </p>
          ) : null}
        </>
      ) : o.may_appeal ? (
        <p>
          The organisation may appeal the {what} of {formatDate(o.decision_on)} until <strong>{formatDate(o.deadline)}</strong>. Staff of the certifying body who took no part in
          the decision decide it, and say why.
        </p>
      ) : o.cannot ? (
        <p className="muted">{asSentence(o.cannot)}</p>
      ) : null}
      {o.may_appeal && !writing ? (
        <button type="button" className="button button--secondary" onClick={() => setWriting(true)}>
          Appeal the {what}
        </button>
      ) : null}
      {writing ? (
        <form onSubmit={submit} noValidate>
          <FormAlert message={errors.formError} title="The appeal was not sent" />
          <TextAreaField
            id="appeal-grounds"
            label="Your grounds"
            hint="What the decision missed or got wrong, and where the panel finds it (for example, the page of a document)."
            value={grounds}
            onChange={(e) => setGrounds(e.target.value)}
            error={errors.fieldErrors.grounds}
            rows={5}
          />
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
              {busy ? 'Sending…' : 'Send the appeal'}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setWriting(false)} disabled={busy}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
