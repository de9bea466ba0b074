import { describe, expect, it } from 'vitest';
import type { Appeal } from '../../api';
import { consequence } from '../staff/AppealsPage';
import { appealInWords } from './AppealPanel';

const appeal = (over: Partial<Appeal>): Appeal =>
  ({
    subject: 'rejection',
    state: 'open',
    organisation_name: 'Riverside',
    filed_by_name: 'Priya Shah',
    filed_at: '2026-12-07T10:00:00Z',
    decided_at: null,
    ...over,
  }) as Appeal;

describe('appeals in words', () => {
  it('says who appealed what, and what became of it', () => {
    expect(appealInWords(appeal({}))).toBe(
      'Priya Shah appealed the rejection on 7 Dec 2026. A panel of the certifying body’s staff who took no part in the decision will decide it.',
    );
    expect(appealInWords(appeal({ subject: 'revocation', state: 'upheld', decided_at: '2026-12-09T10:00:00Z' }))).toBe(
      'Priya Shah appealed the revocation on 7 Dec 2026. The appeal was upheld on 9 Dec 2026.',
    );
  });

  it('tells the panel what its decision does before it is made', () => {
    expect(consequence(appeal({}), 'upheld')).toMatch(/^The application goes back to be reviewed afresh/);
    expect(consequence(appeal({ subject: 'suspension' }), 'upheld')).toMatch(/^The certificate is current again/);
    expect(consequence(appeal({ subject: 'suspension' }), 'dismissed')).toBe('The suspension stands, and Riverside is told your reasons. This is final.');
  });
});
