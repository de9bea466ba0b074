import { describe, expect, it } from 'vitest';
import { askConditions, moved, toDesign } from './SurveysPage';
import { askedQuestions } from './PublicSurveyPage';
import { answerText } from './responseText';
import type { Question } from './types';

describe('toDesign', () => {
  it('names outcomes from their text, links questions by index and splits options by line', () => {
    const d = toDesign(
      'Club',
      '',
      [{ name: 'Members feel less lonely!', population: '200' }],
      [
        { key: 1, type: 'before_now', text: 'Before and now', options: '', outcome: 0, required: true, help: '', showIf: null },
        { key: 2, type: 'single_choice', text: 'How did you hear?', options: 'Friend\n\n GP \n', outcome: 0, required: false, help: ' ', showIf: null },
        { key: 3, type: 'deadweight', text: 'Anyway?', options: '', outcome: -1, required: false, help: 'A guess is fine.', showIf: { key: 2, option: 'GP' } },
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
    expect(d.questions[1].help).toBeUndefined();
    expect(d.questions[2].help).toBe('A guess is fine.');
    expect(d.questions[2].show_if).toEqual({ question_id: 'q2', equals: 'GP' });
    expect(d.closes_on).toBe('2026-12-31');
    expect(d.response_limit).toBeNull();
  });
});

describe('answers in words', () => {
  const q = (type: Question['type']): Question => ({ id: 'q', type, text: 'Q' });
  const outcomes = [{ id: 'lonely', name: 'Less lonely', indicator: '', population: null }];
  it('reads each type as the respondent gave it', () => {
    expect(answerText(q('before_now'), { before: 3, now: 8 }, outcomes)).toBe('Before 3, now 8');
    expect(answerText(q('deadweight'), 0.25, outcomes)).toBe('25 %');
    expect(answerText(q('duration'), 1, outcomes)).toBe('1 year');
    expect(answerText(q('duration'), 2.5, outcomes)).toBe('2.5 years');
    expect(answerText(q('likert'), 4, outcomes)).toBe('Agree');
    expect(answerText(q('scale'), 7, outcomes)).toBe('7 of 10');
    expect(answerText(q('number'), 1234.567, outcomes)).toBe('1,234.57');
    expect(answerText(q('multiple_choice'), ['GP', 'Friend'], outcomes)).toBe('GP; Friend');
    expect(answerText(q('valuation'), { lonely: 3 }, outcomes)).toBe('Less lonely: 3');
    expect(answerText(q('text'), undefined, outcomes)).toBe('Not answered');
  });
});

describe('moving a question in the designer', () => {
  it('swaps it with its neighbour and stops at either end', () => {
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(moved([], 0, 1)).toEqual([]);
  });
});

describe('skip logic', () => {
  const qs: Question[] = [
    { id: 'used', type: 'single_choice', text: 'Used the club?', options: ['Yes', 'No'] },
    { id: 'why', type: 'text', text: 'Why?', show_if: { question_id: 'used', equals: 'Yes' } },
    { id: 'more', type: 'text', text: 'More?', show_if: { question_id: 'why', equals: 'x' } },
  ] as Question[];
  it('asks a follow-up only when the earlier answer matches, and sends only the answers asked', () => {
    expect(askedQuestions(qs, {}).asked.map((q) => q.id)).toEqual(['used']);
    expect(askedQuestions(qs, { used: 'Yes' }).asked.map((q) => q.id)).toEqual(['used', 'why']);
    // Changing the earlier answer drops the follow-up's answer from what is sent.
    expect(askedQuestions(qs, { used: 'No', why: 'Friends' }).answers).toEqual({ used: 'No' });
  });
  it('offers only options of earlier choice questions', () => {
    const draft = [
      { key: 7, type: 'single_choice' as const, text: 'Used?', options: 'Yes\nNo', outcome: -1, required: true, help: '', showIf: null },
      { key: 8, type: 'text' as const, text: 'Why?', options: '', outcome: -1, required: false, help: '', showIf: null },
    ];
    expect(askConditions(draft, 0)).toEqual([]);
    expect(askConditions(draft, 1).map((c) => c.label)).toEqual(['Only when question 1 is “Yes”', 'Only when question 1 is “No”']);
  });
});
