// The self-assessment: one stage per Principle of Social Value (and "be
// responsive" when the lead switches it on), each question on a 0–4 maturity
// scale with guidance; then the scores on a radar chart, advice for each weak
// principle, readiness per scheme level, and the history of attempts.
import './measure.css';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api';
import type { SelfAssessmentHistory, SelfAssessmentQuestions } from '../../api/measure';
import { useAuth } from '../../auth/AuthContext';
import { CsvButton } from '../../components/CsvButton';
import { Badge, EmptyState, ErrorState, Loading, NotFoundState } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { problemsInWords } from '../../lib/labels';

type Questions = SelfAssessmentQuestions;
type History = SelfAssessmentHistory;

/** Scores 0–100 on one axis per principle. */
export function RadarChart({ scores }: { scores: { name: string; score: number }[] }) {
  const size = 360;
  const c = size / 2;
  const r = 120;
  const n = scores.length;
  const point = (i: number, value: number) => {
    const a = (Math.PI * 2 * i) / n - Math.PI / 2;
    return [c + Math.cos(a) * r * (value / 100), c + Math.sin(a) * r * (value / 100)];
  };
  const polygon = scores.map((s, i) => point(i, s.score).join(',')).join(' ');
  return (
    <figure className="chart radar">
      <figcaption className="chart__title">Scores by principle (0–100)</figcaption>
      <svg role="img" aria-label={`Radar chart: ${scores.map((s) => `${s.name} ${Math.round(s.score)}`).join(', ')}`} viewBox={`-110 -10 ${size + 220} ${size + 20}`} className="chart__svg radar__svg">
        {[25, 50, 75, 100].map((ring) => (
          <polygon key={ring} points={scores.map((_, i) => point(i, ring).join(',')).join(' ')} className="radar__ring" />
        ))}
        {scores.map((s, i) => {
          const [x, y] = point(i, 100);
          const [lx, ly] = point(i, 122);
          return (
            <g key={s.name}>
              <line x1={c} y1={c} x2={x} y2={y} className="radar__spoke" />
              <text x={lx} y={ly} textAnchor={lx < c - 5 ? 'end' : lx > c + 5 ? 'start' : 'middle'} className="chart__label">
                {s.name}
              </text>
            </g>
          );
        })}
        <polygon points={polygon} className="radar__area" />
      </svg>
    </figure>
  );
}

export function SelfAssessmentPage() {
  const { id = '' } = useParams();
  const { api } = useAuth();
  const client = api.client;
  const questions = useLoad(() => client.get<Questions>('/self-assessment/questions'), [client]);
  const history = useLoad(() => client.get<History>(`/organisations/${encodeURIComponent(id)}/self-assessments`), [client, id]);
  const dashboard = useLoad(() => api.getDashboard(id), [api, id]);
  useDocumentTitle('Self-assessment');

  const [taking, setTaking] = useState(false);
  const [step, setStep] = useState(0);
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The switch shows the choice at once; the server's answer follows.
  const [responsive, setResponsive] = useState<boolean | null>(null);

  const stages = useMemo(
    () => (questions.data?.stages ?? []).filter((s) => !s.optional || (responsive ?? history.data?.include_responsive)),
    [questions.data, history.data, responsive],
  );

  if (history.status === 'error' && history.error.isNotFound) return <NotFoundState what="organisation" />;
  if ((questions.status === 'loading' && !questions.data) || (history.status === 'loading' && !history.data)) return <Loading label="Loading the self-assessment…" />;
  if (questions.status === 'error') return <ErrorState error={questions.error} onRetry={questions.reload} />;
  if (history.status === 'error') return <ErrorState error={history.error} onRetry={history.reload} />;
  const q = questions.data!;
  const h = history.data!;
  const latest = h.items[0];
  const role = dashboard.data?.my_role;

  const toggleResponsive = async (include: boolean) => {
    setResponsive(include);
    try {
      await client.put(`/organisations/${encodeURIComponent(id)}/self-assessment-settings`, { include_responsive: include });
      history.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const stage = stages[step];
  const unanswered = stage ? stage.questions.filter((x) => answers[x.id] === undefined) : [];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (unanswered.length > 0) {
      setError(`Answer every question of this stage: ${unanswered.length} left.`);
      return;
    }
    if (step < stages.length - 1) {
      setStep(step + 1);
      setError(null);
      window.scrollTo(0, 0);
      return;
    }
    setBusy(true);
    try {
      await client.post(`/organisations/${encodeURIComponent(id)}/self-assessments`, { answers });
      setTaking(false);
      setAnswers({});
      setStep(0);
      setError(null);
      history.reload();
    } catch (err) {
      setError(err instanceof ApiError && err.fields.length > 0 ? problemsInWords(err.fields) : String(err instanceof Error ? err.message : err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/organisations/${encodeURIComponent(id)}`}>{dashboard.data?.organisation.name ?? 'Organisation'}</Link>
      </nav>
      <div className="page-head">
        <div>
          <p className="eyebrow">Measure</p>
          <h1>Self-assessment</h1>
          <p className="page-head__meta">How well do you follow each Principle of Social Value? About ten minutes; it works for a sole trader as well as a large organisation.</p>
        </div>
        {!taking && role ? (
          <button type="button" className="button button--primary" onClick={() => setTaking(true)}>
            {latest ? 'Take it again' : 'Start the self-assessment'}
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}

      {role === 'lead' && !taking ? (
        <label className="checkbox-line">
          <input type="checkbox" checked={responsive ?? h.include_responsive} onChange={(e) => toggleResponsive(e.target.checked)} /> Include the eighth principle, “Be responsive”, in new attempts
        </label>
      ) : null}

      {taking && stage ? (
        <form onSubmit={submit} noValidate className="panel" aria-labelledby="stage-title">
          <p className="eyebrow">
            Stage {step + 1} of {stages.length}
          </p>
          <h2 id="stage-title">
            Principle {stage.principle}: {stage.name}
          </h2>
          {stage.questions.map((question) => (
            <fieldset key={question.id} className="sa-question">
              <legend className="field__label">{question.text}</legend>
              <p className="field__hint">{question.guidance}</p>
              <div className="sa-scale">
                {q.scale.map((s) => (
                  <label key={s.score} className="sa-scale__option" title={s.meaning}>
                    <input
                      type="radio"
                      name={question.id}
                      value={s.score}
                      checked={answers[question.id] === s.score}
                      onChange={() => setAnswers({ ...answers, [question.id]: s.score })}
                    />
                    <span>
                      {s.score} · {s.label}
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
          <div className="button-row">
            {step > 0 ? (
              <button type="button" className="button button--secondary" onClick={() => setStep(step - 1)}>
                Back
              </button>
            ) : null}
            <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
              {step < stages.length - 1 ? 'Next stage' : 'See my results'}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setTaking(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}

      {!taking && !latest ? (
        <EmptyState title="No self-assessment yet">Answer a few questions for each principle to see where you stand and what to work on next.</EmptyState>
      ) : null}

      {!taking && latest ? (
        <>
          <div className="dashboard">
            <div className="dashboard__col">
              <section className="panel" aria-labelledby="scores-title">
                <h2 id="scores-title">Latest result: {Math.round(latest.overall)} / 100</h2>
                {latest.change ? (
                  <p className="muted">
                    {latest.change.overall >= 0 ? 'Up' : 'Down'} {Math.abs(Math.round(latest.change.overall))} since the attempt before.
                  </p>
                ) : null}
                <RadarChart scores={latest.principles.map((p) => ({ name: p.name, score: p.score }))} />
                <div className="button-row">
                  <CsvButton
                    title="Self-assessment scores per principle"
                    rows={latest.principles}
                    columns={[
                      { header: 'Principle', value: (p) => p.name },
                      { header: 'Score (0-100)', value: (p) => Math.round(p.score) },
                      { header: 'Needs work', value: (p) => (p.weak ? 'yes' : 'no') },
                      {
                        header: 'Change since the attempt before',
                        value: (p) =>
                          latest.change?.principles[p.key] !== undefined ? Math.round(latest.change.principles[p.key]) : '',
                      },
                    ]}
                  />
                </div>
                <table className="table">
                  <caption className="visually-hidden">Score per principle</caption>
                  <thead>
                    <tr>
                      <th scope="col">Principle</th>
                      <th scope="col">Score</th>
                      <th scope="col">Change</th>
                    </tr>
                  </thead>
                  <tbody>
                    {latest.principles.map((p) => (
                      <tr key={p.key}>
                        <th scope="row">{p.name}</th>
                        <td>
                          {Math.round(p.score)} {p.weak ? <Badge tone="warning">Work on this</Badge> : null}
                        </td>
                        <td>{latest.change?.principles[p.key] !== undefined ? `${latest.change.principles[p.key] >= 0 ? '+' : ''}${Math.round(latest.change.principles[p.key])}` : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </div>
            <div className="dashboard__col">
              <section className="panel" aria-labelledby="advice-title">
                <h2 id="advice-title">What to work on</h2>
                {latest.principles.filter((p) => p.weak).length === 0 ? (
                  <p>No principle scores below 50. Keep your evidence up to date and consider independent verification.</p>
                ) : (
                  <ul className="plain-list">
                    {latest.principles
                      .filter((p) => p.weak)
                      .map((p) => (
                        <li key={p.key} className="decision">
                          <strong>{p.name}</strong>
                          <p>{p.advice}</p>
                        </li>
                      ))}
                  </ul>
                )}
              </section>
              <section className="panel" aria-labelledby="ready-title">
                <h2 id="ready-title">Ready for which level?</h2>
                <ul className="plain-list">
                  {latest.readiness.map((v) => (
                    <li key={`${v.scheme}-${v.level}`} className="decision">
                      <Badge tone={v.ready ? 'success' : 'neutral'}>{v.ready ? 'Ready' : 'Not yet'}</Badge>{' '}
                      <strong>
                        {v.scheme} level {v.level}, {v.name}
                      </strong>
                      <p className="muted">{v.reason}</p>
                    </li>
                  ))}
                </ul>
              </section>
            </div>
          </div>
          <section className="panel" aria-labelledby="history-title">
            <h2 id="history-title">Attempts</h2>
            <ol className="plain-list">
              {h.items.map((a) => (
                <li key={a.id}>
                  {new Date(a.submitted_at).toLocaleString('en-GB')}: {Math.round(a.overall)} / 100
                  {a.change ? ` (${a.change.overall >= 0 ? '+' : ''}${Math.round(a.change.overall)})` : ''}
                </li>
              ))}
            </ol>
          </section>
        </>
      ) : null}
    </div>
  );
}
