// Each answer in words, as the respondent gave it: the choice itself, "7 of
// 10", "Before 3, now 7", "25 %", "2 years", each outcome's weight by name.
import { formatNumber } from '../measure/format';
import { LIKERT, type AnswerValue, type Question, type SurveyOutcome } from './types';

const number = (v: number) => formatNumber(v, 2);

/**
 * Each question's answer in words for one response, and "Not asked" for a
 * question its skip logic left out (not a gap in the answers).
 */
export function answersInWords(questions: Question[], answers: Record<string, AnswerValue>, outcomes: SurveyOutcome[]): Map<string, string> {
  const given: Record<string, AnswerValue> = {};
  const words = new Map<string, string>();
  for (const q of questions) {
    const shown = q.show_if ? given[q.show_if.question_id] : undefined;
    const asked = !q.show_if || (Array.isArray(shown) ? shown.includes(q.show_if.equals) : shown === q.show_if.equals);
    if (asked && answers[q.id] !== undefined) given[q.id] = answers[q.id];
    words.set(q.id, asked ? answerText(q, answers[q.id], outcomes) : 'Not asked');
  }
  return words;
}

export function answerText(q: Question, value: AnswerValue | undefined, outcomes: SurveyOutcome[]): string {
  if (value === undefined || value === null || value === '') return 'Not answered';
  if (Array.isArray(value)) return value.length === 0 ? 'None chosen' : value.join('; ');
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    if (q.type === 'before_now') {
      const pair = value as Record<string, number>;
      return `Before ${number(pair.before)}, now ${number(pair.now)}`;
    }
    const weights = Object.entries(value as Record<string, number>);
    if (weights.length === 0) return 'Not answered';
    return weights.map(([id, w]) => `${outcomes.find((o) => o.id === id)?.name ?? id}: ${number(w)}`).join('; ');
  }
  switch (q.type) {
    case 'scale':
      return `${number(value)} of 10`;
    case 'likert':
      return LIKERT[value - 1] ?? number(value);
    case 'deadweight':
    case 'attribution':
    case 'drop_off':
      return `${number(value * 100)} %`;
    case 'duration':
      return value === 1 ? '1 year' : `${number(value)} years`;
    default:
      return number(value);
  }
}
