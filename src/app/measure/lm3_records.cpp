// LM3 calculations saved per organisation (docs/api.md "LM3"): the LM3 file
// and its period as record versions, so that a figure given as evidence or in
// a report can be traced to the figures it came from, and its history read.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/crypto.h"
#include "app/measure/measure.h"
#include "app/validate.h"
#include "formats/impact_map_json.h"
#include "formats/json_reader.h"

namespace valuemark::app {
namespace {

constexpr char kLm3[] = "lm3";

Result<Lm3Calculation> Lm3FromRecord(const RecordVersion& r) {
  Lm3Calculation c;
  TRY(formats::ReadStoredObject(r.body, "LM3 calculation", [&](formats::ObjectReader& j) {
    c.period = j.String("period").value_or("");
    formats::ReadLm3Input(j, c.input);
  }));
  c.result = ComputeLm3(c.input);
  c.id = r.id;
  c.version = r.version;
  c.updated_at = r.created_at;
  c.updated_by = r.created_by;
  return c;
}

std::string Lm3Body(const Lm3Calculation& c) {
  nlohmann::ordered_json j = formats::Lm3InputJson(c.input);
  j["period"] = c.period;
  return j.dump();
}

// The name and period as every other text input (validate.h); the numbers
// were checked by the LM3 file's reader.
Result<void> CheckLm3Text(Lm3Calculation& c) {
  std::vector<FieldError> errors;
  auto clean = [&](const char* field, std::string& text, size_t min, size_t max) {
    if (min > 0 && text.find_first_not_of(" \t") == std::string::npos) {
      errors.push_back({field, "is required: a name to find this calculation by"});
      return;
    }
    if (auto t = CleanText(field, text, 0, max, Lines::kSingle)) {
      text = *t;
    } else {
      errors.push_back(t.error().fields.front());
    }
  };
  clean("name", c.input.name, 1, 200);
  clean("area", c.input.area, 0, 200);
  clean("period", c.period, 0, 100);
  for (size_t i = 0; i < c.input.spend.size(); ++i)
    clean(fmt::format("spend[{}].category", i).c_str(), c.input.spend[i].category, 0, 200);
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return {};
}

}  // namespace

Result<std::vector<Lm3Calculation>> MeasureService::ListLm3(const Caller& caller,
                                                            const std::string& org_id) {
  std::vector<Lm3Calculation> out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kRead));
    auto list = TRY(tx.ListRecords(org_id, kLm3));
    for (const RecordVersion& rec : list) out.push_back(TRY(Lm3FromRecord(rec)));
    return {};
  }));
  std::stable_sort(out.begin(), out.end(), [](const Lm3Calculation& a, const Lm3Calculation& b) {
    return a.updated_at > b.updated_at;
  });
  return out;
}

Result<Lm3Calculation> MeasureService::SaveLm3(const Caller& caller, const std::string& org_id,
                                               const std::string& lm3_id, const std::string& period,
                                               const Lm3Input& input, std::optional<int64_t> seen) {
  Lm3Calculation c;
  c.period = period;
  c.input = input;
  TRY(CheckLm3Text(c));
  c.result = ComputeLm3(c.input);
  c.updated_at = Now();
  c.updated_by = caller.user.id;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kContribute));
    if (lm3_id.empty()) {
      c.id = NewId();
      c.version = 1;
    } else {
      auto latest = TRY(tx.FindRecord(org_id, kLm3, lm3_id, 0));
      if (!latest) return Fail(Error::Make(ErrorCode::kNotFound, "no such LM3 calculation"));
      TRY(CheckVersionSeen("saved this calculation", seen, latest->version));
      c.id = lm3_id;
      c.version = latest->version + 1;
    }
    const std::string body = Lm3Body(c);
    return SaveRecordVersion(
        tx, caller,
        {org_id, kLm3, c.id, c.version, "", c.input.name, body, caller.user.id, c.updated_at},
        body);
  }));
  return c;
}

Result<Lm3Calculation> MeasureService::GetLm3(const Caller& caller, const std::string& org_id,
                                              const std::string& lm3_id, int64_t version) {
  Lm3Calculation c;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kRead));
    auto rec = TRY(tx.FindRecord(org_id, kLm3, lm3_id, version));
    if (!rec)
      return Fail(Error::Make(ErrorCode::kNotFound, version == 0
                                                        ? "no such LM3 calculation"
                                                        : "this calculation has no such version"));
    c = TRY(Lm3FromRecord(*rec));
    return {};
  }));
  return c;
}

Result<std::vector<Lm3Calculation>> MeasureService::Lm3Versions(const Caller& caller,
                                                                const std::string& org_id,
                                                                const std::string& lm3_id) {
  std::vector<Lm3Calculation> out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kRead));
    auto versions = TRY(tx.ListRecordVersions(org_id, kLm3, lm3_id));
    if (versions.empty()) return Fail(Error::Make(ErrorCode::kNotFound, "no such LM3 calculation"));
    for (const RecordVersion& v : versions)
      if (auto rec = TRY(tx.FindRecord(org_id, kLm3, lm3_id, v.version)))
        out.push_back(TRY(Lm3FromRecord(*rec)));
    return {};
  }));
  return out;
}

}  // namespace valuemark::app
