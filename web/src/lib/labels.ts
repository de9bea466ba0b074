import type {
  ApplicationState,
  InvitationState,
  MembershipStatus,
  OrgRole,
  PlatformRole,
  RecordKind,
  Scheme,
  SchemeLevel,
  ScopeKind,
  SizeBand,
  Verdict,
} from '../api/types';

export const ORG_ROLES: OrgRole[] = ['member', 'lead', 'senior_leader'];
export const ORG_ROLE_LABEL: Record<OrgRole, string> = {
  member: 'Member',
  lead: 'Lead',
  senior_leader: 'Senior leader',
};
export const ORG_ROLE_HINT: Record<OrgRole, string> = {
  member: 'maps stakeholders, builds impact maps, enters data and drafts evidence',
  lead: 'runs the organisation on ValueMark: profile, people, scopes and applications',
  senior_leader: 'signs off evidence and applications for governance',
};

export const PLATFORM_ROLES: PlatformRole[] = ['none', 'assessor', 'administrator', 'broker'];
export const PLATFORM_ROLE_LABEL: Record<PlatformRole, string> = {
  none: 'No staff role',
  assessor: 'Assessor',
  administrator: 'Administrator',
  broker: 'Broker',
};

export const SIZE_BANDS: SizeBand[] = ['small', 'medium', 'large', 'very_large'];
export const SIZE_BAND_LABEL: Record<SizeBand, string> = {
  small: 'Small',
  medium: 'Medium',
  large: 'Large',
  very_large: 'Very large',
};

export const MEMBERSHIP_STATUSES: MembershipStatus[] = ['none', 'active', 'lapsed'];
export const MEMBERSHIP_LABEL: Record<MembershipStatus, string> = {
  none: 'Not a member',
  active: 'Active',
  lapsed: 'Lapsed',
};

export const SCOPE_KINDS: ScopeKind[] = ['programme', 'service', 'department', 'project'];
export const SCOPE_KIND_LABEL: Record<ScopeKind, string> = {
  programme: 'Programme',
  service: 'Service',
  department: 'Department',
  project: 'Project',
};

export const INVITATION_STATE_LABEL: Record<InvitationState, string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  revoked: 'Revoked',
  expired: 'Expired',
};

export const LEGAL_STRUCTURE_SUGGESTIONS = [
  'Registered charity',
  'Charitable incorporated organisation (CIO)',
  'Community interest company (CIC)',
  'Company limited by guarantee',
  'Company limited by shares',
  'Co-operative society',
  'Community benefit society',
  'Local authority',
  'Housing association',
  'Public body',
  'Unincorporated association',
];

export const SECTOR_SUGGESTIONS = [
  'Voluntary and community',
  'Social enterprise',
  'Housing',
  'Local government',
  'Health and social care',
  'Education',
  'Construction',
  'Private sector',
  'Public sector',
];

export function orgRoleLabel(role: string | null | undefined): string {
  return role && role in ORG_ROLE_LABEL ? ORG_ROLE_LABEL[role as OrgRole] : role ?? '—';
}

/** Assessors and administrators; a broker is not platform staff (isBroker). */
export function isStaff(role: PlatformRole | undefined): boolean {
  return role === 'assessor' || role === 'administrator';
}

/** The Lead and the Senior Leader: those who decide for the organisation (record a decision, post a need, contribute to benchmarks). */
export function mayDecide(role: string | null | undefined): boolean {
  return role === 'lead' || role === 'senior_leader';
}

/** Who keeps the directory of social enterprises: brokers, and administrators as well. */
export function isBroker(role: PlatformRole | undefined): boolean {
  return role === 'broker' || role === 'administrator';
}

// ---- Certification

export const APPLICATION_STATE_LABEL: Record<ApplicationState, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  queued: 'Queued for the next round',
  in_review: 'In review',
  amendments_requested: 'Amendments requested',
  recommended: 'Recommended for award',
  awarded: 'Awarded',
  rejected: 'Rejected',
};
export function applicationStateTone(s: ApplicationState): 'neutral' | 'success' | 'warning' | 'danger' | 'info' {
  if (s === 'awarded') return 'success';
  if (s === 'rejected') return 'danger';
  if (s === 'amendments_requested') return 'warning';
  if (s === 'draft') return 'neutral';
  return 'info';
}
export const VERDICTS: Verdict[] = ['met', 'amendment_needed', 'not_met'];
export const VERDICT_LABEL: Record<Verdict, string> = {
  met: 'Met',
  not_met: 'Not met',
  amendment_needed: 'Amendment needed',
};
export const RECORD_KINDS: RecordKind[] = ['stakeholder_map', 'impact_map', 'survey', 'decision_log', 'pledge', 'scope', 'self_assessment', 'lm3_calculation'];
export const RECORD_KIND_LABEL: Record<RecordKind, string> = {
  stakeholder_map: 'Stakeholder map',
  impact_map: 'Impact map',
  survey: 'Survey',
  decision_log: 'Decision log entry',
  pledge: 'Pledge',
  scope: 'Scope',
  self_assessment: 'Self-assessment',
  lm3_calculation: 'LM3 calculation',
};

// ---- Criteria: named by their stage and their place in it, never by their
// code (svmc.1.do.1 is the scheme file's key, not a word for people).

export interface CriterionWords {
  /** The stage, as the scheme names it: "Do". */
  stage: string;
  /** Its place in the stage, from 1. */
  number: number;
  /** "Do, criterion 1": for buttons, labels and messages. */
  name: string;
  /** The criterion itself, as the scheme words it. */
  text: string;
}

/** Every criterion of a level in words, by its id. */
export function criterionWords(level: SchemeLevel | undefined): Map<string, CriterionWords> {
  const out = new Map<string, CriterionWords>();
  for (const stage of level?.stages ?? []) {
    stage.criteria.forEach((c, i) => {
      out.set(c.id, { stage: stage.name, number: i + 1, name: `${stage.name}, criterion ${i + 1}`, text: c.text });
    });
  }
  return out;
}

/** A criterion's name in words, looked up in the schemes; "a criterion" when it is not there. */
export function criterionName(schemes: readonly Scheme[], id: string): string {
  for (const scheme of schemes)
    for (const level of scheme.levels) {
      const words = criterionWords(level).get(id);
      if (words) return words.name;
    }
  return 'a criterion';
}

/** A criterion's text cut to about `max` characters at a word, for lists. */
export function shortCriterionText(text: string, max = 70): string {
  return text.length > max ? `${text.slice(0, max).replace(/\s+\S*$/, '')}…` : text;
}

// ---- Where an error is: the API names fields by their path in the JSON
// ("outcomes[2].proxy_value", "$.questions[0].type"); people read places.

function singular(name: string): string {
  if (name.endsWith('ies')) return `${name.slice(0, -3)}y`;
  if (name.endsWith('s') && !name.endsWith('ss')) return name.slice(0, -1);
  return name;
}

/**
 * A field's path as words, capitalised: "outcomes[2].proxy.value" → "Outcome 3,
 * proxy value"; "price_year" → "Price year". A CSV's "rows[3]" keeps its number:
 * the server counts rows from 1 after the header. A workbook's cell
 * ("survey!D4") reads "Sheet “survey”, cell D4".
 */
export function fieldInWords(path: string): string {
  // A workbook's cell ("survey!D4", "'Value map'!B7"): its sheet and cell.
  const cell = /^'?(.+?)'?!([A-Z]{1,3})(\d+)$/.exec(path);
  if (cell) return `Sheet “${cell[1]}”, cell ${cell[2]}${cell[3]}`;
  const groups: string[] = [];
  let words: string[] = [];
  for (const m of path.replace(/^\$\.?/, '').matchAll(/([A-Za-z_][\w-]*)|\[(\d+)\]/g)) {
    if (m[1] !== undefined) {
      words.push(m[1].replace(/[_-]+/g, ' '));
    } else {
      const index = Number(m[2]);
      const name = words.pop();
      if (words.length > 0) groups.push(words.join(' '));
      const numbered = name === 'rows' ? index : index + 1;
      groups.push(name ? `${singular(name)} ${numbered}` : `item ${numbered}`);
      words = [];
    }
  }
  if (words.length > 0) groups.push(words.join(' '));
  const text = groups.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An error's problems, each with where it is in words: "Question 3, type: must be …; …". */
export function problemsInWords(fields: readonly { field: string; message: string }[]): string {
  return fields.map((f) => (f.field ? `${fieldInWords(f.field)}: ${f.message}` : f.message)).join('; ');
}

// ---- Messages from the server sometimes name a value as the API spells it
// ("is still in_review"); people read its label instead.

const ENUM_WORDS: Record<string, string> = Object.fromEntries(
  [APPLICATION_STATE_LABEL, ORG_ROLE_LABEL, PLATFORM_ROLE_LABEL, SIZE_BAND_LABEL, VERDICT_LABEL, RECORD_KIND_LABEL]
    .flatMap((labels) => Object.entries(labels))
    .filter(([value]) => value.includes('_'))
    .map(([value, label]) => [value, label.toLowerCase()]),
);

/** A message with every snake_case value it names as words: "is still in_review" → "is still in review". */
export function enumsInWords(message: string): string {
  return message.replace(/\b[a-z]+(?:_[a-z0-9]+)+\b/g, (value) => ENUM_WORDS[value] ?? value);
}

/**
 * A server's message about a form, in words: its values as labels and the
 * form's own field names as words ("must not be before opens_on" → "must not
 * be before opens on").
 */
export function messageInWords(message: string, fieldNames: readonly string[] = []): string {
  let text = enumsInWords(message);
  for (const name of fieldNames) {
    if (name.includes('_')) text = text.replace(new RegExp(`\\b${name}\\b`, 'g'), name.replace(/_/g, ' '));
  }
  return text;
}
