import { describe, expect, it } from 'vitest';
import { ROUND_DAYS, closingDay } from './RoundsPage';

describe('closingDay', () => {
  it('is 13 days after the opening day: two weeks, both ends included', () => {
    expect(ROUND_DAYS).toBe(14);
    expect(closingDay('2027-06-01')).toBe('2027-06-14');
    expect(closingDay('2026-12-25')).toBe('2027-01-07');
    expect(closingDay('2028-02-20')).toBe('2028-03-04'); // across a leap day
  });
  it('is empty without a whole date', () => {
    expect(closingDay('')).toBe('');
    expect(closingDay('2027-06')).toBe('');
  });
});
