#include "core/appeal.h"

#include <gtest/gtest.h>

namespace valuemark {
namespace {

Days Day(const char* iso) { return DaysFromCivil(*ParseDate(iso)); }

TEST(Appeal, TheWindowCountsWorkingDaysOnly) {
  // Friday 4 Dec 2026 + 10 working days: Mon 7 .. Fri 11, Mon 14 .. Fri 18.
  EXPECT_EQ(AppealDeadline(Day("2026-12-04"), 10), Day("2026-12-18"));
  // Saturday 5 Dec: the first working day counted is Monday 7.
  EXPECT_EQ(AppealDeadline(Day("2026-12-05"), 10), Day("2026-12-18"));
  // Wednesday 2 Dec + 3: Thu 3, Fri 4, Mon 7.
  EXPECT_EQ(AppealDeadline(Day("2026-12-02"), 3), Day("2026-12-07"));
  EXPECT_EQ(AppealDeadline(Day("2026-12-02"), 0), std::nullopt);
}

TEST(Appeal, AnAppealIsFiledWithinTheWindowOrNotAtAll) {
  EXPECT_EQ(*CheckAppealWindow(Day("2026-12-04"), 10, Day("2026-12-18")), Day("2026-12-18"));
  auto late = CheckAppealWindow(Day("2026-12-04"), 10, Day("2026-12-19"));
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(late.error().message,
            "the time to appeal ended on 18 Dec 2026, 10 working days after the decision of 4 "
            "Dec 2026");
  EXPECT_FALSE(CheckAppealWindow(Day("2026-12-04"), 0, Day("2026-12-04")));
}

TEST(Appeal, SubjectsAndStatesHaveNames) {
  EXPECT_STREQ(Name(AppealSubject::kRevocation), "revocation");
  EXPECT_EQ(*ParseAppealState("upheld"), AppealState::kUpheld);
  EXPECT_FALSE(ParseAppealSubject("complaint"));
}

TEST(Appeal, AnUpheldAppealSendsTheApplicationBackForAFreshReview) {
  Scheme scheme;
  scheme.results_due_days = 21;
  Application app;
  app.state = ApplicationState::kRejected;
  app.assessor_id = "assessor-1";
  app.reviews.push_back({"c1", Verdict::kNotMet, "No plan", "assessor-1", 100});
  app.recommendation = "Reject";
  app.recommends_rejection = true;
  app.decision_reason = "No plan";
  app.evidence.push_back({});
  ASSERT_TRUE(ReopenAfterUpheldAppeal(app, scheme, Day("2026-12-07")));
  EXPECT_EQ(app.state, ApplicationState::kSubmitted);
  EXPECT_FALSE(app.assessor_id);
  EXPECT_TRUE(app.reviews.empty());
  EXPECT_TRUE(app.decision_reason.empty());
  EXPECT_FALSE(app.recommends_rejection);
  EXPECT_EQ(app.results_due, "2026-12-28");
  EXPECT_EQ(app.evidence.size(), 1u);  // the evidence stays
  // Only a rejection is reopened.
  EXPECT_FALSE(ReopenAfterUpheldAppeal(app, scheme, Day("2026-12-07")));
}

}  // namespace
}  // namespace valuemark
