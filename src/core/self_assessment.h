// Self-assessment scoring: answers on a 0–4 maturity scale to questions
// grouped by Principle of Social Value, turned into a score per principle
// (0–100), advice for each weak principle and a readiness verdict per scheme
// level. The questions, advice and thresholds are data
// (data/self-assessment/questions.json), read by formats/; this is the rule.
// Pure; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace valuemark {

struct SaQuestion {
  std::string id, text, guidance;
};

struct SaStage {
  int principle = 0;
  std::string key, name, advice;
  bool optional = false;  // "be responsive": counted only when the organisation switches it on
  std::vector<SaQuestion> questions;
};

struct SaReadinessRule {
  std::string scheme;
  int level = 0;
  std::string name, explain;
  double min_overall = 0;  // the mean of the principle scores must reach this
  double min_each = 0;     // and every principle must reach this
};

struct Questionnaire {
  int version = 1;
  double weak_below = 50;
  std::vector<SaStage> stages;
  std::vector<SaReadinessRule> readiness;
};

inline constexpr int kMaxMaturity = 4;

struct SaPrincipleScore {
  int principle = 0;
  std::string key, name;
  double score = 0;  // 0–100
  bool weak = false;
  std::string advice;  // only when weak
};

struct SaVerdict {
  std::string scheme;
  int level = 0;
  std::string name;
  bool ready = false;
  std::string reason;
};

struct SaResult {
  double overall = 0;  // mean of the principle scores
  std::vector<SaPrincipleScore> principles;
  std::vector<SaVerdict> readiness;
};

// Every question of the stages taken (the optional one only with
// include_optional) must be answered with a whole number 0–4; unknown ids are
// refused. Errors name "answers.<question id>".
Result<SaResult> ScoreSelfAssessment(const Questionnaire& q,
                                     const std::map<std::string, int>& answers,
                                     bool include_optional);

}  // namespace valuemark
