// The impact-map grid's cells: numbers and uncertainties written as the CSV
// export writes them ("55", "40..65", "40..55..65"), fractions as
// percentages. A cell refuses what it cannot read with a sentence in the
// column's own unit, so nothing that is not a number reaches the map.
import type { Finding, MapOutcome, Uncertain } from '../../api/measure';
import { cellNumber } from './format';

/** What a cell made of the person's text: the new outcome, or why it cannot. */
export type CellResult = { outcome: MapOutcome; error?: undefined } | { error: string; outcome?: undefined };

export type Column = {
  key: string;
  label: string;
  /** What the label means, for the column's header and the cell's description. */
  hint?: string;
  /** The finding paths ("outcomes[3].<path>") that belong to this column. */
  paths: string[];
  kind: 'text' | 'number' | 'money' | 'percent' | 'integer' | 'stakeholder' | 'flag';
  /** The cell's text (for a flag: "true" or "false"). */
  get: (o: MapOutcome) => string;
  set: (o: MapOutcome, text: string) => CellResult;
};

/** An uncertainty as a cell shows it: 40..55..65, at most `decimals` decimals. */
export function formatUncertain(u: Uncertain | undefined, scale = 1, decimals = 2): string {
  if (u === undefined) return '';
  const f = (n: number) => cellNumber(n * scale, decimals);
  if (typeof u === 'number') return f(u);
  return u.mode === undefined ? `${f(u.low)}..${f(u.high)}` : `${f(u.low)}..${f(u.mode)}..${f(u.high)}`;
}

/** One number as people write it: "1,200", "£1,200", "25%", " 3 ". NaN for anything else. */
export function readNumber(text: string): number {
  const t = text.trim().replace(/^[£$€]/, '').replace(/%$/, '').replace(/,(?=\d{3}(\D|$))/g, '').trim();
  if (t === '' || !/^[-−]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return NaN;
  return Number(t.replace('−', '-'));
}

/**
 * A number or a range ("40..65", "40..55..65"; an en dash also separates),
 * divided by `scale`; null when the text is not one.
 */
export function parseUncertain(text: string, scale = 1): Uncertain | null {
  const parts = text.trim().split(/\.\.|–|\s+to\s+/);
  if (parts.length > 3) return null;
  const nums = parts.map((p) => readNumber(p) / scale);
  if (nums.some((n) => !Number.isFinite(n))) return null;
  if (nums.length === 1) return nums[0];
  if (nums.length === 2) return { low: nums[0], high: nums[1] };
  return { low: nums[0], mode: nums[1], high: nums[2] };
}

/** A representative value: the mode, or the midpoint of a uniform range. */
export function central(u: Uncertain | undefined): number {
  if (u === undefined) return 0;
  if (typeof u === 'number') return u;
  return u.mode ?? (u.low + u.high) / 2;
}

function parts(u: Uncertain): number[] {
  return typeof u === 'number' ? [u] : u.mode === undefined ? [u.low, u.high] : [u.low, u.mode, u.high];
}

/** Why a value is out of order, or null: low ≤ likely ≤ high. */
function orderError(u: Uncertain, label: string): string | null {
  const p = parts(u);
  for (let i = 1; i < p.length; i++)
    if (p[i - 1] > p[i]) return `${label}: write a range from low to high, as in ${p.length === 3 ? '40..55..65' : '40..65'}.`;
  return null;
}

type Limits = { min: number; max: number; scale: number; unit: string; example: string };

/** Reads an uncertain cell, within limits, in the column's own unit. */
export function readUncertainCell(text: string, label: string, l: Limits, empty?: number): { value: Uncertain } | { error: string } {
  const message = `${label} is ${l.unit}, or a range such as ${l.example}.`;
  if (text.trim() === '' && empty !== undefined) return { value: empty };
  const u = parseUncertain(text, l.scale);
  if (u === null) return { error: message };
  if (parts(u).some((n) => n < l.min / l.scale || n > l.max / l.scale)) return { error: message };
  const order = orderError(u, label);
  return order ? { error: order } : { value: u };
}

const big = (n: number) => n.toLocaleString('en-GB');

const QUANTITY: Limits = { min: 0, max: 1e12, scale: 1, unit: `a number from 0 to ${big(1e12)}`, example: '40..65' };
const PROXY: Limits = { min: -1e9, max: 1e9, scale: 1, unit: `an amount of money from −${big(1e9)} to ${big(1e9)}`, example: '800..1200' };
const PERCENT: Limits = { min: 0, max: 100, scale: 100, unit: 'a percentage from 0 to 100', example: '10..30' };
export const INPUT_VALUE: Limits = { min: 0, max: 1e12, scale: 1, unit: `an amount of money from 0 to ${big(1e12)}`, example: '9000..11000' };

/** A whole number from min to max, or the sentence that says so. */
export function readInteger(text: string, label: string, min: number, max: number, what = ''): { value: number } | { error: string } {
  const n = readNumber(text);
  if (!Number.isInteger(n) || n < min || n > max) return { error: `${label} is a whole number${what} from ${min} to ${big(max)}.` };
  return { value: n };
}

const uncertainColumn = (
  key: string,
  label: string,
  field: 'quantity' | 'deadweight' | 'displacement' | 'attribution' | 'drop_off',
  limits: Limits,
  hint: string,
): Column => ({
  key,
  label: limits === PERCENT ? `${label} %` : label,
  hint,
  paths: [field],
  kind: limits === PERCENT ? 'percent' : 'number',
  get: (o) => formatUncertain(o[field], limits.scale === 100 ? 100 : 1, limits.scale === 100 ? 1 : 2),
  set: (o, t) => {
    const r = readUncertainCell(t, label, limits, limits === PERCENT ? 0 : undefined);
    return 'error' in r ? { error: r.error } : { outcome: { ...o, [field]: r.value } };
  },
});

const textColumn = (key: string, label: string, paths: string[], get: (o: MapOutcome) => string, put: (o: MapOutcome, t: string) => MapOutcome, hint?: string): Column => ({
  key,
  label,
  hint,
  paths,
  kind: 'text',
  get,
  set: (o, t) => ({ outcome: put(o, t) }),
});

/** A yes/no column that is true unless the map says otherwise. */
const flagColumn = (key: 'intended' | 'material', label: string, hint: string): Column => ({
  key,
  label,
  hint,
  paths: [key],
  kind: 'flag',
  get: (o) => String(o[key] ?? true),
  set: (o, t) => ({ outcome: { ...o, [key]: t === 'true' } }),
});

/** Every column of the Value Map, in its order (docs/file-formats.md "Outcome object"). */
export const COLUMNS: Column[] = [
  {
    key: 'stakeholder',
    label: 'Stakeholder',
    paths: ['stakeholder'],
    kind: 'stakeholder',
    get: (o) => o.stakeholder,
    set: (o, t) => ({ outcome: { ...o, stakeholder: t } }),
  },
  textColumn('description', 'Outcome', ['description'], (o) => o.description ?? '', (o, t) => ({ ...o, description: t }), 'The change, in words'),
  flagColumn('intended', 'Intended', 'Untick for an unintended outcome'),
  textColumn('indicator', 'Indicator', ['indicator'], (o) => o.indicator ?? '', (o, t) => ({ ...o, indicator: t }), 'How the change is measured'),
  uncertainColumn('quantity', 'Quantity', 'quantity', QUANTITY, 'How many experience the change in a year'),
  textColumn('quantity_source', 'Quantity source', ['quantity_source'], (o) => o.quantity_source ?? '', (o, t) => ({ ...o, quantity_source: t }), 'Where the quantity comes from: a survey, records'),
  {
    key: 'sample_size',
    label: 'Sample size',
    hint: 'How many answered or were counted',
    paths: ['sample_size'],
    kind: 'integer',
    get: (o) => (o.sample_size === undefined ? '' : String(o.sample_size)),
    set: (o, t) => {
      if (t.trim() === '') {
        const next = { ...o };
        delete next.sample_size;
        return { outcome: next };
      }
      const r = readInteger(t, 'Sample size', 0, 1e10, ' of people or records');
      return 'error' in r ? { error: r.error } : { outcome: { ...o, sample_size: r.value } };
    },
  },
  {
    key: 'duration',
    label: 'Duration (years)',
    hint: 'How many years the change lasts',
    paths: ['duration_years'],
    kind: 'integer',
    get: (o) => String(o.duration_years),
    set: (o, t) => {
      const r = readInteger(t, 'Duration', 1, 50, ' of years');
      return 'error' in r ? { error: r.error } : { outcome: { ...o, duration_years: r.value } };
    },
  },
  {
    key: 'start',
    label: 'Starts in year',
    hint: '1 in the period of the activity, 2 in the period after',
    paths: ['start_year'],
    kind: 'integer',
    get: (o) => String(o.start_year ?? 1),
    set: (o, t) => {
      const r = readInteger(t, 'Starts in year', 1, 50);
      return 'error' in r ? { error: r.error } : { outcome: { ...o, start_year: r.value } };
    },
  },
  {
    key: 'proxy',
    label: 'Proxy value',
    hint: 'The value of the change for one person for one year; negative for a negative outcome',
    paths: ['proxy.value'],
    kind: 'money',
    get: (o) => formatUncertain(o.proxy.value),
    set: (o, t) => {
      const r = readUncertainCell(t, 'Proxy value', PROXY);
      return 'error' in r ? { error: r.error } : { outcome: { ...o, proxy: { ...o.proxy, value: r.value } } };
    },
  },
  textColumn('proxy_description', 'Proxy description', ['proxy.description'], (o) => o.proxy.description ?? '', (o, t) => ({ ...o, proxy: { ...o.proxy, description: t } }), 'What the value stands for'),
  textColumn('proxy_source', 'Proxy source', ['proxy.source', 'proxy'], (o) => o.proxy.source ?? '', (o, t) => ({ ...o, proxy: { ...o.proxy, source: t } }), 'Where the value comes from'),
  uncertainColumn('deadweight', 'Deadweight', 'deadweight', PERCENT, 'Share that would have happened anyway'),
  uncertainColumn('displacement', 'Displacement', 'displacement', PERCENT, 'Share that only moved value from elsewhere'),
  uncertainColumn('attribution', 'Attribution', 'attribution', PERCENT, 'Share due to others'),
  uncertainColumn('drop_off', 'Drop-off', 'drop_off', PERCENT, 'Share lost each year after the first'),
  flagColumn('material', 'Material', 'Untick to list the outcome without counting it'),
  textColumn('materiality_reason', 'Materiality reason', ['materiality_reason'], (o) => o.materiality_reason ?? '', (o, t) => ({ ...o, materiality_reason: t }), 'Why the outcome is, or is not, material'),
];

/** The row and rest of a path such as "outcomes[3].proxy.source". */
export function outcomePath(path: string): { row: number; rest: string } | null {
  const m = /^outcomes\[(\d+)\](?:\.(.*))?$/.exec(path);
  return m ? { row: Number(m[1]), rest: m[2] ?? '' } : null;
}

function columnHolds(column: Column, rest: string): boolean {
  // The longest matching path wins: "proxy.source" belongs to Proxy source, not to a column holding "proxy".
  return column.paths.some((c) => rest === c || rest.startsWith(`${c}.`)) && columnFor(rest) === column;
}

/** The column a path inside an outcome belongs to, or null. */
export function columnFor(rest: string): Column | null {
  let best: Column | null = null;
  let len = -1;
  for (const c of COLUMNS)
    for (const p of c.paths)
      if ((rest === p || rest.startsWith(`${p}.`)) && p.length > len) {
        best = c;
        len = p.length;
      }
  return best;
}

/** Findings about one cell of the grid. */
export function findingsFor(findings: Finding[], row: number, column: Column): Finding[] {
  return findings.filter((f) => {
    const p = outcomePath(f.path);
    return p !== null && p.row === row && columnHolds(column, p.rest);
  });
}

/** Findings about an outcome that no one column holds. */
export function rowFindings(findings: Finding[], row: number): Finding[] {
  return findings.filter((f) => {
    const p = outcomePath(f.path);
    return p !== null && p.row === row && columnFor(p.rest) === null;
  });
}

/** The map as CSV-safe text for download. */
export function downloadText(filename: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
