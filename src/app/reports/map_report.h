// What the social value report of a saved impact map shows beside the map
// itself (docs/api.md "Reports"): the organisation and scope it is of, the
// scope's impact management plan, the decisions of the organisation's log
// that cite the map, and the organisation's saved LM3 calculations. One use case gathers it with
// the authorisation of reading the map; report/platform_report.h lays it out.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/organisations.h"
#include "app/measure/measure.h"
#include "core/impact_map.h"

namespace valuemark::app {

struct MapReportData {
  RecordVersion record;  // the map version the report is of
  ImpactMap map;
  std::optional<Organisation> organisation;
  std::optional<Scope> scope;
  std::string plan_body;            // the scope's saved plan (JSON), "" when none
  std::vector<Decision> decisions;  // of the organisation's log, citing this map (any version)
  std::vector<Lm3Calculation> lm3;  // the organisation's saved LM3 calculations, each its latest
};

// The map at `version` (0: the latest) with what its report shows beside it.
Result<MapReportData> LoadMapReport(MeasureService& measure, OrganisationService& organisations,
                                    const Caller& caller, const std::string& map_id,
                                    int64_t version);

}  // namespace valuemark::app
