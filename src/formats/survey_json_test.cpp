#include "formats/survey_json.h"

#include <gtest/gtest.h>

namespace valuemark::formats {
namespace {

// Found by fuzz/survey_design: whole numbers were read as int, so a response
// limit or a population beyond 2^31 (both may be up to 10^12) was converted
// out of range, which is undefined behaviour.
TEST(SurveyJson, LargeWholeNumbersAreReadExactly) {
  auto d = ParseStoredDesign(
      R"({"title":"T","outcomes":[{"id":"o","name":"O","population":300000000000}],)"
      R"("questions":[{"id":"q","type":"scale","text":"?"}],"response_limit":50022222222})");
  ASSERT_TRUE(d.has_value()) << d.error().message;
  EXPECT_EQ(d->response_limit, 50022222222);
  EXPECT_EQ(d->outcomes.at(0).population, 300000000000);
  EXPECT_TRUE(CheckDesign(*d).empty());

  auto too_many = ParseStoredDesign(R"({"title":"T","questions":[],"response_limit":1e13})");
  ASSERT_FALSE(too_many.has_value());
}

}  // namespace
}  // namespace valuemark::formats
