#include "report/survey_xlsform.h"

#include <gtest/gtest.h>

#include "report/xlsx_test_util.h"

namespace valuemark::report {
namespace {

using testing::MakeWorkbook;
using testing::Rows;
using testing::TestSheet;
using S = std::string;

// A form as KoboToolbox's builder exports it: two languages, a group, skip
// logic, metadata, a note and a range.
std::string LunchClubForm() {
  Rows survey = {
      {S("type"), S("name"), S("label::English (en)"), S("label::Cymraeg (cy)"),
       S("hint::English (en)"), S("required"), S("relevant"), S("parameters")},
      {S("start"), S("start")},
      {S("deviceid"), S("deviceid")},
      {S("note"), S("intro"), S("Thank you for helping us."), S("Diolch.")},
      {S("select_one yes_no"), S("came"), S("Did you come to the lunches?"), S("Ddaethoch chi?"),
       S(""), S("yes")},
      {S("begin group"), S("lunches"), S("The lunches"), S("Y cinio"), S(""), S(""),
       S("${came} = 'yes'")},
      {S("range"), S("lonely"), S("How lonely do you feel now?"), S("Pa mor unig?"),
       S("0 is not at all"), S("true"), S(""), S("start=0 end=10 step=1")},
      {S("select_multiple days"), S("which.days"), S("Which days?"), S("Pa ddyddiau?")},
      {S("end group")},
      {S("integer"), S("age"), S("How old are you?"), S("Oed?"), S(""), S(""), S(""), S("")},
      {S("text"), S("why"), S("Why not?"), S("Pam?"), S(""), S(""), S("selected(${came}, 'no')")},
  };
  Rows choices = {
      {S("list_name"), S("name"), S("label::English (en)"), S("label::Cymraeg (cy)")},
      {S("yes_no"), S("yes"), S("Yes"), S("Do")},
      {S("yes_no"), S("no"), S("No"), S("Na")},
      {S("days"), S("tue"), S("Tuesday"), S("Dydd Mawrth")},
      {S("days"), S("fri"), S("Friday"), S("Dydd Gwener")},
  };
  Rows settings = {{S("form_title"), S("form_id"), S("default_language")},
                   {S("Lunch club survey"), S("lunch"), S("English")}};
  return MakeWorkbook({{"survey", survey}, {"choices", choices}, {"settings", settings}});
}

TEST(XlsForm, ReadsTheQuestionsThatMapWithGroupsAsSectionsAndSkipLogic) {
  auto d = ParseXlsForm(LunchClubForm());
  ASSERT_TRUE(d) << d.error().message << " "
                 << (d.error().fields.empty()
                         ? ""
                         : d.error().fields[0].path + " " + d.error().fields[0].message);
  EXPECT_EQ(d->title, "Lunch club survey");
  ASSERT_EQ(d->questions.size(), 5u);  // start, deviceid and the note are not questions
  const Question& came = d->questions[0];
  EXPECT_EQ(came.id, "came");
  EXPECT_EQ(came.type, QuestionType::kSingleChoice);
  EXPECT_EQ(came.text, "Did you come to the lunches?");  // the default language
  EXPECT_EQ(came.options, (std::vector<std::string>{"Yes", "No"}));
  // The choices' names stay beside them: Kobo's and ODK's exports answer by them.
  EXPECT_EQ(came.option_values, (std::vector<std::string>{"yes", "no"}));
  EXPECT_TRUE(came.required);
  EXPECT_EQ(came.help, "");  // the note before the first question is the introduction
  EXPECT_EQ(d->description, "Thank you for helping us.");
  const Question& lonely = d->questions[1];
  EXPECT_EQ(lonely.type, QuestionType::kScale);
  EXPECT_EQ(lonely.section, "The lunches");
  EXPECT_EQ(lonely.help, "0 is not at all");
  ASSERT_TRUE(lonely.show_if);  // the group's skip logic, by the choice's label
  EXPECT_EQ(*lonely.show_if, (ShowIf{"came", "Yes"}));
  const Question& days = d->questions[2];
  EXPECT_EQ(days.id, "which_days");
  EXPECT_EQ(days.type, QuestionType::kMultipleChoice);
  EXPECT_EQ(days.section, "");
  EXPECT_EQ(days.show_if, lonely.show_if);
  EXPECT_EQ(d->questions[3].type, QuestionType::kNumber);
  EXPECT_EQ(d->questions[3].section, "More questions");
  EXPECT_FALSE(d->questions[3].show_if);
  ASSERT_TRUE(d->questions[4].show_if);
  EXPECT_EQ(*d->questions[4].show_if, (ShowIf{"came", "No"}));
  // The other language is a translation: its words, the same questions.
  EXPECT_EQ(d->language, "en");
  ASSERT_EQ(d->translations.size(), 1u);
  const SurveyTranslation& cy = d->translations[0];
  EXPECT_EQ(cy.language, "cy");
  EXPECT_EQ(cy.description, "Diolch.");
  EXPECT_EQ(cy.questions.at("came").text, "Ddaethoch chi?");
  EXPECT_EQ(cy.questions.at("came").options, (std::vector<std::string>{"Do", "Na"}));
  EXPECT_EQ(cy.questions.at("lonely").section, "Y cinio");
  EXPECT_EQ(cy.questions.at("which_days").options,
            (std::vector<std::string>{"Dydd Mawrth", "Dydd Gwener"}));
  EXPECT_TRUE(CheckDesign(*d).empty());
}

TEST(XlsForm, NamesEachProblemBySheetCellAndColumn) {
  Rows survey = {
      {S("type"), S("name"), S("label"), S("relevant")},
      {S("geopoint"), S("where"), S("Where are you?")},
      {S("select_one colours"), S("colour"), S("Favourite colour?")},
      {S("text"), S("why"), S("Why?"), S("${age} > 18")},
      {S("text"), S("why"), S("Again?")},
  };
  auto d = ParseXlsForm(MakeWorkbook({{"survey", survey}}));
  ASSERT_FALSE(d);
  const auto& f = d.error().fields;
  ASSERT_GE(f.size(), 3u);
  EXPECT_EQ(f[0].path, "survey!A2");
  EXPECT_EQ(f[0].message.rfind("type: \"geopoint\" questions have no counterpart here", 0), 0u)
      << f[0].message;
  EXPECT_EQ(f[1].path, "survey!A3");
  EXPECT_EQ(f[1].message, "type: the list \"colours\" is not on the choices sheet");
  EXPECT_EQ(f[2].path, "survey!D4");
  EXPECT_EQ(f[2].message.rfind("relevant: \"${age} > 18\" cannot be read as skip logic", 0), 0u);
}

TEST(XlsForm, AVeryLongExpressionIsRefusedNotMatched) {
  Rows survey = {
      {S("type"), S("name"), S("label"), S("relevant"), S("parameters")},
      {S("select_one yn"), S("a"), S("A?")},
      {S("text"), S("b"), S("B?"), S("${a} = '" + std::string(30000, 'y') + "'")},
      {S("range"), S("c"), S("C?"), S(""), S("start=0 " + std::string(30000, ' ') + "end=10")},
  };
  Rows choices = {{S("list_name"), S("name"), S("label")},
                  {S("yn"), S("y"), S("Yes")},
                  {S("yn"), S("n"), S("No")}};
  auto d = ParseXlsForm(MakeWorkbook({{"survey", survey}, {"choices", choices}}));
  ASSERT_FALSE(d);
  ASSERT_EQ(d.error().fields.size(), 1u);
  EXPECT_EQ(d.error().fields[0].path, "survey!D3");
}

TEST(XlsForm, TheDesignsOwnRulesArePutBackAtTheirRow) {
  Rows survey = {
      {S("type"), S("name"), S("label")},
      {S("text"), S("why"), S("Why?")},
      {S("text"), S("why"), S("Again?")},
  };
  auto d = ParseXlsForm(MakeWorkbook({{"survey", survey}}));
  ASSERT_FALSE(d);
  ASSERT_EQ(d.error().fields.size(), 1u);
  EXPECT_EQ(d.error().fields[0].path, "survey!B3");
  EXPECT_EQ(d.error().fields[0].message, "name: \"why\" is used by another question");
}

TEST(XlsForm, AWorkbookWithoutASurveySheetIsNotAnXlsForm) {
  auto d = ParseXlsForm(MakeWorkbook({{"Sheet1", {{S("a")}}}}));
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().fields[0].path, "survey");
  EXPECT_FALSE(ParseXlsForm("not a zip"));
  auto headless = ParseXlsForm(MakeWorkbook({{"survey", {{S("name"), S("label")}}}}));
  ASSERT_FALSE(headless);
  EXPECT_EQ(headless.error().fields[0].path, "survey!A1");
}

}  // namespace
}  // namespace valuemark::report
