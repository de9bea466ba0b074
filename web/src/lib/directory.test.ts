import { describe, expect, it } from 'vitest';
import type { DirectoryEntry, DirectoryTaxonomy } from '../api/types';
import {
  EMPTY_SEARCH,
  draftFromEntry,
  draftToInput,
  emptyDraft,
  filterCount,
  goalsOf,
  importProblems,
  importTemplate,
  isFiltered,
  joinWords,
  parseSearch,
  peopleInWords,
  resultsInWords,
  sdgWords,
  searchToParams,
  searchToQuery,
  splitAward,
  termName,
  toggle,
  validateDraft,
} from './directory';

const taxonomy: DirectoryTaxonomy = {
  version: 1,
  published: '2026-12-06',
  themes: [
    { code: 'food', name: 'Food and nutrition', sdgs: [2, 12] },
    { code: 'jobs_and_skills', name: 'Jobs and skills', sdgs: [4, 8] },
    { code: 'education', name: 'Education and learning', sdgs: [4] },
  ],
  areas: [{ code: 'yorkshire', name: 'Yorkshire and the Humber' }],
  legal_forms: [{ code: 'cic', name: 'Community interest company' }],
};

describe('words', () => {
  it('joins lists as a sentence does', () => {
    expect(joinWords([])).toBe('');
    expect(joinWords(['a'])).toBe('a');
    expect(joinWords(['a', 'b'])).toBe('a and b');
    expect(joinWords(['a', 'b', 'c'])).toBe('a, b and c');
  });
  it('names the goals a theme serves', () => {
    expect(sdgWords([])).toBe('');
    expect(sdgWords([4])).toBe('Goal 4');
    expect(sdgWords([12, 2])).toBe('Goals 2 and 12');
    expect(sdgWords([11, 1, 10, 1])).toBe('Goals 1, 10 and 11');
  });
  it('gathers the goals of several themes once each', () => {
    expect(goalsOf(['food', 'jobs_and_skills', 'education'], taxonomy)).toEqual([2, 4, 8, 12]);
    expect(goalsOf(['food'], null)).toEqual([]);
  });
  it('names codes from the taxonomy, and a retired code in words', () => {
    expect(termName(taxonomy.areas, 'yorkshire')).toBe('Yorkshire and the Humber');
    expect(termName(taxonomy.areas, 'older_people')).toBe('Older people');
    expect(termName(undefined, 'cic')).toBe('Cic');
  });
  it('says people in words; 0 was not said', () => {
    expect(peopleInWords(0)).toBe('Not said');
    expect(peopleInWords(1)).toBe('1 person');
    expect(peopleInWords(1200)).toBe('1,200 people');
  });
  it('counts results in words', () => {
    expect(resultsInWords(0, 0, 0, true)).toBe('No enterprises found.');
    expect(resultsInWords(0, 0, 0, false)).toBe('No enterprises in the directory yet.');
    expect(resultsInWords(1, 0, 1, true)).toBe('1 enterprise found.');
    expect(resultsInWords(3, 0, 3, false)).toBe('3 enterprises in the directory.');
    expect(resultsInWords(53, 20, 20, false)).toBe('Enterprises 21 to 40 of 53.');
    expect(resultsInWords(5, 20, 0, true)).toBe('No more enterprises on this page (5 in all).');
  });
});

describe('the search in the address', () => {
  it('reads what it understands and leaves out the rest', () => {
    const s = parseSearch(new URLSearchParams('q=bikes&theme=food,,jobs_and_skills,food&area=yorkshire&certified=true&scheme=svqm&level=2&page=3'));
    expect(s).toEqual({ q: 'bikes', theme: ['food', 'jobs_and_skills'], area: ['yorkshire'], legal_form: [], certified: true, award: 'svqm:2', page: 3 });
    expect(parseSearch(new URLSearchParams('page=-1&level=x&scheme=svqm&certified=yes'))).toEqual(EMPTY_SEARCH);
  });
  it('writes it back the same way, leaving out the first page and empty filters', () => {
    const s = { ...EMPTY_SEARCH, q: 'green bikes', theme: ['food', 'transport'], award: 'svmc:1', page: 2 };
    const params = searchToParams(s);
    expect(params.get('theme')).toBe('food,transport');
    expect(params.get('scheme')).toBe('svmc');
    expect(params.get('level')).toBe('1');
    expect(parseSearch(params)).toEqual(s);
    expect(searchToParams(EMPTY_SEARCH).toString()).toBe('');
  });
  it('asks the API for the page shown', () => {
    expect(searchToQuery({ ...EMPTY_SEARCH, theme: ['food'], certified: true, award: 'svqm:1', page: 3 }, 20)).toEqual({
      q: undefined,
      theme: ['food'],
      area: undefined,
      legal_form: undefined,
      certified: true,
      scheme: 'svqm',
      level: 1,
      offset: 40,
      limit: 20,
    });
  });
  it('tells whether and how much it is filtered', () => {
    expect(isFiltered(EMPTY_SEARCH)).toBe(false);
    expect(isFiltered({ ...EMPTY_SEARCH, q: 'x' })).toBe(true);
    expect(filterCount({ ...EMPTY_SEARCH, q: 'x', theme: ['a', 'b'], certified: true })).toBe(3);
  });
  it('splits a certification facet and toggles values', () => {
    expect(splitAward('svqm:2')).toEqual({ scheme: 'svqm', level: 2 });
    expect(splitAward('svqm')).toBeNull();
    expect(toggle(['a', 'b'], 'a', false)).toEqual(['b']);
    expect(toggle(['a'], 'b', true)).toEqual(['a', 'b']);
    expect(toggle(['a'], 'a', true)).toEqual(['a']);
  });
});

describe('an entry’s form', () => {
  const good = {
    ...emptyDraft('Green Bikes CIC'),
    summary: 'Refurbishes bikes for people looking for work.',
    legal_form: 'cic',
    size_band: 'small' as const,
    people: '6',
    areas: ['yorkshire'],
    themes: ['transport'],
    website: 'https://greenbikes.example',
    contact_email: 'sam@greenbikes.example',
  };
  it('accepts a good draft', () => {
    expect(validateDraft(good)).toEqual({});
  });
  it('says what is wrong beside each field', () => {
    const errors = validateDraft({ ...emptyDraft(), summary: 'short', people: '-3', website: 'http://x.example', contact_email: 'nope', themes: [] });
    expect(Object.keys(errors).sort()).toEqual(['areas', 'contact_email', 'legal_form', 'name', 'people', 'size_band', 'summary', 'themes', 'website']);
    expect(errors.summary).toBe('Use at least 10 characters.');
    expect(validateDraft({ ...good, themes: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] }).themes).toBe('Choose at most 8 themes.');
  });
  it('sends a trimmed draft, people 0 when not said, and the version on updates', () => {
    expect(draftToInput({ ...good, name: ' Green Bikes CIC ', people: '' }, 4)).toMatchObject({ name: 'Green Bikes CIC', people: 0, version: 4 });
    expect(draftToInput(good)).not.toHaveProperty('version');
  });
  it('reads an entry back into a draft', () => {
    const entry = {
      ...draftToInput(good),
      id: 'e1',
      organisation_id: null,
      source: 'broker',
      listed: false,
      certificates: [],
      contact: { name: 'Sam', email: 'sam@greenbikes.example' },
      may_edit: true,
      taxonomy_version: 1,
      updated_at: '2026-12-06T10:00:00Z',
      version: 2,
    } as DirectoryEntry;
    expect(draftFromEntry(entry)).toEqual({ ...good, contact_name: 'Sam', listed: false });
  });
});

describe('an import’s problems', () => {
  it('names each by row and column in words', () => {
    expect(importProblems([{ field: 'row 3, contact_email', message: 'Must be an email address' }], 'x')).toEqual(['Row 3, contact email: Must be an email address']);
    expect(importProblems([], 'The file is empty')).toEqual(['The file is empty']);
  });
});

describe('the import template', () => {
  it('has the header row the server reads and an example row in words', () => {
    const lines = importTemplate().replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('name,summary,legal_form,size_band,people,areas,themes,website,contact_name,contact_email,listed');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Community interest company,Small,6,Yorkshire and the Humber; North East England');
  });
});
