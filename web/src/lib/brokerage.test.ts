import { describe, expect, it } from 'vitest';
import {
  EMPTY_NEED,
  moveAction,
  needToInput,
  partnershipFieldWords,
  partnershipToInput,
  penceToPounds,
  percentToShare,
  poundsToPence,
  shareToPercent,
  stageSteps,
  stageWords,
  timelineWords,
  togetherPercent,
  validateNeed,
  validatePartnership,
  emptyOutcome,
  partnershipDraft,
} from './brokerage';

const candidate = { entry_id: 'e1', organisation_id: 'o1', name: 'Harbour Café', summary: '', listed: true };

describe('stages in words', () => {
  it('names every stage and never shows a code', () => {
    expect(stageWords('proposed')).toBe('Proposed, waiting for the candidate’s answer');
    expect(stageWords('active')).toBe('Working together');
    expect(stageWords('something_new')).toBe('Unknown stage');
  });

  it('shows the steps done, the current one and those to come', () => {
    const steps = stageSteps('introduced', true, false);
    expect(steps.map((s) => s.label)).toEqual(['Proposed', 'Introduced', 'Agreed', 'Under way', 'Completed']);
    expect(steps.map((s) => s.state)).toEqual(['done', 'current', 'todo', 'todo', 'todo']);
    expect(stageSteps('shortlisted', false, true)[0].state).toBe('current');
  });

  it('shows how far a declined match came', () => {
    expect(stageSteps('declined', false, false).map((s) => `${s.label}:${s.state}`)).toEqual(['Declined:current']);
    expect(stageSteps('declined', true, false).map((s) => s.label)).toEqual(['Proposed', 'Introduced', 'Declined']);
    expect(stageSteps('declined', false, true).map((s) => s.label)).toEqual(['Shortlisted', 'Declined']);
  });
});

describe('moves as actions', () => {
  it('gives the candidate its own words', () => {
    const m = { party: 'candidate' as const, stage: 'proposed' as const, candidate };
    expect(moveAction('introduced', m).label).toBe('Accept and share our contact details');
    expect(moveAction('declined', m)).toMatchObject({ label: 'Decline', reason: true, tone: 'danger' });
  });

  it('asks the broker how an enterprise not on the platform said yes', () => {
    const off = { party: 'broker' as const, stage: 'proposed' as const, candidate: { ...candidate, organisation_id: null } };
    expect(moveAction('introduced', off)).toMatchObject({ label: 'Record their acceptance', answeredFor: true });
    expect(moveAction('introduced', { ...off, candidate }).answeredFor).toBe(false);
    expect(moveAction('proposed', { ...off, stage: 'shortlisted' })).toMatchObject({ label: 'Propose to the candidate', note: true });
  });

  it('lets a partner withdraw once introduced', () => {
    const m = { party: 'need' as const, stage: 'agreed' as const, candidate };
    expect(moveAction('declined', m).label).toBe('Withdraw');
    expect(moveAction('agreed', { ...m, stage: 'introduced' }).label).toBe('We have agreed to work together');
    expect(moveAction('active', m).label).toBe('The work has started');
    expect(moveAction('completed', m).label).toBe('Mark as completed');
  });
});

describe('money and dates of a need', () => {
  it('reads pounds as typed into pence', () => {
    expect(poundsToPence('12,000')).toBe(1_200_000);
    expect(poundsToPence(' £1,500.50 ')).toBe(150_050);
    expect(poundsToPence('0.1')).toBe(10);
    expect(poundsToPence('')).toBeNull();
    expect(poundsToPence('-5')).toBeUndefined();
    expect(poundsToPence('twelve')).toBeUndefined();
    expect(poundsToPence('1.234')).toBeUndefined();
  });

  it('writes pence back as pounds', () => {
    expect(penceToPounds(1_200_000)).toBe('12000');
    expect(penceToPounds(150_050)).toBe('1500.50');
    expect(penceToPounds(null)).toBe('');
  });

  it('checks the form as the server does', () => {
    const errors = validateNeed({ ...EMPTY_NEED, title: 'ab', budget: 'lots', starts_on: '2027-05-01', ends_on: '2027-04-01' });
    expect(errors.title).toBe('Use at least 3 characters for the title.');
    expect(errors.outcomes).toBe('Enter the outcomes you want.');
    expect(errors.themes).toBe('Choose at least one theme.');
    expect(errors.areas).toBe('Choose at least one area.');
    expect(validateNeed({ ...EMPTY_NEED, outcomes: 'Cooks' }).outcomes).toMatch(/at least 10 characters/);
    expect(errors.budget_pence).toMatch(/in pounds/);
    expect(errors.ends_on).toBe('The end cannot be before the start.');
    expect(errors.starts_on).toBeUndefined();
  });

  it('sends nothing typed as null', () => {
    const input = needToInput({ ...EMPTY_NEED, title: ' Cooks ', outcomes: 'x', themes: ['food'], areas: ['yorkshire'] });
    expect(input).toEqual({ title: 'Cooks', outcomes: 'x', themes: ['food'], areas: ['yorkshire'], budget_pence: null, starts_on: null, ends_on: null });
    expect(needToInput({ ...EMPTY_NEED, budget: '10' }, 3)).toMatchObject({ budget_pence: 1000, version: 3 });
  });

  it('says a timeline in words', () => {
    const f = (d: string) => `<${d}>`;
    expect(timelineWords('2027-04-01', '2027-09-30', f)).toBe('<2027-04-01> to <2027-09-30>');
    expect(timelineWords('2027-04-01', null, f)).toBe('From <2027-04-01>');
    expect(timelineWords(null, '2027-09-30', f)).toBe('Until <2027-09-30>');
    expect(timelineWords(null, null, f)).toBe('');
  });
});

describe('a partnership’s shares', () => {
  it('reads percentages into fractions and back', () => {
    expect(percentToShare('50')).toBe(0.5);
    expect(percentToShare('12.5 %')).toBe(0.125);
    expect(percentToShare('')).toBe(0);
    expect(percentToShare('101')).toBeUndefined();
    expect(percentToShare('-1')).toBeUndefined();
    expect(shareToPercent(0.125)).toBe('12.5');
    expect(shareToPercent(1 / 3)).toBe('33.33');
  });

  it('adds the shares together', () => {
    expect(togetherPercent(['50', '50'])).toBe(100);
    expect(togetherPercent(['70', '50'])).toBe(120);
    expect(togetherPercent(['33.3', 'x'])).toBe(33.3);
    expect(togetherPercent(['0.1', '0.2'])).toBe(0.3);
  });

  it('refuses more than 100% together, beside the shares', () => {
    const o = emptyOutcome();
    o.claims[0].share = '70';
    o.claims[1].share = '50';
    o.claims[1].map_id = 'm1';
    const errors = validatePartnership([o]);
    expect(errors['outcomes[0].description']).toBe('Say what the partners create together.');
    expect(errors['outcomes[0].claims']).toMatch(/add up to 120%/);
    expect(errors['outcomes[0].claims[1].outcome_id']).toMatch(/Choose the outcome/);
    o.description = 'Volunteers cook safely';
    o.claims[0].share = '50';
    o.claims[1].map_id = '';
    expect(validatePartnership([o])).toEqual({});
  });

  it('sends what the editor holds, and reads it back', () => {
    const o = { id: 'x1', description: ' Meals ', claims: [
      { partner: 'need' as const, share: '50', map_id: 'm1', outcome_id: 'o1' },
      { partner: 'candidate' as const, share: '50', map_id: '', outcome_id: 'stale' },
    ] };
    const input = partnershipToInput([o], 4);
    expect(input).toEqual({
      version: 4,
      outcomes: [{ id: 'x1', description: 'Meals', claims: [
        { partner: 'need', share: 0.5, map_id: 'm1', outcome_id: 'o1' },
        { partner: 'candidate', share: 0.5, map_id: null, outcome_id: null },
      ] }],
    });
    const back = partnershipDraft({ partnership: [{ id: 'x1', description: 'Meals', claims: [{ partner: 'candidate', share: 0.25 }] }] });
    expect(back[0].claims).toEqual([
      { partner: 'need', share: '', map_id: '', outcome_id: '' },
      { partner: 'candidate', share: '25', map_id: '', outcome_id: '' },
    ]);
  });

  it('names a field of the server in words', () => {
    expect(partnershipFieldWords('outcomes[1].claims')).toBe('Outcome 2, the shares');
    expect(partnershipFieldWords('outcomes[0].claims[1].share')).toBe('Outcome 1, the candidate’s side');
    expect(partnershipFieldWords('outcomes')).toBe('The partnership');
  });
});
