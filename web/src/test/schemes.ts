// Schemes for the tests: the shapes of data/schemes/*.json as GET /schemes
// gives them, cut down to a criterion or two a stage.
import type { Scheme } from '../api';

type LevelSpec = { name: string; verified?: boolean; stages: Record<string, [string, string, string?][]> };

export function makeScheme(id: string, name: string, version: number, levels: LevelSpec[], extra: Partial<Scheme> = {}): Scheme {
  return {
    id,
    name,
    version,
    summary: '',
    owner: 'Social Value International',
    published: '2020-03-01',
    pass_mark_percent: 100,
    results_due_days: 21,
    appeal_working_days: 10,
    terms: null,
    preparation_call: false,
    sign_off: ['lead', 'senior_leader'],
    validity_months: 24,
    fees: { currency: 'GBP', vat_percent: 20, per_level_or_renewal: { small: 500, medium: 750, large: 1000, very_large: 1250 } },
    levels: levels.map((l, i) => ({
      number: i + 1,
      name: l.name,
      verified: l.verified ?? true,
      min_pledges: 0,
      evidence_guidance: '',
      stages: Object.entries(l.stages).map(([stage, criteria]) => ({
        name: stage,
        criteria: criteria.map(([cid, text, guidance]) => ({ id: cid, text, evidence_guidance: guidance ?? '' })),
      })),
    })),
    ...extra,
  };
}

export const svqm = makeScheme('svqm', 'Social Value Quality Mark', 1, [
  { name: 'Pledges', verified: false, stages: { Commitment: [['svqm.1.commit.1', 'The organisation has made social value pledges.', 'The pledges, each with an owner.']] } },
  { name: 'Forecast', stages: { Stakeholders: [['svqm.2.st.1', 'Stakeholders are identified.', 'A stakeholder map.']], Measurement: [['svqm.2.m.1', 'A forecast of value.', 'An impact map.']] } },
  { name: 'Evaluation', stages: { Stakeholders: [['svqm.3.st.1', 'Stakeholders were involved.', '']], Measurement: [['svqm.3.m.1', 'Value measured.', 'Survey data.']] } },
  {
    name: 'Organisation-wide',
    stages: { Stakeholders: [['svqm.4.st.1', 'All stakeholders.', '']], 'Quality systems': [['svqm.4.q.1', 'Quality systems are in place.', 'A data policy.']] },
  },
], { summary: 'The original form of the Quality Mark, with levels that follow how far your measurement has gone: you pledge to measure and report your social value, forecast the value of one service, department or project for a year, evaluate it from measured data (the “lite” mark), and finally measure and report it across the whole organisation with quality systems behind it (the “full” mark).' });

const standard = (n: number) =>
  Object.fromEntries(
    ['Plan', 'Demonstrate', 'Calculate', 'Report', 'Eco System', 'Performance Manage', 'Trust', 'Influence & Leadership', 'Culture']
      .slice(0, n)
      .map((s) => [s, [[`svqms.${n}.${s}`, `The ${s} standard is met.`, `Evidence for ${s}.`]]]),
  ) as Record<string, [string, string, string?][]>;

export const svqmStandards = makeScheme('svqm-standards', 'Social Value Quality Mark (Bronze to Platinum)', 1, [
  { name: 'Bronze', stages: standard(5) },
  { name: 'Silver', stages: standard(5) },
  { name: 'Gold', stages: standard(7) },
  { name: 'Platinum', stages: standard(9) },
], { summary: 'The current form of the Quality Mark, judged against nine standards, from planning and calculating your social value to trust, leadership and culture. Bronze asks for the first five standards at an entry level and at least six pledges; Silver applies them across a whole service, department or project; Gold across the organisation, adding performance management and trust; Platinum meets all nine.' });

const svmcStages = {
  'Creating Capacity': [['cc.1', 'A named Social Value Lead is responsible.', 'A role description.']],
  Plan: [['plan.1', 'A social value policy is endorsed.', 'The policy.']],
  Do: [['do.1', 'The organisation has planned how it will involve stakeholders.', 'Draft data collection tools.']],
  Assess: [['assess.1', 'The organisation has planned its analysis.', 'The analysis approach.']],
  Revise: [['revise.1', 'The organisation has committed to use what it learns.', 'A commitment in the policy.']],
} as Record<string, [string, string, string?][]>;

function svmcLevel(n: number, name: string) {
  return {
    name,
    stages: Object.fromEntries(Object.entries(svmcStages).map(([s, cs]) => [s, cs.map(([id, t, g]) => [`svmc.${n}.${id}`, t, g])])) as Record<
      string,
      [string, string, string?][]
    >,
  };
}

export const svmc = makeScheme('svmc', 'Social Value Management Certificate', 2, [svmcLevel(1, 'Commit'), svmcLevel(2, 'Implement'), svmcLevel(3, 'Manage')], {
  summary: 'A certificate of how well your organisation manages its social value, taken one level at a time: commit to it with policies and plans, show that the plans are being carried out, then show that managing social value is embedded and leads to changes.',
});
