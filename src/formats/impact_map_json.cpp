#include "formats/impact_map_json.h"

#include <fmt/format.h>

#include <unordered_map>

#include "formats/json_reader.h"

namespace valuemark::formats {
namespace {

// Reports a second use of the same id at `path`.
class IdRegistry {
 public:
  explicit IdRegistry(std::vector<FieldError>& errors) : errors_(errors) {}
  // item_path is the item's own path ("outcomes[3]"); paths of ids are built
  // only for a message.
  void Add(const std::string& id, const std::string& item_path) {
    if (id.empty()) {
      errors_.push_back({Child(item_path, "id"), "must not be empty"});
      return;
    }
    auto [it, added] = first_.try_emplace(id, item_path);
    if (!added)
      errors_.push_back(
          {Child(item_path, "id"),
           fmt::format("duplicate id \"{}\" (first used at {})", id, Child(it->second, "id"))});
  }

 private:
  std::vector<FieldError>& errors_;
  std::unordered_map<std::string, std::string> first_;
};

Stakeholder ReadStakeholder(ObjectReader& r, IdRegistry& ids) {
  Stakeholder s;
  if (auto id = r.String("id", true)) {
    s.id = *id;
    ids.Add(s.id, r.path());
  }
  s.name = r.String("name").value_or("");
  s.description = r.String("description");
  s.size = r.Number("size", kStakeholderSizeRange);
  s.involvement = r.String("involvement");
  return s;
}

Input ReadInput(ObjectReader& r) {
  Input in;
  in.stakeholder = r.String("stakeholder").value_or("");
  in.description = r.String("description").value_or("");
  if (auto v = r.UncertainNumber("value", kInputRange, true)) in.value = *v;
  in.in_kind = r.Bool("in_kind").value_or(false);
  return in;
}

Outcome ReadOutcome(ObjectReader& r, IdRegistry& ids) {
  Outcome o;
  if (auto id = r.String("id", true)) {
    o.id = *id;
    ids.Add(o.id, r.path());
  }
  o.stakeholder = r.String("stakeholder", true).value_or("");
  o.description = r.String("description").value_or("");
  o.intended = r.Bool("intended").value_or(true);
  o.indicator = r.String("indicator");
  if (auto q = r.UncertainNumber("quantity", RangeOf(Parameter::kQuantity), true)) o.quantity = *q;
  o.quantity_source = r.String("quantity_source");
  o.sample_size = r.Integer("sample_size", kSampleSizeRange);
  o.duration_years = r.Integer("duration_years", kYearsRange, true).value_or(1);
  o.start_year = r.Integer("start_year", kYearsRange).value_or(1);
  r.Object("proxy", true, [&](ObjectReader& p) {
    if (auto v = p.UncertainNumber("value", RangeOf(Parameter::kProxy), true)) o.proxy.value = *v;
    o.proxy.description = p.String("description");
    o.proxy.source = p.String("source");
  });
  for (Parameter param : {Parameter::kDeadweight, Parameter::kDisplacement, Parameter::kAttribution,
                          Parameter::kDropOff}) {
    if (auto v = r.UncertainNumber(ParameterName(param), RangeOf(param))) Get(o, param) = *v;
  }
  o.material = r.Bool("material").value_or(true);
  o.materiality_reason = r.String("materiality_reason");
  return o;
}

}  // namespace

namespace {

Result<ImpactMap> ReadImpactMap(const JsonValue& doc, MapEnvelope* envelope = nullptr) {
  std::vector<FieldError> errors;
  ImpactMap map;
  ObjectReader r(doc, "$", errors);
  if (!r.ok()) return Fail(Error::InvalidArgument(std::move(errors)));

  map.name = r.String("name").value_or("");
  map.period = r.String("period");
  if (auto kind = r.String("kind")) {
    if (auto parsed = ParseMapKind(*kind)) {
      map.kind = *parsed;
    } else {
      r.Report("kind", parsed.error().message);
    }
  }
  if (auto currency = r.String("currency")) {
    if (currency->size() != 3) {
      r.Report("currency",
               fmt::format("must be a three-letter currency code such as \"GBP\", got \"{}\"",
                           *currency));
    } else {
      map.currency = *currency;
    }
  }
  map.discount_rate = r.Number("discount_rate", kDiscountRateRange).value_or(kDefaultDiscountRate);

  IdRegistry stakeholder_ids(errors);
  r.Array("stakeholders", false, [&](const JsonValue& v, const std::string& path) {
    ObjectReader s(v, path, errors);
    if (!s.ok()) return;
    map.stakeholders.push_back(ReadStakeholder(s, stakeholder_ids));
    s.RejectUnknownFields();
  });
  r.Array("inputs", true, [&](const JsonValue& v, const std::string& path) {
    ObjectReader in(v, path, errors);
    if (!in.ok()) return;
    map.inputs.push_back(ReadInput(in));
    in.RejectUnknownFields();
  });
  IdRegistry outcome_ids(errors);
  map.outcomes.reserve(r.ArrayLength("outcomes"));
  const auto outcome_count =
      r.Array("outcomes", true, [&](const JsonValue& v, const std::string& path) {
        ObjectReader o(v, path, errors);
        if (!o.ok()) return;
        map.outcomes.push_back(ReadOutcome(o, outcome_ids));
        o.RejectUnknownFields();
      });
  if (outcome_count == 0u) r.Report("outcomes", "must list at least one outcome");
  r.Object("verification", false, [&](ObjectReader& v) {
    Verification ver;
    ver.by = v.String("by", true).value_or("");
    ver.date = v.String("date", true).value_or("");
    map.verification = ver;
  });
  if (envelope) {
    static constexpr Range kVersionRange{1, 1e9, true, true};
    envelope->id = r.String("id");
    if (!r.IsNull("scope_id")) envelope->scope_id = r.String("scope_id");
    envelope->version = r.Integer("version", kVersionRange);
  }
  r.RejectUnknownFields();
  // Each field is in its range; now what only the map as a whole shows.
  if (errors.empty())
    for (FieldError& e : CheckMagnitudes(map)) errors.push_back(std::move(e));

  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return map;
}

}  // namespace

Result<ImpactMap> ParseImpactMap(std::string_view json_text) {
  simdjson::dom::parser parser;
  auto parsed = TRY(ParseJsonText(parser, json_text));
  return ReadImpactMap(parsed);
}

Result<ImpactMap> ParseImpactMap(const std::string& json_text) {
  simdjson::dom::parser parser;
  auto parsed = TRY(ParseJsonText(parser, json_text));
  return ReadImpactMap(parsed);
}

Result<ImpactMap> ParseImpactMap(const std::string& json_text, MapEnvelope* envelope) {
  simdjson::dom::parser parser;
  auto parsed = TRY(ParseJsonText(parser, json_text));
  return ReadImpactMap(parsed, envelope);
}

namespace {

Json UncertainToJson(const Uncertain& u) {
  if (!u.distribution()) return u.value();
  const Distribution& d = *u.distribution();
  Json j;
  j["low"] = d.low;
  if (d.kind == DistributionKind::kTriangular) j["mode"] = d.mode;
  j["high"] = d.high;
  return j;
}

}  // namespace

Json ImpactMapToJson(const ImpactMap& map) {
  Json j;
  j["name"] = map.name;
  if (map.period) j["period"] = *map.period;
  j["kind"] = MapKindName(map.kind);
  j["currency"] = map.currency;
  j["discount_rate"] = map.discount_rate;
  j["stakeholders"] = Json::array();
  for (const Stakeholder& s : map.stakeholders) {
    Json js;
    js["id"] = s.id;
    js["name"] = s.name;
    if (s.description) js["description"] = *s.description;
    if (s.size) js["size"] = *s.size;
    if (s.involvement) js["involvement"] = *s.involvement;
    j["stakeholders"].push_back(std::move(js));
  }
  j["inputs"] = Json::array();
  for (const Input& in : map.inputs) {
    Json ji = {{"stakeholder", in.stakeholder},
               {"description", in.description},
               {"value", UncertainToJson(in.value)}};
    if (in.in_kind) ji["in_kind"] = true;
    j["inputs"].push_back(std::move(ji));
  }
  j["outcomes"] = Json::array();
  for (const Outcome& o : map.outcomes) {
    Json jo;
    jo["id"] = o.id;
    jo["stakeholder"] = o.stakeholder;
    jo["description"] = o.description;
    jo["intended"] = o.intended;
    if (o.indicator) jo["indicator"] = *o.indicator;
    jo["quantity"] = UncertainToJson(o.quantity);
    if (o.quantity_source) jo["quantity_source"] = *o.quantity_source;
    if (o.sample_size) jo["sample_size"] = *o.sample_size;
    jo["duration_years"] = o.duration_years;
    jo["start_year"] = o.start_year;
    Json proxy;
    proxy["value"] = UncertainToJson(o.proxy.value);
    if (o.proxy.description) proxy["description"] = *o.proxy.description;
    if (o.proxy.source) proxy["source"] = *o.proxy.source;
    jo["proxy"] = std::move(proxy);
    for (Parameter p : {Parameter::kDeadweight, Parameter::kDisplacement, Parameter::kAttribution,
                        Parameter::kDropOff})
      jo[ParameterName(p)] = UncertainToJson(Get(o, p));
    jo["material"] = o.material;
    if (o.materiality_reason) jo["materiality_reason"] = *o.materiality_reason;
    j["outcomes"].push_back(std::move(jo));
  }
  if (map.verification)
    j["verification"] = {{"by", map.verification->by}, {"date", map.verification->date}};
  return j;
}

void ReadLm3Input(ObjectReader& r, Lm3Input& in) {
  std::vector<FieldError>& errors = r.errors();
  in.name = r.String("name").value_or("");
  in.area = r.String("area").value_or("");
  if (auto currency = r.String("currency")) in.currency = *currency;
  // Bounds no real organisation reaches, so that the sums of three rounds
  // stay finite (core/impact_map.h kMaxInput).
  static constexpr Range kIncomeRange{0, kMaxInput};
  static constexpr Range kAmountRange{0, kMaxInput};
  if (auto income = r.Number("income", kIncomeRange, true)) {
    if (*income == 0) {
      r.Report("income", "must be greater than 0, got 0");
    } else {
      in.income = *income;
    }
  }
  r.Array("spend", true, [&](const JsonValue& v, const std::string& path) {
    ObjectReader s(v, path, errors);
    if (!s.ok()) return;
    Lm3Spend spend;
    spend.category = s.String("category", true).value_or("");
    spend.amount = s.Number("amount", kAmountRange, true).value_or(0);
    spend.local_fraction = s.Number("local_fraction", kFractionRange, true).value_or(0);
    spend.respend_local_fraction =
        s.Number("respend_local_fraction", kFractionRange, true).value_or(0);
    s.RejectUnknownFields();
    in.spend.push_back(std::move(spend));
  });
  if (in.spend.size() > kMaxLm3Categories)
    r.Report("spend",
             fmt::format("has {} categories: at most {}", in.spend.size(), kMaxLm3Categories));
}

Result<Lm3Input> ParseLm3Input(std::string_view json_text) {
  simdjson::dom::parser parser;
  auto parsed = TRY(ParseJsonText(parser, json_text));
  const JsonValue doc = parsed;
  std::vector<FieldError> errors;
  Lm3Input in;
  ObjectReader r(doc, "$", errors);
  if (!r.ok()) return Fail(Error::InvalidArgument(std::move(errors)));
  ReadLm3Input(r, in);
  r.RejectUnknownFields();
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return in;
}

nlohmann::ordered_json Lm3InputJson(const Lm3Input& in) {
  nlohmann::ordered_json spend = nlohmann::ordered_json::array();
  for (const Lm3Spend& s : in.spend)
    spend.push_back({{"category", s.category},
                     {"amount", s.amount},
                     {"local_fraction", s.local_fraction},
                     {"respend_local_fraction", s.respend_local_fraction}});
  return {{"name", in.name},
          {"area", in.area},
          {"currency", in.currency},
          {"income", in.income},
          {"spend", spend}};
}

}  // namespace valuemark::formats
