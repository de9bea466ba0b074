import { describe, expect, it } from 'vitest';
import type { Finding, MapOutcome } from '../../api/measure';
import { COLUMNS, central, findingsFor, formatUncertain, parseUncertain, rowFindings } from './cells';

describe('impact-map cells', () => {
  it('reads and writes numbers and ranges as the CSV export does', () => {
    expect(parseUncertain('55')).toBe(55);
    expect(parseUncertain('40..65')).toEqual({ low: 40, high: 65 });
    expect(parseUncertain(' 40 .. 55 .. 65 ')).toEqual({ low: 40, mode: 55, high: 65 });
    expect(formatUncertain({ low: 40, mode: 55, high: 65 })).toBe('40..55..65');
    expect(formatUncertain({ low: 0.1, high: 0.3 }, 100)).toBe('10..30');
    expect(parseUncertain('10..30', 100)).toEqual({ low: 0.1, high: 0.3 });
  });

  it('passes text that is not a number through, for the server to name the field', () => {
    expect(parseUncertain('lots')).toBe('lots');
    expect(parseUncertain('1..2..3..4')).toBe('1..2..3..4');
    expect(parseUncertain('')).toBe('');
  });

  it('uses the mode, or the midpoint of a uniform range, as the central value', () => {
    expect(central(3)).toBe(3);
    expect(central({ low: 2, high: 6 })).toBe(4);
    expect(central({ low: 2, mode: 3, high: 6 })).toBe(3);
  });

  it('sets percentages as fractions and keeps the rest of the outcome', () => {
    const o: MapOutcome = { id: 'a', stakeholder: 's', quantity: 1, duration_years: 1, proxy: { value: 5, source: 'x' } };
    const deadweight = COLUMNS.find((c) => c.key === 'deadweight')!;
    expect(deadweight.set(o, '25').deadweight).toBe(0.25);
    expect(deadweight.get({ ...o, deadweight: 0.25 })).toBe('25');
    const proxy = COLUMNS.find((c) => c.key === 'proxy')!;
    expect(proxy.set(o, '7').proxy).toEqual({ value: 7, source: 'x' });
  });

  it('puts each principles-check finding beside the cell it is about', () => {
    const f = (path: string): Finding => ({ code: 'c', principle: 3, severity: 'warning', path, message: path });
    const findings = [f('outcomes[1].proxy.source'), f('outcomes[1].deadweight'), f('outcomes[0].quantity'), f('outcomes[1].material'), f('stakeholders[0]')];
    const source = COLUMNS.find((c) => c.key === 'proxy_source')!;
    expect(findingsFor(findings, 1, source).map((x) => x.path)).toEqual(['outcomes[1].proxy.source']);
    expect(findingsFor(findings, 0, source)).toEqual([]);
    expect(rowFindings(findings, 1).map((x) => x.path)).toEqual(['outcomes[1].material']);
  });
});
