import { describe, expect, it } from 'vitest';
import type { Complaint, Invoice } from '../api';
import { describeChange } from '../components/AuditTimeline';
import { complaintStatus } from './complaints';
import { invoiceAmounts, invoiceStatus } from './invoices';

const invoice = (over: Partial<Invoice> = {}): Invoice => ({
  id: 'i1',
  organisation_id: 'o1',
  number: 'VM-2030-0001',
  subject: 'membership',
  subject_id: 'r1',
  description: 'Membership, Medium band',
  amount: { currency: 'GBP', size_band: 'medium', net: 600, vat_percent: 20, vat: 120, gross: 720, net_pence: 60000, vat_pence: 12000, gross_pence: 72000, text: '£720.00 including VAT' },
  issued_on: '2030-03-12',
  due_on: '2030-04-11',
  state: 'issued',
  paid_on: null,
  payment_reference: '',
  void_reason: '',
  version: 1,
  organisation_name: 'Riverside',
  decided_by_name: null,
  ...over,
});

describe('invoices in words', () => {
  it('gives the amounts before VAT, the VAT and the total', () => {
    expect(invoiceAmounts(invoice())).toBe('£600.00 + VAT £120.00 = £720.00');
  });
  it('says whether an invoice is due, overdue, paid or void', () => {
    expect(invoiceStatus(invoice(), new Date('2030-04-01T12:00:00Z'))).toEqual({ tone: 'warning', text: 'Due by 11 Apr 2030' });
    expect(invoiceStatus(invoice(), new Date('2030-04-12T12:00:00Z'))).toEqual({ tone: 'danger', text: 'Overdue since 11 Apr 2030' });
    expect(invoiceStatus(invoice({ state: 'paid', paid_on: '2030-03-20' })).text).toBe('Paid on 20 Mar 2030');
    expect(invoiceStatus(invoice({ state: 'void' })).text).toBe('Void');
  });
});

describe('what an update changed', () => {
  it('reads as a sentence for a change, an addition and a removal', () => {
    expect(describeChange({ field: 'Area', before: 'Leeds', after: 'Bradford' })).toBe('Area: “Leeds” → “Bradford”');
    expect(describeChange({ field: 'Outcomes', before: '', after: 'Housing' })).toBe('Outcomes: added “Housing”');
    expect(describeChange({ field: 'Outcomes', before: 'Skills', after: '' })).toBe('Outcomes: removed “Skills”');
  });
});

describe('complaints in words', () => {
  it('names the state and what an upheld complaint did', () => {
    const c = { state: 'upheld', action: 'suspend', respond_by: '2030-03-26' } as Complaint;
    expect(complaintStatus(c).text).toBe('Upheld: the certificate is suspended');
    expect(complaintStatus({ ...c, state: 'awaiting_response' }).text).toBe('Waiting for the organisation’s answer, by 26 Mar 2030');
  });
});
