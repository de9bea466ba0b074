// Reading impact maps and LM3 files: every kind of bad input is reported with
// its JSON path and the rule it breaks (docs/file-formats.md), and a good file reads back
// exactly as written.
#include "formats/impact_map_json.h"

#include <gtest/gtest.h>

#include "formats/csv_rows.h"
#include "formats/impact_map_csv.h"

namespace valuemark::formats {
namespace {

// A valid map; each test breaks one thing in it.
std::string Map(const std::string& outcome_extra = "", const std::string& top_extra = "") {
  return R"({"name": "Test", "inputs": [{"stakeholder": "funder", "description": "grant", "value": 1000}],
            "outcomes": [{"id": "o1", "stakeholder": "members", "quantity": 10, "duration_years": 2,
                          "proxy": {"value": 100})" +
         outcome_extra + "}]" + top_extra + "}";
}

std::vector<FieldError> ErrorsOf(const std::string& json) {
  auto map = ParseImpactMap(json);
  EXPECT_FALSE(map.has_value()) << json;
  if (map) return {};
  EXPECT_EQ(map.error().code, ErrorCode::kInvalidArgument);
  return map.error().fields;
}

void ExpectOnly(const std::string& json, const std::string& path, const std::string& message) {
  std::vector<FieldError> errors = ErrorsOf(json);
  ASSERT_EQ(errors.size(), 1u) << json;
  EXPECT_EQ(errors[0].path, path);
  EXPECT_EQ(errors[0].message, message);
}

TEST(ImpactMapJson, ReadsAValidMapWithDefaults) {
  auto map = ParseImpactMap(Map());
  ASSERT_TRUE(map.has_value());
  EXPECT_EQ(map->name, "Test");
  EXPECT_EQ(map->kind, MapKind::kForecast);
  EXPECT_EQ(map->currency, "GBP");
  EXPECT_EQ(map->discount_rate, 0.035);
  const Outcome& o = map->outcomes.at(0);
  EXPECT_EQ(o.start_year, 1);
  EXPECT_EQ(o.deadweight.value(), 0);
  EXPECT_TRUE(o.material);
  EXPECT_TRUE(o.intended);
  EXPECT_FALSE(o.indicator.has_value());
}

TEST(ImpactMapJson, ReadsUncertainties) {
  auto map = ParseImpactMap(Map(R"(, "deadweight": {"low": 0.1, "mode": 0.2, "high": 0.4},
                                    "attribution": {"low": 0.1, "high": 0.3})"));
  ASSERT_TRUE(map.has_value());
  const Outcome& o = map->outcomes[0];
  ASSERT_TRUE(o.deadweight.is_uncertain());
  EXPECT_EQ(o.deadweight.distribution()->kind, DistributionKind::kTriangular);
  EXPECT_EQ(o.deadweight.value(), 0.2);
  EXPECT_EQ(o.attribution.distribution()->kind, DistributionKind::kUniform);
  EXPECT_DOUBLE_EQ(o.attribution.value(), 0.2);
}

// The kinds of bad input, one test each, with the exact path and message.
TEST(ImpactMapJsonErrors, SyntaxErrorNamesLineAndColumn) {
  ExpectOnly("{\"name\": \"x\",\n \"inputs\": [}", "$",
             "invalid JSON: parse error at line 2, column 13: syntax error while parsing value - "
             "unexpected '}'; "
             "expected '[', '{', or a literal");
}
TEST(ImpactMapJsonErrors, RootNotAnObject) {
  ExpectOnly("[1, 2]", "$", "must be an object, got an array");
}
TEST(ImpactMapJsonErrors, FractionOutOfRange) {
  ExpectOnly(Map(R"(, "deadweight": 1.5)"), "outcomes[0].deadweight",
             "must be between 0 and 1, got 1.5");
}
TEST(ImpactMapJsonErrors, NegativeQuantity) {
  ExpectOnly(Map().replace(Map().find("\"quantity\": 10"), 14, "\"quantity\": -3"),
             "outcomes[0].quantity", "must be between 0 and 1000000000000, got -3");
}
TEST(ImpactMapJsonErrors, WrongType) {
  ExpectOnly(Map(R"(, "drop_off": "ten percent")"), "outcomes[0].drop_off",
             "must be a number or an uncertainty such as {\"low\": 1, \"mode\": 2, \"high\": 3}, "
             "got a string");
}
TEST(ImpactMapJsonErrors, UnknownFieldIsATypo) {
  ExpectOnly(Map(R"(, "deadwieght": 0.2)"), "outcomes[0].deadwieght", "unknown field");
}
TEST(ImpactMapJsonErrors, UnknownTopLevelField) {
  ExpectOnly(Map("", R"(, "discount": 0.03)"), "discount", "unknown field");
}
TEST(ImpactMapJsonErrors, MissingRequiredField) {
  ExpectOnly(
      R"({"inputs": [], "outcomes": [{"id": "o", "stakeholder": "s", "quantity": 1, "proxy": {"value": 1}}]})",
      "outcomes[0].duration_years", "is required");
}
TEST(ImpactMapJsonErrors, DurationNotAWholeNumber) {
  ExpectOnly(Map().replace(Map().find("\"duration_years\": 2"), 19, "\"duration_years\": 2.5"),
             "outcomes[0].duration_years", "must be a whole number between 1 and 50, got 2.5");
}
TEST(ImpactMapJsonErrors, StartYearOutOfRange) {
  ExpectOnly(Map(R"(, "start_year": 0)"), "outcomes[0].start_year",
             "must be a whole number between 1 and 50, got 0");
}
TEST(ImpactMapJsonErrors, DiscountRateOfOne) {
  ExpectOnly(Map("", R"(, "discount_rate": 1)"), "discount_rate",
             "must be at least 0 and less than 1, got 1");
}
TEST(ImpactMapJsonErrors, UnknownKind) {
  ExpectOnly(Map("", R"(, "kind": "forcast")"), "kind",
             "must be \"forecast\" or \"evaluative\", got \"forcast\"");
}
TEST(ImpactMapJsonErrors, TriangularOutOfOrder) {
  ExpectOnly(Map(R"(, "attribution": {"low": 0.1, "mode": 0.5, "high": 0.3})"),
             "outcomes[0].attribution",
             "must have low <= mode <= high, got low 0.1, mode 0.5, high 0.3");
}
TEST(ImpactMapJsonErrors, UniformOutOfOrder) {
  ExpectOnly(Map(R"(, "drop_off": {"low": 0.5, "high": 0.2})"), "outcomes[0].drop_off",
             "must have low <= high, got low 0.5, high 0.2");
}
TEST(ImpactMapJsonErrors, UncertaintyBoundOutsideTheParametersRange) {
  ExpectOnly(Map(R"(, "drop_off": {"low": 0, "high": 1.2})"), "outcomes[0].drop_off.high",
             "must be between 0 and 1, got 1.2");
}
TEST(ImpactMapJsonErrors, UncertaintyWithUnknownKey) {
  ExpectOnly(Map(R"(, "deadweight": {"low": 0, "high": 0.2, "avg": 0.1})"),
             "outcomes[0].deadweight.avg", "unknown field");
}
TEST(ImpactMapJsonErrors, DuplicateOutcomeId) {
  const std::string json =
      R"({"inputs": [], "outcomes": [
          {"id": "a", "stakeholder": "s", "quantity": 1, "duration_years": 1, "proxy": {"value": 1}},
          {"id": "a", "stakeholder": "s", "quantity": 1, "duration_years": 1, "proxy": {"value": 1}}]})";
  ExpectOnly(json, "outcomes[1].id", "duplicate id \"a\" (first used at outcomes[0].id)");
}
TEST(ImpactMapJsonErrors, NegativeInput) {
  ExpectOnly(Map().replace(Map().find("\"value\": 1000"), 13, "\"value\": -5"), "inputs[0].value",
             "must be between 0 and 1000000000000, got -5");
}
TEST(ImpactMapJsonErrors, NoOutcomes) {
  ExpectOnly(R"({"inputs": [], "outcomes": []})", "outcomes", "must list at least one outcome");
}
TEST(ImpactMapJsonErrors, ProxyMustBeAnObject) {
  ExpectOnly(
      R"({"inputs": [], "outcomes": [{"id": "o", "stakeholder": "s", "quantity": 1, "duration_years": 1,
                 "proxy": 7}]})",
      "outcomes[0].proxy", "must be an object, got a number");
}
TEST(ImpactMapJsonErrors, BooleanExpected) {
  ExpectOnly(Map(R"(, "material": "yes")"), "outcomes[0].material",
             "must be true or false, got a string");
}
TEST(ImpactMapJsonErrors, RepeatedKey) {
  ExpectOnly(Map(R"(, "deadweight": 0.1, "deadweight": 0.2)"), "outcomes[0].deadweight",
             "appears more than once");
}
TEST(ImpactMapJsonErrors, EveryProblemIsReportedAtOnce) {
  std::vector<FieldError> errors = ErrorsOf(
      Map(R"(, "deadweight": 2, "attribution": -1, "colour": "red")", R"(, "kind": "guess")"));
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].path, "kind");
  EXPECT_EQ(errors[1].path, "outcomes[0].deadweight");
  EXPECT_EQ(errors[2].path, "outcomes[0].attribution");
  EXPECT_EQ(errors[3].path, "outcomes[0].colour");
}

TEST(ImpactMapJson, WritesWhatItReads) {
  const std::string text =
      Map(R"(, "deadweight": {"low": 0.1, "mode": 0.2, "high": 0.4}, "indicator": "x",
                                  "material": false, "materiality_reason": "tiny")",
          R"(, "kind": "evaluative", "verification": {"by": "A. Assessor", "date": "2026-01-01"},
                                  "stakeholders": [{"id": "members", "name": "Members", "size": 40, "involvement": "survey"}])");
  auto first = ParseImpactMap(text);
  ASSERT_TRUE(first.has_value());
  auto second = ParseImpactMap(ImpactMapToJson(*first).dump());
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(*first, *second);
}

TEST(ImpactMapJson, ReadsAndWritesWhatTheEditorRecords) {
  // A group's description, an input given in kind, where a quantity comes from and its sample size.
  const std::string text = Map(
      R"(, "quantity_source": "Members' survey, March", "sample_size": 42)",
      R"(, "stakeholders": [{"id": "members", "name": "Members", "description": "Older people who come weekly"}])");
  auto map = ParseImpactMap(text);
  ASSERT_TRUE(map.has_value());
  EXPECT_EQ(map->stakeholders.at(0).description, "Older people who come weekly");
  EXPECT_EQ(map->outcomes.at(0).quantity_source, "Members' survey, March");
  EXPECT_EQ(map->outcomes.at(0).sample_size, 42);
  EXPECT_FALSE(map->inputs.at(0).in_kind);
  Json j = ImpactMapToJson(*map);
  EXPECT_EQ(j["stakeholders"][0]["description"], "Older people who come weekly");
  EXPECT_EQ(j["outcomes"][0]["sample_size"], 42);
  EXPECT_FALSE(j["inputs"][0].contains("in_kind"));
  j["inputs"][0]["in_kind"] = true;
  auto again = ParseImpactMap(j.dump());
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->inputs.at(0).in_kind);
  EXPECT_EQ(ImpactMapToJson(*again)["inputs"][0]["in_kind"], true);
}

TEST(ImpactMapJsonErrors, SampleSizeIsAWholeNumber) {
  std::vector<FieldError> errors = ErrorsOf(Map(R"(, "sample_size": 2.5)"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "outcomes[0].sample_size");
  errors = ErrorsOf(Map(R"(, "sample_size": -1)"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "outcomes[0].sample_size");
}

TEST(Lm3Json, ReadsAndValidates) {
  auto good = ParseLm3Input(R"({"name": "Café", "income": 1000,
      "spend": [{"category": "wages", "amount": 500, "local_fraction": 0.5, "respend_local_fraction": 0.2}]})");
  ASSERT_TRUE(good.has_value());
  EXPECT_EQ(good->spend.at(0).category, "wages");

  auto bad =
      ParseLm3Input(R"({"income": 0, "spend": [{"category": "x", "amount": -1, "local_fraction": 2,
                              "respend_local_fraction": 0.1, "notes": ""}]})");
  ASSERT_FALSE(bad.has_value());
  const std::vector<FieldError> expected = {
      {"income", "must be greater than 0, got 0"},
      {"spend[0].amount", "must be between 0 and 1000000000000, got -1"},
      {"spend[0].local_fraction", "must be between 0 and 1, got 2"},
      {"spend[0].notes", "unknown field"},
  };
  EXPECT_EQ(bad.error().fields, expected);

  // Sums of three rounds stay finite: no income or amount beyond a trillion.
  auto huge = ParseLm3Input(R"({"income": 1e300, "spend": [{"category": "x", "amount": 1e300,
      "local_fraction": 1, "respend_local_fraction": 1}]})");
  ASSERT_FALSE(huge.has_value());
  EXPECT_EQ(huge.error().fields.at(0).path, "income");
  EXPECT_EQ(huge.error().fields.at(1).path, "spend[0].amount");
}

// CSV: the same rules, reported by row and column.
const char* kCsvHeader =
    "record,id,name,stakeholder,description,size,involvement,value,intended,indicator,quantity,"
    "duration_years,"
    "start_year,proxy_value,proxy_description,proxy_source,deadweight,displacement,attribution,"
    "drop_off,material,"
    "materiality_reason,kind,currency,discount_rate\n";

TEST(ImpactMapCsv, RoundTripsThroughTheExportFormat) {
  auto map = ParseImpactMap(Map(
      R"(, "deadweight": {"low": 0.1, "mode": 0.2, "high": 0.4}, "indicator": "a, \"quoted\" one")",
      R"(, "stakeholders": [{"id": "members", "name": "Members", "size": 40}])"));
  ASSERT_TRUE(map.has_value());
  auto again = ParseImpactMapCsv(ImpactMapToCsv(*map));
  ASSERT_TRUE(again.has_value()) << again.error().fields.at(0).path << ": "
                                 << again.error().fields.at(0).message;
  EXPECT_EQ(*map, *again);
}

TEST(ImpactMapCsv, ErrorsNameTheRowAndColumn) {
  const std::string csv =
      std::string(kCsvHeader) +
      "map,,Test,,,,,,,,,,,,,,,,,,,,forecast,GBP,0.035\n"
      "input,,,funder,grant,,,1000,,,,,,,,,,,,,,,,,\n"
      "outcome,o1,,members,Less isolated,,,,true,,60,2,,1200,,,1.5,,0.1..0.4..0.3,,true,,,,\n";
  auto map = ParseImpactMapCsv(csv);
  ASSERT_FALSE(map.has_value());
  const std::vector<FieldError> expected = {
      {"csv row 4, column deadweight", "must be between 0 and 1, got 1.5"},
      {"csv row 4, column attribution",
       "must have low <= mode <= high, got low 0.1, mode 0.4, high 0.3"},
  };
  EXPECT_EQ(map.error().fields, expected);
}

TEST(ImpactMapCsv, RejectsUnknownColumnsAndMisplacedCells) {
  auto unknown = ParseImpactMapCsv("record,id,colour\noutcome,o1,red\n");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().fields.at(0),
            (FieldError{"csv row 1, column colour", "unknown column"}));

  auto misplaced =
      ParseImpactMapCsv(std::string(kCsvHeader) + "input,,,f,grant,,,10,,,5,,,,,,,,,,,,,,\n");
  ASSERT_FALSE(misplaced.has_value());
  EXPECT_EQ(
      misplaced.error().fields.at(0),
      (FieldError{"csv row 2, column quantity", "is not used by input rows: leave it empty"}));
}

// Found by fuzz/api_router: a value bank CSV with a Windows-1252 byte in a
// cell failed with 500 (the proxy's stored JSON could not be written); every
// CSV import now refuses text that is not UTF-8, naming the row, as a JSON
// file is refused.
TEST(CsvRows, TextThatIsNotUtf8IsRefusedWithItsRow) {
  auto rows = ParseCsvRows("name,value,source\nWellbeing,1199,HAC\xB5\n");
  ASSERT_FALSE(rows.has_value());
  EXPECT_EQ(rows.error().fields.at(0),
            (FieldError{"csv row 2", "is not UTF-8 text: save the file as \"CSV UTF-8\""}));
  EXPECT_TRUE(ParseCsvRows("name,value,source\nCaf\xC3\xA9,1,HACT\n").has_value());

  auto map = ParseImpactMapCsv("record,id\noutcome,caf\xE9\n");
  ASSERT_FALSE(map.has_value());
  EXPECT_EQ(map.error().fields.at(0).path, "csv row 2");
}

TEST(ImpactMapCsv, MalformedQuotingIsAnError) {
  auto map = ParseImpactMapCsv("record,id\noutcome,\"o1\n");
  ASSERT_FALSE(map.has_value());
  EXPECT_EQ(map.error().fields.at(0).path, "csv row 2");
}

}  // namespace
}  // namespace valuemark::formats

namespace valuemark::formats {
namespace {

// Hardening: a map whose numbers would take any figure past what a double
// holds is refused, naming the field, instead of crashing an engine.
TEST(ImpactMapBounds, HugeQuantityAndProxyAreRefusedByField) {
  const std::string huge =
      R"({"name": "x", "inputs": [{"stakeholder": "f", "description": "g", "value": 1000}],
    "outcomes": [{"id": "o1", "stakeholder": "m", "quantity": 1e300, "duration_years": 1,
                  "proxy": {"value": 1e300}}]})";
  std::vector<FieldError> errors = ErrorsOf(huge);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].path, "outcomes[0].quantity");
  EXPECT_EQ(errors[0].message, "must be between 0 and 1000000000000, got 1e+300");
  EXPECT_EQ(errors[1].path, "outcomes[0].proxy.value");
  EXPECT_EQ(errors[1].message, "must be between -1000000000 and 1000000000, got 1e+300");
}

TEST(ImpactMapBounds, TheProductOfQuantityAndProxyIsChecked) {
  // Each factor is within its range; their product, at the top of the range, is not.
  ExpectOnly(R"({"name": "x", "inputs": [{"stakeholder": "f", "description": "g", "value": 1000}],
    "outcomes": [{"id": "o1", "stakeholder": "m", "quantity": {"low": 1, "high": 1e7}, "duration_years": 1,
                  "proxy": {"value": {"low": -2e6, "high": 5}}}]})",
             "outcomes[0].quantity",
             "quantity × proxy value reaches 2e+13 a year, more than the limit of 1e+12: check the "
             "units of the "
             "quantity and the proxy");
  // Just inside the limit is fine.
  EXPECT_TRUE(
      ParseImpactMap(
          std::string(
              R"({"name": "x", "inputs": [{"stakeholder": "f", "description": "g", "value": 1}],
    "outcomes": [{"id": "o1", "stakeholder": "m", "quantity": 1e6, "duration_years": 50,
                  "proxy": {"value": 1e6}}]})"))
          .has_value());
}

TEST(ImpactMapBounds, InputsAreZeroOrAtLeastAPennyAndBounded) {
  ExpectOnly(
      R"({"name": "x", "inputs": [{"stakeholder": "f", "description": "g", "value": {"low": 1e-300, "high": 5}}],
    "outcomes": [{"id": "o1", "stakeholder": "m", "quantity": 1, "duration_years": 1, "proxy": {"value": 1}}]})",
      "inputs[0].value", "must be 0 or at least 0.01 (a penny), got 1e-300");
  ExpectOnly(R"({"name": "x", "inputs": [{"stakeholder": "f", "description": "g", "value": 1e13}],
    "outcomes": [{"id": "o1", "stakeholder": "m", "quantity": 1, "duration_years": 1, "proxy": {"value": 1}}]})",
             "inputs[0].value", "must be between 0 and 1000000000000, got 10000000000000");
}

TEST(ImpactMapBounds, ANumberBeyondADoubleIsInvalidJsonNotACrash) {
  ExpectOnly(R"({"name": "x", "inputs": [], "outcomes": [{"quantity": 1e400}]})", "$",
             "invalid JSON: a number is too large to be represented (numbers must be below 1e308)");
}

}  // namespace
}  // namespace valuemark::formats
