#include "core/appeal.h"

#include <fmt/format.h>

#include <array>

#include "core/enum_names.h"

namespace valuemark {

namespace {

constexpr std::array<std::pair<const char*, AppealSubject>, 3> kSubjects = {
    {{"rejection", AppealSubject::kRejection},
     {"suspension", AppealSubject::kSuspension},
     {"revocation", AppealSubject::kRevocation}}};
constexpr std::array<std::pair<const char*, AppealState>, 3> kAppealStates = {
    {{"open", AppealState::kOpen},
     {"upheld", AppealState::kUpheld},
     {"dismissed", AppealState::kDismissed}}};

// 1970-01-01 was a Thursday: day 0 is weekday 3 counting Monday as 0.
int Weekday(Days d) { return static_cast<int>(((d + 3) % 7 + 7) % 7); }

}  // namespace

const char* Name(AppealSubject s) { return detail::NameFrom(kSubjects, s); }
const char* Name(AppealState s) { return detail::NameFrom(kAppealStates, s); }
Result<AppealSubject> ParseAppealSubject(const std::string& s) {
  return detail::ParseFrom(kSubjects, s);
}
Result<AppealState> ParseAppealState(const std::string& s) {
  return detail::ParseFrom(kAppealStates, s);
}

std::optional<Days> AppealDeadline(Days decided_on, int working_days) {
  if (working_days <= 0) return std::nullopt;
  Days d = decided_on;
  for (int counted = 0; counted < working_days;) {
    ++d;
    if (Weekday(d) < 5) ++counted;
  }
  return d;
}

Result<Days> CheckAppealWindow(Days decided_on, int working_days, Days today) {
  const std::optional<Days> deadline = AppealDeadline(decided_on, working_days);
  if (!deadline)
    return Fail(
        Error::Make(ErrorCode::kFailedPrecondition, "this scheme's decisions cannot be appealed"));
  if (today > *deadline)
    return Fail(Error::Make(
        ErrorCode::kFailedPrecondition,
        fmt::format("the time to appeal ended on {}, {} working days after the decision of {}",
                    ReadableDate(FormatDay(*deadline)), working_days,
                    ReadableDate(FormatDay(decided_on)))));
  return *deadline;
}

Result<void> ReopenAfterUpheldAppeal(Application& app, const Scheme& scheme, Days today) {
  if (app.state != ApplicationState::kRejected)
    return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                            "only a rejected application is reopened by an appeal"));
  app.state = ApplicationState::kSubmitted;
  app.assessor_id.reset();
  app.reviews.clear();
  app.recommendation.clear();
  app.recommends_rejection = false;
  app.decision_reason.clear();
  app.results_due = FormatDay(today + scheme.results_due_days);
  return {};
}

}  // namespace valuemark
