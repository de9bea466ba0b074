import { useState } from 'react';
import type { Membership } from '../../api';
import { Link } from 'react-router-dom';
import { Badge, ErrorState } from '../../components/States';
import { useLoad } from '../../hooks/useLoad';
import { describeRequest, feeInWords } from '../../lib/membership';
import { daysUntil, asSentence, formatDate } from '../../lib/format';
import { MEMBERSHIP_LABEL } from '../../lib/labels';
import { useOrg } from './context';
import { MembershipForm } from './MembershipForm';
import { MembershipRequestForm } from './MembershipRequestForm';

export function membershipSummary(m: Membership, today = new Date()): { tone: 'success' | 'warning' | 'danger' | 'neutral'; text: string } {
  if (m.status === 'active') {
    if (m.expiry) {
      const days = daysUntil(m.expiry, today);
      if (days < 0) return { tone: 'danger', text: `Expired on ${formatDate(m.expiry)}` };
      if (days <= 60) return { tone: 'warning', text: `Expires in ${days} day${days === 1 ? '' : 's'}, on ${formatDate(m.expiry)}` };
      return { tone: 'success', text: `Active until ${formatDate(m.expiry)}` };
    }
    return { tone: 'success', text: 'Active' };
  }
  if (m.status === 'lapsed') return { tone: 'danger', text: m.expiry ? `Lapsed on ${formatDate(m.expiry)}` : 'Lapsed' };
  return { tone: 'neutral', text: 'Not a member of the scheme' };
}

export function MembershipSection() {
  const { api, dashboard, isAdmin, reload, notify, orgId } = useOrg();
  const org = dashboard.organisation;
  const m = org.membership;
  const [editing, setEditing] = useState(false);
  const [asking, setAsking] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [withdrawError, setWithdrawError] = useState<string | null>(null);
  const summary = membershipSummary(m);
  const detail = useLoad(() => Promise.all([api.getMembership(orgId), api.membershipTerms()]), [api, orgId, org.version]);
  const [membership, terms] = detail.data ?? [null, null];
  const pending = membership?.requests.find((r) => r.state === 'pending') ?? null;
  const latest = membership?.requests[0] ?? null;

  const refresh = async () => {
    await reload();
    await detail.reload();
  };

  return (
    <section className="panel" aria-labelledby="membership-title" id="membership">
      <div className="panel__head">
        <h2 id="membership-title">Membership</h2>
        {isAdmin && !editing ? (
          <button type="button" className="button button--secondary button--small" onClick={() => setEditing(true)}>
            Change membership
          </button>
        ) : null}
      </div>
      {editing ? (
        <MembershipForm
          idPrefix="org-membership"
          initial={m}
          onSubmit={async (membership) => {
            await api.setMembership(orgId, org.version, membership);
            setEditing(false);
            await refresh();
            notify('Membership saved');
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <p>
            <Badge tone={summary.tone}>{MEMBERSHIP_LABEL[m.status] ?? m.status}</Badge>
            {m.status === 'none' ? null : <span> {summary.text}</span>}
          </p>
          <dl className="facts facts--grid">
            <div>
              <dt>Start</dt>
              <dd>{formatDate(m.start)}</dd>
            </div>
            <div>
              <dt>Expiry</dt>
              <dd>{formatDate(m.expiry)}</dd>
            </div>
            {membership ? (
              <div>
                <dt>Size band</dt>
                <dd>
                  {membership.band.label}: {membership.band.description}
                </dd>
              </div>
            ) : null}
            {membership ? (
              <div>
                <dt>Yearly fee</dt>
                <dd>{feeInWords(membership.band.fee, '')}</dd>
              </div>
            ) : null}
          </dl>
          {detail.status === 'error' ? <ErrorState error={detail.error} onRetry={() => void detail.reload()} title="The membership requests could not be loaded" /> : null}
          {latest ? (
            <p className={latest.state === 'declined' ? 'field__error' : 'muted'}>
              {describeRequest(latest)}
              {pending && isAdmin ? (
                <>
                  {' '}
                  <Link to="/staff/membership">Decide on it with the other membership requests</Link>.
                </>
              ) : null}
            </p>
          ) : null}
          {membership && terms && asking ? (
            <MembershipRequestForm
              terms={terms}
              renewing={membership.can_request === 'renew'}
              onSubmit={async (staff, turnoverPence) => {
                await api.requestMembership(orgId, staff, turnoverPence);
                setAsking(false);
                await refresh();
                notify('Request sent to the certifying body');
              }}
              onCancel={() => setAsking(false)}
            />
          ) : null}
          {membership?.may_request && !asking ? (
            <div className="form-actions">
              {membership.can_request ? (
                <button type="button" className="button button--primary" onClick={() => setAsking(true)}>
                  {membership.can_request === 'renew' ? 'Request the renewal' : 'Request membership'}
                </button>
              ) : null}
              {pending ? (
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={withdrawing}
                  aria-busy={withdrawing || undefined}
                  onClick={async () => {
                    setWithdrawing(true);
                    setWithdrawError(null);
                    try {
                      await api.withdrawMembershipRequest(orgId, pending.id);
                      await refresh();
                      notify('Request withdrawn');
                    } catch (err) {
                      setWithdrawError(err instanceof Error ? err.message : String(err));
                    } finally {
                      setWithdrawing(false);
                    }
                  }}
                >
                  {withdrawing ? 'Withdrawing…' : 'Withdraw the request'}
                </button>
              ) : null}
            </div>
          ) : null}
          {withdrawError ? (
            <p className="field__error" role="alert">
              {withdrawError}
            </p>
          ) : null}
          {membership && !membership.can_request && !pending && membership.cannot_request ? (
            <p className="muted small">{asSentence(membership.cannot_request)}</p>
          ) : null}
          <p className="muted small">
            Only organisational members can apply for certification.
            {terms ? ` Questions about membership: ${terms.contact}.` : null}
          </p>
        </>
      )}
    </section>
  );
}

