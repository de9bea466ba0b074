import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { ApiError, apiClient } from '../../api';
import type { AnswerValue, PublicSurvey, Question, SurveyState } from './types';
import { isAnswered, problemsIn, progressLine, sectionHeading, sectionOfQuestion, sectionsOf, type FormSection } from './sections';
import { keepSurveyOffline, useOutbox } from './useOutbox';
import { inLanguage, languageName, languagesOf, preferredLanguage } from './languages';
import { browserFormLanguage, refusalIn, RESPONDENT_CODE, say, type FormPhrase } from './formWords';
import { CharacterCount } from '../../components/CharacterCount';
import './surveys.css';

/** The answers to deadweight, attribution and drop-off: a share, in words. */
const FRACTIONS: { value: number; words: FormPhrase }[] = [
  { value: 0, words: 'noneOfIt' },
  { value: 0.25, words: 'aQuarter' },
  { value: 0.5, words: 'aboutHalf' },
  { value: 0.75, words: 'mostOfIt' },
  { value: 1, words: 'allOfIt' },
];

/** The five points of a Likert question, 1 to 5 (types.ts LIKERT, in the form's language). */
const LIKERT_WORDS: FormPhrase[] = ['stronglyDisagree', 'disagree', 'neither', 'agree', 'stronglyAgree'];

/** The browser's languages, first preferred first. */
function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

// The public page has no session: the app's one client sends no CSRF token
// until someone signs in, and these calls need none.
function loadSurvey(token: string): Promise<PublicSurvey> {
  return apiClient.get<PublicSurvey>(`/s/${encodeURIComponent(token)}`);
}

function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** A row of radio buttons: the accessible way to pick one point of a scale. */
function Choices({
  name,
  options,
  value,
  onChange,
  compact = false,
}: {
  name: string;
  options: { value: string | number; label: string }[];
  value: unknown;
  onChange: (v: string | number) => void;
  /** A 0–10 scale: every point in one row, even on a phone. */
  compact?: boolean;
}) {
  return (
    <div className={compact ? 'survey-choices survey-choices--scale' : 'survey-choices'}>
      {options.map((o) => (
        <label key={String(o.value)} className="survey-choice">
          <input type="radio" name={name} checked={value === o.value} onChange={() => onChange(o.value)} />
          <span>{o.label}</span>
        </label>
      ))}
    </div>
  );
}

const SCALE = Array.from({ length: 11 }, (_, i) => ({ value: i, label: String(i) }));

/**
 * Whether a question's words already say what 0 and 10 mean, in its text or
 * its help ("(0 = not at all, 10 = very)", "0 is not at all, 10 is all the
 * time"): then the form's own words for the ends would only repeat or
 * contradict them, and are left out. A range alone ("(0–10)", "0 to 10")
 * says nothing of the ends.
 */
export function namesEnds(words: string | undefined): boolean {
  const rest = (words ?? '').replace(/(^|\D)0\s*(?:–|—|-|to|i)\s*10(?!\d)/g, ' ');
  return /(^|\D)0(\D|$)/.test(rest) && /(^|\D)10(\D|$)/.test(rest);
}

const endsNamed = (q: Question) => namesEnds(q.text) || namesEnds(q.help);

/** The id of the words under a 0–10 row; the row's fieldset is described by them. */
const endsId = (name: string) => `${name}-ends`;

/** What the ends of a 0–10 row mean, under its first and last tiles. */
function ScaleEnds({ id, lang }: { id: string; lang: string }) {
  return (
    <p id={id} className="survey-scale-ends">
      <span>{say(lang, 'scaleLow')}</span>
      {/* Read as two phrases, not run together. */}
      <span className="visually-hidden">; </span>
      <span>{say(lang, 'scaleHigh')}</span>
    </p>
  );
}

/** Free text has a limit in characters (docs/api.md "Surveys": max_length, 2000 unless set). */
const TEXT_LIMIT = 2000;

function QuestionInput({
  q,
  survey,
  value,
  set,
  labels,
  lang,
}: {
  q: Question;
  survey: PublicSurvey;
  value: AnswerValue | undefined;
  set: (v: AnswerValue | undefined) => void;
  /** The language of the form's own words (formWords.ts). */
  lang: string;
  /** The options as shown, in the respondent's language; the values sent are q.options. */
  labels?: string[];
}) {
  const name = `q-${q.id}`;
  const ends = !endsNamed(q);
  switch (q.type) {
    case 'single_choice':
      return <Choices name={name} options={(q.options ?? []).map((o, i) => ({ value: o, label: labels?.[i] ?? o }))} value={value} onChange={(v) => set(String(v))} />;
    case 'multiple_choice': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <div className="survey-choices">
          {(q.options ?? []).map((o, i) => (
            <label key={o} className="survey-choice">
              <input type="checkbox" checked={chosen.includes(o)} onChange={(e) => set(e.target.checked ? [...chosen, o] : chosen.filter((c) => c !== o))} />
              <span>{labels?.[i] ?? o}</span>
            </label>
          ))}
        </div>
      );
    }
    case 'scale':
      return (
        <>
          <Choices name={name} options={SCALE} value={value} onChange={(v) => set(Number(v))} compact />
          {ends ? <ScaleEnds id={endsId(name)} lang={lang} /> : null}
        </>
      );
    case 'likert':
      return <Choices name={name} options={LIKERT_WORDS.map((w, i) => ({ value: i + 1, label: say(lang, w) }))} value={value} onChange={(v) => set(Number(v))} />;
    case 'deadweight':
    case 'attribution':
    case 'drop_off':
      return <Choices name={name} options={FRACTIONS.map((f) => ({ value: f.value, label: say(lang, f.words) }))} value={value} onChange={(v) => set(Number(v))} />;
    case 'before_now': {
      const pair = (value as { before: number; now: number } | undefined) ?? undefined;
      return (
        <div className="survey-pair">
          {(['before', 'now'] as const).map((part) => (
            <fieldset key={part} className="survey-subfieldset" aria-describedby={ends ? endsId(`${name}-${part}`) : undefined}>
              <legend>{say(lang, part)}</legend>
              <Choices
                name={`${name}-${part}`}
                options={SCALE}
                compact
                value={pair?.[part]}
                onChange={(v) => set({ before: pair?.before ?? -1, now: pair?.now ?? -1, [part]: Number(v) } as { before: number; now: number })}
              />
              {ends ? <ScaleEnds id={endsId(`${name}-${part}`)} lang={lang} /> : null}
            </fieldset>
          ))}
        </div>
      );
    }
    case 'valuation': {
      const weights = (value as Record<string, number> | undefined) ?? {};
      return (
        <div className="survey-weights">
          {survey.outcomes.map((o) => (
            <label key={o.id} className="survey-weight">
              <span>{o.name}</span>
              <input
                type="number"
                inputMode="numeric"
                min={0}
                max={10}
                value={weights[o.id] ?? ''}
                onChange={(e) => {
                  const next = { ...weights };
                  if (e.target.value === '') delete next[o.id];
                  else next[o.id] = Number(e.target.value);
                  set(Object.keys(next).length ? next : undefined);
                }}
              />
            </label>
          ))}
          <p className="field__hint">{say(lang, 'weightsHint')}</p>
        </div>
      );
    }
    case 'number':
    case 'duration':
      return (
        <input
          id={name}
          className="input"
          type="number"
          inputMode="decimal"
          min={q.type === 'duration' ? 0 : q.min}
          max={q.type === 'duration' ? 50 : q.max}
          step="any"
          aria-labelledby={`${name}-label`}
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => set(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      );
    default: {
      const text = typeof value === 'string' ? value : '';
      const limit = q.max_length ?? TEXT_LIMIT;
      return (
        <>
          <textarea
            id={name}
            className="input"
            rows={4}
            maxLength={limit}
            aria-labelledby={`${name}-label`}
            aria-describedby={`${name}-count`}
            value={text}
            onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}
          />
          <CharacterCount id={`${name}-count`} value={text} max={limit} words={(left) => say(lang, left >= 0 ? 'charactersLeft' : 'charactersOver', { n: Math.abs(left) })} />
        </>
      );
    }
  }
}

/**
 * The questions asked, given the answers so far (skip logic), and the answers
 * to them alone: a question whose show-if does not match is not shown, and
 * an answer left from before is not sent.
 */
export function askedQuestions(questions: Question[], answers: Record<string, AnswerValue>): { asked: Question[]; answers: Record<string, AnswerValue> } {
  const asked: Question[] = [];
  const kept: Record<string, AnswerValue> = {};
  for (const q of questions) {
    if (q.show_if) {
      const earlier = kept[q.show_if.question_id];
      const matches = earlier === q.show_if.equals || (Array.isArray(earlier) && (earlier as unknown[]).includes(q.show_if.equals));
      if (!matches) continue;
    }
    asked.push(q);
    if (answers[q.id] !== undefined) kept[q.id] = answers[q.id];
  }
  return { asked, answers: kept };
}

const NOT_TAKING: Partial<Record<SurveyState, FormPhrase>> = { draft: 'draft', not_yet_open: 'notYetOpen', closed: 'closed', full: 'full' };

/** What a respondent is told when the link takes no answers: calm words, not an error. */
function NotTakingAnswers({ state, lang }: { state: SurveyState; lang: string }) {
  return (
    <div className="alert alert--info" role="status">
      <p className="alert__body">{say(lang, NOT_TAKING[state] ?? 'notTaking')}</p>
      <p className="alert__body">{say(lang, 'askSender')}</p>
    </div>
  );
}

interface Draft {
  answers: Record<string, AnswerValue>;
  code: string;
  page: number;
  key: string;
  /** The language chosen, so that a page opened again is in it. */
  lang?: string;
}

const draftKey = (token: string) => `valuemark.survey.${token}`;

/** The answers so far, kept on this device so that a closed tab or a lost signal loses nothing. */
function loadDraft(token: string | undefined): Draft {
  const blank = { answers: {}, code: '', page: 0, key: newKey() };
  if (!token) return blank;
  try {
    const kept = JSON.parse(localStorage.getItem(draftKey(token)) ?? 'null') as Partial<Draft> | null;
    if (kept && typeof kept === 'object' && typeof kept.key === 'string')
      return {
        answers: kept.answers ?? {},
        code: kept.code ?? '',
        page: Number(kept.page) || 0,
        key: kept.key,
        lang: typeof kept.lang === 'string' ? kept.lang : undefined,
      };
  } catch {
    // Storage refused or the draft unreadable: start afresh.
  }
  return blank;
}

function saveDraft(token: string | undefined, draft: Draft | null) {
  if (!token) return;
  try {
    if (draft) localStorage.setItem(draftKey(token), JSON.stringify(draft));
    else localStorage.removeItem(draftKey(token));
  } catch {
    // Full or refused storage: the form still works, the draft is not kept.
  }
}

/** How far a respondent has come: the section and the share of questions answered. */
function Progress({ page, sections, answered, asked, lang }: { page: number; sections: FormSection[]; answered: number; asked: number; lang: string }) {
  return (
    <div className="survey-progress">
      <p id="survey-progress-label" className="survey-progress__label">
        {progressLine(lang, sections, page, answered, asked)}
      </p>
      <progress className="survey-progress__bar" max={Math.max(asked, 1)} value={answered} aria-labelledby="survey-progress-label" />
    </div>
  );
}

/** What a device holds for sending later, and what the server refused of it. */
function Waiting({ outbox, lang }: { outbox: ReturnType<typeof useOutbox>; lang: string }) {
  const { waiting, refused, lastSent } = outbox.report;
  if (waiting === 0 && refused.length === 0 && lastSent === 0) return null;
  return (
    <div className="survey-outbox" role="status">
      {waiting > 0 ? (
        <p className="alert alert--info">{say(lang, 'waiting', { n: waiting })}</p>
      ) : lastSent > 0 ? (
        <p className="alert alert--success">{say(lang, 'sent', { n: lastSent })}</p>
      ) : null}
      {refused.length > 0 ? (
        <div className="alert alert--error">
          <p className="alert__body">{say(lang, 'refused', { n: refused.length, reason: refused[0].refused ?? '' })}</p>
          <button type="button" className="button button--secondary button--small" onClick={() => void outbox.discardRefused()}>
            {say(lang, 'discard', { n: refused.length })}
          </button>
        </div>
      ) : null}
    </div>
  );
}

/**
 * The survey as a respondent sees it: one section a screen with a progress
 * bar, each problem beside its question and focus on the first. With `token`
 * the answers are kept on the device until sent, and a response completed
 * offline waits there until the device is online again; in a preview (no
 * token) nothing is sent or kept.
 */
export function SurveyForm({
  s: original,
  token,
  givenCode = '',
  onLanguage,
}: {
  s: PublicSurvey;
  token?: string;
  givenCode?: string;
  /** Told the language the form is in, whenever it changes. */
  onLanguage?: (lang: string) => void;
}) {
  const languages = languagesOf(original);
  // A personal link (…?code=K7MQ-3XPA) fills in the respondent's code.
  const [draft, setDraft] = useState<Draft>(() => {
    const d = loadDraft(token);
    return givenCode && original.respondent_codes !== 'off' && !d.code ? { ...d, code: givenCode } : d;
  });
  // The language chosen before on this device, else the browser's first that the survey has.
  const [lang, setLang] = useState(() => (draft.lang && languages.includes(draft.lang) ? draft.lang : preferredLanguage(original, browserLanguages())));
  const { survey: s, labels } = useMemo(() => inLanguage(original, lang), [original, lang]);
  useEffect(() => onLanguage?.(lang), [lang, onLanguage]);
  const { answers, code, key } = draft;
  const [state, setState] = useState<'idle' | 'sending' | 'done' | 'queued' | 'previewed'>('idle');
  const [problems, setProblems] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const outbox = useOutbox();
  const fieldsets = useRef(new Map<string, HTMLElement>());
  const heading = useRef<HTMLHeadingElement>(null);
  const [focusTarget, setFocusTarget] = useState<{ question?: string; heading?: boolean } | null>(null);

  const { asked } = askedQuestions(s.questions, answers);
  const sections = sectionsOf(asked);
  const page = Math.min(draft.page, Math.max(sections.length - 1, 0));
  const section = sections[page] ?? { title: '', questions: [] };
  const last = page >= sections.length - 1;
  const answered = asked.filter((q) => isAnswered(q, answers[q.id])).length;

  const update = (patch: Partial<Draft>) =>
    setDraft((d) => {
      const next = { ...d, ...patch };
      saveDraft(token, next);
      return next;
    });

  // Focus follows the respondent: to the first problem, or to a new screen's heading.
  useEffect(() => {
    if (!focusTarget) return;
    if (focusTarget.question) {
      const box = fieldsets.current.get(focusTarget.question);
      box?.scrollIntoView({ block: 'start' });
      (box?.querySelector<HTMLElement>('input, textarea, select') ?? box)?.focus();
    } else {
      heading.current?.focus();
      window.scrollTo({ top: 0 });
    }
    setFocusTarget(null);
  }, [focusTarget]);

  // A required code, asked on the first screen, is checked there.
  function codeProblems(): Map<string, string> {
    return s.respondent_codes === 'required' && !code.trim() ? new Map([[RESPONDENT_CODE, say(lang, 'codeToGoOn')]]) : new Map();
  }

  function showProblems(found: Map<string, string>) {
    const first = [...found.keys()][0];
    const at = first === RESPONDENT_CODE ? 0 : sectionOfQuestion(sections, first);
    setProblems(found);
    if (at >= 0) update({ page: at });
    setFocusTarget({ question: first });
  }

  function chooseLanguage(l: string) {
    setLang(l);
    update({ lang: l });
    // Problems already shown are said again in the new language.
    if (problems.size > 0) {
      const found = new Map<string, string>();
      for (const sec of sections) for (const [id, message] of problemsIn(sec, answers, l)) found.set(id, message);
      setProblems(new Map([...problems].map(([id, message]) => [id, found.get(id) ?? message])));
    }
  }

  function next() {
    const found = new Map([...(page === 0 ? codeProblems() : []), ...problemsIn(section, answers, lang)]);
    if (found.size > 0) return showProblems(found);
    setProblems(new Map());
    update({ page: page + 1 });
    setFocusTarget({ heading: true });
  }

  function back() {
    update({ page: Math.max(page - 1, 0) });
    setFocusTarget({ heading: true });
  }

  function startAgain() {
    const fresh = { answers: {}, code: '', page: 0, key: newKey(), lang };
    saveDraft(token, null);
    setDraft(fresh);
    setProblems(new Map());
    setError(null);
    setState('idle');
    setFocusTarget({ heading: true });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!last) return next();
    const found = codeProblems();
    for (const sec of sections) for (const [id, message] of problemsIn(sec, answers, lang)) found.set(id, message);
    if (found.size > 0) return showProblems(found);
    if (!token) {
      setState('previewed');
      return;
    }
    const body: Record<string, unknown> = { answers: askedQuestions(s.questions, answers).answers };
    if (code.trim()) body.respondent_code = code.trim();
    const keepForLater = async () => {
      await outbox.queue({ key, token, body, savedAt: new Date().toISOString() });
      saveDraft(token, null);
      setState('queued');
    };
    setError(null);
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return keepForLater();
    setState('sending');
    try {
      await apiClient.post(`/s/${encodeURIComponent(token)}/responses`, body, { headers: { 'Idempotency-Key': key } });
      saveDraft(token, null);
      setState('done');
    } catch (err) {
      if (!(err instanceof ApiError) || err.status === 0) return keepForLater();
      setState('idle');
      const refusal = refusalIn(lang, err);
      if (refusal.byQuestion.size > 0) showProblems(refusal.byQuestion);
      else setError(refusal.message);
    }
  }

  if (state === 'done' || state === 'queued')
    return (
      <div lang={lang}>
        <h1 tabIndex={-1}>{say(lang, 'thanks')}</h1>
        {/* Kept offline, then sent while this page was open: saved, as if sent at once. */}
        <p role="status">{say(lang, state === 'done' || (outbox.report.waiting === 0 && outbox.report.lastSent > 0) ? 'saved' : 'noConnection')}</p>
        <Waiting outbox={outbox} lang={lang} />
        <p className="field__hint">{say(lang, 'someoneElse')}</p>
        <button type="button" className="button button--secondary" onClick={startAgain}>
          {say(lang, 'startAgain')}
        </button>
      </div>
    );

  return (
    <div lang={lang}>
      {languages.length > 1 ? (
        <div className="survey-languages" role="group" aria-label={say(lang, 'language')}>
          {languages.map((l) => (
            <button
              key={l}
              type="button"
              lang={l}
              className={`button button--small ${l === lang ? 'button--primary' : 'button--secondary'}`}
              aria-pressed={l === lang}
              onClick={() => chooseLanguage(l)}
            >
              {languageName(l)}
            </button>
          ))}
        </div>
      ) : null}
      <p className="survey-page__org">{s.organisation}</p>
      <h1>{s.title}</h1>
      {token ? <Waiting outbox={outbox} lang={lang} /> : null}
      {page === 0 && s.description ? <p>{s.description}</p> : null}
      {s.state !== 'open' ? (
        <NotTakingAnswers state={s.state} lang={lang} />
      ) : (
        <form onSubmit={submit} noValidate aria-labelledby="survey-section-title">
          <Progress page={page} sections={sections} answered={answered} asked={asked.length} lang={lang} />
          <h2 id="survey-section-title" ref={heading} tabIndex={-1} className={section.title ? 'survey-section__title' : 'visually-hidden'}>
            {sectionHeading(lang, sections, page)}
          </h2>
          {page === 0 && s.respondent_codes !== 'off' ? (
            <div
              className={`survey-question${problems.has(RESPONDENT_CODE) ? ' survey-question--error' : ''}`}
              ref={(el) => {
                if (el) fieldsets.current.set(RESPONDENT_CODE, el);
              }}
            >
              <label htmlFor="respondent-code" className="survey-question__text">
                {say(lang, 'codeLabel')} {s.respondent_codes === 'optional' ? say(lang, 'codeIfGiven') : say(lang, 'required')}
              </label>
              <input
                id="respondent-code"
                className="input"
                value={code}
                onChange={(e) => update({ code: e.target.value })}
                autoComplete="off"
                aria-invalid={problems.has(RESPONDENT_CODE) || undefined}
                aria-describedby={problems.has(RESPONDENT_CODE) ? 'respondent-code-error' : undefined}
              />
              {problems.has(RESPONDENT_CODE) ? (
                <p id="respondent-code-error" className="field__error">
                  {problems.get(RESPONDENT_CODE)}
                </p>
              ) : null}
            </div>
          ) : null}
          {section.questions.map((q) => {
            const problem = problems.get(q.id);
            const described = [q.help ? `q-${q.id}-help` : '', problem ? `q-${q.id}-error` : '', q.type === 'scale' && !endsNamed(q) ? endsId(`q-${q.id}`) : '']
              .filter(Boolean)
              .join(' ');
            return (
              <fieldset
                key={q.id}
                ref={(el) => {
                  if (el) fieldsets.current.set(q.id, el);
                  else fieldsets.current.delete(q.id);
                }}
                tabIndex={-1}
                className={`survey-question${problem ? ' survey-question--error' : ''}`}
                aria-describedby={described || undefined}
                aria-invalid={problem ? true : undefined}
              >
                <legend id={`q-${q.id}-label`} className="survey-question__text">
                  <span className="survey-question__number">{asked.indexOf(q) + 1}.</span> {q.text}
                  {q.required ? <span className="survey-question__required"> {say(lang, 'required')}</span> : null}
                </legend>
                {q.help ? (
                  <p id={`q-${q.id}-help`} className="field__hint">
                    {q.help}
                  </p>
                ) : null}
                {problem ? (
                  <p id={`q-${q.id}-error`} className="field__error">
                    {problem}
                  </p>
                ) : null}
                <QuestionInput
                  q={q}
                  survey={s}
                  labels={labels.get(q.id)}
                  lang={lang}
                  value={answers[q.id]}
                  set={(v) => {
                    if (problem) setProblems((p) => new Map([...p].filter(([id]) => id !== q.id)));
                    const nextAnswers = { ...answers };
                    if (v === undefined) delete nextAnswers[q.id];
                    else nextAnswers[q.id] = v;
                    update({ answers: nextAnswers });
                  }}
                />
              </fieldset>
            );
          })}
          {problems.size > 0 ? (
            <p className="alert alert--error" role="alert">
              {say(lang, 'attention', { n: problems.size })}
            </p>
          ) : null}
          {error ? (
            <p className="alert alert--error" role="alert">
              {error}
            </p>
          ) : null}
          {state === 'previewed' ? (
            <p className="alert alert--info" role="status">
              {say(lang, 'preview')}
            </p>
          ) : null}
          <div className="survey-nav">
            {page > 0 ? (
              <button type="button" className="button button--secondary" onClick={back}>
                {say(lang, 'back')}
              </button>
            ) : null}
            <button type="submit" className="button button--primary survey-submit" disabled={state === 'sending'}>
              {say(lang, !last ? 'next' : state === 'sending' ? 'sending' : 'send')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

/** The page a stakeholder answers on: no account, phone first, one column. */
export function PublicSurveyPage() {
  const { token = '' } = useParams();
  const [search] = useSearchParams();
  const survey = useLoad(() => loadSurvey(token), [token]);
  // Before the survey is here, the browser's language; then the one the form is in.
  const [lang, setLang] = useState(() => browserFormLanguage(browserLanguages()));
  useEffect(() => {
    if (survey.status === 'ready' && survey.data?.state === 'open') keepSurveyOffline(token);
  }, [survey.status, survey.data?.state, token]);
  const title = useMemo(() => (survey.data ? inLanguage(survey.data, lang).survey.title : null), [survey.data, lang]);
  useDocumentTitle(title ?? say(lang, 'survey'));

  if (survey.status === 'loading')
    return (
      <main className="survey-page" lang={lang}>
        <p role="status">{say(lang, 'loading')}</p>
      </main>
    );
  if (survey.status === 'error' || !survey.data) {
    const missing = !survey.error || survey.error.isNotFound;
    return (
      <main className="survey-page" lang={lang}>
        <h1>{say(lang, missing ? 'notFound' : 'notLoaded')}</h1>
        <p>{say(lang, missing ? 'checkLink' : 'checkConnection')}</p>
      </main>
    );
  }
  return (
    <main className="survey-page">
      <SurveyForm s={survey.data} token={token} givenCode={(search.get('code') ?? '').slice(0, 64)} onLanguage={setLang} />
    </main>
  );
}
