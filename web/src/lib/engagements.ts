// Consultant engagements in words and as a form (docs/api.md "Consultant
// engagements"): a session's length ("1 h 30 min"), the two audits' outcomes,
// the plan's kinds and progress; and the consultant's editor — the draft its
// rows are edited in (each row with a key of its own, so that a message stays
// beside its row when another row is added or removed), the checks made
// before sending, and where each of the server's problems goes: its path
// ("sessions[1].held_on") names a row by its place in what was sent.
import type { Engagement, EngagementInput, EngagementStatus, SupportKind } from '../api/engagements';
import { asSentence, formatDate } from './format';

// ---- The server's limits (src/core/engagement.h)

export const TITLE_MAX = 200;
export const TEXT_MAX = 8000;
export const ROWS_MAX = 100;
export const MINUTES_MIN = 1;
export const MINUTES_MAX = 480;

// ---- Words

export const SUPPORT_KINDS: readonly SupportKind[] = ['training', 'mentoring', 'consultancy'];
export const SUPPORT_KIND_LABEL: Record<SupportKind, string> = {
  training: 'Training',
  mentoring: 'Mentoring',
  consultancy: 'Consultancy',
};

export const ENGAGEMENT_STATUS_LABEL: Record<EngagementStatus, string> = {
  active: 'Active',
  closed: 'Closed',
};

export function engagementStatusTone(status: EngagementStatus): 'success' | 'neutral' {
  return status === 'active' ? 'success' : 'neutral';
}

/** A length of time in minutes: 90 → "1 h 30 min", 60 → "1 h", 45 → "45 min"; a dash when it is not one. */
export function durationWords(minutes: number | null | undefined): string {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) return '—';
  const whole = Math.round(minutes);
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** The sessions in a phrase: "No sessions yet", "1 session, 1 h 30 min", "3 sessions, 4 h in all". */
export function sessionsSummary(sessions: readonly { minutes: number }[]): string {
  if (sessions.length === 0) return 'No sessions yet';
  const total = durationWords(sessions.reduce((n, s) => n + s.minutes, 0));
  return sessions.length === 1 ? `1 session, ${total}` : `${sessions.length} sessions, ${total} in all`;
}

/** The pre-audit's outcome: whether the organisation is ready to apply. */
export function preAuditOutcome(positive: boolean | undefined): string {
  return positive ? 'Ready to apply' : 'Not yet ready';
}

/** The on-site audit's outcome: whether the consultant recommends the mark in principle. */
export function siteAuditOutcome(positive: boolean | undefined): string {
  return positive ? 'Mark recommended in principle' : 'Not yet recommended';
}

/** The plan's progress: "Nothing planned yet", "1 of 3 done", "All 2 done". */
export function planProgress(plan: readonly { done?: boolean }[]): string {
  if (plan.length === 0) return 'Nothing planned yet';
  const done = plan.filter((p) => p.done).length;
  if (done === plan.length) return plan.length === 1 ? 'Done' : `All ${plan.length} done`;
  return `${done} of ${plan.length} done`;
}

/** When a plan item is due: "Due 27 Dec 2026", or "No date set". */
export function dueWords(dueOn: string | undefined): string {
  return dueOn ? `Due ${formatDate(dueOn)}` : 'No date set';
}

/** Today's date as the server counts it (UTC), "2026-12-06": what has happened is dated no later. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

// ---- The editor's draft

export interface RecommendationRow {
  key: string;
  title: string;
  detail: string;
}
export interface PlanRow {
  key: string;
  topic: string;
  kind: SupportKind;
  due_on: string;
  done: boolean;
}
export interface SessionRow {
  key: string;
  held_on: string;
  /** As typed: a whole number of minutes once checked. */
  minutes: string;
  summary: string;
}
/** An audit visit; `recorded` false sends none, keeping what was typed in case it is ticked again. */
export interface AuditDraft {
  recorded: boolean;
  done_on: string;
  findings: string;
  positive: boolean;
}
export interface EngagementDraft {
  needs_review: string;
  recommendations: RecommendationRow[];
  plan: PlanRow[];
  sessions: SessionRow[];
  pre_audit: AuditDraft;
  site_audit: AuditDraft;
}

export type RowSection = 'recommendations' | 'plan' | 'sessions';
export type AuditName = 'pre_audit' | 'site_audit';

let lastKey = 0;
/** A key for a new row, unique in this page. */
export function newRowKey(): string {
  lastKey += 1;
  return `r${lastKey}`;
}

export function emptyRecommendation(): RecommendationRow {
  return { key: newRowKey(), title: '', detail: '' };
}
export function emptyPlanItem(): PlanRow {
  return { key: newRowKey(), topic: '', kind: 'training', due_on: '', done: false };
}
/** A session held today, of an hour, as a start. */
export function emptySession(today: string = todayIso()): SessionRow {
  return { key: newRowKey(), held_on: today, minutes: '60', summary: '' };
}
export function emptyAudit(): AuditDraft {
  return { recorded: false, done_on: '', findings: '', positive: false };
}

/** The engagement's content as a draft to edit. */
export function draftOf(e: Pick<Engagement, 'needs_review' | 'recommendations' | 'plan' | 'sessions' | 'pre_audit' | 'site_audit'>): EngagementDraft {
  const audit = (v: Engagement['pre_audit']): AuditDraft =>
    v ? { recorded: true, done_on: v.done_on, findings: v.findings, positive: v.positive ?? false } : emptyAudit();
  return {
    needs_review: e.needs_review,
    recommendations: e.recommendations.map((r) => ({ key: newRowKey(), title: r.title, detail: r.detail ?? '' })),
    plan: e.plan.map((p) => ({ key: newRowKey(), topic: p.topic, kind: p.kind, due_on: p.due_on ?? '', done: p.done ?? false })),
    sessions: e.sessions.map((s) => ({ key: newRowKey(), held_on: s.held_on, minutes: String(s.minutes), summary: s.summary })),
    pre_audit: audit(e.pre_audit),
    site_audit: audit(e.site_audit),
  };
}

/** What is sent: the whole content with the version read. */
export function inputOf(d: EngagementDraft, version: number): EngagementInput {
  const audit = (a: AuditDraft) => (a.recorded ? { done_on: a.done_on, findings: a.findings, positive: a.positive } : null);
  return {
    needs_review: d.needs_review,
    recommendations: d.recommendations.map((r) => ({ title: r.title.trim(), detail: r.detail })),
    plan: d.plan.map((p) => ({ topic: p.topic.trim(), kind: p.kind, due_on: p.due_on, done: p.done })),
    sessions: d.sessions.map((s) => ({ held_on: s.held_on, minutes: Number(s.minutes.trim()), summary: s.summary })),
    pre_audit: audit(d.pre_audit),
    site_audit: audit(d.site_audit),
    version,
  };
}

/** Whether the draft says anything other than the engagement as saved. */
export function isDirty(d: EngagementDraft, saved: Parameters<typeof draftOf>[0]): boolean {
  return JSON.stringify(inputOf(d, 0)) !== JSON.stringify(inputOf(draftOf(saved), 0));
}

// ---- Where a problem is

/**
 * The key of one input of the form: "needs_review"; a row's field
 * "sessions.r7.held_on"; an audit's field "pre_audit.findings"; an audit as a
 * whole "site_audit"; a list as a whole "plan".
 */
export function rowFieldKey(section: RowSection, rowKey: string, field: string): string {
  return `${section}.${rowKey}.${field}`;
}

/** The first input of a row or an audit, where a problem with it as a whole is shown. */
const FIRST_FIELD: Record<RowSection, string> = { recommendations: 'title', plan: 'topic', sessions: 'held_on' };
const ROW_FIELDS: Record<RowSection, readonly string[]> = {
  recommendations: ['title', 'detail'],
  plan: ['topic', 'kind', 'due_on', 'done'],
  sessions: ['held_on', 'minutes', 'summary'],
};
const AUDIT_FIELDS = ['done_on', 'findings', 'positive'] as const;

/**
 * The form's key for the server's path of a problem, the row found by its
 * place in the draft that was sent: "sessions[1].held_on" → "sessions.r7.held_on".
 * A path to a row that is not there names the list; one the form has no
 * input for, null.
 */
export function keyOfPath(path: string, draft: Pick<EngagementDraft, RowSection>): string | null {
  const p = path.replace(/^\$\.?/, '');
  if (p === 'needs_review') return p;
  const row = /^(recommendations|plan|sessions)(?:\[(\d+)\](?:\.(\w+))?)?$/.exec(p);
  if (row) {
    const section = row[1] as RowSection;
    if (row[2] === undefined) return section;
    const found = draft[section][Number(row[2])];
    if (!found) return section;
    const field = row[3] && ROW_FIELDS[section].includes(row[3]) ? row[3] : FIRST_FIELD[section];
    return rowFieldKey(section, found.key, field);
  }
  const audit = /^(pre_audit|site_audit)(?:\.(\w+))?$/.exec(p);
  if (audit) {
    if (audit[2] === undefined) return audit[1];
    return (AUDIT_FIELDS as readonly string[]).includes(audit[2]) ? `${audit[1]}.${audit[2]}` : audit[1];
  }
  return null;
}

/** The id of the input a key names, for labels, links and focus: "eng-sessions-r7-held_on". */
export function inputId(key: string): string {
  return `eng-${key.replace(/\./g, '-')}`;
}

const REQUIRED: Record<string, string> = {
  title: 'Enter a title for the recommendation.',
  topic: 'Enter what the plan item is about.',
  held_on: 'Enter the date the session was held.',
  summary: 'Write a summary of the session.',
  done_on: 'Enter the date it took place.',
  findings: 'Write the findings.',
};

/** A server's message for an input, as a sentence that says what to do ("is required" says which). */
export function messageFor(key: string, message: string): string {
  const field = key.split('.').pop() ?? '';
  if (/^is required\.?$/i.test(message.trim()) && REQUIRED[field]) return REQUIRED[field];
  return asSentence(message.trim());
}

/**
 * The server's problems put where they belong: each beside the input its
 * path names (the first one for each input), and those the form has no
 * input for, in words, for the top of the form.
 */
export function placeProblems(
  problems: readonly { field: string; message: string }[],
  draft: Pick<EngagementDraft, RowSection>,
): { byKey: Record<string, string>; unplaced: string[] } {
  const byKey: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const p of problems) {
    const key = p.field ? keyOfPath(p.field, draft) : null;
    if (key && !byKey[key]) byKey[key] = messageFor(key, p.message);
    else if (!key) unplaced.push(asSentence(p.message.trim()));
  }
  return { byKey, unplaced };
}

function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const chars = (text: string) => [...text].length;

/**
 * The form's own checks, as the server makes them, before sending: titles,
 * topics and summaries written, dates real, lengths from 1 to 480 minutes,
 * an audit recorded with its date and findings, the on-site audit after the
 * pre-audit. Whether a date is after today the server judges (its today).
 */
export function checkDraft(d: EngagementDraft): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, message: string) => {
    if (!out[key]) out[key] = message;
  };
  if (chars(d.needs_review) > TEXT_MAX) put('needs_review', `Shorten the review of needs to at most ${TEXT_MAX} characters.`);
  for (const r of d.recommendations) {
    const k = (f: string) => rowFieldKey('recommendations', r.key, f);
    if (!r.title.trim()) put(k('title'), REQUIRED.title);
    else if (chars(r.title.trim()) > TITLE_MAX) put(k('title'), `Shorten the title to at most ${TITLE_MAX} characters.`);
    if (chars(r.detail) > TEXT_MAX) put(k('detail'), `Shorten the detail to at most ${TEXT_MAX} characters.`);
  }
  for (const p of d.plan) {
    const k = (f: string) => rowFieldKey('plan', p.key, f);
    if (!p.topic.trim()) put(k('topic'), REQUIRED.topic);
    else if (chars(p.topic.trim()) > TITLE_MAX) put(k('topic'), `Shorten the topic to at most ${TITLE_MAX} characters.`);
    if (p.due_on && !isDate(p.due_on)) put(k('due_on'), 'Enter a real date, or leave it empty.');
  }
  for (const s of d.sessions) {
    const k = (f: string) => rowFieldKey('sessions', s.key, f);
    if (!s.held_on) put(k('held_on'), REQUIRED.held_on);
    else if (!isDate(s.held_on)) put(k('held_on'), 'Enter a real date.');
    const minutes = s.minutes.trim();
    if (!/^\d+$/.test(minutes) || Number(minutes) < MINUTES_MIN || Number(minutes) > MINUTES_MAX)
      put(k('minutes'), `Enter a whole number of minutes from ${MINUTES_MIN} to ${MINUTES_MAX} (8 hours).`);
    if (!s.summary.trim()) put(k('summary'), REQUIRED.summary);
    else if (chars(s.summary) > TEXT_MAX) put(k('summary'), `Shorten the summary to at most ${TEXT_MAX} characters.`);
  }
  for (const name of ['pre_audit', 'site_audit'] as const) {
    const a = d[name];
    if (!a.recorded) continue;
    if (!a.done_on) put(`${name}.done_on`, REQUIRED.done_on);
    else if (!isDate(a.done_on)) put(`${name}.done_on`, 'Enter a real date.');
    if (!a.findings.trim()) put(`${name}.findings`, REQUIRED.findings);
    else if (chars(a.findings) > TEXT_MAX) put(`${name}.findings`, `Shorten the findings to at most ${TEXT_MAX} characters.`);
  }
  if (d.site_audit.recorded && !d.pre_audit.recorded) put('site_audit', 'Record the pre-audit first: the on-site audit follows it.');
  else if (d.site_audit.recorded && d.pre_audit.recorded && isDate(d.site_audit.done_on) && isDate(d.pre_audit.done_on) && d.site_audit.done_on < d.pre_audit.done_on)
    put('site_audit.done_on', `Enter a date on or after the pre-audit’s, ${formatDate(d.pre_audit.done_on)}.`);
  return out;
}

const SECTION_ROW: Record<RowSection, string> = { recommendations: 'Recommendation', plan: 'Plan item', sessions: 'Session' };
const FIELD_WORDS: Record<string, string> = {
  title: 'title',
  detail: 'detail',
  topic: 'topic',
  kind: 'kind',
  due_on: 'due date',
  done: 'done',
  held_on: 'date',
  minutes: 'length',
  summary: 'summary',
  findings: 'findings',
  positive: 'outcome',
};
const SECTION_WORDS: Record<string, string> = {
  needs_review: 'Review of needs',
  recommendations: 'Recommendations',
  plan: 'Training and mentoring plan',
  sessions: 'Sessions',
  pre_audit: 'Pre-audit',
  site_audit: 'On-site audit',
};

/** Where a key is, in words, with the row's place now: "Session 2, date", "Pre-audit, findings", "On-site audit". */
export function placeInWords(key: string, draft: Pick<EngagementDraft, RowSection>): string {
  const [first, second, third] = key.split('.');
  if (third !== undefined && first in SECTION_ROW) {
    const section = first as RowSection;
    const index = draft[section].findIndex((r) => r.key === second);
    const row = index < 0 ? SECTION_WORDS[section] : `${SECTION_ROW[section]} ${index + 1}`;
    return `${row}, ${FIELD_WORDS[third] ?? third}`;
  }
  if (second !== undefined) return `${SECTION_WORDS[first] ?? first}, ${FIELD_WORDS[second] ?? second}`;
  return SECTION_WORDS[first] ?? first;
}

/** The keys of the form's inputs in the order they appear, for a list of problems in the same order. */
export function keysInOrder(d: EngagementDraft): string[] {
  const keys = ['needs_review', 'recommendations'];
  for (const r of d.recommendations) keys.push(...ROW_FIELDS.recommendations.map((f) => rowFieldKey('recommendations', r.key, f)));
  keys.push('plan');
  for (const p of d.plan) keys.push(...ROW_FIELDS.plan.map((f) => rowFieldKey('plan', p.key, f)));
  keys.push('sessions');
  for (const s of d.sessions) keys.push(...ROW_FIELDS.sessions.map((f) => rowFieldKey('sessions', s.key, f)));
  for (const name of ['pre_audit', 'site_audit']) keys.push(name, ...AUDIT_FIELDS.map((f) => `${name}.${f}`));
  return keys;
}

/** The problems beside inputs still on the form, in its order, each with where it is: for the list at the top. */
export function problemList(errors: Record<string, string>, d: EngagementDraft): { key: string; where: string; message: string }[] {
  return keysInOrder(d)
    .filter((k) => errors[k])
    .map((k) => ({ key: k, where: placeInWords(k, d), message: errors[k] }));
}

/** The errors without those of a row just removed. */
export function withoutRow(errors: Record<string, string>, section: RowSection, rowKey: string): Record<string, string> {
  const prefix = `${section}.${rowKey}.`;
  return Object.fromEntries(Object.entries(errors).filter(([k]) => !k.startsWith(prefix)));
}
