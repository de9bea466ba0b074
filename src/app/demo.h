// Demo data for `valuemark serve --demo` and `valuemark seed-demo`: an
// organisation with its Social Value Lead and Senior Leader, a member, an
// assessor and a scheme administrator, so that every role can be tried at once.
#pragma once

#include <string>
#include <vector>

#include "app/platform.h"

namespace valuemark::app {

struct DemoLogin {
  std::string role;  // what the person is, in words
  std::string email;
  std::string password;
};

struct DemoSeed {
  bool created = false;  // false: the demo data was already there
  std::vector<DemoLogin> logins;
};

// Idempotent: seeds only a database without the demo administrator.
Result<DemoSeed> SeedDemo(Platform& platform);
// A survey of the demo organisation with answers already in it (created once,
// after SeedDemo); returns its public link.
Result<std::string> SeedDemoSurvey(Platform& platform);

// The demo organisation's impact map, value bank, pledges and decision (demo_measure.cpp).
Result<void> SeedMeasureDemo(Platform& platform, const Caller& lead, const Caller& chair,
                             const std::string& org_id);

// The demo directory: the broker's enterprises (demo_network.cpp).
Result<void> SeedDirectoryDemo(Platform& platform, const Caller& broker);
// Harbour Café's listed profile and Riverside's need for partners.
Result<void> SeedBrokerageDemo(Platform& platform, const Caller& riverside_lead,
                               const std::string& riverside, const Caller& harbour_lead,
                               const std::string& harbour);
// The support registers: practitioners, consultants and a guide beside the
// built-in templates.
Result<void> SeedSupportDemo(Platform& platform, const Caller& admin);
// Riverside's SVQM consultant (the demo assessor) and what they have written.
Result<void> SeedEngagementDemo(Platform& platform, const Caller& admin, const Caller& consultant,
                                const std::string& org_id);

}  // namespace valuemark::app
