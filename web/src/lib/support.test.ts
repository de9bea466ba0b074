import { describe, expect, it } from 'vitest';
import type { CriterionRef, Practitioner, Resource } from '../api/support';
import { makeScheme, svqm } from '../test/schemes';
import {
  LANGUAGES,
  accreditationInWords,
  checkConsultant,
  checkPractitioner,
  checkResource,
  consultantDraft,
  consultantInput,
  contactHref,
  criterionGroups,
  criterionHelpPath,
  criterionInStage,
  criterionInWords,
  groupCriteria,
  criterionPlace,
  emptySearch,
  fieldOfPath,
  fileInWords,
  fileSizeInWords,
  fileTypeInWords,
  hostOf,
  isEmailContact,
  isSupportFiltered,
  levelInWords,
  parseSupportSearch,
  practitionerDraft,
  practitionerInput,
  readAsBase64,
  resourceDraft,
  resourceInput,
  standingTone,
  STANDING_LABEL,
  stripDataUrl,
  supportResultsInWords,
  supportSearchToParams,
  supportSearchToQuery,
  toggleCriterion,
} from './support';

const criterion: CriterionRef = {
  id: 'svmc.1.plan.1',
  scheme_id: 'svmc',
  scheme_name: 'Social Value Management Certificate',
  level: 1,
  level_name: 'Commit',
  stage: 'Plan',
  text: 'A social value policy or strategy, endorsed by senior management or the board, commits the organisation to the Principles of Social Value for all its stakeholders.',
};

const practitioner = (over: Partial<Practitioner> = {}): Practitioner => ({
  id: 'p1',
  name: 'Ann Lee',
  level: 2,
  organisation: 'Lee Associates',
  contact: 'ann@lee.example',
  areas: ['wales'],
  awarded_on: '2025-01-10',
  expires_on: '2028-01-09',
  standing: 'current',
  area_names: [{ code: 'wales', name: 'Wales' }],
  updated_at: '2026-01-01T00:00:00Z',
  version: 3,
  ...over,
});

const resource = (over: Partial<Resource> = {}): Resource => ({
  id: 'r1',
  title: 'Stakeholder guide',
  kind: 'guidance',
  kind_name: 'Guidance',
  summary: 'How to find your stakeholders.',
  link: '',
  file_name: 'guide.pdf',
  media_type: 'application/pdf',
  file_bytes: 120 * 1024,
  schemes: ['svmc'],
  criteria: ['svmc.1.plan.1'],
  built_in: false,
  scheme_names: [{ code: 'svmc', name: 'Social Value Management Certificate' }],
  criterion_details: [criterion],
  updated_at: null,
  version: 2,
  ...over,
});

describe('a practitioner in words', () => {
  it('names the level and the accreditation in the house date format', () => {
    expect(levelInWords(2)).toBe('Level 2 practitioner');
    expect(accreditationInWords(practitioner())).toBe('Accredited until 9 Jan 2028');
    expect(accreditationInWords(practitioner({ standing: 'ending_soon' }))).toBe('Accredited until 9 Jan 2028');
    expect(accreditationInWords(practitioner({ standing: 'expired', expires_on: '2025-03-03' }))).toBe('Accreditation ended 3 Mar 2025');
  });

  it('labels each standing in words, with a tone', () => {
    expect(STANDING_LABEL).toEqual({ current: 'Accredited', ending_soon: 'Ends soon', expired: 'Expired' });
    expect(standingTone('current')).toBe('success');
    expect(standingTone('ending_soon')).toBe('warning');
    expect(standingTone('expired')).toBe('neutral');
  });

  it('tells an email contact from a website', () => {
    expect(isEmailContact('ann@lee.example')).toBe(true);
    expect(contactHref('ann@lee.example')).toBe('mailto:ann@lee.example');
    expect(isEmailContact('https://lee.example/@ann')).toBe(false);
    expect(contactHref('https://lee.example/@ann')).toBe('https://lee.example/@ann');
    expect(hostOf('https://www.lee.example/about')).toBe('lee.example');
    expect(hostOf('not an address')).toBe('not an address');
  });
});

describe('a file in words', () => {
  it('says the size as people read it', () => {
    expect(fileSizeInWords(1)).toBe('1 byte');
    expect(fileSizeInWords(820)).toBe('820 bytes');
    expect(fileSizeInWords(5335)).toBe('5 KB');
    expect(fileSizeInWords(122880)).toBe('120 KB');
    expect(fileSizeInWords(1258291)).toBe('1.2 MB');
    expect(fileSizeInWords(2 * 1024 * 1024)).toBe('2 MB');
    expect(fileSizeInWords(10 * 1024 * 1024)).toBe('10 MB');
  });

  it('says what kind of file it is', () => {
    expect(fileTypeInWords('application/pdf')).toBe('PDF');
    expect(fileTypeInWords('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('Word document');
    expect(fileTypeInWords('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('Excel spreadsheet');
    expect(fileTypeInWords('text/markdown; charset=utf-8')).toBe('Text document');
    expect(fileTypeInWords('image/png')).toBe('PNG image');
    expect(fileTypeInWords('text/csv')).toBe('CSV');
    expect(fileTypeInWords('application/octet-stream', 'plan.key')).toBe('KEY file');
    expect(fileTypeInWords('', '')).toBe('File');
    expect(fileInWords(resource())).toBe('PDF, 120 KB');
  });
});

describe('a criterion in words', () => {
  it('names its scheme, level and stage, and cuts its text at a word', () => {
    expect(criterionPlace(criterion)).toBe('Social Value Management Certificate · Level 1 Commit · Plan');
    const words = criterionInWords(criterion, 40);
    expect(words).toBe('Social Value Management Certificate · Level 1 Commit · Plan: A social value policy or strategy,…');
    expect(criterionInWords({ ...criterion, text: 'Short.' })).toBe('Social Value Management Certificate · Level 1 Commit · Plan: Short.');
    expect(criterionInWords(criterion)).not.toMatch(/svmc/);
  });

  it('groups criteria under their scheme and level', () => {
    const commit2 = { ...criterion, id: 'svmc.1.cc.1', stage: 'Creating Capacity', text: 'A named Social Value Lead.' };
    const other = { ...criterion, id: 'svqm.1.commit.1', scheme_name: 'Social Value Quality Mark', level_name: 'Pledges', stage: 'Commitment', text: 'Pledges.' };
    const groups = groupCriteria([criterion, other, commit2]);
    expect(groups.map((g) => [g.place, g.criteria.map((c) => criterionInStage(c, 30))])).toEqual([
      ['Social Value Management Certificate · Level 1 Commit', ['Plan: A social value policy or…', 'Creating Capacity: A named Social Value Lead.']],
      ['Social Value Quality Mark · Level 1 Pledges', ['Commitment: Pledges.']],
    ]);
  });

  it('links to the help of a criterion', () => {
    expect(criterionHelpPath('svmc.1.plan.1')).toBe('/support?criterion=svmc.1.plan.1');
    expect(criterionHelpPath('a b/c')).toBe('/support?criterion=a%20b%2Fc');
  });
});

describe('reading a file as base64', () => {
  it('strips the data URL prefix', () => {
    expect(stripDataUrl('data:application/pdf;base64,JVBERi0x')).toBe('JVBERi0x');
    expect(stripDataUrl('data:;base64,')).toBe('');
    expect(stripDataUrl('JVBERi0x')).toBe('JVBERi0x');
  });

  it('reads a file through FileReader', async () => {
    const file = new Blob(['%PDF-1.4'], { type: 'application/pdf' });
    expect(await readAsBase64(file)).toBe(btoa('%PDF-1.4'));
  });
});

describe('the search in the address', () => {
  it('reads only the filters of its tab', () => {
    expect(parseSupportSearch(new URLSearchParams(''))).toEqual(emptySearch('resources'));
    expect(parseSupportSearch(new URLSearchParams('tab=consultants&language=cy&kind=template&level=2'))).toEqual({
      ...emptySearch('consultants'),
      language: 'cy',
    });
    expect(parseSupportSearch(new URLSearchParams('tab=practitioners&level=2&expired=true&area=wales&page=3'))).toEqual({
      ...emptySearch('practitioners'),
      level: 2,
      expired: true,
      area: 'wales',
      page: 3,
    });
    // Values it does not know are left out.
    expect(parseSupportSearch(new URLSearchParams('tab=nope&kind=poster&page=-1'))).toEqual(emptySearch('resources'));
    expect(parseSupportSearch(new URLSearchParams('tab=consultants&language=xx')).language).toBe('');
    expect(parseSupportSearch(new URLSearchParams('tab=practitioners&level=4')).level).toBe(0);
  });

  it('writes a search back, leaving out what is as it starts', () => {
    expect(supportSearchToParams(emptySearch()).toString()).toBe('');
    const s = { ...emptySearch('consultants'), q: 'policy', language: 'cy', page: 2 };
    expect(supportSearchToParams(s).toString()).toBe('tab=consultants&q=policy&language=cy&page=2');
    expect(parseSupportSearch(supportSearchToParams(s))).toEqual(s);
  });

  it('asks the API for a page', () => {
    expect(supportSearchToQuery({ ...emptySearch('practitioners'), level: 2, expired: true, page: 3 }, 20)).toEqual({
      q: undefined,
      kind: undefined,
      scheme: undefined,
      area: undefined,
      language: undefined,
      level: 2,
      include_expired: true,
      offset: 40,
      limit: 20,
    });
  });

  it('says whether the search is narrowed', () => {
    expect(isSupportFiltered(emptySearch())).toBe(false);
    expect(isSupportFiltered({ ...emptySearch('practitioners'), expired: true })).toBe(false);
    expect(isSupportFiltered({ ...emptySearch('consultants'), language: 'cy' })).toBe(true);
  });

  it('counts the results in words', () => {
    expect(supportResultsInWords('consultants', 0, 0, 0, true)).toBe('No consultants found.');
    expect(supportResultsInWords('resources', 0, 0, 0, false)).toBe('No resources yet.');
    expect(supportResultsInWords('practitioners', 1, 0, 1, false)).toBe('1 practitioner.');
    expect(supportResultsInWords('consultants', 3, 0, 3, true)).toBe('3 consultants found.');
    expect(supportResultsInWords('resources', 53, 20, 20, false)).toBe('Resources 21 to 40 of 53.');
    expect(supportResultsInWords('resources', 5, 40, 0, false)).toBe('No more resources on this page (5 in all).');
  });
});

describe('the criteria pickers', () => {
  const svmc = makeScheme('svmc', 'Social Value Management Certificate', 1, [
    { name: 'Commit', stages: { Plan: [['svmc.1.plan.1', 'A policy.']], Do: [['svmc.1.do.1', 'An action plan.']] } },
  ]);
  const groups = criterionGroups([svmc, { ...svmc, version: 2 }, svqm]);

  it('groups the newest version of each scheme by level and stage', () => {
    expect(groups.map((g) => g.scheme)).toEqual(['Social Value Management Certificate', 'Social Value Quality Mark']);
    expect(groups[0].levels).toEqual([
      {
        title: 'Level 1: Commit',
        stages: [
          { name: 'Plan', criteria: [{ id: 'svmc.1.plan.1', text: 'A policy.' }] },
          { name: 'Do', criteria: [{ id: 'svmc.1.do.1', text: 'An action plan.' }] },
        ],
      },
    ]);
  });

  it('ticks a criterion’s scheme with it, and leaves it when the criterion is unticked', () => {
    const on = toggleCriterion({ criteria: [], schemes: [] }, groups, 'svmc.1.plan.1', true);
    expect(on).toEqual({ criteria: ['svmc.1.plan.1'], schemes: ['svmc'] });
    expect(toggleCriterion(on, groups, 'svmc.1.do.1', true)).toEqual({ criteria: ['svmc.1.plan.1', 'svmc.1.do.1'], schemes: ['svmc'] });
    expect(toggleCriterion(on, groups, 'svmc.1.plan.1', false)).toEqual({ criteria: [], schemes: ['svmc'] });
  });
});

describe('the practitioner form', () => {
  const today = '2026-06-01';
  const good = { ...practitionerDraft(), name: 'Ann Lee', level: '2', areas: ['wales'], awarded_on: '2025-01-10', expires_on: '2028-01-09' };

  it('passes a good draft and sends it with its version', () => {
    expect(checkPractitioner(good, today)).toEqual({});
    expect(practitionerInput({ ...good, name: '  Ann Lee ' }, 3)).toEqual({
      name: 'Ann Lee',
      level: 2,
      organisation: '',
      contact: '',
      areas: ['wales'],
      awarded_on: '2025-01-10',
      expires_on: '2028-01-09',
      version: 3,
    });
    expect(practitionerInput(good)).not.toHaveProperty('version');
    expect(practitionerDraft(practitioner())).toMatchObject({ level: '2', contact: 'ann@lee.example' });
  });

  it('says what is wrong beside each field', () => {
    expect(checkPractitioner(practitionerDraft(), today)).toEqual({
      name: 'Enter the practitioner’s name.',
      level: 'Choose the level of the accreditation.',
      areas: 'Choose at least one area, or “Across the UK”.',
      awarded_on: 'Enter the day the accreditation was awarded.',
      expires_on: 'Enter the last day of the accreditation.',
    });
    expect(checkPractitioner({ ...good, expires_on: '2024-12-31' }, today)).toEqual({ expires_on: 'Enter a day after the award, 10 Jan 2025.' });
    expect(checkPractitioner({ ...good, awarded_on: '2026-06-02' }, today)).toEqual({ awarded_on: 'Enter a day no later than today.' });
    expect(checkPractitioner({ ...good, expires_on: '2028-02-30' }, today)).toEqual({ expires_on: 'Enter a real date.' });
    expect(checkPractitioner({ ...good, contact: 'call me' }, today).contact).toMatch(/^Enter an email address/);
    expect(checkPractitioner({ ...good, contact: 'https://lee.example' }, today)).toEqual({});
  });
});

describe('the consultant form', () => {
  const good = { ...consultantDraft(), name: 'Bryn Jones', summary: 'Helps charities write their policy.', email: 'bryn@example.org', areas: ['wales'], languages: ['cy', 'en'] };

  it('starts in English and passes a good draft', () => {
    expect(consultantDraft().languages).toEqual(['en']);
    expect(checkConsultant(good)).toEqual({});
    expect(consultantInput(good, 4)).toMatchObject({ name: 'Bryn Jones', languages: ['cy', 'en'], version: 4 });
  });

  it('asks for a way to reach them, a language and a long enough summary', () => {
    expect(checkConsultant({ ...good, email: '', website: '' }).email).toBe('Give an email address or a website, so that people can reach them.');
    expect(checkConsultant({ ...good, email: '', website: 'https://bryn.example' })).toEqual({});
    expect(checkConsultant({ ...good, website: 'bryn.example' }).website).toBe('Enter the address starting https://, or leave it empty.');
    expect(checkConsultant({ ...good, languages: [] }).languages).toBe('Choose at least one language they work in.');
    expect(checkConsultant({ ...good, summary: 'Short' }).summary).toBe('Use at least 10 characters.');
    expect(checkConsultant({ ...good, languages: LANGUAGES.map((l) => l.code) }).languages).toBe('Choose at most 10 languages.');
  });
});

describe('the resource form', () => {
  const base = { ...resourceDraft(), title: 'Guide', kind: 'guidance' as const, summary: 'How to find stakeholders.' };

  it('asks for a link or a file', () => {
    expect(checkResource(base)).toEqual({ source: 'Choose whether it is a link or a file.' });
    expect(checkResource({ ...base, source: 'link' })).toEqual({ link: 'Enter the web address of the resource.' });
    expect(checkResource({ ...base, source: 'link', link: 'example.org' })).toEqual({ link: 'Enter the address starting https://.' });
    expect(checkResource({ ...base, source: 'file' })).toEqual({ file: 'Choose the file to upload.' });
    expect(checkResource({ ...base, source: 'file', file: { name: 'big.pdf', size: 11 * 1024 * 1024 } }).file).toMatch(/over 10 MB/);
    expect(checkResource({ ...base, source: 'file', file: { name: 'empty.pdf', size: 0 } }).file).toMatch(/empty/);
    expect(checkResource({ ...base, source: 'file', current_file: 'guide.pdf' })).toEqual({});
  });

  it('sends a link, a new file, or neither to keep its file', () => {
    expect(resourceInput({ ...base, source: 'link', link: ' https://example.org/guide ' }, null)).toEqual({
      title: 'Guide',
      kind: 'guidance',
      summary: 'How to find stakeholders.',
      schemes: [],
      criteria: [],
      link: 'https://example.org/guide',
    });
    expect(resourceInput({ ...base, source: 'file', file: { name: 'g.pdf', size: 3 } }, 'JVBE', 2)).toMatchObject({ file: { name: 'g.pdf', base64: 'JVBE' }, version: 2 });
    const keep = resourceInput({ ...resourceDraft(resource()) }, null, 2);
    expect(keep).not.toHaveProperty('file');
    expect(keep).not.toHaveProperty('link');
    expect(resourceDraft(resource({ link: 'https://example.org' }))).toMatchObject({ source: 'link', current_file: '' });
  });

  it('names the field of a path the server gives', () => {
    expect(fieldOfPath('file.base64')).toBe('file');
    expect(fieldOfPath('$.areas[2]')).toBe('areas');
    expect(fieldOfPath('expires_on')).toBe('expires_on');
  });
});
