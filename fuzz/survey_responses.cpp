// Survey responses against a design with every question type: the JSON body
// of POST /s/{token}/responses, and the CSV of POST /surveys/{id}/responses/
// import. The first byte chooses which; the rest is the body. Accepted
// answers are stored in canonical form, which must read back to the same
// answers, and are then counted into results as GET /results does.
#include <simdjson.h>

#include "app/surveys/survey_csv.h"
#include "core/survey.h"
#include "core/survey_results.h"
#include "formats/json_reader.h"
#include "formats/survey_json.h"
#include "fuzz/fuzz_check.h"

using namespace valuemark;

namespace {

SurveyDesign EveryType() {
  SurveyDesign d;
  d.title = "Every question type";
  d.outcomes = {{"lonely", "Members feel less lonely", "UCLA item", 400},
                {"fed", "Eat better", "", std::nullopt}};
  auto q = [&](const char* id, QuestionType type, const char* outcome = "", bool required = false) {
    Question x;
    x.id = id;
    x.type = type;
    x.text = id;
    x.outcome_id = outcome;
    x.required = required;
    d.questions.push_back(x);
    return &d.questions.back();
  };
  q("heard", QuestionType::kSingleChoice, "", true)->options = {"A friend", "My GP", "A leaflet",
                                                                "Other"};
  Question* uses = q("uses", QuestionType::kMultipleChoice);
  uses->options = {"Lunch", "Bingo", "Trips"};
  uses->option_values = {"lunch", "bingo", ""};  // an XLSForm's names, as Kobo exports them
  q("scale", QuestionType::kScale);
  q("likert", QuestionType::kLikert);
  Question* n = q("age", QuestionType::kNumber);
  n->min = 18;
  n->max = 120;
  q("comment", QuestionType::kText)->max_length = 40;
  q("lonely", QuestionType::kBeforeNow, "lonely", true);
  q("anyway", QuestionType::kDeadweight, "lonely");
  q("others", QuestionType::kAttribution, "lonely");
  q("lasts", QuestionType::kDuration, "lonely");
  q("fades", QuestionType::kDropOff, "fed");
  q("matters", QuestionType::kValuation);
  d.respondent_codes = RespondentCodes::kOptional;
  return d;
}

const SurveyDesign& Design() {
  static const SurveyDesign design = [] {
    SurveyDesign d = EveryType();
    if (!CheckDesign(d).empty()) fuzz::Fail("the harness's design is not valid");
    return d;
  }();
  return design;
}

// Stored answers read back to the same canonical text, and count into results.
void StoreAndCount(const SurveyDesign& design,
                   const std::vector<std::pair<std::string, Answers>>& responses) {
  static simdjson::dom::parser parser;
  ResultsBuilder builder(design, true);
  int n = 0;
  for (const auto& [code, answers] : responses) {
    const std::string stored = formats::AnswersJson(design, answers);
    auto doc = formats::ParseJsonText(parser, stored);
    FUZZ_CHECK(doc.has_value(), stored);
    std::vector<FieldError> errors;
    const Answers again = formats::ReadAnswers(*doc, "answers", design, errors);
    FUZZ_CHECK(errors.empty(), stored);
    FUZZ_CHECK(formats::AnswersJson(design, again) == stored, stored);
    builder.BeginResponse("r" + std::to_string(n++), code);
    FUZZ_CHECK(formats::FeedAnswers(parser, stored, design, builder).has_value(), stored);
    builder.EndResponse();
  }
  formats::JsonWriter w(0);
  w.BeginObject();
  formats::WriteSurveyResults(w, design, builder.Finish(), true);
  w.EndObject();
  (void)w.Take();
}

void JsonBody(std::string_view body) {
  static simdjson::dom::parser parser;
  const SurveyDesign& design = Design();
  auto doc = formats::ParseJsonText(parser, body);
  if (!doc) return;
  std::vector<FieldError> errors;
  Answers answers;
  std::string code;
  simdjson::dom::object object;
  if (doc->get_object().get(object) != simdjson::SUCCESS) return;
  for (auto field : object) {
    std::string_view text;
    if (field.key == "answers")
      answers = formats::ReadAnswers(field.value, "answers", design, errors);
    else if (field.key == "respondent_code" &&
             field.value.get_string().get(text) == simdjson::SUCCESS)
      code = text;
    else
      errors.push_back({std::string(field.key), "is not a field of a response"});
  }
  for (FieldError& e : CheckAnswers(design, answers)) errors.push_back(std::move(e));
  if (!errors.empty()) return;
  StoreAndCount(design, {{code, answers}});
}

void CsvImport(std::string_view csv) {
  const SurveyDesign& design = Design();
  auto rows = app::ReadResponsesCsv(design, csv);
  if (!rows) return;
  std::vector<std::pair<std::string, Answers>> responses;
  for (const app::CsvResponse& r : rows->rows) {
    FUZZ_CHECK(CheckAnswers(design, r.answers).empty(), csv);
    responses.emplace_back(r.respondent_code, r.answers);
  }
  StoreAndCount(design, responses);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view body = fuzz::Text(data + 1, size - 1);
  if (data[0] & 1)
    CsvImport(body);
  else
    JsonBody(body);
  return 0;
}
