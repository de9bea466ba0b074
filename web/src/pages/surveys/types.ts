// The survey shapes of docs/api.md "Surveys": aliases of docs/openapi.json's
// schemas (src/api/schema.d.ts, written by `npm run generate`).
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type QuestionType = Schemas['SurveyQuestionType'];
export type SurveyOutcome = Schemas['SurveyOutcome'];
export type Question = Schemas['SurveyQuestion'];
export type SurveyDesign = Schemas['SurveyDesign'];
export type SurveyState = Schemas['SurveyState'];
export type Survey = Schemas['Survey'];
/** A survey as lists show it: without its outcomes and questions (GET /surveys/{id} has them). */
export type SurveySummary = Schemas['SurveySummary'];
export type SurveyPage = Schemas['SurveySummaryList'];
export type PublicSurvey = Schemas['PublicSurvey'];
export type AnswerValue = Schemas['Answer'];
export type SurveyResponse = Schemas['SurveyResponse'];
export type SurveyResponseList = Schemas['SurveyResponseList'];
export type ResponsesImported = Schemas['ResponsesImported'];
export type WaveComparison = Schemas['WaveComparison'];
export type SurveyResults = Schemas['SurveyResults'];
export type TextAnswers = Schemas['TextAnswers'];
export type Estimate = Schemas['Figure'];
export type QuestionResult = SurveyResults['questions'][number];
type OutcomeFigures = SurveyResults['outcomes'][number];
/** `impact_map` holds only the figures some response measured. */
export type OutcomeResult = Omit<OutcomeFigures, 'impact_map'> & { impact_map: Partial<OutcomeFigures['impact_map']> };

export const TYPE_LABELS: Record<QuestionType, string> = {
  single_choice: 'Single choice',
  multiple_choice: 'Multiple choice',
  scale: 'Scale 0–10',
  likert: 'Agree / disagree (5 points)',
  number: 'Number',
  text: 'Free text',
  before_now: 'Before and now (distance travelled)',
  deadweight: 'Would it have happened anyway? (deadweight)',
  attribution: 'Who else contributed? (attribution)',
  duration: 'How long will it last? (years)',
  drop_off: 'How much fades each year? (drop-off)',
  valuation: 'What matters most? (weigh the outcomes)',
};

/** The five points of a Likert question, 1 to 5, as the form offers them and as answers read. */
export const LIKERT = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];

export const STATE_LABELS: Record<SurveyState, string> = {
  draft: 'Draft',
  not_yet_open: 'Not open yet',
  open: 'Open',
  closed: 'Closed',
  full: 'Full',
};

/** Types whose question can be linked to an outcome. */
export const LINKABLE: QuestionType[] = ['before_now', 'deadweight', 'attribution', 'duration', 'drop_off', 'scale', 'likert', 'number'];
