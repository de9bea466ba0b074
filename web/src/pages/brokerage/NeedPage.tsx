// A need for partners as its organisation sees it: its details, the matches
// proposed for it and on, and (for the Lead or the Senior Leader) changing,
// closing and reopening it.
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import type { Match, NeedDetail } from '../../api/brokerage';
import { useAuth } from '../../auth/AuthContext';
import { FormAlert } from '../../components/FormAlert';
import { EmptyState, ErrorState, Loading, NotFoundState } from '../../components/States';
import { useToast } from '../../components/Toast';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { needToInput, draftFromNeed } from '../../lib/brokerage';
import { formatDate } from '../../lib/format';
import { isBroker } from '../../lib/labels';
import { placeError } from '../../hooks/useFormErrors';
import { useTaxonomy } from '../network/useTaxonomy';
import { NeedFacts, NeedStatusBadge, StageBadge, candidateName, useBrokerage } from './parts';
import '../network/network.css';
import './brokerage.css';

function MatchRows({ matches }: { matches: Match[] }) {
  return (
    <div className="table-card">
      <table className="table table--stack">
        <caption className="visually-hidden">Enterprises proposed for this need</caption>
        <thead>
          <tr>
            <th scope="col">Enterprise</th>
            <th scope="col">Stage</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {matches.map((m) => (
            <tr key={m.id}>
              <th scope="row" data-label="Enterprise">
                <Link to={`/partnerships/${encodeURIComponent(m.id)}`}>{candidateName(m)}</Link>
              </th>
              <td data-label="Stage">
                <StageBadge stage={m.stage} />
              </td>
              <td data-label="Updated">{formatDate(m.updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function NeedPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const location = useLocation();
  const brokerage = useBrokerage();
  const taxonomy = useTaxonomy();
  const detail = useLoad(() => brokerage.getNeed(id), [brokerage, id]);
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle(detail.data ? detail.data.need.title : 'A need for partners');

  const arrived = (location.state as { posted?: boolean; saved?: boolean } | null) ?? null;
  const { notify } = toast;
  useEffect(() => {
    if (arrived?.posted) notify('Need posted: the broker is told');
    else if (arrived?.saved) notify('Need saved');
  }, [arrived, notify]);

  if (detail.status === 'error' && !detail.data) {
    if (detail.error.isNotFound) return <NotFoundState what="need" />;
    return (
      <div className="page">
        <ErrorState error={detail.error} onRetry={() => void detail.reload()} />
      </div>
    );
  }
  if (!detail.data) return <Loading label="Loading the need…" />;
  const { need, matches } = detail.data;
  const closed = need.status === 'closed';

  const setStatus = async (status: 'open' | 'closed') => {
    setBusy(true);
    setError(null);
    try {
      const saved = await brokerage.updateNeed(need.id, { ...needToInput(draftFromNeed(need), need.version), status });
      detail.setData({ ...detail.data, need: saved } as NeedDetail);
      notify(status === 'closed' ? 'Need closed: the broker proposes no more for it' : 'Need reopened');
    } catch (e) {
      const placed = placeError(e, []);
      setError(placed.message);
      void detail.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/partnerships?organisation=${encodeURIComponent(need.organisation_id)}`}>Partnerships</Link>
      </nav>
      <div className="page-head">
        <div>
          <p className="eyebrow">A need for partners · {need.organisation_name}</p>
          <h1>{need.title}</h1>
          <p className="page-head__meta">
            <NeedStatusBadge status={need.status} /> Posted {formatDate(need.created_at)}
            {need.updated_at !== need.created_at ? `, changed ${formatDate(need.updated_at)}` : ''}
          </p>
        </div>
        <div className="entry-actions">
          {isBroker(user?.platform_role) ? (
            <Link to={`/broker/needs/${encodeURIComponent(need.id)}`} className="button button--secondary">
              Open as the broker
            </Link>
          ) : null}
          {need.may_edit && !closed ? (
            <Link to={`/needs/${encodeURIComponent(need.id)}/edit`} className="button button--secondary">
              Change the need
            </Link>
          ) : null}
          {need.may_edit ? (
            <button type="button" className="button button--secondary" disabled={busy} aria-busy={busy || undefined} onClick={() => void setStatus(closed ? 'open' : 'closed')}>
              {closed ? 'Reopen the need' : 'Close the need'}
            </button>
          ) : null}
        </div>
      </div>
      <FormAlert message={error} title={closed ? 'The need was not reopened' : 'The need was not closed'} />
      <section className="panel" aria-labelledby="need-details-title">
        <h2 id="need-details-title">What you asked for</h2>
        <NeedFacts need={need} taxonomy={taxonomy.data} />
        {closed ? <p className="muted">This need is closed: the broker proposes no more enterprises for it. Reopen it to ask again.</p> : null}
      </section>
      <section className="panel" aria-labelledby="need-matches-title">
        <h2 id="need-matches-title">Enterprises proposed</h2>
        {matches.length === 0 ? (
          <EmptyState title="None proposed yet">
            <p>
              {closed
                ? 'The need was closed before the broker proposed anyone.'
                : 'The broker is looking through the directory. When an enterprise is proposed and accepts, you see it here with its contact details.'}
            </p>
          </EmptyState>
        ) : (
          <MatchRows matches={matches} />
        )}
      </section>
      {toast.element}
    </div>
  );
}
