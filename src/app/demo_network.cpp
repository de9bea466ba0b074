// The demo directory: enterprises the broker added, across themes, areas and
// legal forms, so that search, filters and facets can be tried at once.
// Riverside has no profile yet: writing it is the Lead's to try.
#include "app/demo.h"

namespace valuemark::app {

Result<void> SeedDirectoryDemo(Platform& p, const Caller& broker) {
  struct Enterprise {
    const char* name;
    const char* summary;
    const char* form;
    const char* size;
    int people;
    std::vector<std::string> areas, themes;
  };
  const Enterprise enterprises[] = {
      {"Bread Shed",
       "A community bakery in Cardiff that trains young people as bakers.",
       "cic",
       "small",
       14,
       {"wales"},
       {"food", "jobs_and_skills", "children_and_young_people"}},
      {"The Food Hub",
       "Shares surplus food with families on low incomes across East London.",
       "charity",
       "medium",
       60,
       {"london"},
       {"food", "poverty"}},
      {"Open Road Transport",
       "Community transport and cycle repair for people without a car.",
       "charity",
       "small",
       22,
       {"uk_wide"},
       {"transport", "environment"}},
      {"Northern Warmth Co-operative",
       "Insulates homes and advises on energy bills for households in fuel poverty.",
       "cooperative",
       "medium",
       35,
       {"north_west", "yorkshire"},
       {"energy", "poverty", "housing"}},
      {"Second Chance Restaurant",
       "A restaurant that employs and trains people leaving prison.",
       "cic",
       "small",
       18,
       {"north_east"},
       {"justice", "jobs_and_skills", "food"}},
      {"Hafan Housing",
       "Supported housing and tenancy help for young people in Swansea.",
       "housing_association",
       "large",
       210,
       {"wales"},
       {"housing", "children_and_young_people"}},
      {"Open Door Arts",
       "Art studios and workshops for adults with learning disabilities.",
       "community_benefit_society",
       "small",
       12,
       {"west_midlands"},
       {"arts_and_heritage", "disability", "mental_wellbeing"}},
      {"Walk and Talk",
       "Walking groups and peer support for people with low mood.",
       "unincorporated",
       "small",
       9,
       {"scotland"},
       {"mental_wellbeing", "sport", "loneliness"}},
  };
  for (const Enterprise& e : enterprises) {
    DirectoryEntryInput in;
    in.name = e.name;
    in.summary = e.summary;
    in.legal_form = e.form;
    in.size_band = e.size;
    in.people = e.people;
    in.areas = e.areas;
    in.themes = e.themes;
    in.listed = true;
    TRY(p.directory.AddEntry(broker, in));
  }
  return {};
}

}  // namespace valuemark::app
