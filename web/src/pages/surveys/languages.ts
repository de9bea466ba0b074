// A survey in the respondent's language (docs/api.md "Surveys": translations).
// Only the words change: question ids, option values and skip logic stay in
// the survey's own language, so answers in every language merge. The form's
// own words (buttons, progress, problems, the thank-you page) are in
// formWords.ts.
import type { PublicSurvey } from './types';

// Names the browser's own data may lack (a minimal ICU names Welsh "Welsh").
const NATIVE: Record<string, string> = { en: 'English', cy: 'Cymraeg', gd: 'Gàidhlig', ga: 'Gaeilge', kw: 'Kernewek' };

/** A language's name in that language ("cy" → "Cymraeg"), or its tag. */
export function languageName(tag: string): string {
  const known = NATIVE[tag.toLowerCase()];
  if (known) return known;
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
    return name ? name.charAt(0).toLocaleUpperCase(tag) + name.slice(1) : tag;
  } catch {
    return tag;
  }
}

/** The languages a survey can be answered in: its own first. */
export function languagesOf(s: Pick<PublicSurvey, 'language' | 'translations'>): string[] {
  return [s.language ?? 'en', ...(s.translations ?? []).map((t) => t.language)];
}

/** The language to start in: the browser's first that the survey has, else the survey's own. */
export function preferredLanguage(s: PublicSurvey, preferred: readonly string[]): string {
  const offered = languagesOf(s);
  for (const p of preferred) {
    const exact = offered.find((l) => l.toLowerCase() === p.toLowerCase());
    if (exact) return exact;
    const primary = offered.find((l) => l.split('-')[0] === p.split('-')[0].toLowerCase());
    if (primary) return primary;
  }
  return offered[0];
}

/**
 * The survey with its words in `lang`, and each choice question's option
 * labels (what is shown; the values sent stay the originals). A word the
 * translation leaves out is shown in the survey's own language.
 */
export function inLanguage<S extends Pick<PublicSurvey, 'title' | 'description' | 'questions' | 'outcomes' | 'translations'>>(
  s: S,
  lang: string,
): { survey: S; labels: Map<string, string[]> } {
  const labels = new Map<string, string[]>();
  const t = (s.translations ?? []).find((x) => x.language === lang);
  if (!t) return { survey: s, labels };
  const questions = s.questions.map((q) => {
    const words = t.questions?.[q.id];
    if (!words) return q;
    if (words.options && q.options && words.options.length === q.options.length) labels.set(q.id, words.options);
    return {
      ...q,
      text: words.text || q.text,
      help: words.help || q.help,
      section: q.section ? words.section || q.section : q.section,
    };
  });
  const outcomes = s.outcomes.map((o) => ({ ...o, name: t.outcomes?.[o.id] || o.name }));
  return { survey: { ...s, title: t.title || s.title, description: t.description || s.description, questions, outcomes }, labels };
}
