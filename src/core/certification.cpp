#include "core/certification.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/enum_names.h"

namespace valuemark {
namespace {

using detail::NameFrom;
using detail::NameTable;
using detail::ParseFrom;

constexpr NameTable<ApplicationState, 8> kApplicationStates = {
    {{"draft", ApplicationState::kDraft},
     {"submitted", ApplicationState::kSubmitted},
     {"queued", ApplicationState::kQueued},
     {"in_review", ApplicationState::kInReview},
     {"amendments_requested", ApplicationState::kAmendmentsRequested},
     {"recommended", ApplicationState::kRecommended},
     {"awarded", ApplicationState::kAwarded},
     {"rejected", ApplicationState::kRejected}}};
constexpr NameTable<EvidenceKind, 3> kEvidenceKinds = {{{"link", EvidenceKind::kLink},
                                                        {"record", EvidenceKind::kRecord},
                                                        {"file", EvidenceKind::kFile}}};
constexpr NameTable<RecordKind, 8> kRecordKinds = {
    {{"stakeholder_map", RecordKind::kStakeholderMap},
     {"impact_map", RecordKind::kImpactMap},
     {"survey", RecordKind::kSurvey},
     {"decision_log", RecordKind::kDecisionLog},
     {"pledge", RecordKind::kPledge},
     {"scope", RecordKind::kScope},
     {"self_assessment", RecordKind::kSelfAssessment},
     {"lm3_calculation", RecordKind::kLm3Calculation}}};
constexpr NameTable<MessageSide, 2> kMessageSides = {
    {{"assessor", MessageSide::kAssessor}, {"organisation", MessageSide::kOrganisation}}};
constexpr NameTable<Verdict, 3> kVerdicts = {{{"met", Verdict::kMet},
                                              {"not_met", Verdict::kNotMet},
                                              {"amendment_needed", Verdict::kAmendmentNeeded}}};

Error WrongState(const Application& app, const char* action, const char* needed) {
  return Error::Make(ErrorCode::kFailedPrecondition,
                     fmt::format("cannot {}: the application is {}, and it must be {}", action,
                                 Label(app.state), needed));
}

bool Editable(ApplicationState s) {
  return s == ApplicationState::kDraft || s == ApplicationState::kAmendmentsRequested;
}

const CriterionReview* ReviewOf(const Application& app, const std::string& criterion_id) {
  for (const CriterionReview& r : app.reviews)
    if (r.criterion_id == criterion_id) return &r;
  return nullptr;
}

Days TodayOf(UnixTime now) { return DayOf(now); }

}  // namespace

const char* Name(ApplicationState s) { return NameFrom(kApplicationStates, s); }
const char* Label(ApplicationState s) {
  switch (s) {
    case ApplicationState::kDraft:
      return "a draft";
    case ApplicationState::kSubmitted:
      return "submitted into the open round";
    case ApplicationState::kQueued:
      return "queued for the next round";
    case ApplicationState::kInReview:
      return "in review";
    case ApplicationState::kAmendmentsRequested:
      return "back with the organisation for amendments";
    case ApplicationState::kRecommended:
      return "recommended for award";
    case ApplicationState::kAwarded:
      return "awarded";
    case ApplicationState::kRejected:
      return "rejected";
  }
  return "";
}
Result<ApplicationState> ParseApplicationState(const std::string& s) {
  return ParseFrom(kApplicationStates, s);
}
const char* Name(EvidenceKind k) { return NameFrom(kEvidenceKinds, k); }
Result<EvidenceKind> ParseEvidenceKind(const std::string& s) {
  return ParseFrom(kEvidenceKinds, s);
}
const char* Name(RecordKind k) { return NameFrom(kRecordKinds, k); }
Result<RecordKind> ParseRecordKind(const std::string& s) { return ParseFrom(kRecordKinds, s); }
const char* Name(Verdict v) { return NameFrom(kVerdicts, v); }
Result<Verdict> ParseVerdict(const std::string& s) { return ParseFrom(kVerdicts, s); }
const char* Name(MessageSide s) { return NameFrom(kMessageSides, s); }
Result<MessageSide> ParseMessageSide(const std::string& s) { return ParseFrom(kMessageSides, s); }

bool IsOpen(ApplicationState s) {
  return s != ApplicationState::kAwarded && s != ApplicationState::kRejected;
}

bool AwardValid(const Application& app, Days today) {
  if (app.state != ApplicationState::kAwarded) return false;
  auto expiry = ParseDate(app.expires_on);
  return expiry && today < DaysFromCivil(*expiry);
}

std::vector<EligibilityProblem> CheckEligibility(const EligibilityInput& in) {
  std::vector<EligibilityProblem> out;
  const Organisation& org = *in.organisation;
  // SVMC guidance "How to Apply" 1 and "Cost ...": only organisational members apply.
  if (org.membership_status != MembershipStatus::kActive) {
    out.push_back(
        {"membership_inactive",
         fmt::format("the organisation {}: only organisations with active membership may apply",
                     org.membership_status == MembershipStatus::kLapsed ? "'s membership has lapsed"
                                                                        : " is not yet a member")});
  } else if (org.membership_expiry) {
    auto expiry = ParseDate(*org.membership_expiry);
    if (expiry && DaysFromCivil(*expiry) < in.today)
      out.push_back(
          {"membership_expired",
           fmt::format("the organisation's membership expired on {}: renew it before applying",
                       ReadableDate(*org.membership_expiry))});
  }
  const Scheme& scheme = *in.scheme;
  const SchemeLevel* level = scheme.Level(in.level);
  if (!level) {
    out.push_back({"no_such_level", fmt::format("{} has no level {}", scheme.name, in.level)});
  } else if (in.level > 1) {
    // "each level must be achieved to be able to move to the next level", and
    // an award lapses after its validity ("valid for two years").
    const bool held = std::any_of(in.others.begin(), in.others.end(), [&](const Application* a) {
      return a->level >= in.level - 1 && AwardValid(*a, in.today);
    });
    if (!held)
      out.push_back(
          {"previous_level_not_held",
           fmt::format("level {} ({}) needs a current award of level {} ({}) first", in.level,
                       level->name, in.level - 1, scheme.Level(in.level - 1)->name)});
  }
  // FAQ: "Can you apply for more than one level at one time? No."
  for (const Application* a : in.others)
    if (IsOpen(a->state))
      out.push_back(
          {"application_open",
           fmt::format("another application to {} (level {}) is still {}: one level at a time",
                       scheme.name, a->level, Label(a->state))});
  // "Organisational Social Value Representatives": a Lead and a Senior Leader.
  if (!org.lead_user_id)
    out.push_back({"lead_not_named", "name the organisation's Social Value Lead"});
  if (!org.senior_leader_user_id)
    out.push_back(
        {"senior_leader_not_named", "name the organisation's Social Value Senior Leader"});
  // "How to Apply" 3: the Terms & Conditions of Application are accepted.
  if (!in.terms_accepted)
    out.push_back({"terms_not_accepted", "accept the terms and conditions of application"});
  return out;
}

std::vector<FieldError> ValidateRound(const Round& round, const std::vector<Round>& others) {
  std::vector<FieldError> errors;
  auto opens = ParseDate(round.opens_on);
  auto closes = ParseDate(round.closes_on);
  if (!opens) errors.push_back({"opens_on", opens.error().message});
  if (!closes) errors.push_back({"closes_on", closes.error().message});
  if (!errors.empty()) return errors;
  if (*closes < *opens) {
    errors.push_back({"closes_on", "must not be before the day the round opens"});
    return errors;
  }
  if (const Days length = DaysFromCivil(*closes) - DaysFromCivil(*opens) + 1;
      length != kRoundDays) {
    errors.push_back(
        {"closes_on",
         fmt::format("a round runs for two weeks: opening on {}, it closes on {} (this one runs "
                     "for {} days)",
                     ReadableDate(*opens),
                     ReadableDate(CivilFromDays(DaysFromCivil(*opens) + kRoundDays - 1)), length)});
    return errors;
  }
  for (const Round& other : others) {
    if (other.id == round.id) continue;
    // Inclusive ranges overlap when each starts before the other ends.
    if (round.opens_on <= other.closes_on && other.opens_on <= round.closes_on)
      errors.push_back(
          {"opens_on", fmt::format("overlaps the round \"{}\" ({} to {})", other.name,
                                   ReadableDate(other.opens_on), ReadableDate(other.closes_on))});
  }
  return errors;
}

bool RoundIsOpen(const Round& round, Days today) {
  auto opens = ParseDate(round.opens_on);
  auto closes = ParseDate(round.closes_on);
  return opens && closes && DaysFromCivil(*opens) <= today && today <= DaysFromCivil(*closes);
}

Result<const Round*> RoundForSubmission(const std::vector<Round>& rounds, Days today) {
  const Round* next = nullptr;
  for (const Round& r : rounds) {
    if (RoundIsOpen(r, today)) return &r;
    auto opens = ParseDate(r.opens_on);
    if (opens && DaysFromCivil(*opens) > today && (!next || r.opens_on < next->opens_on)) next = &r;
  }
  if (next) return next;
  return Fail(Error::Make(
      ErrorCode::kFailedPrecondition,
      "no round is open and none is scheduled: applications are processed only during rounds, "
      "ask the scheme administrator when the next opens"));
}

Result<void> AddEvidence(Application& app, const Scheme& scheme, EvidenceItem item) {
  if (!Editable(app.state))
    return Fail(
        WrongState(app, "change evidence", "a draft or back with the organisation for amendments"));
  if (!scheme.FindCriterion(app.level, item.criterion_id))
    return Fail(Error::Field(
        ErrorCode::kInvalidArgument, "criterion_id",
        fmt::format("\"{}\" is not a criterion of level {}", item.criterion_id, app.level)));
  app.evidence.push_back(std::move(item));
  app.sign_offs.clear();  // agreement was to the evidence as it was
  return {};
}

Result<void> RemoveEvidence(Application& app, const std::string& evidence_id) {
  if (!Editable(app.state))
    return Fail(
        WrongState(app, "change evidence", "a draft or back with the organisation for amendments"));
  auto it = std::find_if(app.evidence.begin(), app.evidence.end(),
                         [&](const EvidenceItem& e) { return e.id == evidence_id; });
  if (it == app.evidence.end())
    return Fail(Error::Make(ErrorCode::kNotFound, "no such evidence item"));
  app.evidence.erase(it);
  app.sign_offs.clear();
  return {};
}

Result<void> SignOffEvidence(Application& app, const Scheme& scheme, MemberRole role, bool named,
                             const std::string& user_id, UnixTime now) {
  if (!Editable(app.state))
    return Fail(
        WrongState(app, "sign off", "a draft or back with the organisation for amendments"));
  if (std::find(scheme.sign_off.begin(), scheme.sign_off.end(), role) == scheme.sign_off.end() ||
      !named)
    return Fail(Error::Make(
        ErrorCode::kPermissionDenied,
        "only the organisation's named Social Value Lead or Senior Leader signs off the evidence"));
  for (const SignOff& s : app.sign_offs)
    if (s.role == role)
      return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                              fmt::format("{} has already signed off this evidence", Label(role))));
  if (app.evidence.empty())
    return Fail(
        Error::Make(ErrorCode::kFailedPrecondition, "there is no evidence to sign off yet"));
  SignOff given;
  given.role = role;
  given.user_id = user_id;
  given.at = now;
  app.sign_offs.push_back(std::move(given));
  return {};
}

std::string LevelTitle(const Scheme& scheme, int level) {
  const SchemeLevel* named = scheme.Level(level);
  return named ? fmt::format("{}: {}", scheme.name, named->name)
               : fmt::format("{} level {}", scheme.name, level);
}

std::string SignOffDeclaration(MemberRole role, std::string_view title) {
  return fmt::format(
      "As {} of the organisation, I declare that I have read the evidence given for each criterion "
      "of this application for the {}; that to the best of my knowledge it is accurate and "
      "complete and describes the organisation's own work; and that the organisation agrees to "
      "the certifying body's terms, including that an award may be refused, suspended or revoked "
      "if the evidence is found to be false or misleading.",
      Label(role), title);
}

int VoidSignOffsOfFormerRepresentatives(Application& app,
                                        const std::optional<std::string>& lead_user_id,
                                        const std::optional<std::string>& senior_leader_user_id) {
  const auto before = app.sign_offs.size();
  std::erase_if(app.sign_offs, [&](const SignOff& s) {
    const std::optional<std::string>& named =
        s.role == MemberRole::kLead ? lead_user_id : senior_leader_user_id;
    return named != s.user_id;
  });
  return static_cast<int>(before - app.sign_offs.size());
}

std::vector<const Criterion*> MissingEvidence(const Application& app, const Scheme& scheme) {
  std::vector<const Criterion*> out;
  const SchemeLevel* level = scheme.Level(app.level);
  if (!level) return out;
  for (const Criterion& c : level->criteria)
    if (std::none_of(app.evidence.begin(), app.evidence.end(),
                     [&](const EvidenceItem& e) { return e.criterion_id == c.id; }))
      out.push_back(&c);
  return out;
}

std::vector<MemberRole> MissingSignOffs(const Application& app, const Scheme& scheme) {
  std::vector<MemberRole> out;
  for (MemberRole role : scheme.sign_off)
    if (std::none_of(app.sign_offs.begin(), app.sign_offs.end(),
                     [&](const SignOff& s) { return s.role == role; }))
      out.push_back(role);
  return out;
}

int CountPledges(const Application& app) {
  return static_cast<int>(
      std::count_if(app.evidence.begin(), app.evidence.end(), [](const EvidenceItem& e) {
        return e.kind == EvidenceKind::kRecord && e.record_kind == RecordKind::kPledge;
      }));
}

std::vector<FieldError> CompletenessProblems(const Application& app, const Scheme& scheme) {
  std::vector<FieldError> out;
  // SVMC guidance "What kind of Evidence can be used?": "An organisation
  // will need to provide evidence to meet all of the criteria for each level".
  for (const Criterion* c : MissingEvidence(app, scheme))
    out.push_back(
        {"evidence." + c->id, fmt::format("{} has no evidence yet", CriterionName(scheme, *c))});
  // "All evidence ... must be agreed and signed off by both ... Representatives".
  for (MemberRole role : MissingSignOffs(app, scheme))
    out.push_back({"sign_offs." + std::string(Name(role)),
                   fmt::format("the Social Value {} has not signed off the evidence",
                               role == MemberRole::kLead ? "Lead" : "Senior Leader")});
  if (!app.terms_accepted_at)
    out.push_back({"terms_accepted", "the terms and conditions are not accepted"});
  // Newer SVQM form: Bronze needs at least six pledges (docs/api.md "Certification").
  if (const SchemeLevel* level = scheme.Level(app.level);
      level && CountPledges(app) < level->min_pledges)
    out.push_back({"evidence.pledges",
                   fmt::format("level {} needs at least {} pledges, the application has {}",
                               level->name, level->min_pledges, CountPledges(app))});
  return out;
}

Result<void> Submit(Application& app, const Scheme& scheme,
                    const std::vector<EligibilityProblem>& eligibility,
                    const std::vector<Round>& rounds, UnixTime now) {
  if (!Editable(app.state))
    return Fail(WrongState(app, "submit", "a draft or back with the organisation for amendments"));
  if (auto problems = CompletenessProblems(app, scheme); !problems.empty()) {
    Error e = Error::InvalidArgument(std::move(problems));
    e.code = ErrorCode::kFailedPrecondition;
    e.message = "the application is not complete: " + e.message;
    return Fail(std::move(e));
  }
  if (app.state == ApplicationState::kAmendmentsRequested) {
    // Amendments go back to the assessor who asked for them.
    app.state = ApplicationState::kInReview;
    app.submitted_at = now;
    app.results_due = FormatDay(TodayOf(now) + scheme.results_due_days);
    return {};
  }
  if (!eligibility.empty()) {
    std::vector<FieldError> fields;
    for (const EligibilityProblem& p : eligibility)
      fields.push_back({"eligibility." + p.code, p.message});
    Error e = Error::InvalidArgument(std::move(fields));
    e.code = ErrorCode::kFailedPrecondition;
    e.message = "not eligible: " + e.message;
    return Fail(std::move(e));
  }
  const SchemeLevel* level = scheme.Level(app.level);
  app.submitted_at = now;
  if (!level->verified) {
    // Internal commitment only: no round, no assessor.
    app.state = ApplicationState::kSubmitted;
    app.results_due = FormatDay(TodayOf(now) + scheme.results_due_days);
    return {};
  }
  auto round = TRY(RoundForSubmission(rounds, TodayOf(now)));
  app.round_id = (round)->id;
  const bool open = RoundIsOpen(*round, TodayOf(now));
  app.state = open ? ApplicationState::kSubmitted : ApplicationState::kQueued;
  const Days start = open ? TodayOf(now) : DaysFromCivil(*ParseDate((round)->opens_on));
  app.results_due = FormatDay(start + scheme.results_due_days);
  return {};
}

Result<void> AllocateAssessor(Application& app, const std::string& assessor_id,
                              bool assessor_is_member, const std::vector<Round>& rounds,
                              UnixTime now) {
  const bool waiting =
      app.state == ApplicationState::kSubmitted || app.state == ApplicationState::kQueued;
  const bool reallocate = app.state == ApplicationState::kInReview;
  if (!waiting && !reallocate)
    return Fail(WrongState(app, "allocate an assessor", "submitted, queued or in review"));
  if (assessor_is_member)
    return Fail(Error::Field(
        ErrorCode::kFailedPrecondition, "assessor_id",
        "conflict of interest: the assessor is a member of the applying organisation"));
  if (app.state == ApplicationState::kQueued) {
    auto it = std::find_if(rounds.begin(), rounds.end(),
                           [&](const Round& r) { return app.round_id == r.id; });
    if (it != rounds.end() && !RoundIsOpen(*it, TodayOf(now)) &&
        it->opens_on > FormatDay(TodayOf(now)))
      return Fail(Error::Make(
          ErrorCode::kFailedPrecondition,
          fmt::format("the application is queued for the round opening {}: allocate it then",
                      it->opens_on)));
  }
  app.assessor_id = assessor_id;
  if (waiting) app.state = ApplicationState::kInReview;
  return {};
}

Result<void> RecordVerdict(Application& app, const Scheme& scheme, const std::string& criterion_id,
                           Verdict verdict, const std::string& feedback,
                           const std::string& assessor_id, UnixTime now) {
  if (app.state != ApplicationState::kInReview)
    return Fail(WrongState(app, "record a verdict", "in review"));
  if (!scheme.FindCriterion(app.level, criterion_id))
    return Fail(Error::Field(
        ErrorCode::kInvalidArgument, "criterion_id",
        fmt::format("\"{}\" is not a criterion of level {}", criterion_id, app.level)));
  if (verdict != Verdict::kMet && feedback.empty())
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "feedback",
                             "is required when a criterion is not met or needs amendment"));
  CriterionReview review{criterion_id, verdict, feedback, assessor_id, now};
  auto it = std::find_if(app.reviews.begin(), app.reviews.end(),
                         [&](const CriterionReview& r) { return r.criterion_id == criterion_id; });
  if (it != app.reviews.end()) {
    *it = std::move(review);
  } else {
    app.reviews.push_back(std::move(review));
  }
  return {};
}

Result<void> RequestAmendments(Application& app, const Scheme& scheme) {
  (void)scheme;
  if (app.state != ApplicationState::kInReview)
    return Fail(WrongState(app, "request amendments", "in review"));
  if (std::none_of(app.reviews.begin(), app.reviews.end(),
                   [](const CriterionReview& r) { return r.verdict == Verdict::kAmendmentNeeded; }))
    return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                            "mark at least one criterion amendment_needed, with feedback, before "
                            "asking for amendments"));
  app.state = ApplicationState::kAmendmentsRequested;
  app.amendment_cycles += 1;
  app.sign_offs.clear();
  app.reviewed_evidence = app.evidence;
  return {};
}

std::vector<EvidenceItem> CarryForward(const Application& previous, const Scheme& scheme,
                                       int level) {
  std::vector<EvidenceItem> out;
  for (const EvidenceItem& e : previous.evidence)
    if (scheme.FindCriterion(level, e.criterion_id)) out.push_back(e);
  return out;
}

const char* Name(CriterionChange c) {
  switch (c) {
    case CriterionChange::kUnchanged:
      return "unchanged";
    case CriterionChange::kChanged:
      return "changed";
    case CriterionChange::kNew:
      return "new";
  }
  return "?";
}

namespace {

// What an evidence item points at: the same document or record is the same
// evidence, whatever its id.
std::string EvidenceKey(const EvidenceItem& e) {
  return fmt::format("{}|{}|{}|{}|{}|{}", Name(e.kind), e.title, e.url,
                     e.record_kind ? Name(*e.record_kind) : "", e.record_id, e.file_id);
}

// What was added to and taken from one criterion's evidence.
CriterionDiff Compare(const std::vector<EvidenceItem>& before,
                      const std::vector<EvidenceItem>& after, const std::string& criterion_id) {
  std::map<std::string, std::string> was, is;  // key → title
  for (const EvidenceItem& e : before)
    if (e.criterion_id == criterion_id) was.emplace(EvidenceKey(e), e.title);
  for (const EvidenceItem& e : after)
    if (e.criterion_id == criterion_id) is.emplace(EvidenceKey(e), e.title);
  CriterionDiff d;
  d.criterion_id = criterion_id;
  for (const auto& [key, title] : is)
    if (!was.contains(key)) d.added.push_back(title);
  for (const auto& [key, title] : was)
    if (!is.contains(key)) d.removed.push_back(title);
  if (was.empty())
    d.change = CriterionChange::kNew;
  else if (!d.added.empty() || !d.removed.empty())
    d.change = CriterionChange::kChanged;
  return d;
}

std::vector<CriterionDiff> CompareEvidence(const std::vector<EvidenceItem>& before,
                                           const Application& current, const Scheme& scheme) {
  std::vector<CriterionDiff> out;
  const SchemeLevel* level = scheme.Level(current.level);
  if (!level) return out;
  for (const Criterion& c : level->criteria) out.push_back(Compare(before, current.evidence, c.id));
  return out;
}

}  // namespace

std::vector<CriterionDiff> ChangesSinceAward(const Application& previous,
                                             const Application& current, const Scheme& scheme) {
  return CompareEvidence(previous.evidence, current, scheme);
}

std::vector<CriterionDiff> ChangesSinceReview(const Application& app, const Scheme& scheme) {
  if (app.amendment_cycles == 0) return {};
  return CompareEvidence(app.reviewed_evidence, app, scheme);
}

bool ConversationOpen(const Application& app) {
  return app.assessor_id.has_value() && app.state != ApplicationState::kDraft && IsOpen(app.state);
}

Result<void> AddMessage(Application& app, const Scheme& scheme, CriterionMessage message) {
  if (!app.assessor_id && IsOpen(app.state))
    return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                            "the conversation about the criteria starts once an assessor is "
                            "allocated to the application"));
  if (!ConversationOpen(app))
    return Fail(WrongState(app, "write about a criterion", "with its assessor, not yet decided"));
  const SchemeLevel* level = scheme.Level(app.level);
  const Criterion* criterion = nullptr;
  if (level)
    for (const Criterion& c : level->criteria)
      if (c.id == message.criterion_id) criterion = &c;
  std::vector<FieldError> problems;
  if (!criterion)
    problems.push_back({"criterion_id", "is not one of the criteria of this application's level"});
  if (message.body.empty())
    problems.push_back({"body", "write the message"});
  else if (message.body.size() > kMaxMessageLength)
    problems.push_back({"body", fmt::format("is {} characters long; a message holds at most {}",
                                            message.body.size(), kMaxMessageLength)});
  if (!problems.empty()) return Fail(Error::InvalidArgument(std::move(problems)));
  if (app.messages.size() >= kMaxMessages)
    return Fail(Error::Make(
        ErrorCode::kFailedPrecondition,
        fmt::format("this application already holds {} messages, the most it can; continue the "
                    "conversation by email",
                    kMaxMessages)));
  app.messages.push_back(std::move(message));
  return {};
}

int MetPercent(const Application& app, const Scheme& scheme) {
  const SchemeLevel* level = scheme.Level(app.level);
  if (!level || level->criteria.empty()) return 0;
  int met = 0;
  for (const Criterion& c : level->criteria)
    if (const CriterionReview* r = ReviewOf(app, c.id); r && r->verdict == Verdict::kMet) ++met;
  return met * 100 / static_cast<int>(level->criteria.size());
}

Result<void> Recommend(Application& app, const Scheme& scheme, const std::string& summary) {
  if (app.state != ApplicationState::kInReview)
    return Fail(WrongState(app, "recommend", "in review"));
  std::vector<FieldError> problems;
  for (const Criterion& c : scheme.Level(app.level)->criteria) {
    const CriterionReview* r = ReviewOf(app, c.id);
    if (!r) {
      problems.push_back(
          {"reviews." + c.id, fmt::format("{} has no verdict yet", CriterionName(scheme, c))});
    } else if (r->verdict == Verdict::kAmendmentNeeded) {
      problems.push_back(
          {"reviews." + c.id, fmt::format("{} still needs amendment", CriterionName(scheme, c))});
    }
  }
  if (problems.empty() && MetPercent(app, scheme) < scheme.pass_mark_percent)
    problems.push_back(
        {"reviews", fmt::format("{} % of the criteria are met; the pass mark is {} %",
                                MetPercent(app, scheme), scheme.pass_mark_percent)});
  if (!problems.empty()) {
    Error e = Error::InvalidArgument(std::move(problems));
    e.code = ErrorCode::kFailedPrecondition;
    e.message = "cannot recommend: " + e.message;
    return Fail(std::move(e));
  }
  app.recommendation = summary;
  app.recommends_rejection = false;
  app.state = ApplicationState::kRecommended;
  return {};
}

Result<void> RecommendRejection(Application& app, const Scheme& scheme,
                                const std::string& reasons) {
  if (app.state != ApplicationState::kInReview)
    return Fail(WrongState(app, "recommend rejection of", "in review"));
  if (reasons.empty())
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "summary",
                             "give the reasons for recommending rejection"));
  bool any_unmet = false;
  for (const Criterion& c : scheme.Level(app.level)->criteria)
    if (const CriterionReview* r = ReviewOf(app, c.id); r && r->verdict != Verdict::kMet)
      any_unmet = true;
  if (!any_unmet)
    return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                            "no criterion is judged not met: record the verdicts that are not "
                            "met first, or recommend the award"));
  app.recommendation = reasons;
  app.recommends_rejection = true;
  app.state = ApplicationState::kRecommended;
  return {};
}

Result<void> Award(Application& app, const Scheme& scheme, UnixTime now) {
  const SchemeLevel* level = scheme.Level(app.level);
  const bool unverified_ready =
      level && !level->verified && app.state == ApplicationState::kSubmitted;
  if (app.state != ApplicationState::kRecommended && !unverified_ready)
    return Fail(WrongState(app, "award",
                           level && !level->verified ? "submitted or recommended" : "recommended"));
  if (app.recommends_rejection)
    return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                            "the assessor recommended rejection: reject the application with "
                            "reasons, or it cannot be awarded"));
  const CivilDate today = CivilFromDays(TodayOf(now));
  app.awarded_on = FormatDate(today);
  app.expires_on = FormatDate(AddMonths(today, scheme.validity_months));
  app.state = ApplicationState::kAwarded;
  return {};
}

Result<void> Reject(Application& app, const std::string& reason) {
  if (app.state == ApplicationState::kDraft || !IsOpen(app.state))
    return Fail(WrongState(app, "reject",
                           "submitted, queued, in review, amendments requested or recommended"));
  if (reason.empty())
    return Fail(
        Error::Field(ErrorCode::kInvalidArgument, "reason", "give the reasons for rejection"));
  app.decision_reason = reason;
  app.state = ApplicationState::kRejected;
  return {};
}

}  // namespace valuemark
