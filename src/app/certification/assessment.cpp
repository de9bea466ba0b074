// The assessment of applications (docs/api.md "Certification"): the review
// queue, the administrator's rounds, allocation of an assessor, the
// assessor's verdicts and recommendation, and the award or rejection, with
// the conflict-of-interest check at every step. Each checks access
// (core/access.h DecideApplication), runs a core rule (core/certification.h)
// and saves the application with its audit entry in one transaction
// (CertificationService::ChangeApplication, certification.cpp).
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "app/audit/chain.h"
#include "app/certification/certificates.h"
#include "app/certification/certification.h"
#include "app/outbox.h"
#include "app/validate.h"
#include "formats/application_json.h"
#include "formats/records_json.h"

namespace valuemark::app {

Result<std::vector<QueueItem>> CertificationService::ReviewQueue(
    const Caller& caller, const std::string& text_in, std::optional<ApplicationState> state,
    const std::string& round_id) {
  const std::string text = TRY(CleanText("q", text_in, 0, 200, Lines::kSingle));
  if (!Allowed(caller.user.platform_role, PlatformAction::kReviewQueue))
    return Fail(Error::Make(ErrorCode::kPermissionDenied,
                            "the review queue is for assessors and administrators"));
  std::vector<QueueItem> out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    const bool admin = caller.user.platform_role == PlatformRole::kAdministrator;
    auto list =
        TRY(tx.ListSubmittedApplications(admin ? std::nullopt : std::optional(caller.user.id)));
    std::map<std::string, std::string> names, assessors;
    for (Application& a : list) {
      if (state && a.state != *state) continue;
      if (!round_id.empty() && a.round_id != round_id) continue;
      auto [it, added] = names.try_emplace(a.organisation_id);
      if (added) {
        auto org = TRY(tx.FindOrganisation(a.organisation_id));
        if (org) it->second = org->name;
      }
      if (!ContainsIgnoringCase(it->second, text)) continue;
      std::string assessor_name;
      if (a.assessor_id) {
        auto [who, first] = assessors.try_emplace(*a.assessor_id);
        if (first) {
          auto user = TRY(tx.FindUserById(*a.assessor_id));
          if (user) who->second = user->name;
        }
        assessor_name = who->second;
      }
      out.push_back({std::move(a), it->second, std::move(assessor_name)});
    }
    return {};
  }));
  return out;
}

Result<Application> CertificationService::AllocateAssessor(const Caller& caller,
                                                           const std::string& id,
                                                           const std::string& assessor_id) {
  return ChangeApplication(
      caller, id, ApplicationAction::kAdminister, "application.allocate",
      [&](ApplicationContext& ctx, Transaction& tx) -> Result<void> {
        auto assessor = TRY(tx.FindUserById(assessor_id));
        if (!assessor || assessor->platform_role != PlatformRole::kAssessor)
          return Fail(
              InvalidField("assessor_id", "must be a user whose platform role is assessor"));
        auto member = TRY(tx.FindMember(ctx.app.organisation_id, assessor_id));
        // After an upheld appeal, the review is afresh: not by anyone who
        // took part in the decision it overturned.
        auto appeals = TRY(tx.ListAppeals(ctx.app.organisation_id));
        for (const Appeal& a : appeals)
          if (a.application_id == ctx.app.id && a.subject == AppealSubject::kRejection &&
              a.state == AppealState::kUpheld &&
              std::find(a.took_part.begin(), a.took_part.end(), assessor_id) != a.took_part.end())
            return Fail(Error::Field(ErrorCode::kFailedPrecondition, "assessor_id",
                                     "this assessor took part in the decision that an appeal "
                                     "overturned: allocate another assessor"));
        auto rounds = TRY(tx.ListRounds());
        TRY(valuemark::AllocateAssessor(ctx.app, assessor_id, member.has_value(), rounds, Now()));
        OutboxMessage m;
        m.to = assessor->email;
        m.subject = fmt::format("ValueMark: {} is allocated to you for review", ctx.org.name);
        m.body = fmt::format(
            "Hello {},\n\nThe {} application of {} (level {}) is allocated to you. Results are due "
            "on {}.\nOpen it at {}/applications/{}\n",
            OneLine(assessor->name), ctx.scheme->name, OneLine(ctx.org.name), ctx.app.level,
            ctx.app.results_due, options_.public_url, ctx.app.id);
        m.created_at = Now();
        TRY(QueueEmail(tx, m));
        return {};
      });
}

Result<Application> CertificationService::RecordVerdict(const Caller& caller, const std::string& id,
                                                        const VerdictInput& input) {
  auto verdict = ParseVerdict(input.verdict);
  if (!verdict) return Fail(InvalidField("verdict", verdict.error().message));
  auto feedback = TRY(CleanText("feedback", input.feedback, 0, 4000, Lines::kMulti));
  return ChangeApplication(caller, id, ApplicationAction::kReview, "application.verdict",
                           [&](ApplicationContext& ctx, Transaction&) {
                             return valuemark::RecordVerdict(ctx.app, *ctx.scheme,
                                                             input.criterion_id, *verdict, feedback,
                                                             caller.user.id, Now());
                           });
}

Result<Application> CertificationService::RequestAmendments(const Caller& caller,
                                                            const std::string& id) {
  return ChangeApplication(
      caller, id, ApplicationAction::kReview, "application.request_amendments",
      [&](ApplicationContext& ctx, Transaction& tx) -> Result<void> {
        TRY(valuemark::RequestAmendments(ctx.app, *ctx.scheme));
        std::string feedback;
        for (const CriterionReview& r : ctx.app.reviews)
          if (r.verdict == Verdict::kAmendmentNeeded)
            feedback += fmt::format("- {}: {}\n", r.criterion_id, r.feedback);
        return NotifyRepresentatives(
            tx, ctx.org, fmt::format("ValueMark: amendments requested for {}", ctx.Title()),
            fmt::format("The assessor asks for amendments to the {} application:\n{}\nChange the "
                        "evidence, sign it off again and resubmit: {}/applications/{}",
                        ctx.Title(), feedback, options_.public_url, ctx.app.id),
            Now());
      });
}

Result<Application> CertificationService::Recommend(const Caller& caller, const std::string& id,
                                                    const std::string& summary_in, bool rejection) {
  auto summary = TRY(CleanText("summary", summary_in, 1, 4000, Lines::kMulti));
  return ChangeApplication(
      caller, id, ApplicationAction::kReview,
      rejection ? "application.recommend_rejection" : "application.recommend",
      [&](ApplicationContext& ctx, Transaction& tx) -> Result<void> {
        TRY(rejection ? valuemark::RecommendRejection(ctx.app, *ctx.scheme, summary)
                      : valuemark::Recommend(ctx.app, *ctx.scheme, summary));
        return NotifyAdministrators(
            tx, ctx.org, fmt::format("ValueMark: {} for {} to decide", ctx.Title(), ctx.org.name),
            fmt::format("The assessor recommends {} of the {} application "
                        "of {}. Read the recommendation and decide: "
                        "{}/applications/{}",
                        rejection ? "rejection" : "the award", ctx.Title(), OneLine(ctx.org.name),
                        options_.public_url, ctx.app.id),
            Now());
      });
}

namespace {

// Nobody who judged the application, nor the administrator awarding it, may
// be a member of the organisation at the moment of the award: membership can
// change after the allocation.
Result<void> CheckNoConflictAtAward(Transaction& tx, const ApplicationContext& ctx,
                                    const Caller& caller) {
  std::vector<std::string> judges = {caller.user.id};
  if (ctx.app.assessor_id) judges.push_back(*ctx.app.assessor_id);
  for (const CriterionReview& r : ctx.app.reviews) judges.push_back(r.assessor_id);
  std::sort(judges.begin(), judges.end());
  judges.erase(std::unique(judges.begin(), judges.end()), judges.end());
  for (const std::string& user_id : judges) {
    if (user_id.empty()) continue;
    auto member = TRY(tx.FindMember(ctx.org.id, user_id));
    if (!member) continue;
    const bool self = user_id == caller.user.id;
    return Fail(Error::Make(
        ErrorCode::kFailedPrecondition,
        self ? fmt::format("conflict of interest: you are a member of {}, so another "
                           "administrator must decide "
                           "on its application",
                           ctx.org.name)
             : fmt::format("conflict of interest: {}, who assessed this application, "
                           "is a member of {}; allocate "
                           "another assessor to review it again before an award",
                           member->name.empty() ? "the assessor" : member->name, ctx.org.name)));
  }
  return {};
}

}  // namespace

Result<Application> CertificationService::Award(const Caller& caller, const std::string& id) {
  return ChangeApplication(
      caller, id, ApplicationAction::kAdminister, "application.award",
      [&](ApplicationContext& ctx, Transaction& tx) -> Result<void> {
        TRY(CheckNoConflictAtAward(tx, ctx, caller));
        TRY(valuemark::Award(ctx.app, *ctx.scheme, Now()));
        auto issued =
            IssueCertificate(tx, ctx.app, *ctx.scheme, ctx.org, options_.public_url, Now());
        if (!issued) return Fail(issued.error());
        ctx.app.certificate_id = issued->certificate.id;
        TRY(NotifyRepresentatives(
            tx, ctx.org, fmt::format("ValueMark: {} awarded", ctx.Title()),
            fmt::format("{} holds {} until {}. Anyone can verify the certificate at {}",
                        OneLine(ctx.org.name), ctx.Title(), ReadableDate(ctx.app.expires_on),
                        issued->certificate.verify_url),
            Now()));
        return AppendAuditEvent(tx,
                                {caller.user.id, "certificate.issue", "certificate",
                                 issued->certificate.id, ctx.org.id, issued->document},
                                Now());
      });
}

Result<Application> CertificationService::Reject(const Caller& caller, const std::string& id,
                                                 const std::string& reason_in) {
  auto reason = TRY(CleanText("reason", reason_in, 1, 4000, Lines::kMulti));
  return ChangeApplication(
      caller, id, ApplicationAction::kAdminister, "application.reject",
      [&](ApplicationContext& ctx, Transaction& tx) -> Result<void> {
        TRY(valuemark::Reject(ctx.app, reason));
        return NotifyRepresentatives(
            tx, ctx.org, fmt::format("ValueMark: {} not awarded", ctx.Title()),
            fmt::format("The {} application was rejected. Reasons:\n{}", ctx.Title(), reason),
            Now());
      });
}

Result<std::vector<Round>> CertificationService::ListRounds(const Caller&) {
  std::vector<Round> out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    out = TRY(tx.ListRounds());
    return {};
  }));
  return out;
}

Result<std::map<std::string, int>> CertificationService::RoundApplicationCounts(
    const Caller& caller) {
  std::map<std::string, int> out;
  if (!Allowed(caller.user.platform_role, PlatformAction::kReviewQueue)) return out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto submitted = TRY(tx.ListSubmittedApplications(std::nullopt));
    for (const Application& a : submitted)
      if (a.round_id) ++out[*a.round_id];
    return {};
  }));
  return out;
}

namespace {

// How many applications have joined the round (submitted into it or queued for it).
Result<size_t> ApplicationsInRound(Transaction& tx, const std::string& round_id) {
  auto submitted = TRY(tx.ListSubmittedApplications(std::nullopt));
  return static_cast<size_t>(
      std::count_if(submitted.begin(), submitted.end(),
                    [&](const Application& a) { return a.round_id == round_id; }));
}

Result<Round> RoundToChange(Transaction& tx, const std::string& id, const char* change) {
  auto rounds = TRY(tx.ListRounds());
  auto it = std::find_if(rounds.begin(), rounds.end(), [&](const Round& r) { return r.id == id; });
  if (it == rounds.end()) return Fail(Error::Make(ErrorCode::kNotFound, "no such round"));
  if (const size_t joined = TRY(ApplicationsInRound(tx, id)); joined > 0)
    return Fail(Error::Make(
        ErrorCode::kFailedPrecondition,
        fmt::format("{} application{} joined the round \"{}\": a round cannot be {} once "
                    "organisations have applied into it",
                    joined, joined == 1 ? " has" : "s have", it->name, change)));
  return *it;
}

}  // namespace

Result<Round> CertificationService::UpdateRound(const Caller& caller, const std::string& id,
                                                const RoundInput& input) {
  if (!Allowed(caller.user.platform_role, PlatformAction::kManageRounds))
    return Fail(
        Error::Make(ErrorCode::kPermissionDenied, "only the scheme administrator sets rounds"));
  auto name = TRY(CleanText("name", input.name, 1, 200));
  Round round;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    round = TRY(RoundToChange(tx, id, "changed"));
    const std::string before = formats::CompactJson(&formats::WriteRound, round);
    round.name = name;
    round.opens_on = input.opens_on;
    round.closes_on = input.closes_on;
    auto rounds = TRY(tx.ListRounds());
    if (auto problems = ValidateRound(round, rounds); !problems.empty())
      return Fail(Error::InvalidArgument(std::move(problems)));
    TRY(tx.UpdateRound(round));
    return AppendAuditEvent(tx,
                            {caller.user.id, "round.update", "round", round.id, "",
                             formats::CompactJson(&formats::WriteRound, round), before},
                            Now());
  }));
  return round;
}

Result<void> CertificationService::CancelRound(const Caller& caller, const std::string& id) {
  if (!Allowed(caller.user.platform_role, PlatformAction::kManageRounds))
    return Fail(
        Error::Make(ErrorCode::kPermissionDenied, "only the scheme administrator sets rounds"));
  return store_.Write([&](Transaction& tx) -> Result<void> {
    const Round round = TRY(RoundToChange(tx, id, "cancelled"));
    TRY(tx.DeleteRound(id));
    return AppendAuditEvent(tx,
                            {caller.user.id, "round.cancel", "round", round.id, "",
                             formats::CompactJson(&formats::WriteRound, round)},
                            Now());
  });
}

Result<Round> CertificationService::CreateRound(const Caller& caller, const RoundInput& input) {
  if (!Allowed(caller.user.platform_role, PlatformAction::kManageRounds))
    return Fail(
        Error::Make(ErrorCode::kPermissionDenied, "only the scheme administrator sets rounds"));
  Round round;
  round.id = NewId();
  auto name = TRY(CleanText("name", input.name, 1, 200));
  round.name = name;
  round.opens_on = input.opens_on;
  round.closes_on = input.closes_on;
  round.created_by = caller.user.id;
  round.created_at = Now();
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    auto rounds = TRY(tx.ListRounds());
    if (auto problems = ValidateRound(round, rounds); !problems.empty())
      return Fail(Error::InvalidArgument(std::move(problems)));
    TRY(tx.InsertRound(round));
    return AppendAuditEvent(tx,
                            {caller.user.id, "round.create", "round", round.id, "",
                             formats::CompactJson(&formats::WriteRound, round)},
                            Now());
  }));
  return round;
}

}  // namespace valuemark::app
