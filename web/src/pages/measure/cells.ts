// The impact-map grid's cells: numbers and uncertainties written as the CSV
// export writes them ("55", "40..65", "40..55..65"), fractions as percentages.
import type { Finding, MapOutcome, Uncertain } from '../../api/measure';

export type Column = {
  key: string;
  label: string;
  /** The finding paths ("outcomes[3].<path>") that belong to this column. */
  paths: string[];
  kind: 'text' | 'number' | 'percent' | 'integer';
  get: (o: MapOutcome) => string;
  set: (o: MapOutcome, text: string) => MapOutcome;
};

export function formatUncertain(u: Uncertain | undefined, scale = 1): string {
  if (u === undefined) return '';
  const f = (n: number) => String(Math.round(n * scale * 1e6) / 1e6);
  if (typeof u === 'number') return f(u);
  return u.mode === undefined ? `${f(u.low)}..${f(u.high)}` : `${f(u.low)}..${f(u.mode)}..${f(u.high)}`;
}

/** The cell's value; a cell that is not a number goes to the server as text, whose error names the field. */
export function parseUncertain(text: string, scale = 1): Uncertain | string {
  const parts = text.trim().split('..').map((p) => p.trim());
  const nums = parts.map((p) => (p === '' ? NaN : Number(p) / scale));
  if (nums.some((n) => !Number.isFinite(n)) || nums.length > 3) return text;
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

const uncertainColumn = (
  key: string,
  label: string,
  field: 'quantity' | 'deadweight' | 'displacement' | 'attribution' | 'drop_off',
  kind: 'number' | 'percent',
): Column => ({
  key,
  label,
  paths: [field],
  kind,
  get: (o) => formatUncertain(o[field], kind === 'percent' ? 100 : 1),
  set: (o, t) => ({ ...o, [field]: t.trim() === '' && kind === 'percent' ? 0 : parseUncertain(t, kind === 'percent' ? 100 : 1) }),
});

/** The Value Map's order (docs/file-formats.md "`Outcomes` (the Value Map)"): stakeholder, outcome, indicator, quantity, duration, start, proxy, deductions. */
export const COLUMNS: Column[] = [
  { key: 'stakeholder', label: 'Stakeholder', paths: ['stakeholder'], kind: 'text', get: (o) => o.stakeholder, set: (o, t) => ({ ...o, stakeholder: t }) },
  { key: 'description', label: 'Outcome', paths: ['description', 'intended'], kind: 'text', get: (o) => o.description ?? '', set: (o, t) => ({ ...o, description: t }) },
  { key: 'indicator', label: 'Indicator', paths: ['indicator'], kind: 'text', get: (o) => o.indicator ?? '', set: (o, t) => ({ ...o, indicator: t }) },
  uncertainColumn('quantity', 'Quantity', 'quantity', 'number'),
  {
    key: 'duration',
    label: 'Duration (years)',
    paths: ['duration_years'],
    kind: 'integer',
    get: (o) => String(o.duration_years),
    set: (o, t) => ({ ...o, duration_years: (Number.isInteger(Number(t)) && t.trim() !== '' ? Number(t) : t) as number }),
  },
  {
    key: 'start',
    label: 'Starts in year',
    paths: ['start_year'],
    kind: 'integer',
    get: (o) => String(o.start_year ?? 1),
    set: (o, t) => ({ ...o, start_year: (Number.isInteger(Number(t)) && t.trim() !== '' ? Number(t) : t) as number }),
  },
  {
    key: 'proxy',
    label: 'Proxy value',
    paths: ['proxy.value', 'proxy'],
    kind: 'number',
    get: (o) => formatUncertain(o.proxy.value),
    set: (o, t) => ({ ...o, proxy: { ...o.proxy, value: parseUncertain(t) as Uncertain } }),
  },
  {
    key: 'proxy_source',
    label: 'Proxy source',
    paths: ['proxy.source', 'proxy.description'],
    kind: 'text',
    get: (o) => o.proxy.source ?? '',
    set: (o, t) => ({ ...o, proxy: { ...o.proxy, source: t } }),
  },
  uncertainColumn('deadweight', 'Deadweight %', 'deadweight', 'percent'),
  uncertainColumn('displacement', 'Displacement %', 'displacement', 'percent'),
  uncertainColumn('attribution', 'Attribution %', 'attribution', 'percent'),
  uncertainColumn('drop_off', 'Drop-off %', 'drop_off', 'percent'),
];

/** The row and rest of a path such as "outcomes[3].proxy.source". */
export function outcomePath(path: string): { row: number; rest: string } | null {
  const m = /^outcomes\[(\d+)\](?:\.(.*))?$/.exec(path);
  return m ? { row: Number(m[1]), rest: m[2] ?? '' } : null;
}

/** Findings about one cell of the grid. */
export function findingsFor(findings: Finding[], row: number, column: Column): Finding[] {
  return findings.filter((f) => {
    const p = outcomePath(f.path);
    return p !== null && p.row === row && column.paths.some((c) => p.rest === c || p.rest.startsWith(`${c}.`));
  });
}

/** Findings about an outcome that no one column holds. */
export function rowFindings(findings: Finding[], row: number): Finding[] {
  return findings.filter((f) => {
    const p = outcomePath(f.path);
    return p !== null && p.row === row && !COLUMNS.some((c) => c.paths.some((x) => p.rest === x || p.rest.startsWith(`${x}.`)));
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
