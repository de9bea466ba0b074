// A match (/partnerships/:id): the need, the enterprise proposed for it, how
// far they have come, why the broker ranked it, each side's contact once the
// candidate accepts, the moves the signed-in person may make, and the
// outcomes the partners create together with each one's share.
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Match } from '../../api/brokerage';
import { useAuth } from '../../auth/AuthContext';
import { FormAlert, Notice } from '../../components/FormAlert';
import { ErrorState, Loading, NotFoundState } from '../../components/States';
import { useToast } from '../../components/Toast';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { partyWords } from '../../lib/brokerage';
import { formatTime } from '../../lib/format';
import { isBroker } from '../../lib/labels';
import { placeError } from '../../hooks/useFormErrors';
import { useTaxonomy } from '../network/useTaxonomy';
import { MatchActions } from './MatchActions';
import { PartnershipEditor, sidesOf, useMaps } from './PartnershipEditor';
import { NeedFacts, ScoreBar, ScoreParts, StageBadge, StageProgress, candidateName, useBrokerage } from './parts';
import '../network/network.css';
import './brokerage.css';

function Contacts({ match }: { match: Match }) {
  const { candidate, need } = match.contacts;
  if (!candidate && !need) {
    return (
      <Notice tone="info">
        <p className="alert__title">Contact details are not shared yet</p>
        <p className="alert__body">
          {match.stage === 'declined'
            ? 'This match was declined before the introduction, so no contact details were shared.'
            : 'Each side’s contact details are shared only after the enterprise proposed accepts. Until then the broker passes on every message.'}
        </p>
      </Notice>
    );
  }
  const row = (who: string, c: { name: string; email: string } | null) => (
    <div>
      <dt>{who}</dt>
      <dd className="break">
        {c ? (
          <>
            {c.name}
            <a className="block" href={`mailto:${c.email}`}>
              {c.email}
            </a>
          </>
        ) : (
          <span className="muted">None given: the broker puts you in touch</span>
        )}
      </dd>
    </div>
  );
  return (
    <dl className="facts facts--grid">
      {row(match.need.organisation_name, need)}
      {row(candidateName(match), candidate)}
    </dl>
  );
}

/** Where a claim of the caller's own side is counted: the outcome and its map, linked to the map's editor. */
function ClaimLink({ orgId, mapId, outcomeId, maps }: { orgId: string; mapId: string; outcomeId: string | null | undefined; maps: ReturnType<typeof useMaps> }) {
  const { want } = maps;
  useEffect(() => want(mapId), [want, mapId]);
  const list = maps.maps[orgId];
  const map = Array.isArray(list) ? list.find((m) => m.id === mapId) : undefined;
  const outcomes = maps.outcomes[mapId];
  const outcome = Array.isArray(outcomes) ? outcomes.find((o) => o.id === outcomeId) : undefined;
  return (
    <span className="muted">
      {' '}
      · counted in{' '}
      {outcome?.description ? `“${outcome.description}” of ` : ''}
      <Link to={`/organisations/${encodeURIComponent(orgId)}/impact-maps/${encodeURIComponent(mapId)}`}>{map?.name ?? 'its impact map'}</Link>
    </span>
  );
}

function SharedOutcomes({ match }: { match: Match }) {
  const sides = sidesOf(match);
  const maps = useMaps(sides);
  if (match.partnership.length === 0) return <p className="muted">No shared outcomes recorded yet.</p>;
  return (
    <ul className="shared-outcomes">
      {match.partnership.map((o, i) => {
        const total = Math.round(o.claims.reduce((t, c) => t + c.share, 0) * 10000) / 100;
        return (
          <li key={o.id ?? i} className="shared-outcomes__item">
            <p className="shared-outcomes__title">{o.description}</p>
            <ul className="shared-outcomes__claims">
              {sides.map((s) => {
                const c = o.claims.find((x) => x.partner === s.partner);
                return (
                  <li key={s.partner}>
                    {s.name}: {c ? `${Math.round(c.share * 10000) / 100}%` : 'no share'}
                    {c?.map_id && s.mayLink && s.orgId ? (
                      <ClaimLink orgId={s.orgId} mapId={c.map_id} outcomeId={c.outcome_id} maps={maps} />
                    ) : c?.map_id ? (
                      <span className="muted"> · linked to its impact map</span>
                    ) : null}
                  </li>
                );
              })}
            </ul>
            <p className="muted small">Together {total}% of this outcome.</p>
          </li>
        );
      })}
    </ul>
  );
}

export function MatchPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const navigate = useNavigate();
  const brokerage = useBrokerage();
  const taxonomy = useTaxonomy();
  const match = useLoad(() => brokerage.getMatch(id), [brokerage, id]);
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  useDocumentTitle(match.data ? `Partnership: ${match.data.need.title}` : 'Partnership');

  if (match.status === 'error' && !match.data) {
    if (match.error.isNotFound) return <NotFoundState what="partnership" />;
    return (
      <div className="page">
        <ErrorState error={match.error} onRetry={() => void match.reload()} />
      </div>
    );
  }
  if (!match.data) return <Loading label="Loading the partnership…" />;
  const m = match.data;
  const broker = m.party === 'broker';
  const name = candidateName(m);
  const declined = m.stage === 'declined';
  const partnershipOpen = ['agreed', 'active', 'completed'].includes(m.stage);

  const remove = async () => {
    setRemoving(true);
    setRemoveError(null);
    try {
      await brokerage.removeMatch(m.id);
      navigate(`/broker/needs/${encodeURIComponent(m.need.id)}`, { state: { removed: name } });
    } catch (e) {
      setRemoveError(placeError(e, []).message);
    } finally {
      setRemoving(false);
    }
  };

  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        {broker ? (
          <>
            <Link to="/broker/needs">Needs to broker</Link> <span aria-hidden="true">›</span>{' '}
            <Link to={`/broker/needs/${encodeURIComponent(m.need.id)}`}>{m.need.title}</Link>
          </>
        ) : m.party === 'need' ? (
          <>
            <Link to={`/partnerships?organisation=${encodeURIComponent(m.need.organisation_id)}`}>Partnerships</Link> <span aria-hidden="true">›</span>{' '}
            <Link to={`/needs/${encodeURIComponent(m.need.id)}`}>{m.need.title}</Link>
          </>
        ) : (
          <Link to="/partnerships">Partnerships</Link>
        )}
      </nav>
      <div className="page-head">
        <div>
          <p className="eyebrow">Partnership · {partyWords(m.party)}</p>
          <h1>
            {m.need.organisation_name} and {name}
          </h1>
          <p className="page-head__meta">
            <StageBadge stage={m.stage} /> For the need “{m.need.title}” · updated {formatTime(m.updated_at)}
          </p>
        </div>
      </div>

      <StageProgress match={m} withShortlist={broker} />
      {declined && m.decline_reason ? (
        <Notice tone="warning">
          <p className="alert__title">Declined</p>
          <p className="alert__body">“{m.decline_reason}”</p>
        </Notice>
      ) : null}

      <MatchActions
        match={m}
        onMoved={(moved, done) => {
          match.setData(moved);
          toast.notify(done);
        }}
        onReload={() => void match.reload()}
      />
      {broker && m.stage === 'shortlisted' ? (
        <div className="match-remove">
          <FormAlert message={removeError} title="It was not taken off the shortlist" />
          <button type="button" className="link-button" disabled={removing} onClick={() => void remove()}>
            {removing ? 'Removing…' : 'Take it off the shortlist'}
          </button>
        </div>
      ) : null}

      <div className="match-grid">
        <section className="panel" aria-labelledby="match-need-title">
          <h2 id="match-need-title">The need: {m.need.title}</h2>
          <NeedFacts need={m.need} taxonomy={taxonomy.data} />
          {m.need.status === 'closed' ? <p className="muted">The need is closed.</p> : null}
        </section>

        <section className="panel" aria-labelledby="match-candidate-title">
          <h2 id="match-candidate-title">The enterprise proposed: {name}</h2>
          {m.candidate.summary ? <p>{m.candidate.summary}</p> : null}
          {m.candidate.name === null ? <p className="muted">Its name is shown once it accepts: it is not listed in the public directory.</p> : null}
          {m.candidate.listed && m.candidate.name ? (
            <p>
              <Link to={`/directory/${encodeURIComponent(m.candidate.entry_id)}`}>See {m.candidate.name} in the directory</Link>
            </p>
          ) : null}
          {!m.candidate.organisation_id && m.candidate.name ? <p className="muted small">Not on ValueMark: the broker speaks for it.</p> : null}
          {m.note ? (
            <div className="broker-note">
              <p className="broker-note__title">The broker’s note</p>
              <p className="broker-note__body">{m.note}</p>
            </div>
          ) : null}
          {m.answered_for ? (
            <p className="muted small">
              The broker recorded its acceptance: “{m.answered_for}”
            </p>
          ) : null}
        </section>
      </div>

      <section className="panel" aria-labelledby="match-why-title">
        <h2 id="match-why-title">Why this enterprise</h2>
        <p className="why__score">
          The broker’s ranking scored it <ScoreBar score={m.score} label="points out of 100" />
        </p>
        <ScoreParts parts={m.parts} />
      </section>

      <section className="panel" aria-labelledby="match-contacts-title">
        <h2 id="match-contacts-title">Contacts</h2>
        <Contacts match={m} />
      </section>

      <section className="panel" aria-labelledby="match-partnership-title">
        <div className="panel__head">
          <h2 id="match-partnership-title">Outcomes created together</h2>
          {m.may_edit_partnership && !editing ? (
            <button type="button" className="button button--secondary button--small" onClick={() => setEditing(true)}>
              {m.partnership.length > 0 ? 'Change the shared outcomes' : 'Record shared outcomes'}
            </button>
          ) : null}
        </div>
        <p className="muted small">
          Each partner claims its share of what they create together, and its impact map counts no more than that share, so that no outcome is
          counted twice.
        </p>
        {editing ? (
          <PartnershipEditor
            match={m}
            onSaved={(saved) => {
              match.setData(saved);
              setEditing(false);
              toast.notify('Shared outcomes saved');
            }}
            onCancel={() => {
              setEditing(false);
              void match.reload();
            }}
          />
        ) : partnershipOpen || m.partnership.length > 0 ? (
          <SharedOutcomes match={m} />
        ) : declined ? (
          <p className="muted">Nothing was recorded: the match was declined.</p>
        ) : (
          <p className="muted">The partners record what they create together once they have agreed to work together.</p>
        )}
      </section>
      {isBroker(user?.platform_role) && !broker ? (
        <p className="muted small">
          <Link to={`/broker/needs/${encodeURIComponent(m.need.id)}`}>Open the need as the broker</Link>
        </p>
      ) : null}
      {toast.element}
    </div>
  );
}
