// The value bank (docs/api.md "Value bank"): an organisation's own financial
// proxies, each with its source, price year and currency, added one by one or
// from CSV, corrected as new versions whose old values stay readable.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "app/crypto.h"
#include "app/measure/measure.h"
#include "app/validate.h"
#include "core/calendar.h"
#include "core/impact_map.h"
#include "formats/csv_rows.h"
#include "formats/csv_writer.h"
#include "formats/json_reader.h"

namespace valuemark::app {
namespace {

constexpr char kProxy[] = "proxy";
constexpr int kFirstPriceYear = 1900;

Result<Proxy> ProxyFromRecord(const RecordVersion& r) {
  Proxy p;
  TRY(formats::ReadStoredObject(r.body, "value-bank entry", [&](formats::ObjectReader& j) {
    p.name = j.String("name").value_or("");
    p.value = j.Number("value", formats::kAnyNumber).value_or(0);
    p.unit = j.String("unit").value_or("");
    p.source = j.String("source").value_or("");
    p.description = j.String("description").value_or("");
    if (!j.IsNull("price_year"))
      if (auto y = j.Integer("price_year", formats::kAnyNumber))
        p.price_year = static_cast<int>(*y);
    p.currency = j.String("currency").value_or("GBP");
  }));
  p.id = r.id;
  p.version = r.version;
  p.updated_at = r.created_at;
  p.updated_by = r.created_by;
  return p;
}

std::string ProxyJson(const Proxy& p) {
  nlohmann::ordered_json j{{"name", p.name},
                           {"value", p.value},
                           {"unit", p.unit},
                           {"source", p.source},
                           {"description", p.description},
                           {"currency", p.currency}};
  j["price_year"] = p.price_year ? nlohmann::ordered_json(*p.price_year) : nullptr;
  return j.dump();
}

// Checks the fields given and puts them into `out`; `prefix` names where they
// came from ("" or "rows[3]."). Adding, name, value and source are required;
// changing, a field not given keeps what `out` has.
void CheckProxy(const ProxyInput& in, const std::string& prefix, bool adding, int this_year,
                Proxy& out, std::vector<FieldError>& errors) {
  auto text = [&](const char* field, const std::optional<std::string>& value, size_t min,
                  size_t max, std::string& target, Lines lines = Lines::kSingle) {
    const std::string path = prefix + field;
    if (!value) {
      if (adding && min > 0) errors.push_back({path, "is required"});
      return;
    }
    if (value->find_first_not_of(" \t") == std::string::npos) {
      if (min > 0)
        errors.push_back({path, "is required"});
      else
        target.clear();
      return;
    }
    if (auto t = CleanText(path, *value, min, max, lines)) {
      target = *t;
    } else {
      errors.push_back(t.error().fields.front());
    }
  };
  text("name", in.name, 1, 200, out.name);
  text("unit", in.unit, 0, 100, out.unit);
  // A value without a source is a "wooden dollar": it cannot be checked.
  text("source", in.source, 1, 500, out.source);
  text("description", in.description, 0, 1000, out.description, Lines::kMulti);
  if (!in.value) {
    if (adding) errors.push_back({prefix + "value", "is required"});
  } else if (!std::isfinite(*in.value)) {
    errors.push_back({prefix + "value", "must be a number"});
  } else if (auto problem = kProxyRange.Check(*in.value)) {
    // A value no map could use (core/impact_map.h kMaxProxy).
    errors.push_back({prefix + "value", *problem});
  } else {
    out.value = *in.value;
  }
  if (in.price_year) {
    if (!*in.price_year) {
      out.price_year.reset();
    } else if (**in.price_year < kFirstPriceYear || **in.price_year > this_year) {
      errors.push_back(
          {prefix + "price_year", fmt::format("must be a year from {} to {}, got {}",
                                              kFirstPriceYear, this_year, **in.price_year)});
    } else {
      out.price_year = **in.price_year;
    }
  }
  if (in.currency) {
    std::string code = *in.currency;
    std::transform(code.begin(), code.end(), code.begin(),
                   [](unsigned char c) { return std::toupper(c); });
    if (code.size() != 3 || !std::all_of(code.begin(), code.end(),
                                         [](unsigned char c) { return c >= 'A' && c <= 'Z'; }))
      errors.push_back({prefix + "currency",
                        fmt::format("must be a three-letter currency code such as GBP, got \"{}\"",
                                    OneLine(*in.currency))});
    else
      out.currency = code;
  }
}

RecordVersion ProxyRecord(const std::string& org_id, const Proxy& p) {
  return {org_id, kProxy, p.id, p.version, "", p.name, ProxyJson(p), p.updated_by, p.updated_at};
}

int ThisYear(UnixTime now) { return CivilFromDays(DayOf(now)).year; }

}  // namespace

Result<std::vector<Proxy>> MeasureService::ListProxies(const Caller& caller,
                                                       const std::string& org_id,
                                                       const std::string& query) {
  std::vector<Proxy> out;
  const std::string needle = AsciiLower(query);
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kRead));
    auto list = TRY(tx.ListRecords(org_id, kProxy));
    for (const RecordVersion& rec : list) {
      auto p = TRY(ProxyFromRecord(rec));
      if (!needle.empty() &&
          AsciiLower(p.name + " " + p.unit + " " + p.source + " " + p.description).find(needle) ==
              std::string::npos)
        continue;
      out.push_back(std::move(p));
    }
    return {};
  }));
  return out;
}

Result<Proxy> MeasureService::AddProxy(const Caller& caller, const std::string& org_id,
                                       const ProxyInput& input) {
  Proxy p;
  const UnixTime now = Now();
  std::vector<FieldError> errors;
  CheckProxy(input, "", true, ThisYear(now), p, errors);
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  p.id = NewId();
  p.updated_at = now;
  p.updated_by = caller.user.id;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kContribute));
    const RecordVersion rec = ProxyRecord(org_id, p);
    return SaveRecordVersion(tx, caller, rec, rec.body);
  }));
  return p;
}

Result<Proxy> MeasureService::UpdateProxy(const Caller& caller, const std::string& org_id,
                                          const std::string& proxy_id, const ProxyInput& input) {
  Proxy p;
  const UnixTime now = Now();
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kContribute));
    auto latest = TRY(tx.FindRecord(org_id, kProxy, proxy_id, 0));
    if (!latest) return Fail(Error::Make(ErrorCode::kNotFound, "no such proxy"));
    TRY(CheckVersionSeen("changed this proxy", input.version, latest->version));
    p = TRY(ProxyFromRecord(*latest));
    std::vector<FieldError> errors;
    CheckProxy(input, "", false, ThisYear(now), p, errors);
    if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
    p.version = latest->version + 1;
    p.updated_at = now;
    p.updated_by = caller.user.id;
    const RecordVersion rec = ProxyRecord(org_id, p);
    return SaveRecordVersion(tx, caller, rec, rec.body);
  }));
  return p;
}

Result<std::vector<Proxy>> MeasureService::ProxyVersions(const Caller& caller,
                                                         const std::string& org_id,
                                                         const std::string& proxy_id) {
  std::vector<Proxy> out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kRead));
    auto versions = TRY(tx.ListRecordVersions(org_id, kProxy, proxy_id));
    if (versions.empty()) return Fail(Error::Make(ErrorCode::kNotFound, "no such proxy"));
    for (const RecordVersion& v : versions) {
      auto rec = TRY(tx.FindRecord(org_id, kProxy, proxy_id, v.version));
      if (rec) out.push_back(TRY(ProxyFromRecord(*rec)));
    }
    return {};
  }));
  return out;
}

Result<std::vector<Proxy>> MeasureService::ImportProxies(const Caller& caller,
                                                         const std::string& org_id,
                                                         const std::string& csv) {
  auto rows = TRY(formats::ParseCsvRows(csv));
  static constexpr char kColumnList[] =
      "name, value, unit, source, description, price_year, currency";
  if (rows.empty())
    return Fail(
        InvalidField("csv", fmt::format("is empty: expected a header row {}", kColumnList)));
  static const std::vector<std::string> kColumns = {
      "name", "value", "unit", "source", "description", "price_year", "currency"};
  std::vector<FieldError> errors;
  std::map<std::string, size_t> column;
  for (size_t c = 0; c < rows[0].size(); ++c) {
    const std::string name = AsciiLower(rows[0][c]);
    if (std::find(kColumns.begin(), kColumns.end(), name) == kColumns.end()) {
      errors.push_back(
          {fmt::format("columns[{}]", c),
           fmt::format("unknown column \"{}\": expected {}", OneLine(name), kColumnList)});
    } else {
      column[name] = c;
    }
  }
  for (const char* required : {"name", "value", "source"})
    if (!column.contains(required))
      errors.push_back({"columns", fmt::format("must include \"{}\"", required)});
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  const UnixTime now = Now();
  std::vector<Proxy> proxies;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    if (row.size() == 1 && row[0].empty()) continue;  // a blank line
    auto cell = [&](const char* name) -> std::optional<std::string> {
      auto it = column.find(name);
      if (it == column.end() || it->second >= row.size()) return std::nullopt;
      return formats::RestoreCsvText(row[it->second]);  // as a spreadsheet export of ours wrote it
    };
    const std::string prefix = fmt::format("rows[{}].", i);
    ProxyInput in{cell("name"), cell("unit"), cell("source"), cell("description"),
                  std::nullopt, std::nullopt, std::nullopt,   std::nullopt};
    auto number = [&](const char* name) -> std::optional<double> {
      auto v = cell(name);
      if (!v) return std::nullopt;
      char* end = nullptr;
      const double d = std::strtod(v->c_str(), &end);
      if (v->empty() || end != v->c_str() + v->size() || !std::isfinite(d)) {
        errors.push_back({prefix + name, fmt::format("must be a number, got \"{}\"", OneLine(*v))});
        return std::nullopt;
      }
      return d;
    };
    const bool has_value = cell("value").has_value();
    in.value = number("value");
    if (has_value && !in.value) in.value = 0;  // reported above, not again as "is required"
    if (auto year = cell("price_year"); year && !year->empty()) {
      if (auto y = number("price_year")) {
        if (*y != std::floor(*y) || std::abs(*y) > 1e6)
          errors.push_back({prefix + "price_year",
                            fmt::format("must be a whole year, got \"{}\"", OneLine(*year))});
        else
          in.price_year = static_cast<int>(*y);
      }
    }
    if (auto currency = cell("currency"); currency && !currency->empty()) in.currency = currency;
    Proxy p;
    CheckProxy(in, prefix, true, ThisYear(now), p, errors);
    p.id = NewId();
    p.updated_at = now;
    p.updated_by = caller.user.id;
    proxies.push_back(std::move(p));
  }
  if (proxies.empty() && errors.empty())
    errors.push_back({"rows", "has no proxies below the header"});
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kContribute));
    for (const Proxy& p : proxies) {
      const RecordVersion rec = ProxyRecord(org_id, p);
      TRY(SaveRecordVersion(tx, caller, rec, rec.body));
    }
    return {};
  }));
  return proxies;
}

}  // namespace valuemark::app
