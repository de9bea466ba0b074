// The survey designer's form state and its conversion to and from the API's
// design (docs/api.md "Surveys"). Questions are keyed by a number that stays
// while they move, so skip logic and translations follow a question however
// it is reordered; a question read from a saved survey or an XLSForm keeps
// its id, so its answers and the tools' exports still find it.
import { LINKABLE, type Question, type QuestionType, type SurveyDesign } from './types';

const slug = (s: string, fallback: string) =>
  s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || fallback;

export interface DraftQuestion {
  key: number; // stable while questions move: what a show-if and a translation name
  type: QuestionType;
  text: string;
  options: string;
  outcome: number; // index into outcomes, -1 for none
  required: boolean;
  help: string;
  section: string; // a section's title when this question starts one
  indicator: string; // what it measures: a bank question's source
  sourceId?: string; // its id in the design it was read from (a saved survey, an XLSForm): kept
  optionValues?: Record<string, string>; // an XLSForm's names of the options, by option: how Kobo and ODK export answers
  showIf: { key: number; option: string } | null; // asked only when that question's answer is option
  lowerIsBetter?: boolean; // before_now: a fall is the improvement (loneliness)
  maxLength?: number; // text: kept from the design it was read from
  min?: number | null; // number: kept likewise
  max?: number | null;
}

export interface DraftOutcome {
  name: string;
  population: string;
  sourceId?: string; // its id in a saved survey: kept, so that answers weighting it still do
  indicator?: string;
}

/** One question's words in another language; "" is shown in the survey's own. */
export interface DraftWords {
  text: string;
  help: string;
  section: string;
  options: string; // one a line, in the order of the question's options
}

export interface DraftTranslation {
  language: string;
  title: string;
  description: string;
  questions: Record<number, DraftWords>; // by question key
  outcomes: Record<number, string>; // by outcome index
}

export interface DraftLanguages {
  language: string;
  translations: DraftTranslation[];
}

let nextKey = 1;
export function blankQuestion(over: Partial<DraftQuestion> = {}): DraftQuestion {
  return { key: nextKey++, type: 'scale', text: '', options: '', outcome: -1, required: false, help: '', section: '', indicator: '', showIf: null, ...over };
}

export const lines = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

export const optionsOf = (q: DraftQuestion) => lines(q.options);

export const isChoice = (type: QuestionType) => type === 'single_choice' || type === 'multiple_choice';

/** The list with item i moved by delta places (−1: up, +1: down); unchanged at either end. */
export function moved<T>(list: readonly T[], i: number, delta: number): T[] {
  const j = i + delta;
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/** What question i may be asked on: an option of an earlier choice question. */
export function askConditions(questions: DraftQuestion[], i: number): { key: number; option: string; label: string }[] {
  return questions.slice(0, i).flatMap((q, k) =>
    isChoice(q.type) ? optionsOf(q).map((option) => ({ key: q.key, option, label: `Only when question ${k + 1} is “${option}”` })) : [],
  );
}

/** A design read from a saved survey or an XLSForm as the designer's questions: skip logic by the drafts' keys, outcome links by index. */
export function draftsOf(design: Pick<SurveyDesign, 'questions' | 'outcomes'>): DraftQuestion[] {
  const keys = new Map<string, number>();
  return design.questions.map((q) => {
    const draft = blankQuestion({
      type: q.type,
      text: q.text,
      required: q.required ?? false,
      options: (q.options ?? []).join('\n'),
      outcome: q.outcome_id ? (design.outcomes ?? []).findIndex((o) => o.id === q.outcome_id) : -1,
      help: q.help ?? '',
      section: q.section ?? '',
      indicator: q.indicator ?? '',
      sourceId: q.id,
      optionValues: Object.fromEntries((q.option_values ?? []).flatMap((v, k) => (v && q.options?.[k] ? [[q.options[k], v]] : []))),
      lowerIsBetter: q.lower_is_better ?? false,
      maxLength: q.max_length,
      min: q.min,
      max: q.max,
    });
    keys.set(q.id, draft.key);
    const from = q.show_if ? keys.get(q.show_if.question_id) : undefined;
    if (q.show_if && from !== undefined) draft.showIf = { key: from, option: q.show_if.equals };
    return draft;
  });
}

/** A saved design's outcomes as the designer's. */
export function outcomesOf(design: Pick<SurveyDesign, 'outcomes'>): DraftOutcome[] {
  return (design.outcomes ?? []).map((o) => ({
    name: o.name,
    population: o.population === null || o.population === undefined ? '' : String(o.population),
    sourceId: o.id,
    indicator: o.indicator ?? '',
  }));
}

/** A design's languages as the designer's, its translations keyed by the drafts made from it by draftsOf. */
export function languagesOf(design: Pick<SurveyDesign, 'language' | 'translations' | 'outcomes'>, drafts: DraftQuestion[]): DraftLanguages {
  const byId = new Map(drafts.flatMap((d) => (d.sourceId ? [[d.sourceId, d.key] as const] : [])));
  return {
    language: design.language ?? 'en',
    translations: (design.translations ?? []).map((t) => ({
      language: t.language,
      title: t.title ?? '',
      description: t.description ?? '',
      questions: Object.fromEntries(
        Object.entries(t.questions ?? {}).flatMap(([id, w]) => {
          const key = byId.get(id);
          return key === undefined ? [] : [[key, { text: w.text ?? '', help: w.help ?? '', section: w.section ?? '', options: (w.options ?? []).join('\n') }]];
        }),
      ),
      outcomes: Object.fromEntries((design.outcomes ?? []).flatMap((o, i) => (t.outcomes?.[o.id] ? [[i, t.outcomes[o.id]]] : []))),
    })),
  };
}

/** A new translation with nothing translated yet. */
export const blankTranslation = (language: string): DraftTranslation => ({ language, title: '', description: '', questions: {}, outcomes: {} });

/**
 * The draft form as the API's design. Outcomes without a name are left out;
 * a question keeps the id it was read with, the others are q1, q2, … by
 * position; an outcome keeps its id, the others are named from their text.
 * A translated word left empty is shown in the survey's own language, and a
 * question's translated options are kept only when there is one for each option.
 */
/** A field of the draft to fix before saving, named as the designer's inputs are (`questions[0].text`), and what to do. */
export interface DraftProblem {
  field: string;
  message: string;
}

/**
 * What the designer asks to be fixed before it sends a draft: each question's
 * text, each choice question's options, and the name of each outcome a
 * question measures (saved without one, the question would quietly measure
 * nothing).
 */
export function draftProblems(outcomes: DraftOutcome[], questions: DraftQuestion[]): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const unnamed = new Set<number>();
  questions.forEach((q, i) => {
    if (LINKABLE.includes(q.type) && q.outcome >= 0 && q.outcome < outcomes.length && !outcomes[q.outcome].name.trim() && !unnamed.has(q.outcome)) {
      unnamed.add(q.outcome);
      problems.push({
        field: `outcomes[${q.outcome}].name`,
        message: `Name outcome ${q.outcome + 1}: question ${i + 1} measures it. Or choose “None” as question ${i + 1}’s outcome.`,
      });
    }
  });
  questions.forEach((q, i) => {
    if (!q.text.trim()) problems.push({ field: `questions[${i}].text`, message: `Write the text of question ${i + 1}.` });
    if (isChoice(q.type) && optionsOf(q).length < 2)
      problems.push({ field: `questions[${i}].options`, message: `Give question ${i + 1} at least two options, one a line.` });
  });
  return problems;
}

export function toDesign(
  title: string,
  description: string,
  outcomes: DraftOutcome[],
  questions: DraftQuestion[],
  closesOn: string,
  limit: string,
  codes: SurveyDesign['respondent_codes'] = 'off',
  scopeId = '',
  languages: DraftLanguages = { language: 'en', translations: [] },
  opensOn = '',
): SurveyDesign {
  // Outcome ids by the draft's index (an outcome left out has none).
  const outcomeIds = new Map<number, string>();
  const usedOutcomes = new Set(outcomes.flatMap((o) => (o.sourceId && o.name.trim() ? [o.sourceId] : [])));
  outcomes.forEach((o, i) => {
    if (!o.name.trim()) return;
    let id = o.sourceId ?? slug(o.name, `outcome-${i + 1}`);
    if (!o.sourceId) {
      while (usedOutcomes.has(id)) id += '-2';
      usedOutcomes.add(id);
    }
    outcomeIds.set(i, id);
  });
  const used = new Set<string>();
  const kept = new Set(questions.flatMap((q) => (q.sourceId ? [q.sourceId] : [])));
  const ids = new Map<number, string>();
  questions.forEach((q, i) => {
    let id = q.sourceId && !used.has(q.sourceId) ? q.sourceId : `q${i + 1}`;
    while (used.has(id) || (id !== q.sourceId && kept.has(id))) id += 'x';
    used.add(id);
    ids.set(q.key, id);
  });
  return {
    title,
    description,
    scope_id: scopeId || null,
    outcomes: outcomes.flatMap((o, i) =>
      outcomeIds.has(i) ? [{ id: outcomeIds.get(i) ?? '', name: o.name, indicator: o.indicator ?? '', population: o.population ? Number(o.population) : null }] : [],
    ),
    questions: questions.map((q) => {
      const id = ids.get(q.key) ?? '';
      const out: Question = {
        id,
        type: q.type,
        text: q.text,
        required: q.required,
        outcome_id: q.outcome >= 0 && LINKABLE.includes(q.type) ? (outcomeIds.get(q.outcome) ?? '') : '',
        indicator: q.indicator.trim(),
      };
      if (isChoice(q.type)) {
        out.options = optionsOf(q);
        const names = out.options.map((o) => q.optionValues?.[o] ?? '');
        if (names.some(Boolean)) out.option_values = names;
      }
      if (q.type === 'before_now' && q.lowerIsBetter) out.lower_is_better = true;
      if (q.type === 'text' && q.maxLength) out.max_length = q.maxLength;
      if (q.type === 'number') {
        if (q.min !== undefined && q.min !== null) out.min = q.min;
        if (q.max !== undefined && q.max !== null) out.max = q.max;
      }
      if (q.help.trim()) out.help = q.help.trim();
      if (q.section.trim()) out.section = q.section.trim();
      if (q.showIf) out.show_if = { question_id: ids.get(q.showIf.key) ?? '', equals: q.showIf.option };
      return out;
    }),
    opens_on: opensOn || null,
    closes_on: closesOn || null,
    response_limit: limit ? Number(limit) : null,
    respondent_codes: codes,
    language: languages.language,
    translations: languages.translations.map((t) => ({
      language: t.language,
      title: t.title.trim(),
      description: t.description.trim(),
      questions: Object.fromEntries(
        questions.flatMap((q) => {
          const w = t.questions[q.key];
          if (!w) return [];
          const options = isChoice(q.type) && lines(w.options).length === optionsOf(q).length ? lines(w.options) : [];
          const words = { text: w.text.trim(), help: w.help.trim(), section: q.section.trim() ? w.section.trim() : '', options };
          if (!words.text && !words.help && !words.section && options.length === 0) return [];
          return [[ids.get(q.key) ?? '', words]];
        }),
      ),
      outcomes: Object.fromEntries(
        [...outcomeIds].flatMap(([i, id]) => (t.outcomes[i]?.trim() ? [[id, t.outcomes[i].trim()]] : [])),
      ),
    })),
  };
}
