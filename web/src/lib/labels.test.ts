import { describe, expect, it } from 'vitest';
import type { SchemeLevel } from '../api';
import { criterionName, criterionWords, enumsInWords, fieldInWords, problemsInWords, shortCriterionText } from './labels';

const level: SchemeLevel = {
  number: 1,
  name: 'Commit',
  verified: true,
  min_pledges: 0,
  evidence_guidance: '',
  stages: [
    {
      name: 'Creating Capacity',
      criteria: [
        { id: 'svmc.1.cc.1', text: 'A named Social Value Lead is responsible.', evidence_guidance: '' },
        { id: 'svmc.1.cc.2', text: 'Resources are committed.', evidence_guidance: '' },
      ],
    },
    { name: 'Do', criteria: [{ id: 'svmc.1.do.1', text: 'The plan is carried out.', evidence_guidance: '' }] },
  ],
};

describe('criteria in words', () => {
  it('names each criterion by its stage and its place in the stage', () => {
    const words = criterionWords(level);
    expect(words.get('svmc.1.cc.2')).toEqual({ stage: 'Creating Capacity', number: 2, name: 'Creating Capacity, criterion 2', text: 'Resources are committed.' });
    expect(words.get('svmc.1.do.1')?.name).toBe('Do, criterion 1');
    expect(criterionWords(undefined).size).toBe(0);
  });

  it('finds a criterion in the schemes, and never shows a code it cannot find', () => {
    const scheme = { id: 'svmc', name: 'SVMC', version: 2, validity_months: 24, levels: [level] } as unknown as Parameters<typeof criterionName>[0][number];
    expect(criterionName([scheme], 'svmc.1.do.1')).toBe('Do, criterion 1');
    expect(criterionName([scheme], 'svmc.9.x.1')).toBe('a criterion');
  });

  it('cuts a long criterion at a word', () => {
    expect(shortCriterionText('short')).toBe('short');
    expect(shortCriterionText('one two three four', 10)).toBe('one two…');
  });
});

describe('where an error is, in words', () => {
  it('turns a JSON path into places', () => {
    expect(fieldInWords('outcomes[2].proxy.value')).toBe('Outcome 3, proxy value');
    expect(fieldInWords('$.questions[0].type')).toBe('Question 1, type');
    expect(fieldInWords('survey!D4')).toBe('Sheet “survey”, cell D4');
    expect(fieldInWords("'Value map'!AB12")).toBe('Sheet “Value map”, cell AB12');
    expect(fieldInWords('questions[1].options[3]')).toBe('Question 2, option 4');
    expect(fieldInWords('price_year')).toBe('Price year');
    expect(fieldInWords('membership.expiry')).toBe('Membership expiry');
    expect(fieldInWords('rows[3].value')).toBe('Row 3, value');
    expect(fieldInWords('entries[0]')).toBe('Entry 1');
  });

  it('lists the problems of an error', () => {
    expect(problemsInWords([{ field: 'due_date', message: 'must be a date' }, { field: '', message: 'try again' }])).toBe('Due date: must be a date; try again');
  });
});

describe('server messages in words', () => {
  it('replaces the values the API spells in snake_case by their labels', () => {
    expect(enumsInWords('another application to SVMC (level 1) is still in_review: one level at a time')).toBe(
      'another application to SVMC (level 1) is still in review: one level at a time',
    );
    expect(enumsInWords('expected draft or amendments_requested; role senior_leader')).toBe('expected draft or amendments requested; role senior leader');
    expect(enumsInWords('an unknown_value stays')).toBe('an unknown_value stays');
  });
});

describe('a form’s messages in words', () => {
  it('names the form’s fields and values in words', async () => {
    const { messageInWords } = await import('./labels');
    expect(messageInWords('must not be before opens_on', ['name', 'opens_on', 'closes_on'])).toBe('must not be before opens on');
    expect(messageInWords('the application is in_review')).toBe('the application is in review');
  });
});
