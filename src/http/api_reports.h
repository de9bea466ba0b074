// The report routes (docs/api.md "Reports"): the social value report of a
// saved impact map as an HTML page and a PDF, and the map as an XLSX
// workbook, registered by Api::AddRoutes.
#pragma once

#include <string>

#include "app/accounts/organisations.h"
#include "app/measure/measure.h"
#include "http/api_helpers.h"

namespace valuemark::http {

// pdf_module: the PDF writer's module (report/pdf_module.h); "" for the one
// beside the running program.
// Every report is heavy work (api_helpers.h Heavy).
// The report gathers the map's organisation and scope beside the map.
void RegisterReportRoutes(const Routes& routes, app::MeasureService& measure,
                          app::OrganisationService& organisations, const std::string& pdf_module);

}  // namespace valuemark::http
