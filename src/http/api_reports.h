// The report routes (docs/api.md "Reports"): the social value report of a
// saved impact map as an HTML page and a PDF, and the map as an XLSX
// workbook, registered by Api::AddRoutes.
#pragma once

#include <string>

#include "app/platform.h"
#include "http/api_helpers.h"

namespace valuemark::http {

// pdf_module: the PDF writer's module (report/pdf_module.h); "" for the one
// beside the running program.
// Every report is heavy work (api_helpers.h Heavy).
void RegisterReportRoutes(const Routes& routes, app::Platform& platform,
                          const std::string& pdf_module);

}  // namespace valuemark::http
