#include "core/engagement.h"

#include <gtest/gtest.h>

namespace valuemark {
namespace {

const Days kToday = DaysFromCivil({2026, 12, 6});

std::vector<std::string> Paths(const Error& e) {
  std::vector<std::string> out;
  for (const FieldError& f : e.fields) out.push_back(f.path);
  return out;
}

TEST(Engagement, WhatHasHappenedIsDatedNoLaterThanTodayAndSessionsReadNewestFirst) {
  EngagementContent c;
  c.sessions = {{"2026-10-01", 60, "Kick-off"}, {"2026-12-06", 30, "Today's call"}};
  c.pre_audit = AuditVisit{"2026-11-30", "Ad hoc data capture", false};
  ASSERT_TRUE(CheckEngagementContent(c, kToday).has_value());
  EXPECT_EQ(c.sessions[0].summary, "Today's call");

  c.sessions[0].held_on = "2026-12-07";  // tomorrow
  c.sessions[1].minutes = 481;
  c.plan = {{"", SupportKind::kMentoring, "2027-02-30", false}};
  c.recommendations = {{"", "no title"}};
  auto bad = CheckEngagementContent(c, kToday);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(Paths(bad.error()),
            (std::vector<std::string>{"recommendations[0].title", "plan[0].topic", "plan[0].due_on",
                                      "sessions[0].held_on", "sessions[1].minutes"}));
}

TEST(Engagement, TheOnSiteAuditFollowsThePreAudit) {
  EngagementContent c;
  c.site_audit = AuditVisit{"2026-12-01", "Meets the minimum", true};
  auto bad = CheckEngagementContent(c, kToday);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(Paths(bad.error()), std::vector<std::string>{"site_audit"});
  c.pre_audit = AuditVisit{"2026-12-02", "Ready to apply", true};
  bad = CheckEngagementContent(c, kToday);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(Paths(bad.error()), std::vector<std::string>{"site_audit.done_on"});
  c.site_audit->done_on = "2026-12-02";  // the same day will do
  EXPECT_TRUE(CheckEngagementContent(c, kToday).has_value());
  EXPECT_EQ(ParseSupportKind("consultancy").value(), SupportKind::kConsultancy);
  EXPECT_STREQ(Describe(SupportKind::kMentoring), "Mentoring");
  EXPECT_FALSE(ParseEngagementStatus("open").has_value());
}

}  // namespace
}  // namespace valuemark
