// The broker's queue: every open need, newest first, with how many
// enterprises have been proposed for each.
import { Link } from 'react-router-dom';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { formatDate } from '../../lib/format';
import { useBrokerage } from './parts';
import './brokerage.css';

export function BrokerNeedsPage() {
  useDocumentTitle('Needs to broker');
  const brokerage = useBrokerage();
  const needs = useLoad(() => brokerage.brokerNeeds(), [brokerage]);
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow">Broker</p>
          <h1>Needs to broker</h1>
          <p className="lead">Every open need posted by an organisation, newest first. Open one to rank the directory against it, shortlist and propose.</p>
        </div>
      </div>
      {needs.status === 'error' ? (
        <ErrorState error={needs.error} onRetry={() => void needs.reload()} title="The needs could not be loaded" />
      ) : !needs.data ? (
        <Loading label="Loading the needs…" />
      ) : needs.data.length === 0 ? (
        <EmptyState title="No open needs">
          <p>When an organisation posts what it needs from a partner, it appears here and you are told by email.</p>
        </EmptyState>
      ) : (
        <div className="table-card">
          <table className="table table--stack">
            <caption className="visually-hidden">Open needs</caption>
            <thead>
              <tr>
                <th scope="col">Need</th>
                <th scope="col">Organisation</th>
                <th scope="col">Posted</th>
                <th scope="col">Proposed</th>
              </tr>
            </thead>
            <tbody>
              {needs.data.map((n) => (
                <tr key={n.id}>
                  <th scope="row" data-label="Need">
                    <Link to={`/broker/needs/${encodeURIComponent(n.id)}`}>{n.title}</Link>
                  </th>
                  <td data-label="Organisation">{n.organisation_name}</td>
                  <td data-label="Posted">{formatDate(n.created_at)}</td>
                  <td data-label="Proposed">
                    {n.proposals === 0 ? <span className="muted">None yet</span> : `${n.proposals} ${n.proposals === 1 ? 'enterprise' : 'enterprises'}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
