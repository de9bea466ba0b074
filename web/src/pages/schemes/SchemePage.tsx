// One certification scheme, for anyone: what it is for, its levels with their
// criteria by stage and the evidence each asks for, the fees, how long an
// award lasts, and the rounds in which applications are processed (for a
// member; GET /rounds needs a session). `?version=` shows an earlier version.
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { Round } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { Badge, EmptyState, ErrorState, Loading, NotFoundState } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { daysUntil, formatDate, formatPrice } from '../../lib/format';
import { SIZE_BANDS, SIZE_BAND_LABEL } from '../../lib/labels';
import {
  baseName,
  checkingInWords,
  count,
  criteriaCount,
  levelsInOrder,
  schemeLabel,
  schemeSummary,
  schemeVersions,
  sentenceCase,
  stagesInWords,
  twinsOf,
  validityInWords,
} from '../../lib/schemes';
import { CriterionHelpLink } from '../support/CriterionHelpLink';
import { schemePath } from './SchemeCard';
import { formsAnchor } from './SchemesPage';
import './schemes.css';

/** The rounds still to come or under way, soonest first. */
export function currentRounds(rounds: readonly Round[], today: Date = new Date()): (Round & { open: boolean })[] {
  return rounds
    .filter((r) => daysUntil(r.closes_on, today) >= 0)
    .map((r) => ({ ...r, open: daysUntil(r.opens_on, today) <= 0 }))
    .sort((a, b) => a.opens_on.localeCompare(b.opens_on));
}

function Rounds() {
  const { api, status } = useAuth();
  const signedIn = status === 'signed-in';
  const rounds = useLoad(async () => (signedIn ? currentRounds((await api.listRounds()).items) : null), [api, signedIn]);
  let body;
  if (status === 'loading') body = null;
  else if (!signedIn) {
    body = (
      <p>
        The certifying body announces its open and upcoming rounds to members. <Link to="/login">Log in</Link> or{' '}
        <Link to="/signup">sign up</Link> to see them.
      </p>
    );
  } else if (rounds.status === 'loading' && !rounds.data) body = <Loading label="Loading the rounds…" />;
  else if (rounds.status === 'error') body = <ErrorState error={rounds.error} onRetry={rounds.reload} title="The rounds could not be loaded" />;
  else if (!rounds.data || rounds.data.length === 0)
    body = (
      <EmptyState title="No round is open or set yet">
        <p>An application submitted now waits, queued, for the next round.</p>
      </EmptyState>
    );
  else
    body = (
      <ul className="rounds">
        {rounds.data.map((r) => (
          <li key={r.id}>
            <strong>{r.name}</strong>: {formatDate(r.opens_on)} to {formatDate(r.closes_on)}{' '}
            {r.open ? <Badge tone="success">open now</Badge> : <Badge tone="info">upcoming</Badge>}
          </li>
        ))}
      </ul>
    );
  return (
    <section className="panel" aria-labelledby="scheme-rounds-title">
      <h2 id="scheme-rounds-title">Rounds</h2>
      <p>
        Applications are processed in rounds set by the certifying body; one submitted between rounds is queued for the next. The
        results are due about three weeks after a complete application.
      </p>
      {body}
    </section>
  );
}

export function SchemePage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const wanted = Number(params.get('version')) || null;
  const { api } = useAuth();
  const schemes = useLoad(() => api.listSchemes(), [api]);
  const family = schemes.data ? schemeVersions(schemes.data.items).find((f) => f.latest.id === id) : undefined;
  const scheme = family ? (wanted ? family.versions.find((v) => v.version === wanted) : family.latest) : undefined;
  const all = schemes.data?.items ?? [];
  const label = scheme ? schemeLabel(scheme, all) : null;
  useDocumentTitle(label ?? 'Certification scheme');

  if (schemes.status === 'loading' && !schemes.data) return <Loading label="Loading the scheme…" />;
  if (schemes.status === 'error' && !schemes.data)
    return <ErrorState error={schemes.error} onRetry={schemes.reload} title="The scheme could not be loaded" />;
  if (!family || !scheme || !label) return <NotFoundState what="scheme" />;

  const levels = levelsInOrder(scheme);
  const twins = twinsOf(scheme, all);
  const older = scheme.version !== family.latest.version;

  return (
    <div className="page scheme-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/schemes">Certification schemes</Link>
      </nav>
      <div className="page-head">
        <div>
          <p className="eyebrow">Certification scheme</p>
          <h1>{label}</h1>
          <p className="page-head__meta">
            Version {scheme.version} · {count(levels.length, 'level')} · {count(criteriaCount(scheme), 'criterion', 'criteria')} · an award
            lasts {validityInWords(scheme.validity_months)}
          </p>
        </div>
      </div>
      {older ? (
        <div className="alert alert--warning" role="note">
          <p className="alert__body">
            This is version {scheme.version}, kept for the applications that started on it. New applications start on{' '}
            <Link to={schemePath(scheme)}>version {family.latest.version}</Link>.
          </p>
        </div>
      ) : null}
      <p className="lead scheme-page__summary">{schemeSummary(scheme)}</p>
      {twins.length > 0 ? (
        <div className="alert alert--info scheme-page__twins" role="note">
          <p className="alert__body">
            Not to be confused with{' '}
            {twins.map((t, i) => (
              <span key={t.id}>
                {i > 0 ? ' or ' : null}
                the <Link to={schemePath(t)}>{schemeLabel(t, all)}</Link>
              </span>
            ))}
            : a separate form of the scheme, with other levels and criteria.{' '}
            <Link to={`/schemes#${formsAnchor(baseName(scheme.name))}`}>How they differ</Link>
          </p>
        </div>
      ) : null}

      <div className="scheme-page__facts">
        <section className="panel" aria-labelledby="scheme-glance-title">
          <h2 id="scheme-glance-title">At a glance</h2>
          <dl className="facts">
            <div>
              <dt>Levels</dt>
              <dd>
                {levels.map((l, i) => (
                  <span key={l.number}>
                    {i > 0 ? ', then ' : null}
                    <a href={`#level-${l.number}`}>{l.name}</a>
                  </span>
                ))}
                . Levels are taken one at a time, in order.
              </dd>
            </div>
            <div>
              <dt>Who checks</dt>
              <dd>{checkingInWords(scheme)}</dd>
            </div>
            <div>
              <dt>Stages</dt>
              <dd>{stagesInWords(scheme)}</dd>
            </div>
            <div>
              <dt>To pass</dt>
              <dd>
                {scheme.pass_mark_percent >= 100
                  ? 'Every criterion of a level must be met.'
                  : `At least ${scheme.pass_mark_percent} % of a level’s criteria must be met.`}{' '}
                {scheme.sign_off.length === 2
                  ? 'The Social Value Lead and the Senior Leader both sign off the evidence.'
                  : scheme.sign_off.includes('lead')
                    ? 'The Social Value Lead signs off the evidence.'
                    : scheme.sign_off.includes('senior_leader')
                      ? 'The Senior Leader signs off the evidence.'
                      : ''}
              </dd>
            </div>
            <div>
              <dt>Results</dt>
              <dd>Within {scheme.results_due_days} days of a complete submission.</dd>
            </div>
            <div>
              <dt>Appeals</dt>
              <dd>
                {scheme.appeal_working_days > 0
                  ? `A rejection, suspension or revocation can be appealed within ${scheme.appeal_working_days} working days; staff who took no part in the decision decide.`
                  : 'Decisions cannot be appealed.'}
              </dd>
            </div>
            <div>
              <dt>An award lasts</dt>
              <dd>{validityInWords(scheme.validity_months)}, then it can be renewed.</dd>
            </div>
            {scheme.owner || scheme.published ? (
              <div>
                <dt>Owned by</dt>
                <dd>
                  {scheme.owner || 'The certifying body'}
                  {scheme.published ? `; this version published ${formatDate(scheme.published)}` : ''}.
                </dd>
              </div>
            ) : null}
          </dl>
        </section>
        <section className="panel" aria-labelledby="scheme-fees-title">
          <h2 id="scheme-fees-title">Fees</h2>
          <p>Each level, and each renewal, has a fee set by the size of the organisation, plus VAT at {scheme.fees.vat_percent} %.</p>
          <div className="table-card">
            <table className="table scheme-fees">
              <caption className="visually-hidden">Fee per level or renewal, before VAT</caption>
              <thead>
                <tr>
                  <th scope="col">Size of the organisation</th>
                  <th scope="col" className="num">
                    Fee, before VAT
                  </th>
                </tr>
              </thead>
              <tbody>
                {SIZE_BANDS.map((b) => (
                  <tr key={b}>
                    <th scope="row">{SIZE_BAND_LABEL[b]}</th>
                    <td className="num">{formatPrice(scheme.fees.per_level_or_renewal[b], scheme.fees.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>

      <Rounds />

      {levels.length === 0 ? <EmptyState title="This scheme has no levels yet" /> : null}
      {levels.map((l) => (
        <section key={l.number} className="panel scheme-level" id={`level-${l.number}`} aria-labelledby={`level-${l.number}-title`}>
          <div className="panel__head">
            <h2 id={`level-${l.number}-title`}>
              Level {l.number}: {l.name}
            </h2>
            {l.verified ? <Badge tone="info">Checked by an assessor</Badge> : <Badge>Self-declared</Badge>}
          </div>
          <p className="muted">
            {sentenceCase(count(l.stages.reduce((n, st) => n + st.criteria.length, 0), 'criterion', 'criteria'))}
            {l.number > 1 ? `; open to an organisation that holds level ${l.number - 1}, ${levels.find((x) => x.number === l.number - 1)?.name ?? ''}` : ''}.
            {l.verified
              ? ' An assessor reviews the evidence for every criterion.'
              : ' Evidence is gathered for every criterion, but no assessor reviews it.'}
          </p>
          {l.evidence_guidance ? (
            <p>
              <strong>Evidence that suits this level:</strong> {l.evidence_guidance}
            </p>
          ) : null}
          {l.min_pledges > 0 ? (
            <p>
              <strong>Pledges:</strong> an application gives at least {count(l.min_pledges, 'pledge')} as evidence, each with an owner and a date.
            </p>
          ) : null}
          {l.stages.length === 0 ? <p>No criteria are set for this level yet.</p> : null}
          {l.stages.map((st) => (
            <div key={st.name} className="scheme-stage">
              <h3 className="scheme-stage__title">{st.name}</h3>
              <ol className="scheme-criteria">
                {st.criteria.map((c, i) => (
                  <li key={c.id} className="scheme-criterion">
                    <p className="scheme-criterion__text">{c.text}</p>
                    {c.evidence_guidance ? (
                      <p className="scheme-criterion__evidence">
                        <span className="scheme-criterion__label">Evidence: </span>
                        {c.evidence_guidance}
                      </p>
                    ) : null}
                    <CriterionHelpLink id={c.id} context={`level ${l.number}, ${st.name}, criterion ${i + 1}`} />
                  </li>
                ))}
              </ol>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
