// Membership requests waiting for the certifying body: the administrator
// approves (the membership starts, or continues, for the term in the band the
// organisation's figures fall in) or declines with a reason the organisation
// reads.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { MembershipRequest } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { ConfirmDialog, Dialog, FormDialogFooter } from '../../components/Dialog';
import { TextAreaField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Badge, EmptyState, ErrorState, Loading } from '../../components/States';
import { useToast } from '../../components/Toast';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useLoad } from '../../hooks/useLoad';
import { formatDate, formatPrice } from '../../lib/format';
import { feeInWords } from '../../lib/membership';

const BAND_LABEL: Record<MembershipRequest['size_band'], string> = { small: 'Small', medium: 'Medium', large: 'Large', very_large: 'Very large' };

export function MembershipRequestsPage() {
  const { api } = useAuth();
  const toast = useToast();
  useDocumentTitle('Membership requests');
  const requests = useLoad(() => Promise.all([api.pendingMembershipRequests(), api.membershipTerms()]), [api]);
  const [approving, setApproving] = useState<MembershipRequest | null>(null);
  const [declining, setDeclining] = useState<MembershipRequest | null>(null);
  const [busy, setBusy] = useState(false);
  const [approveError, setApproveError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const errors = useFormErrors(['reason'] as const);
  const [list, terms] = requests.data ?? [null, null];

  const approve = async () => {
    if (!approving) return;
    setBusy(true);
    setApproveError(null);
    try {
      await api.decideMembershipRequest(approving.organisation_id, approving.id, 'approve', '');
      toast.notify(`${approving.organisation_name} is now a member`);
      setApproving(null);
      await requests.reload();
    } catch (err) {
      setApproveError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const decline = async (e: FormEvent) => {
    e.preventDefault();
    if (!declining) return;
    if (reason.trim() === '') {
      errors.setFieldErrors({ reason: 'Say why, in a sentence the organisation will read.' });
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      await api.decideMembershipRequest(declining.organisation_id, declining.id, 'decline', reason);
      toast.notify(`The request of ${declining.organisation_name} is declined`);
      setDeclining(null);
      await requests.reload();
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
          <h1>Membership requests</h1>
          <p className="page-head__meta">
            Organisations ask to join or renew here. Only members can apply for certification.
            {terms ? ` A membership runs for ${terms.term_months} months; renewal opens ${terms.renewal_window_days} days before it ends.` : null}
          </p>
        </div>
      </div>
      <section className="panel" aria-labelledby="requests-title">
        <div className="panel__head">
          <h2 id="requests-title">Waiting for a decision</h2>
        </div>
        {requests.status === 'loading' && !requests.data ? <Loading /> : null}
        {requests.status === 'error' ? <ErrorState error={requests.error} onRetry={requests.reload} /> : null}
        {list && list.length === 0 ? (
          <EmptyState title="No requests are waiting">
            <p>When an organisation asks to join or renew, its request appears here, and in your list of things to do.</p>
          </EmptyState>
        ) : null}
        {list && list.length > 0 ? (
          <table className="table table--stack">
            <caption className="visually-hidden">Membership requests waiting for a decision, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Asks to</th>
                <th scope="col">Staff and turnover</th>
                <th scope="col">Band and yearly fee</th>
                <th scope="col">
                  <span className="visually-hidden">Decision</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.id}>
                  <th scope="row" data-label="Organisation">
                    <Link to={`/organisations/${encodeURIComponent(r.organisation_id)}#membership`}>{r.organisation_name}</Link>
                    <div className="muted small">
                      {r.requested_by_name}, {formatDate(r.requested_at)}
                    </div>
                  </th>
                  <td data-label="Asks to">{r.kind === 'join' ? <Badge tone="info">join</Badge> : <Badge>renew</Badge>}</td>
                  <td data-label="Staff and turnover">
                    {r.staff.toLocaleString('en-GB')} staff, {formatPrice(r.turnover_pence / 100)} a year
                  </td>
                  <td data-label="Band and yearly fee">
                    {BAND_LABEL[r.size_band]}: {feeInWords(r.fee, '')}
                  </td>
                  <td data-label="Decision" className="rounds-table__actions">
                    <button
                      type="button"
                      className="button button--primary button--small"
                      onClick={() => {
                        setApproveError(null);
                        setApproving(r);
                      }}
                      aria-label={`Approve the request of ${r.organisation_name}`}
                    >
                      Approve
                    </button>{' '}
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => {
                        setReason('');
                        errors.clear();
                        setDeclining(r);
                      }}
                      aria-label={`Decline the request of ${r.organisation_name}`}
                    >
                      Decline
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <ConfirmDialog
        open={approving !== null}
        title={approving?.kind === 'renew' ? 'Approve the renewal?' : 'Approve the membership?'}
        confirmLabel="Approve"
        busy={busy}
        error={approveError}
        onConfirm={() => void approve()}
        onCancel={() => setApproving(null)}
      >
        {approving ? (
          <p>
            {approving.organisation_name} becomes a member{approving.kind === 'renew' ? ' for another term' : ''} in the {BAND_LABEL[approving.size_band].toLowerCase()} band, at{' '}
            {feeInWords(approving.fee)}. Its representatives are told by email, and it can then apply for certification.
          </p>
        ) : null}
      </ConfirmDialog>
      <Dialog
        open={declining !== null}
        title="Decline the request?"
        onClose={() => setDeclining(null)}
        footer={<FormDialogFooter formId="decline-membership" label="Decline" busyLabel="Declining…" busy={busy} onCancel={() => setDeclining(null)} />}
      >
        <form id="decline-membership" onSubmit={decline} noValidate>
          <FormAlert message={errors.formError} title="The request was not declined" />
          <p>{declining?.organisation_name} is told why, and may ask again. A membership it already has runs on as it is.</p>
          <TextAreaField id="decline-reason" label="Why" value={reason} onChange={(e) => setReason(e.target.value)} error={errors.fieldErrors.reason} />
        </form>
      </Dialog>
    </div>
  );
}
