// The social value report of an impact map (docs/cli.md `valuemark report`): what
// goes into it, decided once, for the PDF and the HTML renderers.
//
// A report is built from a ReportInput: the map, the engines' results and any
// extra sections. The command line fills only the map's part; the platform
// adds its own sections (stakeholder map, theory of change, decisions ...)
// through `extra_sections` without touching the renderers.
// Pure functions; thread-safe; no I/O (the renderers write files).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/impact_map.h"
#include "core/lint.h"
#include "core/montecarlo.h"
#include "core/sensitivity.h"
#include "core/sroi.h"

namespace valuemark::report {

// A section the caller adds after the analysis and before the assurance
// statement: paragraphs, then an optional table.
struct ReportSection {
  std::string title;
  std::vector<std::string> paragraphs;
  std::vector<std::string> table_header;
  std::vector<std::vector<std::string>> table_rows;
  std::vector<bool> table_numeric;  // right-aligned columns (figures)
};

struct ReportOptions {
  // Fixed defaults so that the same map gives the same report (docs/methodology.md §3).
  int64_t draws = 10000;
  uint64_t seed = 1;
  double sensitivity_delta = kDefaultSensitivityDelta;
};

// Whose analysis it is, for the cover (the platform knows; the command line
// may not): each "" when not known.
struct ReportContext {
  std::string organisation;
  std::string scope;          // the programme, service or project
  std::string analysis_date;  // the day the map version was saved, as people write it
};

struct ReportInput {
  ImpactMap map;
  ReportContext context;
  SroiResult sroi;
  SensitivityResult sensitivity;
  double sensitivity_delta = kDefaultSensitivityDelta;
  MonteCarloResult montecarlo;
  std::vector<double> ratio_draws;  // for the histogram; any order
  std::vector<Finding> findings;
  std::vector<ReportSection> extra_sections;
};

// Runs the engines (§1, §2, §3, §5) on a valid map.
ReportInput BuildReportInput(ImpactMap map, const ReportOptions& options = {});

}  // namespace valuemark::report
