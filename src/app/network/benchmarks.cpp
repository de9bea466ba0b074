#include "app/network/benchmarks.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "app/audit/chain.h"
#include "app/measure/measure.h"
#include "app/network/directory.h"
#include "app/surveys/surveys.h"
#include "core/calendar.h"
#include "core/sroi.h"
#include "formats/impact_map_json.h"
#include "formats/json_writer.h"
#include "formats/survey_json.h"

namespace valuemark::app {
namespace {

constexpr char kSroi[] = "sroi_ratio";
constexpr char kSelfAssessment[] = "self_assessment";
constexpr char kLevel[] = "certification_level:";
constexpr char kDays[] = "certification_days:";
constexpr char kValuePerPound[] = "value_per_pound:";
constexpr char kShareImproved[] = "survey_share_improved";

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const char* SizeWords(SizeBand b) {
  switch (b) {
    case SizeBand::kSmall:
      return "small";
    case SizeBand::kMedium:
      return "medium";
    case SizeBand::kLarge:
      return "large";
    case SizeBand::kVeryLarge:
      return "very large";
  }
  return "";
}

std::string RegionName(const std::string& code) {
  const TaxonomyTerm* t = FindTerm(DirectoryTaxonomy(), TaxonomyKind::kArea, code);
  return t ? t->name : code;
}

// The organisation's figures, as they stand now.
Result<std::vector<std::pair<std::string, double>>> OwnFigures(Transaction& tx,
                                                               const SchemeCatalogue& schemes,
                                                               const std::string& org_id,
                                                               Days today) {
  std::vector<std::pair<std::string, double>> out;
  if (auto sa = TRY(LatestSelfAssessment(tx, org_id))) {
    out.emplace_back(kSelfAssessment, sa->result.overall);
    for (const SaPrincipleScore& p : sa->result.principles)
      out.emplace_back(std::string(kSelfAssessment) + ":" + p.key, p.score);
  }
  // The SROI ratio of the map in use changed last.
  std::optional<RecordVersion> latest;
  for (RecordVersion& m : TRY(ImpactMapsOf(tx, org_id)))
    if (!latest || m.created_at > latest->created_at) latest = std::move(m);
  if (latest) {
    if (auto map = formats::ParseImpactMap(latest->body)) {
      const SroiResult r = ComputeSroi(*map);
      if (r.sroi_ratio && std::isfinite(*r.sroi_ratio)) {
        out.emplace_back(kSroi, *r.sroi_ratio);
        // Value per £1 by outcome theme: the ratio again, compared among
        // those whose directory profile names the same theme.
        if (auto profile = TRY(tx.FindDirectoryEntryOfOrganisation(org_id)))
          for (const std::string& theme : profile->themes)
            out.emplace_back(kValuePerPound + theme, *r.sroi_ratio);
      }
    }
  }
  // Survey indicators: of the respondents who rated an outcome before and
  // now in its latest survey that asked, the share whose "now" is higher.
  for (const SurveyRecord& survey : TRY(tx.ListSurveys(org_id))) {  // newest first
    if (survey.response_count == 0) continue;
    auto design = formats::ParseStoredDesign(survey.design);
    if (!design) continue;
    const SurveyResults results = TRY(ComputeSurveyResults(tx, survey, *design, false));
    int64_t respondents = 0, changed = 0;
    for (const SurveyOutcomeResult& o : results.outcomes) {
      respondents += o.respondents;
      changed += o.changed;
    }
    if (respondents == 0) continue;
    out.emplace_back(kShareImproved,
                     100.0 * static_cast<double>(changed) / static_cast<double>(respondents));
    break;
  }
  // Per scheme: the highest level in force, and how long the application that
  // earned it took from its start to the award.
  std::map<std::string, std::pair<int, double>> held;
  for (const Application& a : TRY(tx.ListApplicationsOfOrganisation(org_id))) {
    if (a.certificate_id.empty()) continue;
    auto stored = TRY(tx.FindCertificate(a.certificate_id));
    if (!stored || stored->standing != CertificateStanding::kActive) continue;
    const Certificate& c = stored->certificate;
    auto awarded = ParseDate(c.awarded_on);
    auto expires = ParseDate(c.expires_on);
    if (!awarded || !expires || DaysFromCivil(*expires) <= today) continue;
    const double days = static_cast<double>(DaysFromCivil(*awarded) - DayOf(a.created_at));
    auto [it, fresh] = held.try_emplace(c.scheme_id, c.level, days);
    if (!fresh && c.level > it->second.first) it->second = {c.level, days};
  }
  for (const auto& [scheme, level_days] : held) {
    if (schemes.Latest(scheme) == nullptr) continue;
    out.emplace_back(kLevel + scheme, level_days.first);
    out.emplace_back(kDays + scheme, std::max(0.0, level_days.second));
  }
  return out;
}

struct MetricWords {
  std::string label;
  std::string unit;
  int order = 0;
};

MetricWords Describe(const std::string& key, const SchemeCatalogue& schemes) {
  if (key == kSelfAssessment) return {"Self-assessment, overall", "score", 0};
  if (key.starts_with(std::string(kSelfAssessment) + ":")) {
    const std::string principle = key.substr(std::string(kSelfAssessment).size() + 1);
    std::string name = principle;
    if (auto q = MeasureService::SelfAssessmentQuestions(); q && *q)
      for (const SaStage& stage : (*q)->stages)
        if (stage.key == principle) name = stage.name;
    return {"Self-assessment: " + name, "score", 1};
  }
  if (key == kSroi) return {"SROI ratio of the latest impact map", "ratio", 2};
  if (key == kShareImproved)
    return {"Survey respondents reporting an improvement (latest survey)", "percent", 2};
  if (key.starts_with(kValuePerPound)) {
    const std::string theme = key.substr(std::string(kValuePerPound).size());
    const TaxonomyTerm* t = FindTerm(DirectoryTaxonomy(), TaxonomyKind::kTheme, theme);
    return {"Value per £1 invested, among those working on " + (t ? t->name : theme), "ratio", 2};
  }
  auto scheme_name = [&](const std::string& id) {
    const Scheme* s = schemes.Latest(id);
    return s ? s->name : id;
  };
  if (key.starts_with(kLevel))
    return {scheme_name(key.substr(std::string(kLevel).size())) + ": level held", "level", 3};
  if (key.starts_with(kDays))
    return {scheme_name(key.substr(std::string(kDays).size())) +
                ": days from starting the application to the award",
            "days", 4};
  return {key, "", 9};
}

}  // namespace

Result<BenchmarkReport> BenchmarkService::Report(const Caller& caller, const std::string& org_id) {
  return store_.ReadValue([&](Transaction& tx) -> Result<BenchmarkReport> {
    auto role = TRY(Authorise(tx, caller, org_id, OrgAction::kRead));
    BenchmarkReport out;
    out.settings.may_change =
        Decide(caller.user.platform_role, role, OrgAction::kDecide) == Access::kAllow;
    auto mine = TRY(tx.FindBenchmarkContribution(org_id));
    if (auto org = TRY(tx.FindOrganisation(org_id))) {
      out.settings.sector = Lower(org->sector);
      out.settings.size_band = org->size_band;
    }
    if (!mine) return out;
    out.settings.opted_in = true;
    out.settings.region = mine->region;
    out.settings.region_name = RegionName(mine->region);
    out.settings.sector = mine->sector;
    out.settings.size_band = mine->size_band;
    out.settings.opted_in_at = mine->opted_in_at;
    out.settings.refreshed_at = mine->refreshed_at;

    // Every contributor, once, with the groups it falls in; figures by metric.
    struct Contributor {
      bool sector, region, size;
      UnixTime refreshed_at;
    };
    std::vector<Contributor> contributors;
    std::map<std::string, std::vector<std::pair<int64_t, double>>> figures;
    std::string last;
    int64_t own = -1;
    const std::string own_size = Name(mine->size_band);
    TRY(tx.ScanBenchmarkFigures([&](const BenchmarkRow& r) {
      if (contributors.empty() || r.organisation_id != last) {
        last = r.organisation_id;
        contributors.push_back({r.sector == mine->sector, r.region == mine->region,
                                r.size_band == own_size, r.refreshed_at});
        if (r.organisation_id == org_id) own = static_cast<int64_t>(contributors.size()) - 1;
      }
      auto [it, fresh] = figures.try_emplace(std::string(r.metric));
      it->second.emplace_back(static_cast<int64_t>(contributors.size()) - 1, r.value);
    }));
    out.contributors = contributors.size();

    struct Group {
      const char* key;
      std::string label;
      bool (*in)(const Contributor&);
    };
    const Group groups[] = {
        {"all", "All contributors", [](const Contributor&) { return true; }},
        {"sector", "Your sector: " + mine->sector, [](const Contributor& c) { return c.sector; }},
        {"region", "Your region: " + RegionName(mine->region),
         [](const Contributor& c) { return c.region; }},
        {"size", fmt::format("Your size: {}", SizeWords(mine->size_band)),
         [](const Contributor& c) { return c.size; }},
        {"peers", "Like you: the same sector, region and size",
         [](const Contributor& c) { return c.sector && c.region && c.size; }},
    };
    std::vector<std::pair<int, BenchmarkMetricView>> ordered;  // in Describe's order
    for (auto& [key, values] : figures) {
      BenchmarkMetricView m;
      m.key = key;
      const MetricWords words = Describe(key, options_.schemes);
      m.label = words.label;
      m.unit = words.unit;
      for (const auto& [who, value] : values)
        if (who == own) m.own = value;
      std::vector<std::vector<int64_t>> members(std::size(groups));
      std::vector<std::vector<double>> group_values(std::size(groups));
      std::vector<UnixTime> as_of(std::size(groups), 0);
      for (const auto& [who, value] : values) {
        const Contributor& c = contributors[static_cast<size_t>(who)];
        for (size_t g = 0; g < std::size(groups); ++g) {
          if (!groups[g].in(c)) continue;
          members[g].push_back(who);  // in order of the scan: sorted
          group_values[g].push_back(value);
          as_of[g] = std::max(as_of[g], c.refreshed_at);
        }
      }
      const auto decisions = DecideGroups(members);
      for (size_t g = 0; g < std::size(groups); ++g) {
        BenchmarkGroupView v;
        v.key = groups[g].key;
        v.label = groups[g].label;
        v.n = members[g].size();
        v.withheld = decisions[g].withheld;
        if (v.withheld == Withheld::kTooFew)
          v.withheld_reason = fmt::format(
              "Fewer than {} organisations contribute this figure in this group, so it is not "
              "shown",
              kMinBenchmarkGroup);
        else if (v.withheld == Withheld::kDifferencing)
          v.withheld_reason = fmt::format(
              "This group differs from “{}” by fewer than {} organisations, so "
              "comparing the two could reveal theirs: it is not shown",
              groups[decisions[g].like].label, kMinBenchmarkGroup);
        else
          v.summary = Summarise(std::move(group_values[g]), m.own);
        if (v.withheld == Withheld::kShown) v.as_of = FormatDay(DayOf(as_of[g]));
        m.groups.push_back(std::move(v));
      }
      ordered.emplace_back(words.order, std::move(m));
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [order, m] : ordered) out.metrics.push_back(std::move(m));
    return out;
  });
}

Result<BenchmarkSettings> BenchmarkService::OptIn(const Caller& caller, const std::string& org_id,
                                                  const std::string& region) {
  if (FindTerm(DirectoryTaxonomy(), TaxonomyKind::kArea, region) == nullptr)
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "region",
                             "choose the region the organisation works in"));
  return store_.WriteValue([&](Transaction& tx) -> Result<BenchmarkSettings> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kDecide));
    auto org = TRY(tx.FindOrganisation(org_id));
    if (!org) return Fail(Error::Make(ErrorCode::kNotFound, "no such organisation"));
    auto before = TRY(tx.FindBenchmarkContribution(org_id));
    BenchmarkContribution c;
    c.organisation_id = org_id;
    c.sector = Lower(org->sector);
    c.region = region;
    c.size_band = org->size_band;
    c.opted_in_by = before ? before->opted_in_by : caller.user.id;
    c.opted_in_at = before ? before->opted_in_at : Now();
    c.refreshed_at = Now();
    const auto figures = TRY(OwnFigures(tx, options_.schemes, org_id, DayOf(Now())));
    TRY(tx.UpsertBenchmarkContribution(c));
    TRY(tx.ReplaceBenchmarkFigures(org_id, figures));
    formats::JsonWriter w(0);
    w.BeginObject()
        .Field("region", region)
        .Field("sector", c.sector)
        .Field("figures", static_cast<int64_t>(figures.size()))
        .EndObject();
    TRY(AppendAuditEvent(tx,
                         {caller.user.id, before ? "benchmark.update" : "benchmark.opt_in",
                          "organisation", org_id, org_id, w.Take()},
                         Now()));
    BenchmarkSettings s;
    s.opted_in = true;
    s.region = region;
    s.region_name = RegionName(region);
    s.sector = c.sector;
    s.size_band = c.size_band;
    s.opted_in_at = c.opted_in_at;
    s.refreshed_at = c.refreshed_at;
    s.may_change = true;
    return s;
  });
}

Result<void> BenchmarkService::OptOut(const Caller& caller, const std::string& org_id) {
  return store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kDecide));
    if (!TRY(tx.FindBenchmarkContribution(org_id))) return {};
    TRY(tx.DeleteBenchmarkContribution(org_id));
    return AppendAuditEvent(
        tx, {caller.user.id, "benchmark.opt_out", "organisation", org_id, org_id, "{}"}, Now());
  });
}

}  // namespace valuemark::app
