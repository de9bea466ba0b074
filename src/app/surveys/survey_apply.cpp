// Applying survey results to an impact map (docs/api.md "Surveys", issue 6
// "Results"): the figures of the chosen survey outcomes go into the chosen map
// outcomes as a new, evaluative version of the map, and the ids of the
// responses behind each figure are kept beside that version.
//
// The map body stays the impact-map file (docs/file-formats.md), whose unknown keys are errors, so
// the provenance is a record of its own: kind "impact_map_provenance", the map's id, the map's
// version. It lists every figure that came from a survey at that version, with the value it was
// given: a later version inherits an entry only while its figure still has that value, so a figure
// edited by hand no longer claims the survey.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "app/audit/chain.h"
#include "app/surveys/surveys.h"
#include "formats/impact_map_json.h"
#include "formats/json_reader.h"

namespace valuemark::app {
namespace {

constexpr char kImpactMap[] = "impact_map";
constexpr char kProvenance[] = "impact_map_provenance";

using nlohmann::json;

// The outcome of a map body, as JSON, by id (null when absent).
const json* OutcomeJson(const json& map, const std::string& id) {
  if (!map.contains("outcomes") || !map["outcomes"].is_array()) return nullptr;
  for (const json& o : map["outcomes"])
    if (o.is_object() && o.contains("id") && o["id"] == id) return &o;
  return nullptr;
}

// The entries of a provenance record whose figures the map body still has.
json StillValid(const json& provenance, const json& map) {
  json out = json::object();
  if (!provenance.is_object() || !provenance.contains("outcomes")) return out;
  for (const auto& [outcome_id, fields] : provenance["outcomes"].items()) {
    const json* o = OutcomeJson(map, outcome_id);
    if (!o) continue;
    for (const auto& [field, entry] : fields.items())
      if (o->contains(field) && entry.contains("value") && (*o)[field] == entry["value"])
        out[outcome_id][field] = entry;
  }
  return out;
}

// A provenance record's shape, read strictly before nlohmann touches it:
// {"outcomes": {outcome id: {field: {"value", "survey_id", "survey_title",
// "response_ids", "applied_at", "applied_by"}}}}.
Result<void> CheckProvenance(std::string_view body) {
  return formats::ReadStoredObject(
      body, "record of where a map's figures came from", [](formats::ObjectReader& j) {
        auto& errors = j.errors();
        j.Members(
            "outcomes", true,
            [&](std::string_view, formats::JsonValue fields, const std::string& outcome_path) {
              formats::ReadMembers(
                  fields, outcome_path, errors,
                  [&](std::string_view, formats::JsonValue entry, const std::string& path) {
                    formats::ObjectReader e(entry, path, errors);
                    if (!e.ok()) return;
                    if (!e.Has("value")) e.Report(path, "has no value");
                    e.String("survey_id", true);
                    e.String("survey_title", true);
                    e.String("applied_by", true);
                    e.Integer("applied_at", formats::kAnyInteger, true);
                    e.Array("response_ids", true, [&](auto id, const auto& at) {
                      if (!id.is_string()) e.Report(at, "must be a string");
                    });
                  });
            });
      });
}

// The newest provenance record at or before map version `version`, or null.
Result<json> ProvenanceAt(Transaction& tx, const std::string& org, const std::string& map_id,
                          int64_t version) {
  auto versions = TRY(tx.ListRecordVersions(org, kProvenance, map_id));
  int64_t best = 0;
  for (const RecordVersion& v : versions)
    if (v.version <= version) best = std::max(best, v.version);
  if (best == 0) return json(nullptr);
  auto rec = TRY(tx.FindRecord(org, kProvenance, map_id, best));
  if (!rec) return json(nullptr);
  TRY(CheckProvenance((rec)->body));
  return json::parse((rec)->body, nullptr, false);
}

Error NoMap() {
  return Error::Field(ErrorCode::kInvalidArgument, "impact_map_id",
                      "must be an impact map of the survey's organisation");
}

}  // namespace

Result<RecordVersion> SurveyService::ApplySurveyResults(const Caller& caller,
                                                        const std::string& survey_id,
                                                        const ApplyResultsInput& input) {
  if (input.impact_map_id.empty())
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "impact_map_id", "is required"));
  if (input.outcomes.empty())
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "outcomes",
                             "must map at least one survey outcome to an outcome of the map"));
  RecordVersion rec;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    auto c = TRY(LoadSurvey(tx, caller, survey_id, OrgAction::kRead));
    const std::string& org = c.record.organisation_id;
    auto map_org = TRY(tx.FindRecordOrganisation(kImpactMap, input.impact_map_id));
    if (!map_org || *map_org != org) return Fail(NoMap());
    TRY(Authorise(tx, caller, org, OrgAction::kContribute));
    auto latest = TRY(tx.FindRecord(org, kImpactMap, input.impact_map_id, 0));
    if (!latest) return Fail(NoMap());
    const RecordVersion& current = *latest;
    if (input.version && *input.version != current.version)
      return Fail(
          Error::Field(ErrorCode::kFailedPrecondition, "version",
                       fmt::format("someone else saved this map first (version {} is now {}): "
                                   "reload and try again",
                                   *input.version, current.version)));
    auto map = TRY(formats::ParseImpactMap(current.body));

    auto results = TRY(ComputeSurveyResults(tx, c.record, c.design, true));

    std::vector<FieldError> errors;
    std::vector<std::string> used_map_outcomes;
    struct Applied {
      std::string map_outcome, field;
      std::vector<std::string> response_ids;
    };
    std::vector<Applied> applied;
    for (const auto& [survey_outcome, map_outcome] : input.outcomes) {
      const std::string path = "outcomes." + survey_outcome;
      auto so = std::find_if(results.outcomes.begin(), results.outcomes.end(),
                             [&](const SurveyOutcomeResult& o) { return o.id == survey_outcome; });
      auto mo = std::find_if(map.outcomes.begin(), map.outcomes.end(),
                             [&](const Outcome& o) { return o.id == map_outcome; });
      if (so == results.outcomes.end()) {
        errors.push_back(
            {path, fmt::format("\"{}\" is not an outcome of this survey", survey_outcome)});
        continue;
      }
      if (mo == map.outcomes.end()) {
        errors.push_back({path, fmt::format("\"{}\" is not an outcome of the map", map_outcome)});
        continue;
      }
      if (std::find(used_map_outcomes.begin(), used_map_outcomes.end(), map_outcome) !=
          used_map_outcomes.end()) {
        errors.push_back(
            {path, fmt::format("map outcome \"{}\" is already given another survey outcome",
                               map_outcome)});
        continue;
      }
      used_map_outcomes.push_back(map_outcome);
      const size_t before = applied.size();
      // The same figures as the results' "impact_map" block.
      if (so->respondents > 0) {
        mo->quantity = Uncertain(Distribution{DistributionKind::kTriangular, so->quantity_low,
                                              so->quantity, so->quantity_high});
        applied.push_back({map_outcome, "quantity", so->respondent_ids});
      }
      auto estimate = [&](const Estimate& e, Uncertain& target, const char* field) {
        if (e.n == 0) return;
        target = Uncertain(std::clamp(e.mean, 0.0, 1.0));
        applied.push_back({map_outcome, field, e.response_ids});
      };
      estimate(so->deadweight, mo->deadweight, "deadweight");
      estimate(so->attribution, mo->attribution, "attribution");
      estimate(so->drop_off, mo->drop_off, "drop_off");
      if (so->duration.n > 0) {
        mo->duration_years =
            static_cast<int>(std::clamp<int64_t>(std::llround(so->duration.mean), 1, 50));
        applied.push_back({map_outcome, "duration_years", so->duration.response_ids});
      }
      if (applied.size() == before)
        errors.push_back({path, fmt::format("no response has measured \"{}\" yet: nothing to apply",
                                            survey_outcome)});
    }
    if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
    map.kind = MapKind::kEvaluative;

    rec = current;
    rec.version = current.version + 1;
    rec.body = formats::ImpactMapToJson(map).dump();
    rec.created_by = caller.user.id;
    rec.created_at = Now();
    // The new body must read back as a valid map before it is saved.
    TRY(formats::ParseImpactMap(rec.body));
    TRY(SaveRecordVersion(tx, caller, rec, rec.body));

    // Provenance: what still holds from earlier applications, then this one.
    auto earlier = TRY(ProvenanceAt(tx, org, rec.id, current.version));
    const json map_json = json::parse(rec.body, nullptr, false);
    json outcomes = StillValid(earlier, map_json);
    const int64_t applied_at = rec.created_at;
    for (const Applied& a : applied) {
      const json* o = OutcomeJson(map_json, a.map_outcome);
      outcomes[a.map_outcome][a.field] = {{"value", o ? (*o)[a.field] : json(nullptr)},
                                          {"survey_id", c.record.id},
                                          {"survey_title", c.design.title},
                                          {"response_ids", a.response_ids},
                                          {"applied_at", applied_at},
                                          {"applied_by", caller.user.id}};
    }
    RecordVersion prov{org,
                       kProvenance,
                       rec.id,
                       rec.version,
                       rec.scope_id,
                       rec.title,
                       json{{"outcomes", outcomes}}.dump(),
                       caller.user.id,
                       rec.created_at};
    TRY(CheckQuota(tx, org, {.bytes = static_cast<int64_t>(prov.body.size())}));
    TRY(tx.InsertRecordVersion(prov));
    json audit = {{"impact_map_id", rec.id},
                  {"impact_map_version", rec.version},
                  {"outcomes", json::object()}};
    for (const auto& [so, mo] : input.outcomes) audit["outcomes"][so] = mo;
    return AppendAuditEvent(
        tx, {caller.user.id, "survey.apply", "survey", c.record.id, org, audit.dump()}, Now());
  }));
  return rec;
}

Result<MapProvenance> SurveyService::GetImpactMapProvenance(const Caller& caller,
                                                            const std::string& map_id,
                                                            int64_t version) {
  MapProvenance out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto map = TRY(ReadMapVersion(tx, caller, map_id, version));
    out.map_id = map_id;
    out.version = map.version;
    auto prov = TRY(ProvenanceAt(tx, map.organisation_id, map_id, out.version));
    const json valid = StillValid(prov, json::parse(map.body, nullptr, false));
    for (const auto& [outcome_id, fields] : valid.items())
      for (const auto& [field, e] : fields.items()) {
        FigureSource s;
        s.survey_id = e.value("survey_id", "");
        s.survey_title = e.value("survey_title", "");
        s.response_ids = e.value("response_ids", std::vector<std::string>{});
        s.applied_by = e.value("applied_by", "");
        s.applied_at = e.value("applied_at", int64_t{0});
        out.outcomes[outcome_id][field] = std::move(s);
      }
    return {};
  }));
  return out;
}

}  // namespace valuemark::app
