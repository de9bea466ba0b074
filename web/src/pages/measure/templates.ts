// Starting points for a new impact map. Values are illustrative, not taken
// from any licensed value bank.
import type { ImpactMap } from '../../api/measure';

export const TEMPLATES: { id: string; name: string; description: string; map: ImpactMap }[] = [
  {
    id: 'blank',
    name: 'Blank map',
    description: 'One stakeholder, one input and one outcome to fill in.',
    map: {
      name: 'New impact map',
      kind: 'forecast',
      currency: 'GBP',
      discount_rate: 0.035,
      stakeholders: [{ id: 'participants', name: 'Participants', involvement: '' }],
      inputs: [{ stakeholder: 'funder', description: 'Grant', value: 10000 }],
      outcomes: [
        {
          id: 'outcome-1',
          stakeholder: 'participants',
          description: 'What changes for them',
          indicator: '',
          quantity: 10,
          duration_years: 1,
          proxy: { value: 1000, description: '', source: '' },
          deadweight: 0.2,
          attribution: 0.2,
          drop_off: 0,
        },
      ],
    },
  },
  {
    id: 'lunch-club',
    name: 'Lunch club for older people',
    description: 'A forecast with three stakeholder groups and four outcomes, one of them unintended.',
    map: {
      name: 'Lunch club forecast',
      kind: 'forecast',
      currency: 'GBP',
      discount_rate: 0.035,
      stakeholders: [
        { id: 'members', name: 'Older people attending', size: 80, involvement: 'Focus groups and interviews' },
        { id: 'volunteers', name: 'Volunteers', size: 14, involvement: 'Volunteer survey' },
        { id: 'families', name: 'Family carers', size: 60, involvement: 'Telephone interviews' },
      ],
      inputs: [
        { stakeholder: 'council', description: 'Council grant', value: 28000 },
        { stakeholder: 'volunteers', description: 'Volunteer time', value: 23443 },
      ],
      outcomes: [
        {
          id: 'less-lonely', stakeholder: 'members', description: 'Members feel less lonely',
          indicator: 'Loneliness score improves by 1 point', quantity: { low: 40, mode: 55, high: 65 }, duration_years: 2,
          proxy: { value: 2000, description: 'Value of being less lonely for a year', source: 'Illustrative wellbeing valuation' },
          deadweight: 0.2, attribution: 0.2, drop_off: 0.5, materiality_reason: 'Most mentioned change',
        },
        {
          id: 'hot-meals', stakeholder: 'members', description: 'Members eat a hot meal more often',
          indicator: 'Hot meals a week at 6 months', quantity: 40, duration_years: 1,
          proxy: { value: 480, description: 'Delivered hot meal weekly for a year', source: 'Illustrative price list' },
          deadweight: 0.3, attribution: 0.1,
        },
        {
          id: 'volunteer-wellbeing', stakeholder: 'volunteers', description: 'Volunteers feel more useful',
          indicator: 'Life satisfaction after 6 months', quantity: 10, duration_years: 1,
          proxy: { value: 1500, description: 'Value of regular volunteering', source: 'Illustrative wellbeing valuation' },
          deadweight: 0.25, attribution: 0.3,
        },
        {
          id: 'volunteer-stress', stakeholder: 'volunteers', description: 'Volunteers feel overstretched', intended: false,
          indicator: 'Volunteers reporting too much pressure', quantity: { low: 2, high: 6 }, duration_years: 1,
          proxy: { value: -900, description: 'Cost of work-related stress for a year', source: 'Illustrative wellbeing valuation' },
          deadweight: 0.2, attribution: 0.1,
        },
      ],
    },
  },
];
