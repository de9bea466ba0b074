import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, useApiSafe } from './api';
import { Badge, EmptyState, ErrorState, Loading } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { LINKABLE, STATE_LABELS, TYPE_LABELS, type Question, type QuestionType, type Survey, type SurveyDesign, type SurveyPage, type SurveySummary } from './types';
import './surveys.css';
import { problemsInWords } from '../../lib/labels';
import { QuestionBankDialog } from './QuestionBankDialog';
import { languageName } from './languages';
import type { BankQuestion } from './questionBank';

const slug = (s: string, fallback: string) =>
  s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || fallback;

interface DraftQuestion {
  key: number; // stable while questions move: what a show-if names
  type: QuestionType;
  text: string;
  options: string;
  outcome: number; // index into outcomes, -1 for none
  required: boolean;
  help: string;
  section: string; // a section's title when this question starts one
  indicator: string; // what it measures: a bank question's source
  sourceId?: string; // its id in a design it was read from (an XLSForm): kept, and what translations name
  optionValues?: Record<string, string>; // an XLSForm's names of the options, by option: how Kobo and ODK export answers
  showIf: { key: number; option: string } | null; // asked only when that question's answer is option
}

// The types whose answers are a figure of the impact map's outcome they are linked to.
const SROI_TYPES: QuestionType[] = ['before_now', 'deadweight', 'attribution', 'duration', 'drop_off'];

let nextKey = 1;
function blankQuestion(over: Partial<DraftQuestion> = {}): DraftQuestion {
  return { key: nextKey++, type: 'scale', text: '', options: '', outcome: -1, required: false, help: '', section: '', indicator: '', showIf: null, ...over };
}

const optionsOf = (q: DraftQuestion) =>
  q.options
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
interface DraftOutcome {
  name: string;
  population: string;
}

/** The list with item i moved by delta places (−1: up, +1: down); unchanged at either end. */
export function moved<T>(list: readonly T[], i: number, delta: number): T[] {
  const j = i + delta;
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/** What question i may be asked on: an option of an earlier choice question. */
export function askConditions(questions: DraftQuestion[], i: number): { key: number; option: string; label: string }[] {
  return questions.slice(0, i).flatMap((q, k) =>
    q.type === 'single_choice' || q.type === 'multiple_choice'
      ? optionsOf(q).map((option) => ({ key: q.key, option, label: `Only when question ${k + 1} is “${option}”` }))
      : [],
  );
}

/**
 * A design read from elsewhere (an XLSForm) as the designer's drafts: skip
 * logic by the drafts' keys, no outcome links (the design has no outcomes).
 */
export function draftsOf(design: SurveyDesign): DraftQuestion[] {
  const keys = new Map<string, number>();
  return design.questions.map((q) => {
    const draft = blankQuestion({
      type: q.type,
      text: q.text,
      required: q.required ?? false,
      options: (q.options ?? []).join('\n'),
      help: q.help ?? '',
      section: q.section ?? '',
      indicator: q.indicator ?? '',
      sourceId: q.id,
      optionValues: Object.fromEntries((q.option_values ?? []).flatMap((v, k) => (v && q.options?.[k] ? [[q.options[k], v]] : []))),
    });
    keys.set(q.id, draft.key);
    const from = q.show_if ? keys.get(q.show_if.question_id) : undefined;
    if (q.show_if && from !== undefined) draft.showIf = { key: from, option: q.show_if.equals };
    return draft;
  });
}

/**
 * The draft form as the API's design. A question read from an XLSForm keeps
 * its name as its id, so that the tools' exports of answers find it; the
 * others are q1, q2, … by position.
 */
export function toDesign(
  title: string,
  description: string,
  outcomes: DraftOutcome[],
  questions: DraftQuestion[],
  closesOn: string,
  limit: string,
  codes: SurveyDesign['respondent_codes'] = 'off',
  scopeId = '',
  languages: Pick<SurveyDesign, 'language' | 'translations'> = { language: 'en', translations: [] },
): SurveyDesign {
  const outcomeIds = outcomes.map((o, i) => slug(o.name, `outcome-${i + 1}`));
  const used = new Set<string>();
  const ids = new Map<number, string>();
  const kept = new Set(questions.flatMap((q) => (q.sourceId ? [q.sourceId] : [])));
  questions.forEach((q, i) => {
    let id = q.sourceId && !used.has(q.sourceId) ? q.sourceId : `q${i + 1}`;
    while (used.has(id) || (id !== q.sourceId && kept.has(id))) id += 'x';
    used.add(id);
    ids.set(q.key, id);
  });
  return {
    title,
    description,
    scope_id: scopeId || null,
    outcomes: outcomes.map((o, i) => ({ id: outcomeIds[i], name: o.name, indicator: '', population: o.population ? Number(o.population) : null })),
    questions: questions.map((q) => {
      const id = ids.get(q.key) ?? '';
      const out: Question = { id, type: q.type, text: q.text, required: q.required, outcome_id: q.outcome >= 0 && LINKABLE.includes(q.type) ? outcomeIds[q.outcome] ?? '' : '', indicator: q.indicator.trim() };
      if (q.type === 'single_choice' || q.type === 'multiple_choice') {
        out.options = optionsOf(q);
        const names = out.options.map((o) => q.optionValues?.[o] ?? '');
        if (names.some(Boolean)) out.option_values = names;
      }
      if (q.help.trim()) out.help = q.help.trim();
      if (q.section.trim()) out.section = q.section.trim();
      if (q.showIf) out.show_if = { question_id: ids.get(q.showIf.key) ?? '', equals: q.showIf.option };
      return out;
    }),
    opens_on: null,
    closes_on: closesOn || null,
    response_limit: limit ? Number(limit) : null,
    respondent_codes: codes,
    language: languages.language,
    // Translations name questions by the ids they were read with; a question
    // whose options changed keeps its translated text but not its options.
    translations: (languages.translations ?? []).map((t) => ({
      ...t,
      questions: Object.fromEntries(
        questions.flatMap((q) => {
          const words = q.sourceId ? t.questions?.[q.sourceId] : undefined;
          if (!words) return [];
          const options = words.options && words.options.length === optionsOf(q).length ? words.options : [];
          return [[ids.get(q.key) ?? '', { ...words, options }]];
        }),
      ),
    })),
  };
}

function Designer({ orgId, onCreated }: { orgId: string; onCreated: (s: Survey) => void }) {
  const api = useApiSafe();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [closesOn, setClosesOn] = useState('');
  const [limit, setLimit] = useState('');
  const [codes, setCodes] = useState<SurveyDesign['respondent_codes']>('off');
  const [scopeId, setScopeId] = useState('');
  const scopes = useLoad(() => api.listScopes(orgId, { limit: 200 }), [orgId]);
  const [outcomes, setOutcomes] = useState<DraftOutcome[]>([{ name: '', population: '' }]);
  const [questions, setQuestions] = useState<DraftQuestion[]>(() => [blankQuestion({ type: 'before_now', outcome: 0, required: true })]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [bankOpen, setBankOpen] = useState(false);
  const [imported, setImported] = useState<{ ok: boolean; text: string } | null>(null);
  const [languages, setLanguages] = useState<Pick<SurveyDesign, 'language' | 'translations'>>({ language: 'en', translations: [] });
  const importXlsForm = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setImported(null);
    try {
      const design = await api.client.post<SurveyDesign>('/surveys/import-xlsform', undefined, {
        raw: { body: file, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      });
      setTitle(design.title);
      setDescription(design.description ?? '');
      setQuestions(draftsOf(design));
      setLanguages({ language: design.language ?? 'en', translations: design.translations ?? [] });
      setImported({
        ok: true,
        text: `Read ${design.questions.length} questions from ${file.name}. Add the outcomes they measure and link the questions to them, then save as a draft.`,
      });
    } catch (err) {
      const problems = err instanceof ApiError && err.fields.length > 0 ? problemsInWords(err.fields) : err instanceof Error ? err.message : String(err);
      setImported({ ok: false, text: `${file.name} could not be read, and nothing was changed. ${problems}` });
    }
  };
  // Bank questions go to the end, the SROI ones linked to the first outcome; returns the first's number.
  const addFromBank = (picked: BankQuestion[]) => {
    const first = questions.length + 1;
    setQuestions((qs) => [
      ...qs,
      ...picked.map((b) =>
        blankQuestion({
          type: b.type,
          text: b.text,
          help: b.help ?? '',
          options: (b.options ?? []).join('\n'),
          indicator: b.indicator,
          outcome: SROI_TYPES.includes(b.type) && outcomes.length > 0 ? 0 : -1,
        }),
      ),
    ]);
    return first;
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const design = toDesign(title, description, outcomes.filter((o) => o.name.trim()), questions, closesOn, limit, codes, scopeId, languages);
      // A draft: the team previews it before its link takes answers.
      onCreated(await api.client.post<Survey>(`/organisations/${encodeURIComponent(orgId)}/surveys`, { ...design, status: 'draft' }));
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }
  const setQ = (i: number, patch: Partial<DraftQuestion>) => setQuestions((qs) => qs.map((q, k) => (k === i ? { ...q, ...patch } : q)));
  const setO = (i: number, patch: Partial<DraftOutcome>) => setOutcomes((os) => os.map((o, k) => (k === i ? { ...o, ...patch } : o)));

  return (
    <form className="card survey-designer" onSubmit={submit} aria-labelledby="designer-title">
      <h2 id="designer-title">Design a survey</h2>
      <div className="survey-row">
        <label>
          Start from an XLSForm (optional: an .xlsx from KoboToolbox, ODK or a spreadsheet)
          <input className="input" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => void importXlsForm(e)} />
        </label>
      </div>
      {imported ? (
        <p className={imported.ok ? 'alert alert--success' : 'alert alert--error'} role={imported.ok ? 'status' : 'alert'}>
          {imported.text}
        </p>
      ) : null}
      {(languages.translations ?? []).length > 0 ? (
        <p className="field__hint">
          Respondents can also answer in {(languages.translations ?? []).map((t) => languageName(t.language)).join(', ')}, as the workbook gives
          it; they choose at the top of the form. To change those words, edit the workbook and start from it again.
        </p>
      ) : null}
      <div className="survey-row">
        <label>
          Survey title
          <input className="input" value={title} onChange={(e) => setTitle(e.target.value)} required />
        </label>
      </div>
      <div className="survey-row">
        <label>
          Programme, service or project (scope)
          <select className="input" value={scopeId} onChange={(e) => setScopeId(e.target.value)}>
            <option value="">The whole organisation</option>
            {(scopes.data?.items ?? []).map((sc) => (
              <option key={sc.id} value={sc.id}>
                {sc.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="survey-row">
        <label>
          Introduction for respondents
          <textarea className="input" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
      </div>
      <div className="survey-row">
        <label>
          Closes on (optional)
          <input className="input" type="date" value={closesOn} onChange={(e) => setClosesOn(e.target.value)} />
        </label>
        <label>
          Response limit (optional)
          <input className="input" type="number" min={1} value={limit} onChange={(e) => setLimit(e.target.value)} />
        </label>
        <label>
          Respondent codes (link baseline and follow-up)
          <select className="input" value={codes} onChange={(e) => setCodes(e.target.value as SurveyDesign['respondent_codes'])}>
            <option value="off">Off: anonymous</option>
            <option value="optional">Optional</option>
            <option value="required">Required</option>
          </select>
        </label>
      </div>
      <h3>Outcomes it measures</h3>
      {outcomes.map((o, i) => (
        <div className="survey-row" key={i}>
          <label>
            Outcome {i + 1}
            <input className="input" value={o.name} onChange={(e) => setO(i, { name: e.target.value })} placeholder="e.g. Members feel less lonely" />
          </label>
          <label>
            Stakeholders it concerns (number)
            <input className="input" type="number" min={1} value={o.population} onChange={(e) => setO(i, { population: e.target.value })} />
          </label>
        </div>
      ))}
      <button type="button" className="button button--secondary button--small" onClick={() => setOutcomes((os) => [...os, { name: '', population: '' }])}>
        Add an outcome
      </button>
      <h3>Questions</h3>
      <p className="field__hint">Respondents see one section a screen. Give a question a section title to start a new section there.</p>
      {questions.map((q, i) => (
        <div className="survey-designer__question" key={q.key}>
          <label>
            Question {i + 1} starts a section titled (optional)
            <input className="input" value={q.section} maxLength={200} onChange={(e) => setQ(i, { section: e.target.value })} />
          </label>
          <div className="survey-row">
            <label>
              Question {i + 1} type
              <select className="input" value={q.type} onChange={(e) => setQ(i, { type: e.target.value as QuestionType })}>
                {Object.entries(TYPE_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            {LINKABLE.includes(q.type) ? (
              <label>
                Question {i + 1} outcome
                <select className="input" value={q.outcome} onChange={(e) => setQ(i, { outcome: Number(e.target.value) })}>
                  <option value={-1}>None</option>
                  {outcomes.map((o, k) => (
                    <option key={k} value={k}>
                      {o.name || `Outcome ${k + 1}`}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
          </div>
          <label>
            Question {i + 1} text
            <input className="input" value={q.text} onChange={(e) => setQ(i, { text: e.target.value })} />
          </label>
          {q.type === 'single_choice' || q.type === 'multiple_choice' ? (
            <label>
              Question {i + 1} options (one a line)
              <textarea className="input" rows={3} value={q.options} onChange={(e) => setQ(i, { options: e.target.value })} />
            </label>
          ) : null}
          <label>
            Question {i + 1} help (optional, shown under the question)
            <input className="input" value={q.help} onChange={(e) => setQ(i, { help: e.target.value })} />
          </label>
          {askConditions(questions, i).length > 0 ? (
            <label>
              Ask question {i + 1}
              <select
                className="input"
                value={q.showIf ? `${q.showIf.key}|${q.showIf.option}` : ''}
                onChange={(e) => {
                  const [key, ...option] = e.target.value.split('|');
                  setQ(i, { showIf: e.target.value ? { key: Number(key), option: option.join('|') } : null });
                }}
              >
                <option value="">Always</option>
                {askConditions(questions, i).map((c) => (
                  <option key={`${c.key}|${c.option}`} value={`${c.key}|${c.option}`}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <div className="survey-row">
            <label className="survey-check">
              <input type="checkbox" checked={q.required} onChange={(e) => setQ(i, { required: e.target.checked })} /> Question {i + 1} required
            </label>
            <span className="button-row">
              <button type="button" className="button button--quiet button--small" onClick={() => setQuestions((qs) => moved(qs, i, -1))} disabled={i === 0}>
                Move question {i + 1} up
              </button>
              <button type="button" className="button button--quiet button--small" onClick={() => setQuestions((qs) => moved(qs, i, 1))} disabled={i === questions.length - 1}>
                Move question {i + 1} down
              </button>
              <button type="button" className="button button--quiet button--small" onClick={() => setQuestions((qs) => qs.filter((_, k) => k !== i))} disabled={questions.length === 1}>
                Remove question {i + 1}
              </button>
            </span>
          </div>
        </div>
      ))}
      <span className="button-row">
        <button type="button" className="button button--secondary button--small" onClick={() => setQuestions((qs) => [...qs, blankQuestion()])}>
          Add a question
        </button>
        <button type="button" className="button button--secondary button--small" onClick={() => setBankOpen(true)}>
          Add from the question bank…
        </button>
      </span>
      <QuestionBankDialog open={bankOpen} outcomeCount={outcomes.filter((o) => o.name.trim()).length} onAdd={addFromBank} onClose={() => setBankOpen(false)} />
      {error ? (
        <p className="alert alert--error" role="alert">
          {error.fields.length > 0 ? problemsInWords(error.fields) : error.message}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          Save as a draft
        </button>
        <span className="field__hint">Nobody can answer it until you preview it and publish it.</span>
      </div>
    </form>
  );
}

export function SurveysPage() {
  const { id = '' } = useParams();
  const api = useApiSafe();
  const navigate = useNavigate();
  const path = `/organisations/${encodeURIComponent(id)}/surveys`;
  const list = useLoad(() => api.client.get<SurveyPage>(path), [id]);
  const [designing, setDesigning] = useState(false);
  // Pages after the first, added by "Show more" (docs/api.md "Lists").
  const [more, setMore] = useState<{ items: SurveySummary[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const shown = [...(list.data?.items ?? []), ...(more?.items ?? [])];
  const nextCursor = more ? more.cursor : (list.data?.next_cursor ?? null);
  const showMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await api.client.get<SurveyPage>(path, { query: { cursor: nextCursor } });
      setMore({ items: [...(more?.items ?? []), ...page.items], cursor: page.next_cursor });
    } finally {
      setLoadingMore(false);
    }
  };
  useDocumentTitle('Surveys');
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow">
            <Link to={`/organisations/${encodeURIComponent(id)}`}>Organisation</Link>
          </p>
          <h1>Surveys</h1>
          <p className="page-head__meta">Ask stakeholders what changed for them; their answers feed your evaluative impact map.</p>
        </div>
        {!designing ? (
          <button type="button" className="button button--primary" onClick={() => setDesigning(true)}>
            New survey
          </button>
        ) : null}
      </div>
      {designing ? <Designer orgId={id} onCreated={(s) => navigate(`/surveys/${encodeURIComponent(s.id)}`)} /> : null}
      {list.status === 'loading' ? <Loading /> : null}
      {list.status === 'error' && list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.data && shown.length === 0 && !designing ? <EmptyState title="No surveys yet">Design one to start collecting answers.</EmptyState> : null}
      {shown.length > 0 ? (
        <ul className="card-grid" aria-label="Surveys">
          {shown.map((s) => (
            <li key={s.id} className="card">
              <h2>
                <Link to={`/surveys/${encodeURIComponent(s.id)}`}>{s.title}</Link>
              </h2>
              <p>
                <Badge tone={s.state === 'open' ? 'success' : 'neutral'}>{STATE_LABELS[s.state]}</Badge> {s.response_count} {s.response_count === 1 ? 'response' : 'responses'}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      {nextCursor ? (
        <button type="button" className="button" onClick={() => void showMore()} disabled={loadingMore}>
          {loadingMore ? 'Loading…' : 'Show more'}
        </button>
      ) : null}
    </div>
  );
}
