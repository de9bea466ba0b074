import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { Notice } from '../components/FormAlert';
import { Badge, ErrorState, Loading, NotFoundState } from '../components/States';
import { useToast } from '../components/Toast';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useLoad } from '../hooks/useLoad';
import { orgRoleLabel } from '../lib/labels';
import { OrgContext, type OrgContextValue } from './organisation/context';
import { InvitationsSection } from './organisation/InvitationsSection';
import { MembersSection } from './organisation/MembersSection';
import { ComplaintsSection } from './organisation/ComplaintsSection';
import { InvoicesSection } from './organisation/InvoicesSection';
import { MembershipSection, membershipSummary } from './organisation/MembershipSection';
import { OverviewSection } from './organisation/OverviewSection';
import { ProfileSection } from './organisation/ProfileSection';
import { RepresentativesSection } from './organisation/RepresentativesSection';
import { ScopesSection } from './organisation/ScopesSection';

export function OrganisationPage() {
  const { id = '' } = useParams();
  const { api, user } = useAuth();
  const location = useLocation();
  const dashboard = useLoad(() => api.getDashboard(id), [api, id]);
  const toast = useToast();
  const navigate = useNavigate();
  // A one-time message from the page before (created, joined): shown once,
  // then taken out of the history entry so that a reload does not repeat it.
  const [navState] = useState(() => location.state as { created?: boolean; joined?: string } | null);
  useEffect(() => {
    if (location.state) navigate(location.pathname + location.search + location.hash, { replace: true, state: null });
  }, [location, navigate]);
  useDocumentTitle(dashboard.data?.organisation.name ?? (dashboard.status === 'error' && dashboard.error.isNotFound ? 'Not found' : 'Organisation'));

  // A link to a section (the inbox's "/organisations/…#membership") lands on it once the page is there.
  const loaded = dashboard.data !== null;
  useEffect(() => {
    if (loaded && location.hash) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
  }, [loaded, location.hash]);
  const isAdmin = user?.platform_role === 'administrator';
  const ctx = useMemo<OrgContextValue | null>(() => {
    if (!dashboard.data || !user) return null;
    return {
      api,
      dashboard: dashboard.data,
      orgId: id,
      me: user,
      canEdit: dashboard.data.my_role === 'lead' || isAdmin,
      isAdmin,
      reload: dashboard.reload,
      notify: toast.notify,
    };
  }, [api, dashboard.data, dashboard.reload, id, user, isAdmin, toast.notify]);

  if (dashboard.status === 'loading' && !dashboard.data) return <Loading label="Loading the organisation…" />;
  if (dashboard.status === 'error' && !dashboard.data) {
    if (dashboard.error.isNotFound) return <NotFoundState what="organisation" />;
    return <ErrorState error={dashboard.error} onRetry={dashboard.reload} />;
  }
  if (!ctx) return null;
  const d = ctx.dashboard;
  const org = d.organisation;
  const membership = membershipSummary(org.membership);
  const repsNamed = [d.representatives.lead, d.representatives.senior_leader].filter(Boolean).length;

  return (
    <OrgContext.Provider value={ctx}>
      <div className="page">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link to="/">Your organisations</Link>
        </nav>
        <div className="page-head">
          <div>
            <p className="eyebrow">Organisation</p>
            <h1>{org.name}</h1>
            <p className="page-head__meta">
              {d.my_role ? (
                <>
                  Your role: <Badge tone="info">{orgRoleLabel(d.my_role)}</Badge>
                </>
              ) : (
                <Badge tone="warning">{isAdmin ? 'Administrator view' : 'Assessor view (read only)'}</Badge>
              )}
            </p>
          </div>
        </div>
        <nav className="subnav" aria-label={`Work of ${org.name}`}>
          {[
            ['certification', 'Certification'],
            ['consultant', 'Consultant'],
            ['impact-maps', 'Impact maps'],
            ['surveys', 'Surveys'],
            ['pledges', 'Pledges and decisions'],
            ['self-assessment', 'Self-assessment'],
            ['lm3', 'LM3'],
            ['directory', 'Directory profile'],
            ['partnerships', 'Partnerships'],
            ['benchmarks', 'Benchmarks'],
            ['history', 'History'],
          ].map(([path, label]) => (
            <Link key={path} to={`/organisations/${encodeURIComponent(id)}/${path}`} className="subnav__link">
              {label}
            </Link>
          ))}
        </nav>

        {navState?.created ? (
          <Notice tone="success">
            Your organisation is ready and you are its Social Value Lead. Next, invite your colleagues and name your Senior Leader.
          </Notice>
        ) : null}
        {navState?.joined ? (
          <Notice tone="success">
            Welcome to {org.name}. You joined as {orgRoleLabel(navState.joined).toLowerCase()}.
          </Notice>
        ) : null}
        {dashboard.status === 'error' ? <ErrorState error={dashboard.error} onRetry={dashboard.reload} title="The page could not be refreshed" /> : null}

        <ul className="summary" aria-label="At a glance">
          <li className="summary__item">
            <span className="summary__label">Membership</span>
            <span className="summary__value">
              <Badge tone={membership.tone}>{membership.text}</Badge>
            </span>
          </li>
          <li className="summary__item">
            <span className="summary__label">Representatives</span>
            <span className="summary__value">
              <Badge tone={repsNamed === 2 ? 'success' : 'warning'}>{repsNamed} of 2 named</Badge>
            </span>
          </li>
          <li className="summary__item">
            <span className="summary__label">People</span>
            <span className="summary__value summary__number">{d.members.length}</span>
          </li>
          <li className="summary__item">
            <span className="summary__label">Scopes</span>
            <span className="summary__value summary__number">{d.scopes.length}</span>
          </li>
        </ul>

        {d.my_role ? <OverviewSection /> : null}

        <nav className="local-nav" aria-label="On this page">
          <a href="#profile">Profile</a>
          <a href="#membership">Membership</a>
          <a href="#invoices">Invoices</a>
          <a href="#representatives">Representatives</a>
          <a href="#people">People</a>
          <a href="#invitations">Invitations</a>
          <a href="#scopes">Scopes</a>
        </nav>

        <div className="dashboard">
          <div className="dashboard__col">
            <ProfileSection />
            <MembershipSection />
            <InvoicesSection />
            <ComplaintsSection />
            <RepresentativesSection />
          </div>
          <div className="dashboard__col">
            <MembersSection />
            <InvitationsSection />
            <ScopesSection />
          </div>
        </div>
      </div>
      {toast.element}
    </OrgContext.Provider>
  );
}
