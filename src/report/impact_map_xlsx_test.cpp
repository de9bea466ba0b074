#include "report/impact_map_xlsx.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "formats/impact_map_json.h"
#include "report/xlsx_test_util.h"

namespace valuemark::report {
namespace {

using testing::CellValue;
using testing::MakeWorkbook;
using testing::ReadFile;
using testing::Rows;
using testing::TempPath;
using testing::TestSheet;

ImpactMap ExportAndImport(const ImpactMap& map) {
  const std::filesystem::path path = TempPath("round_trip.xlsx");
  auto written = WriteImpactMapXlsx(map, path.string());
  EXPECT_TRUE(written.has_value());
  auto read = ParseImpactMapXlsx(ReadFile(path), path.string());
  std::filesystem::remove(path);
  if (!read) {
    for (const FieldError& e : read.error().fields) ADD_FAILURE() << e.path << ": " << e.message;
    return {};
  }
  return *read;
}

// Field by field, so that a failure names what was lost.
void ExpectSameMap(const ImpactMap& want, const ImpactMap& got) {
  EXPECT_EQ(want.name, got.name);
  EXPECT_EQ(want.kind, got.kind);
  EXPECT_EQ(want.currency, got.currency);
  EXPECT_EQ(want.discount_rate, got.discount_rate);
  EXPECT_EQ(want.verification, got.verification);
  ASSERT_EQ(want.stakeholders.size(), got.stakeholders.size());
  for (size_t i = 0; i < want.stakeholders.size(); ++i) {
    EXPECT_EQ(want.stakeholders[i].id, got.stakeholders[i].id) << "stakeholder " << i;
    EXPECT_EQ(want.stakeholders[i].name, got.stakeholders[i].name) << "stakeholder " << i;
    EXPECT_EQ(want.stakeholders[i].size, got.stakeholders[i].size) << "stakeholder " << i;
    EXPECT_EQ(want.stakeholders[i].involvement, got.stakeholders[i].involvement)
        << "stakeholder " << i;
  }
  ASSERT_EQ(want.inputs.size(), got.inputs.size());
  for (size_t i = 0; i < want.inputs.size(); ++i) {
    EXPECT_EQ(want.inputs[i].stakeholder, got.inputs[i].stakeholder) << "input " << i;
    EXPECT_EQ(want.inputs[i].description, got.inputs[i].description) << "input " << i;
    EXPECT_EQ(want.inputs[i].value, got.inputs[i].value) << "input " << i;
  }
  ASSERT_EQ(want.outcomes.size(), got.outcomes.size());
  for (size_t i = 0; i < want.outcomes.size(); ++i) {
    const Outcome& w = want.outcomes[i];
    const Outcome& g = got.outcomes[i];
    EXPECT_EQ(w.id, g.id) << "outcome " << i;
    EXPECT_EQ(w.stakeholder, g.stakeholder) << w.id;
    EXPECT_EQ(w.description, g.description) << w.id;
    EXPECT_EQ(w.intended, g.intended) << w.id;
    EXPECT_EQ(w.indicator, g.indicator) << w.id;
    EXPECT_EQ(w.quantity, g.quantity) << w.id;
    EXPECT_EQ(w.duration_years, g.duration_years) << w.id;
    EXPECT_EQ(w.start_year, g.start_year) << w.id;
    EXPECT_EQ(w.proxy, g.proxy) << w.id;
    for (Parameter p : kAllParameters)
      EXPECT_EQ(Get(w, p), Get(g, p)) << w.id << " " << ParameterName(p);
    EXPECT_EQ(w.material, g.material) << w.id;
    EXPECT_EQ(w.materiality_reason, g.materiality_reason) << w.id;
  }
  EXPECT_EQ(want, got);  // and nothing the checks above forgot
}

TEST(ImpactMapXlsx, EveryExampleSurvivesTheRoundTrip) {
  int examples = 0;
  for (const auto& entry : std::filesystem::directory_iterator(VALUEMARK_SOURCE_DIR "/examples")) {
    if (entry.path().extension() != ".json" ||
        entry.path().filename().string().find("lm3") != std::string::npos)
      continue;
    SCOPED_TRACE(entry.path().filename().string());
    auto map = formats::ParseImpactMap(ReadFile(entry.path()));
    ASSERT_TRUE(map.has_value());
    ExpectSameMap(*map, ExportAndImport(*map));
    ++examples;
  }
  EXPECT_GE(examples, 3);
}

TEST(ImpactMapXlsx, EveryFieldAndEveryKindOfUncertaintySurvives) {
  ImpactMap map;
  map.name = "Every field \"quoted\" & <escaped>, with a line\nbreak";
  map.kind = MapKind::kEvaluative;
  map.currency = "EUR";
  map.discount_rate = 0;
  map.verification = Verification{"Jo Bloggs, Assurance Ltd", "2025-11-14"};
  map.stakeholders = {{"s1", "Group one", 12.5, "Survey", std::nullopt},
                      {"s2", "", std::nullopt, std::nullopt, std::nullopt}};
  map.inputs = {{"s1", "grant", Uncertain(Distribution{DistributionKind::kUniform, 100, 0, 300})},
                {"", "", 0.1 + 0.2}};
  Outcome o;
  o.id = "12";  // looks like a number, stays text
  o.stakeholder = "s2";
  o.description = "Negative, unintended, immaterial";
  o.intended = false;
  o.material = false;
  o.materiality_reason = "Too small";
  o.quantity = Uncertain(Distribution{DistributionKind::kTriangular, 1, 2.5, 7});
  o.duration_years = 50;
  o.start_year = 3;
  o.proxy = {Uncertain(Distribution{DistributionKind::kTriangular, -1200, -900, -600}),
             std::nullopt, "src"};
  o.deadweight = Uncertain(Distribution{DistributionKind::kUniform, 0, 0, 1});
  o.displacement = 1.0 / 3;
  o.attribution = Uncertain(Distribution{DistributionKind::kTriangular, 0.1, 0.1, 0.1});
  o.drop_off = Uncertain(Distribution{DistributionKind::kUniform, 0.25, 0, 0.25});
  map.outcomes.push_back(o);
  Outcome plain;
  plain.id = "plain";
  plain.stakeholder = "unlisted";
  plain.quantity = 3;
  plain.proxy.value = 1e-7;
  map.outcomes.push_back(plain);
  ExpectSameMap(map, ExportAndImport(map));
}

// A small valid workbook that the tests below spoil one cell at a time.
std::vector<TestSheet> GoodSheets() {
  const std::vector<CellValue> header = {"Stakeholder",
                                         "Outcome id",
                                         "Outcome (what changes)",
                                         "Intended",
                                         "Material",
                                         "Materiality reason",
                                         "Indicator",
                                         "Quantity",
                                         "Duration (years)",
                                         "Outcomes start (year)",
                                         "Financial proxy",
                                         "Proxy value",
                                         "Proxy source",
                                         "Deadweight",
                                         "Displacement",
                                         "Attribution",
                                         "Drop-off",
                                         "Impact",
                                         "Year 1",
                                         "Present value"};
  return {
      {"Map", Rows{{"Setting", "Value"},
                   {"Name", "Test map"},
                   {"Kind", "forecast"},
                   {"Currency", "GBP"},
                   {"Discount rate", 0.035}}},
      {"Stakeholders", Rows{{"Id", "Name", "Number in group", "Involvement"},
                            {"members", "Members", 100.0, "survey"}}},
      {"Inputs",
       Rows{{"No.", "Stakeholder", "Description", "Value"}, {1.0, "council", "grant", 10000.0}}},
      {"Outcomes", Rows{{"Value Map: Test map"},
                        {},
                        header,
                        {"members",
                         "less-isolated",
                         "Less isolated",
                         true,
                         true,
                         "main",
                         "score",
                         60.0,
                         2.0,
                         1.0,
                         "wellbeing",
                         1200.0,
                         "study",
                         0.2,
                         0.0,
                         0.25,
                         0.5,
                         1.0,
                         2.0,
                         3.0},
                        {"members", "eat-well", "Eat well", true, true, "r", "meals", 40.0, 1.0,
                         1.0, "meal", 480.0, "cost", 0.3, 0.0, 0.1, 0.0},
                        {},
                        {"Totals", {}, {}, {}, {}, {}, {}, "not read"}}},
      {"Uncertainty", Rows{{"Sheet", "Id", "Parameter", "Low", "Mode", "High"},
                           {"Outcomes", "less-isolated", "quantity", 40.0, 60.0, 80.0}}},
  };
}

TestSheet& Sheet(std::vector<TestSheet>& sheets, const std::string& name) {
  for (TestSheet& s : sheets)
    if (s.name == name) return s;
  throw std::logic_error("no sheet " + name);
}

std::vector<FieldError> Errors(const std::vector<TestSheet>& sheets) {
  auto map = ParseImpactMapXlsx(MakeWorkbook(sheets), "map.xlsx");
  if (map) return {};
  return map.error().fields;
}

TEST(ImpactMapXlsx, TheTestWorkbookIsValid) {
  auto map = ParseImpactMapXlsx(MakeWorkbook(GoodSheets()), "map.xlsx");
  ASSERT_TRUE(map.has_value()) << map.error().fields.front().path << ": "
                               << map.error().fields.front().message;
  ASSERT_EQ(map->outcomes.size(), 2u);
  EXPECT_EQ(map->outcomes[0].quantity,
            Uncertain(Distribution{DistributionKind::kTriangular, 40, 60, 80}));
  EXPECT_EQ(map->outcomes[1].deadweight, Uncertain(0.3));
  EXPECT_EQ(map->stakeholders[0].size, 100);
  EXPECT_EQ(map->inputs[0].value, Uncertain(10000));
}

TEST(ImpactMapXlsx, TextInANumberColumnNamesTheCell) {
  auto sheets = GoodSheets();
  Sheet(sheets, "Outcomes").rows[4][7] = "sixty";
  EXPECT_EQ(Errors(sheets),
            (std::vector<FieldError>{
                {"Outcomes!H5",
                 "quantity must be a number (or a range such as 40..60..80), got \"sixty\""}}));
}

TEST(ImpactMapXlsx, DeadweightOutOfRangeNamesTheCell) {
  auto sheets = GoodSheets();
  Sheet(sheets, "Outcomes").rows[4][13] = 1.5;
  EXPECT_EQ(
      Errors(sheets),
      (std::vector<FieldError>{{"Outcomes!N5", "deadweight must be between 0 and 1, got 1.5"}}));
}

TEST(ImpactMapXlsx, MissingRequiredColumn) {
  auto sheets = GoodSheets();
  Sheet(sheets, "Outcomes").rows[2][7] = std::monostate{};
  EXPECT_EQ(Errors(sheets),
            (std::vector<FieldError>{{"Outcomes!3:3", "missing column \"Quantity\" (required)"}}));
}

TEST(ImpactMapXlsx, UnknownColumn) {
  auto sheets = GoodSheets();
  Sheet(sheets, "Stakeholders").rows[0].push_back("Colour");
  EXPECT_EQ(Errors(sheets),
            (std::vector<FieldError>{{"Stakeholders!E1", "unknown column \"Colour\""}}));
}

TEST(ImpactMapXlsx, MissingSheet) {
  auto sheets = GoodSheets();
  std::erase_if(sheets, [](const TestSheet& s) { return s.name == "Inputs"; });
  EXPECT_EQ(
      Errors(sheets),
      (std::vector<FieldError>{
          {"Inputs", "sheet is missing (leave it with only its header if there are no inputs)"}}));
}

TEST(ImpactMapXlsx, UnknownSheet) {
  auto sheets = GoodSheets();
  Sheet(sheets, "Stakeholders").name = "Stakeholdrs";
  EXPECT_EQ(
      Errors(sheets),
      (std::vector<FieldError>{
          {"Stakeholdrs",
           "unknown sheet (the sheets are Map, Stakeholders, Inputs, Outcomes and Uncertainty)"}}));
}

TEST(ImpactMapXlsx, DuplicateOutcomeIdNamesBothCells) {
  auto sheets = GoodSheets();
  Sheet(sheets, "Outcomes").rows[4][1] = "less-isolated";
  EXPECT_EQ(Errors(sheets),
            (std::vector<FieldError>{
                {"Outcomes!B5", "duplicate id \"less-isolated\" (first used at Outcomes!B4)"}}));
}

TEST(ImpactMapXlsx, NotAZipFile) {
  auto map = ParseImpactMapXlsx("name,value\n", "map.xlsx");
  ASSERT_FALSE(map.has_value());
  EXPECT_EQ(map.error().fields,
            (std::vector<FieldError>{{"map.xlsx", "is not an XLSX workbook (not a zip file)"}}));
}

TEST(ImpactMapXlsx, ZipWithoutAWorkbook) {
  auto map = ParseImpactMapXlsx(testing::MakeZip({{"hello.txt", "hello"}}), "map.xlsx");
  ASSERT_FALSE(map.has_value());
  EXPECT_EQ(map.error().fields,
            (std::vector<FieldError>{
                {"map.xlsx", "is not an XLSX workbook (no xl/workbook.xml in the zip file)"}}));
}

TEST(ImpactMapXlsx, SettingOutOfRange) {
  auto sheets = GoodSheets();
  Sheet(sheets, "Map").rows[4][1] = 1.0;
  EXPECT_EQ(Errors(sheets),
            (std::vector<FieldError>{
                {"Map!B5", "discount_rate must be at least 0 and less than 1, got 1"}}));
}

TEST(ImpactMapXlsx, EmptyRequiredCell) {
  auto sheets = GoodSheets();
  Sheet(sheets, "Outcomes").rows[4][11] = std::monostate{};
  EXPECT_EQ(Errors(sheets), (std::vector<FieldError>{{"Outcomes!L5", "proxy value is required"}}));
}

TEST(ImpactMapXlsx, UncertaintyOutOfOrderNamesTheUncertaintyRow) {
  auto sheets = GoodSheets();
  Sheet(sheets, "Uncertainty").rows[1][3] = 70.0;
  Sheet(sheets, "Uncertainty").rows[1][4] = 65.0;
  Sheet(sheets, "Outcomes").rows[3][7] = 65.0;
  EXPECT_EQ(Errors(sheets),
            (std::vector<FieldError>{
                {"Uncertainty!D2",
                 "quantity must have low <= mode <= high, got low 70, mode 65, high 80"}}));
}

TEST(ImpactMapXlsx, UncertaintyThatDisagreesWithItsCell) {
  auto sheets = GoodSheets();
  Sheet(sheets, "Outcomes").rows[3][7] = 70.0;
  EXPECT_EQ(Errors(sheets),
            (std::vector<FieldError>{{"Outcomes!H4",
                                      "quantity 70 does not match its range on Uncertainty row 2 "
                                      "(mode 60): change one of them"}}));
}

// Found by fuzz_impact_map_xlsx: Mode is an optional column, and a sheet
// without it read a column position that was never found.
TEST(ImpactMapXlsx, UncertaintyWithoutAModeColumnIsAUniformRange) {
  auto sheets = GoodSheets();
  for (auto& row : Sheet(sheets, "Uncertainty").rows) row.erase(row.begin() + 4);
  auto map = ParseImpactMapXlsx(MakeWorkbook(sheets), "map.xlsx");  // quantity 60: the midpoint
  ASSERT_TRUE(map.has_value()) << map.error().fields.front().message;
  EXPECT_EQ(map->outcomes[0].quantity,
            Uncertain(Distribution{DistributionKind::kUniform, 40, 0, 80}));
  Sheet(sheets, "Outcomes").rows[3][7] = 65.0;
  EXPECT_EQ(Errors(sheets),
            (std::vector<FieldError>{{"Outcomes!H4",
                                      "quantity 65 does not match its range on Uncertainty row 2 "
                                      "(midpoint 60): change one of them"}}));
}

TEST(ImpactMapXlsx, UncertaintyForAnUnknownOutcome) {
  auto sheets = GoodSheets();
  Sheet(sheets, "Uncertainty").rows[1][1] = "less-isolatd";
  EXPECT_EQ(
      Errors(sheets),
      (std::vector<FieldError>{
          {"Uncertainty!B2", "no outcome has the id \"less-isolatd\" on the Outcomes sheet"}}));
}

TEST(ImpactMapXlsx, EveryProblemIsListed) {
  auto sheets = GoodSheets();
  Sheet(sheets, "Outcomes").rows[3][13] = 1.5;
  Sheet(sheets, "Outcomes").rows[4][8] = 2.5;
  Sheet(sheets, "Inputs").rows[1][3] = -5.0;
  EXPECT_EQ(
      Errors(sheets),
      (std::vector<FieldError>{
          {"Inputs!D2", "value must be between 0 and 1000000000000, got -5"},
          {"Outcomes!N4", "deadweight must be between 0 and 1, got 1.5"},
          {"Outcomes!I5", "duration_years must be a whole number between 1 and 50, got 2.5"}}));
}

TEST(ImpactMapXlsx, DatesTypedAsDatesBecomeIsoDates) {
  auto sheets = GoodSheets();
  Sheet(sheets, "Map").rows.push_back({"Verified by", "Assurance Ltd"});
  Sheet(sheets, "Map").rows.push_back({"Verification date", 45975.0});
  auto map = ParseImpactMapXlsx(MakeWorkbook(sheets), "map.xlsx");
  ASSERT_TRUE(map.has_value());
  ASSERT_TRUE(map->verification.has_value());
  EXPECT_EQ(map->verification->date, "2025-11-14");
}

TEST(ImpactMapXlsx, AnUnwritablePathIsAnError) {
  ImpactMap map;
  auto written = WriteImpactMapXlsx(map, "/nonexistent-dir/map.xlsx");
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().fields.front().path, "/nonexistent-dir/map.xlsx");
}

}  // namespace
}  // namespace valuemark::report
