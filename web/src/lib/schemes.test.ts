import { describe, expect, it } from 'vitest';
import { makeScheme, svmc, svqm, svqmStandards } from '../test/schemes';
import {
  checkingInWords,
  compareForms,
  describeFileMessage,
  describeFilePath,
  diffSchemes,
  feeRange,
  latestSchemes,
  listInWords,
  schemeFamilies,
  schemeFromFile,
  schemeLabel,
  schemeSummary,
  schemeVersions,
  stagesInWords,
} from './schemes';

const all = [svmc, svqm, svqmStandards];

describe('telling the schemes apart', () => {
  it('adds the span of its levels to a scheme that shares its name with another form', () => {
    expect(schemeLabel(svqm, all)).toBe('Social Value Quality Mark (Pledges to Organisation-wide)');
    expect(schemeLabel(svqmStandards, all)).toBe('Social Value Quality Mark (Bronze to Platinum)');
    expect(schemeLabel(svmc, all)).toBe('Social Value Management Certificate');
    // Alone, the Quality Mark keeps its own name.
    expect(schemeLabel(svqm, [svqm, svmc])).toBe('Social Value Quality Mark');
  });

  it('finds the schemes that come in more than one form', () => {
    const families = schemeFamilies(all);
    expect(families.map((f) => [f.name, f.forms.map((s) => s.id)])).toEqual([['Social Value Quality Mark', ['svqm', 'svqm-standards']]]);
  });

  it('says how the two forms of the Quality Mark differ, in words', () => {
    expect(schemeSummary(svqm)).toMatch(/pledge .* forecast .* evaluate .* whole organisation/);
    expect(schemeSummary(svqmStandards)).toMatch(/nine standards/);
    expect(checkingInWords(svqm)).toBe('Level 1 (Pledges) is self-declared; an assessor of the certifying body checks the evidence for the others.');
    expect(checkingInWords(svqmStandards)).toBe('An assessor of the certifying body checks the evidence for every level.');
    expect(stagesInWords(svqmStandards)).toBe(
      'Each level takes in more of its nine stages (Plan, Demonstrate, Calculate, Report, Eco System, Performance Manage, Trust, Influence & Leadership and Culture): five at Bronze, five at Silver, seven at Gold and all nine at Platinum.',
    );
    expect(stagesInWords(svmc)).toBe('Every level is assessed across the same five stages: Creating Capacity, Plan, Do, Assess and Revise.');
    const rows = compareForms([svqm, svqmStandards]);
    expect(rows.find((r) => r.aspect === 'Levels')?.values).toEqual(['Pledges, Forecast, Evaluation and Organisation-wide', 'Bronze, Silver, Gold and Platinum']);
    expect(rows.find((r) => r.aspect === 'Fees')?.same).toBe('£500.00 to £1,250.00 a level or renewal, by the size of the organisation, plus VAT at 20 %');
  });

  it('describes a scheme it does not know from its data', () => {
    const other = makeScheme('other', 'Local Mark', 1, [{ name: 'Start', stages: { Plan: [['o.1', 'A plan.']] } }, { name: 'Finish', stages: {} }]);
    expect(schemeSummary(other)).toBe('Two levels, from Start to Finish. An assessor of the certifying body checks the evidence for every level.');
    expect(feeRange(makeScheme('x', 'X', 1, [], { fees: { currency: 'GBP', vat_percent: 20, per_level_or_renewal: { small: 9, medium: 9, large: 9, very_large: 9 } } }))).toBe(
      '£9.00 a level or renewal, by the size of the organisation, plus VAT at 20 %',
    );
  });

  it('keeps the newest version of each scheme, and lists every version newest first', () => {
    const v3 = { ...svmc, version: 3 };
    expect(latestSchemes([svmc, svqm, v3]).map((s) => [s.id, s.version])).toEqual([
      ['svmc', 3],
      ['svqm', 1],
    ]);
    expect(schemeVersions([svmc, svqm, v3]).map((f) => f.versions.map((s) => s.version))).toEqual([[3, 2], [1]]);
  });
});

describe('diffSchemes', () => {
  it('says in words what changed: criteria added, removed and reworded, levels, fees and validity', () => {
    const after = structuredClone(svmc);
    after.version = 3;
    after.validity_months = 36;
    after.preparation_call = true;
    after.fees.per_level_or_renewal.small = 600;
    after.levels[0].stages[0].criteria[0].text = 'A named Social Value Lead and senior leader are responsible.';
    after.levels[0].stages[1].criteria = [];
    after.levels[0].stages.push({ name: 'Learn', criteria: [{ id: 'svmc.1.learn.1', text: 'Learning is shared.', evidence_guidance: 'Minutes.' }] });
    after.levels[1].name = 'Put in place';
    after.levels[2].verified = false;
    after.levels.push({ number: 4, name: 'Lead', verified: true, min_pledges: 0, evidence_guidance: '', stages: [] });
    const groups = diffSchemes(svmc, after);
    expect(groups.map((g) => g.title)).toEqual(['The scheme as a whole', 'Level 1: Commit', 'Level 2: Put in place', 'Level 3: Manage']);
    const text = groups.flatMap((g) => g.changes.map((c) => c.text)).join('\n');
    expect(text).toContain('An award now lasts 36 months (three years), instead of 24 months (two years).');
    expect(text).toContain('The fee for a small organisation is now £600.00 a level or renewal, instead of £500.00.');
    expect(text).toContain('An organisation now holds a preparation call with the Assurance Manager before it submits an application.');
    expect(text).toContain('Level 4, Lead, is new, with no criteria.');
    expect(text).toContain('A criterion in Creating Capacity was reworded.');
    expect(text).toContain('The stage “Learn” is new at this level.');
    expect(text).toContain('New criterion in Learn: “Learning is shared.”');
    expect(text).toContain('Criterion removed from Plan: “A social value policy is endorsed.”');
    expect(text).toContain('The level is now called “Put in place” (it was “Implement”).');
    expect(text).toContain('This level is now self-declared');
    const reworded = groups[1].changes.find((c) => c.before);
    expect(reworded).toMatchObject({ before: 'A named Social Value Lead is responsible.', after: 'A named Social Value Lead and senior leader are responsible.' });
    // No code of a criterion, and no id of the scheme, in the words.
    expect(text).not.toMatch(/svmc|learn\.1/);
  });

  it('finds nothing between a version and itself', () => {
    expect(diffSchemes(svmc, structuredClone(svmc))).toEqual([]);
  });
});

describe('scheme files', () => {
  const file = {
    id: 'svmc',
    name: 'Social Value Management Certificate',
    version: 3,
    currency: 'GBP',
    fees_pence: { small: 50000, medium: 75000, large: 100000, very_large: 125000 },
    vat_percent: 20,
    validity_months: 24,
    stages: ['Creating Capacity', 'Plan'],
    levels: [
      {
        number: 1,
        name: 'Commit',
        verified: true,
        criteria: [
          { id: 'svmc.1.plan.1', stage: 'Plan', text: 'A policy.', evidence_guidance: 'The policy.' },
          { id: 'svmc.1.cc.1', stage: 'Creating Capacity', text: 'The organisation has planned how it will involve its stakeholders in deciding.', evidence_guidance: '' },
        ],
      },
    ],
  };

  it('reads a file as the API shows a scheme, criteria grouped by stage in the file’s order', () => {
    const s = schemeFromFile(file);
    expect(s?.fees.per_level_or_renewal.small).toBe(500);
    expect(s?.levels[0].stages.map((st) => [st.name, st.criteria.map((c) => c.id)])).toEqual([
      ['Creating Capacity', ['svmc.1.cc.1']],
      ['Plan', ['svmc.1.plan.1']],
    ]);
    expect(schemeFromFile([1])).toBeNull();
    expect(schemeFromFile({ id: 'x' })).toBeNull();
  });

  it('names the place of a problem in words, never as a path', () => {
    expect(describeFilePath('$', file)).toBe('The file');
    expect(describeFilePath('version', file)).toBe('The version number');
    expect(describeFilePath('fees_pence.very_large', file)).toBe('The fee for a very large organisation');
    expect(describeFilePath('sign_off[1]', file)).toBe('Who signs off, entry 2');
    expect(describeFilePath('stages[1]', file)).toBe('Stage 2 “Plan”');
    expect(describeFilePath('levels[0].name', file)).toBe('Level 1 “Commit”, its name');
    expect(describeFilePath('levels[0].criteria[1].text', file)).toBe(
      'Level 1 “Commit”, criterion 2 “The organisation has planned how it will involve its…”, its text',
    );
    expect(describeFilePath('levels[4].criteria[0].stage', file)).toBe('Level 5, criterion 1, its stage');
    expect(describeFilePath('extra_things[2].x', file)).not.toMatch(/\[|_/);
  });

  it('puts names for ids and words for codes in the server’s messages', () => {
    const names = new Map([['svmc', 'Social Value Management Certificate']]);
    expect(describeFileMessage('Must be above 2, the latest version of svmc', names)).toBe(
      'must be above 2, the latest version of the Social Value Management Certificate',
    );
    expect(describeFileMessage('Must be "lead" or "senior_leader"', names)).toBe('must be the Social Value Lead or the Senior Leader');
    expect(describeFileMessage('Repeats svmc.1.cc.1', names, new Map([['svmc.1.cc.1', 'A named lead.']]))).toBe('repeats the criterion “A named lead.”');
  });
});

describe('listInWords', () => {
  it('joins with commas and a last "and", or with semicolons when an item has its own "and"', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['Food'])).toBe('Food');
    expect(listInWords(['Food', 'Housing', 'Energy'])).toBe('Food, Housing and Energy');
    expect(listInWords(['Jobs and skills', 'Food and nutrition'])).toBe('Jobs and skills; Food and nutrition');
  });
});
