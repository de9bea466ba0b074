// The broker's page of a need: the need, the directory ranked against it
// with every score explained, and its matches, shortlisted to proposed and on.
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { ApiError } from '../../api';
import type { Candidate, Match } from '../../api/brokerage';
import { FormAlert } from '../../components/FormAlert';
import { EmptyState, ErrorState, Loading, NotFoundState } from '../../components/States';
import { useToast } from '../../components/Toast';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { placeError } from '../../hooks/useFormErrors';
import { formatDate } from '../../lib/format';
import { useTaxonomy } from '../network/useTaxonomy';
import { MatchActions } from './MatchActions';
import { NeedFacts, NeedStatusBadge, ScoreBar, ScoreParts, StageBadge, candidateName, useBrokerage } from './parts';
import '../network/network.css';
import './brokerage.css';

const PAGE = 20;

function CandidateRows({
  items,
  busy,
  onShortlist,
  closed,
}: {
  items: Candidate[];
  busy: string | null;
  onShortlist: (c: Candidate) => void;
  closed: boolean;
}) {
  return (
    <div className="table-card">
      <table className="table table--stack candidates">
        <caption className="visually-hidden">The directory ranked against the need, best first</caption>
        <thead>
          <tr>
            <th scope="col">Enterprise</th>
            <th scope="col">Score</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((c, i) => (
            <tr key={c.entry_id}>
              <th scope="row" data-label="Enterprise">
                <span className="candidates__rank" aria-hidden="true">
                  {i + 1}.
                </span>{' '}
                {c.name}
                {!c.listed ? <span className="muted small"> (not listed)</span> : null}
                {!c.organisation_id ? <span className="muted small block">Not on ValueMark: kept by the broker</span> : null}
                <span className="muted small block candidates__summary">{c.summary}</span>
              </th>
              <td data-label="Score">
                <ScoreBar score={c.score} label="points out of 100" />
                <details className="why">
                  <summary>
                    Why<span className="visually-hidden"> {c.name} scores {Math.round(c.score)}</span>
                  </summary>
                  <ScoreParts parts={c.parts} />
                </details>
              </td>
              <td data-label="Action" className="table__actions">
                {c.match_id ? (
                  <Link to={`/partnerships/${encodeURIComponent(c.match_id)}`} className="button button--secondary button--small">
                    Open the match<span className="visually-hidden"> with {c.name}</span>
                  </Link>
                ) : closed ? null : (
                  <button
                    type="button"
                    className="button button--primary button--small"
                    disabled={busy !== null}
                    aria-busy={busy === c.entry_id || undefined}
                    onClick={() => onShortlist(c)}
                  >
                    {busy === c.entry_id ? 'Shortlisting…' : 'Shortlist'}
                    <span className="visually-hidden"> {c.name}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MatchCard({ match, onChanged, onRemoved }: { match: Match; onChanged: (m: Match, done: string) => void; onRemoved: (m: Match) => void }) {
  const brokerage = useBrokerage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reloaded, setReloaded] = useState<Match | null>(null);
  const m = reloaded ?? match;
  const name = candidateName(m);
  return (
    <li className="match-card">
      <div className="match-card__head">
        <h3 className="match-card__title">
          <Link to={`/partnerships/${encodeURIComponent(m.id)}`}>{name}</Link>
        </h3>
        <StageBadge stage={m.stage} />
      </div>
      <p className="muted small">
        Scored {Math.round(m.score)} out of 100 · updated {formatDate(m.updated_at)}
      </p>
      {m.decline_reason ? <p className="small">Reason given: “{m.decline_reason}”</p> : null}
      <MatchActions
        compact
        match={m}
        onMoved={(moved, done) => {
          setReloaded(moved);
          onChanged(moved, done);
        }}
        onReload={() => void brokerage.getMatch(m.id).then(setReloaded)}
      />
      {m.stage === 'shortlisted' ? (
        <>
          <FormAlert message={error} title="It was not taken off the shortlist" />
          <button
            type="button"
            className="link-button"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              setError(null);
              brokerage
                .removeMatch(m.id)
                .then(() => onRemoved(m))
                .catch((e: unknown) => setError(placeError(e, []).message))
                .finally(() => setBusy(false));
            }}
          >
            {busy ? 'Removing…' : `Remove ${name} from the shortlist`}
          </button>
        </>
      ) : null}
    </li>
  );
}

export function BrokerNeedPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const brokerage = useBrokerage();
  const taxonomy = useTaxonomy();
  const [limit, setLimit] = useState(PAGE);
  const detail = useLoad(() => brokerage.getNeed(id), [brokerage, id]);
  const candidates = useLoad(() => brokerage.candidates(id, limit), [brokerage, id, limit]);
  const [busy, setBusy] = useState<string | null>(null);
  const [shortlistError, setShortlistError] = useState<string | null>(null);
  const toast = useToast();
  useDocumentTitle(detail.data ? `Broker: ${detail.data.need.title}` : 'A need to broker');

  const removedName = (location.state as { removed?: string } | null)?.removed;
  const { notify } = toast;
  useEffect(() => {
    if (removedName) notify(`${removedName} is off the shortlist`);
  }, [removedName, notify]);

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

  const refresh = () => void Promise.all([detail.reload(), candidates.reload()]);
  const shortlist = async (c: Candidate) => {
    setBusy(c.entry_id);
    setShortlistError(null);
    try {
      await brokerage.shortlist(need.id, c.entry_id);
      notify(`${c.name} shortlisted: propose it below when ready`);
      refresh();
    } catch (e) {
      setShortlistError(e instanceof ApiError ? placeError(e, []).message : 'Something went wrong. Please try again.');
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/broker/needs">Needs to broker</Link>
      </nav>
      <div className="page-head">
        <div>
          <p className="eyebrow">Broker · a need of {need.organisation_name}</p>
          <h1>{need.title}</h1>
          <p className="page-head__meta">
            <NeedStatusBadge status={need.status} /> Posted {formatDate(need.created_at)}
          </p>
        </div>
      </div>
      <section className="panel" aria-labelledby="broker-need-title">
        <h2 id="broker-need-title">What they asked for</h2>
        <NeedFacts need={need} taxonomy={taxonomy.data} />
      </section>

      <section className="panel" aria-labelledby="broker-matches-title">
        <h2 id="broker-matches-title">Shortlist and proposals</h2>
        {matches.length === 0 ? (
          <EmptyState title="Nobody shortlisted yet">
            <p>Shortlist enterprises from the ranking below. Only you see the shortlist until you propose one: then the enterprise is asked.</p>
          </EmptyState>
        ) : (
          <ul className="match-cards">
            {matches.map((m) => (
              <MatchCard
                key={m.id}
                match={m}
                onChanged={(_, done) => {
                  notify(done);
                  refresh();
                }}
                onRemoved={(gone) => {
                  notify(`${candidateName(gone)} is off the shortlist`);
                  refresh();
                }}
              />
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="broker-candidates-title">
        <h2 id="broker-candidates-title">Enterprises ranked for this need</h2>
        <p className="muted small">
          Each score out of 100 adds up its parts: the themes it shares with the need, the areas it serves, its certification and whether it has room
          for another partnership. Open “Why” to read each part.
        </p>
        <FormAlert message={shortlistError} title="It was not shortlisted" />
        {closed ? <p className="muted">The need is closed: nobody more can be shortlisted.</p> : null}
        {candidates.status === 'error' && !candidates.data ? (
          <ErrorState error={candidates.error} onRetry={() => void candidates.reload()} title="The ranking could not be loaded" />
        ) : !candidates.data ? (
          <Loading label="Ranking the directory…" />
        ) : candidates.data.length === 0 ? (
          <EmptyState title="No enterprise in the directory fits">
            <p>
              Nothing in the directory works on these themes. <Link to="/broker/directory/new">Add an enterprise</Link> you know of, then come back.
            </p>
          </EmptyState>
        ) : (
          <>
            <CandidateRows items={candidates.data} busy={busy} onShortlist={(c) => void shortlist(c)} closed={closed} />
            {candidates.data.length >= limit && limit < 100 ? (
              <p>
                <button type="button" className="button button--secondary" onClick={() => setLimit((l) => Math.min(100, l + PAGE))}>
                  Show more enterprises
                </button>
              </p>
            ) : null}
          </>
        )}
      </section>
      {toast.element}
    </div>
  );
}
