// How times, dates and hashes are shown.

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const timeOptions: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' };
const timeFmt = new Intl.DateTimeFormat('en-GB', timeOptions);
const secondFmt = new Intl.DateTimeFormat('en-GB', { ...timeOptions, second: '2-digit' });

/** An RFC 3339 time in `fmt`, with its zone; the text itself when it is no time. */
function inUtc(value: string | null | undefined, fmt: Intl.DateTimeFormat): string {
  if (!value) return '—';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : `${fmt.format(d)} UTC`;
}

/** "2026-11-23" or an RFC 3339 time → "23 Nov 2026". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(d.getTime()) ? value : dateFmt.format(d);
}

/** RFC 3339 time → "23 Nov 2026, 09:30 UTC". */
export function formatTime(value: string | null | undefined): string {
  return inUtc(value, timeFmt);
}

/**
 * RFC 3339 time → "23 Nov 2026, 09:30:15 UTC": formatTime with the seconds,
 * where many things arrive within a minute (a survey's responses).
 */
export function formatTimeToTheSecond(value: string | null | undefined): string {
  return inUtc(value, secondFmt);
}

/** A price with its pence, as fees and invoices show it: 750 → "£750.00". */
export function formatPrice(value: number | null | undefined, currency = 'GBP'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
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

/** A server's lower-case phrase as a sentence of its own: capital first, full stop last. */
export function asSentence(text: string): string {
  const t = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** "set_role" / "member.updated" → "Set role" / "Member updated". */
export function humanise(value: string): string {
  const s = value.replace(/[._-]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const VERBS: Record<string, string> = {
  create: 'created',
  created: 'created',
  update: 'updated',
  updated: 'updated',
  delete: 'deleted',
  deleted: 'deleted',
  add: 'added',
  added: 'added',
  remove: 'removed',
  removed: 'removed',
  accept: 'accepted',
  accepted: 'accepted',
  revoke: 'revoked',
  revoked: 'revoked',
  expire: 'expired',
  archive: 'archived',
  restore: 'restored',
  publish: 'published',
  close: 'closed',
  reopen: 'reopened',
  suspend: 'suspended',
  reinstate: 'reinstated',
  issue: 'issued',
  change_role: 'changed the role of',
  role_changed: 'changed the role of',
  set_role: 'changed the role of',
  representatives: 'named the representatives of',
  representatives_set: 'named the representatives of',
  set_representatives: 'named the representatives of',
  membership: 'set the membership of',
  set_membership: 'set the membership of',
  signup: 'signed up',
  login: 'logged in',
  password_reset: 'reset the password of',
  platform_role: 'changed the platform role of',
  responses_received: 'received responses to',
  sign_offs_voided: 'voided the sign-offs of former representatives on',
  password_change: 'changed the password of',
  sessions_ended: 'signed out the other sessions of',
  request: 'asked for',
  approve: 'approved',
  decline: 'declined',
  withdraw: 'withdrew',
  pay: 'recorded the payment of',
  receive: 'received',
  ask: 'asked for an answer to',
  respond: 'answered',
  uphold: 'upheld',
  dismiss: 'dismissed',
  file: 'filed',
  void: 'voided',
  remind_60: 'sent the 60-day reminder of',
  remind_30: 'sent the 30-day reminder of',
};

/**
 * An audit action as words: "organisation.create" → "created",
 * "member.change_role" → "changed the role of"; unknown ones are humanised.
 */
export function describeAction(action: string): string {
  const verb = action.includes('.') ? action.slice(action.indexOf('.') + 1) : action;
  return VERBS[verb] ?? VERBS[verb.replace(/-/g, '_')] ?? humanise(action).toLowerCase();
}
