// The platform's use cases: one method per user action (docs/api.md). Each
// checks who is asking (core/access.h), validates its input (errors name the
// field and the rule), runs the change in one storage transaction together with
// its audit entry, and returns only after the commit.
//
// Thread-safe: one Platform serves every request.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/audit.h"
#include "app/crypto.h"
#include "app/store.h"
#include "core/access.h"
#include "core/organisation.h"
#include "core/scheme.h"
#include "core/self_assessment.h"
#include "core/survey.h"
#include "core/survey_results.h"

namespace valuemark::app {

// The subject of password-reset emails: such a message carries a one-time
// sign-in secret, so it goes by email only and is never listed in the app.
inline constexpr char kPasswordResetSubject[] = "Reset your ValueMark password";
// The subject of the email that confirms an address: it carries a one-time
// secret too, so it is never listed in the app either.
inline constexpr char kEmailVerificationSubject[] = "Confirm your email address for ValueMark";
// The subject of the email sent when someone signs up with an address that
// already has an account (sign-up answers the same either way).
inline constexpr char kSignUpAgainSubject[] =
    "Someone tried to create a ValueMark account with your address";

// In-app notifications: the messages the outbox holds for a user's address.
struct Notification {
  int64_t id = 0;
  std::string subject;
  std::string body;
  UnixTime created_at = 0;
  bool unread = false;
};
struct NotificationList {
  std::vector<Notification> items;  // newest first
  int unread = 0;
};

// What one organisation may hold (docs/operations.md "Limits and quotas"), so
// that one account cannot grow the database without bound; 0 turns a limit
// off. Checked in the write that would go over, which then changes nothing.
struct Quotas {
  // Evidence files, every saved record version's JSON, survey designs and
  // the answers of survey responses.
  int64_t storage_bytes = 100'000'000;
  int64_t evidence_files = 500;
  // Every saved version of impact maps, proxies, pledges, decisions, impact
  // management plans and self-assessments.
  int64_t record_versions = 10'000;
  int64_t surveys = 100;
  int64_t responses_per_survey = 50'000;
  int64_t members = 500;        // checked when inviting
  int64_t invitations = 2'000;  // every invitation sent, whatever became of it
  int64_t scopes = 200;
  int64_t applications = 50;
  int64_t evidence_items_per_application = 300;
  int64_t organisations_per_user = 20;  // an account creates no more once it belongs to this many
};

// QuotaExceeded when the application already holds its quota of evidence
// items (its document grows with each).
Result<void> CheckEvidenceItems(const Quotas& quotas, const Application& application);

// What a write adds to an organisation, checked against its Quotas.
struct QuotaNeed {
  int64_t bytes = 0;
  int64_t evidence_files = 0, record_versions = 0, surveys = 0, members = 0, invitations = 0,
          scopes = 0, applications = 0;
};

struct PlatformOptions {
  // Links in emails start with this, e.g. "https://valuemark.example.org".
  std::string public_url = "http://127.0.0.1:8080";
  PasswordCost password_cost = PasswordCost::kInteractive;
  int64_t session_seconds = 14 * 24 * 3600;  // a session ends this long after sign-in at the latest
  int64_t session_idle_seconds = 12 * 3600;  // or this long after its last use
  int64_t invitation_seconds = 14 * 24 * 3600;
  int64_t password_reset_seconds = 3600;
  int64_t email_verification_seconds = 48 * 3600;
  // Login throttling: failures allowed per window, per email and per address
  // (counted in the database: a restart does not reset them); 0 turns one off.
  int login_failures_per_email = 5;
  int login_failures_per_address = 20;
  int64_t login_window_seconds = 15 * 60;
  std::function<UnixTime()> clock;  // empty: the system clock
  // The certification schemes, loaded at start-up (app/schemes.h).
  SchemeCatalogue schemes;
  Quotas quotas;
};

// The signed-in user behind a request.
struct Caller {
  User user;
  std::string session_hash;
  std::string csrf_token;
  // Set by Authenticate when the idle timeout should slide (at most every
  // few minutes): the new expiry, written by TouchSession after the request.
  std::optional<UnixTime> extend_session_to;
};

struct SignedIn {
  User user;
  std::string session_token;  // the cookie's value
  std::string csrf_token;
  UnixTime expires_at = 0;
};

struct SignUpInput {
  std::string email, password, name;
};

// Profile fields; absent ones are left as they are (patch) or required (create).
struct OrganisationInput {
  std::optional<std::string> name, legal_structure, sector, size_band, area;
};

struct MembershipInput {
  std::optional<std::string> status;
  std::optional<std::optional<std::string>> start, expiry;  // present-null clears
};

struct OrganisationPatch {
  int64_t version = 0;
  OrganisationInput profile;
  std::optional<MembershipInput> membership;
};

struct ScopeInput {
  std::optional<std::string> kind, name, description;
};

struct Me {
  User user;
  std::string csrf_token;
  std::vector<OrganisationWithRole> organisations;
};

struct OrganisationListItem {
  Organisation organisation;
  std::optional<MemberRole> my_role;
};

struct Dashboard {
  Organisation organisation;
  std::optional<MemberRole> my_role;
  std::vector<Member> members;
  std::vector<Scope> scopes;
  std::vector<Invitation> pending_invitations;  // only for those who may edit
  std::optional<Member> lead, senior_leader;
};

struct CreatedInvitation {
  Invitation invitation;
  std::string accept_url;
};

struct InvitationView {
  std::string organisation_id, organisation_name;
  std::string email;
  MemberRole role = MemberRole::kMember;
  InvitationState state = InvitationState::kPending;
};

// Certification (docs/api.md "Certification").
struct ApplicationInput {
  std::string scheme_id;
  int level = 0;
  std::optional<std::string> scope_id;  // none: the whole organisation
};

struct EvidenceInput {
  std::string criterion_id, kind, title, url, record_kind, record_id, note;
};

struct RoundInput {
  std::string name, opens_on, closes_on;
};

// A platform record of the application's organisation that can be chosen as
// evidence of kind "record".
struct RecordOption {
  std::string id, title;
  int64_t version = 0;  // the record's latest version (0 for a record without versions)
};

struct VerdictInput {
  std::string criterion_id, verdict, feedback;
};

// Why an organisation may not apply, and what keeps an application from
// being complete (each as a field error naming the criterion or sign-off).
struct EligibilityReport {
  std::vector<EligibilityProblem> problems;
  std::vector<FieldError> incomplete;
};

struct QueueItem {
  Application application;
  std::string organisation_name;
};

// An application loaded for a use case, with what deciding about it needs.
struct ApplicationContext {
  Application app;
  Organisation org;
  std::optional<MemberRole> role;  // the caller's, in the organisation
  const Scheme* scheme = nullptr;  // the version the application is pinned to
  std::string Title() const;       // "Scheme level N (Level name)", for emails
};

// The public verification of a code (GET /verify/{code}).
struct Verification {
  bool valid = false;  // signature verifies and the certificate is current
  bool signature_valid = false;
  CertificateStatus status = CertificateStatus::kExpired;
  std::optional<Certificate> certificate;  // none: no certificate has the code
  std::string reason;
};

// Search of the public register; empty fields match everything.
struct RegisterQuery {
  std::string name, scheme_id, area;
  int level = 0;
};

struct HistoryItem {
  AuditEntry entry;
  std::optional<std::string> actor_name;
};

// ---- Measure and manage: impact maps, the value bank, pledges, decisions
// (docs/api.md "Impact maps", "Value bank", "Pledges", "Decisions").

// One financial proxy of an organisation's value bank (docs/api.md "Value bank"): the
// source is required, so that every value in a map can be traced.
struct Proxy {
  std::string id;
  std::string name;
  double value = 0;
  std::string unit;  // e.g. "per person per year"
  std::string source;
  std::string description;  // optional
  int64_t version = 1;
  UnixTime updated_at = 0;
};

struct ProxyInput {
  std::optional<std::string> name, unit, source, description;
  std::optional<double> value;
};

enum class PledgeStatus { kOpen, kDone, kDropped };
const char* Name(PledgeStatus s);
Result<PledgeStatus> ParsePledgeStatus(const std::string& s);

// An SVQM level 1 pledge: an owner, a due date within 12 months of making it,
// and how far it has got.
struct Pledge {
  std::string id;
  std::string title;
  std::string description;
  std::string owner_user_id;
  std::string due_date;  // YYYY-MM-DD
  int progress = 0;      // percent, 0–100
  PledgeStatus status = PledgeStatus::kOpen;
  std::string scope_id;  // "" for the whole organisation
  int64_t version = 1;
  UnixTime created_at = 0;  // of the first version
  UnixTime updated_at = 0;
  bool overdue = false;  // open and past its due date (decided when read)
};

struct PledgeInput {
  std::optional<std::string> title, description, owner_user_id, due_date, status, scope_id;
  std::optional<int> progress;
  std::optional<int> version;  // on update: the version being replaced
};

enum class DecisionKind { kChange, kStop, kScaleUp };
const char* Name(DecisionKind k);
Result<DecisionKind> ParseDecisionKind(const std::string& s);

// The Revise stage's decision log: what was decided about the work, why, on
// the strength of which analysis (an impact-map version), and by whom.
struct Decision {
  std::string id;
  DecisionKind kind = DecisionKind::kChange;
  std::string title;
  std::string rationale;
  std::string impact_map_id;  // "" when no map motivated it
  int64_t impact_map_version = 0;
  std::string survey_id;   // "" when no survey's results motivated it
  std::string decided_by;  // a member's user id
  std::string decided_on;  // YYYY-MM-DD
  std::string recorded_by;
  UnixTime recorded_at = 0;
};

struct DecisionInput {
  std::optional<std::string> kind, title, rationale, impact_map_id, survey_id, decided_by,
      decided_on;
  std::optional<int> impact_map_version;
};

// One completed self-assessment (self_assessment.cpp): the answers as given,
// scored with the questionnaire built into this program.
struct SelfAssessmentAttempt {
  std::string id;
  std::string submitted_by;
  UnixTime submitted_at = 0;
  bool include_responsive = false;
  std::map<std::string, int> answers;
  SaResult result;
  // Against the attempt before, when there is one: overall and per principle key.
  std::optional<double> overall_change;
  std::map<std::string, double> principle_change;
};

struct SelfAssessmentHistory {
  bool include_responsive = false;              // the organisation's setting for new attempts
  std::vector<SelfAssessmentAttempt> attempts;  // newest first
};

// One attempt as stored (a record version of kind "self_assessment"), scored.
Result<SelfAssessmentAttempt> SelfAssessmentFromRecord(const Questionnaire& q,
                                                       const RecordVersion& r);

// What an assessor looks at before reviewing (docs/api.md "Pre-audit").
struct PreAudit {
  struct CriterionEvidence {
    std::string criterion_id, stage, text;
    int evidence_count = 0;
  };
  std::vector<CriterionEvidence> criteria;               // the level's, in scheme order
  std::optional<SelfAssessmentAttempt> self_assessment;  // the latest, when any
  std::optional<SaVerdict> readiness;  // for this scheme level, when the questionnaire has a rule
  int min_pledges = 0;                 // the level's requirement (SVQM Bronze: 6); 0: none
  int pledges_recorded = 0;            // the organisation's pledge records
  int pledges_referenced = 0;          // pledges given as evidence
};

// A forecast set beside its later evaluation, outcome by outcome (plans.cpp).
struct MapComparison {
  struct Side {
    std::string id;
    int64_t version = 0;
    std::string name;
    std::optional<double> sroi_ratio;
    double present_value = 0;
  };
  struct Row {
    std::string outcome, stakeholder;
    std::optional<double> forecast_impact, forecast_present_value;      // absent: not forecast
    std::optional<double> evaluation_impact, evaluation_present_value;  // absent: not found
  };
  Side forecast, evaluation;
  std::vector<Row> outcomes;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_cursor;
};

// Surveys (surveys.cpp).
struct SurveyOptions {
  // Submissions allowed per second per public link and per client address
  // (token buckets holding `burst` at most). 0 turns a limit off.
  double per_link_rate = 2000, per_link_burst = 4000;
  double per_address_rate = 2, per_address_burst = 60;
  std::function<double()> now;  // the limits' clock in seconds (empty: the steady clock)
  size_t max_batch = 4096;      // responses committed in one transaction at most
  // From PlatformOptions::quotas when the writer starts (0: no limit).
  int64_t responses_per_survey = 0, storage_bytes = 0;
};

struct SurveyView {
  SurveyRecord record;
  SurveyDesign design;
  SurveyState state = SurveyState::kOpen;
  std::string public_url;
};

struct PublicSurvey {
  std::string organisation_name;
  std::string survey_id;
  SurveyDesign design;
  SurveyState state = SurveyState::kOpen;
};

struct Submission {
  std::string token;
  std::string body;  // {"answers": {...}, "respondent_code": "..."}
  std::string idempotency_key;
  std::string client_address;
};

struct SubmittedResponse {
  SurveyResponse response;
  bool replayed = false;  // the key was already stored: nothing new was written
};

struct ImportReport {
  int64_t imported = 0, already_present = 0;
};

// Applying survey results to an impact map (docs/api.md "Surveys").
struct ApplyResultsInput {
  std::string impact_map_id;
  std::vector<std::pair<std::string, std::string>> outcomes;  // survey outcome id -> map outcome id
  std::optional<int64_t> version;                             // the map version the caller saw
};

// Where one figure of one outcome of a map came from.
struct FigureSource {
  std::string survey_id, survey_title;
  std::vector<std::string> response_ids;
  UnixTime applied_at = 0;
  std::string applied_by;
};

struct MapProvenance {
  std::string map_id;
  int64_t version = 0;
  // map outcome id -> field ("quantity", "deadweight", ...) -> source
  std::map<std::string, std::map<std::string, FigureSource>> outcomes;
};

struct SurveyResultsView {
  SurveyRecord record;
  SurveyDesign design;
  SurveyResults results;
};

struct SurveyContext {
  SurveyRecord record;
  SurveyDesign design;
  std::optional<MemberRole> role;
};

class Platform {
 public:
  Platform(Store& store, PlatformOptions options);

  Store& store() { return store_; }
  const SchemeCatalogue& schemes() const { return options_.schemes; }
  const Quotas& quotas() const { return options_.quotas; }
  // Adds the scheme versions administrators published (stored in the
  // database) to those read from data/schemes; at start, after construction.
  // AlreadyExists when a published version clashes with a file.
  Result<int> LoadPublishedSchemes();
  // An administrator publishes a new version of a scheme (or a new scheme):
  // the scheme file's JSON, validated like a file, with a version above every
  // existing one of that id. Applications already started stay on theirs.
  Result<const Scheme*> PublishScheme(const Caller& caller, const std::string& document);
  UnixTime Now() const;
  // Runs fn so that every use case it calls reads from one snapshot (one read
  // transaction): a page sees one consistent state, and pays for one
  // transaction instead of one per use case. fn must only read.
  Result<void> InOneSnapshot(const std::function<Result<void>()>& fn);

  // Accounts
  // Answers the same whether or not the email has an account (no account
  // enumeration), in about the same time: a new address gets an unverified
  // account and a link to confirm it, a registered one an email saying that
  // someone tried. No session: the user signs in after.
  Result<void> SignUp(const SignUpInput& input);
  // Confirms the address of the link's account; InvalidArgument (field
  // "token") for an unknown, used or expired link.
  Result<void> VerifyEmail(const std::string& token);
  // Emails the caller a fresh confirmation link; FailedPrecondition when the
  // address is already confirmed.
  Result<void> ResendEmailVerification(const Caller& caller);
  Result<SignedIn> LogIn(const std::string& email, const std::string& password,
                         const std::string& client_address);
  Result<void> LogOut(const Caller& caller);
  // The caller behind a session cookie; Unauthenticated when absent or expired.
  Result<Caller> Authenticate(const std::string& session_token);
  // Slides the idle timeout of the caller's session when Authenticate asked for it.
  Result<void> TouchSession(const Caller& caller);
  // Changes the caller's password (the current one is asked again) and ends
  // every other session of theirs.
  Result<void> ChangePassword(const Caller& caller, const std::string& current,
                              const std::string& next);
  // Ends every session of the caller but this one ("sign out everywhere else").
  Result<void> EndOtherSessions(const Caller& caller);
  Result<void> RequestPasswordReset(const std::string& email);
  Result<void> ConfirmPasswordReset(const std::string& token, const std::string& password);
  Result<Me> GetMe(const Caller& caller);

  // Organisations
  Result<Page<OrganisationListItem>> ListOrganisations(const Caller& caller,
                                                       const PageRequest& page);
  Result<Organisation> CreateOrganisation(const Caller& caller, const OrganisationInput& input);
  Result<Organisation> GetOrganisation(const Caller& caller, const std::string& id);
  Result<Organisation> UpdateOrganisation(const Caller& caller, const std::string& id,
                                          const OrganisationPatch& patch);
  Result<Dashboard> GetDashboard(const Caller& caller, const std::string& id);

  // Members and representatives
  Result<std::vector<Member>> ListMembers(const Caller& caller, const std::string& org_id);
  Result<Member> ChangeMemberRole(const Caller& caller, const std::string& org_id,
                                  const std::string& user_id, const std::string& role);
  Result<void> RemoveMember(const Caller& caller, const std::string& org_id,
                            const std::string& user_id);
  Result<Organisation> SetRepresentatives(const Caller& caller, const std::string& org_id,
                                          const std::optional<std::string>& lead_user_id,
                                          const std::optional<std::string>& senior_leader_user_id);

  // Invitations
  Result<std::vector<Invitation>> ListInvitations(const Caller& caller, const std::string& org_id);
  Result<CreatedInvitation> Invite(const Caller& caller, const std::string& org_id,
                                   const std::string& email, const std::string& role);
  Result<void> RevokeInvitation(const Caller& caller, const std::string& org_id,
                                const std::string& invitation_id);
  Result<InvitationView> ViewInvitation(const std::string& token);
  Result<OrganisationWithRole> AcceptInvitation(const Caller& caller, const std::string& token);

  // Scopes
  Result<std::vector<Scope>> ListScopes(const Caller& caller, const std::string& org_id);
  Result<Scope> CreateScope(const Caller& caller, const std::string& org_id,
                            const ScopeInput& input);
  Result<Scope> GetScope(const Caller& caller, const std::string& org_id,
                         const std::string& scope_id);
  Result<Scope> UpdateScope(const Caller& caller, const std::string& org_id,
                            const std::string& scope_id, const ScopeInput& input);
  Result<void> DeleteScope(const Caller& caller, const std::string& org_id,
                           const std::string& scope_id);

  // Certification: applications, evidence, sign-off, submission, review
  Result<std::vector<Application>> ListApplications(const Caller& caller,
                                                    const std::string& org_id);
  Result<Application> CreateApplication(const Caller& caller, const std::string& org_id,
                                        const ApplicationInput& input);
  Result<Application> GetApplication(const Caller& caller, const std::string& id);
  // Eligibility of a prospective application (before one is drafted).
  Result<EligibilityReport> CheckEligibility(const Caller& caller, const std::string& org_id,
                                             const std::string& scheme_id, int level);
  Result<EligibilityReport> ApplicationEligibility(const Caller& caller, const std::string& id);
  Result<FeeQuote> QuoteApplicationFee(const Caller& caller, const std::string& id);
  // A renewal: per criterion, whether its evidence changed since the award it
  // renews (empty for a first application).
  Result<std::vector<CriterionDiff>> ChangesSinceAward(const Caller& caller, const std::string& id);
  // The organisation's records of one kind that can be given as evidence.
  Result<std::vector<RecordOption>> ListEvidenceRecords(const Caller& caller, const std::string& id,
                                                        const std::string& record_kind);
  Result<PreAudit> GetPreAudit(const Caller& caller, const std::string& id);
  Result<Application> AcceptTerms(const Caller& caller, const std::string& id);
  Result<Application> AddEvidence(const Caller& caller, const std::string& id,
                                  const EvidenceInput& input);
  // A file as evidence: at most 20 MB, accepted by its content (PDF, images,
  // office documents, CSV), never by its name.
  Result<Application> UploadEvidenceFile(const Caller& caller, const std::string& id,
                                         const std::string& criterion_id, const std::string& title,
                                         std::string_view content);
  // The file of an evidence item, for those who may read the application.
  Result<EvidenceFile> GetEvidenceFile(const Caller& caller, const std::string& id,
                                       const std::string& evidence_id);
  Result<Application> RemoveEvidence(const Caller& caller, const std::string& id,
                                     const std::string& evidence_id);
  Result<Application> SignOff(const Caller& caller, const std::string& id);
  Result<Application> Submit(const Caller& caller, const std::string& id);
  Result<std::vector<QueueItem>> ReviewQueue(const Caller& caller);
  Result<Application> AllocateAssessor(const Caller& caller, const std::string& id,
                                       const std::string& assessor_id);
  Result<Application> RecordVerdict(const Caller& caller, const std::string& id,
                                    const VerdictInput& input);
  Result<Application> RequestAmendments(const Caller& caller, const std::string& id);
  Result<Application> Recommend(const Caller& caller, const std::string& id,
                                const std::string& summary);
  Result<Application> Award(const Caller& caller, const std::string& id);
  Result<Application> Reject(const Caller& caller, const std::string& id,
                             const std::string& reason);
  // Certificates (public): signed documents, verification by code, the
  // register of current awards, the published keys.
  Result<SigningKey> EnsureSigningKey();  // at start: the key exists before the first award
  Result<StoredCertificate> GetCertificate(const std::string& id);
  Result<Verification> VerifyCode(const std::string& code);
  Result<std::vector<Certificate>> Register(const RegisterQuery& query);
  Result<std::vector<SigningKey>> PublicKeys();  // without their secret halves
  // Emails the representatives of each certificate that expires in 90 or 30
  // days, once per certificate and reminder (issue: renewal reminders at 90
  // and 30 days); returns how many were sent. Safe to run as often as wanted.
  Result<int> SendRenewalReminders();

  // Rounds
  Result<std::vector<Round>> ListRounds(const Caller& caller);
  Result<Round> CreateRound(const Caller& caller, const RoundInput& input);

  // Staff
  Result<Page<User>> ListUsers(const Caller& caller, const PageRequest& page);
  Result<User> SetPlatformRole(const Caller& caller, const std::string& user_id,
                               const std::string& role);
  Result<Page<OutboxMessage>> ListOutbox(const Caller& caller, const PageRequest& page);
  // The caller's own notifications (notifications.cpp), at most `limit`.
  Result<NotificationList> ListNotifications(const Caller& caller, int limit);
  // Marks the caller's notifications up to message id `up_to` as read.
  Result<void> MarkNotificationsRead(const Caller& caller, int64_t up_to);

  // Audit
  Result<std::vector<HistoryItem>> History(const Caller& caller, const std::string& entity_type,
                                           const std::string& entity_id);
  Result<AuditReport> VerifyAudit(const Caller& caller);

  // ---- Measure and manage (impact_maps.cpp, pledges.cpp)
  // An impact map is stored as the canonical form of the impact-map file
  // (docs/file-formats.md); body is
  // that file, optionally with "scope_id" (and "id", "version" as GET returns
  // them). Replace makes a new version; a stale "version" is a conflict.
  Result<RecordVersion> CreateImpactMap(const Caller& caller, const std::string& org_id,
                                        const std::string& body);
  Result<RecordVersion> ReplaceImpactMap(const Caller& caller, const std::string& map_id,
                                         const std::string& body);
  // version 0: the latest.
  Result<RecordVersion> GetImpactMap(const Caller& caller, const std::string& map_id,
                                     int64_t version);
  Result<std::vector<RecordVersion>> ListImpactMaps(const Caller& caller,
                                                    const std::string& org_id);
  Result<std::vector<RecordVersion>> ListImpactMapVersions(const Caller& caller,
                                                           const std::string& map_id);

  Result<std::vector<Proxy>> ListProxies(const Caller& caller, const std::string& org_id,
                                         const std::string& query);
  Result<Proxy> AddProxy(const Caller& caller, const std::string& org_id, const ProxyInput& input);
  // All rows or none: every bad cell is reported as "rows[N].column".
  Result<std::vector<Proxy>> ImportProxies(const Caller& caller, const std::string& org_id,
                                           const std::string& csv);

  Result<std::vector<Pledge>> ListPledges(const Caller& caller, const std::string& org_id);
  Result<Pledge> CreatePledge(const Caller& caller, const std::string& org_id,
                              const PledgeInput& input);
  Result<Pledge> UpdatePledge(const Caller& caller, const std::string& org_id,
                              const std::string& pledge_id, const PledgeInput& input);
  // Queues a reminder in the outbox to the owner of each open pledge that is
  // overdue or due within 14 days; returns how many were queued.
  Result<int> SendPledgeReminders(const Caller& caller, const std::string& org_id);

  Result<std::vector<Decision>> ListDecisions(const Caller& caller, const std::string& org_id);
  Result<Decision> RecordDecision(const Caller& caller, const std::string& org_id,
                                  const DecisionInput& input);

  // Self-assessment (self_assessment.cpp). The questionnaire is data, built in.
  static Result<const Questionnaire*> SelfAssessmentQuestions();
  Result<SelfAssessmentHistory> ListSelfAssessments(const Caller& caller,
                                                    const std::string& org_id);
  Result<SelfAssessmentAttempt> SubmitSelfAssessment(const Caller& caller,
                                                     const std::string& org_id,
                                                     const std::map<std::string, int>& answers);
  // Whether the eighth principle, "be responsive", is asked (the lead decides).
  Result<bool> SetSelfAssessmentResponsive(const Caller& caller, const std::string& org_id,
                                           bool include);

  // Impact management plan of a scope (plans.cpp): one per scope, versioned.
  // GetPlan gives version 0, empty, before the first save.
  Result<RecordVersion> GetPlan(const Caller& caller, const std::string& org_id,
                                const std::string& scope_id, int64_t version);
  Result<RecordVersion> SavePlan(const Caller& caller, const std::string& org_id,
                                 const std::string& scope_id, const std::string& body);
  Result<std::vector<RecordVersion>> ListPlanVersions(const Caller& caller,
                                                      const std::string& org_id,
                                                      const std::string& scope_id);
  Result<MapComparison> CompareImpactMaps(const Caller& caller, const std::string& forecast_id,
                                          const std::string& evaluation_id);

  // Surveys (surveys.cpp; docs/api.md "Surveys"). Designing is for any
  // member, excluding a response for the lead; answering is public.
  Result<SurveyView> CreateSurvey(const Caller& caller, const std::string& org_id,
                                  const SurveyDesign& design);
  Result<std::vector<SurveyView>> ListSurveys(const Caller& caller, const std::string& org_id);
  Result<SurveyView> GetSurvey(const Caller& caller, const std::string& survey_id);
  Result<SurveyView> UpdateSurvey(const Caller& caller, const std::string& survey_id,
                                  int64_t version, const SurveyDesign& design);
  // The survey behind a public link, as respondents see it.
  Result<PublicSurvey> GetPublicSurvey(const std::string& token);
  // Validates and records one submission (POST /s/{token}/responses). `done`
  // is called exactly once: at once for a refusal, otherwise from the
  // group-commit writer after the batch holding this response has committed.
  void SubmitResponse(const Submission& submission,
                      std::function<void(Result<SubmittedResponse>)> done);
  Result<Page<SurveyResponse>> ListSurveyResponses(const Caller& caller,
                                                   const std::string& survey_id,
                                                   const PageRequest& page);
  // reason set: exclude with it; nullopt: restore.
  Result<SurveyResponse> SetResponseExclusion(const Caller& caller, const std::string& survey_id,
                                              const std::string& response_id,
                                              const std::optional<std::string>& reason);
  Result<ImportReport> ImportResponses(const Caller& caller, const std::string& survey_id,
                                       std::string_view csv);
  Result<std::string> ExportResponses(const Caller& caller, const std::string& survey_id);  // CSV
  Result<SurveyResultsView> GetSurveyResults(const Caller& caller, const std::string& survey_id,
                                             bool provenance);
  // Copies the results' figures into the mapped outcomes of an impact map of
  // the same organisation as a new, evaluative version, and records which
  // responses each figure came from beside that version.
  Result<RecordVersion> ApplySurveyResults(const Caller& caller, const std::string& survey_id,
                                           const ApplyResultsInput& input);
  // version 0: the latest. Only figures still equal to what was applied.
  Result<MapProvenance> GetImpactMapProvenance(const Caller& caller, const std::string& map_id,
                                               int64_t version);
  // Before the first survey use case only (the limits are read once).
  void ConfigureSurveys(const SurveyOptions& options);

 private:
  struct SurveyRuntime;  // link cache, rate limits and the group-commit writer
  SurveyRuntime& Surveys();
  Result<SurveyContext> LoadSurvey(Transaction& tx, const Caller& caller,
                                   const std::string& survey_id, OrgAction action);
  std::once_flag surveys_once_;
  std::shared_ptr<SurveyRuntime> surveys_;
  SurveyOptions survey_options_;

 public:
  // For seeding: a user created directly with a platform role (no session),
  // their email taken as verified (staff and demo accounts).
  Result<User> CreateUser(const SignUpInput& input, PlatformRole role);

 private:
  // Sign-up input checked, the password hashed.
  struct NewAccount {
    std::string email, name, password_hash;
  };
  Result<NewAccount> PrepareAccount(const SignUpInput& input);
  // Stores a confirmation link for the user and queues the email that carries it.
  Result<void> SendEmailVerification(Transaction& tx, const User& user);

  // Loads the caller's role in org_id and decides; NotFound for those who may
  // not know it exists, PermissionDenied for those who may not act.
  Result<std::optional<MemberRole>> Authorise(Transaction& tx, const Caller& caller,
                                              const std::string& org_id, OrgAction action);
  Result<SignedIn> StartSession(Transaction& tx, const User& user);
  // A read transaction that first checks the caller may `action` org_id, then
  // returns what read(tx) returns.
  template <typename T, typename Read>
  Result<T> ReadInOrganisation(const Caller& caller, const std::string& org_id, OrgAction action,
                               Read&& read);

  // Loads an application with its organisation and scheme, and decides
  // whether the caller may `action` it (NotFound for those who may not know
  // it exists).
  Result<ApplicationContext> LoadApplication(Transaction& tx, const Caller& caller,
                                             const std::string& id, ApplicationAction action);
  // One write: load and authorise, change (a core rule), save with the next
  // version, and append the audit entry `audit_action`.
  Result<Application> ChangeApplication(
      const Caller& caller, const std::string& id, ApplicationAction action,
      const char* audit_action,
      const std::function<Result<void>(ApplicationContext&, Transaction&)>& change);
  Result<std::vector<EligibilityProblem>> EligibilityOf(Transaction& tx, const Organisation& org,
                                                        const Scheme& scheme, int level,
                                                        bool terms_accepted,
                                                        const std::string& except_id);

  // Records (impact_maps.cpp): the organisation of a record named only by its
  // id, authorised for action; NotFound for those who may not know it exists.
  Result<std::string> AuthoriseRecord(Transaction& tx, const Caller& caller,
                                      const std::string& kind, const std::string& id,
                                      OrgAction action);
  // Inserts a version with its audit entry ("<kind>.create" or ".update").
  Result<void> SaveRecordVersion(Transaction& tx, const Caller& caller, const RecordVersion& record,
                                 const std::string& audit_json);
  // QuotaExceeded, naming the limit, when `need` would take org_id past one
  // of its quotas (quotas.cpp). Call inside the write that adds it.
  Result<void> CheckQuota(Transaction& tx, const std::string& org_id, const QuotaNeed& need);
  Result<SurveyResults> ComputeSurveyResults(Transaction& tx, const SurveyRecord& record,
                                             const SurveyDesign& design, bool provenance);

  Store& store_;
  PlatformOptions options_;
};

// What an unverified account is told when it tries something that needs a
// confirmed address (FailedPrecondition, field "email_verified").
Error ConfirmEmailFirst(const User& user, std::string_view to_do);

template <typename T, typename Read>
Result<T> Platform::ReadInOrganisation(const Caller& caller, const std::string& org_id,
                                       OrgAction action, Read&& read) {
  return store_.ReadValue([&](Transaction& tx) -> Result<T> {
    TRY(Authorise(tx, caller, org_id, action));
    return read(tx);
  });
}

}  // namespace valuemark::app
