// The certification module's use cases (docs/api.md "Certification",
// "Certificates"): the schemes and their published versions, applications
// with their evidence, sign-off and submission, rounds and the assessment
// (assessment.cpp), and the public side of awards: signed certificates, their
// verification, the register and the keys (certificates.cpp).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/measure/measure.h"
#include "app/use_cases.h"
#include "core/certification.h"
#include "core/lint.h"

namespace valuemark::app {

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
  std::string assessor_name;  // the allocated assessor's; empty when none is
};

// An application loaded for a use case, with what deciding about it needs.
struct ApplicationContext {
  Application app;
  Organisation org;
  std::optional<MemberRole> role;  // the caller's, in the organisation
  const Scheme* scheme = nullptr;  // the version the application is pinned to
  std::string Title() const;       // "Scheme name: Level name", for emails
};

// A certificate's status now, with the certifying body's reason and date
// when it was suspended or revoked (GET /certificates/{id}/status).
struct CertificateStatusView {
  CertificateStatus status = CertificateStatus::kExpired;
  std::string reason;             // the body's reason; empty when current or expired
  std::optional<UnixTime> since;  // when suspended or revoked
  std::string summary;            // the status in words, for people
};
CertificateStatusView StatusViewOf(const StoredCertificate& s, Days today);

// Suspends, revokes or reinstates a certificate inside the caller's
// transaction (CheckStandingChange's rules; refused to a member of the
// organisation, a conflict of interest), audited, with the representatives
// emailed the reason. The caller checks that actor_id may do it.
Result<CertificateStatusView> ChangeCertificateStanding(Transaction& tx,
                                                        const std::string& actor_id,
                                                        const std::string& id,
                                                        CertificateStanding to,
                                                        const std::string& reason, UnixTime now);

// The public verification of a code (GET /verify/{code}).
struct Verification {
  bool valid = false;  // signature verifies and the certificate is current
  bool signature_valid = false;
  CertificateStatusView status;
  std::optional<Certificate> certificate;  // none: no certificate has the code
  std::string reason;
};

// An entry of the public register: an award in force, current or suspended.
struct RegisterEntry {
  Certificate certificate;
  CertificateStatusView status;
};

// Search of the public register; empty fields match everything.
struct RegisterQuery {
  std::string name, scheme_id, area;
  int level = 0;
};

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
  // Each impact map given as evidence, at the version given, with what the
  // principles check finds in it (errors first).
  struct RecordCheck {
    std::string criterion_id, record_id, title;
    int64_t version = 0;
    bool found = true;  // false: that version no longer exists
    int errors = 0, warnings = 0;
    std::vector<Finding> findings;  // errors and warnings, not notes
  };
  std::vector<RecordCheck> record_checks;
};

// Something waiting for the caller (GET /me/tasks): what to do, in words,
// and the page where it is done.
struct Task {
  std::string kind;    // sign_off, submit, amend, answer, review, allocate, decide, renew, pledge,
                       // membership, appeal
  std::string title;   // what to do, e.g. "Sign off the evidence"
  std::string detail;  // why, or by when, in a sentence
  std::string link;    // the web page where it is done, e.g. "/applications/…"
  std::string organisation_name;
  UnixTime since = 0;  // when the task arose (the application's last change)
  std::string due;     // YYYY-MM-DD when there is a date to meet; empty otherwise
};

// A milestone of an application (GET /applications/{id}/timeline), from
// its audit trail: started, submitted, allocated, amendments requested,
// resubmitted, recommended, awarded or rejected.
struct TimelineEvent {
  std::string kind;   // started, terms_accepted, signed_off, submitted, resubmitted, ...
  std::string title;  // in words, e.g. "Resubmitted with the amendments"
  UnixTime at = 0;
  std::string by;  // who did it, by name; empty for the platform
};

class CertificationService : public UseCases {
 public:
  // The catalogue grows when an administrator publishes a scheme version.
  CertificationService(Store& store, const PlatformOptions& options, SchemeCatalogue& schemes)
      : UseCases(store, options), schemes_(schemes) {}

  const SchemeCatalogue& schemes() const { return schemes_; }
  // Adds the scheme versions administrators published (stored in the
  // database) to those read from data/schemes; at start, after construction.
  // AlreadyExists when a published version clashes with a file.
  Result<int> LoadPublishedSchemes();
  // An administrator publishes a new version of a scheme (or a new scheme):
  // the scheme file's JSON, validated like a file, with a version above every
  // existing one of that id. Applications already started stay on theirs.
  Result<const Scheme*> PublishScheme(const Caller& caller, const std::string& document);

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
  // A representative signs off the evidence: their password again, and the
  // declaration they were shown is kept with the sign-off.
  Result<Application> SignOff(const Caller& caller, const std::string& id,
                              const std::string& password);
  Result<Application> Submit(const Caller& caller, const std::string& id);
  // Those whose organisation's name contains `text` (any case) and, when
  // given, in `state` and in the round `round_id`.
  Result<std::vector<QueueItem>> ReviewQueue(const Caller& caller, const std::string& text = "",
                                             std::optional<ApplicationState> state = {},
                                             const std::string& round_id = "");
  Result<Application> AllocateAssessor(const Caller& caller, const std::string& id,
                                       const std::string& assessor_id);
  Result<Application> RecordVerdict(const Caller& caller, const std::string& id,
                                    const VerdictInput& input);
  Result<Application> RequestAmendments(const Caller& caller, const std::string& id);
  // The assessor's recommendation: the award, or (`rejection`) rejection with
  // the summary as its reasons.
  Result<Application> Recommend(const Caller& caller, const std::string& id,
                                const std::string& summary, bool rejection = false);
  Result<Application> Award(const Caller& caller, const std::string& id);
  Result<Application> Reject(const Caller& caller, const std::string& id,
                             const std::string& reason);

  // Between the assessor and the organisation (conversation.cpp): a message
  // about a criterion by the allocated assessor, the Lead or the Senior
  // Leader, emailed to the other side; what changed on each criterion since
  // the assessor asked for amendments; the application's milestones.
  Result<Application> WriteMessage(const Caller& caller, const std::string& id,
                                   const std::string& criterion_id, const std::string& body);
  Result<std::vector<CriterionDiff>> ChangesSinceReview(const Caller& caller,
                                                        const std::string& id);
  Result<std::vector<TimelineEvent>> Timeline(const Caller& caller, const std::string& id);

  // The caller's task inbox, oldest first: sign-offs, submissions and
  // amendments of the applications of organisations they represent, renewals
  // due within 90 days, reviews allocated to an assessor, and applications to
  // allocate and recommendations to decide for an administrator (not of an
  // organisation they belong to).
  Result<std::vector<Task>> Tasks(const Caller& caller);

  // Rounds
  Result<std::vector<Round>> ListRounds(const Caller& caller);
  // For staff, how many applications each round holds (submitted into it or
  // queued for it), by round id; empty for anyone else.
  Result<std::map<std::string, int>> RoundApplicationCounts(const Caller& caller);
  Result<Round> CreateRound(const Caller& caller, const RoundInput& input);
  // The administrator changes the name or dates of a round, or cancels it,
  // while no application has joined it (FailedPrecondition naming how many
  // have); the same rules as a new round; audited.
  Result<Round> UpdateRound(const Caller& caller, const std::string& id, const RoundInput& input);
  Result<void> CancelRound(const Caller& caller, const std::string& id);

  // Loads an application with its organisation and scheme, and decides
  // whether the caller may `action` it (NotFound for those who may not know
  // it exists). Inside another use case's transaction: the audit module's
  // history of an application is for those who may read it.
  Result<ApplicationContext> LoadApplication(Transaction& tx, const Caller& caller,
                                             const std::string& id, ApplicationAction action);

 private:
  SchemeCatalogue& schemes_;
  // One write: load and authorise, change (a core rule), save with the next
  // version, and append the audit entry `audit_action`.
  Result<Application> ChangeApplication(
      const Caller& caller, const std::string& id, ApplicationAction action,
      const char* audit_action,
      const std::function<Result<void>(ApplicationContext&, Transaction&)>& change);
  Result<void> TellTheOtherSignatory(Transaction& tx, const ApplicationContext& ctx,
                                     const User& signer);
  Result<std::vector<EligibilityProblem>> EligibilityOf(Transaction& tx, const Organisation& org,
                                                        const Scheme& scheme, int level,
                                                        bool terms_accepted,
                                                        const std::string& except_id);
  // The scheme asks for a preparation call and the organisation has held
  // none for it: a problem that stops a submission (not the start of one).
  Result<void> AddPreparationCallProblem(Transaction& tx, const Organisation& org,
                                         const Scheme& scheme,
                                         std::vector<EligibilityProblem>& problems);
};

class CertificateService : public UseCases {
 public:
  using UseCases::UseCases;

  // Certificates (public): signed documents, verification by code, the
  // register of current awards, the published keys.
  Result<SigningKey> EnsureSigningKey();  // at start: the key exists before the first award
  Result<StoredCertificate> GetCertificate(const std::string& id);
  Result<Verification> VerifyCode(const std::string& code);
  Result<std::vector<RegisterEntry>> Register(const RegisterQuery& query);
  Result<CertificateStatusView> Status(const std::string& id);
  // The signed list of suspended and revoked certificates, signed now by the
  // current key (formats/revocation_list_json.h).
  Result<std::string> RevocationList();
  // The certifying body withdraws or restores a certificate (administrator,
  // not a member of its organisation): suspend a current certificate with a
  // reason, reinstate a suspended one, revoke (final) with a reason. Audited,
  // and the organisation's representatives are told.
  Result<CertificateStatusView> ChangeStanding(const Caller& caller, const std::string& id,
                                               CertificateStanding to, const std::string& reason);
  Result<std::vector<SigningKey>> PublicKeys();  // without their secret halves
  // Emails the representatives of each certificate that expires in 90 or 30
  // days, once per certificate and reminder (issue: renewal reminders at 90
  // and 30 days); returns how many were sent. Safe to run as often as wanted.
  Result<int> SendRenewalReminders();
};

}  // namespace valuemark::app
