import { describe, expect, it } from 'vitest';
import { checkDate, checkEmail, checkPassword, checkRequired, collect, hasErrors, isEmailLike } from './validation';

describe('form checks', () => {
  it('accepts addresses that look like addresses', () => {
    expect(isEmailLike('ann@example.org')).toBe(true);
    expect(isEmailLike(' ann.lee+vm@council.gov.uk ')).toBe(true);
    for (const bad of ['', 'ann', 'ann@', '@example.org', 'ann@example', 'a n@example.org']) expect(isEmailLike(bad)).toBe(false);
    expect(checkEmail('')).toBe('Enter an email address.');
    expect(checkEmail('ann')).toMatch(/like name@example.org/);
    expect(checkEmail('ann@example.org')).toBeUndefined();
  });

  it('wants passwords of 10 to 200 characters, counted as a person would', () => {
    expect(checkPassword('')).toBe('Enter a password.');
    expect(checkPassword('123456789')).toMatch(/at least 10/);
    expect(checkPassword('1234567890')).toBeUndefined();
    expect(checkPassword('x'.repeat(200))).toBeUndefined();
    expect(checkPassword('x'.repeat(201))).toMatch(/at most 200/);
    // Nine emoji are 18 UTF-16 units but nine characters.
    expect(checkPassword('😀'.repeat(9))).toMatch(/at least 10/);
  });

  it('requires names of 1 to 200 characters', () => {
    expect(checkRequired('   ', 'your name')).toBe('Enter your name.');
    expect(checkRequired('Ann', 'your name')).toBeUndefined();
    expect(checkRequired('a'.repeat(201), 'your name')).toMatch(/at most 200/);
  });

  it('checks dates are real', () => {
    expect(checkDate('', 'the start date')).toBeUndefined();
    expect(checkDate('2026-02-28', 'the start date')).toBeUndefined();
    expect(checkDate('2026-02-30', 'the start date')).toMatch(/real date/);
    expect(checkDate('28/02/2026', 'the start date')).toMatch(/YYYY-MM-DD/);
  });

  it('collects only the failures', () => {
    const found = collect({ name: undefined, email: 'Enter an email address.' });
    expect(found).toEqual({ email: 'Enter an email address.' });
    expect(hasErrors(found)).toBe(true);
    expect(hasErrors(collect({ a: undefined }))).toBe(false);
  });
});
