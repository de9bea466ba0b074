#include "formats/brokerage_json.h"

#include "formats/records_json.h"

namespace valuemark::formats {
namespace {

constexpr Range kShare{0, 1};
constexpr Range kPoints{0, 100};

template <typename Fn>
Result<void> ReadStoredArray(std::string_view text, std::string_view what, Fn&& read) {
  simdjson::dom::parser parser;
  auto doc = ParseJsonText(parser, text);
  if (!doc) return Fail(DamagedRecord(what, doc.error().fields));
  std::vector<FieldError> problems;
  simdjson::dom::array array;
  if (doc->get_array().get(array) != simdjson::SUCCESS) {
    problems.push_back({"$", "must be an array"});
  } else {
    size_t i = 0;
    for (JsonValue element : array) read(element, Child("$", i++), problems);
  }
  if (!problems.empty()) return Fail(DamagedRecord(what, problems));
  return {};
}

SharedOutcome ReadOutcome(const JsonValue& v, const std::string& path,
                          std::vector<FieldError>& errors) {
  SharedOutcome o;
  ObjectReader r(v, path, errors);
  if (!r.ok()) return o;
  o.id = r.String("id").value_or("");
  o.description = r.String("description", true).value_or("");
  r.Array("claims", true, [&](const JsonValue& c, const std::string& at) {
    ObjectReader cr(c, at, errors);
    if (!cr.ok()) return;
    PartnerClaim claim;
    if (auto side = cr.String("partner", true)) {
      auto parsed = ParsePartnerSide(*side);
      if (parsed)
        claim.side = *parsed;
      else
        cr.Report(Child(at, "partner"), parsed.error().message);
    }
    claim.share = cr.Number("share", kShare, true).value_or(0);
    if (!cr.IsNull("map_id")) claim.map_id = cr.String("map_id").value_or("");
    if (!cr.IsNull("outcome_id")) claim.outcome_id = cr.String("outcome_id").value_or("");
    cr.RejectUnknownFields();
    o.claims.push_back(std::move(claim));
  });
  r.RejectUnknownFields();
  return o;
}

void WriteOptional(JsonWriter& w, const std::string& s) {
  WriteOptionalString(w, s.empty() ? std::nullopt : std::optional(s));
}

}  // namespace

void WriteScoreParts(JsonWriter& w, const std::vector<ScorePart>& parts) {
  w.BeginArray();
  for (const ScorePart& p : parts)
    w.BeginObject()
        .Field("name", p.name)
        .Field("points", p.points)
        .Field("out_of", p.out_of)
        .Field("reason", p.reason)
        .EndObject();
  w.EndArray();
}

Result<std::vector<ScorePart>> ParseScoreParts(std::string_view text) {
  std::vector<ScorePart> out;
  TRY(ReadStoredArray(
      text, "match's score",
      [&](const JsonValue& v, const std::string& path, std::vector<FieldError>& errors) {
        ObjectReader r(v, path, errors);
        if (!r.ok()) return;
        ScorePart p;
        p.name = r.String("name", true).value_or("");
        p.points = r.Number("points", kPoints, true).value_or(0);
        p.out_of = r.Number("out_of", kPoints, true).value_or(0);
        p.reason = r.String("reason", true).value_or("");
        out.push_back(std::move(p));
      }));
  return out;
}

void WriteSharedOutcomes(JsonWriter& w, const std::vector<SharedOutcome>& outcomes) {
  w.BeginArray();
  for (const SharedOutcome& o : outcomes) {
    w.BeginObject()
        .Field("id", o.id)
        .Field("description", o.description)
        .Key("claims")
        .BeginArray();
    for (const PartnerClaim& c : o.claims) {
      w.BeginObject().Field("partner", Name(c.side)).Field("share", c.share).Key("map_id");
      WriteOptional(w, c.map_id);
      w.Key("outcome_id");
      WriteOptional(w, c.outcome_id);
      w.EndObject();
    }
    w.EndArray().EndObject();
  }
  w.EndArray();
}

void ReadSharedOutcomes(ObjectReader& r, std::string_view key, std::vector<SharedOutcome>& out) {
  r.Array(key, true, [&](const JsonValue& v, const std::string& path) {
    out.push_back(ReadOutcome(v, path, r.errors()));
  });
}

Result<std::vector<SharedOutcome>> ParseSharedOutcomes(std::string_view text) {
  std::vector<SharedOutcome> out;
  TRY(ReadStoredArray(
      text, "partnership",
      [&](const JsonValue& v, const std::string& path, std::vector<FieldError>& errors) {
        out.push_back(ReadOutcome(v, path, errors));
      }));
  return out;
}

}  // namespace valuemark::formats
