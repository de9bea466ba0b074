// Survey designs as the designer API takes them (POST/PUT /surveys, docs/api.md
// "Surveys"): read strictly, then checked as a whole. A design that passes is
// stored as JSON that must read back to the same design, and its (empty)
// results and CSV export are written as the API would.
#include <simdjson.h>

#include "app/surveys/survey_csv.h"
#include "core/survey.h"
#include "core/survey_results.h"
#include "formats/json_reader.h"
#include "formats/survey_json.h"
#include "fuzz/fuzz_check.h"

using namespace valuemark;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static simdjson::dom::parser parser;
  auto doc = formats::ParseJsonText(parser, fuzz::Text(data, size));
  if (!doc) return 0;
  std::vector<FieldError> errors;
  SurveyDesign design;
  formats::ObjectReader reader(*doc, "$", errors);
  if (reader.ok()) {
    formats::ReadSurveyDesign(reader, design);
    reader.RejectUnknownFields();
  }
  if (!errors.empty() || !reader.ok()) return 0;
  if (!CheckDesign(design).empty()) return 0;

  const std::string stored = formats::StoredDesignJson(design);
  auto again = formats::ParseStoredDesign(stored);
  FUZZ_CHECK(again.has_value(), stored + "\n" + again.error().message);
  FUZZ_CHECK(formats::StoredDesignJson(*again) == stored, stored);
  FUZZ_CHECK(CheckDesign(*again).empty(), stored);

  ResultsBuilder builder(design, true);
  formats::JsonWriter w(0);
  w.BeginObject();
  formats::WriteSurveyResults(w, design, builder.Finish(), true);
  w.EndObject();
  FUZZ_CHECK(!w.Take().empty(), stored);
  auto csv = app::WriteResponsesCsv(design, {});
  FUZZ_CHECK(csv.has_value(), stored);
  FUZZ_CHECK(app::ReadResponsesCsv(design, *csv).has_value(), *csv);
  return 0;
}
