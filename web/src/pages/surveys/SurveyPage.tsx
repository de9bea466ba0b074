import { useEffect, useMemo, useState, type ChangeEvent, type FormEvent, type MouseEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { CopyButton } from '../../components/CopyButton';
import { Badge, EmptyState, ErrorState, Loading, NotFoundState } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { ApiError } from '../../api';
import { createMeasureApi, type AppliedResults, type ApplyPreview, type ImpactMap, type MapSummary } from '../../api/measure';
import { RadioGroup } from '../../components/RadioGroup';
import { formatNumber, formatPercent, formatRatio } from '../measure/format';
import { useApiSafe } from './api';
import { ResponsesTable } from './ResponsesTable';
import { SurveyLifecycle } from './SurveyLifecycle';
import { RespondentCodes } from './RespondentCodes';
import { TextAnswers } from './TextAnswers';
import { CompareWaves } from './CompareWaves';
import { STATE_LABELS, type OutcomeResult, type QuestionResult, type ResponsesImported, type Survey, type SurveyResults } from './types';
import './surveys.css';
import { fieldInWords } from '../../lib/labels';
import { formatDate, formatTime } from '../../lib/format';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)} %`);
const num = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '—' : x.toLocaleString('en-GB', { maximumFractionDigits: digits }));

/** A horizontal bar chart: readable on a phone and by a screen reader (a list). */
function Bars({ label, items }: { label: string; items: { label: string; value: number }[] }) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <ul className="survey-bars" aria-label={label}>
      {items.map((i) => (
        <li key={i.label} className="survey-bar">
          <span>{i.label}</span>
          <span className="survey-bar__track" aria-hidden="true">
            <span className="survey-bar__fill" style={{ display: 'block', width: `${(100 * i.value) / max}%` }} />
          </span>
          <span>{num(i.value, 2)}</span>
        </li>
      ))}
    </ul>
  );
}

function OutcomeCard({ o }: { o: OutcomeResult }) {
  const q = o.quantity;
  return (
    <section className="card" aria-labelledby={`outcome-${o.id}`}>
      <h3 id={`outcome-${o.id}`}>{o.name}</h3>
      <dl className="survey-figures">
        <div>
          <dt>Quantity (people with a positive change)</dt>
          <dd>{num(q.value, 0)}</dd>
          <p className="field__hint">
            {q.changed} of {q.respondents} respondents
            {q.sample ? `, scaled to ${q.population}; 95 % interval ${num(q.low, 0)}–${num(q.high, 0)}` : ''}
            {q.linked ? `. Followed up: ${q.linked_improved} of ${q.linked} better than at baseline` : ''}
          </p>
        </div>
        <div>
          <dt>Deadweight</dt>
          <dd>{pct(o.deadweight.value)}</dd>
          <p className="field__hint">{o.deadweight.n} answers</p>
        </div>
        <div>
          <dt>Attribution</dt>
          <dd>{pct(o.attribution.value)}</dd>
          <p className="field__hint">{o.attribution.n} answers</p>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{o.duration.value === null ? '—' : `${num(o.duration.value)} years`}</dd>
          <p className="field__hint">{o.duration.n} answers</p>
        </div>
        <div>
          <dt>Drop-off</dt>
          <dd>{pct(o.drop_off.value)}</dd>
        </div>
        <div>
          <dt>Relative importance to stakeholders</dt>
          <dd>{pct(o.relative_importance)}</dd>
        </div>
      </dl>
      <p className="field__hint">
        Apply them to an impact map below, or copy them into an outcome yourself: they carry the impact map&apos;s field names.
      </p>
      <CopyButton text={JSON.stringify(o.impact_map, null, 2)} label={`Copy figures of “${o.name}” for an impact map`} />
    </section>
  );
}

const FIGURE_LABELS: Record<string, string> = {
  quantity: 'Quantity',
  deadweight: 'Deadweight',
  attribution: 'Attribution',
  drop_off: 'Drop-off',
  duration_years: 'Duration',
};

/** A figure of an outcome as a person reads it: people, a percentage or years. */
function figureText(field: string, v: number): string {
  if (field === 'quantity') return formatNumber(v, 0);
  if (field === 'duration_years') return `${v} ${v === 1 ? 'year' : 'years'}`;
  return formatPercent(v);
}

/** What applying would change: each figure old → new, the ratio, the warnings. */
function PreviewTable({ preview }: { preview: ApplyPreview }) {
  return (
    <div className="apply-preview" aria-labelledby="apply-preview-title">
      <h3 id="apply-preview-title">Check before saving</h3>
      <p>
        SROI ratio: <strong>{formatRatio(preview.sroi_ratio_before)}</strong> in “{preview.impact_map.name}” →{' '}
        <strong>{formatRatio(preview.sroi_ratio_after)}</strong> in the evaluation
      </p>
      {preview.warnings.length ? (
        <div className="alert alert--warning" role="alert">
          <p>
            <strong>{preview.warnings.length === 1 ? 'One thing to check' : `${preview.warnings.length} things to check`}</strong>
          </p>
          <ul>
            {preview.warnings.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="apply-preview__table">
        <table className="table">
          <caption className="visually-hidden">Figures the evaluation takes from the survey</caption>
          <thead>
            <tr>
              <th scope="col">Outcome</th>
              <th scope="col">Figure</th>
              <th scope="col" className="num">
                In the map
              </th>
              <th scope="col" className="num">
                From the survey
              </th>
              <th scope="col" className="num">
                Answers
              </th>
              <th scope="col">95 % interval</th>
            </tr>
          </thead>
          <tbody>
            {preview.figures.map((f) => (
              <tr key={`${f.outcome_id}-${f.field}`}>
                <th scope="row">{f.outcome}</th>
                <td>{FIGURE_LABELS[f.field] ?? fieldInWords(f.field)}</td>
                <td className="num">{figureText(f.field, f.before)}</td>
                <td className="num">{figureText(f.field, f.after)}</td>
                <td className="num">{f.answered.toLocaleString('en-GB')}</td>
                <td>{f.low !== undefined && f.high !== undefined && f.low !== f.high ? `${formatNumber(f.low, 0)} to ${formatNumber(f.high, 0)}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/**
 * Applies the results to an impact map of the organisation: previewed first,
 * then saved as a new evaluative map made from it. The map itself is never
 * changed, so the forecast can always be compared with its evaluation.
 */
function ApplyToMap({ survey, results }: { survey: Survey; results: SurveyResults }) {
  const api = useApiSafe();
  const measure = useMemo(() => createMeasureApi(api.client), [api]);
  const [maps, setMaps] = useState<MapSummary[] | null>(null);
  const [mapId, setMapId] = useState('');
  const [map, setMap] = useState<ImpactMap | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [scale, setScale] = useState<'map' | 'survey'>('map');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [preview, setPreview] = useState<ApplyPreview | null>(null);
  const [applied, setApplied] = useState<AppliedResults | null>(null);
  useEffect(() => {
    measure.listMaps(survey.organisation_id).then(setMaps).catch(() => setMaps([]));
  }, [measure, survey.organisation_id]);
  useEffect(() => {
    setMap(null);
    setMapping({});
    if (!mapId) return;
    measure
      .getMap(mapId)
      .then(setMap)
      .catch((e) => setError(e as ApiError));
  }, [measure, mapId]);
  // Any change to the choices makes the preview out of date.
  useEffect(() => {
    setPreview(null);
    setError(null);
  }, [mapId, mapping, scale]);
  const measured = results.outcomes.filter((o) => Object.keys(o.impact_map).some((k) => k !== 'indicator'));
  const chosen = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v));
  const request = map?.id ? { impact_map_id: map.id, outcomes: chosen, version: map.version, scale } : null;
  const org = encodeURIComponent(survey.organisation_id);

  async function run(e: FormEvent, save: boolean) {
    e.preventDefault();
    if (!request) return;
    setBusy(true);
    setError(null);
    if (!save) setApplied(null);
    try {
      if (save) {
        setApplied(await measure.applySurvey(survey.id, request));
        setPreview(null);
        setMapping({});
        setMapId('');
        setMaps(await measure.listMaps(survey.organisation_id));
      } else {
        setPreview(await measure.previewApply(survey.id, request));
      }
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  /** "Older people attending the lunch club (80 people)" for a map outcome's group. */
  const groupOf = (outcomeId: string) => {
    const o = map?.outcomes.find((x) => x.id === outcomeId);
    const g = map?.stakeholders?.find((s) => s.id === o?.stakeholder);
    return g ? `${g.name || g.id}${g.size ? ` (${g.size.toLocaleString('en-GB')} people)` : ', whose number is not given'}` : null;
  };
  const populations = measured.filter((o) => chosen[o.id]).map((o) => o.quantity.population);

  if (maps === null) return null;
  return (
    <section className="card" aria-labelledby="apply-title">
      <h2 id="apply-title">Apply to an impact map</h2>
      {maps.length === 0 ? (
        <p className="field__hint">
          The organisation has no impact map yet. <Link to={`/organisations/${org}/impact-maps`}>Create one</Link>, then apply these results to it.
        </p>
      ) : measured.length === 0 ? (
        <p className="field__hint">No response has measured an outcome yet: there is nothing to apply.</p>
      ) : (
        <form onSubmit={(e) => void run(e, preview !== null)}>
          <p className="field__hint">
            Makes a new evaluation from the map you choose, with these figures in the outcomes you pick; each figure links back to the responses behind it. The map itself stays as it is, so you can compare the
            two.
          </p>
          <div className="field">
            <label className="field__label" htmlFor="apply-map">
              Impact map
            </label>
            <select id="apply-map" className="input" value={mapId} onChange={(e) => setMapId(e.target.value)}>
              <option value="">Choose a map…</option>
              {maps.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name} (version {m.version})
                </option>
              ))}
            </select>
          </div>
          {map
            ? measured.map((o) => (
                <div className="field" key={o.id}>
                  <label className="field__label" htmlFor={`apply-${o.id}`}>
                    Map outcome for “{o.name}”
                  </label>
                  <select
                    id={`apply-${o.id}`}
                    className="input"
                    value={mapping[o.id] ?? ''}
                    onChange={(e) => setMapping((m) => ({ ...m, [o.id]: e.target.value }))}
                    aria-describedby={mapping[o.id] ? `apply-${o.id}-group` : undefined}
                  >
                    <option value="">Do not apply</option>
                    {map.outcomes.map((mo) => (
                      <option key={mo.id} value={mo.id}>
                        {mo.description || `Outcome ${map.outcomes.indexOf(mo) + 1}`}
                      </option>
                    ))}
                  </select>
                  {mapping[o.id] ? (
                    <p className="field__hint" id={`apply-${o.id}-group`}>
                      Stakeholder group: {groupOf(mapping[o.id])}
                    </p>
                  ) : null}
                </div>
              ))
            : null}
          {map && Object.keys(chosen).length ? (
            <RadioGroup
              legend="Scale the number of people who changed to"
              name="apply-scale"
              value={scale}
              onChange={setScale}
              options={[
                { value: 'map', label: 'The stakeholder group in the map', hint: 'The share of respondents who changed, times the number in the map’s group. Recommended.' },
                {
                  value: 'survey',
                  label: 'The survey’s own figure',
                  hint: populations.some((p) => p) ? `The population the survey was designed for (${populations.filter(Boolean).map((p) => p!.toLocaleString('en-GB')).join(', ')}).` : 'The number of respondents who changed.',
                },
              ]}
            />
          ) : null}
          {preview ? <PreviewTable preview={preview} /> : null}
          <div className="form-actions">
            {preview ? (
              <>
                <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
                  {busy ? 'Saving…' : 'Save as a new evaluation'}
                </button>
                <button type="button" className="button" onClick={() => setPreview(null)} disabled={busy}>
                  Change the choices
                </button>
              </>
            ) : (
              <button type="submit" className="button button--primary" disabled={busy || !map || !Object.keys(chosen).length} aria-busy={busy || undefined}>
                {busy ? 'Working out…' : 'Preview the changes'}
              </button>
            )}
          </div>
        </form>
      )}
      {error ? (
        <p className="alert alert--error" role="alert">
          {error.message}
        </p>
      ) : null}
      {applied ? (
        <div className="alert alert--success" role="status">
          <p>
            Saved “{applied.name}”, an evaluation of the map. The map itself is unchanged.
          </p>
          {applied.warnings?.length ? <p>{applied.warnings.length === 1 ? 'One warning was' : `${applied.warnings.length} warnings were`} shown before saving: check the figures in the evaluation.</p> : null}
          <p>
            <Link to={`/organisations/${org}/impact-maps/${encodeURIComponent(applied.impact_map_id ?? '')}`}>Open the evaluation</Link>
            {applied.evaluation_of ? (
              <>
                {' · '}
                <Link to={`/organisations/${org}/impact-maps/${encodeURIComponent(applied.evaluation_of.id)}?compare=${encodeURIComponent(applied.impact_map_id ?? '')}#compare-title`}>
                  Compare the map with its evaluation
                </Link>
              </>
            ) : null}
          </p>
        </div>
      ) : null}
    </section>
  );
}

/**
 * A question's mean in the unit the outcome cards use: the causality
 * questions' fractions as percentages, durations in years, before/now's as
 * the mean "now".
 */
function meanInWords(type: QuestionResult['type'], mean: number): string {
  switch (type) {
    case 'deadweight':
    case 'attribution':
    case 'drop_off':
      return `mean ${pct(mean)}`;
    case 'duration':
      return `mean ${num(mean, 1)} years`;
    case 'before_now':
      return `mean now ${num(mean, 2)}`;
    default:
      return `mean ${num(mean, 2)}`;
  }
}

/** `frozen`: results as of a moment, whose free-text answers are not listed (the list is the latest). */
function QuestionCard({ q, outcomes, surveyId, frozen = false }: { q: QuestionResult; outcomes: OutcomeResult[]; surveyId: string; frozen?: boolean }) {
  let chart = null;
  if (q.distribution) {
    const label = (v: string | number) => (q.type === 'before_now' ? `${Number(v) > 0 ? '+' : ''}${v}` : String(v));
    let items = q.distribution.map((d) => ({ label: label(d.value), value: d.count }));
    if (q.type === 'before_now') {
      // Changes run from −10 to +10: show only the span that was answered, and no change.
      const used = q.distribution.map((d, i) => (d.count > 0 || d.value === 0 ? i : -1)).filter((i) => i >= 0);
      items = items.slice(Math.min(...used), Math.max(...used) + 1);
    }
    chart = <Bars label={`Answers to: ${q.text}`} items={items} />;
  } else if (q.weights) {
    chart = <Bars label={`Weights for: ${q.text}`} items={q.weights.map((w) => ({ label: outcomes.find((o) => o.id === w.outcome_id)?.name ?? w.outcome_id, value: w.share ?? 0 }))} />;
  }
  return (
    <section className="card" aria-label={q.text}>
      <h3>{q.text}</h3>
      <p className="field__hint">
        {q.answered} answered
        {q.answered > 0 && q.mean !== undefined && q.mean !== null ? ` · ${meanInWords(q.type, q.mean)}` : ''}
        {q.type === 'before_now' && q.answered > 0
          ? ` · before ${num(q.mean_before, 2)} · change ${num(q.mean_change, 2)} · ${q.improved} better, ${q.unchanged} the same, ${q.worse} worse`
          : ''}
      </p>
      {chart}
      {q.type === 'text' && !frozen ? <TextAnswers surveyId={surveyId} questionId={q.id} questionText={q.text} answered={q.answered} /> : null}
    </section>
  );
}

/** Where the survey's link is on its page: "Share the link" moves there. */
const SHARE_ID = 'survey-share';

function goToShare(e: MouseEvent<HTMLAnchorElement>) {
  const share = document.getElementById(SHARE_ID);
  if (!share) return;
  e.preventDefault();
  share.scrollIntoView({ block: 'start' });
  share.focus({ preventScroll: true });
}

/**
 * The results before any answer counts: what to do to get some, instead of
 * charts of zeros. `excluded`: responses there are, all left out; `asOf`:
 * the results as a decision used them.
 */
function NoAnswers({ survey, excluded, asOf }: { survey: Survey; excluded: number; asOf: boolean }) {
  if (asOf) return <EmptyState title="No answers had come in by then">When the decision cited this survey, nobody had answered it yet.</EmptyState>;
  if (excluded > 0)
    return (
      <EmptyState title="No answers count in the results">
        {excluded === 1 ? 'The one response is' : `All ${excluded} responses are`} left out of the results. Open a response in the list below to use it in the results
        again.
      </EmptyState>
    );
  const share = (
    <a className="button button--secondary" href={`#${SHARE_ID}`} onClick={goToShare}>
      Share the link
    </a>
  );
  return (
    <EmptyState title="No answers yet" action={share}>
      {survey.status === 'draft'
        ? 'Preview the survey and publish it, then share its link: copy it, or print it with its QR code. The results appear here as answers come in.'
        : survey.status === 'closed'
          ? 'The survey is closed. Reopen it and share its link, copied or printed with its QR code, and the results appear here as answers come in.'
          : 'Share the link: copy it, or print it with its QR code. The results appear here as answers come in.'}{' '}
      Answers collected on paper can be imported under Responses.
    </EmptyState>
  );
}

export function SurveyPage() {
  const { id = '' } = useParams();
  const api = useApiSafe();
  // ?as_of=: the results as a decision that cited the survey used them.
  const [search, setSearch] = useSearchParams();
  const asOf = search.get('as_of') ?? '';
  const survey = useLoad(() => api.client.get<Survey>(`/surveys/${encodeURIComponent(id)}`), [id]);
  const results = useLoad(() => api.client.get<SurveyResults>(`/surveys/${encodeURIComponent(id)}/results`, { query: { as_of: asOf || undefined } }), [id, asOf]);
  const [imported, setImported] = useState<string | null>(null);
  const [importError, setImportError] = useState<ApiError | null>(null);
  useDocumentTitle(survey.data ? `Results: ${survey.data.title}` : 'Survey');

  if (survey.status === 'loading') return <Loading />;
  if (survey.error?.isNotFound) return <NotFoundState what="survey" />;
  if (!survey.data) return survey.error ? <ErrorState error={survey.error} onRetry={survey.reload} /> : null;
  const s = survey.data;
  const refresh = () => {
    void survey.reload();
    void results.reload();
  };

  async function importCsv(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    setImported(null);
    setImportError(null);
    try {
      const r = await api.client.post<ResponsesImported>(`/surveys/${encodeURIComponent(s.id)}/responses/import`, undefined, {
        raw: { body: await file.text(), contentType: 'text/csv' },
      });
      const notRead = r.ignored_columns.length
        ? ` ${r.ignored_columns.length === 1 ? 'This column is' : 'These columns are'} not questions of this survey and were not read: ${r.ignored_columns.map((c) => `“${c}”`).join(', ')}.`
        : '';
      const edited = r.updated
        ? `, ${r.updated} edited in KoboToolbox or ODK since the last import (the edited answers replace the earlier ones, which are now excluded)`
        : '';
      setImported(`${r.imported} ${r.imported === 1 ? 'response' : 'responses'} imported${edited}${r.already_present ? `, ${r.already_present} ${r.already_present === 1 ? 'was' : 'were'} already there` : ''}.${notRead}`);
      refresh();
    } catch (err) {
      setImportError(err instanceof ApiError ? err : new ApiError(0, 'network', 'The file could not be sent. Check your connection and try again.'));
    }
    e.target.value = '';
  }

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow">
            <Link to={`/organisations/${encodeURIComponent(s.organisation_id)}/surveys`}>Surveys</Link>
          </p>
          <h1>{s.title}</h1>
          <p className="page-head__meta">
            <Badge tone={s.state === 'open' ? 'success' : s.state === 'draft' ? 'warning' : 'neutral'}>{STATE_LABELS[s.state]}</Badge> {s.response_count} {s.response_count === 1 ? 'response' : 'responses'}
            {s.closes_on ? ` · closes ${formatDate(s.closes_on)}` : ''}
          </p>
        </div>
      </div>
      <SurveyLifecycle survey={s} onChanged={() => refresh()} />
      <section className="card" aria-labelledby="link-title" id={SHARE_ID} tabIndex={-1}>
        <h2 id="link-title">Public link</h2>
        <p className="survey-link">
          <a href={`/s/${s.token}`}>{s.public_url}</a>
        </p>
        <div className="button-row">
          <CopyButton text={s.public_url} />
          <Link className="button button--secondary button--small" to={`/surveys/${encodeURIComponent(s.id)}/print`}>
            Print the link with its QR code
          </Link>
        </div>
        <p className="field__hint">
          {s.status === 'published'
            ? 'Anyone with this link can answer; no account is needed.'
            : s.status === 'draft'
              ? 'The link takes answers once the survey is published; until then it says the survey is being prepared.'
              : 'The link says the survey has closed, until you reopen it.'}
        </p>
      </section>

      <RespondentCodes survey={s} onChanged={refresh} />

      <h2>Results</h2>
      {asOf ? (
        <div className="alert alert--info" role="status">
          <p>
            These are the results as they stood on {formatTime(asOf)}, when a decision cited this survey: responses received since are not counted.
          </p>
          <button type="button" className="button button--secondary button--small" onClick={() => setSearch({})}>
            Show the latest results
          </button>
        </div>
      ) : null}
      {results.data && results.data.responses.used === 0 ? (
        <>
          {results.data.responses.excluded > 0 ? <p>0 responses used, {results.data.responses.excluded} excluded.</p> : null}
          <NoAnswers survey={s} excluded={results.data.responses.excluded} asOf={Boolean(asOf)} />
        </>
      ) : results.data ? (
        <>
          <p>
            {results.data.responses.used} {results.data.responses.used === 1 ? 'response' : 'responses'} used, {results.data.responses.excluded} excluded.
          </p>
          {results.data.outcomes.map((o) => (
            <OutcomeCard key={o.id} o={o} />
          ))}
          {asOf ? null : <ApplyToMap survey={s} results={results.data} />}
          {results.data.questions.map((q) => (
            <QuestionCard key={q.id} q={q} outcomes={results.data!.outcomes} surveyId={s.id} frozen={Boolean(asOf)} />
          ))}
          {asOf ? null : <CompareWaves survey={s} version={results.data.responses.used} />}
        </>
      ) : results.error ? (
        <ErrorState error={results.error} onRetry={results.reload} />
      ) : (
        <Loading />
      )}

      <h2>Responses</h2>
      <div className="survey-actions">
        <a className="button button--secondary" href={`/api/v1/surveys/${encodeURIComponent(s.id)}/responses.csv`} download>
          Export CSV
        </a>
        <label className="button button--secondary">
          Import CSV
          <input type="file" accept=".csv,text/csv" className="visually-hidden" onChange={(e) => void importCsv(e)} />
        </label>
      </div>
      <p className="field__hint">
        Import answers typed in from paper with the columns of the export, or the CSV export of KoboToolbox or ODK Central for a survey made from their XLSForm
        (in Kobo choose “XML values and headers”). Answers already imported are not added twice.
      </p>
      {imported ? <p role="status">{imported}</p> : null}
      {importError ? (
        <div className="alert alert--error" role="alert">
          {importError.fields.length > 1 ? (
            <>
              <p>Nothing was imported: the file has {importError.fields.length} problems. Correct them and import it again.</p>
              <ul>
                {importError.fields.slice(0, 20).map((f, k) => (
                  // The server names each problem by the file's row and column, in words already.
                  <li key={k}>{f.field ? `${f.field.charAt(0).toUpperCase()}${f.field.slice(1)}: ${f.message}` : f.message}</li>
                ))}
              </ul>
              {importError.fields.length > 20 ? <p>And {importError.fields.length - 20} more like them.</p> : null}
              {importError.fields.every((f) => /column ".*": is not a question of this survey/.test(`${f.field}: ${f.message}`)) ? (
                <p>None of its columns is a question of this survey: is it the export of another survey?</p>
              ) : null}
            </>
          ) : (
            <p>
              {importError.field ? `${/^row \d/.test(importError.field) ? importError.field.charAt(0).toUpperCase() + importError.field.slice(1) : fieldInWords(importError.field)}: ` : ''}
              {importError.message}
            </p>
          )}
        </div>
      ) : null}
      {asOf ? (
        <p className="field__hint">
          The responses themselves are listed with the latest results: <button type="button" className="button button--quiet button--small" onClick={() => setSearch({})}>show them</button>.
        </p>
      ) : (
        <ResponsesTable survey={s} canExclude onChange={refresh} />
      )}
    </div>
  );
}
