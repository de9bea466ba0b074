import { describe, expect, it } from 'vitest';
import type { Analysis, SensitivityResult } from '../../api/measure';
import { TORNADO_ROWS, closestBreakEven, forTheEditor } from './analysis';

type BreakEven = SensitivityResult['break_even'][number];
const point = (outcome: string, relative_change: number | null, break_even: number | null = 1): BreakEven => ({
  outcome,
  parameter: 'quantity',
  current: 10,
  break_even,
  relative_change,
});

describe('closestBreakEven', () => {
  it('is the point with the smallest move, either way, skipping those that cannot break even', () => {
    const points = [point('a', 0.5), point('b', -0.2), point('c', null), point('d', 0.1, null), point('e', 0.2)];
    expect(closestBreakEven(points)?.outcome).toBe('b');
  });
  it('is undefined when no estimate can take the ratio to 1 : 1', () => {
    expect(closestBreakEven([point('a', null), point('b', 0.3, null)])).toBeUndefined();
    expect(closestBreakEven([])).toBeUndefined();
  });
});

describe('forTheEditor', () => {
  it('keeps the tornado rows and the break-even point the editor shows, and everything else as it is', () => {
    const tornado = Array.from({ length: 30 }, (_, i) => ({ outcome: `o${i}`, parameter: 'quantity', ratio_low: 1, ratio_high: 2, swing: 30 - i }));
    const analysis = {
      results: { sroi_ratio: 2.5 },
      sensitivity: { base_ratio: 2.5, break_even: [point('a', 0.5), point('b', -0.2)], break_even_inputs: 3, tornado },
      montecarlo: { probability_ratio_above_1: 0.9 },
      lint: { findings: [] },
      histogram: { low: 1, high: 3, counts: [1, 2] },
    } as unknown as Analysis;
    const kept = forTheEditor(analysis);
    expect(kept.sensitivity.tornado).toEqual(tornado.slice(0, TORNADO_ROWS));
    expect(kept.sensitivity.break_even.map((b) => b.outcome)).toEqual(['b']);
    expect(kept.sensitivity.base_ratio).toBe(2.5);
    expect(kept.sensitivity.break_even_inputs).toBe(3);
    expect(kept.results).toBe(analysis.results);
    expect(kept.lint).toBe(analysis.lint);
    expect(kept.histogram).toBe(analysis.histogram);
    // The answer itself is left as it was.
    expect(analysis.sensitivity.tornado).toHaveLength(30);
  });
});
