// The report as one self-contained HTML page (inline CSS, inline SVG charts,
// no scripts, no external resources), accessible: one h1, section headings,
// table headers with scope, charts with a title and a description.
#pragma once

#include <string>

#include "report/report.h"

namespace valuemark::report {

std::string RenderHtmlReport(const ReportInput& input);

}  // namespace valuemark::report
