import { describe, expect, it } from 'vitest';
import type { Finding, MapOutcome } from '../../api/measure';
import { COLUMNS, central, findingsFor, formatUncertain, parseUncertain, readNumber, rowFindings } from './cells';

const o: MapOutcome = { id: 'a', stakeholder: 's', quantity: 1, duration_years: 1, proxy: { value: 5, source: 'x' } };
const col = (key: string) => COLUMNS.find((c) => c.key === key)!;

describe('impact-map cells', () => {
  it('reads and writes numbers and ranges as the CSV export does', () => {
    expect(parseUncertain('55')).toBe(55);
    expect(parseUncertain('40..65')).toEqual({ low: 40, high: 65 });
    expect(parseUncertain(' 40 .. 55 .. 65 ')).toEqual({ low: 40, mode: 55, high: 65 });
    expect(parseUncertain('40–65')).toEqual({ low: 40, high: 65 });
    expect(formatUncertain({ low: 40, mode: 55, high: 65 })).toBe('40..55..65');
    expect(formatUncertain({ low: 0.1, high: 0.3 }, 100)).toBe('10..30');
    expect(parseUncertain('10..30', 100)).toEqual({ low: 0.1, high: 0.3 });
  });

  it('reads numbers as people write them', () => {
    expect(readNumber('1,200')).toBe(1200);
    expect(readNumber('£1,200.50')).toBe(1200.5);
    expect(readNumber('25%')).toBe(25);
    expect(readNumber('-900')).toBe(-900);
    expect(readNumber('abc')).toBeNaN();
    expect(readNumber('')).toBeNaN();
    expect(readNumber('1.2.3')).toBeNaN();
  });

  it('gives null, never NaN, for text that is not a number or range', () => {
    expect(parseUncertain('lots')).toBeNull();
    expect(parseUncertain('1..2..3..4')).toBeNull();
    expect(parseUncertain('')).toBeNull();
    expect(parseUncertain('abc..5')).toBeNull();
  });

  it('shows a long stored value rounded, and keeps the stored value until the cell is edited', () => {
    const q = { ...o, quantity: 201.127297 };
    expect(col('quantity').get(q)).toBe('201.13');
    expect(q.quantity).toBe(201.127297);
  });

  it('refuses what a cell cannot read, in the column’s own unit', () => {
    expect(col('deadweight').set(o, '150').error).toBe('Deadweight is a percentage from 0 to 100, or a range such as 10..30.');
    expect(col('deadweight').set(o, 'abc').error).toBe('Deadweight is a percentage from 0 to 100, or a range such as 10..30.');
    expect(col('attribution').set(o, '-5').error).toMatch(/^Attribution is a percentage from 0 to 100/);
    expect(col('quantity').set(o, 'abc').error).toBe('Quantity is a number from 0 to 1,000,000,000,000, or a range such as 40..65.');
    expect(col('quantity').set(o, '').error).toMatch(/^Quantity is a number/);
    expect(col('quantity').set(o, '65..40').error).toBe('Quantity: write a range from low to high, as in 40..65.');
    expect(col('proxy').set(o, 'ten pounds').error).toMatch(/^Proxy value is an amount of money from −1,000,000,000 to 1,000,000,000/);
    expect(col('duration').set(o, '2.5').error).toBe('Duration is a whole number of years from 1 to 50.');
    expect(col('duration').set(o, '0').error).toBe('Duration is a whole number of years from 1 to 50.');
    expect(col('start').set(o, 'x').error).toBe('Starts in year is a whole number from 1 to 50.');
    expect(col('sample_size').set(o, '12.5').error).toBe('Sample size is a whole number of people or records from 0 to 10,000,000,000.');
  });

  it('sets percentages as fractions and keeps the rest of the outcome', () => {
    expect(col('deadweight').set(o, '25').outcome?.deadweight).toBe(0.25);
    expect(col('deadweight').set(o, '25%').outcome?.deadweight).toBe(0.25);
    expect(col('deadweight').set(o, '').outcome?.deadweight).toBe(0);
    expect(col('deadweight').get({ ...o, deadweight: 0.25 })).toBe('25');
    expect(col('drop_off').set(o, '10..30').outcome?.drop_off).toEqual({ low: 0.1, high: 0.3 });
    expect(col('proxy').set(o, '£1,200').outcome?.proxy).toEqual({ value: 1200, source: 'x' });
    expect(col('proxy').set(o, '-900').outcome?.proxy.value).toBe(-900);
    expect(col('duration').set(o, '3').outcome?.duration_years).toBe(3);
    expect(col('material').set(o, 'false').outcome?.material).toBe(false);
    expect(col('sample_size').set(o, '42').outcome?.sample_size).toBe(42);
    expect(col('sample_size').set({ ...o, sample_size: 42 }, '').outcome).not.toHaveProperty('sample_size');
    expect(col('proxy_description').set(o, 'A year of meals').outcome?.proxy).toEqual({ value: 5, source: 'x', description: 'A year of meals' });
  });

  it('has a column for every field of an outcome in the map format', () => {
    const paths = COLUMNS.flatMap((c) => c.paths);
    for (const f of ['stakeholder', 'description', 'intended', 'indicator', 'quantity', 'quantity_source', 'sample_size', 'duration_years', 'start_year', 'proxy.value', 'proxy.description', 'proxy.source', 'deadweight', 'displacement', 'attribution', 'drop_off', 'material', 'materiality_reason'])
      expect(paths).toContain(f);
  });

  it('uses the mode, or the midpoint of a uniform range, as the central value', () => {
    expect(central(3)).toBe(3);
    expect(central({ low: 2, high: 6 })).toBe(4);
    expect(central({ low: 2, mode: 3, high: 6 })).toBe(3);
  });

  it('puts each principles-check finding beside the cell it is about', () => {
    const f = (path: string): Finding => ({ code: 'c', principle: 3, severity: 'warning', path, message: path });
    const findings = [f('outcomes[1].proxy.source'), f('outcomes[1].deadweight'), f('outcomes[0].quantity'), f('outcomes[1].proxy.description'), f('outcomes[1]'), f('stakeholders[0]')];
    expect(findingsFor(findings, 1, col('proxy_source')).map((x) => x.path)).toEqual(['outcomes[1].proxy.source']);
    expect(findingsFor(findings, 1, col('proxy_description')).map((x) => x.path)).toEqual(['outcomes[1].proxy.description']);
    expect(findingsFor(findings, 0, col('proxy_source'))).toEqual([]);
    expect(rowFindings(findings, 1).map((x) => x.path)).toEqual(['outcomes[1]']);
  });
});
