// The principles check ("lint", docs/methodology.md §5): findings about an impact
// map measured against Social Value International's seven principles. Every
// finding is decided from the map alone. Pure function; thread-safe; no I/O.
#pragma once

#include <string>
#include <vector>

#include "core/impact_map.h"

namespace valuemark {

enum class Severity { kError, kWarning, kInfo };
const char* SeverityName(Severity s);  // "error", "warning", "info"

struct Finding {
  std::string code;   // stable slug, e.g. "proxy-without-source"
  int principle = 0;  // 1–7
  Severity severity = Severity::kWarning;
  std::string path;     // JSON path of the item, e.g. "outcomes[2].proxy.source", "$"
  std::string message;  // one plain sentence naming the item
  bool operator==(const Finding&) const = default;
};

// Findings in file order: stakeholders (in order), then each outcome's findings
// in outcome order (within an outcome in the order of its fields: stakeholder,
// indicator, quantity, proxy.description, proxy.source, deadweight,
// attribution, drop_off, materiality_reason, then the whole outcome), then the
// map-level findings (outcomes, $, verification). Same map, same findings.
// Accepts any map the readers accept (stakeholders[] may be empty).
std::vector<Finding> LintImpactMap(const ImpactMap& map);

// True when any finding has severity error (`valuemark lint` then exits 1).
bool HasErrors(const std::vector<Finding>& findings);

}  // namespace valuemark
