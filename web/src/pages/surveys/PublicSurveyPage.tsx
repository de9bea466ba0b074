import { useMemo, useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { ApiError, apiClient } from '../../api';
import { LIKERT, type AnswerValue, type PublicSurvey, type Question } from './types';
import './surveys.css';

const FRACTIONS = [
  { value: 0, label: 'None of it' },
  { value: 0.25, label: 'A little (about a quarter)' },
  { value: 0.5, label: 'About half' },
  { value: 0.75, label: 'Most of it' },
  { value: 1, label: 'All of it' },
];

// The public page has no session: the app's one client sends no CSRF token
// until someone signs in, and these calls need none.
function loadSurvey(token: string): Promise<PublicSurvey> {
  return apiClient.get<PublicSurvey>(`/s/${encodeURIComponent(token)}`);
}

function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** A row of radio buttons: the accessible way to pick one point of a scale. */
function Choices({ name, options, value, onChange }: { name: string; options: { value: string | number; label: string }[]; value: unknown; onChange: (v: string | number) => void }) {
  return (
    <div className="survey-choices">
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

function QuestionInput({ q, survey, value, set }: { q: Question; survey: PublicSurvey; value: AnswerValue | undefined; set: (v: AnswerValue | undefined) => void }) {
  const name = `q-${q.id}`;
  switch (q.type) {
    case 'single_choice':
      return <Choices name={name} options={(q.options ?? []).map((o) => ({ value: o, label: o }))} value={value} onChange={(v) => set(String(v))} />;
    case 'multiple_choice': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <div className="survey-choices">
          {(q.options ?? []).map((o) => (
            <label key={o} className="survey-choice">
              <input type="checkbox" checked={chosen.includes(o)} onChange={(e) => set(e.target.checked ? [...chosen, o] : chosen.filter((c) => c !== o))} />
              <span>{o}</span>
            </label>
          ))}
        </div>
      );
    }
    case 'scale':
      return <Choices name={name} options={SCALE} value={value} onChange={(v) => set(Number(v))} />;
    case 'likert':
      return <Choices name={name} options={LIKERT.map((l, i) => ({ value: i + 1, label: l }))} value={value} onChange={(v) => set(Number(v))} />;
    case 'deadweight':
    case 'attribution':
    case 'drop_off':
      return <Choices name={name} options={FRACTIONS} value={value} onChange={(v) => set(Number(v))} />;
    case 'before_now': {
      const pair = (value as { before: number; now: number } | undefined) ?? undefined;
      return (
        <div className="survey-pair">
          {(['before', 'now'] as const).map((part) => (
            <fieldset key={part} className="survey-subfieldset">
              <legend>{part === 'before' ? 'Before' : 'Now'} (0 to 10)</legend>
              <Choices
                name={`${name}-${part}`}
                options={SCALE}
                value={pair?.[part]}
                onChange={(v) => set({ before: pair?.before ?? -1, now: pair?.now ?? -1, [part]: Number(v) } as { before: number; now: number })}
              />
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
          <p className="field__hint">0 = does not matter, 10 = matters most.</p>
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
    default:
      return (
        <textarea
          id={name}
          className="input"
          rows={4}
          maxLength={q.max_length}
          aria-labelledby={`${name}-label`}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}
        />
      );
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

/** What a respondent is told when the link takes no answers: calm words, not an error. */
function NotTakingAnswers({ message }: { message: string }) {
  const sentence = message ? message.charAt(0).toUpperCase() + message.slice(1) : 'This survey does not take answers now';
  return (
    <div className="alert alert--info" role="status">
      <p className="alert__body">{sentence}.</p>
      <p className="alert__body">If you were asked to answer it, check with whoever sent you the link.</p>
    </div>
  );
}

/**
 * The survey as a respondent sees it: the form, its questions and the
 * answers' problems beside each question. With `token` the answers are sent
 * to the survey; in a preview (no token) nothing is sent.
 */
export function SurveyForm({ s, token }: { s: PublicSurvey; token?: string }) {
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>({});
  const [code, setCode] = useState('');
  // One key per response, kept across retries so that a resent form is stored once.
  const key = useMemo(newKey, []);
  const [state, setState] = useState<'idle' | 'sending' | 'done' | 'previewed'>('idle');
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!token) {
      setState('previewed');
      return;
    }
    setState('sending');
    setError(null);
    const body: Record<string, unknown> = { answers: askedQuestions(s.questions, answers).answers };
    if (code.trim()) body.respondent_code = code.trim();
    try {
      await apiClient.post(`/s/${encodeURIComponent(token)}/responses`, body, { headers: { 'Idempotency-Key': key } });
      setState('done');
    } catch (err) {
      setError(err instanceof ApiError && err.status !== 0 ? err : new ApiError(0, 'network', 'Your answers could not be sent. Check your connection and send again.'));
      setState('idle');
    }
  }

  if (state === 'done')
    return (
      <>
        <h1 tabIndex={-1}>Thank you</h1>
        <p role="status">Your answers have been saved. You can close this page.</p>
      </>
    );

  const fieldError = (id: string) => (error?.field === `answers.${id}` ? error.message : null);
  const { asked } = askedQuestions(s.questions, answers);
  return (
    <>
      <p className="survey-page__org">{s.organisation}</p>
      <h1>{s.title}</h1>
      {s.description ? <p>{s.description}</p> : null}
      {s.state !== 'open' ? (
        <NotTakingAnswers message={s.message} />
      ) : (
        <form onSubmit={submit} noValidate>
          {s.respondent_codes !== 'off' ? (
            <div className="survey-question">
              <label htmlFor="respondent-code" className="survey-question__text">
                Your respondent code {s.respondent_codes === 'optional' ? '(if you were given one)' : ''}
              </label>
              <input id="respondent-code" className="input" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
            </div>
          ) : null}
          {asked.map((q, i) => (
            <fieldset key={q.id} className={`survey-question${fieldError(q.id) ? ' survey-question--error' : ''}`} aria-describedby={q.help ? `q-${q.id}-help` : undefined}>
              <legend id={`q-${q.id}-label`} className="survey-question__text">
                <span className="survey-question__number">{i + 1}.</span> {q.text}
                {q.required ? <span className="survey-question__required"> (required)</span> : null}
              </legend>
              {q.help ? (
                <p id={`q-${q.id}-help`} className="field__hint">
                  {q.help}
                </p>
              ) : null}
              <QuestionInput q={q} survey={s} value={answers[q.id]} set={(v) => {
                if (fieldError(q.id)) setError(null);
                setAnswers((a) => {
                const next = { ...a };
                if (v === undefined) delete next[q.id];
                else next[q.id] = v;
                return next;
                });
              }} />
              {fieldError(q.id) ? <p className="field__error" role="alert">{fieldError(q.id)}</p> : null}
            </fieldset>
          ))}
          {error && !error.field?.startsWith('answers.') ? (
            <p className="alert alert--error" role="alert">
              {error.message}
            </p>
          ) : null}
          {state === 'previewed' ? (
            <p className="alert alert--info" role="status">
              This is a preview: the answers were not sent anywhere.
            </p>
          ) : null}
          <button type="submit" className="button button--primary survey-submit" disabled={state === 'sending'}>
            {state === 'sending' ? 'Sending…' : 'Send my answers'}
          </button>
        </form>
      )}
    </>
  );
}

/** The page a stakeholder answers on: no account, phone first, one column. */
export function PublicSurveyPage() {
  const { token = '' } = useParams();
  const survey = useLoad(() => loadSurvey(token), [token]);
  useDocumentTitle(survey.data?.title ?? 'Survey');

  if (survey.status === 'loading') return <main className="survey-page"><p role="status">Loading the survey…</p></main>;
  if (survey.status === 'error' || !survey.data)
    return (
      <main className="survey-page">
        <h1>Survey not found</h1>
        <p>{survey.error?.message ?? 'Check the link you were given.'}</p>
      </main>
    );
  return (
    <main className="survey-page">
      <SurveyForm s={survey.data} token={token} />
    </main>
  );
}
