// The demo directory: enterprises the broker added, across themes, areas and
// legal forms, so that search, filters and facets can be tried at once.
// Riverside has no profile yet: writing it is the Lead's to try. Harbour Café
// lists its own, and Riverside has posted a need for the broker to work.
// The support registers hold a few practitioners and consultants, and a guide;
// Riverside has an SVQM consultant, the demo assessor, with a pre-audit done.
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

Result<void> SeedBrokerageDemo(Platform& p, const Caller& riverside_lead,
                               const std::string& riverside, const Caller& harbour_lead,
                               const std::string& harbour) {
  DirectoryEntryInput profile;
  profile.name = "Harbour Café";
  profile.summary =
      "A harbourside café in Plymouth that trains people out of work as cooks and baristas.";
  profile.legal_form = "cic";
  profile.size_band = "small";
  profile.people = 6;
  profile.areas = {"south_west"};
  profile.themes = {"food", "jobs_and_skills"};
  profile.contact_name = "Jo Evans";
  profile.contact_email = "lead@harbour.example";
  profile.listed = true;
  TRY(p.directory.SaveProfile(harbour_lead, harbour, profile));
  NeedInput need;
  need.title = "Cooking skills for lunch-club volunteers";
  need.outcomes =
      "Our lunch-club volunteers learn to cook fresh meals on a budget, and more of our older "
      "members eat a hot meal each day.";
  need.themes = {"food", "jobs_and_skills"};
  need.areas = {"south_west"};
  need.budget_pence = 1'200'000;
  need.starts_on = "2027-04-01";
  need.ends_on = "2027-09-30";
  TRY(p.brokerage.PostNeed(riverside_lead, riverside, need));
  return {};
}

Result<void> SeedSupportDemo(Platform& p, const Caller& admin) {
  const Days today = DayOf(p.support.Now());
  struct DemoPractitioner {
    const char* name;
    int level;
    const char* organisation;
    std::vector<std::string> areas;
    int awarded, expires;  // days from today
  };
  for (const DemoPractitioner& d : std::vector<DemoPractitioner>{
           {"Amira Hassan", 3, "Northern Value Partners", {"north_west", "yorkshire"}, -700, 400},
           {"Gareth Lewis", 2, "Cwm Community Trust", {"wales"}, -1000, 45},
           {"Sam Okafor", 1, "", {"uk_wide"}, -200, 900}}) {
    PractitionerInput in;
    in.name = d.name;
    in.level = d.level;
    in.organisation = d.organisation;
    in.areas = d.areas;
    in.awarded_on = FormatDay(today + d.awarded);
    in.expires_on = FormatDay(today + d.expires);
    TRY(p.support.AddPractitioner(admin, in));
  }
  ConsultantInput bridge;
  bridge.name = "Bridge Social Value";
  bridge.organisation = "Bridge CIC";
  bridge.summary =
      "We help organisations write their social value policy and first action plan, and prepare "
      "for Level 1 of the Social Value Management Certificate.";
  bridge.email = "hello@bridge.example";
  bridge.areas = {"wales", "south_west"};
  bridge.schemes = {"svmc"};
  bridge.languages = {"en", "cy"};
  bridge.criteria = {"svmc.1.plan.1", "svmc.1.plan.2", "svmc.1.cc.1"};
  TRY(p.support.AddConsultant(admin, bridge));
  ConsultantInput counted;
  counted.name = "Counted Impact";
  counted.summary =
      "Stakeholder engagement, surveys and SROI analysis for housing associations and councils, "
      "towards the Quality Mark's Evaluation level.";
  counted.website = "https://counted.example";
  counted.areas = {"uk_wide"};
  counted.schemes = {"svqm", "svmc"};
  counted.languages = {"en", "pl"};
  counted.criteria = {"svmc.1.do.1", "svmc.1.assess.1"};
  TRY(p.support.AddConsultant(admin, counted));
  ResourceInput guide;
  guide.title = "Involving stakeholders: a short guide";
  guide.kind = "guidance";
  guide.summary =
      "How to find out who experiences change because of your work, and how to ask them about it "
      "without leading the answers.";
  guide.link = "https://socialvalue.example/guides/involving-stakeholders";
  guide.schemes = {"svmc"};
  guide.criteria = {"svmc.1.plan.2", "svmc.1.do.1"};
  TRY(p.support.AddResource(admin, guide, std::nullopt));
  return {};
}

Result<void> SeedEngagementDemo(Platform& p, const Caller& admin, const Caller& consultant,
                                const std::string& org_id) {
  auto allocated = TRY(p.engagements.Allocate(admin, org_id, {"svqm", consultant.user.id}));
  const Days today = DayOf(p.engagements.Now());
  EngagementContent c;
  c.needs_review =
      "Riverside has made its pledges and holds the Pledges level. It collects attendance at the "
      "lunch club but nothing yet on how members' lives change, which the Forecast level needs.";
  c.recommendations = {
      {"Forecast the lunch club first",
       "It has the clearest stakeholders and an impact map already started. The training kitchen "
       "could follow once its first cohort finishes."},
      {"Ask members before choosing outcomes",
       "Two short group conversations would show which changes matter most to them."}};
  c.plan = {{"Involving stakeholders (half-day workshop)", SupportKind::kTraining,
             FormatDay(today + 21), false},
            {"Monthly check-in with the Lead", SupportKind::kMentoring, "", false}};
  c.sessions = {{FormatDay(today - 14), 90,
                 "Kick-off with the Lead and the chair: the review of needs agreed."}};
  c.pre_audit = AuditVisit{FormatDay(today - 7),
                           "Attendance is recorded well; outcomes are not yet captured. Ready to "
                           "plan a Forecast once members have been asked.",
                           false};
  TRY(p.engagements.Write(consultant, allocated.engagement.id, c, allocated.engagement.version));
  return {};
}

}  // namespace valuemark::app
