// The survey designer (docs/api.md "Surveys"): a new survey, or the changes
// to a saved one, question by question, with sections, skip logic, the
// question bank, an XLSForm to start from and the survey in other languages.
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { ApiError, useApiSafe } from './api';
import { useLoad } from '../../hooks/useLoad';
import { LINKABLE, TYPE_LABELS, type QuestionType, type Survey, type SurveyDesign } from './types';
import { problemsInWords } from '../../lib/labels';
import { QuestionBankDialog } from './QuestionBankDialog';
import { SurveyLanguages } from './SurveyLanguages';
import type { BankQuestion } from './questionBank';
import { CountedField as Counted, CountedInput } from '../../components/CharacterCount';
import { DESIGN_LIMITS } from './limits';
import { FieldError } from '../../components/Field';
import {
  askConditions,
  blankQuestion,
  draftProblems,
  draftsOf,
  languagesOf,
  moved,
  outcomesOf,
  toDesign,
  type DraftLanguages,
  type DraftProblem,
  type DraftOutcome,
  type DraftQuestion,
} from './designDraft';

// The types whose answers are a figure of the impact map's outcome they are linked to.
const SROI_TYPES: QuestionType[] = ['before_now', 'deadweight', 'attribution', 'duration', 'drop_off'];

/**
 * Designs a new survey for `orgId`, or, given `survey`, changes that one
 * (saved with its version, so that someone else's save is not overwritten).
 * Once a survey has answers the server lets a question be reworded or added,
 * not removed or given another type, and says so beside the form.
 */
export function SurveyDesigner({ orgId, survey, onSaved, onCancel }: { orgId: string; survey?: Survey; onSaved: (s: Survey) => void; onCancel?: () => void }) {
  const api = useApiSafe();
  const [initial] = useState(() => {
    if (!survey) return null;
    const drafts = draftsOf(survey);
    return { drafts, languages: languagesOf(survey, drafts) };
  });
  const [title, setTitle] = useState(survey?.title ?? '');
  const [description, setDescription] = useState(survey?.description ?? '');
  const [closesOn, setClosesOn] = useState(survey?.closes_on ?? '');
  const [limit, setLimit] = useState(survey?.response_limit ? String(survey.response_limit) : '');
  const [codes, setCodes] = useState<SurveyDesign['respondent_codes']>(survey?.respondent_codes ?? 'off');
  const [scopeId, setScopeId] = useState(survey?.scope_id ?? '');
  const scopes = useLoad(() => api.listScopes(orgId, { limit: 200 }), [orgId]);
  const [outcomes, setOutcomes] = useState<DraftOutcome[]>(() => (survey ? outcomesOf(survey) : [{ name: '', population: '' }]));
  const [questions, setQuestions] = useState<DraftQuestion[]>(() => initial?.drafts ?? [blankQuestion({ type: 'before_now', outcome: 0, required: true })]);
  const [error, setError] = useState<ApiError | null>(null);
  // What to fix before saving; each input it names is marked, the first focused.
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (problems.length > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [problems]);
  const problemAt = (field: string) => problems.find((p) => p.field === field)?.message;
  const marked = (field: string) => ({ name: field, 'aria-invalid': problemAt(field) ? true : undefined });
  const [busy, setBusy] = useState(false);
  const [bankOpen, setBankOpen] = useState(false);
  const [imported, setImported] = useState<{ ok: boolean; text: string } | null>(null);
  const [languages, setLanguages] = useState<DraftLanguages>(() => initial?.languages ?? { language: 'en', translations: [] });
  const importXlsForm = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setImported(null);
    try {
      const design = await api.client.post<SurveyDesign>('/surveys/import-xlsform', undefined, {
        raw: { body: file, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      });
      const drafts = draftsOf(design);
      setTitle(design.title);
      setDescription(design.description ?? '');
      setQuestions(drafts);
      setLanguages(languagesOf(design, drafts));
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
    setError(null);
    const found = draftProblems(outcomes, questions);
    setProblems(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      const design = toDesign(title, description, outcomes, questions, closesOn, limit, codes, scopeId, languages, survey?.opens_on ?? '');
      onSaved(
        survey
          ? await api.client.put<Survey>(`/surveys/${encodeURIComponent(survey.id)}`, { ...design, version: survey.version })
          : // A draft: the team previews it before its link takes answers.
            await api.client.post<Survey>(`/organisations/${encodeURIComponent(orgId)}/surveys`, { ...design, status: 'draft' }),
      );
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }
  // A saved question that has been answered keeps its place and its kind of answer.
  const answered = (q: DraftQuestion) => Boolean(survey && survey.response_count > 0 && q.sourceId && survey.questions.some((x) => x.id === q.sourceId));
  const setQ = (i: number, patch: Partial<DraftQuestion>) => setQuestions((qs) => qs.map((q, k) => (k === i ? { ...q, ...patch } : q)));
  const setO = (i: number, patch: Partial<DraftOutcome>) => setOutcomes((os) => os.map((o, k) => (k === i ? { ...o, ...patch } : o)));

  return (
    <form ref={form} className="card survey-designer" onSubmit={submit} aria-labelledby="designer-title">
      <h2 id="designer-title">{survey ? 'Change the survey' : 'Design a survey'}</h2>
      {survey && survey.response_count > 0 ? (
        <p className="alert alert--info">
          This survey has {survey.response_count === 1 ? 'an answer' : `${survey.response_count} answers`}: you can reword questions and add new ones, but not remove a
          question or change its type, so that every answer keeps its question.
        </p>
      ) : null}
      {survey ? null : (
      <div className="survey-row">
        <label>
          Start from an XLSForm (optional: an .xlsx from KoboToolbox, ODK or a spreadsheet)
          <input className="input" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => void importXlsForm(e)} />
        </label>
      </div>
      )}
      {imported ? (
        <p className={imported.ok ? 'alert alert--success' : 'alert alert--error'} role={imported.ok ? 'status' : 'alert'}>
          {imported.text}
        </p>
      ) : null}
      <div className="survey-row">
        <CountedInput countId="survey-title-count" label="Survey title" value={title} max={DESIGN_LIMITS.title} onChange={setTitle} required />
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
        <Counted id="survey-description-count" value={description} max={DESIGN_LIMITS.description}>
          <label>
            Introduction for respondents
            <textarea
              className="input"
              rows={2}
              value={description}
              maxLength={DESIGN_LIMITS.description}
              aria-describedby="survey-description-count"
              onChange={(e) => setDescription(e.target.value)}
            />
          </label>
        </Counted>
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
          <div className="survey-field">
            <CountedInput
              countId={`outcome-${i}-name-count`}
              label={`Outcome ${i + 1}`}
              value={o.name}
              max={DESIGN_LIMITS.outcomeName}
              placeholder="e.g. Members feel less lonely"
              onChange={(v) => setO(i, { name: v })}
              {...marked(`outcomes[${i}].name`)}
            />
            <FieldError message={problemAt(`outcomes[${i}].name`)} />
          </div>
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
          <CountedInput
            countId={`q${q.key}-section-count`}
            label={`Question ${i + 1} starts a section titled (optional)`}
            value={q.section}
            max={DESIGN_LIMITS.section}
            onChange={(v) => setQ(i, { section: v })}
          />
          <div className="survey-row">
            <label>
              Question {i + 1} type
              <select className="input" value={q.type} disabled={answered(q)} onChange={(e) => setQ(i, { type: e.target.value as QuestionType })}>
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
          {q.type === 'before_now' ? (
            <label className="survey-check">
              <input type="checkbox" checked={q.lowerIsBetter ?? false} onChange={(e) => setQ(i, { lowerIsBetter: e.target.checked })} /> Question {i + 1}: a lower
              answer is better (as for loneliness or anxiety), so a fall counts as a change for the better
            </label>
          ) : null}
          <CountedInput
            countId={`q${q.key}-text-count`}
            label={`Question ${i + 1} text`}
            value={q.text}
            max={DESIGN_LIMITS.questionText}
            onChange={(v) => setQ(i, { text: v })}
            {...marked(`questions[${i}].text`)}
          />
          <FieldError message={problemAt(`questions[${i}].text`)} />
          {q.type === 'single_choice' || q.type === 'multiple_choice' ? (
            <label>
              Question {i + 1} options (one a line)
              <textarea
                className="input"
                rows={3}
                value={q.options}
                onChange={(e) => setQ(i, { options: e.target.value })}
                {...marked(`questions[${i}].options`)}
              />
              <FieldError message={problemAt(`questions[${i}].options`)} />
            </label>
          ) : null}
          <CountedInput
            countId={`q${q.key}-help-count`}
            label={`Question ${i + 1} help (optional, shown under the question)`}
            value={q.help}
            max={DESIGN_LIMITS.help}
            onChange={(v) => setQ(i, { help: v })}
          />
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
              <button
                type="button"
                className="button button--quiet button--small"
                onClick={() => setQuestions((qs) => qs.filter((_, k) => k !== i))}
                disabled={questions.length === 1 || answered(q)}
                title={answered(q) ? 'It has been answered, so it stays: its answers keep their question.' : undefined}
              >
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
      <SurveyLanguages title={title} description={description} outcomes={outcomes} questions={questions} value={languages} onChange={setLanguages} />
      {problems.length > 0 ? (
        <div className="alert alert--error" role="alert">
          <p>Fix {problems.length === 1 ? 'this' : `these ${problems.length}`} before saving:</p>
          <ul>
            {problems.map((p) => (
              <li key={p.field}>{p.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {error ? (
        <p className="alert alert--error" role="alert">
          {error.fields.length > 0 ? problemsInWords(error.fields) : error.message}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {survey ? 'Save the changes' : 'Save as a draft'}
        </button>
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        <span className="field__hint">
          {!survey || survey.status === 'draft'
            ? 'Nobody can answer it until you preview it and publish it.'
            : survey.status === 'published'
              ? 'It is published: respondents see the changes the next time they open the link.'
              : 'It is closed: the changes show when you reopen it.'}
        </span>
      </div>
    </form>
  );
}
