import { useState } from 'react';
import type { Membership } from '../../api';
import { Badge } from '../../components/States';
import { daysUntil, formatDate } from '../../lib/format';
import { MEMBERSHIP_LABEL } from '../../lib/labels';
import { useOrg } from './context';
import { MembershipForm } from './MembershipForm';

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
  const summary = membershipSummary(m);

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
            await reload();
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
          </dl>
          <p className="muted small">
            Only organisational members can apply for certification. Membership is set by the scheme’s administrators.
          </p>
        </>
      )}
    </section>
  );
}
