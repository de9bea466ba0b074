// Open complaints about certified organisations, for administrators who are
// not members of the organisation: ask the organisation to answer (it is
// heard first), then uphold — suspending or revoking the certificate, or not —
// or dismiss, with reasons the complainant and the organisation read.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Complaint } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { Dialog, FormDialogFooter } from '../../components/Dialog';
import { TextAreaField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { RadioGroup } from '../../components/RadioGroup';
import { Badge, EmptyState, ErrorState, Loading } from '../../components/States';
import { useToast } from '../../components/Toast';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useLoad } from '../../hooks/useLoad';
import { complaintStatus } from '../../lib/complaints';
import { formatDate } from '../../lib/format';

type Outcome = 'uphold' | 'uphold_suspend' | 'uphold_revoke' | 'dismiss';

const CONSEQUENCE: Record<Outcome, string> = {
  uphold: 'The complaint is upheld; the certificate stays as it is.',
  uphold_suspend: 'The complaint is upheld and the certificate is suspended now: the register and its verification page say so. A suspension can be lifted.',
  uphold_revoke: 'The complaint is upheld and the certificate is revoked now. A revocation is final, unless an appeal is upheld.',
  dismiss: 'The complaint is dismissed; the certificate stays as it is.',
};

export function ComplaintsPage() {
  const { api } = useAuth();
  const toast = useToast();
  useDocumentTitle('Complaints');
  const complaints = useLoad(() => api.openComplaints(), [api]);
  const [deciding, setDeciding] = useState<Complaint | null>(null);
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [reasons, setReasons] = useState('');
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<string | null>(null);
  const errors = useFormErrors(['outcome', 'reasons', 'action'] as const);

  const ask = async (c: Complaint) => {
    setAsking(c.id);
    try {
      const asked = await api.askAboutComplaint(c.id);
      toast.notify(`${c.organisation_name} is asked to answer by ${formatDate(asked.respond_by)}`);
      await complaints.reload();
    } catch (err) {
      toast.notify(err instanceof Error ? err.message : String(err));
    } finally {
      setAsking(null);
    }
  };
  const decide = async (e: FormEvent) => {
    e.preventDefault();
    if (!deciding) return;
    const missing: Partial<Record<'outcome' | 'reasons', string>> = {};
    if (!outcome) missing.outcome = 'Choose the outcome.';
    if (!reasons.trim()) missing.reasons = 'Give the reasons: the complainant and the organisation read them.';
    if (Object.keys(missing).length > 0) {
      errors.setFieldErrors(missing);
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      await api.decideComplaint(deciding.id, {
        outcome: outcome === 'dismiss' ? 'dismissed' : 'upheld',
        action: outcome === 'uphold_suspend' ? 'suspend' : outcome === 'uphold_revoke' ? 'revoke' : 'none',
        reasons,
        version: deciding.version,
      });
      toast.notify(`The complaint about ${deciding.organisation_name} is decided`);
      setDeciding(null);
      await complaints.reload();
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
          <h1>Complaints</h1>
          <p className="page-head__meta">
            Anyone can complain about a certified organisation from its register entry. Ask the organisation to answer first; decide once it has answered or its ten working days
            have passed.
          </p>
        </div>
      </div>
      {complaints.status === 'loading' && !complaints.data ? <Loading label="Loading the complaints…" /> : null}
      {complaints.status === 'error' ? <ErrorState error={complaints.error} onRetry={complaints.reload} /> : null}
      {complaints.data && complaints.data.length === 0 ? (
        <EmptyState title="No complaints are open">
          <p>A complaint filed from the register appears here, and in the list of things to do of every administrator who is not a member of the organisation.</p>
        </EmptyState>
      ) : null}
      {(complaints.data ?? []).map((c) => {
        const status = complaintStatus(c);
        return (
          <section key={c.id} className="panel" aria-labelledby={`complaint-${c.id}`}>
            <div className="panel__head">
              <h2 id={`complaint-${c.id}`}>
                {c.organisation_name}: {c.certificate_title}
              </h2>
              <Badge tone={status.tone}>{status.text}</Badge>
            </div>
            <p className="small muted">
              From {c.complainant_name}
              {c.complainant_email ? ` (${c.complainant_email})` : ''}, received {formatDate(c.received_at)}
            </p>
            <blockquote className="quote">{c.text}</blockquote>
            {c.response ? (
              <>
                <p className="small">
                  {c.organisation_name}’s answer{c.responded_by_name ? `, by ${c.responded_by_name}` : ''}, {formatDate(c.responded_at)}:
                </p>
                <blockquote className="quote">{c.response}</blockquote>
              </>
            ) : null}
            <p>
              <Link to={`/organisations/${encodeURIComponent(c.organisation_id)}`}>Open {c.organisation_name}’s page</Link>
            </p>
            <div className="button-row">
              {c.state === 'received' ? (
                <button type="button" className="button button--primary" onClick={() => ask(c)} disabled={asking === c.id}>
                  {asking === c.id ? 'Asking…' : `Ask ${c.organisation_name} to answer`}
                </button>
              ) : null}
              {c.may_decide ? (
                <button
                  type="button"
                  className="button button--primary"
                  onClick={() => {
                    setOutcome('');
                    setReasons('');
                    errors.clear();
                    setDeciding(c);
                  }}
                >
                  Decide…
                </button>
              ) : c.state !== 'received' && c.cannot_decide ? (
                <p className="muted">{c.cannot_decide}</p>
              ) : null}
            </div>
          </section>
        );
      })}
      <Dialog
        open={deciding !== null}
        title={deciding ? `Decide the complaint about ${deciding.organisation_name}` : 'Decide the complaint'}
        onClose={() => setDeciding(null)}
        footer={<FormDialogFooter formId="decide-complaint" label="Decide" busyLabel="Deciding…" busy={busy} onCancel={() => setDeciding(null)} />}
      >
        <form id="decide-complaint" onSubmit={decide} noValidate>
          <FormAlert message={errors.formError} title="The complaint was not decided" />
          <RadioGroup<Outcome>
            legend="Outcome"
            name="complaint-outcome"
            value={outcome}
            onChange={setOutcome}
            error={errors.fieldErrors.outcome}
            options={[
              { value: 'uphold_suspend', label: 'Uphold, and suspend the certificate' },
              { value: 'uphold_revoke', label: 'Uphold, and revoke the certificate' },
              { value: 'uphold', label: 'Uphold, and leave the certificate as it is' },
              { value: 'dismiss', label: 'Dismiss' },
            ]}
          />
          {outcome ? <p>{CONSEQUENCE[outcome]}</p> : null}
          <TextAreaField id="complaint-reasons" label="Reasons" rows={4} value={reasons} onChange={(e) => setReasons(e.target.value)} error={errors.fieldErrors.reasons} />
        </form>
      </Dialog>
    </div>
  );
}
