// How an invoice's state and amounts read, on the organisation's page and
// the administrators' list.
import type { Invoice } from '../api';
import { daysUntil, formatDate, formatPrice } from './format';

export type Tone = 'success' | 'warning' | 'danger' | 'neutral';

/** "Paid on 4 Dec 2026", "Overdue since 3 Jan 2027", "Due by 3 Jan 2027", "Void". */
export function invoiceStatus(i: Invoice, today = new Date()): { tone: Tone; text: string } {
  if (i.state === 'paid') return { tone: 'success', text: `Paid on ${formatDate(i.paid_on)}` };
  if (i.state === 'void') return { tone: 'neutral', text: 'Void' };
  if (daysUntil(i.due_on, today) < 0) return { tone: 'danger', text: `Overdue since ${formatDate(i.due_on)}` };
  return { tone: 'warning', text: `Due by ${formatDate(i.due_on)}` };
}

/** "£600.00 + VAT £120.00 = £720.00" */
export function invoiceAmounts(i: Invoice): string {
  const a = i.amount;
  return `${formatPrice(a.net_pence / 100, a.currency)} + VAT ${formatPrice(a.vat_pence / 100, a.currency)} = ${formatPrice(a.gross_pence / 100, a.currency)}`;
}

export const INVOICE_FOR: Record<Invoice['subject'], string> = {
  membership: 'Membership',
  application: 'Application',
};
