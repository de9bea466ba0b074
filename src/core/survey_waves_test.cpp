#include "core/survey_waves.h"

#include <gtest/gtest.h>

namespace valuemark {
namespace {

Question Q(std::string id, QuestionType type, std::vector<std::string> options = {}) {
  Question q;
  q.id = id;
  q.type = type;
  q.text = "Text of " + id;
  q.options = std::move(options);
  return q;
}

Answers Scale(double v, std::string choice = "") {
  Answers a;
  a["lonely"].number = v;
  if (!choice.empty()) a["came"].choices = {choice};
  return a;
}

SurveyDesign Baseline() {
  SurveyDesign d;
  d.title = "Baseline";
  d.questions = {Q("came", QuestionType::kSingleChoice, {"Yes", "No"}),
                 Q("lonely", QuestionType::kScale), Q("why", QuestionType::kText),
                 Q("gone", QuestionType::kNumber)};
  return d;
}

// Worked by hand: baseline 4 (A), 6 (B), 8 (no code): mean 6. Follow-up 7 (A),
// 6 (B), 9 (C): mean 22/3. A and B are in both: A 4 → 7 higher, B 6 → 6 the
// same, so 2 pairs with a mean change of (3 + 0) / 2 = 1.5.
TEST(SurveyWaves, EveryoneSideBySideAndThePeopleInBothPersonByPerson) {
  SurveyDesign first = Baseline();
  SurveyDesign second = Baseline();
  second.questions.pop_back();                                  // "gone" is asked only at baseline
  second.questions.push_back(Q("new", QuestionType::kLikert));  // and "new" only at follow-up
  WaveComparer c(first, second);
  c.Add(0, "a", Scale(4, "Yes"));  // "a" is "A": codes are compared as typed in any case
  c.Add(0, "B", Scale(6, "Yes"));
  c.Add(0, "", Scale(8, "No"));
  c.Add(0, "A", Scale(10));  // A's second baseline answer: the first one counts for A
  c.Add(1, "A", Scale(2, "Yes"));
  c.Add(1, "A", Scale(7, "Yes"));  // A's last follow-up answer counts for A
  c.Add(1, "B", Scale(6, "No"));
  c.Add(1, "C", Scale(9, "Yes"));
  const WaveComparison w = c.Finish();
  EXPECT_EQ(w.used_first, 4);
  EXPECT_EQ(w.used_second, 4);
  EXPECT_EQ(w.people_in_both, 2);
  ASSERT_EQ(w.questions.size(), 2u);  // came, lonely
  const WaveQuestion& came = w.questions[0];
  EXPECT_EQ(came.counts_first, (std::vector<int64_t>{2, 1}));
  EXPECT_EQ(came.counts_second, (std::vector<int64_t>{3, 1}));
  EXPECT_EQ(came.paired, 0);  // choices are compared as counts, not per person
  const WaveQuestion& lonely = w.questions[1];
  EXPECT_EQ(lonely.answered_first, 4);
  EXPECT_DOUBLE_EQ(*lonely.mean_first, 7.0);  // (4 + 6 + 8 + 10) / 4
  EXPECT_EQ(lonely.answered_second, 4);
  EXPECT_DOUBLE_EQ(*lonely.mean_second, 6.0);  // (2 + 7 + 6 + 9) / 4
  EXPECT_EQ(lonely.paired, 2);
  EXPECT_EQ(lonely.higher, 1);
  EXPECT_EQ(lonely.same, 1);
  EXPECT_EQ(lonely.lower, 0);
  EXPECT_DOUBLE_EQ(*lonely.mean_change, 1.5);
  std::vector<std::string> left;
  for (const WaveQuestionLeftOut& l : w.left_out) left.push_back(l.id + ": " + l.reason);
  EXPECT_EQ(left, (std::vector<std::string>{"why: free text is read, not compared",
                                            "new: only the second wave asks it",
                                            "gone: only the first wave asks it"}));
}

TEST(SurveyWaves, AQuestionAskedDifferentlyIsLeftOutAndNobodyGivesNoMeans) {
  SurveyDesign first = Baseline();
  SurveyDesign second = Baseline();
  second.questions[0].options = {"Yes", "No", "Sometimes"};
  second.questions[1].type = QuestionType::kNumber;
  WaveComparer c(first, second);
  const WaveComparison w = c.Finish();
  ASSERT_EQ(w.questions.size(), 1u);  // only "gone" is asked the same way
  EXPECT_EQ(w.questions[0].id, "gone");
  EXPECT_FALSE(w.questions[0].mean_first);
  EXPECT_FALSE(w.questions[0].mean_change);
  EXPECT_EQ(w.left_out[0].reason, "the two waves offer different options");
  EXPECT_EQ(w.left_out[1].reason, "the two waves ask it as different kinds of question");
}

}  // namespace
}  // namespace valuemark
