#include "core/self_assessment.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace valuemark {

Result<SaResult> ScoreSelfAssessment(const Questionnaire& q,
                                     const std::map<std::string, int>& answers,
                                     bool include_optional) {
  std::vector<FieldError> errors;
  std::set<std::string> asked;
  SaResult result;
  for (const SaStage& stage : q.stages) {
    if (stage.optional && !include_optional) continue;
    int sum = 0;
    for (const SaQuestion& question : stage.questions) {
      asked.insert(question.id);
      auto it = answers.find(question.id);
      const std::string path = "answers." + question.id;
      if (it == answers.end()) {
        errors.push_back({path, "is required"});
      } else if (it->second < 0 || it->second > kMaxMaturity) {
        errors.push_back({path, fmt::format("must be a whole number from 0 to {}, got {}",
                                            kMaxMaturity, it->second)});
      } else {
        sum += it->second;
      }
    }
    SaPrincipleScore s;
    s.principle = stage.principle;
    s.key = stage.key;
    s.name = stage.name;
    // The share of the highest maturity reached, over the stage's questions.
    s.score = stage.questions.empty()
                  ? 0
                  : 100.0 * sum / (kMaxMaturity * static_cast<double>(stage.questions.size()));
    s.weak = s.score < q.weak_below;
    if (s.weak) s.advice = stage.advice;
    result.principles.push_back(std::move(s));
  }
  for (const auto& [id, value] : answers)
    if (!asked.contains(id))
      errors.push_back({"answers." + id, "is not a question of this self-assessment"});
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));

  double total = 0;
  for (const SaPrincipleScore& s : result.principles) total += s.score;
  result.overall =
      result.principles.empty() ? 0 : total / static_cast<double>(result.principles.size());
  for (const SaReadinessRule& rule : q.readiness) {
    SaVerdict v{rule.scheme, rule.level, rule.name, true, ""};
    auto weakest = std::min_element(result.principles.begin(), result.principles.end(),
                                    [](const auto& a, const auto& b) { return a.score < b.score; });
    if (result.overall < rule.min_overall) {
      v.ready = false;
      v.reason = fmt::format("Overall score {:.0f} is below the {:.0f} this level needs",
                             result.overall, rule.min_overall);
    } else if (weakest != result.principles.end() && weakest->score < rule.min_each) {
      v.ready = false;
      v.reason = fmt::format("\"{}\" scores {:.0f}: every principle needs at least {:.0f}",
                             weakest->name, weakest->score, rule.min_each);
    } else {
      v.reason = rule.explain;
    }
    result.readiness.push_back(std::move(v));
  }
  return result;
}

}  // namespace valuemark
