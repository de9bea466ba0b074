// The shipped scheme files parse and validate; a bad file names every problem.
#include "formats/scheme_json.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace valuemark::formats {
namespace {

std::string ReadSchemeFile(const std::string& name) {
  std::ifstream in(std::string(VALUEMARK_SOURCE_DIR) + "/data/schemes/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(SchemeJson, SvmcVersion2HasThreeLevelsOfFiveStages) {
  auto s = ParseScheme(ReadSchemeFile("svmc-v2.json"));
  ASSERT_TRUE(s.has_value()) << s.error().fields.front().path << ": "
                             << s.error().fields.front().message;
  EXPECT_EQ(s->version, 2);
  ASSERT_EQ(s->levels.size(), 3u);
  EXPECT_EQ(s->levels[2].name, "Manage");
  for (int level = 1; level <= 3; ++level) EXPECT_EQ(s->StagesOf(level).size(), 5u);
  EXPECT_EQ(s->sign_off.size(), 2u);
  EXPECT_EQ(QuoteFee(*s, SizeBand::kMedium).gross_pence, 90000);  // £750 + 20 %
  EXPECT_EQ(s->validity_months, 24);
}

TEST(SchemeJson, SvqmPledgesAreNotVerified) {
  auto s = ParseScheme(ReadSchemeFile("svqm-v1.json"));
  ASSERT_TRUE(s.has_value());
  ASSERT_EQ(s->levels.size(), 4u);
  EXPECT_FALSE(s->levels[0].verified);
  for (int i = 1; i < 4; ++i) EXPECT_TRUE(s->levels[i].verified);
}

// Domain notes: nine standards, the first five at every level, Gold adding
// Performance Manage and Trust, Platinum all nine; 80 %; Bronze ≥ 6 pledges.
TEST(SchemeJson, SvqmStandardsFollowTheNineStandards) {
  auto s = ParseScheme(ReadSchemeFile("svqm-standards-v1.json"));
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->stages.size(), 9u);
  EXPECT_EQ(s->StagesOf(1).size(), 5u);
  EXPECT_EQ(s->StagesOf(2).size(), 5u);
  EXPECT_EQ(s->StagesOf(3).size(), 7u);
  EXPECT_EQ(s->StagesOf(4).size(), 9u);
  EXPECT_EQ(s->pass_mark_percent, 80);
  EXPECT_EQ(s->levels[0].min_pledges, 6);
  // "appeals within 10 working days to an oversight panel"
  EXPECT_EQ(s->appeal_working_days, 10);
}

TEST(SchemeJson, ABadFileNamesEveryProblem) {
  nlohmann::json j = nlohmann::json::parse(ReadSchemeFile("svmc-v2.json"));
  j["vat_percent"] = 120;
  j["levels"][0]["criteria"][0]["stage"] = "Nowhere";
  j["levels"][1]["colour"] = "red";
  auto s = ParseScheme(j.dump());
  ASSERT_FALSE(s.has_value());
  std::vector<std::string> paths;
  for (const FieldError& f : s.error().fields) paths.push_back(f.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"vat_percent", "levels[1].colour"}));
  j["vat_percent"] = 20;
  j["levels"][1].erase("colour");
  s = ParseScheme(j.dump());
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().fields.front().path, "levels[0].criteria[0].stage");
}

TEST(SchemeJson, ApiShape) {
  auto s = ParseScheme(ReadSchemeFile("svmc-v2.json"));
  ASSERT_TRUE(s.has_value());
  JsonWriter w(0);
  WriteSchemeApi(w, *s);
  nlohmann::json j = nlohmann::json::parse(w.Take());
  std::vector<std::string> keys;
  for (auto& [k, v] : j.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"appeal_working_days", "fees", "id", "levels", "name",
                                            "owner", "pass_mark_percent", "preparation_call",
                                            "published", "results_due_days", "sign_off", "summary",
                                            "terms", "validity_months", "version"}));
  EXPECT_EQ(j["summary"].get<std::string>().rfind("A certificate of how well", 0), 0u);
  EXPECT_EQ(j["published"], "2020-03-01");
  EXPECT_EQ(j["pass_mark_percent"], 100);
  EXPECT_EQ(j["appeal_working_days"], 10);
  EXPECT_EQ(j["terms"], "svmc-terms-v1");
  EXPECT_EQ(j["sign_off"], nlohmann::json::array({"lead", "senior_leader"}));
  EXPECT_EQ(j["levels"][0]["min_pledges"], 0);
  EXPECT_EQ(j["levels"][0]["stages"][0]["name"], "Creating Capacity");
  EXPECT_EQ(j["levels"][0]["stages"][0]["criteria"][0]["id"], "svmc.1.cc.1");
  EXPECT_EQ(j["fees"]["per_level_or_renewal"]["very_large"], 1250);
}

}  // namespace
}  // namespace valuemark::formats
