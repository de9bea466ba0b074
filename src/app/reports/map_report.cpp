#include "app/reports/map_report.h"

namespace valuemark::app {

Result<MapReportData> LoadMapReport(MeasureService& measure, OrganisationService& organisations,
                                    const Caller& caller, const std::string& map_id,
                                    int64_t version) {
  MapReportData data;
  StoredImpactMap stored = TRY(measure.LoadImpactMap(caller, map_id, version));
  data.record = std::move(stored.record);
  data.map = std::move(stored.map);
  const std::string& org_id = data.record.organisation_id;
  if (auto org = organisations.GetOrganisation(caller, org_id)) data.organisation = std::move(*org);
  if (!data.record.scope_id.empty())
    if (auto scope = organisations.GetScope(caller, org_id, data.record.scope_id))
      data.scope = std::move(*scope);
  if (data.scope)
    if (auto plan = measure.GetPlan(caller, org_id, data.scope->id, 0); plan && plan->version > 0)
      data.plan_body = std::move(plan->body);
  for (Decision& d : TRY(measure.ListDecisions(caller, org_id)))
    if (d.impact_map_id == data.record.id) data.decisions.push_back(std::move(d));
  data.lm3 = TRY(measure.ListLm3(caller, org_id));
  return data;
}

}  // namespace valuemark::app
