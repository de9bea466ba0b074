// How times, dates and hashes are shown.

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const timeFmt = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** "2026-11-23" or an RFC 3339 time → "23 Nov 2026". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(d.getTime()) ? value : dateFmt.format(d);
}

/** RFC 3339 time → "23 Nov 2026, 09:30 UTC". */
export function formatTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : `${timeFmt.format(d)} UTC`;
}

/** The first characters of a hash, enough to compare by eye. */
export function shortHash(hash: string, length = 12): string {
  const h = hash.startsWith('sha256:') ? hash.slice(7) : hash;
  return h.length > length ? h.slice(0, length) : h;
}

/** Days from today (UTC) to a date; negative when past. */
export function daysUntil(date: string, today: Date = new Date()): number {
  const target = Date.parse(`${date}T00:00:00Z`);
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((target - start) / 86_400_000);
}

/** "set_role" / "member.updated" → "Set role" / "Member updated". */
export function humanise(value: string): string {
  const s = value.replace(/[._-]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
