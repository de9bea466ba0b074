#include "report/report.h"

#include <fmt/format.h>
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
  ReportSection theory;
  theory.title = "Theory of change";
  theory.paragraphs = {"Lunch leads to friendship."};
  theory.table_header = {"Step", "Evidence"};
  theory.table_rows = {{"Lunch", "Register"}};
  in.extra_sections.push_back(theory);
  const std::string html = RenderHtmlReport(in);
  const size_t extra = html.find("<h2 id=\"theory-of-change\">Theory of change</h2>");
  ASSERT_NE(extra, std::string::npos);
  EXPECT_LT(extra, html.find("<h2 id=\"assurance-statement\">Assurance statement</h2>"));
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

// The lunch club with two outcomes of a group the map does not list: two
// errors of the principles check.
ReportInput WithTwoErrors() {
  auto map = formats::ParseImpactMap(ReadFile(VALUEMARK_SOURCE_DIR "/examples/lunch-club.json"));
  EXPECT_TRUE(map.has_value());
  map->outcomes[0].stakeholder = "nobody";
  map->outcomes[1].stakeholder = "nobody";
  map->period = "April 2025 to March 2026";
  ReportInput in = BuildReportInput(*map);
  in.context = {"Healthy Ageing CIC", "Lunch club", "5 Dec 2026"};
  return in;
}

TEST(Report, TheCoverNamesWhoseAnalysisItIsAndWhen) {
  const ReportDocument doc = BuildReportDocument(WithTwoErrors());
  const auto* line = std::get_if<Paragraph>(&doc.cover.front());
  ASSERT_NE(line, nullptr);
  EXPECT_EQ(line->text,
            "Healthy Ageing CIC \u00b7 Lunch club \u00b7 Period: April 2025 to March 2026 \u00b7 "
            "Analysis of 5 Dec 2026");
  // Without a context (the command line's file), only what the map says.
  const ReportDocument bare = BuildReportDocument(Example("lunch-club.json"));
  EXPECT_EQ(std::get_if<Paragraph>(&bare.cover.front()), nullptr);  // the figures come first
}

TEST(Report, TheCoverSaysHowManyErrorsStandBesideTheRatioAndWhere) {
  const ReportInput in = WithTwoErrors();
  const ReportDocument doc = BuildReportDocument(in);
  // Beside the figures, before the verification notice.
  ASSERT_GE(doc.cover.size(), 4u);
  ASSERT_TRUE(std::holds_alternative<Figures>(doc.cover[1]));
  const auto* errors = std::get_if<Notice>(&doc.cover[2]);
  ASSERT_NE(errors, nullptr);
  EXPECT_EQ(errors->title, "2 errors in this analysis");
  EXPECT_EQ(errors->page_of, "Principles check");

  // The web page links to the section.
  const std::string html = RenderHtmlReport(in);
  EXPECT_NE(html.find("relied on: see <a href=\"#principles-check\">Principles check</a> below"),
            std::string::npos);
  EXPECT_NE(html.find("<h2 id=\"principles-check\">"), std::string::npos);

  // The PDF gives the page the section is on.
  const std::filesystem::path pdf = TempPath("errors.pdf");
  ASSERT_TRUE(WritePdfReport(doc, pdf.string()).has_value());
  const std::string text = RunCommand("pdftotext " + pdf.string() + " -");
  std::filesystem::remove(pdf);
  int page = 1, section_page = 0;
  size_t start = 0;
  while (start < text.size() && section_page == 0) {
    const size_t end = std::min(text.find('\f', start), text.size());
    if (text.substr(start, end - start).find("\nPrinciples check\n") != std::string::npos)
      section_page = page;
    ++page;
    start = end + 1;
  }
  ASSERT_GT(section_page, 1);
  EXPECT_NE(text.find("2 errors in this analysis"), std::string::npos) << text.substr(0, 800);
  EXPECT_NE(text.find(fmt::format("on: page {}\n", section_page)), std::string::npos)
      << text.substr(0, 800);
  EXPECT_EQ(Count(text.substr(0, text.find('\f')), "Healthy Ageing CIC"), 1u);

  // A map without errors has no such notice.
  for (const Block& b : BuildReportDocument(Example("lunch-club.json")).cover) {
    if (const auto* n = std::get_if<Notice>(&b)) {
      EXPECT_NE(n->kind, Notice::Kind::kErrors);
    }
  }
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
