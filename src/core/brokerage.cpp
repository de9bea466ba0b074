#include "core/brokerage.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <tuple>

#include "core/calendar.h"
#include "core/enum_names.h"
#include "core/number_format.h"

namespace valuemark {
namespace {

constexpr detail::NameTable<NeedStatus, 2> kNeedStatuses{
    {{"open", NeedStatus::kOpen}, {"closed", NeedStatus::kClosed}}};
constexpr detail::NameTable<MatchStage, 7> kStages{{{"shortlisted", MatchStage::kShortlisted},
                                                    {"proposed", MatchStage::kProposed},
                                                    {"introduced", MatchStage::kIntroduced},
                                                    {"agreed", MatchStage::kAgreed},
                                                    {"active", MatchStage::kActive},
                                                    {"completed", MatchStage::kCompleted},
                                                    {"declined", MatchStage::kDeclined}}};
constexpr detail::NameTable<PartnerSide, 2> kSides{
    {{"need", PartnerSide::kNeed}, {"candidate", PartnerSide::kCandidate}}};

const char* SizeWords(SizeBand b) {
  switch (b) {
    case SizeBand::kSmall:
      return "small";
    case SizeBand::kMedium:
      return "medium-sized";
    case SizeBand::kLarge:
      return "large";
    case SizeBand::kVeryLarge:
      return "very large";
  }
  return "";
}

constexpr double kTolerance = 1e-9;

std::string Percent(double fraction) {
  const double p = std::round(fraction * 1000) / 10;  // one decimal when it has one
  return p == std::floor(p) ? fmt::format("{:.0f}%", p) : fmt::format("{:.1f}%", p);
}

// The names of a mask's terms, joined in words ("Food, Housing and Energy";
// "Jobs and skills; Food" when a name has an "and" of its own).
std::string NamesOf(const Taxonomy& t, TaxonomyKind kind, int64_t mask) {
  std::vector<std::string> names;
  bool has_and = false;
  for (const TaxonomyTerm& term : Terms(t, kind))
    if ((mask >> term.bit) & 1) {
      names.push_back(term.name);
      has_and = has_and || term.name.find(" and ") != std::string::npos;
    }
  std::string out;
  for (size_t i = 0; i < names.size(); ++i)
    out += (i == 0 ? "" : has_and ? "; " : i + 1 == names.size() ? " and " : ", ") + names[i];
  return out;
}

int64_t UkWideMask(const Taxonomy& t) {
  const TaxonomyTerm* uk = FindTerm(t, TaxonomyKind::kArea, "uk_wide");
  return uk ? (int64_t{1} << uk->bit) : 0;
}

bool AreaMatches(const Taxonomy& t, int64_t need_areas, int64_t entry_areas) {
  const int64_t uk = UkWideMask(t);
  return (need_areas & entry_areas) != 0 || (entry_areas & uk) != 0 || (need_areas & uk) != 0;
}

double ThemePoints(int64_t need_themes, int64_t entry_themes) {
  const int wanted = std::popcount(static_cast<uint64_t>(need_themes));
  if (wanted == 0) return 0;
  const int shared = std::popcount(static_cast<uint64_t>(need_themes & entry_themes));
  return kThemePoints * shared / wanted;
}

double CertificationPoints(int level, int levels) {
  if (level <= 0 || levels <= 0) return 0;
  return kCertificationPoints * std::min(level, levels) / levels;
}

}  // namespace

const char* Name(NeedStatus s) { return detail::NameFrom(kNeedStatuses, s); }
Result<NeedStatus> ParseNeedStatus(const std::string& s) {
  return detail::ParseFrom(kNeedStatuses, s);
}
const char* Name(MatchStage s) { return detail::NameFrom(kStages, s); }
Result<MatchStage> ParseMatchStage(const std::string& s) { return detail::ParseFrom(kStages, s); }
const char* Name(PartnerSide s) { return detail::NameFrom(kSides, s); }
Result<PartnerSide> ParsePartnerSide(const std::string& s) { return detail::ParseFrom(kSides, s); }

const char* Describe(MatchStage s) {
  switch (s) {
    case MatchStage::kShortlisted:
      return "Shortlisted by the broker";
    case MatchStage::kProposed:
      return "Proposed, awaiting the candidate's answer";
    case MatchStage::kIntroduced:
      return "Introduced";
    case MatchStage::kAgreed:
      return "Agreed to work together";
    case MatchStage::kActive:
      return "Working together";
    case MatchStage::kCompleted:
      return "Completed";
    case MatchStage::kDeclined:
      return "Declined";
  }
  return "";
}

Result<void> NormaliseNeed(const Taxonomy& t, Need& n) {
  std::vector<FieldError> errors;
  auto check = [&](const char* field, TaxonomyKind kind, std::vector<std::string>& codes,
                   int64_t& mask, size_t max) {
    auto m = MaskOf(t, kind, codes, /*allow_retired=*/false);
    if (!m) {
      errors.push_back({field, m.error().message});
      return;
    }
    mask = *m;
    codes = CodesOf(t, kind, mask);
    if (codes.empty())
      errors.push_back({field, "choose at least one"});
    else if (codes.size() > max)
      errors.push_back({field, fmt::format("choose at most {}", max)});
  };
  check("themes", TaxonomyKind::kTheme, n.themes, n.theme_mask, kMaxDirectoryThemes);
  check("areas", TaxonomyKind::kArea, n.areas, n.area_mask, t.areas.size());
  if (n.budget_pence && (*n.budget_pence < 0 || *n.budget_pence > kMaxNeedBudgetPence))
    errors.push_back(
        {"budget_pence",
         fmt::format("must be from £0 to {}", GroupedNumber(kMaxNeedBudgetPence / 100.0, "£"))});
  std::optional<Days> start, end;
  for (auto [field, text, day] :
       {std::tuple{"starts_on", &n.starts_on, &start}, std::tuple{"ends_on", &n.ends_on, &end}}) {
    if (text->empty()) continue;
    auto d = ParseDate(*text);
    if (!d)
      errors.push_back({field, "must be a date such as 2027-04-01"});
    else
      *day = DaysFromCivil(*d);
  }
  if (start && end && *end < *start)
    errors.push_back(
        {"ends_on", fmt::format("must be on or after the start, {}", ReadableDate(n.starts_on))});
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return {};
}

Result<void> CheckMatchMove(MatchStage from, MatchStage to, MatchParty party) {
  using S = MatchStage;
  auto refuse = [](std::string message) {
    return Fail(Error::Make(ErrorCode::kFailedPrecondition, std::move(message)));
  };
  auto denied = [](std::string message) {
    return Fail(Error::Make(ErrorCode::kPermissionDenied, std::move(message)));
  };
  if (from == S::kCompleted || from == S::kDeclined)
    return refuse(fmt::format("this match is {}: it moves no further",
                              from == S::kCompleted ? "completed" : "declined"));
  if (to == from) return refuse(fmt::format("this match is already at \"{}\"", Describe(from)));
  if (to == S::kShortlisted) return refuse("a match goes back to the shortlist only by a new one");
  if (to == S::kDeclined) {
    if (from == S::kShortlisted && party != MatchParty::kBroker)
      return denied("only the broker takes an entry off the shortlist");
    if (from == S::kProposed && party == MatchParty::kNeed)
      return denied("the candidate answers a proposal first: the broker can withdraw it for you");
    return {};
  }
  const auto next = static_cast<S>(static_cast<int>(from) + 1);
  if (to != next)
    return refuse(fmt::format("from \"{}\" a match moves to \"{}\" (or is declined)",
                              Describe(from), Describe(next)));
  switch (to) {
    case S::kProposed:
      if (party != MatchParty::kBroker) return denied("only the broker proposes a candidate");
      return {};
    case S::kIntroduced:
      if (party == MatchParty::kNeed)
        return denied("only the candidate accepts a proposal (or the broker, on its word)");
      return {};
    default:
      return {};  // agreed, active, completed: either partner or the broker
  }
}

bool ContactShared(MatchStage stage, bool was_introduced) {
  switch (stage) {
    case MatchStage::kShortlisted:
    case MatchStage::kProposed:
      return false;
    case MatchStage::kDeclined:
      return was_introduced;
    default:
      return true;
  }
}

int PartnershipSlots(SizeBand b) {
  switch (b) {
    case SizeBand::kSmall:
      return 1;
    case SizeBand::kMedium:
      return 2;
    case SizeBand::kLarge:
      return 4;
    case SizeBand::kVeryLarge:
      return 8;
  }
  return 1;
}

double ScoreWithoutCapacity(const Need& need, int64_t theme_mask, int64_t area_mask,
                            const Taxonomy& t, int certificate_level, int certificate_levels) {
  return ThemePoints(need.theme_mask, theme_mask) +
         (AreaMatches(t, need.area_mask, area_mask) ? kAreaPoints : 0) +
         CertificationPoints(certificate_level, certificate_levels);
}

RankedCandidate ScoreCandidate(const Taxonomy& t, const Need& need, const CandidateFacts& f) {
  RankedCandidate r;
  r.facts = f;
  // Themes.
  {
    const int wanted = std::popcount(static_cast<uint64_t>(need.theme_mask));
    const int64_t shared_mask = need.theme_mask & f.theme_mask;
    const int shared = std::popcount(static_cast<uint64_t>(shared_mask));
    std::string reason =
        shared == 0 ? fmt::format("Works on none of the {} themes wanted", wanted)
        : shared == wanted
            ? fmt::format("Works on {} the themes wanted: {}", wanted == 1 ? "the one of" : "all",
                          NamesOf(t, TaxonomyKind::kTheme, shared_mask))
            : fmt::format("Works on {} of the {} themes wanted: {}", shared, wanted,
                          NamesOf(t, TaxonomyKind::kTheme, shared_mask));
    r.parts.push_back(
        {"Themes", ThemePoints(need.theme_mask, f.theme_mask), kThemePoints, std::move(reason)});
  }
  // Area.
  {
    const int64_t uk = UkWideMask(t);
    const int64_t shared = need.area_mask & f.area_mask & ~uk;
    std::string reason;
    if (shared != 0)
      reason = fmt::format("Serves {}", NamesOf(t, TaxonomyKind::kArea, shared));
    else if ((f.area_mask & uk) != 0)
      reason = "Serves the whole UK";
    else if ((need.area_mask & uk) != 0)
      reason = "The need is UK-wide, so any area serves";
    else
      reason = fmt::format("Serves none of the areas wanted ({})",
                           NamesOf(t, TaxonomyKind::kArea, need.area_mask));
    r.parts.push_back({"Area", AreaMatches(t, need.area_mask, f.area_mask) ? kAreaPoints : 0,
                       kAreaPoints, std::move(reason)});
  }
  // Certification.
  {
    const double points = CertificationPoints(f.certificate_level, f.certificate_levels);
    std::string reason = f.certificate_level <= 0
                             ? std::string("Holds no certificate in force")
                             : fmt::format("Holds the {} (level {} of {})", f.certificate_title,
                                           f.certificate_level, f.certificate_levels);
    r.parts.push_back({"Certification", points, kCertificationPoints, std::move(reason)});
  }
  // Capacity.
  {
    const int slots = PartnershipSlots(f.size_band);
    const int free = std::max(0, slots - f.active_partnerships);
    const double points = kCapacityPoints * free / slots;
    const std::string size = SizeWords(f.size_band);
    std::string reason =
        f.active_partnerships == 0
            ? fmt::format("A {} enterprise in no other partnership now", size)
        : free == 0
            ? fmt::format("A {} enterprise already in {} partnership{}: no capacity to spare", size,
                          f.active_partnerships, f.active_partnerships == 1 ? "" : "s")
            : fmt::format("A {} enterprise ({} partnerships at once) in {} now", size, slots,
                          f.active_partnerships);
    r.parts.push_back({"Capacity", points, kCapacityPoints, std::move(reason)});
  }
  for (const ScorePart& p : r.parts) r.score += p.points;
  return r;
}

void SortRanked(std::vector<RankedCandidate>& ranked) {
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const RankedCandidate& a, const RankedCandidate& b) {
                     if (std::abs(a.score - b.score) > kTolerance) return a.score > b.score;
                     if (a.facts.name != b.facts.name) return a.facts.name < b.facts.name;
                     return a.facts.entry_id < b.facts.entry_id;
                   });
}

Result<void> CheckPartnership(const std::vector<SharedOutcome>& outcomes) {
  std::vector<FieldError> errors;
  if (outcomes.size() > kMaxSharedOutcomes)
    errors.push_back({"outcomes", fmt::format("at most {} outcomes", kMaxSharedOutcomes)});
  for (size_t i = 0; i < outcomes.size() && i < kMaxSharedOutcomes; ++i) {
    const SharedOutcome& o = outcomes[i];
    const std::string at = fmt::format("outcomes[{}]", i);
    if (o.description.empty())
      errors.push_back({at + ".description", "say what the partners create together"});
    else if (o.description.size() > kMaxSharedOutcomeText)
      errors.push_back(
          {at + ".description", fmt::format("at most {} characters", kMaxSharedOutcomeText)});
    bool seen[2] = {false, false};
    double total = 0;
    bool shares_ok = true;
    for (size_t j = 0; j < o.claims.size(); ++j) {
      const PartnerClaim& c = o.claims[j];
      const std::string claim = fmt::format("{}.claims[{}]", at, j);
      if (seen[static_cast<int>(c.side)]) {
        errors.push_back({claim + ".side", "each partner claims an outcome once"});
        shares_ok = false;
      }
      seen[static_cast<int>(c.side)] = true;
      if (!std::isfinite(c.share) || c.share < 0 || c.share > 1) {
        errors.push_back({claim + ".share", "must be from 0% to 100%"});
        shares_ok = false;
      } else {
        total += c.share;
      }
      if (c.map_id.empty() != c.outcome_id.empty())
        errors.push_back({claim + (c.map_id.empty() ? ".map_id" : ".outcome_id"),
                          "choose the impact map and the outcome in it together"});
    }
    if (shares_ok && total > 1 + kTolerance)
      errors.push_back(
          {at + ".claims",
           fmt::format("the shares add up to {}: together the partners may claim at most 100% of "
                       "an outcome, or it is counted twice",
                       Percent(total))});
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return {};
}

std::vector<Finding> PartnershipFindings(const ImpactMap& map,
                                         const std::vector<ClaimOnMap>& claims) {
  std::vector<Finding> out;
  for (const ClaimOnMap& c : claims) {
    const auto it = std::find_if(map.outcomes.begin(), map.outcomes.end(),
                                 [&](const Outcome& o) { return o.id == c.outcome_id; });
    if (it == map.outcomes.end()) {
      out.push_back({"shared-outcome-missing", 5, Severity::kWarning, "outcomes",
                     fmt::format("The outcome shared with {} (\"{}\") is linked to an outcome this "
                                 "map no longer has: link the partnership to the outcome that "
                                 "counts it",
                                 c.partner_name, c.shared_description)});
      continue;
    }
    const size_t i = static_cast<size_t>(it - map.outcomes.begin());
    const std::string path = fmt::format("outcomes[{}].attribution", i);
    const double claimed = 1 - it->attribution.value();
    const double partner = c.partner_claimed.value_or(c.partner_agreed_share);
    if (claimed + partner > 1 + kTolerance) {
      out.push_back(
          {"outcome-claimed-twice", 5, Severity::kError, path,
           fmt::format("This outcome is shared with {}: this map claims {} of it and {} claims "
                       "{}, together {}, so part of it is counted twice. Set its attribution to "
                       "at least {} (this map's agreed share is {})",
                       c.partner_name, Percent(claimed), c.partner_name, Percent(partner),
                       Percent(claimed + partner), Percent(1 - c.agreed_share),
                       Percent(c.agreed_share))});
    } else if (claimed > c.agreed_share + kTolerance) {
      out.push_back({"outcome-share-exceeded", 5, Severity::kWarning, path,
                     fmt::format("This outcome is shared with {}, and this map's agreed share of "
                                 "it is {}, but it claims {}: set its attribution to at least {}",
                                 c.partner_name, Percent(c.agreed_share), Percent(claimed),
                                 Percent(1 - c.agreed_share))});
    }
  }
  return out;
}

}  // namespace valuemark
