// Self-assessment (docs/api.md "Self-assessment", data/README.md): attempts are record versions of
// kind "self_assessment" holding the answers; the eighth principle's switch is the record
// "self_assessment_settings". Scores are recomputed when read, with the questionnaire in
// data/self-assessment/ (built in).
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/audit/chain.h"
#include "app/measure/measure.h"
#include "app/measure/self_assessment_data.h"
#include "formats/json_reader.h"
#include "formats/self_assessment_json.h"

namespace valuemark::app {
namespace {

constexpr char kAttempt[] = "self_assessment";
constexpr char kSettings[] = "self_assessment_settings";
// One settings record per organisation; its id names the organisation so
// that the audit trail's entity ids stay unique across organisations.
std::string SettingsId(const std::string& org_id) { return "settings-" + org_id; }

Result<bool> ReadResponsiveSetting(Transaction& tx, const std::string& org_id) {
  auto rec = TRY(tx.FindRecord(org_id, kSettings, SettingsId(org_id), 0));
  if (!rec) return false;
  bool include = false;
  TRY(formats::ReadStoredObject(rec->body, "self-assessment setting", [&](auto& j) {
    include = j.Bool("include_responsive").value_or(false);
  }));
  return include;
}

// Change since the attempt before (attempts newest first).
void CompareWithPrevious(std::vector<SelfAssessmentAttempt>& attempts) {
  for (size_t i = 0; i + 1 < attempts.size(); ++i) {
    SelfAssessmentAttempt& now = attempts[i];
    const SelfAssessmentAttempt& before = attempts[i + 1];
    now.overall_change = now.result.overall - before.result.overall;
    for (const SaPrincipleScore& s : now.result.principles) {
      auto it = std::find_if(before.result.principles.begin(), before.result.principles.end(),
                             [&](const SaPrincipleScore& b) { return b.key == s.key; });
      if (it != before.result.principles.end()) now.principle_change[s.key] = s.score - it->score;
    }
  }
}

}  // namespace

Result<SelfAssessmentAttempt> SelfAssessmentFromRecord(const Questionnaire& q,
                                                       const RecordVersion& r) {
  SelfAssessmentAttempt a;
  TRY(formats::ReadStoredObject(r.body, "self-assessment", [&](formats::ObjectReader& j) {
    a.include_responsive = j.Bool("include_responsive").value_or(false);
    j.Members("answers", true, [&](std::string_view key, formats::JsonValue v, const auto& path) {
      int64_t score = 0;
      if (v.get_int64().get(score) != simdjson::SUCCESS || score < 0 || score > 4)
        return j.Report(path, "must be a whole number from 0 to 4");
      a.answers[std::string(key)] = static_cast<int>(score);
    });
  }));
  a.id = r.id;
  a.submitted_by = r.created_by;
  a.submitted_at = r.created_at;
  auto scored = ScoreSelfAssessment(q, a.answers, a.include_responsive);
  if (!scored)
    return Fail(
        Error::Make(ErrorCode::kInternal, "a stored self-assessment no longer fits the questions"));
  a.result = std::move(*scored);
  return a;
}

Result<const Questionnaire*> MeasureService::SelfAssessmentQuestions() {
  static const Result<Questionnaire> questions =
      formats::ParseQuestionnaire(SelfAssessmentQuestionsJson());
  if (!questions) return Fail(Error::Make(ErrorCode::kInternal, questions.error().message));
  return &*questions;
}

Result<SelfAssessmentHistory> MeasureService::ListSelfAssessments(const Caller& caller,
                                                                  const std::string& org_id) {
  auto q = TRY(SelfAssessmentQuestions());
  SelfAssessmentHistory out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kRead));
    auto setting = TRY(ReadResponsiveSetting(tx, org_id));
    out.include_responsive = setting;
    auto list = TRY(tx.ListRecords(org_id, kAttempt));
    // Titles are "<time>-<sequence>", zero-padded: listed oldest first.
    std::reverse(list.begin(), list.end());
    for (const RecordVersion& rec : list) {
      auto a = TRY(SelfAssessmentFromRecord(*q, rec));
      out.attempts.push_back(std::move(a));
    }
    return {};
  }));
  CompareWithPrevious(out.attempts);
  return out;
}

Result<SelfAssessmentAttempt> MeasureService::SubmitSelfAssessment(
    const Caller& caller, const std::string& org_id, const std::map<std::string, int>& answers) {
  auto q = TRY(SelfAssessmentQuestions());
  SelfAssessmentAttempt attempt;
  const UnixTime now = Now();
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kContribute));
    auto setting = TRY(ReadResponsiveSetting(tx, org_id));
    auto scored = TRY(ScoreSelfAssessment(*q, answers, setting));
    attempt.id = NewId();
    attempt.submitted_by = caller.user.id;
    attempt.submitted_at = now;
    attempt.include_responsive = setting;
    attempt.answers = answers;
    attempt.result = std::move(scored);
    nlohmann::ordered_json body{
        {"questions_version", q->version}, {"include_responsive", setting}, {"answers", answers}};
    const std::string text = body.dump();
    // Title: the time and the attempt's number, zero-padded, so that lists
    // sort in the order of submission even within one second.
    auto earlier = TRY(tx.ListRecords(org_id, kAttempt));
    const std::string title = fmt::format("{:020}-{:08}", now, earlier.size() + 1);
    return SaveRecordVersion(
        tx, caller, {org_id, kAttempt, attempt.id, 1, "", title, text, caller.user.id, now}, text);
  }));
  // The change since the last attempt, as the history will show it.
  auto history = ListSelfAssessments(caller, org_id);
  if (history) {
    for (const SelfAssessmentAttempt& a : history->attempts)
      if (a.id == attempt.id) return a;
  }
  return attempt;
}

Result<bool> MeasureService::SetSelfAssessmentResponsive(const Caller& caller,
                                                         const std::string& org_id, bool include) {
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kEdit));
    auto latest = TRY(tx.FindRecord(org_id, kSettings, SettingsId(org_id), 0));
    const int64_t version = latest ? latest->version + 1 : 1;
    const std::string body = nlohmann::json{{"include_responsive", include}}.dump();
    return SaveRecordVersion(tx, caller,
                             {org_id, kSettings, SettingsId(org_id), version, "",
                              "Self-assessment settings", body, caller.user.id, Now()},
                             body);
  }));
  return include;
}

Result<std::optional<SelfAssessmentAttempt>> LatestSelfAssessment(Transaction& tx,
                                                                  const std::string& org_id) {
  auto q = TRY(MeasureService::SelfAssessmentQuestions());
  auto list = TRY(tx.ListRecords(org_id, kAttempt));  // oldest first
  if (list.empty()) return std::optional<SelfAssessmentAttempt>();
  return std::optional(TRY(SelfAssessmentFromRecord(*q, list.back())));
}

}  // namespace valuemark::app
