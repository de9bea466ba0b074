import { describe, expect, it } from 'vitest';
import { blankQuestion, draftProblems, draftsOf, languagesOf, moved, outcomesOf, toDesign } from './designDraft';
import { answersInWords } from './responseText';
import type { Question, SurveyDesign } from './types';

const saved = {
  title: 'Lunch club',
  description: 'Tell us',
  scope_id: null,
  outcomes: [
    { id: 'less-lonely', name: 'Less lonely', indicator: 'UCLA 3', population: 80 },
    { id: 'fitter', name: 'Fitter', indicator: '', population: null },
  ],
  questions: [
    { id: 'came', type: 'single_choice', text: 'Did you come?', options: ['Yes', 'No'], option_values: ['yes', 'no'], required: true },
    { id: 'lonely', type: 'before_now', text: 'Lonely before and now?', outcome_id: 'less-lonely', lower_is_better: true, section: 'The lunches', show_if: { question_id: 'came', equals: 'Yes' } },
    { id: 'age', type: 'number', text: 'Age?', min: 18, max: 120 },
  ],
  opens_on: '2030-01-01',
  closes_on: '2030-02-01',
  response_limit: 200,
  respondent_codes: 'optional',
  language: 'en',
  translations: [
    {
      language: 'cy',
      title: 'Clwb cinio',
      description: '',
      questions: { came: { text: 'Ddaethoch chi?', options: ['Do', 'Na'] }, lonely: { text: 'Unig?', section: 'Y cinio' } },
      outcomes: { 'less-lonely': 'Llai unig' },
    },
  ],
} as unknown as SurveyDesign;

describe('a saved survey in the designer', () => {
  it('comes back as it was saved: ids, outcome links, options, limits and every translated word', () => {
    const drafts = draftsOf(saved);
    const d = toDesign('Lunch club', 'Tell us', outcomesOf(saved), drafts, '2030-02-01', '200', 'optional', '', languagesOf(saved, drafts), '2030-01-01');
    expect(d.questions).toEqual([
      { id: 'came', type: 'single_choice', text: 'Did you come?', required: true, outcome_id: '', indicator: '', options: ['Yes', 'No'], option_values: ['yes', 'no'] },
      { id: 'lonely', type: 'before_now', text: 'Lonely before and now?', required: false, outcome_id: 'less-lonely', indicator: '', lower_is_better: true, section: 'The lunches', show_if: { question_id: 'came', equals: 'Yes' } },
      { id: 'age', type: 'number', text: 'Age?', required: false, outcome_id: '', indicator: '', min: 18, max: 120 },
    ]);
    expect(d.outcomes).toEqual(saved.outcomes);
    expect(d.opens_on).toBe('2030-01-01');
    expect(d.translations).toEqual([
      {
        language: 'cy',
        title: 'Clwb cinio',
        description: '',
        questions: { came: { text: 'Ddaethoch chi?', help: '', section: '', options: ['Do', 'Na'] }, lonely: { text: 'Unig?', help: '', section: 'Y cinio', options: [] } },
        outcomes: { 'less-lonely': 'Llai unig' },
      },
    ]);
  });

  it('keeps translations with their question when questions move, and drops options that no longer match', () => {
    const drafts = draftsOf(saved);
    const languages = languagesOf(saved, drafts);
    const reordered = moved(drafts, 0, 1); // lonely first, came second
    reordered[1] = { ...reordered[1], options: 'Yes\nNo\nSometimes' };
    const d = toDesign('Lunch club', '', outcomesOf(saved), reordered, '', '', 'off', '', languages);
    expect(d.questions.map((q) => q.id)).toEqual(['lonely', 'came', 'age']);
    expect(d.translations?.[0].questions?.came).toEqual({ text: 'Ddaethoch chi?', help: '', section: '', options: [] });
    expect(d.questions[1].option_values).toEqual(['yes', 'no', '']);
  });

  it('translates a question added in the designer under the id it is given', () => {
    const drafts = draftsOf(saved);
    const languages = languagesOf(saved, drafts);
    const added = blankQuestion({ type: 'text', text: 'Anything else?' });
    languages.translations[0].questions[added.key] = { text: 'Unrhyw beth arall?', help: '', section: '', options: '' };
    const d = toDesign('Lunch club', '', outcomesOf(saved), [...drafts, added], '', '', 'off', '', languages);
    expect(d.questions[3].id).toBe('q4');
    expect(d.translations?.[0].questions?.q4?.text).toBe('Unrhyw beth arall?');
  });
});

describe('outcomes in the designer', () => {
  it('leaves out an outcome without a name and keeps each question linked to the one it chose', () => {
    const q = blankQuestion({ type: 'scale', text: 'How fit?', outcome: 1 });
    const d = toDesign('Club', '', [{ name: '', population: '' }, { name: 'Fitter', population: '40' }], [q], '', '');
    expect(d.outcomes).toEqual([{ id: 'fitter', name: 'Fitter', indicator: '', population: 40 }]);
    expect(d.questions[0].outcome_id).toBe('fitter');
  });

  it('gives two outcomes with the same words two ids', () => {
    const d = toDesign('Club', '', [{ name: 'Fitter', population: '' }, { name: 'Fitter!', population: '' }], [blankQuestion({ text: 'Q' })], '', '');
    expect(d.outcomes?.map((o) => o.id)).toEqual(['fitter', 'fitter-2']);
  });
});

describe('a response in words', () => {
  it('says "Not asked" where skip logic left a question out, and "Not answered" where the respondent did', () => {
    const questions = [
      { id: 'came', type: 'single_choice', text: 'Came?', options: ['Yes', 'No'] },
      { id: 'liked', type: 'multiple_choice', text: 'Liked?', options: ['Food', 'Company'], show_if: { question_id: 'came', equals: 'Yes' } },
      { id: 'food', type: 'text', text: 'Which dish?', show_if: { question_id: 'liked', equals: 'Food' } },
      { id: 'why', type: 'text', text: 'Why not?', show_if: { question_id: 'came', equals: 'No' } },
      { id: 'else', type: 'text', text: 'Anything else?' },
    ] as unknown as Question[];
    const words = answersInWords(questions, { came: 'Yes', liked: ['Food'] }, []);
    expect([...words]).toEqual([
      ['came', 'Yes'],
      ['liked', 'Food'],
      ['food', 'Not answered'],
      ['why', 'Not asked'],
      ['else', 'Not answered'],
    ]);
  });
});

describe('what the designer asks to be fixed before saving', () => {
  it('names each gap by its field and says what to do', () => {
    const outcomes = [{ name: ' ', population: '' }, { name: 'Healthier', population: '' }];
    const questions = [
      blankQuestion({ type: 'before_now', outcome: 0, text: 'Before and now?' }),
      blankQuestion({ type: 'deadweight', outcome: 0, text: 'Anyway?' }),
      blankQuestion({ type: 'single_choice', text: '', options: 'Only one' }),
      blankQuestion({ type: 'attribution', outcome: 1, text: 'Others?' }),
    ];
    expect(draftProblems(outcomes, questions)).toEqual([
      { field: 'outcomes[0].name', message: 'Name outcome 1: question 1 measures it. Or choose “None” as question 1’s outcome.' },
      { field: 'questions[2].text', message: 'Write the text of question 3.' },
      { field: 'questions[2].options', message: 'Give question 3 at least two options, one a line.' },
    ]);
  });

  it('asks nothing of a draft that can be saved, or of an unnamed outcome no question measures', () => {
    const outcomes = [{ name: 'Less lonely', population: '' }, { name: '', population: '' }];
    const questions = [blankQuestion({ type: 'before_now', outcome: 0, text: 'Before and now?' }), blankQuestion({ type: 'text', outcome: 1, text: 'Anything else?' })];
    expect(draftProblems(outcomes, questions)).toEqual([]);
  });
});
