// The consultant's editor of an engagement: the review of needs; rows to add
// and remove for the recommendations, the training and mentoring plan and the
// sessions held; the pre-audit and the on-site audit, each recorded or not.
// One Save sends the whole content with the version read. Each problem shows
// beside its input — the server's too, its path ("sessions[1].held_on")
// leading to the row sent at that place — and in a list at the top that
// links to each. A failed save keeps every change on the page.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api';
import type { Engagement, SupportKind } from '../../api/engagements';
import { FieldError, FieldHint, SelectField, TextAreaField, TextField } from '../../components/Field';
import { Notice } from '../../components/FormAlert';
import { Badge } from '../../components/States';
import {
  MINUTES_MAX,
  MINUTES_MIN,
  ROWS_MAX,
  SUPPORT_KINDS,
  SUPPORT_KIND_LABEL,
  TEXT_MAX,
  TITLE_MAX,
  checkDraft,
  draftOf,
  durationWords,
  emptyPlanItem,
  emptyRecommendation,
  emptySession,
  inputId,
  inputOf,
  isDirty,
  placeProblems,
  problemList,
  rowFieldKey,
  todayIso,
  withoutRow,
  type AuditDraft,
  type AuditName,
  type EngagementDraft,
  type PlanRow,
  type RecommendationRow,
  type RowSection,
  type SessionRow,
} from '../../lib/engagements';
import { enumsInWords } from '../../lib/labels';
import { useEngagementsApi } from './useEngagementsApi';

type Errors = Record<string, string>;

/** A checkbox with its label beside it, its hint and its error. */
function Checkbox({
  id,
  label,
  hint,
  error,
  checked,
  onChange,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={['field', 'eng-checkbox', error ? 'field--error' : ''].filter(Boolean).join(' ')}>
      <FieldError id={errorId} message={error} />
      <div className="eng-checkbox__row">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <FieldHint id={hintId}>{hint}</FieldHint>
    </div>
  );
}

/** A row of a list: its fields in a group named by its place, and a button to take it away. */
function Row({ legend, onRemove, removeLabel, children }: { legend: string; onRemove: () => void; removeLabel: string; children: ReactNode }) {
  return (
    <fieldset className="eng-row">
      <legend className="eng-row__legend">{legend}</legend>
      {children}
      <div className="eng-row__foot">
        <button type="button" className="button button--quiet button--small" aria-label={removeLabel} onClick={onRemove}>
          Remove
        </button>
      </div>
    </fieldset>
  );
}

/** The button that adds a row, with a problem with the list as a whole above it. */
function AddButton({ section, label, error, disabled, onAdd }: { section: RowSection; label: string; error?: string; disabled: boolean; onAdd: () => void }) {
  const id = inputId(section);
  return (
    <div className={['eng-add', error ? 'field--error' : ''].filter(Boolean).join(' ')}>
      <FieldError id={error ? `${id}-error` : undefined} message={error} />
      <button
        id={id}
        type="button"
        className="button button--secondary"
        disabled={disabled}
        aria-describedby={[error ? `${id}-error` : '', disabled ? `${id}-full` : ''].filter(Boolean).join(' ') || undefined}
        onClick={onAdd}
      >
        {label}
      </button>
      {disabled ? (
        <p id={`${id}-full`} className="field__hint">
          At most {ROWS_MAX} entries: remove one to add another.
        </p>
      ) : null}
    </div>
  );
}

function Panel({ id, title, hint, children }: { id: string; title: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <section className="panel eng-panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {hint ? <p className="muted eng-panel__hint">{hint}</p> : null}
      {children}
    </section>
  );
}

function AuditFields({
  name,
  audit,
  errors,
  today,
  onChange,
}: {
  name: AuditName;
  audit: AuditDraft;
  errors: Errors;
  today: string;
  onChange: (a: AuditDraft) => void;
}) {
  const pre = name === 'pre_audit';
  const set = (patch: Partial<AuditDraft>) => onChange({ ...audit, ...patch });
  return (
    <>
      <Checkbox
        id={inputId(name)}
        label={pre ? 'Recorded: the pre-audit has taken place' : 'Recorded: the on-site audit has taken place'}
        hint={pre ? undefined : 'It follows the pre-audit.'}
        error={errors[name]}
        checked={audit.recorded}
        onChange={(recorded) => set({ recorded, done_on: recorded && !audit.done_on ? today : audit.done_on })}
      />
      {audit.recorded ? (
        <div className="eng-audit-fields">
          <TextField
            id={inputId(`${name}.done_on`)}
            label="Date"
            type="date"
            max={today}
            className="eng-date"
            value={audit.done_on}
            onChange={(e) => set({ done_on: e.target.value })}
            error={errors[`${name}.done_on`]}
          />
          <TextAreaField
            id={inputId(`${name}.findings`)}
            label="Findings"
            hint={pre ? 'What you found, and what the organisation should do before it applies.' : 'What you verified on site, and anything still to do.'}
            rows={4}
            maxLength={TEXT_MAX}
            showCount
            value={audit.findings}
            onChange={(e) => set({ findings: e.target.value })}
            error={errors[`${name}.findings`]}
          />
          <Checkbox
            id={inputId(`${name}.positive`)}
            label={pre ? 'Ready to apply' : 'Mark recommended in principle'}
            hint={pre ? 'Tick when the organisation is ready to apply for the mark.' : 'Tick when you recommend the mark in principle after this audit.'}
            error={errors[`${name}.positive`]}
            checked={audit.positive}
            onChange={(positive) => set({ positive })}
          />
        </div>
      ) : null}
    </>
  );
}

export function EngagementEditor({
  engagement,
  onSaved,
  onReload,
  onDirtyChange,
  savedAt,
}: {
  engagement: Engagement;
  /** The engagement as saved: the page shows it; the form starts again from it and says it is saved. */
  onSaved: (e: Engagement) => void;
  /** Loads the engagement as it is now, leaving the changes made here. */
  onReload: () => void;
  onDirtyChange: (dirty: boolean) => void;
  /** When it was last saved from this page ("14:05"), to say so. */
  savedAt?: string | null;
}) {
  const engagements = useEngagementsApi();
  const [draft, setDraft] = useState<EngagementDraft>(() => draftOf(engagement));
  const [errors, setErrors] = useState<Errors>({});
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<'stale' | 'closed' | null>(null);
  // A new version (saved here, or loaded after someone else's): the form starts again from it. The
  // form stays mounted, so that its live region says "Saved at …".
  const [version, setVersion] = useState(engagement.version);
  if (engagement.version !== version) {
    setVersion(engagement.version);
    setDraft(draftOf(engagement));
    setErrors({});
    setUnplaced([]);
    setFormError(null);
    setConflict(null);
  }
  const [busy, setBusy] = useState(false);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [today] = useState(() => todayIso());

  const dirty = isDirty(draft, engagement);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  // A row just added, or the list a row was taken from: its first input (or its button) takes the focus.
  useEffect(() => {
    if (!focusKey) return;
    document.getElementById(inputId(focusKey))?.focus();
    setFocusKey(null);
  }, [focusKey]);

  const set = <K extends keyof EngagementDraft>(k: K, v: EngagementDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  function rows<S extends RowSection>(section: S) {
    type R = EngagementDraft[S][number];
    const list = draft[section] as R[];
    return {
      list,
      change: (key: string, patch: Partial<R>) =>
        setDraft((d) => ({ ...d, [section]: (d[section] as R[]).map((r) => (r.key === key ? { ...r, ...patch } : r)) })),
      remove: (key: string) => {
        setDraft((d) => ({ ...d, [section]: (d[section] as R[]).filter((r) => r.key !== key) }));
        setErrors((e) => withoutRow(e, section, key));
        setFocusKey(section);
      },
      add: (row: R, first: string, atTop = false) => {
        setDraft((d) => ({ ...d, [section]: atTop ? [row, ...(d[section] as R[])] : [...(d[section] as R[]), row] }));
        setFocusKey(rowFieldKey(section, row.key, first));
      },
    };
  }
  const recs = rows('recommendations');
  const plan = rows('plan');
  const sessions = rows('sessions');

  const focusSummary = () => window.setTimeout(() => summaryRef.current?.focus(), 0);

  const save = async (ev: FormEvent) => {
    ev.preventDefault();
    if (busy) return;
    setConflict(null);
    setFormError(null);
    setUnplaced([]);
    const own = checkDraft(draft);
    if (Object.keys(own).length > 0) {
      setErrors(own);
      focusSummary();
      return;
    }
    setErrors({});
    const sent = draft;
    setBusy(true);
    try {
      const saved = await engagements.save(engagement.id, inputOf(sent, engagement.version));
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && (err.field === 'version' || err.fields.some((f) => f.field === 'version'))) {
        setConflict('stale');
      } else if (err instanceof ApiError && err.status === 409) {
        setConflict('closed');
      } else if (err instanceof ApiError && err.status === 400 && err.fields.length > 0) {
        const placed = placeProblems(err.fields, sent);
        setErrors(placed.byKey);
        setUnplaced(placed.unplaced);
      } else {
        setFormError(enumsInWords(err instanceof Error ? err.message : String(err)));
      }
      focusSummary();
    } finally {
      setBusy(false);
    }
  };

  const problems = problemList(errors, draft);
  const showSummary = problems.length > 0 || unplaced.length > 0 || formError !== null;
  const full = (section: RowSection) => draft[section].length >= ROWS_MAX;

  return (
    <form onSubmit={save} noValidate className="eng-editor" aria-label={`The engagement with ${engagement.organisation_name}`}>
      {showSummary ? (
        <div ref={summaryRef} className="alert alert--error eng-summary" role="alert" tabIndex={-1}>
          <p className="alert__title">The engagement was not saved</p>
          <p className="alert__body">Your changes are still here. {problems.length + unplaced.length > 0 ? 'Change what is marked, then save again.' : ''}</p>
          {formError ? <p className="alert__body">{formError}</p> : null}
          {problems.length + unplaced.length > 0 ? (
            <ul className="eng-summary__list">
              {problems.map((p) => (
                <li key={p.key}>
                  <a
                    href={`#${inputId(p.key)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      const el = document.getElementById(inputId(p.key));
                      el?.scrollIntoView({ block: 'center' });
                      el?.focus();
                    }}
                  >
                    {p.where}: {p.message}
                  </a>
                </li>
              ))}
              {unplaced.map((m, i) => (
                <li key={`u${i}`}>{m}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {conflict === 'stale' ? (
        <div ref={summaryRef} tabIndex={-1} className="eng-conflict">
          <Notice tone="warning">
            <p className="alert__title">Someone else saved this engagement first</p>
            <p className="alert__body">
              It was saved elsewhere — perhaps by you, in another window — after you opened it, so your changes were not saved. They are still here: copy
              what you need, then load the saved version and make your changes again.
            </p>
            <p>
              <button type="button" className="button button--secondary button--small" onClick={onReload}>
                Load the saved version
              </button>
            </p>
          </Notice>
        </div>
      ) : null}
      {conflict === 'closed' ? (
        <div ref={summaryRef} tabIndex={-1} className="eng-conflict">
          <Notice tone="warning">
            <p className="alert__title">This engagement has been closed</p>
            <p className="alert__body">A closed engagement is kept as it was, so your changes were not saved.</p>
            <p>
              <button type="button" className="button button--secondary button--small" onClick={onReload}>
                Show the engagement as it is
              </button>
            </p>
          </Notice>
        </div>
      ) : null}

      <Panel id="eng-needs-title" title="Review of needs" hint="The organisation’s needs and its progress towards the mark, as you found them.">
        <TextAreaField
          id={inputId('needs_review')}
          label="Review of needs"
          hideLabel
          rows={6}
          maxLength={TEXT_MAX}
          showCount
          value={draft.needs_review}
          onChange={(e) => set('needs_review', e.target.value)}
          error={errors.needs_review}
        />
      </Panel>

      <Panel id="eng-recs-title" title="Recommendations" hint="Your recommendations and the options open to the organisation.">
        {recs.list.map((r: RecommendationRow, i) => (
          <Row key={r.key} legend={`Recommendation ${i + 1}`} removeLabel={`Remove recommendation ${i + 1}`} onRemove={() => recs.remove(r.key)}>
            <TextField
              id={inputId(rowFieldKey('recommendations', r.key, 'title'))}
              label="Title"
              maxLength={TITLE_MAX}
              autoComplete="off"
              value={r.title}
              onChange={(e) => recs.change(r.key, { title: e.target.value })}
              error={errors[rowFieldKey('recommendations', r.key, 'title')]}
            />
            <TextAreaField
              id={inputId(rowFieldKey('recommendations', r.key, 'detail'))}
              label="Detail (optional)"
              rows={3}
              maxLength={TEXT_MAX}
              showCount
              value={r.detail}
              onChange={(e) => recs.change(r.key, { detail: e.target.value })}
              error={errors[rowFieldKey('recommendations', r.key, 'detail')]}
            />
          </Row>
        ))}
        {recs.list.length === 0 ? <p className="muted">No recommendations yet.</p> : null}
        <AddButton
          section="recommendations"
          label="Add a recommendation"
          error={errors.recommendations}
          disabled={full('recommendations')}
          onAdd={() => recs.add(emptyRecommendation(), 'title')}
        />
      </Panel>

      <Panel id="eng-plan-title" title="Training and mentoring plan" hint="The training, mentoring and consultancy you recommend or provide, each ticked off when done.">
        {plan.list.map((p: PlanRow, i) => (
          <Row key={p.key} legend={`Plan item ${i + 1}`} removeLabel={`Remove plan item ${i + 1}`} onRemove={() => plan.remove(p.key)}>
            <TextField
              id={inputId(rowFieldKey('plan', p.key, 'topic'))}
              label="Topic"
              maxLength={TITLE_MAX}
              autoComplete="off"
              value={p.topic}
              onChange={(e) => plan.change(p.key, { topic: e.target.value })}
              error={errors[rowFieldKey('plan', p.key, 'topic')]}
            />
            <div className="eng-row__line">
              <SelectField
                id={inputId(rowFieldKey('plan', p.key, 'kind'))}
                label="Kind"
                value={p.kind}
                onChange={(e) => plan.change(p.key, { kind: e.target.value as SupportKind })}
                error={errors[rowFieldKey('plan', p.key, 'kind')]}
              >
                {SUPPORT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {SUPPORT_KIND_LABEL[k]}
                  </option>
                ))}
              </SelectField>
              <TextField
                id={inputId(rowFieldKey('plan', p.key, 'due_on'))}
                label="Due date (optional)"
                type="date"
                className="eng-date"
                value={p.due_on}
                onChange={(e) => plan.change(p.key, { due_on: e.target.value })}
                error={errors[rowFieldKey('plan', p.key, 'due_on')]}
              />
              <Checkbox
                id={inputId(rowFieldKey('plan', p.key, 'done'))}
                label="Done"
                error={errors[rowFieldKey('plan', p.key, 'done')]}
                checked={p.done}
                onChange={(done) => plan.change(p.key, { done })}
              />
            </div>
          </Row>
        ))}
        {plan.list.length === 0 ? <p className="muted">Nothing planned yet.</p> : null}
        <AddButton section="plan" label="Add a plan item" error={errors.plan} disabled={full('plan')} onAdd={() => plan.add(emptyPlanItem(), 'topic')} />
      </Panel>

      <Panel id="eng-sessions-title" title="Sessions" hint="Each session held with the organisation, newest first: when, how long, and what it covered.">
        <AddButton
          section="sessions"
          label="Log a session"
          error={errors.sessions}
          disabled={full('sessions')}
          onAdd={() => sessions.add(emptySession(today), 'held_on', true)}
        />
        {sessions.list.map((s: SessionRow, i) => {
          const minutes = s.minutes.trim();
          const valid = /^\d+$/.test(minutes) && Number(minutes) >= MINUTES_MIN && Number(minutes) <= MINUTES_MAX;
          return (
            <Row key={s.key} legend={`Session ${i + 1}`} removeLabel={`Remove session ${i + 1}`} onRemove={() => sessions.remove(s.key)}>
              <div className="eng-row__line">
                <TextField
                  id={inputId(rowFieldKey('sessions', s.key, 'held_on'))}
                  label="Date"
                  type="date"
                  max={today}
                  className="eng-date"
                  value={s.held_on}
                  onChange={(e) => sessions.change(s.key, { held_on: e.target.value })}
                  error={errors[rowFieldKey('sessions', s.key, 'held_on')]}
                />
                <TextField
                  id={inputId(rowFieldKey('sessions', s.key, 'minutes'))}
                  label="Length in minutes"
                  inputMode="numeric"
                  autoComplete="off"
                  className="eng-minutes"
                  hint={valid ? `That is ${durationWords(Number(minutes))}.` : `From ${MINUTES_MIN} to ${MINUTES_MAX} (8 hours).`}
                  value={s.minutes}
                  onChange={(e) => sessions.change(s.key, { minutes: e.target.value })}
                  error={errors[rowFieldKey('sessions', s.key, 'minutes')]}
                />
              </div>
              <TextAreaField
                id={inputId(rowFieldKey('sessions', s.key, 'summary'))}
                label="Summary"
                rows={3}
                maxLength={TEXT_MAX}
                showCount
                value={s.summary}
                onChange={(e) => sessions.change(s.key, { summary: e.target.value })}
                error={errors[rowFieldKey('sessions', s.key, 'summary')]}
              />
            </Row>
          );
        })}
        {sessions.list.length === 0 ? <p className="muted">No sessions logged yet.</p> : null}
      </Panel>

      <div className="eng-audits">
        <Panel id="eng-pre-title" title="Pre-audit" hint="Before the organisation applies: whether it is ready.">
          <AuditFields name="pre_audit" audit={draft.pre_audit} errors={errors} today={today} onChange={(a) => set('pre_audit', a)} />
        </Panel>
        <Panel id="eng-site-title" title="On-site audit" hint="The verification on site: whether you recommend the mark in principle.">
          <AuditFields name="site_audit" audit={draft.site_audit} errors={errors} today={today} onChange={(a) => set('site_audit', a)} />
        </Panel>
      </div>

      <div className="eng-savebar">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
          {busy ? 'Saving…' : 'Save the engagement'}
        </button>
        <span className="eng-savebar__state">
          {dirty ? <Badge tone="warning">Unsaved changes</Badge> : null}
          {/* Said when a save succeeds: the form stays where it is, so the confirmation is beside the button. */}
          <span role="status" className="muted small">
            {dirty ? '' : savedAt ? `Saved at ${savedAt}` : 'Saved'}
          </span>
        </span>
      </div>
    </form>
  );
}
