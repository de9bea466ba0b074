import { describe, expect, it } from 'vitest';
import { checkDecision, checkPledge, messageForPeople } from './pledgeForms';

const now = new Date('2026-03-10T12:00:00Z');

describe('the pledge form’s checks', () => {
  it('asks for what is pledged, an owner and a due date within 12 months', () => {
    expect(checkPledge({ title: ' ', owner_user_id: '', due_date: '' }, now)).toEqual({
      title: 'Say what you pledge to do.',
      owner_user_id: 'Choose who owns it.',
      due_date: 'Give the date it is due.',
    });
    expect(checkPledge({ title: 'Interview ten members', owner_user_id: 'u1', due_date: '2026-06-08' }, now)).toEqual({});
    expect(checkPledge({ title: 'x', owner_user_id: 'u1', due_date: '2026-03-09' }, now).due_date).toBe('Give a date from today on.');
    expect(checkPledge({ title: 'x', owner_user_id: 'u1', due_date: '2099-01-01' }, now).due_date).toBe('Give a date within 12 months: 10 Mar 2027 at the latest.');
    expect(checkPledge({ title: 'x'.repeat(201), owner_user_id: 'u1', due_date: '2026-06-08' }, now).title).toBe('Use at most 200 characters.');
  });
});

describe('the decision forms’ checks', () => {
  it('asks for what was decided and why, and a real date when correcting', () => {
    expect(checkDecision({ title: '', rationale: '' })).toEqual({ title: 'Say what was decided.', rationale: 'Say why: what in the evidence led to it.' });
    expect(checkDecision({ title: 'Open a second club', rationale: 'Members asked.' })).toEqual({});
    expect(checkDecision({ title: 'a', rationale: 'b', decided_on: '' })).toEqual({ decided_on: 'Give the date it was decided.' });
    expect(checkDecision({ title: 'a', rationale: 'b', decided_on: '2026-02-30' }, now).decided_on).toBe('Enter the date it was decided as a real date.');
    expect(checkDecision({ title: 'a', rationale: 'b', decided_on: '2026-03-11' }, now)).toEqual({});
    expect(checkDecision({ title: 'a', rationale: 'b', decided_on: '2026-03-12' }, now).decided_on).toBe('Give the day it was decided: today or earlier.');
  });
});

describe('the server’s messages beside a field', () => {
  it('read as sentences, with dates as the app shows them and no field names or echoed values', () => {
    expect(messageForPeople('must not be empty')).toBe('Must not be empty.');
    expect(messageForPeople('must be within 12 months of making the pledge (by 2027-03-10), got 2099-01-01')).toBe(
      'Must be within 12 months of making the pledge (by 10 Mar 2027).',
    );
    expect(messageForPeople('must not be in the past, got 2026-01-02')).toBe('Must not be in the past.');
    expect(messageForPeople('needs an impact_map_id', ['impact_map_id'])).toBe('Needs an impact map id.');
    expect(messageForPeople('Choose who owns it.')).toBe('Choose who owns it.');
  });
});
