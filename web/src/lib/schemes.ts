// Certification schemes for people: which scheme is which (two forms of the
// Social Value Quality Mark share a name), what each asks for in plain words,
// what changed between two versions, and where in a scheme file a problem is.
// The API (GET /schemes) gives levels, stages, criteria, fees and validity;
// ids, criterion codes and file paths stay in here and are never shown.
import type { Scheme, SchemeCriterion, SchemeLevel } from '../api';
import { formatPrice } from './format';
import { SIZE_BANDS, SIZE_BAND_LABEL } from './labels';

export type SizeBandKey = (typeof SIZE_BANDS)[number];

/** One entry per scheme id, its newest version, in the order the API lists them. */
export function latestSchemes(schemes: readonly Scheme[]): Scheme[] {
  const newest = new Map<string, Scheme>();
  for (const s of schemes) {
    const seen = newest.get(s.id);
    if (!seen || s.version > seen.version) newest.set(s.id, s);
  }
  return [...newest.values()];
}

/** Every published version of each scheme, newest first; schemes in the order the API lists them. */
export function schemeVersions(schemes: readonly Scheme[]): { latest: Scheme; versions: Scheme[] }[] {
  const byId = new Map<string, Scheme[]>();
  for (const s of schemes) byId.set(s.id, [...(byId.get(s.id) ?? []), s]);
  return [...byId.values()].map((versions) => {
    const sorted = [...versions].sort((a, b) => b.version - a.version);
    return { latest: sorted[0], versions: sorted };
  });
}

export function levelsInOrder(scheme: Pick<Scheme, 'levels'>): SchemeLevel[] {
  return [...scheme.levels].sort((a, b) => a.number - b.number);
}

export function criteriaOf(level: SchemeLevel): (SchemeCriterion & { stage: string })[] {
  return level.stages.flatMap((st) => st.criteria.map((c) => ({ ...c, stage: st.name })));
}

export function criteriaCount(scheme: Pick<Scheme, 'levels'>): number {
  return scheme.levels.reduce((n, l) => n + criteriaOf(l).length, 0);
}

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** "three levels", "one stage", "14 criteria". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${NUMBER_WORDS[n] ?? n} ${n === 1 ? noun : plural}`;
}

export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a, b and c"; "Jobs and skills; Food and nutrition" when an item has an "and" of its own. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  if (items.some((item) => / and /.test(item))) return items.join('; ');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The stage names a scheme's levels are assessed across, in order of first appearance. */
export function stagesOf(scheme: Pick<Scheme, 'levels'>): { names: string[]; same: boolean } {
  const names: string[] = [];
  for (const level of levelsInOrder(scheme)) for (const st of level.stages) if (!names.includes(st.name)) names.push(st.name);
  const same = scheme.levels.every((l) => l.stages.length === names.length);
  return { names, same };
}

/** "Social Value Quality Mark (Bronze to Platinum)" → "Social Value Quality Mark". */
export function baseName(name: string): string {
  return name.replace(/\s*\([^)]*\)\s*$/, '').trim();
}

/** "Bronze to Platinum": a scheme's levels from first to last. */
export function levelSpan(scheme: Pick<Scheme, 'levels'>): string {
  const levels = levelsInOrder(scheme);
  if (levels.length === 0) return 'no levels';
  if (levels.length === 1) return levels[0].name;
  return `${levels[0].name} to ${levels[levels.length - 1].name}`;
}

/** The other schemes of the list that share this one's name (the forms of one scheme). */
export function twinsOf(scheme: Scheme, all: readonly Scheme[]): Scheme[] {
  const base = baseName(scheme.name);
  return latestSchemes(all).filter((o) => o.id !== scheme.id && baseName(o.name) === base);
}

/**
 * The name to list a scheme by: its own, with the span of its levels added
 * when another scheme shares the name and this one's says nothing more
 * ("Social Value Quality Mark (Pledges to Organisation-wide)").
 */
export function schemeLabel(scheme: Scheme, all: readonly Scheme[]): string {
  if (twinsOf(scheme, all).length === 0 || scheme.name !== baseName(scheme.name)) return scheme.name;
  return `${scheme.name} (${levelSpan(scheme)})`;
}

/** Who checks the levels, in words. */
export function checkingInWords(scheme: Pick<Scheme, 'levels'>): string {
  const levels = levelsInOrder(scheme);
  const self = levels.filter((l) => !l.verified);
  if (levels.length === 0) return 'The scheme has no levels yet.';
  if (self.length === 0) return 'An assessor of the certifying body checks the evidence for every level.';
  if (self.length === levels.length) return 'Every level is self-declared: no assessor reviews the evidence.';
  const names = listInWords(self.map((l) => `level ${l.number} (${l.name})`));
  return `${sentenceCase(names)} ${self.length === 1 ? 'is' : 'are'} self-declared; an assessor of the certifying body checks the evidence for the others.`;
}

/** How the stages spread over the levels, in words. */
export function stagesInWords(scheme: Pick<Scheme, 'levels'>): string {
  const levels = levelsInOrder(scheme);
  const { names, same } = stagesOf(scheme);
  if (names.length === 0) return 'No criteria are set yet.';
  if (same) return `Every level is assessed across the same ${count(names.length, 'stage')}: ${listInWords(names)}.`;
  const sets = levels.map((l) => l.stages.map((s) => s.name));
  const growing = sets.every((set, i) => i === 0 || sets[i - 1].every((n) => set.includes(n)));
  if (growing) {
    const parts = levels.map((l, i) => `${sets[i].length === names.length ? `all ${NUMBER_WORDS[names.length] ?? names.length}` : NUMBER_WORDS[sets[i].length] ?? sets[i].length} at ${l.name}`);
    return `Each level takes in more of its ${count(names.length, 'stage')} (${listInWords(names)}): ${listInWords(parts)}.`;
  }
  return `The levels are assessed across ${count(names.length, 'stage')} in all (${listInWords(names)}), each level on the stages that fit it.`;
}


/** A scheme in a sentence or two: what it is for, how its levels build up and who checks them. */
export function schemeSummary(scheme: Scheme): string {
  // The scheme file's own summary; a scheme without one is described from its data.
  if (scheme.summary.trim()) return scheme.summary.trim();
  const levels = levelsInOrder(scheme);
  const shape = levels.length > 1 ? `, from ${levelSpan(scheme)}` : levels.length === 1 ? `: ${levels[0].name}` : '';
  return `${sentenceCase(count(levels.length, 'level'))}${shape}. ${checkingInWords(scheme)}`;
}

/** Fees per size band in words: "£500.00 to £1,250.00 a level, plus VAT at 20 %". */
export function feeRange(scheme: Pick<Scheme, 'fees'>): string {
  const values = SIZE_BANDS.map((b) => scheme.fees.per_level_or_renewal[b]).filter((v) => typeof v === 'number');
  if (values.length === 0) return 'Fees are not set.';
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const range = lo === hi ? formatPrice(lo, scheme.fees.currency) : `${formatPrice(lo, scheme.fees.currency)} to ${formatPrice(hi, scheme.fees.currency)}`;
  return `${range} a level or renewal, by the size of the organisation, plus VAT at ${scheme.fees.vat_percent} %`;
}

export function validityInWords(months: number): string {
  if (months % 12 === 0) return `${months} months (${count(months / 12, 'year')})`;
  return `${months} months`;
}

/** One row of the comparison of two forms of a scheme. */
export interface FormRow {
  aspect: string;
  /** One value per form, or `same` when every form says the same. */
  values: string[];
  same?: string;
}

/** How the forms of one scheme differ, row by row, for a table with a column per form. */
export function compareForms(forms: readonly Scheme[]): FormRow[] {
  const fees = forms.map((s) => feeRange(s));
  const validity = forms.map((s) => validityInWords(s.validity_months));
  const rows: FormRow[] = [
    { aspect: 'Levels', values: forms.map((s) => listInWords(levelsInOrder(s).map((l) => l.name))) },
    { aspect: 'Who checks the evidence', values: forms.map((s) => checkingInWords(s)) },
    { aspect: 'What the levels are judged on', values: forms.map((s) => stagesInWords(s)) },
    { aspect: 'Criteria in all', values: forms.map((s) => `${criteriaCount(s)}`) },
  ];
  rows.push({ aspect: 'Fees', values: fees, same: fees.every((f) => f === fees[0]) ? fees[0] : undefined });
  rows.push({ aspect: 'An award lasts', values: validity, same: validity.every((v) => v === validity[0]) ? validity[0] : undefined });
  return rows;
}

/** The schemes that come in more than one form (share a name), with their forms. */
export function schemeFamilies(schemes: readonly Scheme[]): { name: string; forms: Scheme[] }[] {
  const latest = latestSchemes(schemes);
  const families = new Map<string, Scheme[]>();
  for (const s of latest) families.set(baseName(s.name), [...(families.get(baseName(s.name)) ?? []), s]);
  return [...families.entries()].filter(([, forms]) => forms.length > 1).map(([name, forms]) => ({ name, forms }));
}

// ---- Comparing two versions

export interface SchemeChange {
  /** The change in a sentence. */
  text: string;
  /** For reworded text: what it said, and what it says now. */
  before?: string;
  after?: string;
}

export interface ChangeGroup {
  title: string;
  changes: SchemeChange[];
}

/** The first words of a long text, for naming a criterion. */
export function shorten(text: string, max = 80): string {
  const t = text.trim();
  if (t.length <= max) return t;
  return `${t.slice(0, max).replace(/\s+\S*$/, '')}…`;
}

function quote(text: string): string {
  return text.trim() ? `“${shorten(text)}”` : 'a criterion without text';
}

function levelTitle(l: SchemeLevel): string {
  return l.name.trim() ? `Level ${l.number}: ${l.name}` : `Level ${l.number}`;
}

/**
 * What changed from `before` to `after` (two versions of one scheme), grouped
 * as "the scheme as a whole" and one group per level, in words. Criteria are
 * matched by their code within a level; the code is never shown.
 */
export function diffSchemes(before: Scheme, after: Scheme): ChangeGroup[] {
  const whole: SchemeChange[] = [];
  if (before.name !== after.name) whole.push({ text: `The scheme is now called “${after.name}” (it was “${before.name}”).` });
  if (before.validity_months !== after.validity_months)
    whole.push({ text: `An award now lasts ${validityInWords(after.validity_months)}, instead of ${validityInWords(before.validity_months)}.` });
  if (before.fees.currency !== after.fees.currency)
    whole.push({ text: `Fees are now charged in ${currencyName(after.fees.currency)}, instead of ${currencyName(before.fees.currency)}.` });
  for (const band of SIZE_BANDS) {
    const a = before.fees.per_level_or_renewal[band];
    const b = after.fees.per_level_or_renewal[band];
    if (a !== b)
      whole.push({
        text: `The fee for a ${SIZE_BAND_LABEL[band].toLowerCase()} organisation is now ${formatPrice(b, after.fees.currency)} a level or renewal, instead of ${formatPrice(a, before.fees.currency)}.`,
      });
  }
  if (before.fees.vat_percent !== after.fees.vat_percent)
    whole.push({ text: `VAT is now charged at ${after.fees.vat_percent} %, instead of ${before.fees.vat_percent} %.` });
  if (before.pass_mark_percent !== after.pass_mark_percent)
    whole.push({ text: `A level now passes with ${after.pass_mark_percent} % of its criteria met, instead of ${before.pass_mark_percent} %.` });
  if ((before.terms ?? null) !== (after.terms ?? null))
    whole.push({ text: after.terms ? 'Applicants accept new terms and conditions.' : 'Applicants no longer accept terms and conditions.' });
  if ((before.appeal_working_days ?? 0) !== (after.appeal_working_days ?? 0))
    whole.push({
      text:
        after.appeal_working_days > 0
          ? `A decision can now be appealed within ${after.appeal_working_days} working days${before.appeal_working_days > 0 ? `, instead of ${before.appeal_working_days}` : ''}.`
          : 'Decisions can no longer be appealed.',
    });
  if (before.results_due_days !== after.results_due_days)
    whole.push({ text: `Results are now due ${after.results_due_days} days after a complete submission, instead of ${before.results_due_days}.` });
  if (Boolean(before.preparation_call) !== Boolean(after.preparation_call))
    whole.push({
      text: after.preparation_call
        ? 'An organisation now holds a preparation call with the Assurance Manager before it submits an application.'
        : 'A preparation call with the Assurance Manager is no longer needed before submitting.',
    });
  if (before.summary.trim() !== after.summary.trim() && after.summary.trim()) whole.push({ text: `The scheme is now described as: “${after.summary.trim()}”` });

  const groups: ChangeGroup[] = [];
  const oldLevels = new Map(before.levels.map((l) => [l.number, l]));
  const newLevels = new Map(after.levels.map((l) => [l.number, l]));
  for (const l of levelsInOrder(after)) {
    if (!oldLevels.has(l.number)) whole.push({ text: `Level ${l.number}, ${l.name}, is new, with ${count(criteriaOf(l).length, 'criterion', 'criteria')}.` });
  }
  for (const l of levelsInOrder(before)) {
    if (!newLevels.has(l.number)) whole.push({ text: `Level ${l.number}, ${l.name}, has been removed.` });
  }
  if (whole.length > 0) groups.push({ title: 'The scheme as a whole', changes: whole });

  for (const l of levelsInOrder(after)) {
    const old = oldLevels.get(l.number);
    if (!old) continue;
    const changes: SchemeChange[] = [];
    if (old.name !== l.name)
      changes.push({ text: l.name.trim() ? `The level is now called “${l.name}” (it was “${old.name}”).` : `The level has no name now (it was “${old.name}”).` });
    if (old.min_pledges !== l.min_pledges)
      changes.push({
        text: l.min_pledges > 0 ? `An application now gives at least ${count(l.min_pledges, 'pledge')} as evidence${old.min_pledges > 0 ? ` (it was ${old.min_pledges})` : ''}.` : 'An application no longer needs pledges as evidence.',
      });
    if (old.verified !== l.verified)
      changes.push({
        text: l.verified
          ? 'An assessor now checks the evidence for this level (it was self-declared).'
          : 'This level is now self-declared: no assessor checks its evidence (an assessor used to).',
      });
    const oldStages = old.stages.map((s) => s.name);
    const newStages = l.stages.map((s) => s.name);
    for (const s of newStages) if (!oldStages.includes(s)) changes.push({ text: `The stage “${s}” is new at this level.` });
    for (const s of oldStages) if (!newStages.includes(s)) changes.push({ text: `The stage “${s}” is no longer part of this level.` });

    const oldCriteria = new Map(criteriaOf(old).map((c) => [c.id, c]));
    const newCriteria = criteriaOf(l);
    const kept = new Set(newCriteria.map((c) => c.id));
    for (const c of newCriteria) {
      const was = oldCriteria.get(c.id);
      if (!was) {
        changes.push({ text: `New criterion in ${c.stage}: ${quote(c.text)}` });
        continue;
      }
      if (was.stage !== c.stage) changes.push({ text: `The criterion ${quote(c.text)} moved from ${was.stage} to ${c.stage}.` });
      if (was.text !== c.text) changes.push({ text: `A criterion in ${c.stage} was reworded.`, before: was.text || 'No text.', after: c.text || 'No text.' });
      if ((was.evidence_guidance ?? '') !== (c.evidence_guidance ?? ''))
        changes.push({
          text: `The evidence asked for under ${quote(c.text)} changed.`,
          before: was.evidence_guidance || 'No guidance.',
          after: c.evidence_guidance || 'No guidance.',
        });
    }
    for (const c of criteriaOf(old)) if (!kept.has(c.id)) changes.push({ text: `Criterion removed from ${c.stage}: ${quote(c.text)}` });
    if (changes.length > 0) groups.push({ title: levelTitle(l), changes });
  }
  return groups;
}

function currencyName(code: string): string {
  try {
    return new Intl.DisplayNames('en-GB', { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}

// ---- Scheme files (the data/schemes format) and the server's problems with them

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * A scheme file read as the API shows a scheme, to preview what publishing it
 * would change; null when it is too far from the format to read. The server
 * checks the file itself when it is published.
 */
export function schemeFromFile(file: unknown): Scheme | null {
  if (!isObject(file) || !Array.isArray(file.levels)) return null;
  const stageOrder = Array.isArray(file.stages) ? file.stages.map(str) : [];
  const fees = isObject(file.fees_pence) ? file.fees_pence : {};
  const perBand = Object.fromEntries(
    SIZE_BANDS.map((b) => [b, typeof fees[b] === 'number' ? (fees[b] as number) / 100 : Number.NaN]),
  ) as Record<SizeBandKey, number>;
  const levels: SchemeLevel[] = file.levels.filter(isObject).map((l, i) => {
    const criteria = (Array.isArray(l.criteria) ? l.criteria : []).filter(isObject);
    const names = [...stageOrder];
    for (const c of criteria) if (!names.includes(str(c.stage))) names.push(str(c.stage));
    const stages = names
      .map((name) => ({
        name,
        criteria: criteria
          .filter((c) => str(c.stage) === name)
          .map((c) => ({ id: str(c.id), text: str(c.text), evidence_guidance: str(c.evidence_guidance) })),
      }))
      .filter((s) => s.criteria.length > 0);
    return {
      number: typeof l.number === 'number' ? l.number : i + 1,
      name: str(l.name),
      verified: l.verified !== false,
      min_pledges: typeof l.min_pledges === 'number' ? l.min_pledges : 0,
      evidence_guidance: str(l.evidence_guidance),
      stages,
    };
  });
  const num = (v: unknown, fallback: number) => (typeof v === 'number' ? v : fallback);
  return {
    id: str(file.id),
    name: str(file.name),
    version: num(file.version, 0),
    summary: str(file.summary),
    owner: str(file.owner),
    published: str(file.published) || null,
    pass_mark_percent: num(file.pass_mark_percent, 100),
    results_due_days: num(file.results_due_days, 21),
    appeal_working_days: num(file.appeal_working_days, 0),
    terms: str(file.terms) || null,
    preparation_call: file.preparation_call === true,
    sign_off: (Array.isArray(file.sign_off) ? file.sign_off : []).filter((r): r is 'lead' | 'senior_leader' => r === 'lead' || r === 'senior_leader'),
    validity_months: typeof file.validity_months === 'number' ? file.validity_months : 0,
    fees: { currency: str(file.currency) || 'GBP', vat_percent: typeof file.vat_percent === 'number' ? file.vat_percent : 0, per_level_or_renewal: perBand },
    levels,
  };
}

const FILE_FIELDS: Record<string, string> = {
  id: 'The scheme’s identifier',
  name: 'The scheme’s name',
  version: 'The version number',
  published: 'The date published',
  owner: 'The scheme owner',
  source: 'The source',
  currency: 'The currency',
  fees_pence: 'The fees',
  vat_percent: 'The VAT rate',
  validity_months: 'How long an award lasts',
  results_due_days: 'The days until results are due',
  appeal_working_days: 'The working days allowed for an appeal',
  terms: 'The terms and conditions',
  pass_mark_percent: 'The pass mark',
  sign_off: 'Who signs off',
  preparation_call: 'Whether a preparation call is needed',
  stages: 'The stages',
  levels: 'The levels',
};
const LEVEL_FIELDS: Record<string, string> = {
  number: 'its number',
  name: 'its name',
  verified: 'whether an assessor checks it',
  min_pledges: 'the pledges it needs',
  evidence_guidance: 'its evidence guidance',
  criteria: 'its criteria',
};
const CRITERION_FIELDS: Record<string, string> = {
  id: 'its code',
  stage: 'its stage',
  text: 'its text',
  evidence_guidance: 'its evidence guidance',
};

function ordinalPart(n: number, noun: string, named: string): string {
  return `${noun} ${n + 1}${named.trim() ? ` “${shorten(named, 60)}”` : ''}`;
}

/**
 * Where in a scheme file a problem is, in words: "levels[0].criteria[3].text"
 * → "Level 1 “Commit”, criterion 4 “The organisation has planned how…”, its
 * text". `file` is the file as sent, to name levels and criteria.
 */
export function describeFilePath(path: string, file: unknown): string {
  if (!path || path === '$') return 'The file';
  const parts: (string | number)[] = [];
  for (const m of path.replace(/^\$\.?/, '').matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  const [top, ...rest] = parts;
  const f = isObject(file) ? file : {};
  if (top === 'fees_pence' && typeof rest[0] === 'string') {
    const band = rest[0] as SizeBandKey;
    return band in SIZE_BAND_LABEL ? `The fee for a ${SIZE_BAND_LABEL[band].toLowerCase()} organisation` : `The fees, “${band}”`;
  }
  if (top === 'sign_off' && typeof rest[0] === 'number') return `Who signs off, entry ${rest[0] + 1}`;
  if (top === 'stages' && typeof rest[0] === 'number') {
    const stages = Array.isArray(f.stages) ? f.stages : [];
    return ordinalPart(rest[0], 'Stage', str(stages[rest[0]]));
  }
  if (top === 'levels' && typeof rest[0] === 'number') {
    const levels = Array.isArray(f.levels) ? f.levels : [];
    const level = isObject(levels[rest[0]]) ? (levels[rest[0]] as Json) : {};
    const words = [ordinalPart(rest[0], 'Level', str(level.name))];
    if (rest[1] === 'criteria' && typeof rest[2] === 'number') {
      const criteria = Array.isArray(level.criteria) ? level.criteria : [];
      const c = isObject(criteria[rest[2]]) ? (criteria[rest[2]] as Json) : {};
      words.push(ordinalPart(rest[2], 'criterion', str(c.text)));
      if (typeof rest[3] === 'string') words.push(CRITERION_FIELDS[rest[3]] ?? `its “${rest[3]}”`);
    } else if (typeof rest[1] === 'string') {
      words.push(LEVEL_FIELDS[rest[1]] ?? `its “${rest[1]}”`);
    }
    return words.join(', ');
  }
  if (typeof top === 'string' && top in FILE_FIELDS) return FILE_FIELDS[top];
  const words = parts.map((p) => (typeof p === 'number' ? `entry ${p + 1}` : `“${p.replace(/_/g, ' ')}”`)).join(', ');
  return `The part ${words} of the file`;
}

/** Every criterion code of a scheme file with its text, to name criteria in messages. */
export function criterionTexts(file: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!isObject(file) || !Array.isArray(file.levels)) return out;
  for (const l of file.levels.filter(isObject))
    for (const c of (Array.isArray(l.criteria) ? l.criteria : []).filter(isObject)) if (str(c.id) && !out.has(str(c.id))) out.set(str(c.id), str(c.text));
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Values a scheme file holds as codes, as people name them. */
const FILE_VALUES: Record<string, string> = {
  lead: 'the Social Value Lead',
  senior_leader: 'the Senior Leader',
  small: 'small',
  medium: 'medium',
  large: 'large',
  very_large: 'very large',
};

/**
 * The server's message about a scheme file, to follow the place in words: in
 * lower case after the colon, with scheme ids and criterion codes replaced by
 * names and quoted codes by words.
 */
export function describeFileMessage(message: string, schemeNames: ReadonlyMap<string, string>, criteria: ReadonlyMap<string, string> = new Map()): string {
  let m = message;
  for (const [code, text] of criteria) {
    if (!code) continue;
    m = m.replace(new RegExp(`(^|[^\\w.-])"?${escape(code)}"?(?![\\w.-])`, 'g'), `$1the criterion “${shorten(text || 'without text', 60)}”`);
  }
  for (const [id, name] of schemeNames) {
    if (!id || !name) continue;
    m = m.replace(new RegExp(`(^|[^\\w.-])"?${escape(id)}"?(?![\\w.-])`, 'g'), `$1the ${name}`);
  }
  m = m.replace(/"([a-z]+(?:_[a-z]+)*)"/g, (all, v: string) => (v in FILE_VALUES ? FILE_VALUES[v] : all));
  return /^[A-Z][a-z]/.test(m) ? m.charAt(0).toLowerCase() + m.slice(1) : m;
}
