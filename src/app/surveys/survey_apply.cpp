// Applying survey results to an impact map (docs/api.md "Surveys"): the
// figures of the chosen survey outcomes go into the chosen outcomes of a copy
// of the map, saved as a new evaluative map linked to it (the map itself never
// changes, so a forecast can always be set beside its evaluation), and the ids
// of the responses behind each figure are kept beside that evaluation. A
// preview computes the same without saving: each figure old → new, the ratio
// before and after, and the warnings a person should see first.
//
// The map body stays the impact-map file (docs/file-formats.md), whose unknown keys are errors, so
// the provenance is a record of its own: kind "impact_map_provenance", the map's id, the map's
// version. It lists every figure that came from a survey at that version, with the value it was
// given: a later version inherits an entry only while its figure still has that value, so a figure
// edited by hand no longer claims the survey.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "app/audit/chain.h"
#include "app/crypto.h"
#include "app/surveys/surveys.h"
#include "app/validate.h"
#include "core/number_format.h"
#include "core/sroi.h"
#include "formats/impact_map_json.h"
#include "formats/json_reader.h"

namespace valuemark::app {
namespace {

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
        j.Object("evaluation_of", false, [&](formats::ObjectReader& e) {
          e.String("id", true);
          e.Integer("version", formats::kAnyInteger, true);
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

// Everything an application decides, before anything is saved.
struct SurveyService::Application {
  SurveyContext survey;
  RecordVersion source;  // the map version applied to
  ImpactMap evaluation;  // its copy with the survey's figures
  struct Cited {
    std::string map_outcome, field;
    std::vector<std::string> response_ids;
  };
  std::vector<Cited> cited;
  ApplyPreview preview;
};

namespace {

std::string Count(double v) { return GroupedNumber(v); }

std::string Ratio(double v) { return GroupedNumber(v, "", 2) + " : 1"; }

// The smallest sample the scheme's guidance treats as more than anecdote, and
// the widest interval (each side, as a share of the estimate) worth no warning.
constexpr int64_t kSmallSample = 30;
constexpr double kWideInterval = 0.25;

// The survey outcome's quantity, scaled as asked to the map outcome's group.
struct Quantity {
  double value = 0, low = 0, high = 0;
};

Quantity ScaledQuantity(const SurveyOutcomeResult& so, std::optional<int64_t> group) {
  if (!group) return {so.quantity, so.quantity_low, so.quantity_high};
  if (*group <= so.respondents) {
    const auto k = static_cast<double>(so.changed);
    return {k, k, k};
  }
  const double n = static_cast<double>(*group);
  const double p = static_cast<double>(so.changed) / static_cast<double>(so.respondents);
  auto [low, high] = WilsonInterval(so.changed, so.respondents, group);
  return {p * n, low * n, high * n};
}

}  // namespace

Result<SurveyService::Application> SurveyService::PrepareApplication(
    Transaction& tx, const Caller& caller, const std::string& survey_id,
    const ApplyResultsInput& input) {
  if (input.impact_map_id.empty())
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "impact_map_id", "is required"));
  if (input.outcomes.empty())
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "outcomes",
                             "must map at least one survey outcome to an outcome of the map"));
  Application a;
  a.survey = TRY(LoadSurvey(tx, caller, survey_id, OrgAction::kRead));
  const std::string& org = a.survey.record.organisation_id;
  auto map_org = TRY(tx.FindRecordOrganisation(kImpactMapKind, input.impact_map_id));
  if (!map_org || *map_org != org) return Fail(NoMap());
  TRY(Authorise(tx, caller, org, OrgAction::kContribute));
  auto source =
      TRY(tx.FindRecord(org, kImpactMapKind, input.impact_map_id, input.version.value_or(0)));
  if (!source) {
    if (input.version)
      return Fail(Error::Field(ErrorCode::kInvalidArgument, "version",
                               fmt::format("the map has no version {}", *input.version)));
    return Fail(NoMap());
  }
  a.source = std::move(*source);
  const ImpactMap map = TRY(formats::ParseImpactMap(a.source.body));
  a.evaluation = map;
  ApplyPreview& pv = a.preview;
  pv.map_id = a.source.id;
  pv.map_name = a.source.title;
  pv.map_version = a.source.version;
  pv.scale = input.scale;
  if (input.name) {
    pv.evaluation_name = TRY(CleanText("name", *input.name, 1, 200));
  } else {
    pv.evaluation_name =
        fmt::format("{} – evaluation from “{}”", a.source.title, a.survey.design.title);
  }

  const SurveyResults results =
      TRY(ComputeSurveyResults(tx, a.survey.record, a.survey.design, true));
  std::vector<FieldError> errors;
  std::vector<std::string> used_map_outcomes;
  for (const auto& [survey_outcome, map_outcome] : input.outcomes) {
    const std::string path = "outcomes." + survey_outcome;
    auto so = std::find_if(results.outcomes.begin(), results.outcomes.end(),
                           [&](const SurveyOutcomeResult& o) { return o.id == survey_outcome; });
    auto mo = std::find_if(a.evaluation.outcomes.begin(), a.evaluation.outcomes.end(),
                           [&](const Outcome& o) { return o.id == map_outcome; });
    if (so == results.outcomes.end()) {
      errors.push_back({path, "is not an outcome of this survey"});
      continue;
    }
    if (mo == a.evaluation.outcomes.end()) {
      errors.push_back(
          {path, fmt::format("“{}” is to go into an outcome the map does not have", so->name)});
      continue;
    }
    const std::string label = mo->description.empty() ? mo->id : mo->description;
    if (std::find(used_map_outcomes.begin(), used_map_outcomes.end(), map_outcome) !=
        used_map_outcomes.end()) {
      errors.push_back(
          {path,
           fmt::format("the map outcome “{}” is already given another survey outcome", label)});
      continue;
    }
    used_map_outcomes.push_back(map_outcome);
    const size_t before = a.cited.size();
    int64_t fewest = std::numeric_limits<int64_t>::max();
    auto figure = [&](const char* field, double old_value, double new_value, int64_t answered,
                      const std::vector<std::string>& ids) {
      pv.figures.push_back({mo->id, label, field, old_value, new_value, answered, {}, {}});
      a.cited.push_back({mo->id, field, ids});
      fewest = std::min(fewest, answered);
    };

    if (so->respondents > 0) {
      const Stakeholder* group = nullptr;
      for (const Stakeholder& s : a.evaluation.stakeholders)
        if (s.id == mo->stakeholder) group = &s;
      const std::string group_name =
          group ? (group->name.empty() ? group->id : group->name) : mo->stakeholder;
      std::optional<int64_t> group_size;
      if (group && group->size && *group->size >= 1)
        group_size = static_cast<int64_t>(std::llround(*group->size));
      std::optional<int64_t> scale_to;
      if (input.scale == QuantityScale::kMap) {
        if (group_size) {
          scale_to = group_size;
        } else {
          pv.warnings.push_back(
              {mo->id, fmt::format("The stakeholder group “{}” has no number of people, so the "
                                   "quantity of “{}” is the survey's own figure. Give the group "
                                   "its number in the map to scale to it.",
                                   group_name, label)});
        }
      }
      const Quantity q = ScaledQuantity(*so, scale_to);
      const double old_quantity = mo->quantity.value();
      if (q.low == q.high)
        mo->quantity = Uncertain(q.value);
      else
        mo->quantity =
            Uncertain(Distribution{DistributionKind::kTriangular, q.low, q.value, q.high});
      mo->sample_size = so->respondents;
      mo->quantity_source = fmt::format(
          "Survey “{}”: {} of {} respondents reported a positive change", a.survey.design.title,
          Count(static_cast<double>(so->changed)), Count(static_cast<double>(so->respondents)));
      figure("quantity", old_quantity, q.value, so->respondents, so->respondent_ids);
      pv.figures.back().low = q.low;
      pv.figures.back().high = q.high;
      if (group_size && q.value > static_cast<double>(*group_size) + 1e-9) {
        pv.warnings.push_back(
            {mo->id, fmt::format("The quantity of “{}”, {}, is more than the {} people in the "
                                 "stakeholder group “{}”.",
                                 label, Count(q.value), Count(static_cast<double>(*group_size)),
                                 group_name)});
      }
      if (group_size && so->respondents > *group_size) {
        pv.warnings.push_back(
            {mo->id, fmt::format("{} people answered about “{}”, more than the {} in the "
                                 "stakeholder group “{}”: check the group's number.",
                                 Count(static_cast<double>(so->respondents)), label,
                                 Count(static_cast<double>(*group_size)), group_name)});
      }
      if (q.value > 0 && (q.high - q.low) / 2 > kWideInterval * q.value) {
        pv.warnings.push_back(
            {mo->id, fmt::format("The 95 % interval of the quantity of “{}”, {} to {}, is wider "
                                 "than a quarter either side of the estimate of {}.",
                                 label, Count(q.low), Count(q.high), Count(q.value))});
      }
    }
    auto estimate = [&](const Estimate& e, Uncertain& target, const char* field) {
      if (e.n == 0) return;
      const double old_value = target.value();
      target = Uncertain(std::clamp(e.mean, 0.0, 1.0));
      figure(field, old_value, target.value(), e.n, e.response_ids);
    };
    estimate(so->deadweight, mo->deadweight, "deadweight");
    estimate(so->attribution, mo->attribution, "attribution");
    estimate(so->drop_off, mo->drop_off, "drop_off");
    if (so->duration.n > 0) {
      const int old_years = mo->duration_years;
      mo->duration_years =
          static_cast<int>(std::clamp<int64_t>(std::llround(so->duration.mean), 1, 50));
      figure("duration_years", old_years, mo->duration_years, so->duration.n,
             so->duration.response_ids);
    }
    if (a.cited.size() == before) {
      errors.push_back(
          {path, fmt::format("no response has measured “{}” yet: nothing to apply", so->name)});
      continue;
    }
    if (fewest < kSmallSample) {
      pv.warnings.push_back(
          {mo->id, fmt::format("Only {} answered the questions behind “{}”: with fewer than {} "
                               "answers, treat its figures as indicative.",
                               Count(static_cast<double>(fewest)), label, kSmallSample)});
    }
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  a.evaluation.kind = MapKind::kEvaluative;
  a.evaluation.name = pv.evaluation_name;
  a.evaluation.verification.reset();  // a new analysis, not yet verified

  pv.ratio_before = ComputeSroi(map).sroi_ratio;
  pv.ratio_after = ComputeSroi(a.evaluation).sroi_ratio;
  if (pv.ratio_before && pv.ratio_after && *pv.ratio_before > 0 &&
      std::abs(*pv.ratio_after - *pv.ratio_before) > 0.5 * *pv.ratio_before) {
    pv.warnings.push_back(
        {"", fmt::format("The SROI ratio moves from {} to {}, by more than half: check the figures "
                         "and the number in each stakeholder group before saving.",
                         Ratio(*pv.ratio_before), Ratio(*pv.ratio_after))});
  }
  return a;
}

Result<ApplyPreview> SurveyService::PreviewSurveyApplication(const Caller& caller,
                                                             const std::string& survey_id,
                                                             const ApplyResultsInput& input) {
  return store_.ReadValue([&](Transaction& tx) -> Result<ApplyPreview> {
    Application a = TRY(PrepareApplication(tx, caller, survey_id, input));
    return std::move(a.preview);
  });
}

Result<AppliedSurvey> SurveyService::ApplySurveyResults(const Caller& caller,
                                                        const std::string& survey_id,
                                                        const ApplyResultsInput& input) {
  AppliedSurvey out;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    Application a = TRY(PrepareApplication(tx, caller, survey_id, input));
    const std::string& org = a.survey.record.organisation_id;
    RecordVersion& rec = out.evaluation;
    rec.organisation_id = org;
    rec.kind = kImpactMapKind;
    rec.id = NewId();
    rec.version = 1;
    rec.scope_id = a.source.scope_id;
    rec.title = a.evaluation.name;
    rec.body = formats::ImpactMapToJson(a.evaluation).dump();
    rec.created_by = caller.user.id;
    rec.created_at = Now();
    // The new body must read back as a valid map before it is saved.
    TRY(formats::ParseImpactMap(rec.body));
    TRY(SaveRecordVersion(tx, caller, rec, rec.body));

    // Provenance: each figure with the responses behind it, and the map this
    // evaluation was made from.
    const json map_json = json::parse(rec.body, nullptr, false);
    json outcomes = json::object();
    for (const auto& c : a.cited) {
      const json* o = OutcomeJson(map_json, c.map_outcome);
      outcomes[c.map_outcome][c.field] = {{"value", o ? (*o)[c.field] : json(nullptr)},
                                          {"survey_id", a.survey.record.id},
                                          {"survey_title", a.survey.design.title},
                                          {"response_ids", c.response_ids},
                                          {"applied_at", rec.created_at},
                                          {"applied_by", caller.user.id}};
    }
    RecordVersion prov{org,
                       kProvenance,
                       rec.id,
                       rec.version,
                       rec.scope_id,
                       rec.title,
                       json{{"outcomes", outcomes},
                            {"evaluation_of", {{"id", a.source.id}, {"version", a.source.version}}}}
                           .dump(),
                       caller.user.id,
                       rec.created_at};
    TRY(CheckQuota(tx, org, {.bytes = static_cast<int64_t>(prov.body.size())}));
    TRY(tx.InsertRecordVersion(prov));
    json audit = {{"impact_map_id", a.source.id},
                  {"impact_map_version", a.source.version},
                  {"evaluation_id", rec.id},
                  {"outcomes", json::object()}};
    for (const auto& [so, mo] : input.outcomes) audit["outcomes"][so] = mo;
    TRY(AppendAuditEvent(
        tx, {caller.user.id, "survey.apply", "survey", a.survey.record.id, org, audit.dump()},
        Now()));
    out.preview = std::move(a.preview);
    return {};
  }));
  return out;
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
    if (prov.is_object() && prov.contains("evaluation_of")) {
      out.evaluation_of = prov["evaluation_of"].value("id", "");
      out.evaluation_of_version = prov["evaluation_of"].value("version", int64_t{0});
    }
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
