// The scheme model: validation names every problem by path; fees in pence with
// VAT; versions side by side. Figures checked by hand.
#include "core/scheme.h"

#include <gtest/gtest.h>

#include "core/calendar.h"

namespace valuemark {
namespace {

Scheme Tiny() {
  Scheme s;
  s.id = "svmc";
  s.name = "Social Value Management Certificate";
  s.version = 2;
  s.fees_pence = {50000, 75000, 100000, 125000};
  s.sign_off = {MemberRole::kLead, MemberRole::kSeniorLeader};
  s.stages = {"Plan", "Do"};
  s.levels = {
      {1,
       "Commit",
       true,
       0,
       "policies",
       {{"c1", 1, "Plan", "A policy", "The policy"}, {"c2", 1, "Do", "A plan", "The plan"}}},
      {2, "Implement", true, 0, "action", {{"i1", 2, "Do", "Data", "Survey data"}}}};
  return s;
}

TEST(Scheme, AValidSchemeHasNoProblems) { EXPECT_TRUE(ValidateScheme(Tiny()).empty()); }

TEST(Scheme, EveryProblemIsNamedByPath) {
  Scheme s = Tiny();
  s.version = 0;
  s.fees_pence[3] = 0;
  s.levels[1].number = 3;                 // levels must run 1, 2, ...
  s.levels[1].criteria[0].stage = "Fly";  // not a stage
  s.levels[1].criteria[0].id = "c1";      // used twice
  s.levels[0].criteria[1].evidence_guidance = "";
  const std::vector<FieldError> errors = ValidateScheme(s);
  std::vector<std::string> paths;
  for (const FieldError& e : errors) paths.push_back(e.path);
  EXPECT_EQ(paths,
            (std::vector<std::string>{"version", "fees_pence.very_large",
                                      "levels[0].criteria[1].evidence_guidance", "levels[1].number",
                                      "levels[1].criteria[0].id", "levels[1].criteria[0].stage"}));
}

// The summary leads the public scheme page: a paragraph, not a document.
TEST(Scheme, ASummaryIsAParagraph) {
  Scheme s = Tiny();
  s.summary = std::string(2000, 'x');
  EXPECT_TRUE(ValidateScheme(s).empty());
  s.summary += 'x';
  const std::vector<FieldError> errors = ValidateScheme(s);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "summary");
  EXPECT_EQ(errors[0].message, "is 2001 characters long; at most 2,000");
}

TEST(Scheme, StagesOfALevelFollowTheSchemeOrder) {
  const Scheme s = Tiny();
  auto stages = s.StagesOf(1);
  ASSERT_EQ(stages.size(), 2u);
  EXPECT_EQ(stages[0].name, "Plan");
  EXPECT_EQ(stages[1].criteria[0]->id, "c2");
  EXPECT_EQ(s.StagesOf(2).size(), 1u);  // level 2 has only Do
}

// SVMC guidance "Cost ...": small £500, medium £750, large £1000, very large
// £1250 per level or renewal, exclusive of VAT; VAT 20 %.
TEST(Scheme, FeeQuoteAddsVatInPence) {
  const Scheme s = Tiny();
  FeeQuote small = QuoteFee(s, SizeBand::kSmall);
  EXPECT_EQ(small.net_pence, 50000);
  EXPECT_EQ(small.vat_pence, 10000);
  EXPECT_EQ(small.gross_pence, 60000);  // £600.00
  FeeQuote large = QuoteFee(s, SizeBand::kVeryLarge);
  EXPECT_EQ(large.gross_pence, 150000);  // £1,250 + £250
  EXPECT_EQ(FormatPounds(large.gross_pence), "£1,500.00");
  Scheme odd = s;
  odd.fees_pence[1] = 333;  // £3.33 → VAT 66.6p rounds half up to 67p
  EXPECT_EQ(QuoteFee(odd, SizeBand::kMedium).vat_pence, 67);
}

TEST(Scheme, CatalogueKeepsVersionsAndRefusesDuplicatesAndInvalid) {
  SchemeCatalogue cat;
  ASSERT_TRUE(cat.Add(Tiny()).has_value());
  Scheme v3 = Tiny();
  v3.version = 3;
  ASSERT_TRUE(cat.Add(v3).has_value());
  EXPECT_EQ(cat.Latest("svmc")->version, 3);
  EXPECT_NE(cat.Find("svmc", 2), nullptr);  // pinned applications still find theirs
  EXPECT_EQ(cat.Add(Tiny()).error().code, ErrorCode::kAlreadyExists);
  Scheme bad = Tiny();
  bad.id = "Bad Id";
  bad.version = 9;
  auto r = cat.Add(bad);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().fields.front().path, "id");
  EXPECT_EQ(cat.all().size(), 2u);
}

TEST(Calendar, DatesRoundTripAndMonthsClampToTheMonthEnd) {
  EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil({2026, 11, 30}), 20787);
  EXPECT_EQ(FormatDay(20787), "2026-11-30");
  EXPECT_EQ(FormatDate(AddMonths({2024, 2, 29}, 24)), "2026-02-28");
  EXPECT_EQ(FormatDate(AddMonths({2026, 11, 30}, 24)), "2028-11-30");
  EXPECT_FALSE(ParseDate("2026-02-30").has_value());
  EXPECT_FALSE(ParseDate("2026-2-3").has_value());
  EXPECT_EQ(DayOf(20787LL * 86400 + 86399), 20787);  // the last second of the day
}

}  // namespace
}  // namespace valuemark
