// The checks of the pledge and decision forms, which mirror the server's
// (src/app/measure/pledges.cpp) so that a person sees what is wrong beside
// the field before sending; the server stays the judge, and what it refuses
// is said beside the same field (hooks/useFormErrors.ts), in words.
import { checkDate, collect, type FieldErrors } from '../../lib/validation';
import { asSentence, formatDate } from '../../lib/format';
import { messageInWords } from '../../lib/labels';

/** The longest words the server takes, in characters. */
export const PLEDGE_TITLE_MAX = 200;
export const DECISION_TITLE_MAX = 200;
export const RATIONALE_MAX = 4000;

export const PLEDGE_FIELDS = ['title', 'owner_user_id', 'due_date'] as const;
export type PledgeField = (typeof PLEDGE_FIELDS)[number];

export const DECISION_FIELDS = ['kind', 'title', 'rationale', 'impact_map_id', 'survey_id', 'decided_on', 'decided_by'] as const;
export type DecisionField = (typeof DECISION_FIELDS)[number];
/** The server names the map's version apart; the form has one field for the map and its version. */
export const DECISION_FIELD_MAP: Record<string, DecisionField> = { impact_map_version: 'impact_map_id' };

/** "YYYY-MM-DD" of a day `offsetDays` from `now` (UTC, as the server counts days). */
export function dayFrom(now: Date, offsetDays = 0): string {
  return new Date(now.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

export function checkPledge(p: { title: string; owner_user_id: string; due_date: string }, now = new Date()): FieldErrors<PledgeField> {
  const last = dayFrom(now, 365);
  return collect<PledgeField>({
    title: !p.title.trim() ? 'Say what you pledge to do.' : p.title.trim().length > PLEDGE_TITLE_MAX ? `Use at most ${PLEDGE_TITLE_MAX} characters.` : undefined,
    owner_user_id: p.owner_user_id ? undefined : 'Choose who owns it.',
    due_date: !p.due_date
      ? 'Give the date it is due.'
      : (checkDate(p.due_date, 'the date it is due') ??
        (p.due_date < dayFrom(now)
          ? 'Give a date from today on.'
          : p.due_date > last
            ? `Give a date within 12 months: ${formatDate(last)} at the latest.`
            : undefined)),
  });
}

export function checkDecision(d: { title: string; rationale: string; decided_on?: string }, now = new Date()): FieldErrors<DecisionField> {
  return collect<'title' | 'rationale' | 'decided_on'>({
    title: !d.title.trim() ? 'Say what was decided.' : d.title.trim().length > DECISION_TITLE_MAX ? `Use at most ${DECISION_TITLE_MAX} characters.` : undefined,
    rationale: !d.rationale.trim() ? 'Say why: what in the evidence led to it.' : d.rationale.trim().length > RATIONALE_MAX ? `Use at most ${RATIONALE_MAX} characters.` : undefined,
    // A day's grace, as the server gives: today where the person is may be tomorrow in UTC.
    decided_on:
      d.decided_on === undefined
        ? undefined
        : !d.decided_on
          ? 'Give the date it was decided.'
          : (checkDate(d.decided_on, 'the date it was decided') ?? (d.decided_on > dayFrom(now, 1) ? 'Give the day it was decided: today or earlier.' : undefined)),
  });
}

/**
 * A server's message beside a field, as a sentence for people: its dates as
 * the app shows dates, the form's field names as words, and without the
 * value it got, which the field beside it shows ("must not be in the past,
 * got 2026-01-02" → "Must not be in the past.").
 */
export function messageForPeople(message: string, fieldNames: readonly string[] = []): string {
  const text = messageInWords(message, fieldNames)
    .replace(/,\s*got\s+.*$/, '')
    .replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (day) => formatDate(day));
  return asSentence(text);
}
