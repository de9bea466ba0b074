// /organisations/:id/consultant — the organisation's consultant (the Social
// Value Quality Mark's allocated consultant): what they have written, read by
// the organisation's members; an explanation when there is none; engagements
// closed earlier below, folded away. An administrator allocates a consultant
// here and closes an active engagement (after confirming).
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Scheme, User } from '../../api';
import type { Engagement } from '../../api/engagements';
import { useAuth } from '../../auth/AuthContext';
import { SelectField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Badge, EmptyState, ErrorState, Loading, NotFoundState } from '../../components/States';
import { useToast } from '../../components/Toast';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useLoad } from '../../hooks/useLoad';
import { ENGAGEMENT_STATUS_LABEL, engagementStatusTone } from '../../lib/engagements';
import { asSentence, formatDate } from '../../lib/format';
import { latestSchemes, schemeLabel } from '../../lib/schemes';
import { CloseDialog, useCloseEngagement } from './EngagementPage';
import { EngagementDetails, EngagementFacts } from './EngagementDetails';
import { useEngagementsApi } from './useEngagementsApi';
import './engagements.css';

/** What an allocated consultant does, in the words of the Social Value Quality Mark. */
function WhatAConsultantDoes({ name }: { name: string }) {
  return (
    <EmptyState title={`${name} has no consultant allocated`}>
      <p>
        For the Social Value Quality Mark, the certifying body allocates a social value consultant. They review your needs and your progress
        towards the mark, set out recommendations and options, provide training, mentoring and consultancy, carry out a pre-audit to see whether
        you are ready to apply, and later the on-site audit that verifies your work.
      </p>
      <p>Once one is allocated, what they write for you appears here, and your Social Value Lead and Senior Leader are emailed.</p>
    </EmptyState>
  );
}

const FIELDS = ['scheme_id', 'consultant_id'] as const;

function AllocateForm({
  orgName,
  schemes,
  assessors,
  onAllocate,
}: {
  orgName: string;
  schemes: Scheme[];
  assessors: User[];
  onAllocate: (schemeId: string, consultantId: string) => Promise<void>;
}) {
  const [schemeId, setSchemeId] = useState(() => (schemes.some((s) => s.id === 'svqm') ? 'svqm' : schemes[0]?.id ?? ''));
  const [consultantId, setConsultantId] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstError = () =>
    window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .alert[tabindex]')?.focus(), 0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const own: Partial<Record<(typeof FIELDS)[number], string>> = {};
    if (!schemeId) own.scheme_id = 'Choose the scheme the consultant is for.';
    if (!consultantId) own.consultant_id = 'Choose a consultant.';
    if (Object.keys(own).length > 0) {
      errors.setFieldErrors(own);
      errors.setFormError(null);
      focusFirstError();
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      await onAllocate(schemeId, consultantId);
      setConsultantId('');
    } catch (err) {
      errors.fromError(err);
      focusFirstError();
    } finally {
      setBusy(false);
    }
  };

  const fe = errors.fieldErrors;
  return (
    <form ref={formRef} onSubmit={submit} noValidate className="eng-allocate">
      <FormAlert message={errors.formError} title="The consultant was not allocated" />
      <div className="form-row">
        <SelectField
          id="allocate-scheme"
          label="Scheme"
          value={schemeId}
          onChange={(e) => setSchemeId(e.target.value)}
          error={fe.scheme_id ? asSentence(fe.scheme_id) : null}
        >
          {schemes.length === 0 ? <option value="">No scheme is published</option> : null}
          {schemes.map((s) => (
            <option key={s.id} value={s.id}>
              {schemeLabel(s, schemes)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="allocate-consultant"
          label="Consultant"
          hint={`An assessor who is not a member of ${orgName}. They are emailed, and so are its representatives.`}
          value={consultantId}
          onChange={(e) => setConsultantId(e.target.value)}
          error={fe.consultant_id ? asSentence(fe.consultant_id) : null}
        >
          <option value="">Choose a consultant</option>
          {assessors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.email})
            </option>
          ))}
        </SelectField>
      </div>
      {assessors.length === 0 ? (
        <p className="muted small">
          Nobody has the assessor role yet: give it to someone on the <Link to="/staff/users">Users</Link> page first.
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
          {busy ? 'Allocating…' : 'Allocate the consultant'}
        </button>
      </div>
    </form>
  );
}

export function ConsultantPage() {
  const { id = '' } = useParams();
  const { api, user } = useAuth();
  const engagementsApi = useEngagementsApi();
  const toast = useToast();
  const isAdmin = user?.platform_role === 'administrator';
  const data = useLoad(() => Promise.all([api.getOrganisation(id), engagementsApi.forOrganisation(id)]), [api, engagementsApi, id]);
  // What the administrator chooses from: the schemes and the active assessors.
  const choices = useLoad(
    async (): Promise<{ schemes: Scheme[]; assessors: User[] } | null> => {
      if (!isAdmin) return null;
      const [schemes, users] = await Promise.all([api.listSchemes(), api.listUsers({ role: 'assessor', status: 'active', limit: 200 })]);
      return { schemes: latestSchemes(schemes.items), assessors: users.items.filter((u) => u.platform_role === 'assessor') };
    },
    [api, isAdmin],
  );
  const close = useCloseEngagement(async (closed) => {
    await data.reload();
    toast.notify(`The engagement with ${closed.consultant_name} is closed`);
  });
  const org = data.data?.[0];
  useDocumentTitle(org ? `Consultant of ${org.name}` : data.status === 'error' && data.error.isNotFound ? 'Not found' : 'Consultant');

  const { active, closed } = useMemo(() => {
    const all: Engagement[] = data.data?.[1] ?? [];
    return { active: all.filter((e) => e.status === 'active'), closed: all.filter((e) => e.status === 'closed') };
  }, [data.data]);

  if (data.status === 'loading' && !data.data) return <Loading label="Loading the consultant…" />;
  if (data.status === 'error' && !data.data) {
    if (data.error.isNotFound) return <NotFoundState what="organisation" />;
    return (
      <div className="page">
        <h1>Consultant</h1>
        <ErrorState error={data.error} onRetry={() => void data.reload()} />
      </div>
    );
  }
  if (!org) return null;

  const orgPath = `/organisations/${encodeURIComponent(id)}`;
  const allocate = async (schemeId: string, consultantId: string) => {
    const made = await engagementsApi.allocate(id, { scheme_id: schemeId, consultant_id: consultantId });
    await data.reload();
    toast.notify(`${made.consultant_name} is now ${org.name}’s consultant for the ${made.scheme_name}`);
  };

  return (
    <div className="page eng-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Your organisations</Link> <span aria-hidden="true">›</span> <Link to={orgPath}>{org.name}</Link>
      </nav>
      <div className="page-head">
        <div>
          <p className="eyebrow">Certification</p>
          <h1>Consultant</h1>
          <p className="lead">
            The consultant the certifying body allocates to {org.name}: their review of your needs, their recommendations, your training and
            mentoring plan, the sessions held and the audits.
          </p>
        </div>
      </div>
      {data.status === 'error' ? <ErrorState error={data.error} onRetry={() => void data.reload()} title="The page could not be refreshed" /> : null}

      {active.length === 0 ? <WhatAConsultantDoes name={org.name} /> : null}
      {active.map((e) => {
        const titleId = `eng-${e.id}-title`;
        const mine = e.consultant_id === user?.id;
        return (
          <section key={e.id} className="panel eng-engagement" aria-labelledby={titleId}>
            <div className="panel__head">
              <h2 id={titleId}>
                {e.scheme_name} <Badge tone={engagementStatusTone(e.status)}>{ENGAGEMENT_STATUS_LABEL[e.status]}</Badge>
              </h2>
              <div className="button-row eng-engagement__actions">
                {e.may_write ? (
                  <Link to={`/engagements/${encodeURIComponent(e.id)}`} className="button button--primary button--small">
                    Edit the engagement
                  </Link>
                ) : (
                  <Link to={`/engagements/${encodeURIComponent(e.id)}`} className="button button--secondary button--small">
                    Open on its own page
                  </Link>
                )}
                {isAdmin || mine ? (
                  <button
                    type="button"
                    className="button button--danger button--small"
                    aria-label={`Close the engagement for the ${e.scheme_name}`}
                    onClick={() => close.ask(e)}
                  >
                    Close
                  </button>
                ) : null}
              </div>
            </div>
            <EngagementFacts e={e} scheme={false} />
            <EngagementDetails e={e} level={3} />
          </section>
        );
      })}

      {isAdmin ? (
        <section className="panel" aria-labelledby="eng-allocate-title">
          <h2 id="eng-allocate-title">Allocate a consultant</h2>
          <p className="muted">One consultant at a time for each scheme: close the active engagement first to allocate someone else.</p>
          {choices.status === 'error' ? (
            <ErrorState error={choices.error} onRetry={() => void choices.reload()} title="The schemes and assessors could not be loaded" />
          ) : choices.data ? (
            // Made anew whenever an engagement opens or closes, so that a refusal
            // ("close that engagement first") does not outlive its cause.
            <AllocateForm
              key={active.map((e) => e.id).join(' ')}
              orgName={org.name}
              schemes={choices.data.schemes}
              assessors={choices.data.assessors}
              onAllocate={allocate}
            />
          ) : (
            <Loading label="Loading the schemes and assessors…" />
          )}
        </section>
      ) : null}

      {closed.length > 0 ? (
        <section className="eng-closed" aria-labelledby="eng-closed-title">
          <h2 id="eng-closed-title">Closed engagements</h2>
          {closed.map((e) => (
            <details key={e.id} className="panel eng-closed__item">
              <summary>
                <span className="eng-closed__summary">
                  <span className="eng-closed__name">
                    {e.scheme_name}, with {e.consultant_name}
                  </span>
                  <Badge tone="neutral">Closed</Badge>
                  <span className="muted small">
                    {formatDate(e.allocated_at)} to {formatDate(e.updated_at)}
                  </span>
                </span>
              </summary>
              <EngagementFacts e={e} />
              <EngagementDetails e={e} level={3} />
            </details>
          ))}
        </section>
      ) : null}
      <CloseDialog close={close} />
      {toast.element}
    </div>
  );
}
