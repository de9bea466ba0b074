// Which earlier survey a follow-up is most likely the next wave of. The
// server keeps no "duplicated from" (docs/api.md "Surveys": waves), but a
// duplicate keeps its questions' ids, types and words, and the waves are
// compared by question id.
import type { Question } from './types';

/** What the guess reads of a survey: when it was made and what it asks. */
export interface WaveCandidate {
  id: string;
  created_at: string;
  questions: readonly Pick<Question, 'id' | 'type' | 'text'>[];
}

/** How many of the organisation's earlier surveys are read to guess from: the most recent. */
export const BASELINE_CANDIDATES = 10;

const madeAt = (s: { created_at: string }) => Date.parse(s.created_at) || 0;

/** The surveys made before `survey`, most recent first, at most `limit` of them. */
export function earlierSurveys<S extends { id: string; created_at: string }>(survey: { id: string; created_at: string }, others: readonly S[], limit = BASELINE_CANDIDATES): S[] {
  return others
    .filter((o) => o.id !== survey.id && madeAt(o) < madeAt(survey))
    .sort((a, b) => madeAt(b) - madeAt(a))
    .slice(0, limit);
}

/**
 * The id of the earlier survey that shares the most questions with `survey`
 * (the same id asked as the same kind of question, which is what the waves
 * can compare); of those sharing as many, the one with more questions in the
 * very same words (a duplicate), then the most recent. "" when no earlier
 * survey shares a question.
 */
export function likelyBaseline(survey: WaveCandidate, others: readonly WaveCandidate[]): string {
  const mine = new Map(survey.questions.map((q) => [q.id, q]));
  let best: { id: string; shared: number; same: number; at: number } | null = null;
  for (const o of earlierSurveys(survey, others, Infinity)) {
    let shared = 0;
    let same = 0;
    for (const q of o.questions) {
      const m = mine.get(q.id);
      if (!m || m.type !== q.type) continue;
      shared++;
      if (m.text.trim() === q.text.trim()) same++;
    }
    if (shared === 0) continue;
    const at = madeAt(o);
    if (!best || shared > best.shared || (shared === best.shared && (same > best.same || (same === best.same && at > best.at)))) best = { id: o.id, shared, same, at };
  }
  return best?.id ?? '';
}
