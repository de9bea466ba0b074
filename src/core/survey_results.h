// Survey results (issue 6 "Results"): per question counts, means and
// distributions; per outcome the quantity with its confidence interval, and
// the deadweight, attribution, duration and drop-off estimates an evaluative
// impact map takes, each with the ids of the responses behind it.
//
// Built in one pass: the caller feeds each used response's answers to a
// ResultsBuilder, so a million responses need no more memory than their ids
// (and those only when provenance is asked for).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/survey.h"

namespace valuemark {

struct Estimate {  // the mean of the answers to one kind of causality question
  int64_t n = 0;
  double mean = 0;
  std::vector<std::string> response_ids;  // provenance
};

struct SurveyQuestionResult {
  std::string id;
  QuestionType type = QuestionType::kText;
  std::string outcome_id;
  int64_t answered = 0;
  // Numeric types and before_now's "now".
  double mean = 0, min = 0, max = 0;
  // Choices: one count per option. scale: 11 counts (0..10); likert: 5 (1..5);
  // before_now: the change now − before, 21 counts (−10..10).
  std::vector<int64_t> distribution;
  double mean_before = 0, mean_change = 0;  // before_now
  int64_t improved = 0, unchanged = 0, worse = 0;
  std::vector<double> mean_weight;  // valuation: one per survey outcome
};

struct SurveyOutcomeResult {
  std::string id, name, indicator;
  // Distance travelled (methodology comment in survey_results.cpp).
  int64_t respondents = 0;  // answered a before_now question on this outcome
  int64_t changed = 0;      // of whom "now" > "before"
  std::optional<int64_t> population;
  bool sample = false;  // population larger than respondents
  double quantity = 0, quantity_low = 0, quantity_high = 0;
  double confidence = 0.95;
  Estimate deadweight, attribution, duration, drop_off;
  // Stakeholder valuation: mean weight share of this outcome, 0..1, when the
  // survey has a valuation question.
  std::optional<double> relative_importance;
  std::vector<std::string> changed_ids, respondent_ids;  // provenance
  // Longitudinal: respondents who gave the same respondent code more than
  // once (a baseline and a follow-up), and of them those whose "now" on this
  // outcome is higher in their last response than in their first.
  int64_t linked = 0, linked_improved = 0;
};

struct SurveyResults {
  int64_t used = 0, excluded = 0;
  std::vector<SurveyQuestionResult> questions;
  std::vector<SurveyOutcomeResult> outcomes;
};

class ResultsBuilder {
 public:
  ResultsBuilder(const SurveyDesign& design, bool with_provenance);

  // The index of a question id, or -1; lets a reader map answer keys once.
  int QuestionIndex(std::string_view id) const;
  int OutcomeIndex(std::string_view id) const;

  void CountExcluded(int64_t n = 1) { results_.excluded += n; }
  // Between BeginResponse and EndResponse, one Add... per answer.
  // Responses should come in submission order, so that a respondent code's
  // first response is its baseline.
  void BeginResponse(std::string_view response_id, std::string_view respondent_code = {});
  void AddNumber(int question, double value);
  void AddBeforeNow(int question, double before, double now);
  void AddChoice(int question, std::string_view option);
  void AddText(int question);
  void AddWeight(int question, int outcome, double weight);
  void EndResponse();

  // Adds what `later` was fed, as if its responses had been fed here after
  // these: a survey's responses can be cut into consecutive runs, each fed
  // to a builder of its own (on threads side by side), and the builders
  // absorbed in order. Both builders are between responses; `later` was made
  // for the same design and provenance. Sums are added run by run, so a mean
  // may differ from one fed in a single run in its last binary digit.
  void Absorb(ResultsBuilder&& later);

  SurveyResults Finish();

 private:
  struct Running {
    double sum = 0, sum_before = 0, weight_total = 0;
    std::vector<double> weight_sums;
    bool any_weight = false;
  };
  const SurveyDesign& design_;
  bool provenance_;
  SurveyResults results_;
  std::vector<Running> running_;
  std::vector<int> outcome_of_;  // per question, -1 when unlinked
  std::string current_;
  // Per outcome, whether the current response changed / answered (a response
  // with two before_now questions on one outcome counts once).
  std::vector<signed char> changed_now_;
  std::string code_;
  struct Track {
    double first = 0, last = 0;
    int responses = 0;
    bool lower_is_better = false;  // of the question that measured it
  };
  std::vector<std::map<std::string, Track, std::less<>>>
      tracks_;  // per outcome, by respondent code
};

// The Wilson score interval for k successes in n at z (1.96 for 95 %), with
// n replaced by the effective size under the finite population correction
// when population > n. Returns {low, high} as proportions.
std::pair<double, double> WilsonInterval(int64_t k, int64_t n, std::optional<int64_t> population,
                                         double z = 1.96);

}  // namespace valuemark
