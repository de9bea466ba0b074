// /consultant/engagements — "My engagements": the organisations an assessor
// is allocated to as their consultant, active ones first, each linking to
// its engagement to write.
import { Link } from 'react-router-dom';
import type { Engagement } from '../../api/engagements';
import { useAuth } from '../../auth/AuthContext';
import { Badge, EmptyState, ErrorState, Loading } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { ENGAGEMENT_STATUS_LABEL, engagementStatusTone, planProgress, sessionsSummary } from '../../lib/engagements';
import { formatDate } from '../../lib/format';
import { useEngagementsApi } from './useEngagementsApi';
import './engagements.css';

/** Active engagements first, each group as the server lists it (newest first). */
function activeFirst(items: readonly Engagement[]): Engagement[] {
  return [...items.filter((e) => e.status === 'active'), ...items.filter((e) => e.status !== 'active')];
}

function MyEngagementsList() {
  const engagements = useEngagementsApi();
  const list = useLoad(() => engagements.mine(), [engagements]);
  if (list.status === 'loading' && !list.data) return <Loading label="Loading your engagements…" />;
  if (list.status === 'error' && !list.data) return <ErrorState error={list.error} onRetry={() => void list.reload()} />;
  const items = activeFirst(list.data ?? []);
  if (items.length === 0) {
    return (
      <EmptyState title="No engagements yet">
        <p>
          When the certifying body allocates you to an organisation as its consultant, you are emailed and the engagement appears here. You then
          write the review of its needs, your recommendations, its training and mentoring plan, the sessions you hold and the audits.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="table-card">
      <table className="table table--stack eng-table">
        <caption className="visually-hidden">Your engagements as a consultant</caption>
        <thead>
          <tr>
            <th scope="col">Organisation</th>
            <th scope="col">Scheme</th>
            <th scope="col">Status</th>
            <th scope="col">Progress</th>
            <th scope="col">Last updated</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <th scope="row" data-label="Organisation">
                <Link to={`/engagements/${encodeURIComponent(e.id)}`}>{e.organisation_name}</Link>
              </th>
              <td data-label="Scheme">{e.scheme_name}</td>
              <td data-label="Status">
                <Badge tone={engagementStatusTone(e.status)}>{ENGAGEMENT_STATUS_LABEL[e.status]}</Badge>
              </td>
              <td data-label="Progress">
                <span className="block">{sessionsSummary(e.sessions)}</span>
                <span className="block muted">Plan: {planProgress(e.plan).toLowerCase()}</span>
              </td>
              <td data-label="Last updated">{formatDate(e.updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MyEngagementsPage() {
  const { user } = useAuth();
  useDocumentTitle('My engagements');
  const assessor = user?.platform_role === 'assessor';
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow">Consultant</p>
          <h1>My engagements</h1>
          <p className="lead">
            The organisations you are allocated to as their consultant. Open one to write the review of its needs, your recommendations, its
            training and mentoring plan, the sessions held and the audits: its members read what you save.
          </p>
        </div>
      </div>
      {assessor ? (
        <MyEngagementsList />
      ) : (
        <EmptyState title="This page is for consultants">
          <p>
            Consultants are assessors whom an administrator allocates to an organisation.{' '}
            {user?.platform_role === 'administrator'
              ? 'You allocate them on each organisation’s Consultant page.'
              : 'The consultant of your organisation, if it has one, is on its Consultant page.'}
          </p>
        </EmptyState>
      )}
    </div>
  );
}
