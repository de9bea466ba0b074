// One application, for every role that may see it: the organisation's Lead
// adds evidence per criterion, accepts the terms and submits; both
// representatives sign off; the allocated assessor gives verdicts, asks for
// amendments or recommends; the administrator allocates, awards or rejects.
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api';
import type { Application, CriterionChange, EvidenceItem, PreAudit, RecordKind } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { ConfirmEmailBanner } from '../../components/ConfirmEmailBanner';
import { ConfirmDialog } from '../../components/Dialog';
import { SignOffDialog } from './SignOffDialog';
import { SelectField, TextAreaField } from '../../components/Field';
import { FormAlert, Notice } from '../../components/FormAlert';
import { Badge, ErrorState, Loading, NotFoundState } from '../../components/States';
import { useToast } from '../../components/Toast';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { formatDate, formatPrice, formatTime } from '../../lib/format';
import {
  APPLICATION_STATE_LABEL,
  RECORD_KIND_LABEL,
  VERDICT_LABEL,
  applicationStateTone,
  criterionWords,
  enumsInWords,
  orgRoleLabel,
  shortCriterionText,
} from '../../lib/labels';
import { CertificatePanel } from './CertificatePanel';
import { ApplicationTimeline } from './ApplicationTimeline';
import { CriterionHelpLink } from '../support/CriterionHelpLink';
import { CriterionConversation } from './CriterionConversation';
import { EvidenceForm, VerdictForm, message } from './CriterionForms';
import { AppealPanel } from './AppealPanel';
import { TermsDialog } from './TermsDialog';
import { EligibilityList } from './CertificationPage';


// Where a submitted application stands, in a sentence (the eligibility list is
// for drafts and amendments only: it no longer applies once submitted).
const STANDING: Partial<Record<Application['state'], string>> = {
  submitted: 'Submitted: the certifying body allocates an assessor.',
  queued: 'Queued: it goes into review when the next round opens.',
  in_review: 'In review: the assessor judges each criterion.',
  recommended: 'The assessor has made a recommendation; the certifying body decides.',
  awarded: 'Awarded.',
  rejected: 'Rejected, with the reasons above.',
};

// Where a platform record given as evidence can be opened.
function recordPath(orgId: string, kind: RecordKind, id: string, version?: number): string {
  const org = `/organisations/${encodeURIComponent(orgId)}`;
  const pinned = version ? `?version=${version}` : '';
  switch (kind) {
    case 'impact_map':
      return `${org}/impact-maps/${encodeURIComponent(id)}${pinned}`;
    case 'survey':
      return `/surveys/${encodeURIComponent(id)}`;
    case 'pledge':
    case 'decision_log':
      return `${org}/pledges`;
    case 'self_assessment':
      return `${org}/self-assessment`;
    case 'stakeholder_map':
      return `${org}/scopes/${encodeURIComponent(id)}/plan${pinned}`;
    case 'scope':
      return org;
    case 'lm3_calculation':
      return `${org}/lm3?calculation=${encodeURIComponent(id)}${version ? `&version=${version}` : ''}`;
  }
}

function RecordEvidence({ orgId, item }: { orgId: string; item: EvidenceItem }) {
  if (!item.record_kind || !item.record_id) return <span>{item.title}</span>;
  const shown = item.record_title || RECORD_KIND_LABEL[item.record_kind];
  return (
    <span>
      {item.title !== shown ? <>{item.title}: </> : null}
      <Link to={recordPath(orgId, item.record_kind, item.record_id, item.record_version)}>{shown}</Link>{' '}
      <span className="muted small">
        ({RECORD_KIND_LABEL[item.record_kind]}
        {item.record_version ? `, version ${item.record_version} as given` : ''})
      </span>
    </span>
  );
}

function PreAuditPanel({ pre }: { pre: PreAudit }) {
  const sa = pre.self_assessment;
  return (
    <section className="panel" aria-labelledby="preaudit-title">
      <div className="panel__head">
        <h2 id="preaudit-title">Pre-audit</h2>
      </div>
      <p>
        <strong>Evidence:</strong> {pre.criteria_total - pre.criteria_missing} of {pre.criteria_total} criteria have evidence
        {pre.criteria_missing > 0 ? `; ${pre.criteria_missing} without any` : ''}.
      </p>
      <ul className="evidence-list">
        {pre.criteria.map((c) => (
          <li key={c.criterion_id}>
            {c.stage}: {shortCriterionText(c.text)}{' '}
            {c.missing ? <Badge tone="warning">no evidence</Badge> : <Badge tone="success">{c.evidence_count} item{c.evidence_count === 1 ? '' : 's'}</Badge>}
          </li>
        ))}
      </ul>
      {pre.record_checks.length > 0 ? (
        <div aria-label="Principles check of the impact maps given as evidence" role="group">
          <p>
            <strong>Impact maps given as evidence</strong>, checked against the Principles of Social Value at the version given:
          </p>
          <ul className="evidence-list">
            {pre.record_checks.map((r) => (
              <li key={`${r.criterion_id}-${r.record_id}-${r.version}`}>
                {r.title} (version {r.version}){' '}
                {!r.found ? (
                  <Badge tone="warning">that version no longer exists</Badge>
                ) : r.errors + r.warnings === 0 ? (
                  <Badge tone="success">meets every check</Badge>
                ) : (
                  <>
                    {r.errors > 0 ? <Badge tone="danger">{r.errors === 1 ? '1 error' : `${r.errors} errors`}</Badge> : null}{' '}
                    {r.warnings > 0 ? <Badge tone="warning">{r.warnings === 1 ? '1 warning' : `${r.warnings} warnings`}</Badge> : null}
                    <ul>
                      {r.findings.slice(0, 8).map((f, i) => (
                        <li key={i}>
                          {f.severity === 'error' ? 'Error' : 'Warning'} (principle {f.principle}): {f.message}
                        </li>
                      ))}
                      {r.findings.length > 8 ? <li className="muted">and {r.findings.length - 8} more in the map’s principles check</li> : null}
                    </ul>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {pre.pledges ? (
        <p>
          <strong>Pledges:</strong> {pre.pledges.recorded} recorded, {pre.pledges.referenced} given as evidence ({pre.pledges.required} required).
        </p>
      ) : null}
      {sa ? (
        <>
          <p>
            <strong>Latest self-assessment</strong> ({formatDate(sa.submitted_at)}): overall {Math.round(sa.overall)} / 100
          </p>
          <ul className="evidence-list" aria-label="Self-assessment scores">
            {sa.principles.map((p) => (
              <li key={p.key}>
                {p.name}: {Math.round(p.score)}
                {p.weak ? (
                  <>
                    {' '}
                    <Badge tone="warning">weak</Badge>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
          {pre.readiness ? (
            <p>
              <strong>Readiness for {pre.readiness.name}:</strong>{' '}
              <Badge tone={pre.readiness.ready ? 'success' : 'warning'}>{pre.readiness.ready ? 'ready' : 'not yet ready'}</Badge> {pre.readiness.reason}
            </p>
          ) : null}
        </>
      ) : (
        <p className="muted">The organisation has not completed a self-assessment.</p>
      )}
    </section>
  );
}


// What the organisation changed on a criterion since the assessor asked for amendments.
function ChangesSinceReview({ change }: { change: CriterionChange }) {
  return (
    <div className="changes-since">
      <Badge tone="info">Changed since amendments were asked for</Badge>
      <ul>
        {change.added.map((t, i) => (
          <li key={`a${i}`}>Added: {t}</li>
        ))}
        {change.removed.map((t, i) => (
          <li key={`r${i}`}>Taken away: {t}</li>
        ))}
      </ul>
    </div>
  );
}

export function ApplicationPage() {
  const { id = '' } = useParams();
  const { api, user } = useAuth();
  const toast = useToast();
  const data = useLoad(async () => {
    const app = await api.getApplication(id);
    const [schemes, eligibility, fee, dashboard] = await Promise.all([
      api.listSchemes(),
      api.getApplicationEligibility(id),
      api.getFee(id),
      api.getDashboard(app.organisation_id).catch(() => null),
    ]);
    const assessors =
      user?.platform_role === 'administrator'
        ? (await api.listUsers({ limit: 200 })).items.filter((u) => u.platform_role === 'assessor')
        : [];
    const changes = app.previous_application_id ? (await api.getChanges(id)).items : [];
    const certificate = app.certificate_id ? await api.getCertificate(app.certificate_id).catch(() => null) : null;
    const staff = user?.platform_role === 'administrator' || user?.platform_role === 'assessor';
    const preAudit = staff && app.state !== 'draft' ? await api.getPreAudit(id).catch(() => null) : null;
    const round = app.round_id ? ((await api.listRounds().catch(() => ({ items: [] }))).items.find((r) => r.id === app.round_id) ?? null) : null;
    const [amendments, timeline] = await Promise.all([
      app.amendment_cycles > 0 ? api.getAmendments(id).then((p) => p.items) : Promise.resolve([]),
      api.getTimeline(id).then((p) => p.items).catch(() => []),
    ]);
    return { app, schemes, eligibility, fee, dashboard, assessors, certificate, changes, preAudit, round, amendments, timeline };
  }, [api, id, user?.platform_role]);
  const [actionError, setActionError] = useState<string | null>(null);
  const [assessorId, setAssessorId] = useState('');
  const [summary, setSummary] = useState('');
  const [reason, setReason] = useState('');
  const [deciding, setDeciding] = useState<'award' | 'reject' | null>(null);
  const [signing, setSigning] = useState<'lead' | 'senior_leader' | null>(null);
  const [readingTerms, setReadingTerms] = useState(false);
  const [acceptingTerms, setAcceptingTerms] = useState(false);
  useDocumentTitle(data.data ? `${data.data.app.scheme_name} level ${data.data.app.level}` : 'Application');
  const loadAppeal = useCallback(() => api.applicationAppeal(id), [api, id]);
  const fileAppeal = useCallback((grounds: string) => api.appealRejection(id, grounds), [api, id]);

  if (data.status === 'loading' && !data.data) return <Loading label="Loading the application…" />;
  if (data.status === 'error' && !data.data) {
    if (data.error.isNotFound) return <NotFoundState what="application" />;
    return <ErrorState error={data.error} onRetry={data.reload} />;
  }
  if (!data.data || !user) return null;
  const { app, schemes, eligibility, fee, dashboard, assessors, certificate, changes, preAudit, round, amendments, timeline } = data.data;
  const scheme = schemes.items.find((s) => s.id === app.scheme_id && s.version === app.scheme_version);
  const level = scheme?.levels.find((l) => l.number === app.level);
  // The terms accepted, or those the scheme asks to accept now.
  const termsId = app.terms_version ?? scheme?.terms ?? null;
  // Criteria by their stage and place ("Do, criterion 1"), never by their code.
  const criteria = criterionWords(level);
  // What is still to do, as sentences: the server names a criterion without evidence by its code.
  const stillToDo = (p: { field: string; message: string }) => {
    const words = p.field.startsWith('evidence.') ? criteria.get(p.field.slice('evidence.'.length)) : undefined;
    const text = words ? `${words.name} has no evidence yet` : enumsInWords(p.message);
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  const myRole = dashboard?.my_role ?? null;
  const editable = app.state === 'draft' || app.state === 'amendments_requested';
  const isLead = myRole === 'lead';
  const isAdmin = user.platform_role === 'administrator';
  const isAssessor = app.assessor_id === user.id && app.state === 'in_review';
  // The conversation about the criteria: open once an assessor is allocated, until the decision.
  const conversationOpen = !!app.assessor_id && !['draft', 'awarded', 'rejected'].includes(app.state);
  const isAllocated = app.assessor_id === user.id && user.platform_role === 'assessor';
  const canConverse = conversationOpen && (isAllocated || myRole === 'lead' || myRole === 'senior_leader');
  const memberName = (uid: string | null) => dashboard?.members.find((m) => m.user_id === uid)?.name ?? 'someone';

  const act = async (what: () => Promise<Application>, done: string) => {
    setActionError(null);
    try {
      await what();
      await data.reload();
      toast.notify(done);
    } catch (err) {
      // A refused submission lists what is missing, criteria by their codes: say it in words.
      const fields = err instanceof ApiError ? err.fields.filter((f) => f.field.startsWith('evidence.') || f.field.startsWith('sign_offs.')) : [];
      setActionError(fields.length > 0 ? `Not submitted. ${fields.map(stillToDo).join('. ')}.` : message(err));
    }
  };
  const canSignAs = (role: 'lead' | 'senior_leader') =>
    editable &&
    myRole === role &&
    (role === 'lead' ? dashboard?.organisation.representatives.lead_user_id : dashboard?.organisation.representatives.senior_leader_user_id) === user.id &&
    (app.missing_sign_offs ?? []).includes(role);

  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        {dashboard ? (
          <Link to={`/organisations/${encodeURIComponent(app.organisation_id)}/certification`}>{dashboard.organisation.name}: certification</Link>
        ) : (
          <Link to="/staff/applications">Review queue</Link>
        )}
      </nav>
      <div className="page-head">
        <div>
          <p className="eyebrow">{app.scheme_name} · version {app.scheme_version}</p>
          <h1>
            Level {app.level}: {app.level_name}
          </h1>
          <p className="page-head__meta">
            <Badge tone={app.recommended_outcome === 'rejection' && app.state === 'recommended' ? 'warning' : applicationStateTone(app.state)}>
              {app.recommended_outcome === 'rejection' && app.state === 'recommended' ? 'Rejection recommended' : APPLICATION_STATE_LABEL[app.state]}
            </Badge>
            {app.results_due ? <> · results due {formatDate(app.results_due)}</> : null}
            {app.expires_on ? <> · valid until {formatDate(app.expires_on)}</> : null}
            {app.renewal ? <> · renewal</> : null}
          </p>
        </div>
      </div>
      <FormAlert message={actionError} title="That did not work" />
      <SignOffDialog
        api={api}
        application={app}
        role={signing}
        onClose={() => setSigning(null)}
        onSigned={() => {
          setSigning(null);
          void data.reload();
          toast.notify('Signed off: your declaration is recorded');
        }}
      />
      <ConfirmDialog
        open={deciding !== null}
        title={deciding === 'award' ? `Award ${app.scheme_name} level ${app.level} (${app.level_name})?` : 'Reject this application?'}
        confirmLabel={deciding === 'award' ? 'Award and issue the certificate' : 'Reject the application'}
        danger={deciding === 'reject'}
        onCancel={() => setDeciding(null)}
        onConfirm={() => {
          const step = deciding;
          setDeciding(null);
          if (step === 'award') void act(() => api.award(app.id), 'Award confirmed');
          if (step === 'reject') void act(() => api.reject(app.id, reason), 'Application rejected');
        }}
      >
        {deciding === 'award' ? (
          <p>
            {dashboard?.organisation.name ?? 'The organisation'} is awarded this level at once: a signed certificate is issued, valid for {scheme?.validity_months ?? 24} months, listed in the public register
            and verifiable by anyone; its representatives are emailed. An award cannot be undone, only suspended or revoked.
          </p>
        ) : (
          <>
            <p>The application ends as rejected, and its representatives are emailed these reasons:</p>
            <blockquote className="quote">{reason}</blockquote>
          </>
        )}
      </ConfirmDialog>
      {app.state === 'awarded' && certificate ? (
        <CertificatePanel
          api={api}
          certificateId={certificate.certificate.id}
          code={certificate.certificate.verification_code}
          awardedOn={app.awarded_on}
          canDecide={isAdmin}
        />
      ) : null}
      {app.state === 'rejected' ? <Notice tone="warning">Rejected: {app.decision_reason}</Notice> : null}
      {app.state === 'rejected' ? <AppealPanel load={loadAppeal} file={fileAppeal} /> : null}
      {app.state === 'amendments_requested' ? (
        <Notice tone="warning">The assessor asked for amendments: see the feedback on each criterion, change the evidence, sign off again and resubmit.</Notice>
      ) : null}

      <div className="dashboard">
        <div className="dashboard__col">
          <section className="panel" aria-labelledby="status-title">
            <div className="panel__head">
              <h2 id="status-title">Where it stands</h2>
            </div>
            {editable ? <EligibilityList eligibility={eligibility} orgId={app.organisation_id} /> : <p>{STANDING[app.state] ?? APPLICATION_STATE_LABEL[app.state]}</p>}
            {round ? (
              <p>
                <strong>Round:</strong> {round.name}, {formatDate(round.opens_on)} to {formatDate(round.closes_on)}
                {app.results_due ? <>; results due by {formatDate(app.results_due)}</> : null}
              </p>
            ) : null}
            {editable && !eligibility.complete ? (
              <div className="eligibility">
                <p className="eligibility__title">Still to do before submitting:</p>
                <ul>
                  {eligibility.incomplete.map((p) => (
                    <li key={p.field}>{stillToDo(p)}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <p>
              <strong>Fee:</strong> {formatPrice(fee.net, fee.currency)} + VAT {formatPrice(fee.vat, fee.currency)} ={' '}
              <strong>{formatPrice(fee.gross, fee.currency)}</strong> <span className="muted small">(VAT at {fee.vat_percent} %)</span>
            </p>
            <p>
              <strong>Terms and conditions:</strong>{' '}
              {app.terms_accepted_at
                ? `accepted by ${memberName(app.terms_accepted_by)} on ${formatTime(app.terms_accepted_at)}`
                : 'not yet accepted'}
              {termsId ? (
                <>
                  {' '}
                  <button type="button" className="link-button" onClick={() => setReadingTerms(true)}>
                    {app.terms_accepted_at ? 'Read the terms accepted' : 'Read the terms'}
                  </button>
                </>
              ) : null}
            </p>
            {isLead && app.state === 'draft' && !app.terms_accepted_at ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => (termsId ? setAcceptingTerms(true) : act(() => api.acceptTerms(app.id), 'Terms accepted'))}
              >
                Read and accept the terms and conditions
              </button>
            ) : null}
            {termsId ? (
              <TermsDialog
                api={api}
                termsId={termsId}
                open={readingTerms || acceptingTerms}
                onClose={() => {
                  setReadingTerms(false);
                  setAcceptingTerms(false);
                }}
                onAccept={
                  acceptingTerms
                    ? async () => {
                        await api.acceptTerms(app.id);
                        setAcceptingTerms(false);
                        await data.reload();
                        toast.notify('Terms accepted');
                      }
                    : undefined
                }
              />
            ) : null}
          </section>

          <section className="panel" aria-labelledby="signoff-title">
            <div className="panel__head">
              <h2 id="signoff-title">Sign-off</h2>
            </div>
            <p className="muted small">Both representatives agree all the evidence; any change to it needs their sign-off again.</p>
            {canSignAs('lead') || canSignAs('senior_leader') ? <ConfirmEmailBanner blocked="sign off the evidence" /> : null}
            <ul className="signoffs">
              {(['lead', 'senior_leader'] as const).map((role) => {
                const s = app.sign_offs.find((x) => x.role === role);
                return (
                  <li key={role}>
                    {role === 'lead' ? 'Social Value Lead' : 'Social Value Senior Leader'}:{' '}
                    {s ? (
                      <Badge tone="success">
                        signed by {memberName(s.user_id)}, {formatTime(s.at)}
                      </Badge>
                    ) : (
                      <Badge tone="warning">not signed</Badge>
                    )}{' '}
                    {canSignAs(role) ? (
                      <button type="button" className="button button--primary button--small" onClick={() => setSigning(role)}>
                        Sign off as {orgRoleLabel(role)}
                      </button>
                    ) : null}
                  </li>
                );
              })}
            </ul>
            {isLead && editable ? (
              <>
                <button
                  type="button"
                  className="button button--primary"
                  disabled={!eligibility.eligible || !eligibility.complete}
                  aria-describedby={!eligibility.eligible || !eligibility.complete ? 'submit-why' : undefined}
                  onClick={() => act(() => api.submitApplication(app.id), 'Application submitted')}
                >
                  {app.state === 'amendments_requested' ? 'Resubmit with the amendments' : 'Submit the application'}
                </button>
                {!eligibility.eligible || !eligibility.complete ? (
                  <p id="submit-why" className="muted small">
                    It can be submitted once everything under “Where it stands” is done.
                  </p>
                ) : null}
              </>
            ) : null}
          </section>

          {preAudit ? <PreAuditPanel pre={preAudit} /> : null}

          {isAssessor ? (
            <section className="panel" aria-labelledby="assess-title">
              <div className="panel__head">
                <h2 id="assess-title">Your review</h2>
              </div>
              <p>
                {app.met_percent} % of the criteria met; the pass mark is {app.pass_mark_percent} %.
              </p>
              <button type="button" className="button button--secondary" onClick={() => act(() => api.requestAmendments(app.id), 'Amendments requested')}>
                Ask for amendments
              </button>
              <TextAreaField
                id="recommend-summary"
                label="Summary of your recommendation"
                hint="For a rejection, the reasons: the administrator and the organisation read them."
                value={summary}
                onChange={(e) => setSummary(e.target.value)}
              />
              <div className="button-row">
                <button type="button" className="button button--primary" onClick={() => act(() => api.recommend(app.id, summary), 'Recommended for award')}>
                  Recommend the award
                </button>
                <button type="button" className="button button--danger" onClick={() => act(() => api.recommend(app.id, summary, 'rejection'), 'Rejection recommended')}>
                  Recommend rejection
                </button>
              </div>
            </section>
          ) : null}

          <ApplicationTimeline events={timeline} />

          {isAdmin ? (
            <section className="panel" aria-labelledby="admin-title">
              <div className="panel__head">
                <h2 id="admin-title">Administration</h2>
              </div>
              {app.assessor_id ? <p>Assessor: {assessors.find((a) => a.id === app.assessor_id)?.name ?? 'someone who is no longer an assessor'}</p> : null}
              {['submitted', 'queued', 'in_review'].includes(app.state) && level?.verified !== false ? (
                <div className="form-row">
                  <SelectField id="allocate-assessor" label="Assessor" value={assessorId} onChange={(e) => setAssessorId(e.target.value)}>
                    <option value="">Choose an assessor</option>
                    {assessors.map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name} ({a.email})
                      </option>
                    ))}
                  </SelectField>
                  <button type="button" className="button button--secondary form-row__button" onClick={() => act(() => api.allocateAssessor(app.id, assessorId), 'Assessor allocated')}>
                    Allocate
                  </button>
                </div>
              ) : null}
              {app.recommendation ? (
                <p>
                  {app.recommended_outcome === 'rejection' ? 'The assessor recommends rejection: ' : 'The assessor recommends the award: '}
                  {app.recommendation}
                </p>
              ) : null}
              {app.state === 'recommended' && app.recommended_outcome === 'rejection' && !reason ? (
                <button type="button" className="button button--secondary" onClick={() => setReason(app.recommendation ?? '')}>
                  Use the assessor’s reasons
                </button>
              ) : null}
              {(app.state === 'recommended' && app.recommended_outcome !== 'rejection') || (app.state === 'submitted' && level?.verified === false) ? (
                <button type="button" className="button button--primary" onClick={() => setDeciding('award')}>
                  Confirm the award…
                </button>
              ) : null}
              {!['draft', 'awarded', 'rejected'].includes(app.state) ? (
                <>
                  <TextAreaField id="reject-reason" label="Reasons for rejection" value={reason} onChange={(e) => setReason(e.target.value)} />
                  <button
                    type="button"
                    className="button button--danger"
                    onClick={() => (reason.trim() ? setDeciding('reject') : setActionError('Write the reasons for rejection first: the organisation reads them.'))}
                  >
                    Reject…
                  </button>
                </>
              ) : null}
            </section>
          ) : null}
        </div>

        <div className="dashboard__col">
          {level?.stages.map((stage) => (
            <section className="panel" key={stage.name} aria-label={`Stage: ${stage.name}`}>
              <div className="panel__head">
                <h2>{stage.name}</h2>
              </div>
              {stage.criteria.map((c, i) => {
                const words = criteria.get(c.id) ?? { stage: stage.name, number: i + 1, name: `${stage.name}, criterion ${i + 1}`, text: c.text };
                const evidence = app.evidence.filter((e) => e.criterion_id === c.id);
                const review = app.reviews.find((r) => r.criterion_id === c.id);
                const change = changes.find((d) => d.criterion_id === c.id)?.change;
                const amended = amendments.find((d) => d.criterion_id === c.id && d.change !== 'unchanged');
                return (
                  <article key={c.id} className="criterion" aria-label={words.name}>
                    <h3 className="criterion__title">
                      <span className="criterion__id">
                        <span className="visually-hidden">{stage.name}, </span>Criterion {words.number}
                      </span>{' '}
                      {c.text}
                    </h3>
                    <p className="muted small">Evidence: {c.evidence_guidance}</p>
                    <CriterionHelpLink id={c.id} context={words.name} />
                    {change ? (
                      <p>
                        <Badge tone={change === 'unchanged' ? 'neutral' : 'info'}>
                          {change === 'unchanged' ? 'Unchanged since the last award' : change === 'changed' ? 'Changed since the last award' : 'New since the last award'}
                        </Badge>
                      </p>
                    ) : null}
                    {evidence.length === 0 ? (
                      <p>
                        <Badge tone="warning">No evidence yet</Badge>
                      </p>
                    ) : (
                      <ul className="evidence-list">
                        {evidence.map((e) => (
                          <li key={e.id}>
                            {e.kind === 'link' && e.url ? (
                              <a href={e.url} rel="noreferrer noopener" target="_blank">
                                {e.title}
                              </a>
                            ) : e.kind === 'file' ? (
                              <a href={api.evidenceFileUrl(app.id, e.id)} download>
                                {e.title} ({Math.max(1, Math.round((e.size_bytes ?? 0) / 1024))} KB)
                              </a>
                            ) : (
                              <RecordEvidence orgId={app.organisation_id} item={e} />
                            )}
                            {isLead && editable ? (
                              <button type="button" className="link-button" onClick={() => act(() => api.removeEvidence(app.id, e.id), 'Evidence removed')}>
                                Remove<span className="visually-hidden"> {e.title}</span>
                              </button>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    )}
                    {amended ? <ChangesSinceReview change={amended} /> : null}
                    {review ? (
                      <p className="review">
                        <Badge tone={review.verdict === 'met' ? 'success' : review.verdict === 'not_met' ? 'danger' : 'warning'}>
                          {VERDICT_LABEL[review.verdict]}
                        </Badge>{' '}
                        {review.feedback}
                      </p>
                    ) : null}
                    {isLead && editable ? (
                      <EvidenceForm
                        criterion={c}
                        words={words}
                        appId={app.id}
                        onAdd={async (body) => {
                          await api.addEvidence(app.id, { criterion_id: c.id, ...body });
                          await data.reload();
                          toast.notify('Evidence added');
                        }}
                        onUpload={async (title, file) => {
                          await api.uploadEvidence(app.id, c.id, title, file);
                          await data.reload();
                          toast.notify('File added');
                        }}
                      />
                    ) : null}
                    <CriterionConversation
                      criterionId={c.id}
                      words={words}
                      messages={app.messages.filter((m) => m.criterion_id === c.id)}
                      canWrite={canConverse}
                      asAssessor={isAllocated}
                      onSend={async (body) => {
                        await api.writeMessage(app.id, c.id, body);
                        await data.reload();
                        toast.notify(isAllocated ? 'Sent: the organisation is emailed' : 'Sent: the assessor is emailed');
                      }}
                    />
                    {isAssessor ? (
                      <VerdictForm
                        criterion={c}
                        words={words}
                        initial={review ? { verdict: review.verdict, feedback: review.feedback } : undefined}
                        onSave={async (v, f) => {
                          await api.recordVerdict(app.id, c.id, v, f);
                          await data.reload();
                          toast.notify(`Verdict on ${words.name} saved`);
                        }}
                      />
                    ) : null}
                  </article>
                );
              })}
            </section>
          ))}
        </div>
      </div>
      {toast.element}
    </div>
  );
}
