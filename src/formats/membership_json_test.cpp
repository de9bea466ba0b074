#include "formats/membership_json.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace valuemark::formats {
namespace {

std::string DataFile() {
  std::ifstream in(std::string(VALUEMARK_SOURCE_DIR) + "/data/membership.json");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(MembershipJson, TheDataFileIsValid) {
  auto terms = ParseMembershipTerms(DataFile());
  ASSERT_TRUE(terms) << terms.error().message;
  ASSERT_EQ(terms->bands.size(), 4u);
  EXPECT_EQ(terms->bands[3].band, SizeBand::kVeryLarge);
  EXPECT_FALSE(terms->bands[3].max_staff);
  EXPECT_EQ(terms->term_months, 12);
}

TEST(MembershipJson, EveryProblemIsReportedWithItsPath) {
  auto terms = ParseMembershipTerms(
      R"({"owner": "", "currency": "GBP", "vat_percent": 20.5, "term_months": 12,
          "renewal_window_days": 60, "contact": "a", "payment": "b", "colour": "red",
          "bands": [{"band": "tiny", "label": "Tiny", "annual_fee_pence": -1}]})");
  ASSERT_FALSE(terms);
  std::vector<std::string> paths;
  for (const FieldError& f : terms.error().fields) paths.push_back(f.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"vat_percent", "bands[0].band",
                                             "bands[0].annual_fee_pence", "colour"}));
}

}  // namespace
}  // namespace valuemark::formats
