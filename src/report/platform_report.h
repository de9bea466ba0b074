// The social value report of a saved impact map as the platform serves it
// (GET /impact-maps/{id}/report.html and .pdf): the content of `valuemark
// report` (report.h) with the sections only the platform has.
#pragma once
#include "app/reports/map_report.h"
#include "report/report.h"

namespace valuemark::report {

// The map's own report and, after it: the organisation and scope, the
// scope's stakeholder map, theory of change and materiality decisions (each
// only when its plan has some), and the decisions that cite the map. The
// map's verification field stays the only verification: the "NOT VERIFIED"
// mark is the document's to decide.
ReportInput BuildPlatformReportInput(app::MapReportData data);

}  // namespace valuemark::report
