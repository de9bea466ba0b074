// Benchmarking among peers in words: a figure by its unit as the rest of the
// app shows it (the SROI ratio as "2.57 : 1"), where the organisation stands
// in a group, the group's size and date, and the scale of the small chart
// that draws a group's middle half, its median and the organisation's own.
import { formatRatio } from '../pages/measure/format';
import { formatDate } from './format';

export type BenchmarkUnit = 'score' | 'ratio' | 'level' | 'days' | 'percent' | '';

export interface BenchmarkGroupLike {
  n: number;
  shown: boolean;
  as_of: string | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  own_rank: number | null;
}

export interface BenchmarkMetricLike {
  key: string;
  unit: BenchmarkUnit;
  own: number | null;
  groups: readonly BenchmarkGroupLike[];
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Up to one decimal, none when whole: 1.5 → "1.5", 2 → "2". */
function oneDecimal(v: number): string {
  const r = Math.round(v * 10) / 10;
  return new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(r);
}

/**
 * A figure by its unit: score "49 / 100", ratio "2.57 : 1" (as the impact
 * map shows it), level "Level 2" (a median between two levels "Level 1.5"),
 * days "142 days", percent "64%"; a dash when there is none.
 */
export function formatBenchmarkValue(value: number | null | undefined, unit: BenchmarkUnit): string {
  if (!finite(value)) return '—';
  switch (unit) {
    case 'score':
      return `${Math.round(value)} / 100`;
    case 'ratio':
      return formatRatio(value);
    case 'level':
      return `Level ${oneDecimal(value)}`;
    case 'percent':
      return `${Math.round(value)}%`;
    case 'days': {
      const days = Math.round(value);
      return `${new Intl.NumberFormat('en-GB').format(days)} ${days === 1 ? 'day' : 'days'}`;
    }
    default:
      return oneDecimal(value);
  }
}

/** An end of a chart's scale, short: score "100", ratio "5 : 1", level "Level 2", days "500 days". */
export function axisWords(value: number, unit: BenchmarkUnit): string {
  switch (unit) {
    case 'score':
      return oneDecimal(value);
    case 'ratio':
      return `${oneDecimal(value)} : 1`;
    default:
      return formatBenchmarkValue(value, unit);
  }
}

/** The middle half of a group: "45 / 100 to 70 / 100". */
export function rangeWords(p25: number | null, p75: number | null, unit: BenchmarkUnit): string {
  if (!finite(p25) || !finite(p75)) return '—';
  return `${formatBenchmarkValue(p25, unit)} to ${formatBenchmarkValue(p75, unit)}`;
}

/** "1 organisation", "12 organisations". */
export function organisationsWords(n: number): string {
  return `${new Intl.NumberFormat('en-GB').format(n)} ${n === 1 ? 'organisation' : 'organisations'}`;
}

/** A group's size and date: "12 organisations, figures as of 3 Dec 2026". */
export function groupBasisWords(group: Pick<BenchmarkGroupLike, 'n' | 'as_of'>): string {
  const who = organisationsWords(group.n);
  return group.as_of ? `${who}, figures as of ${formatDate(group.as_of)}` : who;
}

/** Rounded to the nearest 5, kept within 0–100. */
const nearest5 = (v: number) => Math.max(0, Math.min(100, Math.round(v / 5) * 5));

/**
 * Where the organisation stands in a group, from the share of the group below
 * it (0–100, those equal counted half): "higher than about 90% of the group",
 * "about the middle of the group", "lower than about 75% of the group". Days
 * (to an award) are longer or shorter rather than higher or lower.
 */
export function standingWords(rank: number | null | undefined, unit: BenchmarkUnit): string | null {
  if (!finite(rank)) return null;
  const [up, down] = unit === 'days' ? ['longer', 'shorter'] : ['higher', 'lower'];
  if (rank > 40 && rank < 60) return 'About the middle of the group';
  if (rank >= 60) {
    const share = nearest5(rank);
    return share >= 100 ? `${capitalise(up)} than all or nearly all of the group` : `${capitalise(up)} than about ${share}% of the group`;
  }
  const share = nearest5(100 - rank);
  return share >= 100 ? `${capitalise(down)} than all or nearly all of the group` : `${capitalise(down)} than about ${share}% of the group`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A lower-case name from the server ("community development") as a value on its own. */
export function asName(text: string): string {
  return text ? capitalise(text) : text;
}

export interface Scale {
  min: number;
  max: number;
}

/** A round number at or above `v`: 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × a power of ten. */
function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(v));
  for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (v <= step * power) return step * power;
  return 10 * power;
}

/**
 * The scale of a metric's charts, the same for each of its groups so that
 * they compare: a score from 0 to 100; anything else from 0 to a round
 * number above the largest figure shown (own included).
 */
export function scaleFor(metric: Pick<BenchmarkMetricLike, 'unit' | 'own' | 'groups'>): Scale {
  if (metric.unit === 'score') return { min: 0, max: 100 };
  const values = [metric.own, ...metric.groups.flatMap((g) => (g.shown ? [g.p25, g.median, g.p75] : []))].filter(finite);
  const top = values.length > 0 ? Math.max(...values) : 0;
  const bottom = values.length > 0 ? Math.min(...values) : 0;
  return { min: Math.min(0, bottom), max: niceCeil(top * 1.1) };
}

/** Where a value falls on a scale, as a percentage of its width (0–100). */
export function positionOn(value: number, scale: Scale): number {
  const span = scale.max - scale.min;
  if (!(span > 0)) return 0;
  return Math.max(0, Math.min(100, ((value - scale.min) / span) * 100));
}

/**
 * The chart of a group in words, for a screen reader: "The middle half of
 * the group is from 45 / 100 to 70 / 100 and its median is 60 / 100; yours is
 * 49 / 100."
 */
export function chartWords(group: BenchmarkGroupLike, own: number | null, unit: BenchmarkUnit): string {
  if (!group.shown || !finite(group.median)) return 'Not shown.';
  const parts = [`The middle half of the group is from ${rangeWords(group.p25, group.p75, unit)} and its median is ${formatBenchmarkValue(group.median, unit)}`];
  parts.push(finite(own) ? `yours is ${formatBenchmarkValue(own, unit)}` : 'you have no figure of your own');
  return `${parts.join('; ')}.`;
}

/**
 * The metrics in the order given, with the parts of one (the self-assessment
 * by principle, "self_assessment:…") apart from the headline figures.
 */
export function splitMetrics<M extends Pick<BenchmarkMetricLike, 'key'>>(metrics: readonly M[]): { main: M[]; principles: M[] } {
  const principles = metrics.filter((m) => m.key.startsWith('self_assessment:'));
  return { main: metrics.filter((m) => !m.key.startsWith('self_assessment:')), principles };
}

/** How many of a metric's groups are shown: "2 of 5 groups shown", "No group shown yet". */
export function shownWords(groups: readonly Pick<BenchmarkGroupLike, 'shown'>[]): string {
  const shown = groups.filter((g) => g.shown).length;
  if (shown === 0) return 'No group shown yet';
  return `${shown} of ${groups.length} ${groups.length === 1 ? 'group' : 'groups'} shown`;
}

/**
 * The reason all the groups withheld share, said once for them all ("For each
 * of these groups: fewer than 5 …"); null when there is one group or the
 * reasons differ (each group then says its own).
 */
export function sharedReason(groups: readonly { withheld_reason: string }[]): string | null {
  if (groups.length < 2) return null;
  const first = groups[0].withheld_reason;
  if (!first || groups.some((g) => g.withheld_reason !== first)) return null;
  const reason = first.charAt(0).toLowerCase() + first.slice(1);
  return `For each of these groups: ${/[.!?]$/.test(reason) ? reason : `${reason}.`}`;
}

/** The region the form says is wrong, in words. */
export function validateRegion(region: string): string | null {
  return region ? null : 'Choose the region your organisation works in.';
}
