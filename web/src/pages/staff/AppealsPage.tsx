// Appeals waiting for the certifying body: an administrator who took no part
// in the decision (and is not a member of the organisation) upholds or
// dismisses each, with reasons the organisation reads. Upheld, a rejected
// application is reviewed afresh and a certificate is reinstated.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Appeal } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { Dialog, FormDialogFooter } from '../../components/Dialog';
import { TextAreaField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useToast } from '../../components/Toast';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useLoad } from '../../hooks/useLoad';
import { formatDate } from '../../lib/format';

type Outcome = 'upheld' | 'dismissed';

const SUBJECT: Record<Appeal['subject'], string> = {
  rejection: 'the rejection of its application',
  suspension: 'the suspension of its certificate',
  revocation: 'the revocation of its certificate',
};

/** What upholding or dismissing does, in a sentence. */
export function consequence(a: Appeal, outcome: Outcome): string {
  if (outcome === 'dismissed') return `The ${a.subject} stands, and ${a.organisation_name} is told your reasons. This is final.`;
  return a.subject === 'rejection'
    ? `The application goes back to be reviewed afresh: allocate an assessor who took no part before. ${a.organisation_name} is told your reasons.`
    : `The certificate is current again, on the register and its verification page. ${a.organisation_name} is told your reasons.`;
}

export function AppealsPage() {
  const { api } = useAuth();
  const toast = useToast();
  useDocumentTitle('Appeals');
  const appeals = useLoad(() => api.openAppeals(), [api]);
  const [deciding, setDeciding] = useState<{ appeal: Appeal; outcome: Outcome } | null>(null);
  const [reasons, setReasons] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(['reasons'] as const);

  const open = (appeal: Appeal, outcome: Outcome) => {
    setReasons('');
    errors.clear();
    setDeciding({ appeal, outcome });
  };
  const decide = async (e: FormEvent) => {
    e.preventDefault();
    if (!deciding) return;
    if (reasons.trim() === '') {
      errors.setFieldErrors({ reasons: 'Give the reasons: the organisation reads them, and the audit trail keeps them.' });
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      await api.decideAppeal(deciding.appeal.id, deciding.outcome, reasons);
      toast.notify(`Appeal of ${deciding.appeal.organisation_name} ${deciding.outcome}`);
      setDeciding(null);
      await appeals.reload();
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
          <h1>Appeals</h1>
          <p className="page-head__meta">
            Organisations appeal a rejection, a suspension or a revocation within the scheme’s working days. Only staff who took no part in the decision may decide an appeal.
          </p>
        </div>
      </div>
      {appeals.status === 'loading' && !appeals.data ? <Loading /> : null}
      {appeals.status === 'error' ? <ErrorState error={appeals.error} onRetry={appeals.reload} /> : null}
      {appeals.data && appeals.data.length === 0 ? (
        <section className="panel" aria-labelledby="appeals-empty">
          <h2 id="appeals-empty" className="visually-hidden">
            Open appeals
          </h2>
          <EmptyState title="No appeals are open">
            <p>When an organisation appeals a decision, it appears here and in the list of things to do of every administrator who took no part in it.</p>
          </EmptyState>
        </section>
      ) : null}
      {(appeals.data ?? []).map((a) => (
        <section key={a.id} className="panel" aria-labelledby={`appeal-${a.id}`}>
          <div className="panel__head">
            <h2 id={`appeal-${a.id}`}>
              {a.organisation_name}: {a.title}
            </h2>
          </div>
          <p>
            {a.organisation_name} appeals {SUBJECT[a.subject]}, decided on {formatDate(a.decision_on)}. {a.filed_by_name} filed it on {formatDate(a.filed_at)}, within the time
            allowed (until {formatDate(a.deadline)}).
          </p>
          <blockquote className="quote">{a.grounds}</blockquote>
          <p>
            <Link to={`/applications/${encodeURIComponent(a.application_id)}`}>
              Open the {a.subject === 'rejection' ? 'application' : 'award and its certificate'}
            </Link>
          </p>
          {a.may_decide ? (
            <div className="button-row">
              <button type="button" className="button button--primary" onClick={() => open(a, 'upheld')}>
                Uphold…
              </button>
              <button type="button" className="button button--secondary" onClick={() => open(a, 'dismissed')}>
                Dismiss…
              </button>
            </div>
          ) : (
            <p className="muted">You took part in this decision, or belong to the organisation: another administrator decides the appeal.</p>
          )}
        </section>
      ))}
      <Dialog
        open={deciding !== null}
        title={deciding?.outcome === 'upheld' ? 'Uphold the appeal?' : 'Dismiss the appeal?'}
        onClose={() => setDeciding(null)}
        footer={
          <FormDialogFooter
            formId="decide-appeal"
            label={deciding?.outcome === 'upheld' ? 'Uphold' : 'Dismiss'}
            busyLabel="Deciding…"
            busy={busy}
            onCancel={() => setDeciding(null)}
          />
        }
      >
        <form id="decide-appeal" onSubmit={decide} noValidate>
          <FormAlert message={errors.formError} title="The appeal was not decided" />
          {deciding ? <p>{consequence(deciding.appeal, deciding.outcome)}</p> : null}
          <TextAreaField id="appeal-reasons" label="Reasons" value={reasons} onChange={(e) => setReasons(e.target.value)} error={errors.fieldErrors.reasons} rows={4} />
        </form>
      </Dialog>
    </div>
  );
}
