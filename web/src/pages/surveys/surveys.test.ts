import { describe, expect, it } from 'vitest';
import { askConditions, draftsOf, moved, toDesign } from './SurveysPage';
import { askedQuestions } from './PublicSurveyPage';
import { answerText } from './responseText';
import type { PublicSurvey, Question, SurveyDesign } from './types';
import { isAnswered, problemsIn, progressLine, sectionHeading, sectionOfQuestion, sectionsOf } from './sections';
import { QUESTION_BANK } from './questionBank';
import { inLanguage, languagesOf, preferredLanguage } from './languages';
import { flushOutbox, memoryOutbox, type QueuedResponse, type SendOutcome } from './outbox';

describe('toDesign', () => {
  it('names outcomes from their text, links questions by index and splits options by line', () => {
    const d = toDesign(
      'Club',
      '',
      [{ name: 'Members feel less lonely!', population: '200' }],
      [
        { key: 1, type: 'before_now', text: 'Before and now', options: '', outcome: 0, required: true, help: '', section: '', indicator: '', showIf: null },
        { key: 2, type: 'single_choice', text: 'How did you hear?', options: 'Friend\n\n GP \n', outcome: 0, required: false, help: ' ', section: ' Your visit ', indicator: 'How they heard', showIf: null },
        { key: 3, type: 'deadweight', text: 'Anyway?', options: '', outcome: -1, required: false, help: 'A guess is fine.', section: '', indicator: '', showIf: { key: 2, option: 'GP' } },
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
    expect(d.questions[1].section).toBe('Your visit');
    expect(d.questions[1].indicator).toBe('How they heard');
    expect(d.questions[0].section).toBeUndefined();
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
      { key: 7, type: 'single_choice' as const, text: 'Used?', options: 'Yes\nNo', outcome: -1, required: true, help: '', section: '', indicator: '', showIf: null },
      { key: 8, type: 'text' as const, text: 'Why?', options: '', outcome: -1, required: false, help: '', section: '', indicator: '', showIf: null },
    ];
    expect(askConditions(draft, 0)).toEqual([]);
    expect(askConditions(draft, 1).map((c) => c.label)).toEqual(['Only when question 1 is “Yes”', 'Only when question 1 is “No”']);
  });
});

describe('sections', () => {
  const qs = [
    { id: 'a', type: 'scale', text: 'A', required: true },
    { id: 'b', type: 'before_now', text: 'B', section: 'Your visit' },
    { id: 'c', type: 'number', text: 'C', min: 0, max: 10 },
    { id: 'd', type: 'text', text: 'D', section: 'Anything else' },
  ] as Question[];
  it('cuts the questions asked at each section title, and drops a section left empty by skip logic', () => {
    expect(sectionsOf(qs).map((s) => [s.title, s.questions.map((q) => q.id)])).toEqual([
      ['', ['a']],
      ['Your visit', ['b', 'c']],
      ['Anything else', ['d']],
    ]);
    expect(sectionsOf([qs[1], qs[3]]).map((s) => s.title)).toEqual(['Your visit', 'Anything else']);
    expect(sectionsOf([])).toEqual([]);
    expect(sectionOfQuestion(sectionsOf(qs), 'c')).toBe(1);
    expect(sectionOfQuestion(sectionsOf(qs), 'zz')).toBe(-1);
  });
  it('names what must be answered on a screen before going on', () => {
    const [first, second] = sectionsOf(qs);
    expect([...problemsIn(first, {})]).toEqual([['a', 'Answer this question to go on.']]);
    expect(problemsIn(first, { a: 0 }).size).toBe(0); // 0 is an answer
    expect([...problemsIn(second, { b: { before: 3, now: -1 }, c: 11 })]).toEqual([
      ['b', 'Choose a point for both before and now.'],
      ['c', 'Give a number from 0 to 10.'],
    ]);
    expect(isAnswered(qs[3], '  ')).toBe(false);
    expect(isAnswered(qs[1], { before: 0, now: 10 })).toBe(true);
  });
  it('names the problems in Welsh for Welsh, and in English for a language the form has no words for', () => {
    const [first, second] = sectionsOf(qs);
    const welsh = [
      ['b', 'Dewiswch rif ar gyfer “O’r blaen” ac ar gyfer “Nawr”.'],
      ['c', 'Rhowch rif o 0 i 10.'],
    ];
    for (const lang of ['cy', 'cy-GB']) {
      expect([...problemsIn(first, {}, lang)]).toEqual([['a', 'Atebwch y cwestiwn hwn i fynd ymlaen.']]);
      expect([...problemsIn(second, { b: { before: 3, now: -1 }, c: 11 }, lang)]).toEqual(welsh);
    }
    expect([...problemsIn(first, {}, 'fr')]).toEqual([['a', 'Answer this question to go on.']]);
    expect([...problemsIn(second, { b: { before: 3, now: -1 }, c: 11 }, 'fr')]).toEqual([
      ['b', 'Choose a point for both before and now.'],
      ['c', 'Give a number from 0 to 10.'],
    ]);
    const low = sectionsOf([{ id: 'n', type: 'number', text: 'N', min: 5 } as Question])[0];
    const high = sectionsOf([{ id: 'd', type: 'number', text: 'D', max: 8 } as Question])[0];
    expect(problemsIn(low, { n: 2 }, 'cy').get('n')).toBe('Rhowch 5 neu rif mwy.');
    expect(problemsIn(high, { d: 9 }, 'cy').get('d')).toBe('Rhowch 8 neu rif llai.');
    expect(problemsIn(low, { n: 2 }).get('n')).toBe('Give a number of 5 or more.');
    expect(problemsIn(high, { d: 9 }).get('d')).toBe('Give a number of 8 or less.');
  });
  it('says how far the respondent has come in the form’s language', () => {
    const sections = sectionsOf(qs);
    expect(progressLine('en', sections, 0, 0, 4)).toBe('Section 1 of 3 · 0 of 4 questions answered');
    expect(progressLine('fr', sections, 1, 1, 4)).toBe('Section 2 of 3: Your visit · 1 of 4 questions answered');
    expect(progressLine('en', sections.slice(0, 1), 0, 0, 1)).toBe('0 of 1 question answered');
    for (const lang of ['cy', 'cy-GB']) {
      expect(progressLine(lang, sections, 0, 0, 4)).toBe('Adran 1 o 3 · Cwestiynau wedi’u hateb: 0 o 4');
      expect(progressLine(lang, sections, 1, 1, 4)).toBe('Adran 2 o 3: Your visit · Cwestiynau wedi’u hateb: 1 o 4');
      expect(progressLine(lang, sections.slice(0, 1), 0, 1, 1)).toBe('Cwestiynau wedi’u hateb: 1 o 1');
      expect(sectionHeading(lang, sections, 0)).toBe('Adran 1');
      expect(sectionHeading(lang, sections.slice(0, 1), 0)).toBe('Cwestiynau');
    }
    expect(sectionHeading('fr', sections, 0)).toBe('Section 1');
    expect(sectionHeading('en', sections, 1)).toBe('Your visit');
    expect(sectionHeading('en', sections.slice(0, 1), 0)).toBe('Questions');
  });
});

describe('the outbox of responses completed offline', () => {
  const item = (key: string, savedAt: string): QueuedResponse => ({ key, token: 't', body: { answers: {} }, savedAt });
  it('sends the oldest first, keeps the rest when the network fails, and never resends a refused one', async () => {
    const store = memoryOutbox();
    await store.put(item('k2', '2026-12-06T10:00:02Z'));
    await store.put(item('k1', '2026-12-06T10:00:01Z'));
    await store.put(item('k3', '2026-12-06T10:00:03Z'));
    const tried: string[] = [];
    let online = false;
    const send = async (i: QueuedResponse): Promise<SendOutcome> => {
      tried.push(i.key);
      if (!online) return { sent: false, retry: true };
      if (i.key === 'k2') return { sent: false, retry: false, message: 'This survey has closed' };
      return { sent: true };
    };
    expect(await flushOutbox(store, send)).toEqual({ sent: 0, waiting: 3, refused: [] });
    expect(tried).toEqual(['k1']); // offline: one try, not three
    online = true;
    const report = await flushOutbox(store, send);
    expect(report.sent).toBe(2);
    expect(report.waiting).toBe(0);
    expect(report.refused.map((r) => [r.key, r.refused])).toEqual([['k2', 'This survey has closed']]);
    tried.length = 0;
    await flushOutbox(store, send);
    expect(tried).toEqual([]);
  });
});

describe('the question bank', () => {
  it('holds only questions the server accepts, each with what it measures, and names the source of every outside group', () => {
    for (const group of QUESTION_BANK) {
      if (group.id !== 'sroi') expect(group.source).toMatch(/Open Government Licence v3\.0/);
      for (const q of group.questions) {
        expect(q.text.length).toBeGreaterThan(0);
        expect(q.text.length).toBeLessThanOrEqual(1000);
        expect((q.help ?? '').length).toBeLessThanOrEqual(1000);
        expect(q.indicator.length).toBeLessThanOrEqual(500);
        const choice = q.type === 'single_choice' || q.type === 'multiple_choice';
        expect(choice ? (q.options ?? []).length >= 2 && (q.options ?? []).length <= 50 : q.options === undefined).toBe(true);
        for (const o of q.options ?? []) expect(o).not.toContain('|');
      }
    }
    // ONS4 in its order.
    expect(QUESTION_BANK.find((g) => g.id === 'ons4')?.questions.map((q) => q.indicator)).toEqual([
      'ONS4 life satisfaction',
      'ONS4 worthwhile',
      'ONS4 happiness',
      'ONS4 anxiety',
    ]);
  });
});

describe('a design read from an XLSForm', () => {
  it('becomes drafts whose skip logic survives the round trip through toDesign', () => {
    const drafts = draftsOf({
      title: 'Club',
      description: '',
      scope_id: null,
      outcomes: [],
      questions: [
        { id: 'came', type: 'single_choice', text: 'Came?', options: ['Yes', 'No'], option_values: ['yes', 'no'], required: true },
        { id: 'lonely', type: 'scale', text: 'Lonely?', section: 'The lunches', show_if: { question_id: 'came', equals: 'Yes' } },
      ],
      opens_on: null,
      closes_on: null,
      response_limit: null,
      respondent_codes: 'off',
    } as SurveyDesign);
    expect(drafts[0].options).toBe('Yes\nNo');
    expect(drafts[1].showIf).toEqual({ key: drafts[0].key, option: 'Yes' });
    const d = toDesign('Club', '', [], drafts, '', '');
    // The XLSForm's names stay, so that KoboToolbox's and ODK's exports of answers find them.
    expect(d.questions[0]).toMatchObject({ id: 'came', options: ['Yes', 'No'], option_values: ['yes', 'no'] });
    expect(d.questions[1]).toMatchObject({ id: 'lonely', section: 'The lunches', show_if: { question_id: 'came', equals: 'Yes' } });
  });

  it('gives an option added in the designer no name and a new question an id of its own', () => {
    const drafts = draftsOf({
      title: 'Club',
      description: '',
      scope_id: null,
      outcomes: [],
      questions: [{ id: 'q2', type: 'single_choice', text: 'Came?', options: ['Yes', 'No'], option_values: ['y', 'n'] }],
      opens_on: null,
      closes_on: null,
      response_limit: null,
      respondent_codes: 'off',
    } as SurveyDesign);
    drafts[0].options = 'Yes\nNo\nSometimes';
    // The new first question would be q1, the second q2: taken by the XLSForm's question.
    const d = toDesign('Club', '', [], [{ ...drafts[0], key: -1, sourceId: undefined, type: 'text', options: '', text: 'Name?' }, drafts[0], { ...drafts[0], key: -2, sourceId: undefined, type: 'text', options: '', text: 'Why?' }], '', '');
    expect(d.questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3']);
    const d2 = toDesign('Club', '', [], [drafts[0], { ...drafts[0], key: -2, sourceId: undefined, type: 'text', options: '', text: 'Why?' }], '', '');
    expect(d2.questions.map((q) => q.id)).toEqual(['q2', 'q2x']);
    expect(d2.questions[0].option_values).toEqual(['y', 'n', '']);
  });
});

describe('a survey in another language', () => {
  const survey = {
    organisation: 'Club',
    survey_id: 's',
    title: 'Lunch club',
    description: 'Tell us',
    scope_id: null,
    outcomes: [{ id: 'o', name: 'Less lonely', indicator: '' }],
    questions: [
      { id: 'came', type: 'single_choice', text: 'Did you come?', options: ['Yes', 'No'], required: true },
      { id: 'why', type: 'text', text: 'Why?', section: 'More', show_if: { question_id: 'came', equals: 'Yes' } },
    ],
    opens_on: null,
    closes_on: null,
    response_limit: null,
    respondent_codes: 'off',
    language: 'en',
    translations: [{ language: 'cy', title: 'Clwb cinio', description: '', questions: { came: { text: 'Ddaethoch chi?', options: ['Do', 'Na'] }, why: { section: 'Mwy' } }, outcomes: { o: 'Llai unig' } }],
    state: 'open',
    message: '',
  } as unknown as PublicSurvey;
  it('shows the words of the language chosen and keeps the values in the survey’s own', () => {
    expect(languagesOf(survey)).toEqual(['en', 'cy']);
    const { survey: cy, labels } = inLanguage(survey, 'cy');
    expect(cy.title).toBe('Clwb cinio');
    expect(cy.description).toBe('Tell us'); // left out: the survey's own
    expect(cy.questions[0].text).toBe('Ddaethoch chi?');
    expect(cy.questions[0].options).toEqual(['Yes', 'No']); // the values sent
    expect(labels.get('came')).toEqual(['Do', 'Na']); // what is shown
    expect(cy.questions[1].text).toBe('Why?');
    expect(cy.questions[1].section).toBe('Mwy');
    expect(cy.outcomes[0].name).toBe('Llai unig');
    expect(inLanguage(survey, 'en').survey).toBe(survey);
  });
  it('starts in the browser’s first language that the survey has', () => {
    expect(preferredLanguage(survey, ['cy-GB', 'en'])).toBe('cy');
    expect(preferredLanguage(survey, ['fr', 'en-GB'])).toBe('en');
    expect(preferredLanguage(survey, ['de'])).toBe('en');
  });
});
