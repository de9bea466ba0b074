// The support registers in words (api/support.ts): a practitioner's level
// and accreditation, a resource's file and the criteria it serves, the search
// of each register as the address's query string, and the checks of the
// administrator's three forms (the server's rules, core/support.h; the server
// stays the judge). Criteria are named by their scheme, level and stage and
// their words, never by their code.
import type { Scheme } from '../api';
import type {
  Consultant,
  ConsultantInput,
  CriterionRef,
  Practitioner,
  PractitionerInput,
  Resource,
  ResourceInput,
  ResourceKind,
  Standing,
  SupportQuery,
} from '../api/support';
import { formatDate } from './format';
import { shortCriterionText } from './labels';
import { latestSchemes, levelsInOrder, listInWords, schemeLabel } from './schemes';
import { checkRequired, collect, isEmailLike, type FieldErrors } from './validation';

// ---- Words.

/** The languages a consultant may name, as the server lists them (core/support.cpp), the UK's first. */
export const LANGUAGES: readonly { code: string; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'cy', name: 'Welsh' },
  { code: 'gd', name: 'Scottish Gaelic' },
  { code: 'ga', name: 'Irish' },
  { code: 'ar', name: 'Arabic' },
  { code: 'bn', name: 'Bengali' },
  { code: 'zh', name: 'Chinese' },
  { code: 'fr', name: 'French' },
  { code: 'de', name: 'German' },
  { code: 'gu', name: 'Gujarati' },
  { code: 'hi', name: 'Hindi' },
  { code: 'it', name: 'Italian' },
  { code: 'pl', name: 'Polish' },
  { code: 'pt', name: 'Portuguese' },
  { code: 'pa', name: 'Punjabi' },
  { code: 'ro', name: 'Romanian' },
  { code: 'so', name: 'Somali' },
  { code: 'es', name: 'Spanish' },
  { code: 'ta', name: 'Tamil' },
  { code: 'tr', name: 'Turkish' },
  { code: 'uk', name: 'Ukrainian' },
  { code: 'ur', name: 'Urdu' },
];

export const RESOURCE_KINDS: readonly ResourceKind[] = ['template', 'guidance', 'webinar', 'case_study'];
export const RESOURCE_KIND_LABEL: Record<ResourceKind, string> = {
  template: 'Template',
  guidance: 'Guidance',
  webinar: 'Webinar',
  case_study: 'Case study',
};
/** For a filter's choices: "Templates", "Case studies". */
export const RESOURCE_KIND_PLURAL: Record<ResourceKind, string> = {
  template: 'Templates',
  guidance: 'Guidance',
  webinar: 'Webinars',
  case_study: 'Case studies',
};

export const PRACTITIONER_LEVELS = [1, 2, 3] as const;

/** 2 → "Level 2 practitioner". */
export function levelInWords(level: number): string {
  return `Level ${level} practitioner`;
}

export const STANDING_LABEL: Record<Standing, string> = {
  current: 'Accredited',
  ending_soon: 'Ends soon',
  expired: 'Expired',
};

export function standingTone(s: Standing): 'success' | 'warning' | 'neutral' {
  return s === 'current' ? 'success' : s === 'ending_soon' ? 'warning' : 'neutral';
}

/** "Accredited until 9 Jan 2028", or for one that has ended "Accreditation ended 9 Jan 2025". */
export function accreditationInWords(p: Pick<Practitioner, 'standing' | 'expires_on'>): string {
  return p.standing === 'expired' ? `Accreditation ended ${formatDate(p.expires_on)}` : `Accredited until ${formatDate(p.expires_on)}`;
}

/** A size as people read it: 820 → "820 bytes", 122880 → "120 KB", 1258291 → "1.2 MB". */
export function fileSizeInWords(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Number(mb.toFixed(1))} MB`;
}

const TYPES: [RegExp, string][] = [
  [/^application\/pdf/, 'PDF'],
  [/wordprocessingml|^application\/msword/, 'Word document'],
  [/spreadsheetml|^application\/vnd\.ms-excel/, 'Excel spreadsheet'],
  [/presentationml|^application\/vnd\.ms-powerpoint/, 'PowerPoint presentation'],
  [/opendocument\.text/, 'OpenDocument text'],
  [/opendocument\.spreadsheet/, 'OpenDocument spreadsheet'],
  [/opendocument\.presentation/, 'OpenDocument presentation'],
  [/^text\/csv/, 'CSV'],
  [/^text\/markdown/, 'Text document'],
  [/^text\/plain/, 'Text document'],
  [/^image\/png/, 'PNG image'],
  [/^image\/jpeg/, 'JPEG image'],
  [/^image\/gif/, 'GIF image'],
  [/^image\/webp/, 'WebP image'],
  [/^image\/svg/, 'SVG image'],
  [/^image\//, 'Image'],
];

/** What a file is, from its media type (or its name's ending): "PDF", "Word document". */
export function fileTypeInWords(mediaType: string, fileName = ''): string {
  const type = mediaType.toLowerCase();
  for (const [re, words] of TYPES) if (re.test(type)) return words;
  const ending = /\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1];
  return ending ? `${ending.toUpperCase()} file` : 'File';
}

/** The words after a resource's download button: "PDF, 120 KB". */
export function fileInWords(r: Pick<Resource, 'media_type' | 'file_name' | 'file_bytes'>): string {
  return [fileTypeInWords(r.media_type, r.file_name), fileSizeInWords(r.file_bytes)].filter(Boolean).join(', ');
}

/** A web address's host, for a link's words: "https://www.example.org/a" → "example.org". */
export function hostOf(address: string): string {
  try {
    return new URL(address).hostname.replace(/^www\./, '');
  } catch {
    return address;
  }
}

/** Whether a contact is an email address (else a web address). */
export function isEmailContact(contact: string): boolean {
  return !/^https?:\/\//i.test(contact) && contact.includes('@');
}

/** Where a contact leads: "mailto:…" for an email address, the address itself for a website. */
export function contactHref(contact: string): string {
  return isEmailContact(contact) ? `mailto:${contact}` : contact;
}

/** Where a criterion's help is: the resources and consultants that name it. */
export function criterionHelpPath(id: string): string {
  return `/support?criterion=${encodeURIComponent(id)}`;
}

/** A criterion's scheme, level and stage: "Social Value Management Certificate · Level 1 Commit · Plan". */
export function criterionPlace(c: Pick<CriterionRef, 'scheme_name' | 'level' | 'level_name' | 'stage'>): string {
  const level = c.level_name ? `Level ${c.level} ${c.level_name}` : `Level ${c.level}`;
  return [c.scheme_name, level, c.stage].filter(Boolean).join(' · ');
}

/**
 * A criterion in words, its text cut at a word near `max` characters:
 * "Social Value Management Certificate · Level 1 Commit · Plan: A social value policy …".
 */
export function criterionInWords(c: Pick<CriterionRef, 'scheme_name' | 'level' | 'level_name' | 'stage' | 'text'>, max = 90): string {
  const text = shortCriterionText(c.text.trim(), max);
  return text ? `${criterionPlace(c)}: ${text}` : criterionPlace(c);
}

/** A criterion's stage and words, under its scheme and level: "Plan: A social value policy …". */
export function criterionInStage(c: Pick<CriterionRef, 'stage' | 'text'>, max = 110): string {
  const text = shortCriterionText(c.text.trim(), max);
  return c.stage ? `${c.stage}: ${text}` : text;
}

/**
 * Criteria grouped by their scheme and level, in the order first met, so
 * that a card names "Social Value Management Certificate · Level 1 Commit"
 * once above the stage and words of each.
 */
export function groupCriteria(criteria: readonly CriterionRef[]): { place: string; criteria: CriterionRef[] }[] {
  const groups: { place: string; criteria: CriterionRef[] }[] = [];
  for (const c of criteria) {
    const place = criterionPlace({ ...c, stage: '' });
    const group = groups.find((g) => g.place === place);
    if (group) group.criteria.push(c);
    else groups.push({ place, criteria: [c] });
  }
  return groups;
}

/** The names of a list of named codes in words: "Wales and Scotland". */
export function namesInWords(named: readonly { name: string }[]): string {
  return listInWords(named.map((n) => n.name));
}

// ---- Reading a chosen file.

/** The base64 of a data: URL (FileReader.readAsDataURL), without its "data:…;base64," prefix. */
export function stripDataUrl(dataUrl: string): string {
  const comma = dataUrl.indexOf(',');
  return dataUrl.startsWith('data:') && comma >= 0 ? dataUrl.slice(comma + 1) : dataUrl;
}

/** A file's content as base64, as the API takes it. */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(stripDataUrl(String(reader.result ?? '')));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

// ---- The public page's search, as the address's query string.

export type SupportTab = 'resources' | 'consultants' | 'practitioners';
export const SUPPORT_TABS: readonly SupportTab[] = ['resources', 'consultants', 'practitioners'];
export const SUPPORT_TAB_LABEL: Record<SupportTab, string> = {
  resources: 'Resources',
  consultants: 'Consultants',
  practitioners: 'Practitioners',
};

export interface SupportSearch {
  tab: SupportTab;
  q: string;
  /** Resources: a kind, or ''. */
  kind: string;
  /** Resources and consultants: a scheme id, or ''. */
  scheme: string;
  /** Consultants and practitioners: an area code, or ''. */
  area: string;
  /** Consultants: a language code, or ''. */
  language: string;
  /** Practitioners at this level or above; 0 for any. */
  level: number;
  /** Practitioners: those whose accreditation ended too. */
  expired: boolean;
  /** From 1. */
  page: number;
}

export function emptySearch(tab: SupportTab = 'resources'): SupportSearch {
  return { tab, q: '', kind: '', scheme: '', area: '', language: '', level: 0, expired: false, page: 1 };
}

const CODE = /^[a-z0-9][a-z0-9._-]{0,99}$/i;
const code = (value: string | null) => {
  const v = (value ?? '').trim();
  return CODE.test(v) ? v : '';
};

/** Reads a search from the query string: only the filters of its tab, anything else left out. */
export function parseSupportSearch(params: URLSearchParams): SupportSearch {
  const tab = (SUPPORT_TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as SupportTab) : 'resources';
  const s = emptySearch(tab);
  s.q = (params.get('q') ?? '').trim().slice(0, 200);
  const page = Number(params.get('page') ?? '1');
  s.page = Number.isInteger(page) && page > 1 && page <= 5000 ? page : 1;
  if (tab === 'resources') {
    const kind = params.get('kind') ?? '';
    s.kind = (RESOURCE_KINDS as readonly string[]).includes(kind) ? kind : '';
    s.scheme = code(params.get('scheme'));
  } else if (tab === 'consultants') {
    s.scheme = code(params.get('scheme'));
    s.area = code(params.get('area'));
    const language = params.get('language') ?? '';
    s.language = LANGUAGES.some((l) => l.code === language) ? language : '';
  } else {
    s.area = code(params.get('area'));
    const level = Number(params.get('level') ?? '0');
    s.level = (PRACTITIONER_LEVELS as readonly number[]).includes(level) ? level : 0;
    s.expired = params.get('expired') === 'true';
  }
  return s;
}

/** The search as a query string (without "?"): the first tab, the first page and empty filters left out. */
export function supportSearchToParams(s: SupportSearch): URLSearchParams {
  const p = new URLSearchParams();
  if (s.tab !== 'resources') p.set('tab', s.tab);
  if (s.q) p.set('q', s.q);
  if (s.kind) p.set('kind', s.kind);
  if (s.scheme) p.set('scheme', s.scheme);
  if (s.area) p.set('area', s.area);
  if (s.language) p.set('language', s.language);
  if (s.level) p.set('level', String(s.level));
  if (s.expired) p.set('expired', 'true');
  if (s.page > 1) p.set('page', String(s.page));
  return p;
}

/** What the API is asked for a search, `pageSize` entries a page. */
export function supportSearchToQuery(s: SupportSearch, pageSize: number): SupportQuery {
  return {
    q: s.q || undefined,
    kind: s.kind || undefined,
    scheme: s.scheme || undefined,
    area: s.area || undefined,
    language: s.language || undefined,
    level: s.level || undefined,
    include_expired: s.expired || undefined,
    offset: (s.page - 1) * pageSize,
    limit: pageSize,
  };
}

/** Whether anything narrows the search (words or a filter; showing the expired ones widens it). */
export function isSupportFiltered(s: SupportSearch): boolean {
  return Boolean(s.q || s.kind || s.scheme || s.area || s.language || s.level);
}

export const TAB_NOUNS: Record<SupportTab, [string, string]> = {
  resources: ['resource', 'resources'],
  consultants: ['consultant', 'consultants'],
  practitioners: ['practitioner', 'practitioners'],
};

/** The number found in words, for the live region: "3 consultants found.", "Resources 21 to 40 of 53." */
export function supportResultsInWords(tab: SupportTab, total: number, offset: number, shown: number, filtered: boolean): string {
  const [one, many] = TAB_NOUNS[tab];
  const Many = many.charAt(0).toUpperCase() + many.slice(1);
  if (total === 0) return filtered ? `No ${many} found.` : `No ${many} yet.`;
  if (shown === 0) return `No more ${many} on this page (${total} in all).`;
  if (offset === 0 && shown >= total) return `${total} ${total === 1 ? one : many}${filtered ? ' found' : ''}.`;
  return `${Many} ${offset + 1} to ${offset + shown} of ${total}${filtered ? ' found' : ''}.`;
}

// ---- Schemes and their criteria, for the forms' pickers.

export interface CriterionChoice {
  id: string;
  text: string;
}
export interface CriterionGroup {
  schemeId: string;
  scheme: string;
  levels: { title: string; stages: { name: string; criteria: CriterionChoice[] }[] }[];
}

/** Each scheme's newest version, with its criteria by level and stage, in words. */
export function criterionGroups(schemes: readonly Scheme[]): CriterionGroup[] {
  const latest = latestSchemes(schemes);
  return latest.map((s) => ({
    schemeId: s.id,
    scheme: schemeLabel(s, latest),
    levels: levelsInOrder(s).map((l) => ({
      title: l.name ? `Level ${l.number}: ${l.name}` : `Level ${l.number}`,
      stages: l.stages.map((st) => ({ name: st.name, criteria: st.criteria.map((c) => ({ id: c.id, text: c.text })) })),
    })),
  }));
}

/** The scheme a criterion belongs to, by the pickers' groups; '' when none has it. */
export function schemeOfCriterion(groups: readonly CriterionGroup[], criterionId: string): string {
  for (const g of groups) for (const l of g.levels) for (const st of l.stages) if (st.criteria.some((c) => c.id === criterionId)) return g.schemeId;
  return '';
}

/** Ticks a criterion, and its scheme with it; untick leaves the scheme. */
export function toggleCriterion(
  chosen: { criteria: readonly string[]; schemes: readonly string[] },
  groups: readonly CriterionGroup[],
  criterionId: string,
  on: boolean,
): { criteria: string[]; schemes: string[] } {
  const criteria = chosen.criteria.filter((c) => c !== criterionId);
  if (!on) return { criteria, schemes: [...chosen.schemes] };
  const scheme = schemeOfCriterion(groups, criterionId);
  const schemes = scheme && !chosen.schemes.includes(scheme) ? [...chosen.schemes, scheme] : [...chosen.schemes];
  return { criteria: [...criteria, criterionId], schemes };
}

// ---- The administrator's forms. Every check mirrors one of the server's.

export const NAME_MAX = 200;
export const LINK_MAX = 500;
export const SUMMARY_MIN = 10;
export const SUMMARY_MAX = 2000;
export const CRITERIA_MAX = 60;
export const SCHEMES_MAX = 10;
export const LANGUAGES_MAX = 10;
export const FILE_MAX_BYTES = 10 * 1024 * 1024;

const isWebAddress = (s: string) => /^https?:\/\/\S+\.\S+/i.test(s);
const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

function checkSummary(summary: string, what: string): string | undefined {
  const n = [...summary.trim()].length;
  if (n === 0) return `Say in a sentence or two ${what}.`;
  if (n < SUMMARY_MIN) return `Use at least ${SUMMARY_MIN} characters.`;
  if (n > SUMMARY_MAX) return `Use at most ${SUMMARY_MAX.toLocaleString('en-GB')} characters.`;
  return undefined;
}

function checkOptionalText(value: string, max: number): string | undefined {
  return [...value.trim()].length > max ? `Use at most ${max} characters.` : undefined;
}

/**
 * The form's field for a place the server names by its path: "$.areas[2]" →
 * "areas", "file.base64" → "file" (each list and the file are one field).
 */
export function fieldOfPath(path: string): string {
  return path.replace(/^\$\.?/, '').split(/[.[\]]+/).find((p) => p && !/^\d+$/.test(p)) ?? '';
}

/** Today as the server counts days (UTC), YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

// -- A practitioner.

export const PRACTITIONER_FIELDS = ['name', 'level', 'organisation', 'contact', 'areas', 'awarded_on', 'expires_on'] as const;
export type PractitionerField = (typeof PRACTITIONER_FIELDS)[number];

export interface PractitionerDraft {
  name: string;
  level: string;
  organisation: string;
  contact: string;
  areas: string[];
  awarded_on: string;
  expires_on: string;
}

export function practitionerDraft(p?: Practitioner): PractitionerDraft {
  return p
    ? { name: p.name, level: String(p.level), organisation: p.organisation, contact: p.contact, areas: [...p.areas], awarded_on: p.awarded_on, expires_on: p.expires_on }
    : { name: '', level: '', organisation: '', contact: '', areas: [], awarded_on: '', expires_on: '' };
}

export function checkPractitioner(d: PractitionerDraft, today: string = todayIso()): FieldErrors<PractitionerField> {
  const contact = d.contact.trim();
  const awarded = isDate(d.awarded_on);
  const expires = isDate(d.expires_on);
  return collect<PractitionerField>({
    name: checkRequired(d.name, 'the practitioner’s name', NAME_MAX),
    level: ['1', '2', '3'].includes(d.level) ? undefined : 'Choose the level of the accreditation.',
    organisation: checkOptionalText(d.organisation, NAME_MAX),
    contact:
      contact === '' || isWebAddress(contact) || isEmailLike(contact)
        ? checkOptionalText(contact, LINK_MAX)
        : 'Enter an email address, or a web address starting https://, or leave it empty.',
    areas: d.areas.length === 0 ? 'Choose at least one area, or “Across the UK”.' : undefined,
    awarded_on: !d.awarded_on
      ? 'Enter the day the accreditation was awarded.'
      : !awarded
        ? 'Enter a real date.'
        : d.awarded_on > today
          ? 'Enter a day no later than today.'
          : undefined,
    expires_on: !d.expires_on
      ? 'Enter the last day of the accreditation.'
      : !expires
        ? 'Enter a real date.'
        : awarded && d.expires_on <= d.awarded_on
          ? `Enter a day after the award, ${formatDate(d.awarded_on)}.`
          : undefined,
  });
}

export function practitionerInput(d: PractitionerDraft, version?: number): PractitionerInput {
  return {
    name: d.name.trim(),
    level: Number(d.level),
    organisation: d.organisation.trim(),
    contact: d.contact.trim(),
    areas: d.areas,
    awarded_on: d.awarded_on,
    expires_on: d.expires_on,
    ...(version ? { version } : {}),
  };
}

// -- A consultant.

export const CONSULTANT_FIELDS = ['name', 'organisation', 'summary', 'website', 'email', 'areas', 'schemes', 'languages', 'criteria'] as const;
export type ConsultantField = (typeof CONSULTANT_FIELDS)[number];

export interface ConsultantDraft {
  name: string;
  organisation: string;
  summary: string;
  website: string;
  email: string;
  areas: string[];
  schemes: string[];
  languages: string[];
  criteria: string[];
}

export function consultantDraft(k?: Consultant): ConsultantDraft {
  return k
    ? {
        name: k.name,
        organisation: k.organisation,
        summary: k.summary,
        website: k.website,
        email: k.email,
        areas: [...k.areas],
        schemes: [...k.schemes],
        languages: [...k.languages],
        criteria: [...k.criteria],
      }
    : { name: '', organisation: '', summary: '', website: '', email: '', areas: [], schemes: [], languages: ['en'], criteria: [] };
}

export function checkConsultant(d: ConsultantDraft): FieldErrors<ConsultantField> {
  const website = d.website.trim();
  const email = d.email.trim();
  return collect<ConsultantField>({
    name: checkRequired(d.name, 'the consultant’s name', NAME_MAX),
    organisation: checkOptionalText(d.organisation, NAME_MAX),
    summary: checkSummary(d.summary, 'what they help with and for whom'),
    website: website === '' || isWebAddress(website) ? checkOptionalText(website, LINK_MAX) : 'Enter the address starting https://, or leave it empty.',
    email:
      email !== '' && !isEmailLike(email)
        ? 'Enter an email address like name@example.org, or leave it empty.'
        : email === '' && website === ''
          ? 'Give an email address or a website, so that people can reach them.'
          : undefined,
    areas: d.areas.length === 0 ? 'Choose at least one area, or “Across the UK”.' : undefined,
    schemes: d.schemes.length > SCHEMES_MAX ? `Choose at most ${SCHEMES_MAX} schemes.` : undefined,
    languages:
      d.languages.length === 0 ? 'Choose at least one language they work in.' : d.languages.length > LANGUAGES_MAX ? `Choose at most ${LANGUAGES_MAX} languages.` : undefined,
    criteria: d.criteria.length > CRITERIA_MAX ? `Choose at most ${CRITERIA_MAX} criteria.` : undefined,
  });
}

export function consultantInput(d: ConsultantDraft, version?: number): ConsultantInput {
  return {
    name: d.name.trim(),
    organisation: d.organisation.trim(),
    summary: d.summary.trim(),
    website: d.website.trim(),
    email: d.email.trim(),
    areas: d.areas,
    schemes: d.schemes,
    languages: d.languages,
    criteria: d.criteria,
    ...(version ? { version } : {}),
  };
}

// -- A resource.

/** The fields of the form: the server's, and `source` (a link or a file), the form's own. */
export const RESOURCE_FIELDS = ['title', 'kind', 'summary', 'source', 'link', 'file', 'schemes', 'criteria'] as const;
export type ResourceField = (typeof RESOURCE_FIELDS)[number];

export interface ResourceDraft {
  title: string;
  kind: ResourceKind | '';
  summary: string;
  /** A link, or a file: chosen now, or the one it has. */
  source: 'link' | 'file' | '';
  link: string;
  /** The file chosen to upload, if any. */
  file: { name: string; size: number } | null;
  /** The name of the file the resource has already (when changing it). */
  current_file: string;
  schemes: string[];
  criteria: string[];
}

export function resourceDraft(r?: Resource): ResourceDraft {
  return r
    ? {
        title: r.title,
        kind: r.kind,
        summary: r.summary,
        source: r.link ? 'link' : 'file',
        link: r.link,
        file: null,
        current_file: r.link ? '' : r.file_name,
        schemes: [...r.schemes],
        criteria: [...r.criteria],
      }
    : { title: '', kind: '', summary: '', source: '', link: '', file: null, current_file: '', schemes: [], criteria: [] };
}

export function checkResource(d: ResourceDraft): FieldErrors<ResourceField> {
  const link = d.link.trim();
  return collect<ResourceField>({
    title: checkRequired(d.title, 'the title', NAME_MAX),
    kind: d.kind ? undefined : 'Choose what it is.',
    summary: checkSummary(d.summary, 'what it is and who it helps'),
    source: d.source === '' ? 'Choose whether it is a link or a file.' : undefined,
    link:
      d.source !== 'link'
        ? undefined
        : link === ''
          ? 'Enter the web address of the resource.'
          : isWebAddress(link)
            ? checkOptionalText(link, LINK_MAX)
            : 'Enter the address starting https://.',
    file:
      d.source !== 'file'
        ? undefined
        : !d.file && !d.current_file
          ? 'Choose the file to upload.'
          : d.file && d.file.size === 0
            ? 'The file is empty: choose the document to upload.'
            : d.file && d.file.size > FILE_MAX_BYTES
              ? 'The file is over 10 MB: upload a smaller one, or give a link to it.'
              : undefined,
    schemes: d.schemes.length > SCHEMES_MAX ? `Choose at most ${SCHEMES_MAX} schemes.` : undefined,
    criteria: d.criteria.length > CRITERIA_MAX ? `Choose at most ${CRITERIA_MAX} criteria.` : undefined,
  });
}

/** The draft as the API takes it: a link, or the file read as base64 (`base64`), or neither to keep its file. */
export function resourceInput(d: ResourceDraft, base64: string | null, version?: number): ResourceInput {
  const input: ResourceInput = {
    title: d.title.trim(),
    kind: d.kind as ResourceKind,
    summary: d.summary.trim(),
    schemes: d.schemes,
    criteria: d.criteria,
    ...(version ? { version } : {}),
  };
  if (d.source === 'link') input.link = d.link.trim();
  else if (d.file && base64 !== null) input.file = { name: d.file.name, base64 };
  return input;
}
