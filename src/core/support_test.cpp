#include "core/support.h"

#include <gtest/gtest.h>

namespace valuemark {
namespace {

Taxonomy Areas() {
  Taxonomy t;
  t.version = 1;
  t.areas = {{"london", 0, "London", {}, false},
             {"wales", 1, "Wales", {}, false},
             {"uk_wide", 2, "The whole UK", {}, false},
             {"old", 3, "Retired", {}, true}};
  return t;
}

SupportCatalogue Catalogue(const Taxonomy& t) {
  return {&t, {"svmc", "svqm"}, {"svmc.1.plan.1", "svmc.1.plan.2", "svqm.1.commit.1"}};
}

const Days kToday = DaysFromCivil({2026, 12, 6});

Practitioner APractitioner() {
  Practitioner p;
  p.name = "Ann Jones";
  p.level = 2;
  p.areas = {"wales"};
  p.awarded_on = "2025-01-10";
  p.expires_on = "2028-01-09";
  return p;
}

std::vector<std::string> Paths(const Error& e) {
  std::vector<std::string> out;
  for (const FieldError& f : e.fields) out.push_back(f.path);
  return out;
}

TEST(Support, APractitionerHasALevelOneToThreeAnAreaAndAnAwardBeforeItsExpiry) {
  const Taxonomy t = Areas();
  Practitioner p = APractitioner();
  EXPECT_TRUE(NormalisePractitioner(Catalogue(t), kToday, p).has_value());

  p.level = 4;
  p.areas = {"old"};
  p.awarded_on = "2026-12-07";  // tomorrow
  p.expires_on = "2026-12-07";  // not after the award
  p.contact = "ann";            // neither an email nor a web address
  auto bad = NormalisePractitioner(Catalogue(t), kToday, p);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(Paths(bad.error()),
            (std::vector<std::string>{"level", "contact", "areas", "awarded_on", "expires_on"}));
  p = APractitioner();
  p.awarded_on = "2026-02-30";
  bad = NormalisePractitioner(Catalogue(t), kToday, p);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(Paths(bad.error()), std::vector<std::string>{"awarded_on"});
}

TEST(Support, AnAccreditationIsCurrentEndingSoonWithinSixtyDaysThenExpiredAfterItsLastDay) {
  Practitioner p = APractitioner();
  p.expires_on = "2027-02-04";  // 60 days after 2026-12-06
  EXPECT_EQ(StandingOn(p, kToday), AccreditationStanding::kEndingSoon);
  p.expires_on = "2027-02-05";  // 61 days
  EXPECT_EQ(StandingOn(p, kToday), AccreditationStanding::kCurrent);
  p.expires_on = "2026-12-06";  // its last day is today
  EXPECT_EQ(StandingOn(p, kToday), AccreditationStanding::kEndingSoon);
  p.expires_on = "2026-12-05";
  EXPECT_EQ(StandingOn(p, kToday), AccreditationStanding::kExpired);

  SupportSearch s;
  EXPECT_FALSE(Matches(s, p, kToday));  // an expired one is left out
  s.include_expired = true;
  EXPECT_TRUE(Matches(s, p, kToday));
}

TEST(Support, AConsultantNamesLanguagesFromTheListAndOnlyTheSchemesAndCriteriaInForce) {
  const Taxonomy t = Areas();
  Consultant k;
  k.name = "Bridge Consulting";
  k.summary = "Helps with policies";
  k.email = "hello@bridge.example";
  k.areas = {"london", "london"};
  k.schemes = {"svqm", "svmc", "svmc"};
  k.languages = {"cy", "en"};
  k.criteria = {"svmc.1.plan.2", "svmc.1.plan.1"};
  ASSERT_TRUE(NormaliseConsultant(Catalogue(t), k).has_value());
  EXPECT_EQ(k.schemes, (std::vector<std::string>{"svmc", "svqm"}));  // sorted, once each
  EXPECT_EQ(k.areas, std::vector<std::string>{"london"});
  EXPECT_EQ(LanguageName("cy"), "Welsh");

  k.email.clear();
  k.languages = {"xx"};
  k.schemes = {"iso9001"};
  k.criteria = {"svmc.9.nope"};
  auto bad = NormaliseConsultant(Catalogue(t), k);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(Paths(bad.error()),
            (std::vector<std::string>{"email", "schemes", "languages", "criteria"}));
  k.languages.clear();
  bad = NormaliseConsultant(Catalogue(t), k);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().fields[2].message, "choose at least one");
}

TEST(Support, AResourceIsALinkOrAFileNeverBothNorNeither) {
  const Taxonomy t = Areas();
  Resource r;
  r.title = "Writing a policy";
  EXPECT_FALSE(NormaliseResource(Catalogue(t), false, r).has_value());  // neither
  r.link = "https://example.org/policy";
  EXPECT_TRUE(NormaliseResource(Catalogue(t), false, r).has_value());
  EXPECT_FALSE(NormaliseResource(Catalogue(t), true, r).has_value());  // both
  r.link = "javascript:alert(1)";
  auto bad = NormaliseResource(Catalogue(t), false, r);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(Paths(bad.error()), std::vector<std::string>{"link"});
  r.link.clear();
  EXPECT_TRUE(NormaliseResource(Catalogue(t), true, r).has_value());
  EXPECT_EQ(Name(r.kind), std::string("guidance"));
  EXPECT_EQ(ParseResourceKind("case_study").value(), ResourceKind::kCaseStudy);
  EXPECT_FALSE(ParseResourceKind("Case study").has_value());
}

TEST(Support, ASearchNeedsEveryWordInAnyCaseAndTheWholeUkServesEveryArea) {
  EXPECT_EQ(SupportWords("  Policy, WRITING!  "), (std::vector<std::string>{"policy", "writing"}));
  EXPECT_TRUE(SupportWords("\"*:&|").empty());

  Consultant k;
  k.name = "Bridge Consulting";
  k.organisation = "Bridge CIC";
  k.summary = "Policies and action plans for Level 1";
  k.areas = {"uk_wide"};
  k.schemes = {"svmc"};
  k.languages = {"en", "cy"};
  k.criteria = {"svmc.1.plan.1"};
  SupportSearch s;
  s.words = SupportWords("bridge ACTION");
  s.area = "wales";  // served: the whole UK
  s.language = "cy";
  s.scheme = "svmc";
  s.criterion = "svmc.1.plan.1";
  EXPECT_TRUE(Matches(s, k));
  s.words = SupportWords("bridge webinar");
  EXPECT_FALSE(Matches(s, k));
  s.words.clear();
  s.criterion = "svmc.1.plan.2";
  EXPECT_FALSE(Matches(s, k));

  Practitioner p = APractitioner();
  SupportSearch ps;
  ps.level = 3;  // this level or above
  EXPECT_FALSE(Matches(ps, p, kToday));
  ps.level = 2;
  ps.area = "london";
  EXPECT_FALSE(Matches(ps, p, kToday));  // Wales only
  ps.area = "wales";
  ps.words = SupportWords("jones");
  EXPECT_TRUE(Matches(ps, p, kToday));

  Resource r;
  r.title = "Social value policy (template)";
  r.kind = ResourceKind::kTemplate;
  r.criteria = {"svmc.1.plan.1"};
  SupportSearch rs;
  rs.kind = "template";
  rs.criterion = "svmc.1.plan.1";
  EXPECT_TRUE(Matches(rs, r));
  rs.kind = "webinar";
  EXPECT_FALSE(Matches(rs, r));
}

}  // namespace
}  // namespace valuemark
