import type {
  ApplicationState,
  InvitationState,
  MembershipStatus,
  OrgRole,
  PlatformRole,
  RecordKind,
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

export const PLATFORM_ROLES: PlatformRole[] = ['none', 'assessor', 'administrator'];
export const PLATFORM_ROLE_LABEL: Record<PlatformRole, string> = {
  none: 'No staff role',
  assessor: 'Assessor',
  administrator: 'Administrator',
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

export function isStaff(role: PlatformRole | undefined): boolean {
  return role === 'assessor' || role === 'administrator';
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
