#include "core/survey_waves.h"

#include <algorithm>

namespace valuemark {
namespace {

bool IsChoice(QuestionType t) {
  return t == QuestionType::kSingleChoice || t == QuestionType::kMultipleChoice;
}

// Compared by its number: before/now by its "now".
bool ByNumber(QuestionType t) { return IsNumeric(t) || t == QuestionType::kBeforeNow; }

// The figure an answer gives a numeric question: before/now's "now".
double NumberOf(QuestionType t, const Answer& a) {
  return t == QuestionType::kBeforeNow ? a.now : a.number;
}

const Question* Find(const SurveyDesign& d, std::string_view id) {
  for (const Question& q : d.questions)
    if (q.id == id) return &q;
  return nullptr;
}

}  // namespace

WaveComparer::WaveComparer(const SurveyDesign& first, const SurveyDesign& second) {
  for (const Question& q : second.questions) {
    const Question* before = Find(first, q.id);
    std::string reason;
    if (before == nullptr)
      reason = "only the second wave asks it";
    else if (before->type != q.type)
      reason = "the two waves ask it as different kinds of question";
    else if (IsChoice(q.type) && before->options != q.options)
      reason = "the two waves offer different options";
    else if (q.type == QuestionType::kText)
      reason = "free text is read, not compared";
    else if (q.type == QuestionType::kValuation)
      reason = "weights between outcomes are not compared";
    if (!reason.empty()) {
      result_.left_out.push_back({q.id, q.text, reason});
      continue;
    }
    WaveQuestion w;
    w.id = q.id;
    w.text = q.text;
    w.type = q.type;
    if (IsChoice(q.type)) {
      w.options = q.options;
      w.counts_first.assign(q.options.size(), 0);
      w.counts_second.assign(q.options.size(), 0);
    }
    compared_.push_back({result_.questions.size(), ByNumber(q.type)});
    result_.questions.push_back(std::move(w));
  }
  for (const Question& q : first.questions)
    if (Find(second, q.id) == nullptr)
      result_.left_out.push_back({q.id, q.text, "only the first wave asks it"});
  for (auto& sums : sums_) sums.assign(result_.questions.size(), 0.0);
}

void WaveComparer::Add(int wave, std::string_view respondent_code, const Answers& answers) {
  const int w = wave == 0 ? 0 : 1;
  ++(w == 0 ? result_.used_first : result_.used_second);
  std::vector<std::optional<double>> values(result_.questions.size());
  for (const Compared& c : compared_) {
    WaveQuestion& q = result_.questions[c.index];
    auto it = answers.find(q.id);
    if (it == answers.end()) continue;
    const Answer& a = it->second;
    ++(w == 0 ? q.answered_first : q.answered_second);
    if (c.numeric) {
      const double v = NumberOf(q.type, a);
      sums_[w][c.index] += v;
      values[c.index] = v;
      continue;
    }
    std::vector<int64_t>& counts = w == 0 ? q.counts_first : q.counts_second;
    for (const std::string& choice : a.choices) {
      auto at = std::find(q.options.begin(), q.options.end(), choice);
      if (at != q.options.end()) ++counts[at - q.options.begin()];
    }
  }
  // A person's code as typed ("ab-12", "AB12") is one code.
  const std::string code = NormaliseCode(respondent_code);
  if (code.empty()) return;
  auto& people = people_[w];
  auto it = people.find(code);
  if (it == people.end())
    people.emplace(code, std::move(values));
  else if (w == 1)
    it->second = std::move(values);  // the follow-up's last answers
}

WaveComparison WaveComparer::Finish() {
  std::vector<double> change_sums(result_.questions.size(), 0.0);
  for (const auto& [code, first] : people_[0]) {
    auto it = people_[1].find(code);
    if (it == people_[1].end()) continue;
    ++result_.people_in_both;
    for (const Compared& c : compared_) {
      const auto& a = first[c.index];
      const auto& b = it->second[c.index];
      if (!c.numeric || !a || !b) continue;
      WaveQuestion& q = result_.questions[c.index];
      ++q.paired;
      if (*b > *a)
        ++q.higher;
      else if (*b < *a)
        ++q.lower;
      else
        ++q.same;
      change_sums[c.index] += *b - *a;
    }
  }
  for (const Compared& c : compared_) {
    WaveQuestion& q = result_.questions[c.index];
    if (!c.numeric) continue;
    if (q.answered_first > 0) q.mean_first = sums_[0][c.index] / q.answered_first;
    if (q.answered_second > 0) q.mean_second = sums_[1][c.index] / q.answered_second;
    if (q.paired > 0) q.mean_change = change_sums[c.index] / q.paired;
  }
  return std::move(result_);
}

}  // namespace valuemark
