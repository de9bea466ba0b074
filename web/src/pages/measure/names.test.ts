import { describe, expect, it } from 'vitest';
import type { ImpactMap } from '../../api/measure';
import { describePath, humaniseMessage, idFromName, outcomeName, outcomeNames, parameterLabel, stakeholderName } from './names';

const map: ImpactMap = {
  name: 'Lunch club',
  stakeholders: [
    { id: 'members', name: 'Older people attending' },
    { id: 'volunteers', name: '' },
  ],
  inputs: [{ stakeholder: 'council', description: 'Council grant', value: 28000 }],
  outcomes: [
    { id: 'members-less-lonely', stakeholder: 'members', description: 'Members feel less lonely', quantity: 1, duration_years: 1, proxy: { value: 1 } },
    { id: 'outcome-2', stakeholder: 'volunteers', description: '', quantity: 1, duration_years: 1, proxy: { value: 1 } },
  ],
};

describe('names instead of ids', () => {
  it('maps outcome and stakeholder ids to the names people gave them', () => {
    expect(outcomeName(map, 'members-less-lonely')).toBe('Members feel less lonely');
    expect(outcomeName(map, 'outcome-2')).toBe('Outcome 2');
    expect(outcomeName(map, 'gone')).toBe('gone');
    expect(stakeholderName(map, 'members')).toBe('Older people attending');
    expect(stakeholderName(map, 'volunteers')).toBe('volunteers');
    expect(stakeholderName(map, 'council')).toBe('council');
    expect([...outcomeNames(map)]).toEqual([
      ['members-less-lonely', 'Members feel less lonely'],
      ['outcome-2', 'Outcome 2'],
    ]);
  });

  it('says where a finding or error is without a JSON path', () => {
    expect(describePath(map, 'outcomes[0].deadweight')).toBe('Outcome 1 “Members feel less lonely”, Deadweight %');
    expect(describePath(map, 'outcomes[0].proxy.value')).toBe('Outcome 1 “Members feel less lonely”, Proxy value');
    expect(describePath(map, 'outcomes[0].quantity.high')).toBe('Outcome 1 “Members feel less lonely”, Quantity');
    expect(describePath(map, 'outcomes[0].sample_size')).toBe('Outcome 1 “Members feel less lonely”, Sample size');
    expect(describePath(map, 'outcomes[1]')).toBe('Outcome 2');
    expect(describePath(map, 'inputs[0].in_kind')).toBe('Input 1 “Council grant”, In kind');
    expect(describePath(map, 'stakeholders[0]')).toBe('Stakeholder group “Older people attending”');
    expect(describePath(map, 'stakeholders[0].size')).toBe('Stakeholder group “Older people attending”, Number in the group');
    expect(describePath(map, 'inputs[0].value')).toBe('Input 1 “Council grant”, Value');
    expect(describePath(map, 'discount_rate')).toBe('Discount rate');
    expect(describePath(map, '$')).toBe('The map');
    expect(describePath(map, 'verification')).toBe('Verification');
  });

  it('puts the server’s fraction messages in percentages', () => {
    expect(humaniseMessage('outcomes[0].deadweight', 'must be between 0 and 1, got 1.5')).toBe('must be a percentage from 0 to 100, got 150');
    expect(humaniseMessage('outcomes[0].quantity', 'must be at least 0, got -1')).toBe('must be at least 0, got -1');
  });

  it('names sensitivity parameters in words', () => {
    expect(parameterLabel('drop_off')).toBe('drop-off');
    expect(parameterLabel('proxy')).toBe('proxy value');
    expect(parameterLabel('something_new')).toBe('something new');
  });

  it('makes a stable id from a group’s first name', () => {
    expect(idFromName('Family carers', [])).toBe('family-carers');
    expect(idFromName('Family carers', ['family-carers'])).toBe('family-carers-2');
    expect(idFromName('Élèves', [])).toBe('eleves');
    expect(idFromName('!!!', [])).toBe('group');
  });
});
