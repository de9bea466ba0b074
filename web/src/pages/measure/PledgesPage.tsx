// Pledges (SVQM level 1: an owner, a due date within 12 months, progress,
// overdue flags, reminders by email) and the decision log (change, stop or
// scale up, linked to the impact-map version that motivated it).
import './measure.css';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api';
import { createMeasureApi, type Decision, type DecisionKind, type Pledge } from '../../api/measure';
import type { SurveySummary } from '../surveys/types';
import { useAuth } from '../../auth/AuthContext';
import { CsvButton } from '../../components/CsvButton';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Badge, EmptyState, ErrorState, Loading, NotFoundState } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { useFormErrors } from '../../hooks/useFormErrors';
import { formatDate, formatTime } from '../../lib/format';
import { fieldInWords, mayDecide } from '../../lib/labels';
import { hasErrors, type FieldErrors } from '../../lib/validation';
import {
  DECISION_FIELDS,
  DECISION_FIELD_MAP,
  DECISION_TITLE_MAX,
  PLEDGE_FIELDS,
  PLEDGE_TITLE_MAX,
  RATIONALE_MAX,
  checkDecision,
  checkPledge,
  dayFrom,
  messageForPeople,
  type DecisionField,
  type PledgeField,
} from './pledgeForms';

const KIND_LABEL: Record<DecisionKind, string> = { change: 'Change', stop: 'Stop', scale_up: 'Scale up' };

const today = (offsetDays = 0) => dayFrom(new Date(), offsetDays);

/** A refusal of a change made outside the forms (progress, done, reminders), in words. */
function problem(err: unknown): string {
  if (err instanceof ApiError && err.fields.length > 0)
    return err.fields.map((f) => (f.field ? `${fieldInWords(f.field)}: ${messageForPeople(f.message)}` : messageForPeople(f.message))).join(' ');
  return err instanceof Error ? messageForPeople(err.message) : String(err);
}

/** A field's message as shown beside it. */
const beside = (message: string | undefined) => (message ? messageForPeople(message) : undefined);

/**
 * The form's errors shown, and focus on the first field with one, once it is
 * marked, so that a screen reader reads the field with its message.
 */
function useFocusFirstError<K extends string>(errors: FieldErrors<K>, order: readonly K[], idOf: (field: K) => string) {
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (attempt === 0) return;
    const first = order.find((f) => errors[f]);
    if (first) document.getElementById(idOf(first))?.focus();
    // Only after a submission: not while the person corrects the fields.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once for each attempt
  }, [attempt]);
  return () => setAttempt((n) => n + 1);
}

/**
 * A form's submission: the problems found here first, each beside its field
 * with focus on the first; then `send`, whose refusal is placed the same way.
 */
function useCheckedSubmit<K extends string>(
  errors: ReturnType<typeof useFormErrors<K>>,
  focusFirst: () => void,
) {
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent, found: FieldErrors<K>, send: () => Promise<void>) => {
    e.preventDefault();
    if (hasErrors(found)) {
      errors.setFieldErrors(found);
      errors.setFormError(null);
      focusFirst();
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      await send();
    } catch (err) {
      errors.fromError(err);
      focusFirst();
    } finally {
      setBusy(false);
    }
  };
  return { busy, submit };
}

/** A decision corrected in place: its words, when and by whom it was decided. */
function CorrectDecision({
  decision,
  members,
  onSave,
  onCancel,
}: {
  decision: Decision;
  members: { user_id: string; name: string }[];
  onSave: (fields: { title: string; rationale: string; decided_on: string; decided_by: string; version: number }) => Promise<void>;
  onCancel: () => void;
}) {
  const [f, setF] = useState({ title: decision.title, rationale: decision.rationale, decided_on: decision.decided_on, decided_by: decision.decided_by });
  const errors = useFormErrors(DECISION_FIELDS, DECISION_FIELD_MAP);
  const key = `correct-${decision.id}`;
  const ids: Partial<Record<DecisionField, string>> = { title: `${key}-title`, rationale: `${key}-rationale`, decided_on: `${key}-on`, decided_by: `${key}-by` };
  const focusFirst = useFocusFirstError(errors.fieldErrors, DECISION_FIELDS, (field) => ids[field] ?? '');
  const { busy, submit: checkAndSend } = useCheckedSubmit(errors, focusFirst);
  const submit = (e: FormEvent) =>
    checkAndSend(e, checkDecision(f), () =>
      onSave({ ...f, title: f.title.trim(), rationale: f.rationale.trim(), version: decision.version }),
    );
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="subpanel" aria-label={`Correct the decision “${decision.title}”`}>
      <FormAlert message={errors.formError} title="The correction was not saved" />
      <TextField
        id={ids.title}
        label="Decision"
        value={f.title}
        maxLength={DECISION_TITLE_MAX}
        showCount
        onChange={(e) => setF({ ...f, title: e.target.value })}
        error={beside(errors.fieldErrors.title)}
      />
      <TextAreaField
        id={ids.rationale}
        label="Why"
        value={f.rationale}
        maxLength={RATIONALE_MAX}
        showCount
        onChange={(e) => setF({ ...f, rationale: e.target.value })}
        error={beside(errors.fieldErrors.rationale)}
      />
      <div className="form-row">
        <TextField
          id={ids.decided_on}
          label="Decided on"
          type="date"
          max={today(1)}
          value={f.decided_on}
          onChange={(e) => setF({ ...f, decided_on: e.target.value })}
          error={beside(errors.fieldErrors.decided_on)}
        />
        <SelectField
          id={ids.decided_by}
          label="Decided by"
          value={f.decided_by}
          onChange={(e) => setF({ ...f, decided_by: e.target.value })}
          error={beside(errors.fieldErrors.decided_by)}
        >
          {members.map((m) => (
            <option key={m.user_id} value={m.user_id}>
              {m.name}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
          {busy ? 'Saving…' : 'Save the correction'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
      <p className="field__hint">The decision as it was stays in its history.</p>
    </form>
  );
}

/**
 * A new pledge. Its owner is chosen, never assumed: the signed-in person
 * when they are a member (shown as "(you)"), else nobody until chosen.
 */
export function PledgeForm({
  members,
  me,
  onMake,
}: {
  members: { user_id: string; name: string }[];
  me: string | undefined;
  onMake: (p: { title: string; owner_user_id: string; due_date: string }) => Promise<void>;
}) {
  const mine = members.some((m) => m.user_id === me) ? (me ?? '') : '';
  const blank = { title: '', owner_user_id: mine, due_date: today(90) };
  const [pledge, setPledge] = useState(blank);
  const errors = useFormErrors(PLEDGE_FIELDS);
  const ids: Record<PledgeField, string> = { title: 'pledge-title', owner_user_id: 'pledge-owner', due_date: 'pledge-due' };
  const focusFirst = useFocusFirstError(errors.fieldErrors, PLEDGE_FIELDS, (field) => ids[field]);
  const { busy, submit: checkAndSend } = useCheckedSubmit(errors, focusFirst);
  const submit = (e: FormEvent) =>
    checkAndSend(e, checkPledge(pledge), async () => {
      await onMake({ ...pledge, title: pledge.title.trim() });
      setPledge(blank);
    });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="subpanel" aria-label="Make a pledge">
      <FormAlert message={errors.formError} title="The pledge was not recorded" />
      <div className="form-row form-row--3">
        <TextField
          id={ids.title}
          label="Pledge"
          value={pledge.title}
          maxLength={PLEDGE_TITLE_MAX}
          showCount
          onChange={(e) => setPledge({ ...pledge, title: e.target.value })}
          error={beside(errors.fieldErrors.title)}
        />
        <SelectField
          id={ids.owner_user_id}
          label="Owner"
          value={pledge.owner_user_id}
          required
          onChange={(e) => setPledge({ ...pledge, owner_user_id: e.target.value })}
          error={beside(errors.fieldErrors.owner_user_id)}
        >
          <option value="">Choose who owns it</option>
          {members.map((m) => (
            <option key={m.user_id} value={m.user_id}>
              {m.user_id === me ? `${m.name} (you)` : m.name}
            </option>
          ))}
        </SelectField>
        <TextField
          id={ids.due_date}
          label="Due date (within 12 months)"
          type="date"
          min={today()}
          max={today(365)}
          value={pledge.due_date}
          onChange={(e) => setPledge({ ...pledge, due_date: e.target.value })}
          error={beside(errors.fieldErrors.due_date)}
        />
      </div>
      <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
        Make pledge
      </button>
    </form>
  );
}

interface DecisionDraft {
  kind: DecisionKind;
  title: string;
  rationale: string;
  map: string;
  survey: string;
}

/** A decision recorded, with the impact map or the survey results it rests on. */
function DecisionForm({
  maps,
  surveys,
  onRecord,
}: {
  maps: { id: string; name: string; version: number }[];
  surveys: { id: string; title: string }[];
  onRecord: (d: DecisionDraft) => Promise<void>;
}) {
  const blank: DecisionDraft = { kind: 'change', title: '', rationale: '', map: '', survey: '' };
  const [decision, setDecision] = useState(blank);
  const errors = useFormErrors(DECISION_FIELDS, DECISION_FIELD_MAP);
  const ids: Partial<Record<DecisionField, string>> = {
    kind: 'decision-kind',
    title: 'decision-title',
    rationale: 'decision-rationale',
    impact_map_id: 'decision-map',
    survey_id: 'decision-survey',
  };
  const focusFirst = useFocusFirstError(errors.fieldErrors, DECISION_FIELDS, (field) => ids[field] ?? '');
  const { busy, submit: checkAndSend } = useCheckedSubmit(errors, focusFirst);
  const submit = (e: FormEvent) =>
    checkAndSend(e, checkDecision(decision), async () => {
      await onRecord({ ...decision, title: decision.title.trim(), rationale: decision.rationale.trim() });
      setDecision(blank);
    });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="subpanel" aria-label="Record a decision">
      <FormAlert message={errors.formError} title="The decision was not recorded" />
      <div className="form-row">
        <SelectField
          id={ids.kind}
          label="Decision"
          value={decision.kind}
          onChange={(e) => setDecision({ ...decision, kind: e.target.value as DecisionKind })}
          error={beside(errors.fieldErrors.kind)}
        >
          {(Object.keys(KIND_LABEL) as DecisionKind[]).map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </SelectField>
        <TextField
          id={ids.title}
          label="What was decided"
          value={decision.title}
          maxLength={DECISION_TITLE_MAX}
          showCount
          onChange={(e) => setDecision({ ...decision, title: e.target.value })}
          error={beside(errors.fieldErrors.title)}
        />
        <SelectField
          id={ids.impact_map_id}
          label="Evidence (impact map)"
          value={decision.map}
          onChange={(e) => setDecision({ ...decision, map: e.target.value })}
          error={beside(errors.fieldErrors.impact_map_id)}
        >
          <option value="">None</option>
          {maps.map((m) => (
            <option key={m.id} value={`${m.id}@${m.version}`}>
              {m.name} (version {m.version})
            </option>
          ))}
        </SelectField>
        <SelectField
          id={ids.survey_id}
          label="Evidence (survey results)"
          value={decision.survey}
          onChange={(e) => setDecision({ ...decision, survey: e.target.value })}
          error={beside(errors.fieldErrors.survey_id)}
        >
          <option value="">None</option>
          {surveys.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        id={ids.rationale}
        label="Why"
        value={decision.rationale}
        maxLength={RATIONALE_MAX}
        showCount
        onChange={(e) => setDecision({ ...decision, rationale: e.target.value })}
        error={beside(errors.fieldErrors.rationale)}
      />
      <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
        Record decision
      </button>
    </form>
  );
}

export function PledgesPage() {
  const { id = '' } = useParams();
  const { api, user } = useAuth();
  const measure = useMemo(() => createMeasureApi(api.client), [api]);
  const dashboard = useLoad(() => api.getDashboard(id), [api, id]);
  const pledges = useLoad(() => measure.listPledges(id), [measure, id]);
  const decisions = useLoad(() => measure.listDecisions(id), [measure, id]);
  const maps = useLoad(() => measure.listMaps(id), [measure, id]);
  const surveys = useLoad(() => api.client.getAll<SurveySummary>(`/organisations/${encodeURIComponent(id)}/surveys`), [api, id]);
  const surveyTitle = (surveyId: string) => surveys.data?.items.find((s) => s.id === surveyId)?.title ?? 'a survey';
  useDocumentTitle('Pledges and decisions');

  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string; where: 'pledge' | 'decision' } | null>(null);
  const [correcting, setCorrecting] = useState<string | null>(null);

  if (dashboard.status === 'loading' && !dashboard.data) return <Loading label="Loading…" />;
  if (dashboard.status === 'error' && !dashboard.data)
    return dashboard.error.isNotFound ? <NotFoundState what="organisation" /> : <ErrorState error={dashboard.error} onRetry={dashboard.reload} />;
  const d = dashboard.data!;
  const role = d.my_role;
  const canDecide = mayDecide(role);
  const canRemind = role === 'lead';
  const nameOf = (userId: string) => d.members.find((m) => m.user_id === userId)?.name ?? 'Former member';

  const addPledge = async (p: { title: string; owner_user_id: string; due_date: string }) => {
    setMessage(null);
    await measure.createPledge(id, p);
    setMessage({ tone: 'success', text: 'Pledge recorded.', where: 'pledge' });
    pledges.reload();
  };

  const update = async (p: Pledge, change: Partial<Pledge>) => {
    try {
      await measure.updatePledge(id, p.id, { ...change, version: p.version });
      pledges.reload();
    } catch (err) {
      setMessage({ tone: 'error', text: problem(err), where: 'pledge' });
    }
  };

  const remind = async () => {
    try {
      const r = await measure.remindPledges(id);
      setMessage({ tone: 'success', text: r.queued === 1 ? '1 reminder queued.' : `${r.queued} reminders queued.`, where: 'pledge' });
    } catch (err) {
      setMessage({ tone: 'error', text: problem(err), where: 'pledge' });
    }
  };

  const addDecision = async (decision: DecisionDraft) => {
    setMessage(null);
    const [mapId, version] = decision.map ? decision.map.split('@') : ['', ''];
    await measure.recordDecision(id, {
      kind: decision.kind,
      title: decision.title,
      rationale: decision.rationale,
      ...(mapId ? { impact_map_id: mapId, impact_map_version: Number(version) } : {}),
      ...(decision.survey ? { survey_id: decision.survey } : {}),
    });
    setMessage({ tone: 'success', text: 'Decision recorded.', where: 'decision' });
    decisions.reload();
  };

  const alert = (where: 'pledge' | 'decision') =>
    message && message.where === where ? (
      <p className={`alert alert--${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
        {message.text}
      </p>
    ) : null;

  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/organisations/${encodeURIComponent(id)}`}>{d.organisation.name}</Link>
      </nav>
      <div className="page-head">
        <div>
          <p className="eyebrow">Manage</p>
          <h1>Pledges and decisions</h1>
          <p className="page-head__meta">What you have promised to do, and what you decided after looking at the evidence.</p>
        </div>
        <Link className="button button--secondary" to={`/organisations/${encodeURIComponent(id)}/impact-maps`}>
          Impact maps
        </Link>
      </div>

      <section className="panel" aria-labelledby="pledges-title">
        <div className="panel__head">
          <h2 id="pledges-title">Pledges</h2>
          <CsvButton
            title="Pledges"
            rows={pledges.data ?? []}
            columns={[
              { header: 'Pledge', value: (p) => p.title },
              { header: 'Description', value: (p) => p.description },
              { header: 'Owner', value: (p) => nameOf(p.owner_user_id) },
              { header: 'Due', value: (p) => p.due_date },
              { header: 'Progress (%)', value: (p) => p.progress },
              { header: 'Status', value: (p) => p.status },
              { header: 'Overdue', value: (p) => p.overdue },
            ]}
          />
          {canRemind ? (
            <button type="button" className="button button--secondary button--small" onClick={remind}>
              Email reminders for pledges due soon
            </button>
          ) : null}
        </div>
        {alert('pledge')}
        {pledges.status === 'loading' && !pledges.data ? (
          <Loading label="Loading pledges…" />
        ) : pledges.status === 'error' ? (
          <ErrorState error={pledges.error} onRetry={pledges.reload} />
        ) : pledges.data && pledges.data.length > 0 ? (
          <div className="table-card pledges-table">
            <table className="table">
              <caption className="visually-hidden">Pledges, soonest due first</caption>
              <thead>
                <tr>
                  <th scope="col">Pledge</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Due</th>
                  <th scope="col">Progress</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {pledges.data.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{p.title}</th>
                    <td>{nameOf(p.owner_user_id)}</td>
                    <td>
                      {formatDate(p.due_date)} {p.overdue ? <Badge tone="danger">Overdue</Badge> : null}
                    </td>
                    <td>
                      <label className="pledge-progress">
                        <span className="visually-hidden">Progress of “{p.title}” in per cent</span>
                        <input
                          type="range"
                          min={0}
                          max={100}
                          step={10}
                          value={p.progress}
                          disabled={!role || p.status !== 'open'}
                          onChange={(e) => update(p, { progress: Number(e.target.value) })}
                        />
                        <span>{p.progress} %</span>
                      </label>
                    </td>
                    <td>
                      {p.status === 'open' && role ? (
                        <button type="button" className="button button--secondary button--small" onClick={() => update(p, { status: 'done' })}>
                          Mark done<span className="visually-hidden">: “{p.title}”</span>
                        </button>
                      ) : (
                        <Badge tone={p.status === 'done' ? 'success' : 'neutral'}>{p.status === 'done' ? 'Done' : p.status === 'open' ? 'Open' : 'Dropped'}</Badge>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <EmptyState title="No pledges yet">A pledge is a commitment with an owner and a due date within the next 12 months.</EmptyState>
        )}
        {role ? <PledgeForm members={d.members} me={user?.id} onMake={addPledge} /> : null}
      </section>

      <section className="panel" aria-labelledby="decisions-title">
        <div className="panel__head">
          <h2 id="decisions-title">Decision log</h2>
          <CsvButton
            title="Decision log"
            rows={decisions.data ?? []}
            columns={[
              { header: 'Decided on', value: (x) => x.decided_on },
              { header: 'Kind', value: (x) => KIND_LABEL[x.kind] },
              { header: 'Decision', value: (x) => x.title },
              { header: 'Rationale', value: (x) => x.rationale },
              { header: 'Decided by', value: (x) => nameOf(x.decided_by) },
              { header: 'Impact map', value: (x) => (x.impact_map ? (maps.data?.find((m) => m.id === x.impact_map!.id)?.name ?? x.impact_map.id) : '') },
              { header: 'Map version', value: (x) => x.impact_map?.version },
              { header: 'Survey', value: (x) => (x.survey_id ? surveyTitle(x.survey_id) : '') },
            ]}
          />
        </div>
        {alert('decision')}
        {decisions.status === 'loading' && !decisions.data ? (
          <Loading label="Loading decisions…" />
        ) : decisions.status === 'error' ? (
          <ErrorState error={decisions.error} onRetry={decisions.reload} />
        ) : decisions.data && decisions.data.length > 0 ? (
          <ol className="plain-list decision-list">
            {decisions.data.map((x) => (
              <li key={x.id} className="decision">
                <p>
                  <Badge tone={x.kind === 'stop' ? 'danger' : x.kind === 'scale_up' ? 'success' : 'info'}>{KIND_LABEL[x.kind]}</Badge> <strong>{x.title}</strong>
                </p>
                <p>{x.rationale}</p>
                <p className="muted">
                  Decided by {nameOf(x.decided_by)} on {formatDate(x.decided_on)}
                  {x.impact_map ? (
                    <>
                      {' '}
                      on the strength of{' '}
                      <Link to={`/organisations/${encodeURIComponent(id)}/impact-maps/${encodeURIComponent(x.impact_map.id)}?version=${x.impact_map.version}`}>
                        {maps.data?.find((m) => m.id === x.impact_map!.id)?.name ?? 'an impact map'}, version {x.impact_map.version}
                      </Link>
                    </>
                  ) : null}
                  {x.survey_id ? (
                    <>
                      {x.impact_map ? ' and the results of ' : ' on the strength of the results of '}
                      <Link to={`/surveys/${encodeURIComponent(x.survey_id)}${x.survey_as_of ? `?as_of=${encodeURIComponent(x.survey_as_of)}` : ''}`}>
                        {surveyTitle(x.survey_id)}
                        {x.survey_as_of ? ` as of ${formatTime(x.survey_as_of)}` : ''}
                      </Link>
                    </>
                  ) : null}
                  {x.version > 1 ? ` · corrected (version ${x.version})` : ''}
                </p>
                {canDecide && correcting !== x.id ? (
                  <button type="button" className="button button--small" onClick={() => setCorrecting(x.id)} aria-label={`Correct “${x.title}”`}>
                    Correct
                  </button>
                ) : null}
                {correcting === x.id ? (
                  <CorrectDecision
                    decision={x}
                    members={d.members}
                    onCancel={() => setCorrecting(null)}
                    onSave={async (fields) => {
                      await measure.correctDecision(id, x.id, fields);
                      setCorrecting(null);
                      setMessage({ tone: 'success', text: 'Decision corrected.', where: 'decision' });
                      decisions.reload();
                    }}
                  />
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <EmptyState title="No decisions recorded yet">Record what you change, stop or scale up after looking at your results.</EmptyState>
        )}
        {canDecide ? (
          <DecisionForm maps={maps.data ?? []} surveys={surveys.data?.items ?? []} onRecord={addDecision} />
        ) : (
          <p className="muted">The Social Value Lead or Senior Leader records decisions.</p>
        )}
      </section>
    </div>
  );
}
