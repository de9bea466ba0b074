// Membership of the certifying body: the size band that staff and turnover
// fall in (as the server decides it, core/membership.h BandFor), a fee in
// words, and reading a turnover typed in pounds.
import type { FeeQuote, MembershipBand, MembershipRequest, MembershipTerms } from '../api';
import { formatDate, formatPrice } from './format';

/** The first band whose two limits hold; the largest band has none. */
export function bandFor(terms: MembershipTerms, staff: number, turnoverPence: number): MembershipBand | null {
  for (const b of terms.bands) {
    if (b.max_staff === null || b.max_turnover_pence === null) return b;
    if (staff <= b.max_staff && turnoverPence <= b.max_turnover_pence) return b;
  }
  return null;
}

/** "£600.00 + VAT £120.00 a year". */
export function feeInWords(fee: FeeQuote, per = ' a year'): string {
  return `${formatPrice(fee.net, fee.currency)} + VAT ${formatPrice(fee.vat, fee.currency)}${per}`;
}

/**
 * A sum of money typed in pounds ("£2,000,000", "1500.50", "2 000") as
 * pence; null when it is not one (negative, more than two decimals, words).
 */
export function parsePounds(text: string): number | null {
  const cleaned = text.trim().replace(/^£/, '').replace(/[,\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, fraction = ''] = cleaned.split('.');
  const pence = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(pence) ? pence : null;
}

/** The largest turnover the server takes: £1 trillion. */
export const MAX_TURNOVER_PENCE = 100_000_000_000_000;
export const MAX_STAFF = 10_000_000;

export function checkStaff(text: string): string | undefined {
  if (text.trim() === '') return 'Enter the number of people the organisation employs, 0 if none.';
  if (!/^\d+$/.test(text.trim())) return 'Enter a whole number of people, such as 12.';
  if (Number(text) > MAX_STAFF) return `Enter at most ${MAX_STAFF.toLocaleString('en-GB')} people.`;
  return undefined;
}

export function checkTurnover(text: string): string | undefined {
  if (text.trim() === '') return 'Enter the yearly turnover in pounds, £0 if none.';
  const pence = parsePounds(text);
  if (pence === null) return 'Enter the turnover in pounds, such as £250,000 or £1,500.50.';
  if (pence > MAX_TURNOVER_PENCE) return 'Enter at most £1,000,000,000,000.';
  return undefined;
}

const KIND_WORDS: Record<MembershipRequest['kind'], string> = { join: 'join', renew: 'renew the membership' };

/** What became of a request, in a sentence. */
export function describeRequest(r: MembershipRequest): string {
  const asked = `${r.requested_by_name || 'Someone'} asked to ${KIND_WORDS[r.kind]} on ${formatDate(r.requested_at)}`;
  switch (r.state) {
    case 'pending':
      return `${asked}. It is waiting for the certifying body’s decision.`;
    case 'approved':
      return `${asked}. Approved on ${formatDate(r.decided_at)}.`;
    case 'declined':
      return `${asked}. Declined on ${formatDate(r.decided_at)}: ${r.reason}`;
    case 'withdrawn':
      return `${asked}. Withdrawn on ${formatDate(r.decided_at)}.`;
  }
  return `${asked}.`;
}
