import { describe, expect, it } from 'vitest';
import type { Engagement } from '../api/engagements';
import {
  checkDraft,
  draftOf,
  dueWords,
  durationWords,
  emptyAudit,
  emptyPlanItem,
  emptyRecommendation,
  emptySession,
  inputId,
  inputOf,
  isDirty,
  keyOfPath,
  messageFor,
  placeInWords,
  placeProblems,
  planProgress,
  preAuditOutcome,
  problemList,
  sessionsSummary,
  siteAuditOutcome,
  todayIso,
  withoutRow,
  type EngagementDraft,
} from './engagements';

const saved: Pick<Engagement, 'needs_review' | 'recommendations' | 'plan' | 'sessions' | 'pre_audit' | 'site_audit'> = {
  needs_review: 'Attendance is recorded; outcomes are not.',
  recommendations: [{ title: 'Forecast the lunch club first', detail: 'It has the clearest stakeholders.' }],
  plan: [
    { topic: 'Involving stakeholders', kind: 'training', due_on: '2026-12-27', done: false },
    { topic: 'Monthly check-in', kind: 'mentoring', due_on: '', done: true },
  ],
  sessions: [
    { held_on: '2026-11-29', minutes: 45, summary: 'Outcomes discussed.' },
    { held_on: '2026-11-22', minutes: 90, summary: 'Kick-off.' },
  ],
  pre_audit: { done_on: '2026-11-29', findings: 'Not yet ready.', positive: false },
  site_audit: null,
};

describe('words', () => {
  it('says a length of time in hours and minutes', () => {
    expect(durationWords(90)).toBe('1 h 30 min');
    expect(durationWords(60)).toBe('1 h');
    expect(durationWords(45)).toBe('45 min');
    expect(durationWords(480)).toBe('8 h');
    expect(durationWords(1)).toBe('1 min');
    expect(durationWords(Number.NaN)).toBe('—');
    expect(durationWords(undefined)).toBe('—');
  });

  it('sums the sessions', () => {
    expect(sessionsSummary([])).toBe('No sessions yet');
    expect(sessionsSummary([{ minutes: 90 }])).toBe('1 session, 1 h 30 min');
    expect(sessionsSummary(saved.sessions)).toBe('2 sessions, 2 h 15 min in all');
  });

  it('says each audit’s outcome', () => {
    expect(preAuditOutcome(true)).toBe('Ready to apply');
    expect(preAuditOutcome(false)).toBe('Not yet ready');
    expect(preAuditOutcome(undefined)).toBe('Not yet ready');
    expect(siteAuditOutcome(true)).toBe('Mark recommended in principle');
    expect(siteAuditOutcome(false)).toBe('Not yet recommended');
  });

  it('says the plan’s progress and due dates in the house format', () => {
    expect(planProgress([])).toBe('Nothing planned yet');
    expect(planProgress(saved.plan)).toBe('1 of 2 done');
    expect(planProgress([{ done: true }, { done: true }])).toBe('All 2 done');
    expect(planProgress([{ done: true }])).toBe('Done');
    expect(dueWords('2026-12-27')).toBe('Due 27 Dec 2026');
    expect(dueWords('')).toBe('No date set');
  });

  it('counts today in UTC, as the server does', () => {
    expect(todayIso(new Date('2026-12-06T23:30:00Z'))).toBe('2026-12-06');
  });
});

describe('the draft', () => {
  it('round-trips the engagement and sends the whole content with the version', () => {
    const d = draftOf(saved);
    expect(d.sessions[1].minutes).toBe('90');
    expect(d.pre_audit.recorded).toBe(true);
    expect(d.site_audit).toEqual(emptyAudit());
    const input = inputOf(d, 4);
    expect(input.version).toBe(4);
    expect(input.sessions[1]).toEqual({ held_on: '2026-11-22', minutes: 90, summary: 'Kick-off.' });
    expect(input.pre_audit).toEqual({ done_on: '2026-11-29', findings: 'Not yet ready.', positive: false });
    expect(input.site_audit).toBeNull();
    expect(isDirty(d, saved)).toBe(false);
  });

  it('gives each new row a key of its own and sensible defaults', () => {
    const a = emptyRecommendation();
    const b = emptyRecommendation();
    expect(a.key).not.toBe(b.key);
    expect(a).toMatchObject({ title: '', detail: '' });
    expect(emptyPlanItem()).toMatchObject({ topic: '', kind: 'training', due_on: '', done: false });
    expect(emptySession('2026-12-06')).toMatchObject({ held_on: '2026-12-06', minutes: '60', summary: '' });
  });

  it('is dirty once anything changes, and an audit not recorded is sent as none', () => {
    const d = draftOf(saved);
    expect(isDirty({ ...d, needs_review: `${d.needs_review} More.` }, saved)).toBe(true);
    const unrecorded: EngagementDraft = { ...d, pre_audit: { ...d.pre_audit, recorded: false } };
    expect(isDirty(unrecorded, saved)).toBe(true);
    expect(inputOf(unrecorded, 1).pre_audit).toBeNull();
    // Ticked again, what was typed is there.
    expect(isDirty({ ...unrecorded, pre_audit: { ...unrecorded.pre_audit, recorded: true } }, saved)).toBe(false);
  });
});

describe('where a problem goes', () => {
  const d = draftOf(saved);
  const [first, second] = d.sessions;

  it('maps a path to the row sent at that place and its field', () => {
    expect(keyOfPath('sessions[1].held_on', d)).toBe(`sessions.${second.key}.held_on`);
    expect(keyOfPath('$.sessions[0].minutes', d)).toBe(`sessions.${first.key}.minutes`);
    expect(keyOfPath('plan[0].topic', d)).toBe(`plan.${d.plan[0].key}.topic`);
    expect(keyOfPath('recommendations[0].title', d)).toBe(`recommendations.${d.recommendations[0].key}.title`);
    expect(keyOfPath('needs_review', d)).toBe('needs_review');
    expect(keyOfPath('site_audit', d)).toBe('site_audit');
    expect(keyOfPath('site_audit.done_on', d)).toBe('site_audit.done_on');
    expect(keyOfPath('pre_audit.findings', d)).toBe('pre_audit.findings');
  });

  it('names the list for a row that is not there, the row’s first input for the row as a whole, and nothing for the rest', () => {
    expect(keyOfPath('sessions[7].held_on', d)).toBe('sessions');
    expect(keyOfPath('plan', d)).toBe('plan');
    expect(keyOfPath('plan[1]', d)).toBe(`plan.${d.plan[1].key}.topic`);
    expect(keyOfPath('version', d)).toBeNull();
    expect(keyOfPath('something_else', d)).toBeNull();
  });

  it('makes an id of a key', () => {
    expect(inputId('sessions.r7.held_on')).toBe('eng-sessions-r7-held_on');
    expect(inputId('needs_review')).toBe('eng-needs_review');
  });

  it('says what to do for "is required", and keeps the server’s other words as a sentence', () => {
    expect(messageFor(`sessions.${first.key}.summary`, 'Is required')).toBe('Write a summary of the session.');
    expect(messageFor(`sessions.${first.key}.held_on`, 'Cannot be after today: record it once it has taken place')).toBe(
      'Cannot be after today: record it once it has taken place.',
    );
  });

  it('places the server’s problems beside their inputs, and the rest for the top', () => {
    const placed = placeProblems(
      [
        { field: 'sessions[1].held_on', message: 'Cannot be after today: record it once it has taken place' },
        { field: 'sessions[1].held_on', message: 'A second problem with the same input' },
        { field: 'site_audit', message: 'Record the pre-audit first: the on-site audit follows it' },
        { field: 'colour', message: 'Is not a field' },
      ],
      d,
    );
    expect(placed.byKey).toEqual({
      [`sessions.${second.key}.held_on`]: 'Cannot be after today: record it once it has taken place.',
      site_audit: 'Record the pre-audit first: the on-site audit follows it.',
    });
    expect(placed.unplaced).toEqual(['Is not a field.']);
  });

  it('lists the problems in the form’s order, with each row’s place now', () => {
    const errors = {
      [`sessions.${second.key}.held_on`]: 'Cannot be after today.',
      needs_review: 'Too long.',
      'pre_audit.findings': 'Write the findings.',
    };
    expect(problemList(errors, d)).toEqual([
      { key: 'needs_review', where: 'Review of needs', message: 'Too long.' },
      { key: `sessions.${second.key}.held_on`, where: 'Session 2, date', message: 'Cannot be after today.' },
      { key: 'pre_audit.findings', where: 'Pre-audit, findings', message: 'Write the findings.' },
    ]);
    // A row taken away takes its problems with it, and the others keep their places.
    const shorter = { ...d, sessions: [second] };
    expect(placeInWords(`sessions.${second.key}.held_on`, shorter)).toBe('Session 1, date');
    expect(withoutRow(errors, 'sessions', second.key)).toEqual({ needs_review: 'Too long.', 'pre_audit.findings': 'Write the findings.' });
    expect(placeInWords('site_audit', d)).toBe('On-site audit');
  });
});

describe('the form’s own checks', () => {
  it('accepts the engagement as saved', () => {
    expect(checkDraft(draftOf(saved))).toEqual({});
  });

  it('asks for what is missing, beside each input', () => {
    const d = draftOf(saved);
    const rec = emptyRecommendation();
    const item = emptyPlanItem();
    const session = { ...emptySession('2026-12-01'), minutes: '0' };
    const errors = checkDraft({
      ...d,
      recommendations: [...d.recommendations, rec],
      plan: [...d.plan, { ...item, due_on: '2026-02-30' }],
      sessions: [session, ...d.sessions],
      pre_audit: { ...d.pre_audit, findings: ' ' },
    });
    expect(errors).toEqual({
      [`recommendations.${rec.key}.title`]: 'Enter a title for the recommendation.',
      [`plan.${item.key}.topic`]: 'Enter what the plan item is about.',
      [`plan.${item.key}.due_on`]: 'Enter a real date, or leave it empty.',
      [`sessions.${session.key}.minutes`]: 'Enter a whole number of minutes from 1 to 480 (8 hours).',
      [`sessions.${session.key}.summary`]: 'Write a summary of the session.',
      'pre_audit.findings': 'Write the findings.',
    });
  });

  it('wants the pre-audit before the on-site audit, and the on-site audit on or after it', () => {
    const d = draftOf(saved);
    const site = { recorded: true, done_on: '2026-11-20', findings: 'Seen on site.', positive: true };
    expect(checkDraft({ ...d, site_audit: site })).toEqual({ 'site_audit.done_on': 'Enter a date on or after the pre-audit’s, 29 Nov 2026.' });
    expect(checkDraft({ ...d, pre_audit: { ...d.pre_audit, recorded: false }, site_audit: site })).toEqual({
      site_audit: 'Record the pre-audit first: the on-site audit follows it.',
    });
    // An audit not recorded is not checked.
    expect(checkDraft({ ...d, pre_audit: { ...emptyAudit(), findings: '' } })).toEqual({});
  });
});
