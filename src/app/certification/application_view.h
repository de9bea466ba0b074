// An application with what its pages need beside it (docs/api.md
// "Certification"): the scheme's names and what is still missing before it
// can be submitted or awarded (core/certification.h), computed from the
// scheme version it is pinned to, never stored.
#pragma once
#include <string>
#include <vector>

#include "core/certification.h"
#include "core/scheme.h"

namespace valuemark::app {

struct ApplicationView {
  Application application;
  const Scheme* scheme = nullptr;  // null when that scheme version is not loaded
  std::string level_name;
  std::vector<std::string> missing_evidence;  // criterion ids, in the scheme's order
  std::vector<MemberRole> missing_sign_offs;
  // What each signatory the scheme asks for declares by signing (in the
  // scheme's order of sign_off).
  std::vector<std::pair<MemberRole, std::string>> declarations;
  int pledges = 0;
  int met_percent = 0;
};

ApplicationView ViewApplication(const SchemeCatalogue& schemes, Application application);

}  // namespace valuemark::app
