#include "core/survey.h"

#include <gtest/gtest.h>

#include "core/survey_results.h"
#include "core/utf8.h"

namespace valuemark {
namespace {

Question MakeQuestion(std::string id, QuestionType type, std::string text) {
  Question q;
  q.id = std::move(id);
  q.type = type;
  q.text = std::move(text);
  return q;
}

SurveyDesign Design() {
  SurveyDesign d;
  d.title = "T";
  d.outcomes = {{"o", "Outcome", "", 100}};
  Question choice = MakeQuestion("c", QuestionType::kSingleChoice, "Choose");
  choice.required = true;
  choice.options = {"a", "b"};
  Question change = MakeQuestion("ch", QuestionType::kBeforeNow, "Before and now");
  change.outcome_id = "o";
  Question dw = MakeQuestion("dw", QuestionType::kDeadweight, "Anyway?");
  dw.outcome_id = "o";
  d.questions = {choice, change, dw};
  return d;
}

TEST(Survey, DesignProblemsNameTheirFields) {
  SurveyDesign d = Design();
  d.questions[0].options = {"a", "a|b"};
  d.questions[1].outcome_id = "missing";
  d.closes_on = "2026-02-30";
  const auto errors = CheckDesign(d);
  std::vector<std::string> paths;
  for (const FieldError& e : errors) paths.push_back(e.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"questions[0].options[1]", "questions[1].outcome_id",
                                             "closes_on"}));
  EXPECT_TRUE(CheckDesign(Design()).empty());
}

TEST(Survey, AnswersAreCheckedPerType) {
  const SurveyDesign d = Design();
  Answers a;
  a["c"].choices = {"z"};
  a["ch"].number = 3;
  a["ch"].now = 11;
  a["dw"].number = 1.5;
  a["nope"].number = 1;
  EXPECT_EQ(CheckAnswers(d, a).size(), 4u);
  Answers ok;
  ok["c"].choices = {"a"};
  EXPECT_TRUE(CheckAnswers(d, ok).empty());
  EXPECT_EQ(CheckAnswers(d, {}).size(), 1u);  // "c" is required
}

// Found by fuzz/survey_responses: a CSV import with a Windows-1252 "é" in a
// free-text cell was accepted, and its stored answers then could not be read
// back, so the survey's results and export failed from then on.
TEST(Survey, TextAnswersMustBeUtf8) {
  SurveyDesign d = Design();
  d.questions.push_back(MakeQuestion("t", QuestionType::kText, "Anything else?"));
  Answers a;
  a["c"].choices = {"a"};
  a["t"].text = "Lovely caf\xE9, really";
  const auto errors = CheckAnswers(d, a);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "answers.t");
  a["t"].text = "Lovely café, really";
  EXPECT_TRUE(CheckAnswers(d, a).empty());
}

// Limits count characters, as the designer's and the form's counters do: a
// Welsh title of 200 letters with circumflexes (2 bytes each in UTF-8) fits.
TEST(Survey, LimitsCountCharactersNotBytes) {
  std::string welsh;
  for (int i = 0; i < 100; ++i) welsh += "\u0175a";  // "ŵa": 3 bytes, 2 characters
  ASSERT_EQ(CountCharacters(welsh), 200u);
  ASSERT_EQ(welsh.size(), 300u);
  SurveyDesign d = Design();
  d.title = welsh;
  d.questions[0].options = {welsh, "b"};
  Question t = MakeQuestion("t", QuestionType::kText, "Unrhyw beth arall?");
  t.max_length = 200;
  d.questions.push_back(t);
  EXPECT_TRUE(CheckDesign(d).empty());
  Answers a;
  a["c"].choices = {welsh};
  a["t"].text = welsh;
  EXPECT_TRUE(CheckAnswers(d, a).empty());
  a["t"].text = welsh + "\u0175";  // 201 characters
  ASSERT_EQ(CheckAnswers(d, a).size(), 1u);
  EXPECT_EQ(CheckAnswers(d, a)[0].message, "must be at most 200 characters");
  d.title = welsh + "a";
  ASSERT_EQ(CheckDesign(d).size(), 1u);
  EXPECT_EQ(CheckDesign(d)[0].path, "title");
}

TEST(Survey, StateFollowsStatusDatesAndLimit) {
  SurveyDesign d = Design();
  d.opens_on = "2026-01-10";
  d.closes_on = "2026-01-20";
  d.response_limit = 5;
  constexpr SurveyStatus kLive = SurveyStatus::kPublished;
  EXPECT_EQ(DayStart("1970-01-02"), 86400);
  EXPECT_EQ(StateOf(d, kLive, DayStart("2026-01-09"), 0), SurveyState::kNotYetOpen);
  EXPECT_EQ(StateOf(d, kLive, DayStart("2026-01-20") + 86399, 4),
            SurveyState::kOpen);  // the close day counts
  EXPECT_EQ(StateOf(d, kLive, DayStart("2026-01-21"), 0), SurveyState::kClosed);
  EXPECT_EQ(StateOf(d, kLive, DayStart("2026-01-15"), 5), SurveyState::kFull);
  // A draft takes no answers whatever its dates; a closed survey none until reopened.
  EXPECT_EQ(StateOf(d, SurveyStatus::kDraft, DayStart("2026-01-15"), 0), SurveyState::kDraft);
  EXPECT_EQ(StateOf(d, SurveyStatus::kClosed, DayStart("2026-01-15"), 0), SurveyState::kClosed);
  EXPECT_EQ(ParseSurveyStatus("published").value(), kLive);
  EXPECT_FALSE(ParseSurveyStatus("live").has_value());
  EXPECT_NE(RefusalMessage(SurveyState::kDraft), "");
}

TEST(SurveyResults, QuantityScalesASampleWithAWilsonInterval) {
  const SurveyDesign d = Design();
  ResultsBuilder b(d, true);
  const int qi = b.QuestionIndex("ch"), dw = b.QuestionIndex("dw");
  for (int i = 0; i < 10; ++i) {
    std::string id = "r";
    id += std::to_string(i);  // not "r" + ...: GCC 12 warns falsely (-Wrestrict)
    b.BeginResponse(id);
    b.AddBeforeNow(qi, 3, i < 6 ? 7 : 3);
    b.AddNumber(dw, i < 5 ? 0.2 : 0.4);
    b.EndResponse();
  }
  SurveyResults r = b.Finish();
  const SurveyOutcomeResult& o = r.outcomes[0];
  EXPECT_EQ(o.respondents, 10);
  EXPECT_EQ(o.changed, 6);
  EXPECT_TRUE(o.sample);
  EXPECT_DOUBLE_EQ(o.quantity, 60.0);
  // Hand-checked: n_eff = 10 × 99 / 90 = 11, p = 0.6, z = 1.96 → [0.3235, 0.8247].
  EXPECT_NEAR(o.quantity_low, 32.35, 0.01);
  EXPECT_NEAR(o.quantity_high, 82.47, 0.01);
  EXPECT_NEAR(o.deadweight.mean, 0.3, 1e-12);
  EXPECT_EQ(o.changed_ids.size(), 6u);
  EXPECT_EQ(r.questions[qi].improved, 6);
  EXPECT_EQ(r.questions[qi].distribution[14], 6);  // a change of +4
}

TEST(SurveyResults, RespondentCodesLinkBaselineAndFollowUp) {
  const SurveyDesign d = Design();
  ResultsBuilder b(d, false);
  const int qi = b.QuestionIndex("ch");
  auto add = [&](const char* id, const char* code, double now) {
    b.BeginResponse(id, code);
    b.AddBeforeNow(qi, 2, now);
    b.EndResponse();
  };
  add("r1", "ann", 3);  // baselines
  add("r2", "bob", 6);
  add("r3", "", 5);     // anonymous: not linked
  add("r4", "ann", 7);  // follow-ups
  add("r5", "bob", 4);
  SurveyResults r = b.Finish();
  EXPECT_EQ(r.outcomes[0].linked, 2);
  EXPECT_EQ(r.outcomes[0].linked_improved, 1);
}

// Loneliness: lower is better. Worked by hand: 8 → 3 is better, 2 → 5 worse,
// 4 → 4 the same, so 1 of 3 changed for the better (quantity 100 × 1/3 with a
// population of 100); ann goes from 6 at baseline to 3 at follow-up: better.
TEST(SurveyResults, WhereLowerIsBetterAFallIsTheImprovement) {
  SurveyDesign d = Design();
  d.questions[1].lower_is_better = true;
  ASSERT_TRUE(CheckDesign(d).empty());
  ResultsBuilder b(d, false);
  const int qi = b.QuestionIndex("ch");
  auto add = [&](const char* id, const char* code, double before, double now) {
    b.BeginResponse(id, code);
    b.AddBeforeNow(qi, before, now);
    b.EndResponse();
  };
  add("r1", "", 8, 3);
  add("r2", "", 2, 5);
  add("r3", "", 4, 4);
  SurveyResults r = b.Finish();
  EXPECT_EQ(r.questions[qi].improved, 1);
  EXPECT_EQ(r.questions[qi].worse, 1);
  EXPECT_EQ(r.questions[qi].unchanged, 1);
  EXPECT_EQ(r.questions[qi].distribution[5], 1);  // the change itself stays −5
  EXPECT_EQ(r.outcomes[0].changed, 1);
  EXPECT_NEAR(r.outcomes[0].quantity, 100.0 / 3, 1e-9);

  ResultsBuilder linked(d, false);
  linked.BeginResponse("r1", "ann");
  linked.AddBeforeNow(qi, 7, 6);
  linked.EndResponse();
  linked.BeginResponse("r2", "ann");
  linked.AddBeforeNow(qi, 6, 3);
  linked.EndResponse();
  EXPECT_EQ(linked.Finish().outcomes[0].linked_improved, 1);
  // Only a before-and-now question has a better direction.
  d.questions[2].lower_is_better = true;
  ASSERT_EQ(CheckDesign(d).size(), 1u);
  EXPECT_EQ(CheckDesign(d)[0].path, "questions[2].lower_is_better");
}

// A large survey is folded in runs, each by a builder of its own, absorbed
// in order: the same figures as one builder fed every response. The answers
// are sums of quarters, so every sum is exact in either order.
TEST(SurveyResults, RunsAbsorbedInOrderGiveTheFiguresOfOneRun) {
  SurveyDesign d = Design();
  Question scale = MakeQuestion("s", QuestionType::kScale, "How likely?");
  Question value = MakeQuestion("v", QuestionType::kValuation, "How much does it matter?");
  d.questions.push_back(scale);
  d.questions.push_back(value);
  struct Response {
    std::string id, code, choice;
    double before, now, deadweight, scale;
    bool excluded;
  };
  const std::vector<Response> responses = {
      {"r00", "ann", "a", 2, 5, 0.25, 7, false}, {"r01", "", "b", 4, 4, 0.5, 0, false},
      {"r02", "bob", "a", 6, 3, 0, 10, false},   {"r03", "", "", 0, 0, 0, 0, true},
      {"r04", "ann", "b", 5, 8, 0.25, 9, false}, {"r05", "", "a", 1, 9, 0.75, 3, false},
      {"r06", "cat", "a", 3, 3, 0.5, 4, false},  {"r07", "", "", 0, 0, 0, 0, true},
      {"r08", "ann", "a", 8, 4, 0, 6, false},    {"r09", "cat", "b", 3, 6, 0.25, 2, false},
      {"r10", "bob", "b", 1, 7, 0.5, 5, false},  {"r11", "", "a", 7, 10, 1, 8, false}};
  auto feed = [&](ResultsBuilder& b, size_t from, size_t to) {
    const int c = b.QuestionIndex("c"), ch = b.QuestionIndex("ch"), dw = b.QuestionIndex("dw"),
              sc = b.QuestionIndex("s"), v = b.QuestionIndex("v");
    for (size_t i = from; i < to; ++i) {
      const Response& r = responses[i];
      if (r.excluded) {
        b.CountExcluded();
        continue;
      }
      b.BeginResponse(r.id, r.code);
      b.AddChoice(c, r.choice);
      b.AddBeforeNow(ch, r.before, r.now);
      if (r.deadweight > 0) b.AddNumber(dw, r.deadweight);
      b.AddNumber(sc, r.scale);
      b.AddWeight(v, 0, r.scale + 1);
      b.EndResponse();
    }
  };
  ResultsBuilder whole(d, true);
  feed(whole, 0, responses.size());
  const SurveyResults one = whole.Finish();

  ResultsBuilder first(d, true), second(d, true), third(d, true);
  feed(first, 0, 5);
  feed(second, 5, 9);
  feed(third, 9, responses.size());
  first.Absorb(std::move(second));
  first.Absorb(std::move(third));
  const SurveyResults runs = first.Finish();

  EXPECT_EQ(runs.used, 10);
  EXPECT_EQ(runs.excluded, 2);
  EXPECT_EQ(runs.used, one.used);
  EXPECT_EQ(runs.excluded, one.excluded);
  ASSERT_EQ(runs.questions.size(), one.questions.size());
  for (size_t i = 0; i < one.questions.size(); ++i) {
    const SurveyQuestionResult &a = runs.questions[i], &b = one.questions[i];
    SCOPED_TRACE(b.id);
    EXPECT_EQ(a.answered, b.answered);
    EXPECT_EQ(a.mean, b.mean);
    EXPECT_EQ(a.min, b.min);
    EXPECT_EQ(a.max, b.max);
    EXPECT_EQ(a.distribution, b.distribution);
    EXPECT_EQ(a.mean_before, b.mean_before);
    EXPECT_EQ(a.mean_change, b.mean_change);
    EXPECT_EQ(a.improved, b.improved);
    EXPECT_EQ(a.unchanged, b.unchanged);
    EXPECT_EQ(a.worse, b.worse);
    EXPECT_EQ(a.mean_weight, b.mean_weight);
  }
  // Hand-checked: the scale's answers 7 0 10 9 3 4 6 2 5 8 (the excluded
  // not counted) have min 0, max 10 and mean 5.4.
  const SurveyQuestionResult& sc = runs.questions[3];
  EXPECT_EQ(sc.min, 0);
  EXPECT_EQ(sc.max, 10);
  EXPECT_DOUBLE_EQ(sc.mean, 5.4);
  const SurveyOutcomeResult &a = runs.outcomes[0], &b = one.outcomes[0];
  EXPECT_EQ(a.respondents, b.respondents);
  EXPECT_EQ(a.changed, b.changed);
  EXPECT_EQ(a.quantity, b.quantity);
  EXPECT_EQ(a.changed_ids, b.changed_ids);
  EXPECT_EQ(a.respondent_ids, b.respondent_ids);
  EXPECT_EQ(a.deadweight.n, b.deadweight.n);
  EXPECT_EQ(a.deadweight.mean, b.deadweight.mean);
  EXPECT_EQ(a.deadweight.response_ids, b.deadweight.response_ids);
  EXPECT_EQ(a.relative_importance, b.relative_importance);
  // ann: 5 first (run 1), 4 last (run 3), worse; bob: 3 then 7 (runs 1 and
  // 3), better; cat: 3 then 6, both in run 2 and 3, better.
  EXPECT_EQ(a.linked, 3);
  EXPECT_EQ(a.linked_improved, 2);
  EXPECT_EQ(a.linked, b.linked);
  EXPECT_EQ(a.linked_improved, b.linked_improved);
}

TEST(SurveyResults, EveryoneAnsweringHasNoSamplingError) {
  auto [low, high] = WilsonInterval(3, 10, 10);
  EXPECT_DOUBLE_EQ(low, 0.3);
  EXPECT_DOUBLE_EQ(high, 0.3);
}

}  // namespace
}  // namespace valuemark

namespace valuemark {
namespace {

SurveyDesign WithFollowUp() {
  SurveyDesign d;
  d.title = "Club";
  Question used;
  used.id = "used";
  used.type = QuestionType::kSingleChoice;
  used.text = "Did you use the club?";
  used.required = true;
  used.options = {"Yes", "No"};
  Question why;
  why.id = "why";
  why.type = QuestionType::kText;
  why.text = "What did you like?";
  why.required = true;
  why.help = "A sentence is enough.";
  why.show_if = ShowIf{"used", "Yes"};
  d.questions = {used, why};
  return d;
}

Answer Chose(const std::string& option) {
  Answer a;
  a.choices = {option};
  return a;
}

TEST(SurveySkipLogic, AFollowUpIsAskedOnlyWhenItsAnswerMatches) {
  const SurveyDesign d = WithFollowUp();
  EXPECT_TRUE(CheckDesign(d).empty());
  Answers no{{"used", Chose("No")}};
  EXPECT_FALSE(IsAsked(d.questions[1], no));
  EXPECT_TRUE(CheckAnswers(d, no).empty());  // required, but not asked
  Answers yes{{"used", Chose("Yes")}};
  EXPECT_TRUE(IsAsked(d.questions[1], yes));
  auto missing = CheckAnswers(d, yes);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].path, "answers.why");
  // An answer to a question not asked is refused.
  no["why"].text = "Everything";
  auto refused = CheckAnswers(d, no);
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0].message, "is not asked unless the answer to \"used\" is \"Yes\"");
}

TEST(SurveySkipLogic, OnlyAnEarlierChoiceAndOneOfItsOptions) {
  SurveyDesign d = WithFollowUp();
  d.questions[1].show_if = ShowIf{"used", "Maybe"};
  auto e = CheckDesign(d);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].path, "questions[1].show_if.equals");
  d.questions[1].show_if = ShowIf{"why", "Yes"};  // itself: not earlier
  EXPECT_EQ(CheckDesign(d)[0].path, "questions[1].show_if.question_id");
  std::swap(d.questions[0], d.questions[1]);  // the follow-up first
  d.questions[0].show_if = ShowIf{"used", "Yes"};
  EXPECT_EQ(CheckDesign(d)[0].path, "questions[0].show_if.question_id");
  SurveyDesign t = WithFollowUp();
  t.questions[0].type = QuestionType::kText;
  t.questions[0].options.clear();
  EXPECT_EQ(CheckDesign(t)[0].path, "questions[1].show_if.question_id");
}

// An XLSForm's choice names (how KoboToolbox and ODK export answers): one
// per option, "" where an option has none, no spaces (their exports separate
// several choices by spaces), none twice; only choice questions have them.
TEST(Survey, OptionNamesAreOnePerOptionWithoutSpacesOrRepeats) {
  SurveyDesign d = Design();
  d.questions[0].option_values = {"yes", ""};
  EXPECT_TRUE(CheckDesign(d).empty());
  auto paths = [](const SurveyDesign& x) {
    std::vector<std::string> out;
    for (const FieldError& e : CheckDesign(x)) out.push_back(e.path);
    return out;
  };
  d.questions[0].option_values = {"yes"};
  EXPECT_EQ(paths(d), (std::vector<std::string>{"questions[0].option_values"}));
  d.questions[0].option_values = {"yes", "no thanks"};
  EXPECT_EQ(paths(d), (std::vector<std::string>{"questions[0].option_values[1]"}));
  d.questions[0].option_values = {"same", "same"};
  EXPECT_EQ(paths(d), (std::vector<std::string>{"questions[0].option_values[1]"}));
  // A name that is another option's words would never be read as the name.
  d.questions[0].option_values = {"b", "a"};
  EXPECT_EQ(paths(d), (std::vector<std::string>{"questions[0].option_values[0]",
                                                "questions[0].option_values[1]"}));
  d.questions[0].option_values = {"a", "bee"};  // its own words: harmless
  EXPECT_TRUE(CheckDesign(d).empty());
  d = Design();
  d.questions[2].option_values = {"a", "b"};
  EXPECT_EQ(paths(d), (std::vector<std::string>{"questions[2].option_values"}));
}

// Language tags are compared without regard to case, and kept short.
TEST(SurveyLanguages, TagsDifferingOnlyInCaseAreOneLanguage) {
  SurveyDesign d = Design();
  SurveyTranslation upper, lower;
  upper.language = "cy-GB";
  lower.language = "cy-gb";
  d.translations = {upper, lower};
  auto errors = CheckDesign(d);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "translations[1].language");
  EXPECT_TRUE(ValidLanguageTag("cy-GB"));
  EXPECT_FALSE(ValidLanguageTag("cy-aaaaaaaa-abcdefgh-abcdefgh-abcdefgh"));  // 38 characters
}

TEST(SurveySections, ASectionTitleIsShortPlainText) {
  SurveyDesign d = WithFollowUp();
  d.questions[1].section = "Your visit";
  EXPECT_TRUE(CheckDesign(d).empty());
  d.questions[1].section = std::string(201, 'x');
  auto e = CheckDesign(d);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].path, "questions[1].section");
  d.questions[1].section = "Line\nbreak";
  EXPECT_EQ(CheckDesign(d).size(), 1u);
}

TEST(SurveyLanguages, ATranslationNamesOnlyTheSurveysQuestionsAndKeepsTheirOptionCount) {
  EXPECT_TRUE(ValidLanguageTag("cy"));
  EXPECT_TRUE(ValidLanguageTag("en-GB"));
  EXPECT_TRUE(ValidLanguageTag("pa-Arab"));
  EXPECT_FALSE(ValidLanguageTag("Welsh"));
  EXPECT_FALSE(ValidLanguageTag("c"));
  EXPECT_FALSE(ValidLanguageTag("cy-"));
  EXPECT_FALSE(ValidLanguageTag(""));
  SurveyDesign d = WithFollowUp();
  SurveyTranslation cy;
  cy.language = "cy";
  cy.questions["used"] = QuestionWords{"Ddefnyddioch chi'r clwb?", "", "", {"Do", "Na"}};
  d.translations = {cy};
  EXPECT_TRUE(CheckDesign(d).empty());
  d.translations[0].questions["used"].options = {"Do"};
  d.translations[0].questions["nope"].text = "?";
  d.translations.push_back(cy);           // the same language twice
  d.translations.back().language = "en";  // and the survey's own
  auto e = CheckDesign(d);
  std::vector<std::string> paths;
  for (const auto& x : e) paths.push_back(x.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"translations[0].questions.nope",
                                             "translations[0].questions.used.options",
                                             "translations[1].language"}));
}

}  // namespace
}  // namespace valuemark
