import type { InvitationState, MembershipStatus, OrgRole, PlatformRole, ScopeKind, SizeBand } from '../api/types';

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
