import { describe, expect, it } from 'vitest';
import type { Application } from '../../api';
import type { Pledge } from '../../api/measure';
import { tasksFor } from './OverviewSection';

const app = (over: Partial<Application>): Application =>
  ({ id: 'a1', state: 'draft', scheme_name: 'Social Value Quality Mark', level_name: 'Level 1: Pledges', missing_sign_offs: [], missing_evidence: [], ...over }) as Application;
const pledge = (over: Partial<Pledge>): Pledge => ({ id: 'p1', title: 'Buy local', status: 'open', overdue: false, due_date: '2026-01-31', owner_user_id: 'u2', ...over }) as Pledge;
const none = { maps: [], pledges: [], latest: null, surveys: [], applications: [] };

describe('what is waiting for the person looking', () => {
  it('asks each representative for their own sign-off only', () => {
    const o = { ...none, applications: [app({ missing_sign_offs: ['senior_leader'] })] };
    expect(tasksFor(o, 'org', { id: 'u1' }, 'senior_leader').map((t) => t.text)).toEqual(['Sign off the Social Value Quality Mark application (Level 1: Pledges)']);
    expect(tasksFor(o, 'org', { id: 'u1' }, 'lead')).toEqual([]);
    expect(tasksFor(o, 'org', { id: 'u1' }, 'member')).toEqual([]);
  });
  it('asks for no sign-off while evidence is missing, as the home page’s inbox does not', () => {
    const o = { ...none, applications: [app({ missing_sign_offs: ['lead', 'senior_leader'], missing_evidence: ['x'] })] };
    expect(tasksFor(o, 'org', { id: 'u1' }, 'senior_leader')).toEqual([]);
    expect(tasksFor(o, 'org', { id: 'u1' }, 'lead').map((t) => t.text)).toEqual(['Add evidence to the Social Value Quality Mark application: 1 still to do']);
  });
  it('gives the lead the evidence still to add and the amendments to answer', () => {
    const o = { ...none, applications: [app({ missing_evidence: ['x', 'y'] }), app({ id: 'a2', state: 'amendments_requested' })] };
    const texts = tasksFor(o, 'org', { id: 'u1' }, 'lead').map((t) => t.text);
    expect(texts).toEqual(['Add evidence to the Social Value Quality Mark application: 2 still to do', 'Answer the assessor’s amendments to the Social Value Quality Mark application']);
  });
  it('names overdue pledges to their owner and the lead, not to other members', () => {
    const o = { ...none, pledges: [pledge({ overdue: true }), pledge({ id: 'p2', title: 'On time' })] };
    expect(tasksFor(o, 'org', { id: 'u2' }, 'member').map((t) => t.text)).toEqual(['Update the overdue pledge “Buy local” (due 31 Jan 2026)']);
    expect(tasksFor(o, 'org', { id: 'u1' }, 'lead')).toHaveLength(1);
    expect(tasksFor(o, 'org', { id: 'u3' }, 'member')).toEqual([]);
  });
});
