import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import type { Organisation } from '../api';
import { useAuth } from '../auth/AuthContext';
import { ConfirmEmailBanner } from '../components/ConfirmEmailBanner';
import { TaskInbox } from '../components/TaskInbox';
import { Badge, EmptyState } from '../components/States';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useLoad } from '../hooks/useLoad';
import { MEMBERSHIP_LABEL, SIZE_BAND_LABEL, isStaff, orgRoleLabel } from '../lib/labels';
import { formatDate } from '../lib/format';

/** Where platform staff start: the review queue first, then the other staff pages. */
function StaffPanel({ administrator, member }: { administrator: boolean; member: boolean }) {
  const role = administrator ? 'administrator' : 'assessor';
  return (
    <section className="panel staff-panel" aria-labelledby="staff-title">
      <h2 id="staff-title">{member ? 'Platform staff' : 'Review queue'}</h2>
      <div className="staff-panel__queue">
        <p>
          {member ? <>You are a ValueMark {role}. </> : null}
          {administrator
            ? 'The review queue lists every certification application that has been submitted: allocate each to an assessor and confirm their recommendations.'
            : 'The review queue lists the certification applications allocated to you: judge each criterion against its evidence and make your recommendation.'}
        </p>
        <Link to="/staff/applications" className="button button--primary">
          Open the review queue
        </Link>
      </div>
      <h3 className="staff-panel__more">Other staff pages</h3>
      <ul className="staff-links">
        <li>
          <Link to="/staff/organisations">All organisations</Link>
          <span className="muted">
            {administrator ? ' — read every organisation on ValueMark and its work.' : ' — the organisations whose applications are allocated to you.'}
          </span>
        </li>
        {administrator ? null : (
          <li>
            <Link to="/consultant/engagements">My engagements</Link>
            <span className="muted"> — the organisations you are allocated to as their consultant: write their review of needs, plan, sessions and audits.</span>
          </li>
        )}
        {administrator ? (
          <>
            <li>
              <Link to="/staff/rounds">Certification rounds</Link>
              <span className="muted"> — open and schedule the rounds in which organisations apply.</span>
            </li>
            <li>
              <Link to="/staff/membership">Membership requests</Link>
              <span className="muted"> — approve or decline the organisations that ask to join or renew.</span>
            </li>
            <li>
              <Link to="/staff/appeals">Appeals</Link>
              <span className="muted"> — decide the appeals against decisions you took no part in.</span>
            </li>
            <li>
              <Link to="/staff/complaints">Complaints</Link>
              <span className="muted"> — investigate complaints about certified organisations, hearing each organisation first.</span>
            </li>
            <li>
              <Link to="/staff/invoices">Invoices</Link>
              <span className="muted"> — record the payments that arrive, or void an invoice issued in error.</span>
            </li>
            <li>
              <Link to="/staff/schemes">Scheme versions</Link>
              <span className="muted"> — compare the versions of each scheme and publish a new one.</span>
            </li>
            <li>
              <Link to="/staff/users">Users</Link>
              <span className="muted"> — everyone with an account; give assessors and administrators their role.</span>
            </li>
            <li>
              <Link to="/staff/history">Platform history</Link>
              <span className="muted"> — who changed accounts, staff roles, rounds, schemes and keys, and what changed.</span>
            </li>
          </>
        ) : null}
      </ul>
      {member ? null : (
        <p className="muted small staff-panel__note">
          You are not a member of any organisation, and need not be:{' '}
          {administrator ? 'as an administrator you reach every organisation through All organisations.' : 'as an assessor you reach each organisation you assess through the review queue.'}
        </p>
      )}
    </section>
  );
}

export function HomePage() {
  const { user, organisations, refresh, api } = useAuth();
  const staff = isStaff(user?.platform_role);
  const staffOnly = staff && organisations.length === 0;
  const title = staffOnly ? (user?.platform_role === 'administrator' ? 'Your work as an administrator' : 'Your work as an assessor') : 'Your organisations';
  useDocumentTitle(title);

  // The header's list may be stale (an invitation accepted in another tab).
  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Details for the cards; staff would get every organisation, so they skip it.
  const details = useLoad(
    async () => (staff ? new Map<string, Organisation>() : new Map((await api.listOrganisations({ limit: 200 })).items.map((o) => [o.id, o]))),
    [api, staff],
  );

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow">Welcome{user ? `, ${user.name.split(/\s+/)[0]}` : ''}</p>
          <h1>{title}</h1>
        </div>
        {organisations.length > 0 ? (
          <Link to="/organisations/new" className="button button--primary">
            Create an organisation
          </Link>
        ) : null}
      </div>

      <ConfirmEmailBanner />
      <TaskInbox />
      {staff ? <StaffPanel administrator={user?.platform_role === 'administrator'} member={organisations.length > 0} /> : null}
      {staffOnly ? null : organisations.length === 0 ? (
        <EmptyState
          title="You are not part of an organisation yet"
          action={
            <Link to="/organisations/new" className="button button--primary">
              Create an organisation
            </Link>
          }
        >
          <p>
            An organisation is where your team keeps its social value work together: its profile and size band, the people who work
            on it and their roles, the programmes, services, departments and projects you measure, and the two named
            representatives — the Social Value Lead and Senior Leader — who sign off evidence for certification.
          </p>
          <p>
            Create one for your charity, council, housing association or company. If your organisation is already on ValueMark, ask
            its Social Value Lead to invite you: the link in their email brings you straight in.
          </p>
        </EmptyState>
      ) : (
        <ul className="card-grid" aria-label="Your organisations">
          {organisations.map((o) => {
            const d = details.data?.get(o.id);
            return (
              <li key={o.id} className="card org-card">
                <h2 className="org-card__title">
                  <Link to={`/organisations/${encodeURIComponent(o.id)}`} className="stretched-link">
                    {o.name}
                  </Link>
                </h2>
                <p className="org-card__role">
                  Your role: <Badge tone={o.role === 'member' ? 'neutral' : 'info'}>{orgRoleLabel(o.role)}</Badge>
                </p>
                {d ? (
                  <dl className="org-card__facts">
                    <div>
                      <dt>Size</dt>
                      <dd>{SIZE_BAND_LABEL[d.size_band] ?? d.size_band}</dd>
                    </div>
                    {d.sector ? (
                      <div>
                        <dt>Sector</dt>
                        <dd>{d.sector}</dd>
                      </div>
                    ) : null}
                    <div>
                      <dt>Membership</dt>
                      <dd>
                        {MEMBERSHIP_LABEL[d.membership.status] ?? d.membership.status}
                        {d.membership.status === 'active' && d.membership.expiry ? ` until ${formatDate(d.membership.expiry)}` : ''}
                      </dd>
                    </div>
                  </dl>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}

    </div>
  );
}
