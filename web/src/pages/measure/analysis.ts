// What the editor keeps of the live analysis of a map. The server's answer
// for a 200-outcome map is some 400 KB, four fifths of it the sensitivity of
// every estimate (a tornado row and a break-even point for each); the editor
// shows the eight widest tornado rows and the one break-even point closest to
// the current figures, so only those are kept. Pure functions: used in the
// analysis worker (analysis.worker.ts) and, without one, on the page.
import type { Analysis, SensitivityResult } from '../../api/measure';

/** The tornado chart's rows: the server sends them widest first. */
export const TORNADO_ROWS = 8;

type BreakEven = SensitivityResult['break_even'][number];

/** The estimate whose smallest move takes the ratio to 1 : 1, or undefined when none can. */
export function closestBreakEven(points: BreakEven[]): BreakEven | undefined {
  let best: BreakEven | undefined;
  for (const b of points) {
    if (b.break_even === null || b.relative_change === null) continue;
    if (best === undefined || Math.abs(b.relative_change) < Math.abs(best.relative_change!)) best = b;
  }
  return best;
}

/** The analysis with only the sensitivity the editor shows: the first tornado rows and the closest break-even point. */
export function forTheEditor(a: Analysis): Analysis {
  const closest = closestBreakEven(a.sensitivity.break_even);
  return {
    ...a,
    sensitivity: { ...a.sensitivity, tornado: a.sensitivity.tornado.slice(0, TORNADO_ROWS), break_even: closest ? [closest] : [] },
  };
}
