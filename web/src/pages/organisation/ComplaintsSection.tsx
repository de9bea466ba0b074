// Complaints about the organisation's certificate, as the organisation sees
// them: what was said (not who to write to), when it must answer, its
// answer, and the certifying body's decision. The Lead or the Senior Leader
// answers here; nothing is decided before the organisation is heard.
import { useState, type FormEvent } from 'react';
import type { Complaint } from '../../api';
import { TextAreaField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Badge } from '../../components/States';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useLoad } from '../../hooks/useLoad';
import { complaintStatus } from '../../lib/complaints';
import { formatDate } from '../../lib/format';
import { useOrg } from './context';

function Answer({ complaint, onDone }: { complaint: Complaint; onDone: () => Promise<void> }) {
  const { api, orgId, notify } = useOrg();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(['response'] as const);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) {
      errors.setFieldErrors({ response: 'Write the organisation’s answer: the certifying body reads it before it decides.' });
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      await api.answerComplaint(orgId, complaint.id, text);
      notify('Your answer was sent to the certifying body');
      await onDone();
    } catch (err) {
      errors.fromError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <FormAlert message={errors.formError} title="The answer was not sent" />
      <TextAreaField
        id={`complaint-answer-${complaint.id}`}
        label="The organisation’s answer"
        hint={`By ${formatDate(complaint.respond_by)}. Say what happened and what you have done about it.`}
        rows={4}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={errors.fieldErrors.response}
      />
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Sending…' : 'Send the answer'}
      </button>
    </form>
  );
}

export function ComplaintsSection() {
  const { api, orgId, dashboard } = useOrg();
  const complaints = useLoad(() => api.organisationComplaints(orgId), [api, orgId]);
  const list = complaints.data ?? [];
  if (list.length === 0) return null;
  const mayAnswer = dashboard.my_role === 'lead' || dashboard.my_role === 'senior_leader';
  return (
    <section className="panel" aria-labelledby="complaints-title" id="complaints">
      <div className="panel__head">
        <h2 id="complaints-title">Complaints</h2>
      </div>
      <ul className="invoice-list">
        {list.map((c) => {
          const status = complaintStatus(c);
          return (
            <li key={c.id} className="invoice-list__item">
              <div className="invoice-list__head">
                <strong>About the {c.certificate_title}</strong> <Badge tone={status.tone}>{status.text}</Badge>
              </div>
              <p className="small muted">
                From {c.complainant_name}, received {formatDate(c.received_at)}
              </p>
              <blockquote className="quote">{c.text}</blockquote>
              {c.response ? (
                <p className="small">
                  Your answer{c.responded_by_name ? `, by ${c.responded_by_name}` : ''}: {c.response}
                </p>
              ) : null}
              {c.reasons ? <p className="small">The certifying body’s reasons: {c.reasons}</p> : null}
              {c.state === 'awaiting_response' ? (
                mayAnswer ? (
                  <Answer complaint={c} onDone={complaints.reload} />
                ) : (
                  <p className="small">The Lead or the Senior Leader answers by {formatDate(c.respond_by)}.</p>
                )
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
