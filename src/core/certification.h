// The certification workflow's rules (docs/api.md "Certification"), pure: an application to
// a scheme level, its evidence, sign-offs, submission into rounds, review,
// recommendation and award. Every function takes the time it should consider
// "now"; none reads a clock or a database. Each rule cites the scheme text it
// implements: "SVMC guidance" is Social Value International's Social Value
// Management Certificate Guidance Document, "SVQM overview" the Social Value
// Business's published overview of the Social Value Quality Mark (their
// schemes as data: data/schemes).
//
// Errors: FailedPrecondition when the application is not in the state the
// action needs (docs/api.md: 409), InvalidArgument naming the field for bad input,
// PermissionDenied when the person may not take this step.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/organisation.h"
#include "core/result.h"
#include "core/scheme.h"

namespace valuemark {

// draft → submitted (in an open round) or queued (for the next round)
//       → in_review (an assessor is allocated) ⇄ amendments_requested
//       → recommended → awarded; rejected from any state after submission.
enum class ApplicationState {
  kDraft,
  kSubmitted,
  kQueued,
  kInReview,
  kAmendmentsRequested,
  kRecommended,
  kAwarded,
  kRejected,
};
const char* Name(ApplicationState s);  // "draft", "submitted", "queued", "in_review", ...
// The state in words, for emails: "submitted into the open round", "queued
// for the next round", "in review", ...
const char* Label(ApplicationState s);
Result<ApplicationState> ParseApplicationState(const std::string& s);

enum class EvidenceKind { kLink, kRecord, kFile };
const char* Name(EvidenceKind k);  // "link", "record", "file"
Result<EvidenceKind> ParseEvidenceKind(const std::string& s);

// Platform records that can stand as evidence (docs/api.md "Certification":
// evidence of kind "record", e.g. a stakeholder map or an impact map).
enum class RecordKind {
  kStakeholderMap,
  kImpactMap,
  kSurvey,
  kDecisionLog,
  kPledge,
  kScope,
  kSelfAssessment,
  kLm3Calculation
};
const char* Name(
    RecordKind k);  // "stakeholder_map", "impact_map", "survey", "decision_log", "pledge", ...
Result<RecordKind> ParseRecordKind(const std::string& s);

enum class Verdict { kMet, kNotMet, kAmendmentNeeded };
const char* Name(Verdict v);  // "met", "not_met", "amendment_needed"
Result<Verdict> ParseVerdict(const std::string& s);

struct EvidenceItem {
  std::string id;
  std::string criterion_id;
  EvidenceKind kind = EvidenceKind::kLink;
  std::string title;
  std::string url;                        // kLink
  std::optional<RecordKind> record_kind;  // kRecord
  std::string record_id;                  // kRecord
  std::string record_title;               // kRecord: the record's title when it was added
  int64_t record_version = 0;  // kRecord: the version given (0: a record without versions)
  std::string file_id;         // kFile: the stored upload
  std::string media_type;      // kFile: judged from the content
  int64_t size_bytes = 0;      // kFile
  std::string note;
  std::string added_by;
  UnixTime added_at = 0;
};

struct SignOff {
  MemberRole role = MemberRole::kLead;
  std::string user_id;
  UnixTime at = 0;
  std::string declaration;  // the words the signatory declared, as shown to them
};

// A scheme level in words: "Social Value Management Certificate: Commit"
// (or "… level 4" when the scheme has no such level).
std::string LevelTitle(const Scheme& scheme, int level);

// What a representative declares by signing off the evidence of an
// application for `title` (e.g. "Social Value Management Certificate:
// Commit"), shown in full before they sign and kept with the sign-off.
std::string SignOffDeclaration(MemberRole role, std::string_view title);

// Who wrote a message about a criterion: the assessor, or someone of the
// organisation.
enum class MessageSide { kAssessor, kOrganisation };
const char* Name(MessageSide s);  // "assessor", "organisation"
Result<MessageSide> ParseMessageSide(const std::string& s);

struct CriterionMessage {
  std::string id;
  std::string criterion_id;
  MessageSide from = MessageSide::kOrganisation;
  std::string author_id;
  std::string author_name;  // as it was when the message was written
  std::string body;
  UnixTime at = 0;
};

struct CriterionReview {
  std::string criterion_id;
  Verdict verdict = Verdict::kMet;
  std::string feedback;
  std::string assessor_id;
  UnixTime at = 0;
};

// A round during which applications are processed, dates inclusive.
// SVMC guidance FAQ: "your application will only be processed during the
// Social Value Management Certificate rounds. There are 4 rounds throughout
// the year running for 2 weeks."
struct Round {
  std::string id;
  std::string name;
  std::string opens_on;   // YYYY-MM-DD
  std::string closes_on;  // YYYY-MM-DD
  std::string created_by;
  UnixTime created_at = 0;
};

struct Application {
  std::string organisation_id;
  std::string id;
  std::string scheme_id;
  int scheme_version = 0;  // pinned: later versions do not change it
  int level = 0;
  std::optional<std::string> scope_id;  // a programme, service ... or the whole organisation
  bool renewal = false;
  ApplicationState state = ApplicationState::kDraft;
  std::optional<UnixTime> terms_accepted_at;
  std::string terms_accepted_by;
  // The terms document accepted (its id, e.g. "svmc-terms-v1"; Scheme::terms
  // at the time); "" when accepted before the terms were versioned.
  std::string terms_version;
  std::vector<EvidenceItem> evidence;
  std::vector<SignOff> sign_offs;
  std::vector<CriterionReview> reviews;
  std::vector<CriterionMessage> messages;  // the conversations, oldest first
  // The evidence when the assessor last asked for amendments, to show what
  // changed on resubmission; empty before any request.
  std::vector<EvidenceItem> reviewed_evidence;
  std::optional<std::string> round_id;
  std::optional<UnixTime> submitted_at;
  std::string results_due;  // YYYY-MM-DD, once submitted
  std::optional<std::string> assessor_id;
  std::string recommendation;           // the assessor's summary, or reasons for rejection
  bool recommends_rejection = false;    // the assessor recommends rejection, not the award
  std::string decision_reason;          // rejection reasons
  std::string awarded_on;               // YYYY-MM-DD
  std::string expires_on;               // YYYY-MM-DD
  std::string certificate_id;           // once awarded
  std::string previous_application_id;  // a renewal: the award it renews
  int amendment_cycles = 0;
  std::string created_by;
  UnixTime created_at = 0;
  UnixTime updated_at = 0;
  int64_t version = 1;  // optimistic concurrency
};

// Open applications are those a new one for the same scheme would clash with.
bool IsOpen(ApplicationState s);

// ---- Eligibility ----------------------------------------------------------

struct EligibilityProblem {
  std::string code;     // stable slug, e.g. "membership_inactive"
  std::string message;  // what is wrong and what to do
};

// What eligibility looks at, gathered by the caller.
struct EligibilityInput {
  const Scheme* scheme = nullptr;
  int level = 0;
  const Organisation* organisation = nullptr;
  bool terms_accepted = false;
  // The organisation's other applications to the same scheme (any version).
  std::vector<const Application*> others;
  Days today = 0;
};

// Every reason the organisation may not apply (empty: eligible). The checks:
//  - membership active and not expired: SVMC guidance "How to Apply" 1.
//    "Your organisation must have membership with Social Value
//    International"; "Cost ...": "you must be an organisational member".
//  - the previous level held and still valid: "The certificate is a process
//    so each level must be achieved to be able to move to the next level";
//    FAQ "You must have each level in place before applying for the next";
//    an award lapses after "Accreditation is valid for two years".
//  - one level per application, none already open: FAQ "Can you apply for
//    more than one level at one time? No."
//  - both representatives named: "Organisational Social Value
//    Representatives" (Lead and Senior Leader).
//  - terms accepted: "How to Apply" 3, "A signed copy [of the Terms &
//    Conditions] must be submitted with your application".
std::vector<EligibilityProblem> CheckEligibility(const EligibilityInput& in);

// ---- Rounds ---------------------------------------------------------------

// SVMC guidance FAQ: "4 rounds throughout the year running for 2 weeks":
// a round runs for 14 days, the day it opens and the day it closes included.
inline constexpr int kRoundDays = 14;

// Every problem with a round's dates: its length (kRoundDays), and overlaps
// with the others (field named: "opens_on", "closes_on").
std::vector<FieldError> ValidateRound(const Round& round, const std::vector<Round>& others);
bool RoundIsOpen(const Round& round, Days today);
// The round an application submitted today goes into: the open one, or else
// the next to open; FailedPrecondition when there is neither.
Result<const Round*> RoundForSubmission(const std::vector<Round>& rounds, Days today);

// ---- Evidence and sign-off ------------------------------------------------

// Adds or removes evidence while the organisation may edit (draft or
// amendments requested). Any change voids the sign-offs: SVMC guidance
// "All evidence for each level of the certificate must be agreed and signed
// off by both identified Social Value Representatives" — agreement to other
// evidence is not agreement to this.
Result<void> AddEvidence(Application& app, const Scheme& scheme, EvidenceItem item);
Result<void> RemoveEvidence(Application& app, const std::string& evidence_id);

// A representative signs off the evidence as it stands. `role` is the role
// the person holds and `named` whether the organisation names them as that
// representative. Refused for a role the scheme does not ask for, for someone
// not named, and for a second sign-off in the same role.
Result<void> SignOffEvidence(Application& app, const Scheme& scheme, MemberRole role, bool named,
                             const std::string& user_id, UnixTime now);

// Drops the sign-offs given by someone who is no longer the named
// representative for that role (a representative replaced after signing):
// their agreement is not the organisation's any more. Returns how many.
int VoidSignOffsOfFormerRepresentatives(Application& app,
                                        const std::optional<std::string>& lead_user_id,
                                        const std::optional<std::string>& senior_leader_user_id);

// Criteria of the level with no evidence yet, in scheme order.
std::vector<const Criterion*> MissingEvidence(const Application& app, const Scheme& scheme);
// Sign-off roles the scheme needs that are not yet given.
std::vector<MemberRole> MissingSignOffs(const Application& app, const Scheme& scheme);
int CountPledges(const Application& app);

// Everything that keeps a draft from being complete, as field errors naming
// evidence, sign-offs, terms and pledges. Empty: complete.
std::vector<FieldError> CompletenessProblems(const Application& app, const Scheme& scheme);

// ---- Workflow -------------------------------------------------------------

// Submits a complete application with no eligibility problems. A first
// submission goes into the open round (submitted) or is queued for the next.
// The results are due results_due_days after the complete application is
// received, or after the round opens for a queued one (SVMC guidance FAQ:
// "The initial results will be available approximately 3 weeks after a
// complete application is received"; processing happens only in rounds).
// A resubmission after amendments goes back to the same assessor's review.
Result<void> Submit(Application& app, const Scheme& scheme,
                    const std::vector<EligibilityProblem>& eligibility,
                    const std::vector<Round>& rounds, UnixTime now);

// An administrator allocates an assessor to a submitted application (a queued
// one once its round has opened). Refused on a conflict of interest: the
// assessor belongs to the organisation (SVQM overview "The Process": the
// mark is verified independently).
Result<void> AllocateAssessor(Application& app, const std::string& assessor_id,
                              bool assessor_is_member, const std::vector<Round>& rounds,
                              UnixTime now);

// The assessor's verdict on one criterion, with feedback (required unless met).
Result<void> RecordVerdict(Application& app, const Scheme& scheme, const std::string& criterion_id,
                           Verdict verdict, const std::string& feedback,
                           const std::string& assessor_id, UnixTime now);

// Sends the application back for amendments: at least one criterion needs
// one (SVMC guidance FAQ: "There may be feedback and amendments").
// Sign-offs are voided so the amended evidence is agreed again.
Result<void> RequestAmendments(Application& app, const Scheme& scheme);

// The assessor recommends the award "in principle" (SVQM overview "The
// Process"): every criterion has a verdict, none needs amendment, and the met
// share reaches the pass mark (SVMC: all criteria; newer SVQM: 80 %).
Result<void> Recommend(Application& app, const Scheme& scheme, const std::string& summary);
// The assessor recommends rejection, with reasons: in review, with at least
// one criterion judged not met or needing amendment (a fully met application
// is recommended for award instead). The administrator then rejects; the
// award is refused while the recommendation stands.
Result<void> RecommendRejection(Application& app, const Scheme& scheme, const std::string& reasons);

// The scheme owner confirms the award (SVQM overview: "The Social Value
// Business will review the recommendations and award ... for a period of 2
// year"); valid validity_months from the award (SVMC guidance FAQ:
// "Accreditation is valid for two years"). A level that is not independently
// verified (SVQM Pledges: "Requires Internal Commitment Only") is confirmed
// from submission without an assessor.
Result<void> Award(Application& app, const Scheme& scheme, UnixTime now);

// Rejection with reasons, by the administrator, from any submitted state.
Result<void> Reject(Application& app, const std::string& reason);

// ---- Renewal --------------------------------------------------------------

// The evidence of the award being renewed, carried forward to the renewal:
// items for criteria the renewal's scheme version still has (SVMC guidance
// "Ongoing Support": "renewal of the certificate will require evidence of
// systems still be used and developed" — the old evidence is the starting
// point, to be updated). Ids are kept; the caller gives new ones.
std::vector<EvidenceItem> CarryForward(const Application& previous, const Scheme& scheme,
                                       int level);

enum class CriterionChange { kUnchanged, kChanged, kNew };
const char* Name(CriterionChange c);  // "unchanged", "changed", "new"
struct CriterionDiff {
  std::string criterion_id;
  CriterionChange change = CriterionChange::kUnchanged;
  std::vector<std::string> added, removed;  // the titles of the evidence added and taken away
};
// For each criterion of the level, in scheme order: whether its evidence is
// the same as at the last award (same links and records), different, or for a
// criterion the previous award did not have — so an assessor looks again only
// at what changed.
std::vector<CriterionDiff> ChangesSinceAward(const Application& previous,
                                             const Application& current, const Scheme& scheme);
// A resubmission: for each criterion of the level, what evidence was added
// and taken away since the assessor asked for amendments (the evidence as it
// was then is kept in `reviewed_evidence`). Empty before any request.
std::vector<CriterionDiff> ChangesSinceReview(const Application& app, const Scheme& scheme);

// ---- The conversation about a criterion -----------------------------------

// Limits of the conversation: the words of one message, and the messages of
// one application (so that a document stays a document).
inline constexpr size_t kMaxMessageLength = 4000;
inline constexpr size_t kMaxMessages = 500;

// Whether the conversation is open: once an assessor is allocated, until
// the decision.
bool ConversationOpen(const Application& app);
// Adds a message to the conversation about one of the level's criteria:
// InvalidArgument naming `criterion_id` or `body`, FailedPrecondition when
// the application has no assessor yet, is decided, or the conversation is
// full.
Result<void> AddMessage(Application& app, const Scheme& scheme, CriterionMessage message);

// The percentage of the level's criteria judged met (rounded down).
int MetPercent(const Application& app, const Scheme& scheme);
// Whether an awarded application's certificate is still valid on `today`.
bool AwardValid(const Application& app, Days today);

}  // namespace valuemark
