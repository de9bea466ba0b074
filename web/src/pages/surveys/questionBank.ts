// The designer's question bank: questions an SROI survey asks again and
// again, and standard wellbeing questions whose licence lets us ship them.
// Each group names its source and licence; the designer shows them beside the
// questions, and a question taken from the bank keeps its source as its
// indicator. (Not here: WEMWBS and SWEMWBS, whose licence needs each user to
// register; the UCLA loneliness scale, which is copyrighted.)
import type { QuestionType } from './types';

export interface BankQuestion {
  type: QuestionType;
  text: string;
  help?: string;
  options?: string[];
  /** What the answer measures, kept as the question's indicator. */
  indicator: string;
}

export interface BankGroup {
  id: string;
  title: string;
  about: string;
  /** Where the wording comes from and on what terms; "" for our own. */
  source: string;
  questions: BankQuestion[];
}

const OGL = 'Contains public sector information licensed under the Open Government Licence v3.0.';

export const QUESTION_BANK: readonly BankGroup[] = [
  {
    id: 'sroi',
    title: 'The change and its value (SROI)',
    about:
      'What an evaluative impact map needs from the people it concerns: how much changed, how much would have happened anyway, who else helped, how long it lasts and how much it matters. Link each to the outcome it measures.',
    source: '',
    questions: [
      {
        type: 'before_now',
        text: 'How would you rate this before you took part, and now?',
        help: '0 is the worst it could be, 10 the best.',
        indicator: 'Distance travelled (before and now)',
      },
      {
        type: 'deadweight',
        text: 'If you had not taken part, how much of this change would have happened anyway?',
        indicator: 'Deadweight',
      },
      {
        type: 'attribution',
        text: 'How much of this change is thanks to other people or organisations, such as family, your GP or other services?',
        indicator: 'Attribution',
      },
      {
        type: 'duration',
        text: 'For how many years do you think this change will last?',
        help: 'Your best guess in years; 0 if it has already faded.',
        indicator: 'Duration',
      },
      {
        type: 'drop_off',
        text: 'Each year from now, how much of this change do you expect to fade?',
        indicator: 'Drop-off',
      },
      {
        type: 'valuation',
        text: 'How much does each of these changes matter to you?',
        indicator: 'Stakeholder valuation (weights)',
      },
      {
        type: 'text',
        text: 'Has anything changed for the worse since you took part?',
        help: 'Changes we did not intend count too, good or bad.',
        indicator: 'Unintended and negative outcomes',
      },
      {
        type: 'text',
        text: 'What else helped you make this change?',
        indicator: 'Attribution: who else contributed',
      },
    ],
  },
  {
    id: 'ons4',
    title: 'Personal well-being (ONS4)',
    about:
      'The four questions of the Office for National Statistics, asked in this order on a scale from 0 (not at all) to 10 (completely), so that answers compare with the national figures.',
    source: `Office for National Statistics, Personal well-being user guidance. ${OGL}`,
    questions: [
      { type: 'scale', text: 'Overall, how satisfied are you with your life nowadays?', help: '0 is “not at all”, 10 is “completely”.', indicator: 'ONS4 life satisfaction' },
      {
        type: 'scale',
        text: 'Overall, to what extent do you feel that the things you do in your life are worthwhile?',
        help: '0 is “not at all”, 10 is “completely”.',
        indicator: 'ONS4 worthwhile',
      },
      { type: 'scale', text: 'Overall, how happy did you feel yesterday?', help: '0 is “not at all”, 10 is “completely”.', indicator: 'ONS4 happiness' },
      { type: 'scale', text: 'Overall, how anxious did you feel yesterday?', help: '0 is “not at all”, 10 is “completely”.', indicator: 'ONS4 anxiety' },
    ],
  },
  {
    id: 'loneliness',
    title: 'Loneliness (national direct measure)',
    about: 'The direct question of the national indicators of loneliness, with its five answers.',
    source: `Office for National Statistics, Measuring loneliness: guidance for use of the national indicators on surveys (2018). ${OGL}`,
    questions: [
      {
        type: 'single_choice',
        text: 'How often do you feel lonely?',
        options: ['Often/always', 'Some of the time', 'Occasionally', 'Hardly ever', 'Never'],
        indicator: 'ONS loneliness (direct measure)',
      },
    ],
  },
  {
    id: 'belonging',
    title: 'Belonging to the neighbourhood',
    about: 'A question of the Community Life Survey, for outcomes about community and belonging.',
    source: `Department for Culture, Media and Sport, Community Life Survey. ${OGL}`,
    questions: [
      {
        type: 'single_choice',
        text: 'How strongly do you feel you belong to your immediate neighbourhood?',
        options: ['Very strongly', 'Fairly strongly', 'Not very strongly', 'Not at all strongly', 'Don’t know'],
        indicator: 'Community Life Survey: belonging to the neighbourhood',
      },
    ],
  },
];
