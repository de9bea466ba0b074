import { describe, expect, it } from 'vitest';
import type { MembershipRequest, MembershipTerms } from '../api';
import { bandFor, checkStaff, checkTurnover, describeRequest, feeInWords, parsePounds } from './membership';

const fee = (net: number) => ({
  currency: 'GBP',
  size_band: 'small',
  net,
  vat_percent: 20,
  vat: net / 5,
  gross: net * 1.2,
  net_pence: net * 100,
  vat_pence: net * 20,
  gross_pence: net * 120,
  text: '',
});

export const TERMS: MembershipTerms = {
  owner: 'Social Value UK',
  currency: 'GBP',
  vat_percent: 20,
  term_months: 12,
  renewal_window_days: 60,
  contact: 'membership@valuemark.example',
  payment: 'By bank transfer.',
  bands: [
    { band: 'small', label: 'Small', description: 'up to 10 staff', max_staff: 10, max_turnover_pence: 50_000_000, fee: fee(300) },
    { band: 'medium', label: 'Medium', description: 'up to 50 staff', max_staff: 50, max_turnover_pence: 500_000_000, fee: fee(600) },
    { band: 'large', label: 'Large', description: 'up to 250 staff', max_staff: 250, max_turnover_pence: 5_000_000_000, fee: fee(1200) },
    { band: 'very_large', label: 'Very large', description: 'more', max_staff: null, max_turnover_pence: null, fee: fee(2400) },
  ],
};

describe('membership', () => {
  it('puts an organisation in the first band whose two limits hold, as the server does', () => {
    expect(bandFor(TERMS, 10, 50_000_000)?.band).toBe('small');
    expect(bandFor(TERMS, 11, 0)?.band).toBe('medium');
    expect(bandFor(TERMS, 3, 50_000_001)?.band).toBe('medium');
    expect(bandFor(TERMS, 251, 0)?.band).toBe('very_large');
  });

  it('reads pounds as people type them', () => {
    expect(parsePounds('£2,000,000')).toBe(200_000_000);
    expect(parsePounds('1500.5')).toBe(150_050);
    expect(parsePounds(' 2 000 ')).toBe(200_000);
    expect(parsePounds('-5')).toBeNull();
    expect(parsePounds('1.234')).toBeNull();
    expect(parsePounds('lots')).toBeNull();
    expect(parsePounds('')).toBeNull();
  });

  it('says what is wrong with the staff and turnover in their own units', () => {
    expect(checkStaff('')).toMatch(/number of people/);
    expect(checkStaff('2.5')).toMatch(/whole number/);
    expect(checkStaff('12')).toBeUndefined();
    expect(checkTurnover('about a million')).toMatch(/in pounds/);
    expect(checkTurnover('£1,000,000,000,001')).toMatch(/at most/);
    expect(checkTurnover('£0')).toBeUndefined();
  });

  it('gives a fee and a request in words', () => {
    expect(feeInWords(fee(600))).toBe('£600.00 + VAT £120.00 a year');
    const r = {
      kind: 'join',
      state: 'declined',
      requested_by_name: 'Lee Lead',
      requested_at: '2026-12-05T10:00:00Z',
      decided_at: '2026-12-07T10:00:00Z',
      reason: 'The staff count is not ours.',
    } as MembershipRequest;
    expect(describeRequest(r)).toBe('Lee Lead asked to join on 5 Dec 2026. Declined on 7 Dec 2026: The staff count is not ours.');
  });
});
