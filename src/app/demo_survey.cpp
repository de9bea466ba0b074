// The demo survey: the Healthy Ageing lunch club asks its members what
// changed for them, with forty answers already in, so that results, charts
// and exclusions can be tried at once.
#include <fmt/format.h>

#include <future>

#include "app/demo.h"

namespace valuemark::app {
namespace {

constexpr char kTitle[] = "Lunch club members: what has changed for you?";

SurveyDesign DemoDesign(const std::optional<std::string>& scope_id) {
  SurveyDesign d;
  d.title = kTitle;
  d.description =
      "Ten minutes of your time helps us understand what the lunch club does for you. "
      "Your answers are anonymous.";
  d.scope_id = scope_id;
  d.outcomes = {
      {"less-lonely", "Members feel less lonely", "UCLA loneliness item, before and now", 80},
      {"healthier", "Members eat more healthily", "Self-reported healthy meals a week", 80}};
  auto q = [](const char* id, QuestionType type, const char* text, const char* outcome = "") {
    Question x;
    x.id = id;
    x.type = type;
    x.text = text;
    x.outcome_id = outcome;
    x.required = true;
    return x;
  };
  Question how = q("heard", QuestionType::kSingleChoice, "How did you hear about the lunch club?");
  how.options = {"A friend or neighbour", "My GP or a nurse", "A leaflet", "Other"};
  d.questions = {
      how,
      q("lonely", QuestionType::kBeforeNow,
        "How connected to other people did you feel before you joined, and how connected now? (0 = "
        "not at all, "
        "10 = very)",
        "less-lonely"),
      q("lonely-anyway", QuestionType::kDeadweight,
        "If you had not come to the lunch club, how much of this change would have happened "
        "anyway?",
        "less-lonely"),
      q("lonely-others", QuestionType::kAttribution,
        "How much of this change is thanks to other people or services (family, other groups)?",
        "less-lonely"),
      q("lonely-lasts", QuestionType::kDuration,
        "If the club stopped, for how many years would the change last?", "less-lonely"),
      q("meals", QuestionType::kBeforeNow,
        "How healthy were your meals before you joined, and now? (0–10)", "healthier"),
      q("meals-anyway", QuestionType::kDeadweight,
        "How much of the change in your meals would have happened anyway?", "healthier"),
      q("matters", QuestionType::kValuation,
        "How much does each of these changes matter to you? (weights)"),
      q("satisfied", QuestionType::kLikert, "I would recommend the lunch club to a friend."),
  };
  Question comment = q("comment", QuestionType::kText, "Anything else you would like to tell us?");
  comment.required = false;
  d.questions.push_back(comment);
  return d;
}

}  // namespace

Result<std::string> SeedDemoSurvey(Platform& p) {
  auto login = TRY(p.accounts.LogIn("lead@riverside.example", "valuemark-demo", "demo"));
  auto lead = TRY(p.accounts.Authenticate(login.session_token));
  auto me = TRY(p.accounts.GetMe(lead));
  if (me.organisations.empty())
    return Fail(Error::Make(ErrorCode::kNotFound, "the demo organisation is missing"));
  const std::string org = me.organisations.front().organisation.id;
  auto existing = TRY(p.surveys.ListSurveys(lead, org));
  for (const SurveyView& v : existing)
    if (v.design.title == kTitle) return v.public_url;

  std::optional<std::string> scope_id;
  if (auto scopes = p.organisations.ListScopes(lead, org))
    for (const Scope& s : *scopes)
      if (s.name == "Healthy Ageing") scope_id = s.id;
  auto survey = TRY(p.surveys.CreateSurvey(lead, org, DemoDesign(scope_id)));

  // Forty members' answers, varied but the same on every machine.
  uint32_t seed = 20261130;
  auto next = [&seed](int n) {
    seed = seed * 1664525u + 1013904223u;
    return static_cast<int>((seed >> 8) % static_cast<uint32_t>(n));
  };
  static constexpr const char* kHeard[] = {"A friend or neighbour", "My GP or a nurse", "A leaflet",
                                           "Other"};
  static constexpr const char* kComments[] = {"The volunteers are lovely.",
                                              "I look forward to Tuesdays.",
                                              "More vegetarian options please."};
  for (int i = 0; i < 40; ++i) {
    const int lonely_before = 2 + next(5), meals_before = 2 + next(5);
    const std::string body = fmt::format(
        R"({{"answers": {{"heard": "{}", "lonely": {{"before": {}, "now": {}}}, "lonely-anyway": {}, )"
        R"("lonely-others": {}, "lonely-lasts": {}, "meals": {{"before": {}, "now": {}}}, "meals-anyway": {}, )"
        R"("matters": {{"less-lonely": {}, "healthier": {}}}, "satisfied": {}{}}}}})",
        kHeard[next(4)], lonely_before, std::min(10, lonely_before + next(6) - 1), next(3) * 0.25,
        next(3) * 0.25, 1 + next(3), meals_before, std::min(10, meals_before + next(4) - 1),
        next(4) * 0.25, 5 + next(6), 1 + next(5), 3 + next(3),
        i % 7 == 2 ? fmt::format(R"(, "comment": "{}")", kComments[i % 3]) : std::string());
    std::promise<Result<SubmittedResponse>> done;
    auto answered = done.get_future();
    p.surveys.SubmitResponse(
        {survey.record.token, body, fmt::format("demo-{}", i), fmt::format("demo-{}", i)},
        [&done](Result<SubmittedResponse> r) { done.set_value(std::move(r)); });
    TRY(answered.get());
  }
  return survey.public_url;
}

}  // namespace valuemark::app
