// The directory of social enterprises in words: its codes as the taxonomy
// names them, the UN Sustainable Development Goals a theme serves, the search
// as the address's query string, and the checks of an entry's form (the
// server's rules, docs/api.md "Network"; the server stays the judge).
import type { DirectoryEntry, DirectoryEntryInput, DirectoryQuery, DirectoryTaxonomy, SizeBand } from '../api/types';
import { toCsv } from './csv';
import { listInWords } from './schemes';
import { SIZE_BANDS } from './labels';
import { checkRequired, collect, isEmailLike, type FieldErrors } from './validation';

/** A list in words: the house's one way (lib/schemes.ts listInWords). */
export const joinWords = listInWords;

/** The goals a theme serves in words: [2, 12] → "Goals 2 and 12", [4] → "Goal 4", [] → "". */
export function sdgWords(sdgs: readonly number[]): string {
  const goals = [...new Set(sdgs)].sort((a, b) => a - b);
  if (goals.length === 0) return '';
  return `${goals.length === 1 ? 'Goal' : 'Goals'} ${joinWords(goals.map(String))}`;
}

/** Every goal the themes serve together, once each, in order. */
export function goalsOf(themes: readonly string[], taxonomy: DirectoryTaxonomy | null): number[] {
  const goals = new Set<number>();
  for (const code of themes) for (const g of taxonomy?.themes.find((t) => t.code === code)?.sdgs ?? []) goals.add(g);
  return [...goals].sort((a, b) => a - b);
}

/**
 * A code's name in the taxonomy. A code the taxonomy no longer has (a retired
 * term) reads as words rather than as the code: "older_people" → "Older people".
 */
export function termName(terms: readonly { code: string; name: string }[] | undefined, code: string): string {
  const found = terms?.find((t) => t.code === code);
  if (found) return found.name;
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The number of people in words; 0 means the enterprise did not say. */
export function peopleInWords(people: number): string {
  if (!people) return 'Not said';
  return `${people.toLocaleString('en-GB')} ${people === 1 ? 'person' : 'people'}`;
}

// ---- The search as the address's query string, so that a result is a link.

export interface DirectorySearch {
  q: string;
  theme: string[];
  area: string[];
  legal_form: string[];
  certified: boolean;
  /** A certification facet's value, "scheme_id:level", or ''. */
  award: string;
  /** From 1. */
  page: number;
}

export const EMPTY_SEARCH: DirectorySearch = { q: '', theme: [], area: [], legal_form: [], certified: false, award: '', page: 1 };

function list(value: string | null): string[] {
  return [...new Set((value ?? '').split(',').map((v) => v.trim()).filter(Boolean))];
}

/** Reads the search from a query string; anything it does not understand is left out. */
export function parseSearch(params: URLSearchParams): DirectorySearch {
  const scheme = (params.get('scheme') ?? '').trim();
  const level = (params.get('level') ?? '').trim();
  const page = Number(params.get('page') ?? '1');
  return {
    q: (params.get('q') ?? '').trim(),
    theme: list(params.get('theme')),
    area: list(params.get('area')),
    legal_form: list(params.get('legal_form')),
    certified: params.get('certified') === 'true',
    award: scheme && /^\d+$/.test(level) ? `${scheme}:${level}` : '',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** The search as a query string (without "?"); the first page and empty filters are left out. */
export function searchToParams(s: DirectorySearch): URLSearchParams {
  const params = new URLSearchParams();
  if (s.q) params.set('q', s.q);
  if (s.theme.length) params.set('theme', s.theme.join(','));
  if (s.area.length) params.set('area', s.area.join(','));
  if (s.legal_form.length) params.set('legal_form', s.legal_form.join(','));
  if (s.certified) params.set('certified', 'true');
  const award = splitAward(s.award);
  if (award) {
    params.set('scheme', award.scheme);
    params.set('level', String(award.level));
  }
  if (s.page > 1) params.set('page', String(s.page));
  return params;
}

/** "svqm:2" → {scheme: "svqm", level: 2}; null for anything else. */
export function splitAward(value: string): { scheme: string; level: number } | null {
  const m = /^(.+):(\d+)$/.exec(value);
  return m ? { scheme: m[1], level: Number(m[2]) } : null;
}

/** What the API is asked for a search, `pageSize` entries a page. */
export function searchToQuery(s: DirectorySearch, pageSize: number): DirectoryQuery {
  const award = splitAward(s.award);
  return {
    q: s.q || undefined,
    theme: s.theme.length ? s.theme : undefined,
    area: s.area.length ? s.area : undefined,
    legal_form: s.legal_form.length ? s.legal_form : undefined,
    certified: s.certified || undefined,
    scheme: award?.scheme,
    level: award?.level,
    offset: (s.page - 1) * pageSize,
    limit: pageSize,
  };
}

/** Whether anything narrows the search (words or a filter). */
export function isFiltered(s: DirectorySearch): boolean {
  return Boolean(s.q || s.theme.length || s.area.length || s.legal_form.length || s.certified || s.award);
}

/** How many filters are chosen (the words not counted). */
export function filterCount(s: DirectorySearch): number {
  return s.theme.length + s.area.length + s.legal_form.length + (s.certified ? 1 : 0) + (s.award ? 1 : 0);
}

/** A list with a value added or taken out. */
export function toggle(values: readonly string[], value: string, on: boolean): string[] {
  const rest = values.filter((v) => v !== value);
  return on ? [...rest, value] : rest;
}

/** The number of results in words, for the live region: "3 enterprises found.", "Enterprises 21 to 40 of 53." */
export function resultsInWords(total: number, offset: number, shown: number, filtered: boolean): string {
  if (total === 0) return filtered ? 'No enterprises found.' : 'No enterprises in the directory yet.';
  if (shown === 0) return `No more enterprises on this page (${total} in all).`;
  if (offset === 0 && shown >= total) return `${total} ${total === 1 ? 'enterprise' : 'enterprises'}${filtered ? ' found' : ' in the directory'}.`;
  return `Enterprises ${offset + 1} to ${offset + shown} of ${total}${filtered ? ' found' : ''}.`;
}

// ---- An entry's form.

export const ENTRY_FIELDS = ['name', 'summary', 'legal_form', 'size_band', 'people', 'areas', 'themes', 'website', 'contact_name', 'contact_email', 'listed'] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number];

export const SUMMARY_MIN = 10;
export const SUMMARY_MAX = 2000;
export const THEMES_MAX = 8;
export const PEOPLE_MAX = 1_000_000;

/** The form's values: `people` as typed. */
export interface EntryDraft {
  name: string;
  summary: string;
  legal_form: string;
  size_band: SizeBand | '';
  people: string;
  areas: string[];
  themes: string[];
  website: string;
  contact_name: string;
  contact_email: string;
  listed: boolean;
}

export function emptyDraft(name = '', listed = true): EntryDraft {
  return { name, summary: '', legal_form: '', size_band: '', people: '', areas: [], themes: [], website: '', contact_name: '', contact_email: '', listed };
}

export function draftFromEntry(e: DirectoryEntry): EntryDraft {
  return {
    name: e.name,
    summary: e.summary,
    legal_form: e.legal_form,
    size_band: e.size_band,
    people: e.people ? String(e.people) : '',
    areas: [...e.areas],
    themes: [...e.themes],
    website: e.website,
    contact_name: e.contact?.name ?? '',
    contact_email: e.contact?.email ?? '',
    listed: e.listed,
  };
}

/** What is wrong with a draft, beside each field, as the server would say it. */
export function validateDraft(d: EntryDraft): FieldErrors<EntryField> {
  const summary = [...d.summary.trim()].length;
  const people = d.people.trim();
  const website = d.website.trim();
  const email = d.contact_email.trim();
  return collect<EntryField>({
    name: checkRequired(d.name, 'the enterprise’s name'),
    summary:
      summary === 0
        ? 'Say in a sentence or two what the enterprise does and for whom.'
        : summary < SUMMARY_MIN
          ? `Use at least ${SUMMARY_MIN} characters.`
          : summary > SUMMARY_MAX
            ? `Use at most ${SUMMARY_MAX.toLocaleString('en-GB')} characters.`
            : undefined,
    legal_form: d.legal_form ? undefined : 'Choose a legal form.',
    size_band: (SIZE_BANDS as string[]).includes(d.size_band) ? undefined : 'Choose a size.',
    people: people === '' || (/^\d+$/.test(people) && Number(people) <= PEOPLE_MAX) ? undefined : 'Enter a whole number of people, or leave it empty.',
    areas: d.areas.length === 0 ? 'Choose at least one area, or “Across the UK”.' : undefined,
    themes:
      d.themes.length === 0 ? 'Choose at least one theme.' : d.themes.length > THEMES_MAX ? `Choose at most ${THEMES_MAX} themes.` : undefined,
    website: website === '' || /^https:\/\/[^\s/]+\.[^\s]+$/.test(website) ? undefined : 'Enter the address starting https://, or leave it empty.',
    contact_name: d.contact_name.trim().length > 200 ? 'Use at most 200 characters.' : undefined,
    contact_email: email === '' || isEmailLike(email) ? undefined : 'Enter an email address like name@example.org, or leave it empty.',
    listed: undefined,
  });
}

/** The draft as the API takes it (trimmed; `version` on updates). */
export function draftToInput(d: EntryDraft, version?: number): DirectoryEntryInput {
  return {
    name: d.name.trim(),
    summary: d.summary.trim(),
    legal_form: d.legal_form,
    size_band: d.size_band as SizeBand,
    people: d.people.trim() ? Number(d.people.trim()) : 0,
    areas: d.areas,
    themes: d.themes,
    website: d.website.trim(),
    contact_name: d.contact_name.trim(),
    contact_email: d.contact_email.trim(),
    listed: d.listed,
    ...(version ? { version } : {}),
  };
}

// ---- The import's problems: the server names each by row and column ("row 3, themes").

/** "row 3, contact_email" → "Row 3, contact email". */
export function importPlaceInWords(field: string): string {
  const words = field.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Each problem of a refused import as a line: "Row 3, themes: choose at least one". */
export function importProblems(fields: readonly { field: string; message: string }[], message: string): string[] {
  if (fields.length === 0) return [message];
  return fields.map((f) => (f.field ? `${importPlaceInWords(f.field)}: ${f.message}` : f.message));
}

/** The columns of an import, as the file's header row names them (docs/api.md "Network"). */
export const IMPORT_COLUMNS = ['name', 'summary', 'legal_form', 'size_band', 'people', 'areas', 'themes', 'website', 'contact_name', 'contact_email', 'listed'] as const;

/**
 * A file to start an import from: the header row, and an example row written
 * in words as the directory names its terms (the server takes names or codes).
 */
export function importTemplate(): string {
  return toCsv(
    [...IMPORT_COLUMNS],
    [
      [
        'Green Bikes CIC',
        'Refurbishes donated bikes and trains people into work as mechanics.',
        'Community interest company',
        'Small',
        6,
        'Yorkshire and the Humber; North East England',
        'Transport and access; Jobs and skills',
        'https://greenbikes.example',
        'Sam Green',
        'sam@greenbikes.example',
        'yes',
      ],
    ],
  );
}
