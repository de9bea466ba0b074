// Two waves side by side (docs/api.md "Surveys": waves): this survey beside
// the survey of an earlier wave, everyone who answered and, for the people
// who gave their respondent code in both, how their own answers moved. The
// earlier wave most likely meant is chosen to start with (waves.ts).
import { useState } from 'react';
import { ErrorState, Loading } from '../../components/States';
import { useLoad } from '../../hooks/useLoad';
import { formatDate } from '../../lib/format';
import { formatNumber, formatPercent } from '../measure/format';
import { useApiSafe } from './api';
import type { Survey, SurveyPage, WaveComparison as Comparison } from './types';
import { earlierSurveys, likelyBaseline } from './waves';

type WaveQuestion = Comparison['questions'][number];

// A change with its sign: +1.5, −3 (a true minus), 0.
const signed = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${formatNumber(Math.abs(v), 2)}`);

function Wave({ q, wave }: { q: WaveQuestion; wave: 'baseline' | 'follow_up' }) {
  const n = wave === 'baseline' ? q.answered_baseline : q.answered_follow_up;
  if (n === 0) return <span className="field__hint">Nobody answered</span>;
  return (
    <>
      {q.options ? <Choices q={q} wave={wave} /> : `mean ${formatNumber(wave === 'baseline' ? q.mean_baseline : q.mean_follow_up, 2)}`}
      <span className="field__hint waves__n">{formatNumber(n, 0)} answered</span>
    </>
  );
}

function Choices({ q, wave }: { q: WaveQuestion; wave: 'baseline' | 'follow_up' }) {
  const total = wave === 'baseline' ? q.answered_baseline : q.answered_follow_up;
  return (
    <ul className="waves__choices">
      {(q.options ?? []).map((o) => (
        <li key={o.option}>
          {o.option}: {total ? formatPercent(o[wave] / total, 0) : '—'}
        </li>
      ))}
    </ul>
  );
}

function Moved({ q }: { q: WaveQuestion }) {
  if (q.options) return <span className="field__hint">Choices are compared as shares of each wave.</span>;
  if (!q.paired) return <span className="field__hint">Nobody answered both times with their code.</span>;
  return (
    <>
      {formatNumber(q.paired, 0)} answered both times: {formatNumber(q.higher ?? 0, 0)} higher, {formatNumber(q.same ?? 0, 0)} the same,{' '}
      {formatNumber(q.lower ?? 0, 0)} lower; mean change {signed(q.mean_change)}
    </>
  );
}

function Table({ c }: { c: Comparison }) {
  return (
    <>
      <p>
        {formatNumber(c.baseline.used, 0)} responses in “{c.baseline.title}”, {formatNumber(c.follow_up.used, 0)} in this survey;{' '}
        {c.people_in_both === 1 ? '1 person' : `${formatNumber(c.people_in_both, 0)} people`} gave the same respondent code in both.
        Whether higher is better depends on the question.
      </p>
      {c.questions.length === 0 ? (
        <p>The two surveys ask no question the same way, so there is nothing to compare.</p>
      ) : (
        <div className="table-scroll">
          <table className="table waves__table">
            <caption className="visually-hidden">Each question in the earlier wave and in this one</caption>
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">Earlier wave</th>
                <th scope="col">This wave</th>
                <th scope="col">People in both waves</th>
              </tr>
            </thead>
            <tbody>
              {c.questions.map((q) => (
                <tr key={q.id}>
                  <th scope="row">{q.text}</th>
                  <td>
                    <Wave q={q} wave="baseline" />
                  </td>
                  <td>
                    <Wave q={q} wave="follow_up" />
                  </td>
                  <td>
                    <Moved q={q} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {c.left_out.length ? (
        <details>
          <summary>{c.left_out.length === 1 ? '1 question is not compared' : `${c.left_out.length} questions are not compared`}</summary>
          <ul>
            {c.left_out.map((l) => (
              <li key={l.id}>
                {l.text}: {l.reason}.
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

/** `version` changes when this survey's responses do, so the comparison is read again. */
export function CompareWaves({ survey, version }: { survey: Survey; version: number }) {
  const api = useApiSafe();
  // null until the person chooses: until then, the guess.
  const [chosen, setChosen] = useState<string | null>(null);
  const org = encodeURIComponent(survey.organisation_id);
  const others = useLoad(() => api.client.get<SurveyPage>(`/organisations/${org}/surveys`, { query: { limit: 100 } }), [org]);
  // The list has no questions: the most recent earlier surveys are read whole to guess from.
  const guess = useLoad(async () => {
    if (!others.data) return '';
    const earlier = await Promise.all(
      earlierSurveys(survey, others.data.items).map((o) => api.client.get<Survey>(`/surveys/${encodeURIComponent(o.id)}`).catch(() => null)),
    );
    return likelyBaseline(survey, earlier.filter((o): o is Survey => o !== null));
  }, [others.data, survey.id, survey.created_at, survey.version]);
  const guessed = chosen === null ? (guess.data ?? '') : '';
  const baseline = chosen ?? guessed;
  const comparison = useLoad(
    async () => (baseline ? api.client.get<Comparison>(`/surveys/${encodeURIComponent(survey.id)}/waves`, { query: { baseline } }) : null),
    [baseline, survey.id, version],
  );
  const choices = (others.data?.items ?? []).filter((o) => o.id !== survey.id);

  return (
    <section className="card" aria-labelledby="waves-title">
      <h2 id="waves-title">Compare with an earlier wave</h2>
      {others.error ? (
        <ErrorState error={others.error} onRetry={others.reload} />
      ) : !others.data ? (
        <Loading />
      ) : choices.length === 0 ? (
        <p className="field__hint">
          For a follow-up, use <strong>Duplicate for the next wave</strong> above: the copy asks the same questions and keeps the respondent codes, and here it is
          compared with this survey, person by person for those who give their code both times.
        </p>
      ) : (
        <>
          <div className="field">
            <label className="field__label" htmlFor="waves-baseline">
              Earlier wave
            </label>
            <select
              id="waves-baseline"
              className="input"
              value={baseline}
              onChange={(e) => setChosen(e.target.value)}
              aria-describedby={guessed ? 'waves-baseline-hint' : undefined}
            >
              <option value="">Choose a survey…</option>
              {choices.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.title} (made {formatDate(o.created_at)})
                </option>
              ))}
            </select>
            {guessed ? (
              <p id="waves-baseline-hint" className="field__hint">
                Chosen for you: the most recent earlier survey that asks the most of the same questions. Choose another to compare with it instead.
              </p>
            ) : null}
          </div>
          {!baseline ? null : comparison.error ? (
            <ErrorState error={comparison.error} onRetry={comparison.reload} />
          ) : comparison.data ? (
            <Table c={comparison.data} />
          ) : (
            <Loading />
          )}
        </>
      )}
    </section>
  );
}
