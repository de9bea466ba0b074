import { describe, expect, it } from 'vitest';
import { charactersLeft, charactersLeftInWords } from './characterCount';

describe('characters left', () => {
  it('is shown only within the last 20 % of the limit', () => {
    expect(charactersLeft('', 200)).toBeNull();
    expect(charactersLeft('x'.repeat(159), 200)).toBeNull();
    expect(charactersLeft('x'.repeat(160), 200)).toBe(40);
    expect(charactersLeft('x'.repeat(200), 200)).toBe(0);
    expect(charactersLeft('x'.repeat(1600), 2000)).toBe(400);
    expect(charactersLeft('x'.repeat(9), 10)).toBe(1);
    expect(charactersLeft('x'.repeat(7), 10)).toBeNull();
  });

  it('goes below zero for a longer text read from elsewhere, and is never shown without a limit', () => {
    expect(charactersLeft('x'.repeat(203), 200)).toBe(-3);
    expect(charactersLeft('x'.repeat(5000), undefined)).toBeNull();
    expect(charactersLeft('x'.repeat(5000), 0)).toBeNull();
  });

  it('counts as the browser’s maxLength does, so it reaches 0 where typing stops', () => {
    expect(charactersLeft('ŵ'.repeat(10), 10)).toBe(0);
  });

  it('says the count in words', () => {
    expect(charactersLeftInWords(1)).toBe('1 character left');
    expect(charactersLeftInWords(0)).toBe('0 characters left');
    expect(charactersLeftInWords(1200)).toBe('1,200 characters left');
    expect(charactersLeftInWords(-1)).toBe('1 character too many');
    expect(charactersLeftInWords(-12)).toBe('12 characters too many');
  });
});
