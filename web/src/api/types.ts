// Records of the HTTP API, version 1 (docs/api.md, "Records").
// Ids are opaque strings; times are RFC 3339 UTC; dates are YYYY-MM-DD.

export type Id = string;
/** RFC 3339 UTC time, e.g. "2026-11-23T09:30:00Z". */
export type Time = string;
/** Calendar date, YYYY-MM-DD. */
export type DateString = string;

export type PlatformRole = 'none' | 'assessor' | 'administrator';
export type OrgRole = 'member' | 'lead' | 'senior_leader';
export type SizeBand = 'small' | 'medium' | 'large' | 'very_large';
export type MembershipStatus = 'none' | 'active' | 'lapsed';
export type ScopeKind = 'programme' | 'service' | 'department' | 'project';
export type InvitationState = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface User {
  id: Id;
  email: string;
  name: string;
  platform_role: PlatformRole;
  created_at: Time;
}

export interface Membership {
  status: MembershipStatus;
  start: DateString | null;
  expiry: DateString | null;
}

export interface Representatives {
  lead_user_id: Id | null;
  senior_leader_user_id: Id | null;
}

export interface Organisation {
  id: Id;
  name: string;
  legal_structure: string;
  sector: string;
  size_band: SizeBand;
  area: string;
  membership: Membership;
  representatives: Representatives;
  created_at: Time;
  updated_at: Time;
  version: number;
  /** Present in GET /organisations lists: the caller's role, null for staff. */
  my_role?: OrgRole | null;
}

export interface Member {
  user_id: Id;
  name: string;
  email: string;
  role: OrgRole;
  joined_at: Time;
}

export interface Scope {
  id: Id;
  organisation_id: Id;
  kind: ScopeKind;
  name: string;
  description: string;
  created_at: Time;
}

export interface Invitation {
  id: Id;
  organisation_id: Id;
  email: string;
  role: OrgRole;
  state: InvitationState;
  invited_by: Id;
  created_at: Time;
  expires_at: Time;
  accepted_at: Time | null;
}

export interface AuditEntry {
  chain: string;
  seq: number;
  at: Time;
  actor: { id: Id; name: string } | null;
  action: string;
  entity_type: string;
  entity_id: Id;
  organisation_id: Id | null;
  digest: string;
  hash: string;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface ListParams {
  limit?: number;
  cursor?: string | null;
}

export interface Session {
  user: User;
  csrf_token: string;
}

export interface MyOrganisation {
  id: Id;
  name: string;
  role: OrgRole;
}

export interface Me extends Session {
  organisations: MyOrganisation[];
}

export interface Health {
  status: 'ok';
  db: 'sqlite' | 'postgresql';
  version: string;
}

export interface OrganisationProfile {
  name: string;
  legal_structure: string;
  sector: string;
  size_band: SizeBand;
  area: string;
}

export type OrganisationPatch = Partial<OrganisationProfile> & {
  version: number;
  membership?: Membership;
};

export interface Dashboard {
  organisation: Organisation;
  my_role: OrgRole | null;
  members: Member[];
  scopes: Scope[];
  /** Pending invitations only. */
  invitations: Invitation[];
  representatives: { lead: Member | null; senior_leader: Member | null };
}

export interface CreatedInvitation {
  invitation: Invitation;
  accept_url: string;
}

export interface PublicInvitation {
  organisation: { id: Id; name: string };
  email: string;
  role: OrgRole;
  state: InvitationState;
}

export interface AcceptedInvitation {
  organisation: Organisation | { id: Id; name: string };
  role: OrgRole;
}

export interface ScopeInput {
  kind: ScopeKind;
  name: string;
  description: string;
}

export interface AuditVerification {
  valid: boolean;
  chains: number;
  entries: number;
  problems: { chain: string; seq: number; problem: string }[];
}

export type AuditEntityType = 'organisation' | 'member' | 'scope' | 'invitation' | 'user';

export interface ApiErrorBody {
  /** `fields` is sent by the server beside `field` (not in docs/api.md). */
  error: { code: string; message: string; field?: string; fields?: unknown };
}
