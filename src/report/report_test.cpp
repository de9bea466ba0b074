#include "report/report.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "formats/impact_map_json.h"
#include "report/document.h"
#include "report/html_report.h"
#include "report/pdf_report.h"
#include "report/xlsx_test_util.h"

namespace valuemark::report {
namespace {

using testing::ReadFile;
using testing::TempPath;

ReportInput Example(const std::string& name) {
  auto map =
      formats::ParseImpactMap(ReadFile(std::string(VALUEMARK_SOURCE_DIR "/examples/") + name));
  EXPECT_TRUE(map.has_value());
  return BuildReportInput(*map);
}

std::string RunCommand(const std::string& command) {
  std::string out;
  std::FILE* p = popen(command.c_str(), "r");
  if (!p) return out;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, p)) > 0;) out.append(buffer, n);
  pclose(p);
  return out;
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1))
    ++n;
  return n;
}

TEST(Report, TheSameMapGivesTheSameReport) {
  EXPECT_EQ(RenderHtmlReport(Example("lunch-club.json")),
            RenderHtmlReport(Example("lunch-club.json")));
}

TEST(Report, HtmlHasTheRatioTheChartsAndTheirDescriptions) {
  const std::string html = RenderHtmlReport(Example("lunch-club.json"));
  EXPECT_NE(html.find("\u00a32.56 per \u00a31 invested"), std::string::npos);
  EXPECT_NE(html.find("2.56 : 1"), std::string::npos);
  EXPECT_EQ(Count(html, "<svg "), 4u);  // by stakeholder, by year, tornado, histogram
  EXPECT_EQ(Count(html, "role=\"img\""), 4u);
  EXPECT_EQ(Count(html, "<desc id="), 4u);
  EXPECT_EQ(Count(html, "<h1>"), 1u);
  EXPECT_NE(html.find("<th scope=\"col\">"), std::string::npos);
  EXPECT_NE(html.find("NOT VERIFIED"), std::string::npos);
  EXPECT_NE(html.find("probability that the ratio is above 1 : 1"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));  // nothing fetched
}

TEST(Report, AVerificationRecordIsShownButNotTakenAsProof) {
  const std::string html = RenderHtmlReport(Example("employment-support.json"));
  EXPECT_EQ(html.find("NOT VERIFIED"), std::string::npos);
  EXPECT_NE(html.find("Verification recorded"), std::string::npos);
  EXPECT_NE(html.find("Only a ValueMark award verifies"), std::string::npos);
}

TEST(Report, ExtraSectionsComeBeforeTheAssuranceStatement) {
  ReportInput in = Example("lunch-club.json");
  in.extra_sections.push_back({"Theory of change",
                               {"Lunch leads to friendship."},
                               {"Step", "Evidence"},
                               {{"Lunch", "Register"}}});
  const std::string html = RenderHtmlReport(in);
  const size_t extra = html.find("<h2>Theory of change</h2>");
  ASSERT_NE(extra, std::string::npos);
  EXPECT_LT(extra, html.find("<h2>Assurance statement</h2>"));
  EXPECT_NE(html.find("<th scope=\"row\">Lunch</th><td>Register</td>"), std::string::npos);
}

TEST(Report, PdfHasTheHeadlineTheSectionsAndTheVerificationMark) {
  const std::filesystem::path pdf = TempPath("report.pdf");
  auto written = WritePdfReport(BuildReportDocument(Example("lunch-club.json")), pdf.string());
  ASSERT_TRUE(written.has_value()) << written.error().fields.front().message;
  const std::string text = RunCommand("pdftotext -layout " + pdf.string() + " -");
  for (const char* expected :
       {"2.56 : 1", "\u00a32.56 per \u00a31", "NOT VERIFIED", "Summary",
        "Stakeholders and how they were involved", "Outcomes, indicators and financial proxies",
        "Impact map", "Social return", "Sensitivity", "Uncertainty (Monte Carlo)", "Materiality",
        "Principles check", "Assurance statement", "Page 2"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected;

  const std::filesystem::path png = TempPath("page");
  RunCommand("pdftoppm -r 20 -f 1 -l 1 -png " + pdf.string() + " " + png.string());
  std::filesystem::path page1 = png.string() + "-1.png";
  if (!std::filesystem::exists(page1)) page1 = png.string() + "-01.png";
  ASSERT_TRUE(std::filesystem::exists(page1));
  EXPECT_GT(std::filesystem::file_size(page1), 1000u);
  std::filesystem::remove(page1);
  std::filesystem::remove(pdf);
}

TEST(Report, PdfToAnUnwritablePathIsAnError) {
  auto written =
      WritePdfReport(BuildReportDocument(Example("lunch-club.json")), "/nonexistent-dir/r.pdf");
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().fields.front().path, "/nonexistent-dir/r.pdf");
}

TEST(Report, HistogramCountsEveryDraw) {
  const ReportInput in = Example("employment-support.json");
  const ReportDocument doc = BuildReportDocument(in);
  double counted = -1;
  for (const Block& b : doc.body)
    if (const Chart* c = std::get_if<Chart>(&b); c && c->kind == Chart::Kind::kHistogram) {
      counted = 0;
      for (const Bar& bar : c->bars) counted += bar.value;
    }
  EXPECT_EQ(counted, static_cast<double>(in.ratio_draws.size()));
  EXPECT_EQ(in.ratio_draws.size(), 10000u);
}

}  // namespace
}  // namespace valuemark::report
