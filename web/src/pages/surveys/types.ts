// The survey shapes of docs/api.md "Surveys".
export type QuestionType =
  | 'single_choice'
  | 'multiple_choice'
  | 'scale'
  | 'likert'
  | 'number'
  | 'text'
  | 'before_now'
  | 'deadweight'
  | 'attribution'
  | 'duration'
  | 'drop_off'
  | 'valuation';

export interface SurveyOutcome {
  id: string;
  name: string;
  indicator: string;
  population: number | null;
}

export interface Question {
  id: string;
  type: QuestionType;
  text: string;
  required: boolean;
  options?: string[];
  min?: number;
  max?: number;
  max_length?: number;
  outcome_id: string;
  indicator: string;
}

export interface SurveyDesign {
  title: string;
  description: string;
  scope_id: string | null;
  outcomes: SurveyOutcome[];
  questions: Question[];
  opens_on: string | null;
  closes_on: string | null;
  response_limit: number | null;
  respondent_codes: 'off' | 'optional' | 'required';
}

export type SurveyState = 'not_yet_open' | 'open' | 'closed' | 'full';

export interface Survey extends SurveyDesign {
  id: string;
  organisation_id: string;
  state: SurveyState;
  token: string;
  public_url: string;
  response_count: number;
  version: number;
  created_at: string;
  updated_at: string;
}

/** A survey as lists show it: without its outcomes and questions (GET /surveys/{id} has them). */
export interface SurveySummary extends Omit<Survey, 'outcomes' | 'questions'> {
  outcome_count: number;
  question_count: number;
}

export interface SurveyPage {
  items: SurveySummary[];
  next_cursor: string | null;
}

export interface PublicSurvey extends SurveyDesign {
  organisation: string;
  survey_id: string;
  state: SurveyState;
  message: string;
}

export type AnswerValue = string | string[] | number | { before: number; now: number } | Record<string, number>;

export interface SurveyResponse {
  id: string;
  survey_id: string;
  submitted_at: string;
  source: 'web' | 'import';
  respondent_code: string;
  answers: Record<string, AnswerValue>;
  excluded: { excluded: boolean; reason: string | null; at: string | null };
}

export interface Estimate {
  n: number;
  value: number | null;
  response_ids?: string[];
}

export interface QuestionResult {
  id: string;
  type: QuestionType;
  text: string;
  outcome_id: string;
  answered: number;
  mean?: number | null;
  min?: number | null;
  max?: number | null;
  mean_before?: number;
  mean_change?: number;
  improved?: number;
  unchanged?: number;
  worse?: number;
  distribution?: { value: string | number; count: number }[];
  weights?: { outcome_id: string; share: number }[];
}

export interface OutcomeResult {
  id: string;
  name: string;
  indicator: string;
  quantity: {
    respondents: number;
    changed: number;
    population: number | null;
    sample: boolean;
    value: number | null;
    low: number | null;
    high: number | null;
    confidence: number;
    linked: number;
    linked_improved: number;
  };
  deadweight: Estimate;
  attribution: Estimate;
  duration: Estimate;
  drop_off: Estimate;
  relative_importance: number | null;
  /** The figures under an impact map outcome's field names (docs/api.md). */
  impact_map: Record<string, unknown>;
}

export interface SurveyResults {
  survey_id: string;
  title: string;
  responses: { used: number; excluded: number };
  questions: QuestionResult[];
  outcomes: OutcomeResult[];
}

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

export const STATE_LABELS: Record<SurveyState, string> = {
  not_yet_open: 'Not open yet',
  open: 'Open',
  closed: 'Closed',
  full: 'Full',
};

/** Types whose question can be linked to an outcome. */
export const LINKABLE: QuestionType[] = ['before_now', 'deadweight', 'attribution', 'duration', 'drop_off', 'scale', 'likert', 'number'];
