import { describe, expect, it } from 'vitest';
import { daysUntil, describeAction, formatDate, formatTime, formatTimeToTheSecond, humanise, shortHash, formatPrice } from './format';

describe('formatting', () => {
  it('shows dates and times in UTC, British style', () => {
    expect(formatDate('2026-11-23')).toBe('23 Nov 2026');
    expect(formatDate('2026-11-23T23:30:00Z')).toBe('23 Nov 2026');
    expect(formatDate(null)).toBe('—');
    expect(formatTime('2026-11-23T09:30:00Z')).toBe('23 Nov 2026, 09:30 UTC');
    expect(formatTimeToTheSecond('2026-11-23T09:30:07Z')).toBe('23 Nov 2026, 09:30:07 UTC');
    expect(formatTimeToTheSecond('')).toBe('—');
  });

  it('shortens hashes', () => {
    expect(shortHash('6a620cc282ae0644fdddf060bd906b7ab45f287e')).toBe('6a620cc282ae');
    expect(shortHash('sha256:abcdef0123456789')).toBe('abcdef012345');
    expect(shortHash('abc')).toBe('abc');
  });

  it('counts days to a date', () => {
    const today = new Date('2026-11-23T18:00:00Z');
    expect(daysUntil('2026-11-23', today)).toBe(0);
    expect(daysUntil('2026-12-23', today)).toBe(30);
    expect(daysUntil('2026-11-20', today)).toBe(-3);
  });

  it('puts audit actions into words', () => {
    expect(describeAction('organisation.create')).toBe('created');
    expect(describeAction('member.change_role')).toBe('changed the role of');
    expect(describeAction('organisation.representatives')).toBe('named the representatives of');
    expect(describeAction('survey.publish')).toBe('published');
    expect(describeAction('survey.reopen')).toBe('reopened');
    expect(describeAction('scope.frobnicate')).toBe('scope frobnicate');
    expect(humanise('member.role_changed')).toBe('Member role changed');
  });
});

describe('formatPrice', () => {
  it('shows a fee with its pence in the currency, the same everywhere', () => {
    expect(formatPrice(750)).toBe('£750.00');
    expect(formatPrice(1234.5, 'GBP')).toBe('£1,234.50');
    expect(formatPrice(150, 'EUR')).toBe('€150.00');
    expect(formatPrice(null)).toBe('—');
    expect(formatPrice(Number.NaN)).toBe('—');
  });
});
