import { describe, expect, it } from 'vitest';
import { toDesign } from './SurveysPage';

describe('toDesign', () => {
  it('names outcomes from their text, links questions by index and splits options by line', () => {
    const d = toDesign(
      'Club',
      '',
      [{ name: 'Members feel less lonely!', population: '200' }],
      [
        { type: 'before_now', text: 'Before and now', options: '', outcome: 0, required: true },
        { type: 'single_choice', text: 'How did you hear?', options: 'Friend\n\n GP \n', outcome: 0, required: false },
        { type: 'deadweight', text: 'Anyway?', options: '', outcome: -1, required: false },
      ],
      '2026-12-31',
      '',
    );
    expect(d.outcomes).toEqual([{ id: 'members-feel-less-lonely', name: 'Members feel less lonely!', indicator: '', population: 200 }]);
    expect(d.questions.map((q) => [q.id, q.outcome_id])).toEqual([
      ['q1', 'members-feel-less-lonely'],
      ['q2', ''], // a choice question measures no outcome
      ['q3', ''],
    ]);
    expect(d.questions[1].options).toEqual(['Friend', 'GP']);
    expect(d.closes_on).toBe('2026-12-31');
    expect(d.response_limit).toBeNull();
  });
});
