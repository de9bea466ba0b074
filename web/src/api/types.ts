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
  /** The owner opened the link emailed at sign-up; until then they cannot join an organisation or sign off. */
  email_verified: boolean;
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

/** What sign-up answers, whether or not the address already has an account. */
export interface SignUpAnswer {
  status: 'check_email';
}

export interface MyOrganisation {
  id: Id;
  name: string;
  role: OrgRole;
}

/** A message the platform sent the signed-in person (GET /notifications). */
export interface Notification {
  id: number;
  subject: string;
  body: string;
  created_at: string;
  unread: boolean;
}

export interface NotificationList {
  unread: number;
  items: Notification[];
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

// ---- Certification (docs/api.md "Certification", "Certificates")

export interface SchemeCriterion {
  id: string;
  text: string;
  evidence_guidance: string;
}
export interface SchemeStage {
  name: string;
  criteria: SchemeCriterion[];
}
export interface SchemeLevel {
  number: number;
  name: string;
  verified: boolean;
  stages: SchemeStage[];
}
export interface Scheme {
  id: string;
  name: string;
  version: number;
  levels: SchemeLevel[];
  validity_months: number;
  fees: { currency: string; vat_percent: number; per_level_or_renewal: Record<SizeBand, number> };
}

export type ApplicationState =
  | 'draft'
  | 'submitted'
  | 'queued'
  | 'in_review'
  | 'amendments_requested'
  | 'recommended'
  | 'awarded'
  | 'rejected';
export type EvidenceKind = 'link' | 'record';
export type RecordKind = 'stakeholder_map' | 'impact_map' | 'survey' | 'decision_log' | 'pledge' | 'scope' | 'self_assessment';
export type Verdict = 'met' | 'not_met' | 'amendment_needed';

export interface EvidenceItem {
  id: Id;
  criterion_id: string;
  kind: EvidenceKind | 'file';
  title: string;
  url: string | null;
  record_kind: RecordKind | null;
  record_id: string | null;
  record_title?: string;
  /** The version given as evidence: the award shows this one, whatever is edited later. */
  record_version?: number;
  file_id?: string;
  media_type?: string;
  size_bytes?: number;
  note: string;
  added_by: Id;
  added_at: Time;
}
export interface SignOff {
  role: OrgRole;
  user_id: Id;
  at: Time;
}
export interface CriterionReview {
  criterion_id: string;
  verdict: Verdict;
  feedback: string;
  assessor_id: Id;
  at: Time;
}
export interface Application {
  id: Id;
  organisation_id: Id;
  scheme_id: string;
  scheme_version: number;
  level: number;
  scope_id: Id | null;
  renewal: boolean;
  state: ApplicationState;
  terms_accepted_at: Time | null;
  terms_accepted_by: Id | null;
  evidence: EvidenceItem[];
  sign_offs: SignOff[];
  reviews: CriterionReview[];
  round_id: Id | null;
  submitted_at: Time | null;
  results_due: DateString | null;
  assessor_id: Id | null;
  recommendation: string | null;
  decision_reason: string | null;
  awarded_on: DateString | null;
  expires_on: DateString | null;
  certificate_id: Id | null;
  previous_application_id: Id | null;
  amendment_cycles: number;
  created_by: Id;
  created_at: Time;
  updated_at: Time;
  version: number;
  scheme_name?: string;
  level_name?: string;
  missing_evidence?: string[];
  missing_sign_offs?: OrgRole[];
  pledges?: number;
  met_percent?: number;
  pass_mark_percent?: number;
}
export interface EvidenceRecord {
  id: string;
  title: string;
}
export interface PreAudit {
  criteria: { criterion_id: string; stage: string; text: string; evidence_count: number; missing: boolean }[];
  criteria_total: number;
  criteria_missing: number;
  self_assessment: {
    id: string;
    submitted_at: string;
    overall: number;
    principles: { key: string; name: string; score: number; weak: boolean }[];
  } | null;
  readiness: { name: string; ready: boolean; reason: string } | null;
  pledges: { required: number; recorded: number; referenced: number } | null;
}
export interface EvidenceInput {
  criterion_id: string;
  kind: EvidenceKind;
  title: string;
  url?: string;
  record_kind?: RecordKind;
  record_id?: string;
  note?: string;
}
export interface Eligibility {
  eligible: boolean;
  problems: { code: string; message: string }[];
  complete: boolean;
  incomplete: { field: string; message: string }[];
}
export interface FeeQuote {
  currency: string;
  size_band: SizeBand;
  net: number;
  vat_percent: number;
  vat: number;
  gross: number;
  net_pence: number;
  vat_pence: number;
  gross_pence: number;
  text: string;
}
export interface Round {
  id: Id;
  name: string;
  opens_on: DateString;
  closes_on: DateString;
  created_by: Id;
  created_at: Time;
}
export interface QueueItem {
  organisation_name: string;
  application: Application;
}
export interface Certificate {
  application_id: Id;
  area: string;
  awarded_on: DateString;
  expires_on: DateString;
  id: Id;
  issuer: string;
  level: number;
  level_name: string;
  organisation_id: Id;
  organisation_name: string;
  scheme_id: string;
  scheme_name: string;
  scheme_version: number;
  scope: string;
  verification_code: string;
  verify_url: string;
}
export interface Verification {
  valid: boolean;
  certificate: Certificate | null;
  status: 'current' | 'expired' | null;
  signature_valid: boolean;
  reason: string;
}
