#include "core/lint.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "core/sroi.h"

namespace valuemark {
namespace {

// docs/methodology.md §5 P4: a material outcome worth under 1 % of PV.
constexpr double kSmallOutcomeShare = 0.01;
// docs/methodology.md §5 P6: a ratio above 10:1 is flagged for scrutiny.
constexpr double kHighRatio = 10;

// A descriptive field counts as recorded only when it says something.
bool IsBlank(const std::optional<std::string>& s) {
  return !s || s->find_first_not_of(" \t\r\n") == std::string::npos;
}

// What the messages call an item: its human name when it has one, else its id.
const std::string& Label(const Stakeholder& s) { return s.name.empty() ? s.id : s.name; }
const std::string& Label(const Outcome& o) { return o.description.empty() ? o.id : o.description; }

class Linter {
 public:
  explicit Linter(const ImpactMap& map) : map_(map) {
    for (const Stakeholder& s : map.stakeholders) stakeholders_.try_emplace(s.id, &s);
  }

  std::vector<Finding> Run() {
    for (size_t i = 0; i < map_.stakeholders.size(); ++i) CheckStakeholder(i);
    total_pv_ = PresentValue(map_);
    for (size_t i = 0; i < map_.outcomes.size(); ++i) CheckOutcome(i);
    CheckMap();
    return std::move(findings_);
  }

 private:
  void Add(std::string code, int principle, Severity severity, std::string path,
           std::string message) {
    findings_.push_back(
        {std::move(code), principle, severity, std::move(path), std::move(message)});
  }

  void CheckStakeholder(size_t i) {
    const Stakeholder& s = map_.stakeholders[i];
    // docs/methodology.md §5 P1 involve stakeholders.
    if (IsBlank(s.involvement)) {
      Add("stakeholder-not-involved", 1, Severity::kWarning,
          fmt::format("stakeholders[{}].involvement", i),
          fmt::format("Stakeholder \"{}\" has no record of how they were involved.", Label(s)));
    }
  }

  void CheckOutcome(size_t i) {
    const Outcome& o = map_.outcomes[i];
    const std::string& name = Label(o);
    auto path = [i](std::string_view field) {
      return field.empty() ? fmt::format("outcomes[{}]", i)
                           : fmt::format("outcomes[{}].{}", i, field);
    };
    auto it = stakeholders_.find(o.stakeholder);
    const Stakeholder* group = it == stakeholders_.end() ? nullptr : it->second;

    // docs/methodology.md §5 P1: an outcome must belong to a listed stakeholder
    // (docs/file-formats.md: a principles-check error, not an input error).
    if (group == nullptr) {
      Add("unknown-stakeholder", 1, Severity::kError, path("stakeholder"),
          fmt::format("Outcome \"{}\" names stakeholder \"{}\", which is not in the list of "
                      "stakeholders.",
                      name, o.stakeholder));
    }
    // docs/methodology.md §5 P2 understand what changes.
    if (IsBlank(o.indicator)) {
      Add("no-indicator", 2, Severity::kWarning, path("indicator"),
          fmt::format("Outcome \"{}\" has no indicator saying how the change is measured.", name));
    }
    // docs/methodology.md §5 P5 do not over-claim: more people changed than are in
    // the group. An uncertain quantity is judged by the most it allows.
    if (group != nullptr && group->size) {
      const bool uncertain = o.quantity.is_uncertain();
      const double most = uncertain ? o.quantity.distribution()->high : o.quantity.value();
      if (most > *group->size) {
        Add("quantity-exceeds-group", 5, Severity::kError, path("quantity"),
            fmt::format("Outcome \"{}\" has a quantity of {}{}, more than the {} in stakeholder "
                        "group \"{}\".",
                        name, uncertain ? "up to " : "", most, *group->size, Label(*group)));
      }
    }
    // docs/methodology.md §5 P6 be transparent.
    if (IsBlank(o.proxy.description)) {
      Add("proxy-without-description", 6, Severity::kWarning, path("proxy.description"),
          fmt::format("Outcome \"{}\" has a financial proxy with no description of what it "
                      "stands for.",
                      name));
    }
    // docs/methodology.md §5 P3 value the things that matter.
    if (IsBlank(o.proxy.source)) {
      Add("proxy-without-source", 3, Severity::kWarning, path("proxy.source"),
          fmt::format("Outcome \"{}\" has a financial proxy with no source for its value.", name));
    }
    // docs/methodology.md §5 P5 do not over-claim. An immaterial outcome is not
    // counted (§1), so its estimates cannot over-claim.
    if (o.material) {
      if (o.deadweight.value() == 0) {
        Add("zero-deadweight", 5, Severity::kWarning, path("deadweight"),
            fmt::format("Outcome \"{}\" has a deadweight of 0, which claims that none of the "
                        "change would have happened anyway.",
                        name));
      }
      if (o.attribution.value() == 0) {
        Add("zero-attribution", 5, Severity::kWarning, path("attribution"),
            fmt::format("Outcome \"{}\" has an attribution of 0, which claims that no one else "
                        "contributed to the change.",
                        name));
      }
      if (o.duration_years > 1 && o.drop_off.value() == 0) {
        Add("no-drop-off", 5, Severity::kWarning, path("drop_off"),
            fmt::format("Outcome \"{}\" lasts {} years with a drop-off of 0, which claims that "
                        "the change does not fade at all over time.",
                        name, o.duration_years));
      }
    }
    // docs/methodology.md §5 P4 only include what is material.
    if (!o.material && IsBlank(o.materiality_reason)) {
      Add("immaterial-without-reason", 4, Severity::kWarning, path("materiality_reason"),
          fmt::format("Outcome \"{}\" is marked as not material but gives no reason for leaving "
                      "it out.",
                      name));
    }
    if (o.material && total_pv_ != 0) {
      const double share =
          std::abs(OutcomePresentValue(o, map_.discount_rate)) / std::abs(total_pv_);
      if (share < kSmallOutcomeShare) {
        Add("small-material-outcome", 4, Severity::kInfo, path(""),
            fmt::format("Outcome \"{}\" is worth {:.2f}% of the total present value, under 1%; "
                        "check that it is material enough to include.",
                        name, std::min(share * 100, 0.99)));  // never rounds up to "1.00%"
      }
    }
  }

  void CheckMap() {
    // docs/methodology.md §5 P2: a negative or unintended outcome considered
    // anywhere, counted or not.
    bool considered = false;
    for (const Outcome& o : map_.outcomes)
      if (o.proxy.value.value() < 0 || !o.intended) considered = true;
    if (!considered) {
      Add("no-negative-or-unintended", 2, Severity::kWarning, "outcomes",
          "No outcome is negative or unintended, so the map does not show that possible harms or "
          "side effects were considered.");
    }
    // docs/methodology.md §5 P6: a ratio above 10:1 is flagged for scrutiny.
    const SroiResult sroi = ComputeSroi(map_);
    if (sroi.sroi_ratio && *sroi.sroi_ratio > kHighRatio) {
      Add("high-ratio", 6, Severity::kInfo, "$",
          fmt::format("The SROI ratio of {:.2f}:1 is above 10:1, so the figures behind it "
                      "deserve a careful second look.",
                      *sroi.sroi_ratio));
    }
    // docs/methodology.md §5 P7 verify the result.
    if (map_.kind == MapKind::kEvaluative && !map_.verification) {
      Add("not-verified", 7, Severity::kInfo, "verification",
          "This evaluative analysis has no record of who verified it or when.");
    }
  }

  const ImpactMap& map_;
  std::unordered_map<std::string, const Stakeholder*> stakeholders_;
  double total_pv_ = 0;
  std::vector<Finding> findings_;
};

}  // namespace

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "info";
  }
  return "?";
}

std::vector<Finding> LintImpactMap(const ImpactMap& map) { return Linter(map).Run(); }

bool HasErrors(const std::vector<Finding>& findings) {
  for (const Finding& f : findings)
    if (f.severity == Severity::kError) return true;
  return false;
}

}  // namespace valuemark
