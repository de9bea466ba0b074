// Between the assessor and the organisation (docs/api.md "Certification"):
// the conversation about each criterion, what changed on resubmission, and
// the application's timeline read from the audit log.
#include <fmt/format.h>

#include <map>

#include "app/certification/certificates.h"
#include "app/certification/certification.h"
#include "app/validate.h"

namespace valuemark::app {
namespace {

// The milestones of an application, by the audit action that records them.
// Evidence, verdicts and messages are left out: the page shows them where
// they belong.
struct Milestone {
  const char* action;
  const char* kind;
  const char* title;
};
constexpr Milestone kMilestones[] = {
    {"application.create", "started", "Application started"},
    {"application.accept_terms", "terms_accepted", "Terms and conditions accepted"},
    {"application.sign_off", "signed_off", "Evidence signed off"},
    {"application.sign_offs_voided", "sign_offs_voided",
     "Sign-offs withdrawn: the organisation's representatives changed"},
    {"application.submit", "submitted", "Submitted"},
    {"application.allocate", "allocated", "Assessor allocated"},
    {"application.request_amendments", "amendments_requested", "Amendments requested"},
    {"application.recommend", "recommended", "Award recommended"},
    {"application.recommend_rejection", "rejection_recommended", "Rejection recommended"},
    {"application.award", "awarded", "Awarded"},
    {"application.reject", "rejected", "Rejected"},
    {"application.reopen", "reopened", "Reopened for a fresh review: an appeal was upheld"},
};

const Milestone* MilestoneOf(const std::string& action) {
  for (const Milestone& m : kMilestones)
    if (action == m.action) return &m;
  return nullptr;
}

}  // namespace

Result<Application> CertificationService::WriteMessage(const Caller& caller, const std::string& id,
                                                       const std::string& criterion_id,
                                                       const std::string& body_in) {
  auto body = CleanText("body", body_in, 1, kMaxMessageLength, Lines::kMulti);
  if (!body) return Fail(body.error());
  CriterionMessage message;
  message.id = NewId();
  message.criterion_id = criterion_id;
  message.author_id = caller.user.id;
  message.author_name = caller.user.name;
  message.body = std::move(*body);
  message.at = Now();
  return ChangeApplication(
      caller, id, ApplicationAction::kConverse, "application.message",
      [&](ApplicationContext& ctx, Transaction& tx) -> Result<void> {
        const bool assessor = ctx.app.assessor_id == caller.user.id;
        // An assessor who has since joined the organisation no longer speaks for
        // the certifying body (as for verdicts: certification.cpp LoadApplication).
        if (assessor && ctx.role)
          return Fail(Error::Make(
              ErrorCode::kFailedPrecondition,
              fmt::format("conflict of interest: you are a member of {}, so you cannot speak for "
                          "its assessment; ask the scheme administrator to allocate another "
                          "assessor",
                          ctx.org.name)));
        message.from = assessor ? MessageSide::kAssessor : MessageSide::kOrganisation;
        TRY(AddMessage(ctx.app, *ctx.scheme, message));
        // The other side hears of it, with the words and where to answer.
        const Criterion* criterion = ctx.scheme->FindCriterion(ctx.app.level, message.criterion_id);
        const std::string about =
            criterion ? CriterionName(*ctx.scheme, *criterion) : message.criterion_id;
        const std::string subject =
            fmt::format("ValueMark: a message about {} ({})", about, ctx.Title());
        const std::string text = fmt::format(
            "{} wrote about {} of the {} application of {}:\n\n{}\n\nAnswer on the application's "
            "page: {}/applications/{}",
            OneLine(caller.user.name), about, ctx.Title(), OneLine(ctx.org.name), message.body,
            options_.public_url, ctx.app.id);
        if (assessor) return NotifyRepresentatives(tx, ctx.org, subject, text, Now());
        return NotifyUser(tx, *ctx.app.assessor_id, subject, text, Now());
      });
}

Result<std::vector<CriterionDiff>> CertificationService::ChangesSinceReview(const Caller& caller,
                                                                            const std::string& id) {
  std::vector<CriterionDiff> out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto ctx = TRY(LoadApplication(tx, caller, id, ApplicationAction::kRead));
    out = valuemark::ChangesSinceReview(ctx.app, *ctx.scheme);
    return {};
  }));
  return out;
}

Result<std::vector<TimelineEvent>> CertificationService::Timeline(const Caller& caller,
                                                                  const std::string& id) {
  std::vector<TimelineEvent> out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    TRY(LoadApplication(tx, caller, id, ApplicationAction::kRead));
    auto entries = TRY(tx.ListAuditForEntity("application", id));
    std::map<std::string, std::string> names;  // actor id → name
    bool amendments_asked = false;
    for (const AuditEntry& e : entries) {
      const Milestone* m = MilestoneOf(e.action);
      if (!m) continue;
      TimelineEvent event;
      event.kind = m->kind;
      event.title = m->title;
      event.at = e.at;
      if (event.kind == "submitted" && amendments_asked) {
        event.kind = "resubmitted";
        event.title = "Resubmitted with the amendments";
      }
      if (event.kind == "amendments_requested") amendments_asked = true;
      if (!e.actor_id.empty()) {
        auto [it, added] = names.try_emplace(e.actor_id);
        if (added)
          if (auto u = TRY(tx.FindUserById(e.actor_id))) it->second = u->name;
        event.by = it->second;
      }
      out.push_back(std::move(event));
    }
    return {};
  }));
  return out;
}

}  // namespace valuemark::app
