// Two waves of a survey side by side (docs/api.md "Surveys": waves): a
// baseline and its follow-up, the follow-up usually the baseline duplicated
// for the next wave. Each question both ask the same way is compared over
// everyone who answered it in each wave and, for the people who gave the same
// respondent code in both, person by person: how many answered higher, the
// same or lower the second time, and the mean change. Whether higher is
// better depends on the question ("How lonely…?"), so the comparison says
// higher and lower, not better and worse.
//
// Built in one pass per wave, like ResultsBuilder: the caller adds each used
// response's answers in submission order.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/survey.h"

namespace valuemark {

struct WaveQuestion {
  std::string id, text;
  QuestionType type = QuestionType::kText;
  int64_t answered_first = 0, answered_second = 0;
  // Numeric types (before/now: its "now"); nullopt when nobody answered.
  std::optional<double> mean_first, mean_second;
  // Choices: the options, and how many chose each in each wave.
  std::vector<std::string> options;
  std::vector<int64_t> counts_first, counts_second;
  // Numeric types, the people in both waves who answered both times: their
  // first wave's first answer against their second wave's last.
  int64_t paired = 0, higher = 0, same = 0, lower = 0;
  std::optional<double> mean_change;  // of second − first over the pairs
};

// A question only one wave asks, or that the two ask differently.
struct WaveQuestionLeftOut {
  std::string id, text, reason;
};

struct WaveComparison {
  int64_t used_first = 0, used_second = 0;  // responses not excluded
  int64_t people_in_both = 0;               // respondent codes that answered in both waves
  std::vector<WaveQuestion> questions;      // in the second wave's order
  std::vector<WaveQuestionLeftOut> left_out;
};

class WaveComparer {
 public:
  WaveComparer(const SurveyDesign& first, const SurveyDesign& second);

  // One response not excluded, of wave 0 (the baseline) or 1, in submission order.
  void Add(int wave, std::string_view respondent_code, const Answers& answers);

  WaveComparison Finish();

 private:
  struct Compared {
    size_t index;  // into result_.questions
    bool numeric;
  };
  WaveComparison result_;
  std::vector<Compared> compared_;
  std::vector<double> sums_[2];
  // Per respondent code (NormaliseCode: as typed in any case, with or
  // without spaces and dashes), one value per compared question: the first
  // wave's first response, the second wave's last.
  std::map<std::string, std::vector<std::optional<double>>, std::less<>> people_[2];
};

}  // namespace valuemark
