import { describe, expect, it } from 'vitest';
import { earlierSurveys, likelyBaseline, type WaveCandidate } from './waves';
import type { QuestionType } from './types';

const q = (id: string, type: QuestionType = 'scale', text = `Question ${id}`) => ({ id, type, text });
const survey = (id: string, created_at: string, questions: WaveCandidate['questions']): WaveCandidate => ({ id, created_at, questions });

describe('the earlier wave chosen to start with', () => {
  const follow = survey('follow', '2026-06-01T10:00:00Z', [q('lonely', 'before_now'), q('anyway', 'deadweight'), q('why', 'text')]);

  it('is the earlier survey that shares the most questions', () => {
    const one = survey('one', '2026-05-01T10:00:00Z', [q('lonely', 'before_now')]);
    const two = survey('two', '2026-01-01T10:00:00Z', [q('lonely', 'before_now'), q('anyway', 'deadweight'), q('other')]);
    expect(likelyBaseline(follow, [one, two])).toBe('two');
  });

  it('of those sharing as many, the one in the very same words (a duplicate), then the most recent', () => {
    const reworded = survey('reworded', '2026-05-01T10:00:00Z', [q('lonely', 'before_now', 'Lonely?'), q('anyway', 'deadweight', 'Anyway?')]);
    const duplicate = survey('duplicate', '2026-02-01T10:00:00Z', [q('lonely', 'before_now'), q('anyway', 'deadweight')]);
    expect(likelyBaseline(follow, [reworded, duplicate])).toBe('duplicate');
    const older = survey('older', '2026-01-01T10:00:00Z', [q('lonely', 'before_now'), q('anyway', 'deadweight')]);
    expect(likelyBaseline(follow, [older, duplicate])).toBe('duplicate');
    expect(likelyBaseline(follow, [duplicate, older])).toBe('duplicate');
  });

  it('counts a question only when it is asked as the same kind of question, which is what the waves compare', () => {
    const sameIds = survey('same-ids', '2026-05-01T10:00:00Z', [q('lonely', 'scale'), q('anyway', 'text'), q('why', 'number')]);
    const one = survey('one', '2026-01-01T10:00:00Z', [q('lonely', 'before_now')]);
    expect(likelyBaseline(follow, [sameIds, one])).toBe('one');
    expect(likelyBaseline(follow, [sameIds])).toBe('');
  });

  it('is never this survey or a later one, and none when no earlier survey shares a question', () => {
    const later = survey('later', '2026-07-01T10:00:00Z', follow.questions);
    expect(likelyBaseline(follow, [follow, later])).toBe('');
    expect(likelyBaseline(follow, [survey('unrelated', '2026-01-01T10:00:00Z', [q('food', 'single_choice')])])).toBe('');
    expect(likelyBaseline(follow, [])).toBe('');
  });

  it('reads only the most recent earlier surveys, newest first', () => {
    const list = ['2026-03-01', '2026-08-01', '2026-05-01', '2026-04-01'].map((d, i) => ({ id: `s${i}`, created_at: `${d}T00:00:00Z` }));
    expect(earlierSurveys(follow, list).map((s) => s.id)).toEqual(['s2', 's3', 's0']);
    expect(earlierSurveys(follow, list, 2).map((s) => s.id)).toEqual(['s2', 's3']);
  });
});
