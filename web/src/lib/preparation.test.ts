import { describe, expect, it } from 'vitest';
import type { PreparationSlot } from '../api/preparation';
import {
  PREPARATION_STATE_LABEL,
  checkOffer,
  formatCallTime,
  formatMoment,
  hasBegun,
  lengthInWords,
  localToUtc,
  splitCalendar,
  timeZoneInWords,
  utcToLocalInputs,
} from './preparation';

const slot = (over: Partial<PreparationSlot>): PreparationSlot => ({
  id: 's1',
  starts_at: '2027-01-05T10:00:00Z',
  minutes: 30,
  scheme_id: 'svmc',
  scheme_name: 'Social Value Management Certificate',
  state: 'open',
  organisation_id: null,
  organisation_name: null,
  booked_by_name: null,
  booked_at: null,
  held_at: null,
  version: 1,
  ...over,
});

describe('the preparation call', () => {
  it('says each state in words', () => {
    expect(Object.values(PREPARATION_STATE_LABEL)).toEqual(['Open to book', 'Booked', 'Held', 'Not booked, gone by']);
    for (const label of Object.values(PREPARATION_STATE_LABEL)) expect(label).not.toMatch(/_/);
  });

  it('names the time zone', () => {
    expect(timeZoneInWords('Europe/London')).toBe('UK time');
    expect(timeZoneInWords('UTC')).toBe('UTC');
    expect(timeZoneInWords('Etc/UTC')).toBe('UTC');
    expect(timeZoneInWords('Europe/Paris')).toMatch(/Central European|Paris/);
  });

  it('shows a call in the viewer’s time zone, named', () => {
    expect(formatCallTime('2027-01-05T10:00:00Z', 30, 'Europe/London')).toBe('Tue 5 Jan 2027, 10:00 to 10:30 UK time');
    // British Summer Time: an hour ahead of UTC.
    expect(formatCallTime('2027-07-06T09:00:00Z', 90, 'Europe/London')).toBe('Tue 6 Jul 2027, 10:00 to 11:30 UK time');
    expect(formatCallTime('2027-01-05T10:00:00Z', 30, 'UTC')).toBe('Tue 5 Jan 2027, 10:00 to 10:30 UTC');
    // Past midnight: the end names its day.
    expect(formatCallTime('2027-01-05T23:30:00Z', 60, 'UTC')).toBe('Tue 5 Jan 2027, 23:30 to Wed 6 Jan 2027, 00:30 UTC');
    expect(formatMoment('2027-07-06T09:02:00Z', 'Europe/London')).toBe('6 Jul 2027, 10:02 UK time');
    expect(formatMoment(null)).toBe('—');
  });

  it('reads the administrator’s date and time in their zone, as UTC', () => {
    expect(localToUtc('2027-01-05', '10:00', 'Europe/London')).toBe('2027-01-05T10:00:00Z');
    expect(localToUtc('2027-07-06', '10:00', 'Europe/London')).toBe('2027-07-06T09:00:00Z');
    expect(localToUtc('2027-07-06', '10:00', 'America/New_York')).toBe('2027-07-06T14:00:00Z');
    expect(localToUtc('2027-01-05', '10:00', 'UTC')).toBe('2027-01-05T10:00:00Z');
    // The hour after the clocks change, both ways.
    expect(localToUtc('2027-03-28', '03:30', 'Europe/London')).toBe('2027-03-28T02:30:00Z');
    expect(localToUtc('2027-10-31', '03:00', 'Europe/London')).toBe('2027-10-31T03:00:00Z');
    expect(localToUtc('2027-02-30', '10:00', 'UTC')).toBeNull();
    expect(localToUtc('', '10:00', 'UTC')).toBeNull();
    expect(localToUtc('2027-01-05', '25:00', 'UTC')).toBeNull();
    expect(utcToLocalInputs('2027-07-06T09:00:00Z', 'Europe/London')).toEqual({ date: '2027-07-06', time: '10:00' });
  });

  it('says a length in words', () => {
    expect(lengthInWords(30)).toBe('30 minutes');
    expect(lengthInWords(60)).toBe('1 hour');
    expect(lengthInWords(90)).toBe('1 hour 30 minutes');
    expect(lengthInWords(180)).toBe('3 hours');
  });

  it('checks an offer beside each field', () => {
    const now = new Date('2027-01-05T09:00:00Z');
    expect(checkOffer({ scheme_id: '', date: '', time: '', minutes: '' }, now, 'UTC')).toEqual({
      scheme_id: 'Choose the scheme the call prepares for.',
      date: 'Enter the day of the call.',
      time: 'Enter the time the call starts.',
      minutes: 'Enter the length in whole minutes.',
    });
    expect(checkOffer({ scheme_id: 'svmc', date: '2027-01-05', time: '08:00', minutes: '10' }, now, 'UTC')).toEqual({
      time: 'Choose a time later than now.',
      minutes: 'A call lasts from 15 to 180 minutes.',
    });
    expect(checkOffer({ scheme_id: 'svmc', date: '2027-01-05', time: '10:00', minutes: '30' }, now, 'UTC')).toEqual({});
  });

  it('splits the calendar into times to come and gone by', () => {
    const now = new Date('2027-01-05T10:10:00Z');
    const slots = [
      slot({ id: 'later', starts_at: '2027-01-07T10:00:00Z' }),
      slot({ id: 'now', starts_at: '2027-01-05T10:00:00Z', state: 'booked' }),
      slot({ id: 'old', starts_at: '2027-01-01T10:00:00Z', state: 'held' }),
      slot({ id: 'older', starts_at: '2026-12-20T10:00:00Z', state: 'past' }),
    ];
    const { upcoming, earlier } = splitCalendar(slots, now);
    expect(upcoming.map((s) => s.id)).toEqual(['now', 'later']);
    expect(earlier.map((s) => s.id)).toEqual(['old', 'older']);
    expect(hasBegun(slots[1], now)).toBe(true);
    expect(hasBegun(slots[0], now)).toBe(false);
  });
});
