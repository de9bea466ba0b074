// The records of the HTTP API, version 1, as the web app names them: each is
// an alias of a schema of docs/openapi.json, from which `npm run generate`
// writes ./schema.d.ts before every build, type-check, lint and test run.
// Nothing here is written by hand: to change a record, change the server's
// schema (src/http/schemas/<module>.json) and `make openapi`.
import type { components, operations } from './schema';

type Schemas = components['schemas'];

export type Id = string;
/** RFC 3339 UTC time, e.g. "2026-11-23T09:30:00Z". */
export type Time = string;
/** Calendar date, YYYY-MM-DD. */
export type DateString = string;

// ---- Accounts and organisations
export type User = Schemas['User'];
export type PlatformRole = User['platform_role'];
export type OrgRole = Schemas['MemberRole'];
export type Organisation = Schemas['Organisation'];
export type SizeBand = Organisation['size_band'];
export type Membership = Organisation['membership'];
export type MembershipStatus = Membership['status'];
export type Representatives = Organisation['representatives'];
export type Member = Schemas['Member'];
export type Scope = Schemas['Scope'];
export type ScopeKind = Scope['kind'];
export type ScopeInput = Schemas['ScopeInput'];
export type Invitation = Schemas['Invitation'];
export type InvitationState = Invitation['state'];
export type AuditEntry = Schemas['AuditEntry'];
export type AuditVerification = Schemas['AuditReport'];
/** The kinds of record whose history GET /audit/{entity_type}/{entity_id} shows. */
export type AuditEntityType = 'organisation' | 'member' | 'scope' | 'invitation' | 'user';

/** Every list answer: `{items, next_cursor}` (the document's *List schemas). */
export type Page<T> = Omit<Schemas['UserList'], 'items'> & { items: T[] };
/** The paging query of every list (`cursor` null for the first page). */
export type ListParams = Omit<NonNullable<operations['get/organisations']['parameters']['query']>, 'cursor'> & {
  cursor?: string | null;
};

export type Session = Schemas['SignedIn'];
/** What sign-up answers, whether or not the address already has an account. */
export type SignUpAnswer = Schemas['CheckEmail'];
export type Me = Schemas['Me'];
export type MyOrganisation = Me['organisations'][number];
/** The messages the platform sent the signed-in person (GET /notifications). */
export type NotificationList = Schemas['Notifications'];
export type Notification = NotificationList['items'][number];
export type Health = Schemas['Health'];
/** The profile form asks for every field, the area too (the server lets it be left out). */
export type OrganisationProfile = Required<Schemas['OrganisationInput']>;
export type OrganisationPatch = Schemas['OrganisationPatch'];
export type Dashboard = Schemas['Dashboard'];
export type CreatedInvitation = Schemas['CreatedInvitation'];
export type PublicInvitation = Schemas['InvitationView'];
export type AcceptedInvitation = Schemas['AcceptedInvitation'];
export type ApiErrorBody = Schemas['Error'];
export type SignUp = Schemas['SignUp'];
export type LogIn = Schemas['LogIn'];
export type InvitationInput = Schemas['InvitationInput'];

// ---- Certification (docs/api.md "Certification", "Certificates")
export type Scheme = Schemas['Scheme'];
export type SchemeLevel = Scheme['levels'][number];
export type SchemeStage = SchemeLevel['stages'][number];
export type SchemeCriterion = SchemeStage['criteria'][number];
export type Application = Schemas['Application'];
export type ApplicationState = Application['state'];
export type EvidenceItem = Application['evidence'][number];
export type SignOff = Application['sign_offs'][number];
export type CriterionReview = Application['reviews'][number];
export type Verdict = CriterionReview['verdict'];
export type EvidenceInput = Schemas['EvidenceInput'];
export type EvidenceKind = EvidenceInput['kind'];
export type RecordKind = NonNullable<EvidenceInput['record_kind']>;
export type EvidenceRecord = Schemas['EvidenceRecords']['items'][number];
export type PreAudit = Schemas['PreAudit'];
export type Eligibility = Schemas['Eligibility'];
export type FeeQuote = Schemas['FeeQuote'];
export type ApplicationInput = Schemas['ApplicationInput'];
/** What changed on a criterion since the award renewed (GET /applications/{id}/changes) or since
 * the assessor asked for amendments (GET /applications/{id}/amendments). */
export type CriterionChange = Schemas['Changes']['items'][number];
/** A message about one criterion between the assessor and the organisation. */
export type CriterionMessage = Application['messages'][number];
/** A milestone of an application (GET /applications/{id}/timeline). */
export type TimelineEvent = Schemas['TimelineEvent'];
export type Round = Schemas['Round'];
export type RoundInput = Schemas['RoundInput'];
export type QueueItem = Schemas['QueueItem'];
/** Something waiting for the signed-in person (GET /me/tasks). */
export type Task = Schemas['Task'];
export type MembershipTerms = Schemas['MembershipTerms'];
export type MembershipBand = Schemas['MembershipBand'];
export type OrganisationMembership = Schemas['OrganisationMembership'];
export type MembershipRequest = Schemas['MembershipRequest'];
export type Invoice = Schemas['Invoice'];
export type Complaint = Schemas['Complaint'];
export type Appeal = Schemas['Appeal'];
export type AppealOption = Schemas['AppealOption'];
export type TermsDocument = Schemas['TermsDocument'];
export type Certificate = Schemas['Certificate'];
export type SignedCertificate = Schemas['SignedCertificate'];
export type RegisterEntry = Schemas['RegisterEntry'];
export type CertificateStatus = Schemas['CertificateStatus'];
export type Verification = Schemas['Verification'];

// ---- Network: the directory of social enterprises (docs/api.md "Network")
export type DirectoryTaxonomy = Schemas['DirectoryTaxonomy'];
export type DirectoryTheme = DirectoryTaxonomy['themes'][number];
export type DirectoryTerm = DirectoryTaxonomy['areas'][number];
export type DirectoryEntry = Schemas['DirectoryEntry'];
export type DirectoryCertificate = Schemas['DirectoryCertificate'];
export type DirectoryEntryInput = Schemas['DirectoryEntryInput'];
export type DirectoryPage = Schemas['DirectoryPage'];
export type DirectoryFacet = Schemas['DirectoryFacet'];
export type DirectoryProfile = Schemas['DirectoryProfile'];
export type DirectoryImportReport = Schemas['DirectoryImportReport'];
export type DirectoryContactReceipt = Schemas['DirectoryContactReceipt'];
/** The search of the directory: filters are lists of codes (any of them matches). */
export interface DirectoryQuery {
  q?: string;
  theme?: string[];
  area?: string[];
  legal_form?: string[];
  certified?: boolean;
  scheme?: string;
  level?: number;
  offset?: number;
  limit?: number;
}
