import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import type { Organisation } from '../api';
import { useAuth } from '../auth/AuthContext';
import { ConfirmEmailBanner } from '../components/ConfirmEmailBanner';
import { Badge, EmptyState } from '../components/States';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useLoad } from '../hooks/useLoad';
import { MEMBERSHIP_LABEL, SIZE_BAND_LABEL, isStaff, orgRoleLabel } from '../lib/labels';
import { formatDate } from '../lib/format';

export function HomePage() {
  useDocumentTitle('Your organisations');
  const { user, organisations, refresh, api } = useAuth();
  const staff = isStaff(user?.platform_role);

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
          <h1>Your organisations</h1>
        </div>
        {organisations.length > 0 ? (
          <Link to="/organisations/new" className="button button--primary">
            Create an organisation
          </Link>
        ) : null}
      </div>

      <ConfirmEmailBanner />
      {staff ? (
        <section className="panel staff-panel" aria-labelledby="staff-title">
          <h2 id="staff-title">Platform staff</h2>
          <p>
            You are a ValueMark {user?.platform_role === 'administrator' ? 'administrator' : 'assessor'}. You can read every
            organisation{user?.platform_role === 'administrator' ? ', set membership and manage users' : ''}.
          </p>
          <p className="link-row">
            <Link to="/staff/organisations">All organisations</Link>
            {user?.platform_role === 'administrator' ? <Link to="/staff/users">Users</Link> : null}
          </p>
        </section>
      ) : null}
      {organisations.length === 0 && staff ? (
        <EmptyState title="You are not a member of an organisation">
          <p>As platform staff you reach every organisation through the list of all organisations above.</p>
        </EmptyState>
      ) : organisations.length === 0 ? (
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
