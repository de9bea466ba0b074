// The public form's screens: one section a screen (docs/api.md "Surveys":
// a question with a `section` title starts one), and what a respondent must
// still answer on a screen before going on.
import type { AnswerValue, Question } from './types';
import { say } from './formWords';

export interface FormSection {
  /** The section's title; "" for questions before the first titled one. */
  title: string;
  questions: Question[];
}

/**
 * The asked questions cut into sections at each question that starts one.
 * A section whose questions are all skipped has none here and is dropped, so
 * the respondent never sees an empty screen.
 */
export function sectionsOf(asked: readonly Question[]): FormSection[] {
  const out: FormSection[] = [];
  for (const q of asked) {
    const title = q.section?.trim() ?? '';
    if (title || out.length === 0) out.push({ title, questions: [] });
    out[out.length - 1].questions.push(q);
  }
  return out.filter((s) => s.questions.length > 0);
}

/** Whether an answer holds everything its question asks for (both halves of a before-and-now). */
export function isAnswered(q: Question, value: AnswerValue | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (q.type === 'before_now') {
    const pair = value as { before?: number; now?: number };
    return (pair.before ?? -1) >= 0 && (pair.now ?? -1) >= 0;
  }
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'number') return Number.isFinite(value);
  return Object.keys(value as object).length > 0;
}

/**
 * The problems on one screen, by question id, in the words shown beside the
 * question, in the form's language (formWords.ts): a required question not
 * answered, half a before-and-now, a number outside its range.
 */
export function problemsIn(section: FormSection, answers: Record<string, AnswerValue>, lang = 'en'): Map<string, string> {
  const out = new Map<string, string>();
  for (const q of section.questions) {
    const value = answers[q.id];
    if (q.type === 'before_now' && value !== undefined && !isAnswered(q, value)) {
      out.set(q.id, say(lang, 'bothBeforeAndNow'));
    } else if (q.required && !isAnswered(q, value)) {
      out.set(q.id, say(lang, 'answerToGoOn'));
    } else if (typeof value === 'number' && (q.type === 'number' || q.type === 'duration')) {
      const min = q.type === 'duration' ? 0 : q.min;
      const max = q.type === 'duration' ? 50 : q.max;
      const low = min !== undefined && min !== null && value < min;
      const high = max !== undefined && max !== null && value > max;
      if (low || high)
        out.set(
          q.id,
          min !== undefined && min !== null && max !== undefined && max !== null
            ? say(lang, 'numberFromTo', { min, max })
            : low
              ? say(lang, 'numberAtLeast', { min: min as number })
              : say(lang, 'numberAtMost', { max: max as number }),
        );
    }
  }
  return out;
}

/** Which section holds a question; -1 when none does (it is not asked). */
export function sectionOfQuestion(sections: readonly FormSection[], questionId: string): number {
  return sections.findIndex((s) => s.questions.some((q) => q.id === questionId));
}

/**
 * The title the XLSForm import gives the questions after a group ends
 * (docs/file-formats.md "XLSForm"): the server's invention, not the
 * designer's words, so no translation holds it.
 */
export const IMPORTED_SECTION_TITLE = 'More questions';

/** A section's title as the respondent reads it: the import's invented one in the form's language. */
export function sectionTitleIn(lang: string, title: string): string {
  return title === IMPORTED_SECTION_TITLE ? say(lang, 'moreQuestions') : title;
}

/**
 * How far a respondent has come, in the form's language: "Section 2 of 3:
 * Your visit · 4 of 6 questions answered" (the section only when there are
 * several).
 */
export function progressLine(lang: string, sections: readonly FormSection[], page: number, answered: number, asked: number): string {
  const title = sectionTitleIn(lang, sections[page]?.title ?? '');
  const where = sections.length > 1 ? `${say(lang, 'sectionOf', { section: page + 1, sections: sections.length })}${title ? `: ${title}` : ''} · ` : '';
  return where + say(lang, 'answered', { answered, n: asked });
}

/** A screen's heading: its section's title, else "Section 2", else (one screen) "Questions". */
export function sectionHeading(lang: string, sections: readonly FormSection[], page: number): string {
  return sectionTitleIn(lang, sections[page]?.title ?? '') || (sections.length > 1 ? say(lang, 'section', { section: page + 1 }) : say(lang, 'questions'));
}
