// Impact maps (docs/api.md "Impact maps").
// A map is stored as the canonical form of the impact-map file (docs/file-formats.md), one record
// version per save, so that the API, the CLI and exports read one format; the calculations run on
// it in src/http with the CLI's engines.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "app/audit/chain.h"
#include "app/measure/measure.h"
#include "app/validate.h"
#include "core/lint.h"
#include "formats/impact_map_json.h"
#include "formats/json_reader.h"

namespace valuemark::app {
namespace {

// Whether a map is archived: a record of its own beside the map (the map file
// takes no unknown keys), one version per change, {"archived": true|false}.
constexpr char kImpactMapArchive[] = "impact_map_archive";

bool ArchivedBody(const std::string& body) {
  const auto j = nlohmann::json::parse(body, nullptr, false);
  return j.is_object() && j.value("archived", false) == true;
}

// The scope a record is filed under must be one of the organisation's.
Result<void> CheckScope(Transaction& tx, const std::string& org_id, const std::string& scope_id) {
  if (scope_id.empty()) return {};
  auto scope = TRY(tx.FindScope(org_id, scope_id));
  if (!scope) return Fail(InvalidField("scope_id", "must be one of the organisation's scopes"));
  return {};
}

// The map's text as every other text input (validate.h): names and ids on
// one line, descriptions and reasons on one or more.
std::vector<FieldError> CheckMapText(const ImpactMap& map) {
  std::vector<FieldError> errors;
  auto check = [&](const std::string& path, std::string_view text, Lines lines) {
    CheckCharacters(path, text, lines, errors);
  };
  auto optional = [&](const std::string& path, const std::optional<std::string>& text,
                      Lines lines) {
    if (text) check(path, *text, lines);
  };
  check("name", map.name, Lines::kSingle);
  optional("period", map.period, Lines::kSingle);
  if (map.period && map.period->size() > 100)
    errors.push_back(
        {"period", "must be at most 100 characters, such as “April 2025 to March 2026”"});
  check("currency", map.currency, Lines::kSingle);
  for (size_t i = 0; i < map.stakeholders.size(); ++i) {
    const Stakeholder& s = map.stakeholders[i];
    check(fmt::format("stakeholders[{}].id", i), s.id, Lines::kSingle);
    check(fmt::format("stakeholders[{}].name", i), s.name, Lines::kSingle);
    optional(fmt::format("stakeholders[{}].involvement", i), s.involvement, Lines::kMulti);
  }
  for (size_t i = 0; i < map.inputs.size(); ++i) {
    check(fmt::format("inputs[{}].stakeholder", i), map.inputs[i].stakeholder, Lines::kSingle);
    check(fmt::format("inputs[{}].description", i), map.inputs[i].description, Lines::kMulti);
  }
  for (size_t i = 0; i < map.outcomes.size(); ++i) {
    const Outcome& o = map.outcomes[i];
    check(fmt::format("outcomes[{}].id", i), o.id, Lines::kSingle);
    check(fmt::format("outcomes[{}].stakeholder", i), o.stakeholder, Lines::kSingle);
    check(fmt::format("outcomes[{}].description", i), o.description, Lines::kMulti);
    optional(fmt::format("outcomes[{}].indicator", i), o.indicator, Lines::kSingle);
    optional(fmt::format("outcomes[{}].proxy.description", i), o.proxy.description, Lines::kMulti);
    optional(fmt::format("outcomes[{}].proxy.source", i), o.proxy.source, Lines::kMulti);
    optional(fmt::format("outcomes[{}].materiality_reason", i), o.materiality_reason,
             Lines::kMulti);
  }
  return errors;
}

// Reads the map of an API body; every problem at once, with its path.
Result<std::pair<ImpactMap, formats::MapEnvelope>> ReadMapBody(const std::string& body) {
  formats::MapEnvelope envelope;
  auto map = TRY(formats::ParseImpactMap(body, &envelope));
  if (auto errors = CheckMapText(map); !errors.empty())
    return Fail(Error::InvalidArgument(std::move(errors)));
  // A verification record vouches for the analysis: not while its own
  // principles check finds errors.
  if (map.verification) {
    const auto findings = LintImpactMap(map);
    const auto errors = std::count_if(findings.begin(), findings.end(), [](const Finding& f) {
      return f.severity == Severity::kError;
    });
    if (errors > 0)
      return Fail(InvalidField(
          "verification",
          fmt::format("cannot be recorded while the principles check finds {} error{}: correct "
                      "{} first",
                      errors, errors == 1 ? "" : "s", errors == 1 ? "it" : "them")));
  }
  return std::pair{std::move(map), std::move(envelope)};
}

std::string MapTitle(const ImpactMap& map) {
  return map.name.empty() ? "Untitled impact map" : map.name;
}

}  // namespace

Result<RecordVersion> MeasureService::CreateImpactMap(const Caller& caller,
                                                      const std::string& org_id,
                                                      const std::string& body) {
  auto read = TRY(ReadMapBody(body));
  RecordVersion rec;
  rec.organisation_id = org_id;
  rec.kind = kImpactMapKind;
  rec.id = NewId();
  rec.version = 1;
  rec.scope_id = read.second.scope_id.value_or("");
  rec.title = MapTitle(read.first);
  rec.body = formats::ImpactMapToJson(read.first).dump();
  rec.created_by = caller.user.id;
  rec.created_at = Now();
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kContribute));
    TRY(CheckScope(tx, org_id, rec.scope_id));
    return SaveRecordVersion(tx, caller, rec, rec.body);
  }));
  return rec;
}

Result<RecordVersion> MeasureService::ReplaceImpactMap(const Caller& caller,
                                                       const std::string& map_id,
                                                       const std::string& body) {
  auto read = TRY(ReadMapBody(body));
  const auto& [map, envelope] = read;
  if (envelope.id && *envelope.id != map_id)
    return Fail(InvalidField(
        "id", fmt::format("must be this map's id \"{}\", got \"{}\"", map_id, *envelope.id)));
  RecordVersion rec;
  rec.kind = kImpactMapKind;
  rec.id = map_id;
  rec.title = MapTitle(map);
  rec.body = formats::ImpactMapToJson(map).dump();
  rec.created_by = caller.user.id;
  rec.created_at = Now();
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    auto org = TRY(AuthoriseRecord(tx, caller, kImpactMapKind, map_id, OrgAction::kContribute));
    auto latest = TRY(tx.FindRecord(org, kImpactMapKind, map_id, 0));
    if (!latest) return Fail(RecordNotFound(kImpactMapKind));
    if (envelope.version && *envelope.version != (latest)->version)
      return Fail(
          Error::Field(ErrorCode::kFailedPrecondition, "version",
                       fmt::format("someone else saved this map first (version {} is now {}): "
                                   "reload and try again",
                                   *envelope.version, (latest)->version)));
    rec.organisation_id = org;
    rec.version = (latest)->version + 1;
    // Absent keeps the scope; null (or "") files it under none.
    rec.scope_id = envelope.scope_id ? *envelope.scope_id : (latest)->scope_id;
    TRY(CheckScope(tx, org, rec.scope_id));
    return SaveRecordVersion(tx, caller, rec, rec.body);
  }));
  return rec;
}

Result<RecordVersion> MeasureService::GetImpactMap(const Caller& caller, const std::string& map_id,
                                                   int64_t version) {
  RecordVersion out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    out = TRY(ReadMapVersion(tx, caller, map_id, version));
    return {};
  }));
  return out;
}

Result<StoredImpactMap> MeasureService::LoadImpactMap(const Caller& caller,
                                                      const std::string& map_id, int64_t version) {
  RecordVersion record = TRY(GetImpactMap(caller, map_id, version));
  ImpactMap map = TRY(formats::ParseImpactMap(record.body));
  return StoredImpactMap{std::move(record), std::move(map)};
}

Result<std::vector<RecordVersion>> MeasureService::ListImpactMaps(const Caller& caller,
                                                                  const std::string& org_id,
                                                                  bool archived) {
  std::vector<RecordVersion> out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kRead));
    out = TRY(ImpactMapsOf(tx, org_id, archived));
    return {};
  }));
  return out;
}

Result<std::vector<RecordVersion>> ImpactMapsOf(Transaction& tx, const std::string& org_id,
                                                bool archived) {
  auto out = TRY(tx.ListRecords(org_id, kImpactMapKind));
  std::set<std::string> put_away;
  for (const RecordVersion& a : TRY(tx.ListRecords(org_id, kImpactMapArchive)))
    if (ArchivedBody(a.body)) put_away.insert(a.id);
  std::erase_if(out, [&](const RecordVersion& m) { return put_away.contains(m.id) != archived; });
  return out;
}

Result<void> MeasureService::SetImpactMapArchived(const Caller& caller, const std::string& map_id,
                                                  bool archived) {
  return store_.Write([&](Transaction& tx) -> Result<void> {
    auto org = TRY(AuthoriseRecord(tx, caller, kImpactMapKind, map_id, OrgAction::kContribute));
    auto map = TRY(tx.FindRecord(org, kImpactMapKind, map_id, 0));
    if (!map) return Fail(RecordNotFound(kImpactMapKind));
    auto state = TRY(tx.FindRecord(org, kImpactMapArchive, map_id, 0));
    if ((state && ArchivedBody(state->body)) == archived) return {};  // already so
    RecordVersion rec{org,
                      kImpactMapArchive,
                      map_id,
                      state ? state->version + 1 : 1,
                      map->scope_id,
                      map->title,
                      nlohmann::json{{"archived", archived}}.dump(),
                      caller.user.id,
                      Now()};
    TRY(CheckQuota(tx, org, {.bytes = static_cast<int64_t>(rec.body.size())}));
    TRY(tx.InsertRecordVersion(rec));
    return AppendAuditEvent(
        tx,
        {caller.user.id, archived ? "impact_map.archive" : "impact_map.restore", kImpactMapKind,
         map_id, org, nlohmann::json{{"version", map->version}, {"name", map->title}}.dump()},
        Now());
  });
}

Result<std::vector<RecordVersion>> MeasureService::ListImpactMapVersions(
    const Caller& caller, const std::string& map_id) {
  std::vector<RecordVersion> out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto org = TRY(AuthoriseRecord(tx, caller, kImpactMapKind, map_id, OrgAction::kRead));
    out = TRY(tx.ListRecordVersions(org, kImpactMapKind, map_id));
    return {};
  }));
  return out;
}

}  // namespace valuemark::app
