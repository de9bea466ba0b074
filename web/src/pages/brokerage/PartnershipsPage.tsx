// An organisation's partnerships: the needs it has posted for partners, and
// its matches — proposals to it as a candidate and the matches of its needs —
// each with its stage in words. For the organisation chosen in the address
// (?organisation=), or the person's only one.
import { Link, Navigate, useParams, useSearchParams } from 'react-router-dom';
import type { Match, Need } from '../../api/brokerage';
import { useAuth } from '../../auth/AuthContext';
import { SelectField } from '../../components/Field';
import { EmptyState, ErrorState, Loading, NoOrganisationYet } from '../../components/States';
import { mayDecide } from '../../lib/labels';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { formatDate } from '../../lib/format';
import { NeedStatusBadge, StageBadge, candidateName, useBrokerage } from './parts';
import './brokerage.css';


function NeedsTable({ needs }: { needs: Need[] }) {
  return (
    <div className="table-card">
      <table className="table table--stack">
        <caption className="visually-hidden">Your needs for partners</caption>
        <thead>
          <tr>
            <th scope="col">Need</th>
            <th scope="col">Status</th>
            <th scope="col">Proposals</th>
            <th scope="col">Posted</th>
          </tr>
        </thead>
        <tbody>
          {needs.map((n) => (
            <tr key={n.id}>
              <th scope="row" data-label="Need">
                <Link to={`/needs/${encodeURIComponent(n.id)}`}>{n.title}</Link>
              </th>
              <td data-label="Status">
                <NeedStatusBadge status={n.status} />
              </td>
              <td data-label="Proposals">{n.proposals === 0 ? <span className="muted">None yet</span> : n.proposals}</td>
              <td data-label="Posted">{formatDate(n.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MatchesTable({ matches, orgId }: { matches: Match[]; orgId: string }) {
  return (
    <div className="table-card">
      <table className="table table--stack">
        <caption className="visually-hidden">Your organisation’s partnerships</caption>
        <thead>
          <tr>
            <th scope="col">Partnership</th>
            <th scope="col">With</th>
            <th scope="col">Stage</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {matches.map((m) => {
            const ours = m.need.organisation_id === orgId;
            return (
              <tr key={m.id}>
                <th scope="row" data-label="Partnership">
                  <Link to={`/partnerships/${encodeURIComponent(m.id)}`}>{m.need.title}</Link>
                  <span className="muted small block">{ours ? 'For a need you posted' : `Proposed to you: a need of ${m.need.organisation_name}`}</span>
                </th>
                <td data-label="With">{ours ? candidateName(m) : m.need.organisation_name}</td>
                <td data-label="Stage">
                  <StageBadge stage={m.stage} />
                </td>
                <td data-label="Updated">{formatDate(m.updated_at)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

// The organisation page's "Partnerships" tab: the same page, for that organisation.
export function OrganisationPartnershipsRedirect() {
  const { id = '' } = useParams();
  return <Navigate to={`/partnerships?organisation=${encodeURIComponent(id)}`} replace />;
}

export function PartnershipsPage() {
  useDocumentTitle('Partnerships');
  const { organisations } = useAuth();
  const brokerage = useBrokerage();
  const [params, setParams] = useSearchParams();
  const asked = params.get('organisation');
  const org = organisations.find((o) => o.id === asked) ?? organisations[0];
  const orgId = org?.id ?? '';
  const needs = useLoad(() => (orgId ? brokerage.listNeeds(orgId) : Promise.resolve([] as Need[])), [brokerage, orgId]);
  const matches = useLoad(() => (orgId ? brokerage.listMatches(orgId) : Promise.resolve([] as Match[])), [brokerage, orgId]);

  if (!org) {
    return (
      <NoOrganisationYet
        heading="Partnerships"
        why="Partnerships are between organisations: create yours, or ask its Social Value Lead to invite you."
      />
    );
  }
  const canPost = mayDecide(org.role);
  const newNeed = `/needs/new?organisation=${encodeURIComponent(org.id)}`;

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow">Network · {org.name}</p>
          <h1>Partnerships</h1>
          <p className="lead">
            Post what you need from a partner; the broker looks through the <Link to="/directory">directory of social enterprises</Link> and
            proposes the best fit. Nobody’s contact details are shared until the enterprise proposed accepts.
          </p>
        </div>
        {canPost ? (
          <div className="entry-actions">
            <Link to={newNeed} className="button button--primary">
              Post a need
            </Link>
          </div>
        ) : null}
      </div>
      {organisations.length > 1 ? (
        <div className="partnerships__org">
          <SelectField
            id="partnerships-organisation"
            label="Organisation"
            value={org.id}
            onChange={(e) => setParams({ organisation: e.target.value }, { replace: true })}
          >
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        </div>
      ) : null}

      <section className="panel" aria-labelledby="needs-title">
        <div className="panel__head">
          <h2 id="needs-title">Your needs for partners</h2>
        </div>
        {needs.status === 'error' ? (
          <ErrorState error={needs.error} onRetry={() => void needs.reload()} title="Your needs could not be loaded" />
        ) : !needs.data ? (
          <Loading label="Loading your needs…" />
        ) : needs.data.length === 0 ? (
          <EmptyState
            title="No needs posted yet"
            action={
              canPost ? (
                <Link to={newNeed} className="button button--secondary">
                  Post a need
                </Link>
              ) : undefined
            }
          >
            <p>
              {canPost
                ? 'Say which outcomes you want to create with a partner, where, and by when: the broker is told at once.'
                : 'Your Social Value Lead or Senior Leader posts what you need from a partner.'}
            </p>
          </EmptyState>
        ) : (
          <NeedsTable needs={needs.data} />
        )}
      </section>

      <section className="panel" aria-labelledby="matches-title">
        <div className="panel__head">
          <h2 id="matches-title">Partnerships and proposals</h2>
        </div>
        {matches.status === 'error' ? (
          <ErrorState error={matches.error} onRetry={() => void matches.reload()} title="Your partnerships could not be loaded" />
        ) : !matches.data ? (
          <Loading label="Loading your partnerships…" />
        ) : matches.data.length === 0 ? (
          <EmptyState title="No partnerships yet">
            <p>When the broker proposes an enterprise for one of your needs, or proposes you to another organisation’s need, it appears here.</p>
          </EmptyState>
        ) : (
          <MatchesTable matches={matches.data} orgId={org.id} />
        )}
      </section>
    </div>
  );
}
