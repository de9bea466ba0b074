import { describe, expect, it } from 'vitest';
import { cellNumber, formatMoney, formatNumber, formatPercent, formatRatio } from './format';

describe('numbers for people', () => {
  it('writes money one way: whole units from 100, pence below', () => {
    expect(formatMoney(309.3035770335162)).toBe('£309');
    expect(formatMoney(51443)).toBe('£51,443');
    expect(formatMoney(-900)).toBe('-£900');
    expect(formatMoney(12.5)).toBe('£12.50');
    expect(formatMoney(40)).toBe('£40');
    expect(formatMoney(1200, 'EUR')).toBe('€1,200');
  });

  it('never shows NaN', () => {
    expect(formatMoney(NaN)).toBe('—');
    expect(formatMoney(undefined)).toBe('—');
    expect(formatNumber(NaN)).toBe('—');
    expect(formatPercent(null)).toBe('—');
    expect(formatRatio(Infinity)).toBe('—');
    expect(cellNumber(NaN)).toBe('');
  });

  it('rounds quantities and percentages to a sensible precision', () => {
    expect(formatNumber(201.127297)).toBe('201.13');
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatPercent(0.25)).toBe('25 %');
    expect(formatPercent(0.12345)).toBe('12.3 %');
    expect(formatRatio(2.5678)).toBe('2.57 : 1');
  });

  it('writes cell numbers without separators so they read back', () => {
    expect(cellNumber(201.127297)).toBe('201.13');
    expect(cellNumber(12345.5)).toBe('12345.5');
    expect(cellNumber(20.000000001, 1)).toBe('20');
  });
});
