// The impact management plan of a scope (docs/api.md "Impact management plans"): the ten impact
// questions and three overarching ones, the stakeholder map, the theory of
// change with its indicators, and materiality decisions with reasons. One
// plan per scope, kept as versions (record kind "plan", id = scope id); and a
// forecast set beside its later evaluation, outcome by outcome.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <set>

#include "app/audit/chain.h"
#include "app/measure/measure.h"
#include "app/validate.h"
#include "core/sroi.h"
#include "formats/impact_map_json.h"

namespace valuemark::app {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr char kPlan[] = "plan";
constexpr size_t kMaxText = 4000;

const std::vector<std::string>& GroupKinds() {
  static const std::vector<std::string> kinds = {
      "employees", "customers_and_end_users", "local_community", "suppliers",
      "partners",  "public_services",         "environment",     "other"};
  return kinds;
}

// Checks a plan document field by field; returns it in canonical form.
class PlanChecker {
 public:
  ordered_json Check(const json& in) {
    ordered_json out;
    if (!in.is_object()) {
      Report("$", "must be a JSON object");
      return out;
    }
    for (const auto& [key, value] : in.items())
      if (key != "impact_questions" && key != "overarching" && key != "stakeholder_groups" &&
          key != "theory_of_change" && key != "materiality" && key != "version")
        Report(key, "is not a field of an impact management plan");
    ordered_json answers = ordered_json::object();
    json questions = in.value("impact_questions", json::object());
    if (!questions.is_object()) {
      Report("impact_questions", "must be an object of question id to answer");
      questions = json::object();
    }
    for (const auto& [id, value] : questions.items()) {
      if (std::find(std::begin(kImpactQuestionIds), std::end(kImpactQuestionIds), id) ==
          std::end(kImpactQuestionIds)) {
        Report("impact_questions." + id, "is not one of the ten impact questions (q1 to q10)");
        continue;
      }
      answers[id] = Text("impact_questions." + id, value, false);
    }
    out["impact_questions"] = answers;
    ordered_json overarching = ordered_json::object();
    json over = in.value("overarching", json::object());
    if (!over.is_object()) {
      Report("overarching", "must be an object with who_answers, rigour and assurance");
      over = json::object();
    }
    for (const auto& [key, value] : over.items()) {
      if (key != "who_answers" && key != "rigour" && key != "assurance") {
        Report("overarching." + key, "must be who_answers, rigour or assurance");
        continue;
      }
      overarching[key] = Text("overarching." + key, value, false);
    }
    out["overarching"] = overarching;

    ordered_json groups = ordered_json::array();
    EachObject(in, "stakeholder_groups", [&](const json& g, const std::string& path) {
      ordered_json o;
      const std::string kind = g.value("group", "");
      if (std::find(GroupKinds().begin(), GroupKinds().end(), kind) == GroupKinds().end())
        Report(path + ".group",
               "must be employees, customers_and_end_users, local_community, suppliers, partners, "
               "public_services, environment or other");
      o["group"] = kind;
      o["name"] = Text(path + ".name", g.value("name", json()), true, Lines::kSingle);
      o["size"] = Size(path + ".size", g.value("size", json()));
      o["involvement"] = Text(path + ".involvement", g.value("involvement", json()), false);
      o["when"] = Text(path + ".when", g.value("when", json()), false);
      ordered_json subgroups = ordered_json::array();
      EachObject(
          g, "subgroups",
          [&](const json& s, const std::string& sp) {
            subgroups.push_back(
                {{"name",
                  Text(path + "." + sp + ".name", s.value("name", json()), true, Lines::kSingle)},
                 {"size", Size(path + "." + sp + ".size", s.value("size", json()))}});
          },
          path);
      o["subgroups"] = subgroups;
      groups.push_back(o);
    });
    out["stakeholder_groups"] = groups;

    std::set<std::string> outcomes;
    ordered_json chain = ordered_json::array();
    EachObject(in, "theory_of_change", [&](const json& a, const std::string& path) {
      ordered_json o;
      o["activity"] = Text(path + ".activity", a.value("activity", json()), true);
      ordered_json outputs = ordered_json::array();
      const json outs = a.value("outputs", json::array());
      if (!outs.is_array()) Report(path + ".outputs", "must be a list of outputs");
      for (size_t i = 0; outs.is_array() && i < outs.size(); ++i)
        outputs.push_back(Text(fmt::format("{}.outputs[{}]", path, i), outs[i], true));
      o["outputs"] = outputs;
      ordered_json list = ordered_json::array();
      EachObject(
          a, "outcomes",
          [&](const json& x, const std::string& op) {
            const std::string p = path + "." + op;
            ordered_json oc;
            oc["description"] = Text(p + ".description", x.value("description", json()), true);
            oc["stakeholder"] =
                Text(p + ".stakeholder", x.value("stakeholder", json()), false, Lines::kSingle);
            oc["positive"] = Bool(p + ".positive", x.value("positive", json(true)));
            oc["intended"] = Bool(p + ".intended", x.value("intended", json(true)));
            oc["indicator"] =
                Text(p + ".indicator", x.value("indicator", json()), false, Lines::kSingle);
            outcomes.insert(oc["description"].get<std::string>());
            list.push_back(oc);
          },
          path);
      o["outcomes"] = list;
      chain.push_back(o);
    });
    out["theory_of_change"] = chain;

    ordered_json materiality = ordered_json::array();
    EachObject(in, "materiality", [&](const json& m, const std::string& path) {
      ordered_json o;
      o["outcome"] = Text(path + ".outcome", m.value("outcome", json()), true);
      if (!o["outcome"].get<std::string>().empty() &&
          !outcomes.contains(o["outcome"].get<std::string>()))
        Report(path + ".outcome", "must be the description of an outcome in the theory of change");
      o["material"] = Bool(path + ".material", m.value("material", json()));
      // A decision without a reason cannot be reviewed (Principle 4).
      o["reason"] = Text(path + ".reason", m.value("reason", json()), true);
      materiality.push_back(o);
    });
    out["materiality"] = materiality;
    return out;
  }

  std::vector<FieldError>& errors() { return errors_; }

  static constexpr const char* kImpactQuestionIds[] = {"q1", "q2", "q3", "q4", "q5",
                                                       "q6", "q7", "q8", "q9", "q10"};

 private:
  void Report(const std::string& path, std::string message) {
    errors_.push_back({path, std::move(message)});
  }

  // A plan is a written document: its answers may run over several lines;
  // names, stakeholders and indicators are single-line.
  std::string Text(const std::string& path, const json& v, bool required,
                   Lines lines = Lines::kMulti) {
    if (v.is_null() ||
        (v.is_string() && v.get<std::string>().find_first_not_of(" \t\n") == std::string::npos)) {
      if (required) Report(path, "is required");
      return "";
    }
    if (!v.is_string()) {
      Report(path, "must be text");
      return "";
    }
    auto t = CleanText(path, v.get<std::string>(), 0, kMaxText, lines);
    if (!t) {
      Report(path, t.error().fields.front().message);
      return "";
    }
    return *t;
  }

  json Size(const std::string& path, const json& v) {
    if (v.is_null()) return nullptr;
    if (!v.is_number() || v.get<double>() < 0) {
      Report(path, "must be a number of people, 0 or more");
      return nullptr;
    }
    return v;
  }

  bool Bool(const std::string& path, const json& v) {
    if (!v.is_boolean()) {
      Report(path, "must be true or false");
      return false;
    }
    return v.get<bool>();
  }

  template <typename Fn>
  void EachObject(const json& parent, const char* key, Fn&& fn,
                  const std::string& parent_path = "") {
    const std::string path = parent_path.empty() ? key : parent_path + "." + key;
    const json list = parent.value(key, json::array());
    if (!list.is_array()) {
      Report(path, "must be a list");
      return;
    }
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string item =
          fmt::format("{}[{}]", parent_path.empty() ? path : std::string(key), i);
      if (!list[i].is_object()) {
        Report(parent_path.empty() ? item : parent_path + "." + item, "must be an object");
        continue;
      }
      fn(list[i], item);
    }
  }

  std::vector<FieldError> errors_;
};

ordered_json EmptyPlan() {
  return ordered_json{{"impact_questions", ordered_json::object()},
                      {"overarching", ordered_json::object()},
                      {"stakeholder_groups", ordered_json::array()},
                      {"theory_of_change", ordered_json::array()},
                      {"materiality", ordered_json::array()}};
}

Result<std::string> CheckScopeExists(Transaction& tx, const std::string& org_id,
                                     const std::string& scope_id) {
  auto scope = TRY(tx.FindScope(org_id, scope_id));
  if (!scope) return Fail(Error::Make(ErrorCode::kNotFound, "no such scope"));
  return (scope)->name;
}

}  // namespace

Result<RecordVersion> MeasureService::GetPlan(const Caller& caller, const std::string& org_id,
                                              const std::string& scope_id, int64_t version) {
  RecordVersion out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kRead));
    auto name = TRY(CheckScopeExists(tx, org_id, scope_id));
    auto found = TRY(tx.FindRecord(org_id, kPlan, scope_id, version));
    if (found) {
      out = std::move(*found);
    } else if (version != 0) {
      return Fail(Error::Field(ErrorCode::kNotFound, "version",
                               fmt::format("this plan has no version {}", version)));
    } else {
      // No plan yet: an empty one, version 0, to start from.
      out = {org_id, kPlan, scope_id, 0, scope_id, name, EmptyPlan().dump(), "", 0};
    }
    return {};
  }));
  return out;
}

Result<RecordVersion> MeasureService::SavePlan(const Caller& caller, const std::string& org_id,
                                               const std::string& scope_id,
                                               const std::string& body) {
  const json in = json::parse(body, nullptr, false);
  if (in.is_discarded()) return Fail(InvalidField("$", "must be JSON"));
  PlanChecker checker;
  const ordered_json plan = checker.Check(in);
  std::optional<int64_t> base;
  if (in.is_object() && in.contains("version")) {
    if (!in["version"].is_number_integer() || in["version"].get<int64_t>() < 0)
      checker.errors().push_back({"version", "must be the whole-number version you edited"});
    else
      base = in["version"].get<int64_t>();
  }
  if (!checker.errors().empty()) return Fail(Error::InvalidArgument(std::move(checker.errors())));
  RecordVersion rec;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kContribute));
    auto name = TRY(CheckScopeExists(tx, org_id, scope_id));
    auto latest = TRY(tx.FindRecord(org_id, kPlan, scope_id, 0));
    const int64_t current = latest ? latest->version : 0;
    if (base && *base != current)
      return Fail(Error::Field(
          ErrorCode::kFailedPrecondition, "version",
          fmt::format("someone else saved this plan first (version {} is now {}): reload and "
                      "try again",
                      *base, current)));
    rec = {org_id, kPlan,       scope_id,       current + 1, scope_id,
           name,   plan.dump(), caller.user.id, Now()};
    return SaveRecordVersion(tx, caller, rec, rec.body);
  }));
  return rec;
}

Result<std::vector<RecordVersion>> MeasureService::ListPlanVersions(const Caller& caller,
                                                                    const std::string& org_id,
                                                                    const std::string& scope_id) {
  std::vector<RecordVersion> out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kRead));
    out = TRY(tx.ListRecordVersions(org_id, kPlan, scope_id));
    return {};
  }));
  return out;
}

Result<MapComparison> MeasureService::CompareImpactMaps(const Caller& caller,
                                                        const std::string& forecast_id,
                                                        int64_t forecast_version,
                                                        const std::string& evaluation_id,
                                                        int64_t evaluation_version) {
  auto forecast = TRY(GetImpactMap(caller, forecast_id, forecast_version));
  auto evaluation = GetImpactMap(caller, evaluation_id, evaluation_version);
  if (!evaluation) {
    if (evaluation.error().code == ErrorCode::kNotFound && evaluation_version != 0)
      return Fail(
          InvalidField("with_version",
                       fmt::format("the map compared with has no version {}", evaluation_version)));
    if (evaluation.error().code == ErrorCode::kNotFound)
      return Fail(InvalidField("with", "must be one of your impact maps"));
    return Fail(evaluation.error());
  }
  // Both maps belong to one organisation: a comparison never mixes tenants.
  if (forecast.organisation_id != evaluation->organisation_id)
    return Fail(InvalidField("with", "must be an impact map of the same organisation"));
  auto f = formats::ParseImpactMap(forecast.body);
  auto e = formats::ParseImpactMap(evaluation->body);
  if (!f || !e)
    return Fail(Error::Make(ErrorCode::kInternal, "a stored impact map could not be read"));
  const SroiResult fr = ComputeSroi(*f);
  const SroiResult er = ComputeSroi(*e);
  MapComparison out;
  out.forecast = {forecast.id, forecast.version, forecast.title, fr.sroi_ratio, fr.present_value};
  out.evaluation = {evaluation->id, evaluation->version, evaluation->title, er.sroi_ratio,
                    er.present_value};
  auto find = [](const SroiResult& r, const std::string& id) -> const OutcomeResult* {
    for (const OutcomeResult& o : r.outcomes)
      if (o.id == id) return &o;
    return nullptr;
  };
  // Forecast order first, then outcomes only the evaluation found.
  for (const OutcomeResult& o : fr.outcomes) {
    const OutcomeResult* other = find(er, o.id);
    out.outcomes.push_back({o.id, o.stakeholder, o.impact, o.present_value,
                            other ? std::optional(other->impact) : std::nullopt,
                            other ? std::optional(other->present_value) : std::nullopt});
  }
  for (const OutcomeResult& o : er.outcomes)
    if (!find(fr, o.id))
      out.outcomes.push_back(
          {o.id, o.stakeholder, std::nullopt, std::nullopt, o.impact, o.present_value});
  return out;
}

}  // namespace valuemark::app
