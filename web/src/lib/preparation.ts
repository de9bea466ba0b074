// The preparation call with the Assurance Manager (docs/api.md "Preparation
// calls"): a time's state in words, and times as people read and enter them.
// Times travel as RFC 3339 UTC; a page shows them in the viewer's own time
// zone, named ("Tuesday 5 January 2027, 10:00 to 10:30 (UK time)"), and the
// administrator's date and time are read in that zone.
import type { PreparationSlot, PreparationState } from '../api/preparation';

export const PREPARATION_STATE_LABEL: Record<PreparationState, string> = {
  open: 'Open to book',
  booked: 'Booked',
  held: 'Held',
  past: 'Not booked, gone by',
};

export function preparationStateTone(state: PreparationState): 'neutral' | 'success' | 'warning' | 'info' {
  return state === 'held' ? 'success' : state === 'booked' ? 'info' : state === 'open' ? 'warning' : 'neutral';
}

/** The viewer's time zone (IANA name), UTC when the browser does not say. */
export function viewerTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** A time zone as people say it: "UK time", "UTC", "Central European Time", "Paris time". */
export function timeZoneInWords(timeZone: string, at: Date = new Date()): string {
  if (timeZone === 'Europe/London') return 'UK time';
  if (/^(Etc\/)?(UTC|UCT|GMT|Universal|Zulu)$/.test(timeZone)) return 'UTC';
  try {
    const part = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longGeneric' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
    if (part && !/^GMT[+-]/.test(part)) return part;
  } catch {
    // An old browser without generic names: the zone's city below.
  }
  const city = timeZone.split('/').pop() ?? timeZone;
  return `${city.replace(/_/g, ' ')} time`;
}

function parts(date: Date, timeZone: string) {
  const values = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const get = (type: string) => Number(values.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** Minutes the zone is ahead of UTC at an instant (60 for London in summer). */
function offsetMinutes(instant: number, timeZone: string): number {
  const p = parts(new Date(instant), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * A date (YYYY-MM-DD) and a time (HH:MM) on the clock of `timeZone` as an
 * RFC 3339 UTC time ("2027-01-05T10:00:00Z"); null when either is not valid.
 * A time skipped when the clocks go forward reads as the hour after.
 */
export function localToUtc(date: string, time: string, timeZone: string = viewerTimeZone()): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})(?::\d{2})?$/.exec(time);
  if (!d || !t) return null;
  const [y, mo, da, h, mi] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return null;
  const wall = Date.UTC(y, mo - 1, da, h, mi);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== da) return null;
  let instant = wall - offsetMinutes(wall, timeZone) * 60_000;
  // Near a change of the clocks the offset at the first guess may differ.
  const again = wall - offsetMinutes(instant, timeZone) * 60_000;
  if (again !== instant) instant = again;
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An RFC 3339 time as the date and time inputs of `timeZone` show it. */
export function utcToLocalInputs(value: string, timeZone: string = viewerTimeZone()): { date: string; time: string } {
  const p = parts(new Date(value), timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return { date: `${p.year}-${two(p.month)}-${two(p.day)}`, time: `${two(p.hour)}:${two(p.minute)}` };
}

/** A call's time in the house's date style, in the viewer's zone: "Tue 5 Jan 2027, 10:00 to 10:30 UK time". */
export function formatCallTime(startsAt: string, minutes: number, timeZone: string = viewerTimeZone()): string {
  const start = new Date(startsAt);
  if (Number.isNaN(start.getTime())) return startsAt;
  const end = new Date(start.getTime() + minutes * 60_000);
  const day = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  const clock = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const startDay = day.format(start).replace(',', '');
  const endDay = day.format(end).replace(',', '');
  const until = endDay === startDay ? clock.format(end) : `${endDay}, ${clock.format(end)}`;
  return `${startDay}, ${clock.format(start)} to ${until} ${timeZoneInWords(timeZone, start)}`;
}

/** A moment (booked, held), as the house writes times but in the viewer's zone: "5 Jan 2027, 10:02 UK time". */
export function formatMoment(value: string | null | undefined, timeZone: string = viewerTimeZone()): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const day = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(d);
  const clock = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  return `${day}, ${clock} ${timeZoneInWords(timeZone, d)}`;
}

/** "30 minutes", "1 hour", "1 hour 30 minutes". */
export function lengthInWords(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = h === 0 ? '' : h === 1 ? '1 hour' : `${h} hours`;
  const mins = m === 0 ? '' : m === 1 ? '1 minute' : `${m} minutes`;
  return [hours, mins].filter(Boolean).join(' ') || '0 minutes';
}

/** Whether the call has begun at `now`. */
export function hasBegun(slot: Pick<PreparationSlot, 'starts_at'>, now: Date = new Date()): boolean {
  return Date.parse(slot.starts_at) <= now.getTime();
}

/** The minutes a call may last, as the server accepts them. */
export const MINUTES_MIN = 15;
export const MINUTES_MAX = 180;

export interface OfferForm {
  scheme_id: string;
  date: string;
  time: string;
  minutes: string;
}
export type OfferField = keyof OfferForm;

/** The offer form's own checks, each beside its field, before anything is sent. */
export function checkOffer(form: OfferForm, now: Date = new Date(), timeZone: string = viewerTimeZone()): Partial<Record<OfferField, string>> {
  const errors: Partial<Record<OfferField, string>> = {};
  if (!form.scheme_id) errors.scheme_id = 'Choose the scheme the call prepares for.';
  if (!form.date) errors.date = 'Enter the day of the call.';
  if (!form.time) errors.time = 'Enter the time the call starts.';
  const n = Number(form.minutes);
  if (form.minutes.trim() === '' || !Number.isInteger(n)) errors.minutes = 'Enter the length in whole minutes.';
  else if (n < MINUTES_MIN || n > MINUTES_MAX) errors.minutes = `A call lasts from ${MINUTES_MIN} to ${MINUTES_MAX} minutes.`;
  if (form.date && form.time) {
    const at = localToUtc(form.date, form.time, timeZone);
    if (!at) errors.date = 'Enter a real day and time.';
    else if (Date.parse(at) <= now.getTime()) errors.time = 'Choose a time later than now.';
  }
  return errors;
}

/** The admin's calendar split: times still to come (soonest first) and those gone by (latest first). */
export function splitCalendar(slots: readonly PreparationSlot[], now: Date = new Date()): { upcoming: PreparationSlot[]; earlier: PreparationSlot[] } {
  const end = (s: PreparationSlot) => Date.parse(s.starts_at) + s.minutes * 60_000;
  const upcoming = slots.filter((s) => end(s) > now.getTime()).sort((a, b) => a.starts_at.localeCompare(b.starts_at));
  const earlier = slots.filter((s) => end(s) <= now.getTime()).sort((a, b) => b.starts_at.localeCompare(a.starts_at));
  return { upcoming, earlier };
}
