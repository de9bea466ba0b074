// The report as a sequence of blocks (headings, paragraphs, tables, charts,
// notices), decided once from a ReportInput; the PDF and HTML renderers only
// lay the blocks out. Numbers are already formatted for reading here.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "report/charts.h"
#include "report/report.h"

namespace valuemark::report {

struct Heading {
  int level = 1;  // 1: a section, 2: a subsection
  std::string text;
};

struct Paragraph {
  std::string text;
};

struct Table {
  std::string caption;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<double> widths;  // relative column widths
  std::vector<bool> numeric;   // right-aligned columns
  enum class Size { kNormal, kSmall, kTiny };
  Size size = Size::kNormal;  // long texts and wide tables in a smaller type
};

// Headline figures shown as tiles: label and value.
struct Figures {
  std::vector<std::pair<std::string, std::string>> items;
};

struct Notice {
  enum class Kind { kNotVerified, kVerified, kInfo, kErrors };
  Kind kind = Kind::kInfo;
  std::string title;
  std::string text;
  // A section (a level-1 heading's text) the notice points to: the PDF adds
  // its page (": page 5"), the web page a link to it.
  std::string page_of;
};

struct PageBreak {};

using Block = std::variant<Heading, Paragraph, Table, Figures, Notice, Chart, PageBreak>;

struct ReportDocument {
  std::string title;         // the map's name
  std::string subtitle;      // "Forecast social return on investment (SROI) report"
  std::string cover_facts;   // kind, currency, discount rate
  std::vector<Block> cover;  // the first page, after the title
  std::vector<Block> body;
};

ReportDocument BuildReportDocument(const ReportInput& input);

}  // namespace valuemark::report
