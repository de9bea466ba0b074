import { describe, expect, it } from 'vitest';
import {
  asName,
  axisWords,
  chartWords,
  formatBenchmarkValue,
  groupBasisWords,
  organisationsWords,
  positionOn,
  rangeWords,
  scaleFor,
  sharedReason,
  shownWords,
  splitMetrics,
  standingWords,
  validateRegion,
  type BenchmarkGroupLike,
} from './benchmarks';

const shown = (p25: number, median: number, p75: number, extra: Partial<BenchmarkGroupLike> = {}): BenchmarkGroupLike => ({
  n: 12,
  shown: true,
  as_of: '2026-12-03',
  p25,
  median,
  p75,
  own_rank: 50,
  ...extra,
});
const withheld: BenchmarkGroupLike = { n: 3, shown: false, as_of: null, p25: null, median: null, p75: null, own_rank: null };

describe('a figure by its unit', () => {
  it('shows a score out of 100, whole', () => {
    expect(formatBenchmarkValue(49.107142857142854, 'score')).toBe('49 / 100');
    expect(formatBenchmarkValue(72, 'score')).toBe('72 / 100');
  });

  it('shows a survey share as a whole percentage', () => {
    expect(formatBenchmarkValue(63.6, 'percent')).toBe('64%');
    expect(rangeWords(40, 75.5, 'percent')).toBe('40% to 76%');
  });

  it('shows the SROI ratio as the impact map does', () => {
    expect(formatBenchmarkValue(2.5650437233858217, 'ratio')).toBe('2.57 : 1');
    expect(formatBenchmarkValue(3.2, 'ratio')).toBe('3.20 : 1');
  });

  it('shows a level, and a median between two levels with its half', () => {
    expect(formatBenchmarkValue(2, 'level')).toBe('Level 2');
    expect(formatBenchmarkValue(1.5, 'level')).toBe('Level 1.5');
  });

  it('shows days whole, one day as one', () => {
    expect(formatBenchmarkValue(142.4, 'days')).toBe('142 days');
    expect(formatBenchmarkValue(1, 'days')).toBe('1 day');
    expect(formatBenchmarkValue(0, 'days')).toBe('0 days');
    expect(formatBenchmarkValue(1200, 'days')).toBe('1,200 days');
  });

  it('shows a dash for no figure, and a plain number for no unit', () => {
    expect(formatBenchmarkValue(null, 'score')).toBe('—');
    expect(formatBenchmarkValue(Number.NaN, 'ratio')).toBe('—');
    expect(formatBenchmarkValue(12.345, '')).toBe('12.3');
  });

  it('shows a range between its quartiles', () => {
    expect(rangeWords(45, 70.4, 'score')).toBe('45 / 100 to 70 / 100');
    expect(rangeWords(null, 70, 'score')).toBe('—');
  });
});

describe('where the organisation stands', () => {
  it('says higher or lower than about a share of the group, to the nearest 5%', () => {
    expect(standingWords(91, 'score')).toBe('Higher than about 90% of the group');
    expect(standingWords(62.5, 'ratio')).toBe('Higher than about 65% of the group');
    expect(standingWords(24, 'score')).toBe('Lower than about 75% of the group');
  });

  it('says the middle when near it', () => {
    expect(standingWords(50, 'score')).toBe('About the middle of the group');
    expect(standingWords(41, 'level')).toBe('About the middle of the group');
  });

  it('says all or nearly all at either end', () => {
    expect(standingWords(99, 'score')).toBe('Higher than all or nearly all of the group');
    expect(standingWords(1, 'score')).toBe('Lower than all or nearly all of the group');
  });

  it('says longer or shorter for days', () => {
    expect(standingWords(80, 'days')).toBe('Longer than about 80% of the group');
    expect(standingWords(10, 'days')).toBe('Shorter than about 90% of the group');
  });

  it('says nothing without a rank', () => {
    expect(standingWords(null, 'score')).toBeNull();
  });
});

describe('a group in words', () => {
  it('counts organisations', () => {
    expect(organisationsWords(1)).toBe('1 organisation');
    expect(organisationsWords(1234)).toBe('1,234 organisations');
  });

  it('gives the group’s size and date', () => {
    expect(groupBasisWords({ n: 12, as_of: '2026-12-03' })).toBe('12 organisations, figures as of 3 Dec 2026');
    expect(groupBasisWords({ n: 1, as_of: null })).toBe('1 organisation');
  });

  it('describes the chart for a screen reader', () => {
    expect(chartWords(shown(45, 60, 70), 49.1, 'score')).toBe(
      'The middle half of the group is from 45 / 100 to 70 / 100 and its median is 60 / 100; yours is 49 / 100.',
    );
    expect(chartWords(shown(1.5, 2.5, 3), null, 'ratio')).toBe(
      'The middle half of the group is from 1.50 : 1 to 3.00 : 1 and its median is 2.50 : 1; you have no figure of your own.',
    );
    expect(chartWords(withheld, 10, 'score')).toBe('Not shown.');
  });

  it('counts the groups shown', () => {
    expect(shownWords([withheld, withheld])).toBe('No group shown yet');
    expect(shownWords([shown(1, 2, 3), withheld, withheld])).toBe('1 of 3 groups shown');
  });

  it('says a reason shared by the groups withheld once', () => {
    const few = { withheld_reason: 'Fewer than 5 organisations contribute this figure in this group, so it is not shown' };
    const close = { withheld_reason: 'This group differs from "All contributors" by fewer than 5 organisations' };
    expect(sharedReason([few, few, few])).toBe(
      'For each of these groups: fewer than 5 organisations contribute this figure in this group, so it is not shown.',
    );
    expect(sharedReason([few, close])).toBeNull();
    expect(sharedReason([few])).toBeNull();
  });

  it('capitalises a lower-case name', () => {
    expect(asName('community development')).toBe('Community development');
    expect(asName('')).toBe('');
  });
});

describe('the scale of the charts', () => {
  it('runs from 0 to 100 for a score', () => {
    expect(scaleFor({ unit: 'score', own: 12, groups: [shown(10, 20, 30)] })).toEqual({ min: 0, max: 100 });
  });

  it('runs from 0 to a round number above the largest figure shown, own included', () => {
    expect(scaleFor({ unit: 'ratio', own: 2.57, groups: [shown(1.5, 2.5, 3.4), withheld] })).toEqual({ min: 0, max: 4 });
    expect(scaleFor({ unit: 'days', own: 420, groups: [shown(100, 150, 300)] })).toEqual({ min: 0, max: 500 });
    expect(scaleFor({ unit: 'level', own: null, groups: [withheld] })).toEqual({ min: 0, max: 1 });
  });

  it('labels the ends of the scale briefly', () => {
    expect(axisWords(100, 'score')).toBe('100');
    expect(axisWords(0, 'ratio')).toBe('0 : 1');
    expect(axisWords(2.5, 'ratio')).toBe('2.5 : 1');
    expect(axisWords(500, 'days')).toBe('500 days');
    expect(axisWords(2, 'level')).toBe('Level 2');
  });

  it('places a value on the scale, within it', () => {
    expect(positionOn(25, { min: 0, max: 100 })).toBe(25);
    expect(positionOn(150, { min: 0, max: 100 })).toBe(100);
    expect(positionOn(-1, { min: 0, max: 100 })).toBe(0);
    expect(positionOn(1, { min: 0, max: 0 })).toBe(0);
  });
});

describe('the metrics and the form', () => {
  it('puts the self-assessment by principle apart from the headline figures', () => {
    const keys = ['self_assessment', 'self_assessment:involve', 'sroi_ratio', 'certification_level:svqm', 'self_assessment:value'].map((key) => ({ key }));
    const { main, principles } = splitMetrics(keys);
    expect(main.map((m) => m.key)).toEqual(['self_assessment', 'sroi_ratio', 'certification_level:svqm']);
    expect(principles.map((m) => m.key)).toEqual(['self_assessment:involve', 'self_assessment:value']);
  });

  it('asks for a region', () => {
    expect(validateRegion('')).toBe('Choose the region your organisation works in.');
    expect(validateRegion('south_west')).toBeNull();
  });
});
