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

TEST(SurveyJson, TranslationsReadAndWriteBack) {
  const std::string text =
      R"({"title":"T","language":"en","questions":[)"
      R"({"id":"used","type":"single_choice","text":"Used it?","options":["Yes","No"]}],)"
      R"("translations":[{"language":"cy","title":"Clwb","description":"",)"
      R"("questions":{"used":{"text":"Ddefnyddioch chi?","options":["Do","Na"]}},)"
      R"("outcomes":{}}]})";
  auto d = ParseStoredDesign(text);
  ASSERT_TRUE(d.has_value()) << d.error().message;
  ASSERT_EQ(d->translations.size(), 1u);
  EXPECT_EQ(d->translations[0].questions.at("used").options,
            (std::vector<std::string>{"Do", "Na"}));
  auto again = ParseStoredDesign(StoredDesignJson(*d));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->translations[0].title, "Clwb");
  EXPECT_EQ(again->translations[0].questions.at("used").text, "Ddefnyddioch chi?");
  // An old design without a language is in English.
  EXPECT_EQ(ParseStoredDesign(R"({"title":"T","questions":[]})")->language, "en");
  // An unknown field of a translated question is named.
  auto bad = ParseStoredDesign(
      R"({"title":"T","questions":[],"translations":[{"language":"cy","questions":{"q":{"txt":"?"}}}]})");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("translations[0].questions.q.txt"), std::string::npos)
      << bad.error().message;
}

TEST(SurveyJson, HelpAndSkipLogicReadAndWriteBack) {
  const std::string text =
      R"({"title":"T","questions":[)"
      R"({"id":"used","type":"single_choice","text":"Used it?","options":["Yes","No"]},)"
      R"({"id":"why","type":"text","text":"Why?","help":"A sentence.","section":"Your visit",)"
      R"("show_if":{"question_id":"used","equals":"Yes"}}]})";
  auto d = ParseStoredDesign(text);
  ASSERT_TRUE(d.has_value()) << d.error().message;
  EXPECT_EQ(d->questions[1].help, "A sentence.");
  ASSERT_TRUE(d->questions[1].show_if.has_value());
  EXPECT_EQ(*d->questions[1].show_if, (ShowIf{"used", "Yes"}));
  EXPECT_FALSE(d->questions[0].show_if.has_value());
  auto again = ParseStoredDesign(StoredDesignJson(*d));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->questions[1].show_if, d->questions[1].show_if);
  EXPECT_EQ(again->questions[1].help, "A sentence.");
  EXPECT_EQ(again->questions[1].section, "Your visit");
  EXPECT_EQ(again->questions[0].section, "");

  // An unknown field of show_if, or a missing one, is named.
  auto bad = ParseStoredDesign(R"({"title":"T","questions":[{"id":"q","type":"text","text":"?",)"
                               R"("show_if":{"question":"used"}}]})");
  ASSERT_FALSE(bad.has_value());
  // (A stored design's problems come back in its message.)
  EXPECT_NE(bad.error().message.find("questions[0].show_if.question_id: is required"),
            std::string::npos)
      << bad.error().message;
}

}  // namespace
}  // namespace valuemark::formats
