// The demo organisation's measuring and managing: an impact map of its lunch
// club (two versions), a small value bank, pledges and a decision, so that a
// Social Value Lead trying the product finds every tool with something in it.
// Values are illustrative, not taken from any licensed value bank.
#include <fmt/format.h>

#include <chrono>
#include <map>

#include "app/demo.h"

namespace valuemark::app {
namespace {

constexpr char kLunchClubMap[] = R"json({
  "name": "Friday Lunch Club forecast 2026", "kind": "forecast", "currency": "GBP", "discount_rate": 0.035,
  "stakeholders": [
    {"id": "members", "name": "Older people attending the lunch club", "size": 80,
     "involvement": "2 focus groups (18 members) and 12 one-to-one interviews"},
    {"id": "volunteers", "name": "Volunteers (cooks, drivers, hosts)", "size": 14,
     "involvement": "Volunteer survey (11 of 14 replied)"},
    {"id": "families", "name": "Family members and unpaid carers", "size": 60}
  ],
  "inputs": [
    {"stakeholder": "council", "description": "Council community grant", "value": 28000},
    {"stakeholder": "volunteers", "description": "Volunteer time at the National Living Wage", "value": 23443.2}
  ],
  "outcomes": [
    {"id": "members-less-lonely", "stakeholder": "members", "description": "Members feel less lonely",
     "indicator": "Loneliness score improves by at least 1 point at 6 months",
     "quantity": {"low": 40, "mode": 55, "high": 65}, "duration_years": 2,
     "proxy": {"value": 2000, "description": "Illustrative value of being less lonely for a year",
               "source": "Illustrative wellbeing valuation (not from a licensed value bank)"},
     "deadweight": {"low": 0.1, "mode": 0.2, "high": 0.3}, "attribution": 0.2, "drop_off": 0.5,
     "materiality_reason": "The change members mentioned most often"},
    {"id": "members-hot-meals", "stakeholder": "members", "description": "Members eat a hot meal more regularly",
     "indicator": "Members eating a hot meal more often at 6 months", "quantity": 40, "duration_years": 1,
     "proxy": {"value": 480, "description": "Cost of a delivered hot meal a week for a year",
               "source": "Illustrative local meals-on-wheels price"},
     "deadweight": 0.3, "attribution": 0.1},
    {"id": "volunteers-wellbeing", "stakeholder": "volunteers", "description": "Volunteers feel more useful",
     "indicator": "Higher life satisfaction after 6 months", "quantity": 10, "duration_years": 1,
     "proxy": {"value": 1500, "description": "Illustrative value of regular volunteering",
               "source": "Illustrative wellbeing valuation"},
     "deadweight": 0.25, "attribution": 0.3},
    {"id": "families-worry", "stakeholder": "families", "description": "Carers worry less about isolation",
     "intended": false, "indicator": "Carers reporting less worry", "quantity": 30, "duration_years": 1,
     "proxy": {"value": 300, "description": "Illustrative value of respite", "source": "Illustrative"},
     "deadweight": 0.4, "attribution": 0.5}
  ]
})json";

std::string DaysFromNow(UnixTime now, int days) {
  const auto d =
      std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{now}}) +
      std::chrono::days{days};
  const std::chrono::year_month_day ymd{d};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

}  // namespace

Result<void> SeedMeasureDemo(Platform& p, const Caller& lead, const Caller& chair,
                             const std::string& org_id) {
  auto scopes = TRY(p.organisations.ListScopes(lead, org_id));
  std::string ageing;
  for (const Scope& s : scopes)
    if (s.name == "Healthy Ageing") ageing = s.id;
  std::string body = kLunchClubMap;
  body.insert(body.find('{') + 1, fmt::format("\"scope_id\": \"{}\",", ageing));
  auto map = TRY(p.measure.CreateImpactMap(lead, org_id, body));
  // A second version after the first survey: more members answered.
  std::string revised = body;
  revised.replace(revised.find("\"mode\": 55"), 10, "\"mode\": 60");
  auto v2 = TRY(p.measure.ReplaceImpactMap(lead, map.id, revised));

  for (auto [name, value, unit, source] :
       {std::tuple{"Less lonely for a year (illustrative)", 2000.0, "per person per year",
                   "Illustrative wellbeing valuation"},
        std::tuple{"Delivered hot meal weekly (illustrative)", 480.0, "per person per year",
                   "Illustrative local meals-on-wheels price"},
        std::tuple{"Regular volunteering (illustrative)", 1500.0, "per volunteer per year",
                   "Illustrative wellbeing valuation"}}) {
    TRY(p.measure.AddProxy(lead, org_id,
                           {.name = name,
                            .unit = unit,
                            .source = source,
                            .description = std::string(),
                            .value = value,
                            .price_year = 2025,
                            .currency = "GBP",
                            .version = std::nullopt}));
  }

  // The lunch club's money trail: how much of its income stays in the town.
  Lm3Input lm3;
  lm3.name = "Lunch club LM3 2025–26";
  lm3.area = "Riverside and the town centre";
  lm3.income = 48000;
  lm3.spend = {{"Cook's and coordinator's wages", 26000, 0.9, 0.5},
               {"Food from local shops and the market", 11000, 0.7, 0.35},
               {"Hall hire", 4800, 1, 0.6},
               {"Minibus fuel and insurance", 3200, 0.3, 0.2}};
  TRY(p.measure.SaveLm3(lead, org_id, "", "April 2025 to March 2026", lm3, std::nullopt));

  const UnixTime now = p.Now();
  PledgeInput ask{"Ask every lunch-club member what changed for them",
                  "Short interviews at the spring session",
                  lead.user.id,
                  DaysFromNow(now, 90),
                  std::nullopt,
                  ageing,
                  30,
                  std::nullopt};
  TRY(p.measure.CreatePledge(lead, org_id, ask));
  PledgeInput publish{"Publish our first social value report",
                      "",
                      chair.user.id,
                      DaysFromNow(now, 10),
                      std::nullopt,
                      std::string(),
                      60,
                      std::nullopt};
  TRY(p.measure.CreatePledge(lead, org_id, publish));

  // A plan for the lunch club's programme, and a first self-assessment.
  constexpr char kPlan[] = R"json({
    "impact_questions": {"q1": "Older residents feel less lonely and eat better", "q2": "Members, volunteers and family carers",
      "q8": "Volunteers may become overstretched", "q10": "At the quarterly board review of the programme"},
    "overarching": {"who_answers": "Members, volunteers and the coordinator", "rigour": "Proportionate: surveys at joining and 6 months",
      "assurance": "A peer review by another trust this year"},
    "stakeholder_groups": [{"group": "customers_and_end_users", "name": "Lunch-club members", "size": 80,
      "involvement": "Focus groups and interviews", "when": "Spring 2026", "subgroups": [{"name": "Over 80", "size": 30}]},
      {"group": "employees", "name": "Volunteers", "size": 14, "involvement": "Survey", "when": "Summer 2026", "subgroups": []}],
    "theory_of_change": [{"activity": "Weekly lunch club", "outputs": ["45 lunches a week", "Minibus pick-ups"],
      "outcomes": [{"description": "Members feel less lonely", "stakeholder": "Members", "positive": true, "intended": true,
        "indicator": "Loneliness score"},
        {"description": "Volunteers feel overstretched", "stakeholder": "Volunteers", "positive": false, "intended": false,
        "indicator": "Volunteers reporting too much pressure"}]}],
    "materiality": [{"outcome": "Members feel less lonely", "material": true, "reason": "The change members mentioned most"},
      {"outcome": "Volunteers feel overstretched", "material": true, "reason": "A real risk raised at the workshop"}]
  })json";
  if (!ageing.empty()) {
    TRY(p.measure.SavePlan(lead, org_id, ageing, kPlan));
  }
  auto questions = TRY(MeasureService::SelfAssessmentQuestions());
  std::map<std::string, int> answers;
  int n = 0;
  for (const SaStage& stage : questions->stages) {
    if (stage.optional) continue;
    for (const SaQuestion& q : stage.questions) answers[q.id] = 1 + (n++ % 3);
  }
  TRY(p.measure.SubmitSelfAssessment(lead, org_id, answers));

  DecisionInput decision{
      "scale_up",
      "Open a second lunch club on Tuesdays",
      "The forecast shows about £2.50 of value per £1 and members asked for a second day",
      map.id,
      std::nullopt,
      chair.user.id,
      std::nullopt,
      static_cast<int>(v2.version),
      std::nullopt};
  TRY(p.measure.RecordDecision(chair, org_id, decision));
  return {};
}

}  // namespace valuemark::app
