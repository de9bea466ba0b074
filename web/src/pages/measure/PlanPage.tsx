// The impact management plan of one scope: the ten impact questions and the
// three overarching ones, the stakeholder map, the theory of change with its
// indicators, and materiality decisions with reasons. Saved as versions.
import './measure.css';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api';
import type { Plan, PlanOutcome, PlanVersion, PlanVersionList } from '../../api/measure';
import { useAuth } from '../../auth/AuthContext';
import { ErrorState, Loading, NotFoundState } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { fieldInWords } from '../../lib/labels';

export const IMPACT_QUESTIONS: [string, string][] = [
  ['q1', 'What changes do we want to happen, and for whom?'],
  ['q2', 'Who experiences the changes, including people we did not set out to affect?'],
  ['q3', 'How much change: how many people, how deep, for how long?'],
  ['q4', 'How important is each change to the people who experience it?'],
  ['q5', 'What would have happened anyway, without us?'],
  ['q6', 'Who else contributes to the changes?'],
  ['q7', 'What are the risks that the changes do not happen as planned?'],
  ['q8', 'What negative or unintended changes could we cause?'],
  ['q9', 'How will we measure each change, and how often?'],
  ['q10', 'How and when will we use what we learn to make decisions?'],
];
const OVERARCHING: [string, string][] = [
  ['who_answers', 'Who should answer these questions (which stakeholders, which staff)?'],
  ['rigour', 'How rigorous do the answers need to be for the decisions they inform?'],
  ['assurance', 'What assurance is needed, and from whom?'],
];
const GROUPS: [string, string][] = [
  ['employees', 'Employees'],
  ['customers_and_end_users', 'Customers and end users'],
  ['local_community', 'Local community'],
  ['suppliers', 'Suppliers'],
  ['partners', 'Partners'],
  ['public_services', 'Public services'],
  ['environment', 'Environment'],
  ['other', 'Other'],
];

type Outcome = PlanOutcome;

const subgroupText = (s: { name: string; size: number | null }[]) => s.map((x) => (x.size === null ? x.name : `${x.name}: ${x.size}`)).join('\n');
const parseSubgroups = (t: string) =>
  t
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^(.*?):\s*(\d+(?:\.\d+)?)$/.exec(line);
      return m ? { name: m[1].trim(), size: Number(m[2]) } : { name: line, size: null };
    });

export function PlanPage() {
  const { id = '', scopeId = '' } = useParams();
  const [search] = useSearchParams();
  const { api } = useAuth();
  const client = api.client;
  const url = `/organisations/${encodeURIComponent(id)}/scopes/${encodeURIComponent(scopeId)}/plan`;
  const [plan, setPlan] = useState<Plan | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [versions, setVersions] = useState<PlanVersion[]>([]);
  const [saving, setSaving] = useState(false);
  useDocumentTitle(plan ? `Plan: ${plan.scope_name}` : 'Impact management plan');

  useEffect(() => {
    const v = search.get('version');
    client
      .get<Plan>(url, { query: { version: v ?? undefined } })
      .then(setPlan)
      .catch((e) => setLoadError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e))));
    client
      .get<PlanVersionList>(`${url}/versions`)
      .then((r) => setVersions(r.items))
      .catch(() => setVersions([]));
  }, [client, url, search]);

  if (loadError) return loadError.isNotFound ? <NotFoundState what="scope" /> : <ErrorState error={loadError} />;
  if (!plan) return <Loading label="Loading the plan…" />;
  const set = (p: Partial<Plan>) => setPlan({ ...plan, ...p });
  const outcomes = plan.theory_of_change.flatMap((a) => a.outcomes).filter((o) => o.description.trim() !== '');

  const save = async () => {
    setSaving(true);
    const body = {
      version: plan.version,
      impact_questions: plan.impact_questions,
      overarching: plan.overarching,
      stakeholder_groups: plan.stakeholder_groups,
      theory_of_change: plan.theory_of_change,
      // Only outcomes still in the theory of change keep their decision.
      materiality: plan.materiality.filter((m) => outcomes.some((o) => o.description === m.outcome)),
    };
    // Where a problem is, as the form names it: "materiality[0].reason" → "Reason for “Less lonely”".
    const where = (field: string) => {
      const m = /^materiality\[(\d+)\]\.(\w+)$/.exec(field);
      const outcome = m ? body.materiality[Number(m[1])]?.outcome : undefined;
      if (m && outcome) return m[2] === 'reason' ? `Reason for “${outcome}”` : `Is “${outcome}” material?`;
      return fieldInWords(field.replace(/^theory_of_change\[(\d+)\]/, (_, i: string) => `activities[${i}]`));
    };
    try {
      const saved = await client.put<Plan>(url, body);
      setPlan(saved);
      setMessage({ tone: 'success', text: `Saved as version ${saved.version}.` });
      const r = await client.get<PlanVersionList>(`${url}/versions`);
      setVersions(r.items);
    } catch (e) {
      setMessage({
        tone: 'error',
        text: e instanceof ApiError && e.fields.length > 0 ? e.fields.map((f) => `${where(f.field)}: ${f.message}`).join('; ') : String(e instanceof Error ? e.message : e),
      });
    } finally {
      setSaving(false);
    }
  };

  const decision = (o: string) => plan.materiality.find((m) => m.outcome === o);
  const setDecision = (o: string, patch: Partial<{ material: boolean; reason: string }>) => {
    const current = decision(o) ?? { outcome: o, material: true, reason: '' };
    set({ materiality: [...plan.materiality.filter((m) => m.outcome !== o), { ...current, ...patch }] });
  };

  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/organisations/${encodeURIComponent(id)}`}>Organisation</Link> › <Link to={`/organisations/${encodeURIComponent(id)}/impact-maps`}>Impact maps</Link>
      </nav>
      <div className="page-head">
        <div>
          <p className="eyebrow">Impact management plan · {plan.version === 0 ? 'not saved yet' : `version ${plan.version}`}</p>
          <h1>{plan.scope_name}</h1>
        </div>
        <button type="button" className="button button--primary" onClick={save} disabled={saving} aria-busy={saving || undefined}>
          {saving ? 'Saving…' : 'Save plan'}
        </button>
      </div>
      {message ? (
        <p className={`alert alert--${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="iq-title">
        <h2 id="iq-title">The impact questions</h2>
        {IMPACT_QUESTIONS.map(([key, text]) => (
          <label className="field" key={key}>
            <span className="field__label">{text}</span>
            <textarea className="input" rows={2} value={plan.impact_questions[key] ?? ''} onChange={(e) => set({ impact_questions: { ...plan.impact_questions, [key]: e.target.value } })} />
          </label>
        ))}
        <h3>Overarching questions</h3>
        {OVERARCHING.map(([key, text]) => (
          <label className="field" key={key}>
            <span className="field__label">{text}</span>
            <textarea className="input" rows={2} value={plan.overarching[key] ?? ''} onChange={(e) => set({ overarching: { ...plan.overarching, [key]: e.target.value } })} />
          </label>
        ))}
      </section>

      <section className="panel" aria-labelledby="sm-title">
        <div className="panel__head">
          <h2 id="sm-title">Stakeholder map</h2>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => set({ stakeholder_groups: [...plan.stakeholder_groups, { group: 'customers_and_end_users', name: '', size: null, involvement: '', when: '', subgroups: [] }] })}
          >
            Add stakeholder group
          </button>
        </div>
        {plan.stakeholder_groups.length === 0 ? <p className="muted">No groups yet. Start with the people you serve, then staff, community, suppliers, partners, public services and the environment.</p> : null}
        {plan.stakeholder_groups.map((g, i) => {
          const update = (patch: Partial<Plan['stakeholder_groups'][number]>) =>
            set({ stakeholder_groups: plan.stakeholder_groups.map((x, j) => (i === j ? { ...x, ...patch } : x)) });
          return (
            <fieldset key={i} className="subpanel">
              <legend className="field__label">Stakeholder group {i + 1}</legend>
              <div className="form-row">
                <div className="field">
                  <label className="field__label" htmlFor={`group-${i}`}>
                    Broad group
                  </label>
                  <select id={`group-${i}`} className="input" value={g.group} onChange={(e) => update({ group: e.target.value })}>
                    {GROUPS.map(([k, label]) => (
                      <option key={k} value={k}>
                        {label}
                      </option>
                    ))}
                  </select>
                </div>
                <label className="field">
                  <span className="field__label">Name</span>
                  <input className="input" value={g.name} onChange={(e) => update({ name: e.target.value })} />
                </label>
                <label className="field">
                  <span className="field__label">Size</span>
                  <input className="input" inputMode="numeric" value={g.size ?? ''} onChange={(e) => update({ size: e.target.value === '' ? null : Number(e.target.value) })} />
                </label>
              </div>
              <div className="form-row">
                <label className="field">
                  <span className="field__label">How they were involved</span>
                  <input className="input" value={g.involvement} onChange={(e) => update({ involvement: e.target.value })} />
                </label>
                <label className="field">
                  <span className="field__label">When</span>
                  <input className="input" value={g.when} onChange={(e) => update({ when: e.target.value })} />
                </label>
              </div>
              <label className="field">
                <span className="field__label">Sub-groups (one a line, “name: size”)</span>
                <textarea className="input" rows={2} defaultValue={subgroupText(g.subgroups)} onBlur={(e) => update({ subgroups: parseSubgroups(e.target.value) })} />
              </label>
            </fieldset>
          );
        })}
      </section>

      <section className="panel" aria-labelledby="toc-title">
        <div className="panel__head">
          <h2 id="toc-title">Theory of change</h2>
          <button type="button" className="button button--secondary button--small" onClick={() => set({ theory_of_change: [...plan.theory_of_change, { activity: '', outputs: [], outcomes: [] }] })}>
            Add activity
          </button>
        </div>
        {plan.theory_of_change.length === 0 ? <p className="muted">Activities lead to outputs, which lead to outcomes. Include negative and unintended outcomes too.</p> : null}
        {plan.theory_of_change.map((a, i) => {
          const update = (patch: Partial<Plan['theory_of_change'][number]>) =>
            set({ theory_of_change: plan.theory_of_change.map((x, j) => (i === j ? { ...x, ...patch } : x)) });
          return (
            <fieldset key={i} className="subpanel">
              <legend className="field__label">Activity {i + 1}</legend>
              <label className="field">
                <span className="field__label">Activity</span>
                <input className="input" value={a.activity} onChange={(e) => update({ activity: e.target.value })} />
              </label>
              <label className="field">
                <span className="field__label">Outputs (one a line)</span>
                <textarea className="input" rows={2} defaultValue={a.outputs.join('\n')} onBlur={(e) => update({ outputs: e.target.value.split('\n').map((s) => s.trim()).filter(Boolean) })} />
              </label>
              {a.outcomes.map((o, k) => {
                const setO = (patch: Partial<Outcome>) => update({ outcomes: a.outcomes.map((x, j) => (k === j ? { ...x, ...patch } : x)) });
                return (
                  <div key={k} className="form-row toc-outcome">
                    <label className="field">
                      <span className="field__label">Outcome {k + 1}</span>
                      <input className="input" value={o.description} onChange={(e) => setO({ description: e.target.value })} />
                    </label>
                    <label className="field">
                      <span className="field__label">For whom</span>
                      <input className="input" value={o.stakeholder} onChange={(e) => setO({ stakeholder: e.target.value })} />
                    </label>
                    <label className="field">
                      <span className="field__label">Indicator</span>
                      <input className="input" value={o.indicator} onChange={(e) => setO({ indicator: e.target.value })} />
                    </label>
                    <label className="checkbox-line">
                      <input type="checkbox" checked={o.positive} onChange={(e) => setO({ positive: e.target.checked })} /> Positive
                    </label>
                    <label className="checkbox-line">
                      <input type="checkbox" checked={o.intended} onChange={(e) => setO({ intended: e.target.checked })} /> Intended
                    </label>
                  </div>
                );
              })}
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => update({ outcomes: [...a.outcomes, { description: '', stakeholder: '', positive: true, intended: true, indicator: '' }] })}
              >
                Add outcome to activity {i + 1}
              </button>
            </fieldset>
          );
        })}
      </section>

      <section className="panel" aria-labelledby="mat-title">
        <h2 id="mat-title">Materiality decisions</h2>
        {outcomes.length === 0 ? (
          <p className="muted">Add outcomes to the theory of change first; then decide, with a reason, whether each is material.</p>
        ) : (
          outcomes.map((o) => {
            const d = decision(o.description);
            return (
              <div key={o.description} className="form-row">
                <div className="field">
                  <label className="field__label" htmlFor={`mat-${o.description}`}>
                    Is “{o.description}” material?
                  </label>
                  <select
                    id={`mat-${o.description}`}
                    className="input"
                    value={d ? (d.material ? 'yes' : 'no') : ''}
                    onChange={(e) =>
                      e.target.value === '' ? set({ materiality: plan.materiality.filter((m) => m.outcome !== o.description) }) : setDecision(o.description, { material: e.target.value === 'yes' })
                    }
                  >
                    <option value="">Not decided</option>
                    <option value="yes">Material: count it</option>
                    <option value="no">Not material: leave it out</option>
                  </select>
                </div>
                <label className="field">
                  <span className="field__label">Reason for “{o.description}”</span>
                  <input className="input" value={d?.reason ?? ''} disabled={!d} onChange={(e) => setDecision(o.description, { reason: e.target.value })} />
                </label>
              </div>
            );
          })
        )}
      </section>

      {versions.length > 0 ? (
        <section className="panel" aria-labelledby="plan-versions">
          <h2 id="plan-versions">Versions</h2>
          <ol className="plain-list">
            {versions.map((v) => (
              <li key={v.version}>
                <Link to={`?version=${v.version}`}>Version {v.version}</Link>, {new Date(v.updated_at).toLocaleString('en-GB')}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
