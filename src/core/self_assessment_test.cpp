#include "core/self_assessment.h"

#include <gtest/gtest.h>

namespace valuemark {
namespace {

Questionnaire Small() {
  Questionnaire q;
  q.weak_below = 50;
  q.stages = {
      {1, "involve", "Involve stakeholders", "Ask them.", false, {{"a", "", ""}, {"b", "", ""}}},
      {2, "understand", "Understand what changes", "Map it.", false, {{"c", "", ""}}},
      {8, "responsive", "Be responsive", "Decide.", true, {{"d", "", ""}}}};
  q.readiness = {{"SVQM", 1, "Pledges", "a start", 25, 0},
                 {"SVQM", 2, "Forecast", "under way", 50, 40}};
  return q;
}

TEST(SelfAssessment, ScoresEachPrincipleOutOf100AndAdvisesTheWeakOnes) {
  auto r = ScoreSelfAssessment(Small(), {{"a", 4}, {"b", 2}, {"c", 1}}, false);
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->principles.size(), 2u);           // the optional stage is off
  EXPECT_DOUBLE_EQ(r->principles[0].score, 75);  // (4 + 2) / 8
  EXPECT_FALSE(r->principles[0].weak);
  EXPECT_TRUE(r->principles[0].advice.empty());
  EXPECT_DOUBLE_EQ(r->principles[1].score, 25);
  EXPECT_TRUE(r->principles[1].weak);
  EXPECT_EQ(r->principles[1].advice, "Map it.");
  EXPECT_DOUBLE_EQ(r->overall, 50);
  EXPECT_TRUE(r->readiness[0].ready);
  EXPECT_FALSE(r->readiness[1].ready);  // overall 50 but "understand" is 25 < 40
  EXPECT_NE(r->readiness[1].reason.find("Understand what changes"), std::string::npos);
}

TEST(SelfAssessment, TheEighthPrincipleCountsOnlyWhenSwitchedOn) {
  auto r = ScoreSelfAssessment(Small(), {{"a", 4}, {"b", 4}, {"c", 4}, {"d", 0}}, true);
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->principles.size(), 3u);
  EXPECT_DOUBLE_EQ(r->principles[2].score, 0);
  EXPECT_NEAR(r->overall, 200.0 / 3, 1e-9);
  auto off = ScoreSelfAssessment(Small(), {{"a", 4}, {"b", 4}, {"c", 4}, {"d", 0}}, false);
  ASSERT_FALSE(off.has_value());
  EXPECT_EQ(off.error().fields[0].path, "answers.d");
}

TEST(SelfAssessment, EveryProblemIsNamed) {
  auto r = ScoreSelfAssessment(Small(), {{"a", 5}, {"c", -1}, {"zzz", 1}}, false);
  ASSERT_FALSE(r.has_value());
  std::vector<std::string> paths;
  for (const auto& f : r.error().fields) paths.push_back(f.path);
  EXPECT_EQ(paths,
            (std::vector<std::string>{"answers.a", "answers.b", "answers.c", "answers.zzz"}));
}

}  // namespace
}  // namespace valuemark
