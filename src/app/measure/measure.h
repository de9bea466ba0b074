// The measure-and-manage module's use cases (docs/api.md "Impact maps",
// "Value bank", "Pledges", "Decisions", "Self-assessment", "Plans"): impact
// maps and their versions (impact_maps.cpp), the value bank, pledges and the
// decision log (pledges.cpp), the self-assessment (self_assessment.cpp), and
// impact management plans with the forecast-against-evaluation comparison
// (plans.cpp). The calculations on maps are in calculations.h.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/use_cases.h"
#include "core/impact_map.h"
#include "core/lm3.h"
#include "core/self_assessment.h"

namespace valuemark::app {

// One financial proxy of an organisation's value bank (docs/api.md "Value bank"): the
// source is required, so that every value in a map can be traced; the price
// year and currency say what money the value is in, so that it is not put
// into a map of another year's prices or another currency unnoticed.
struct Proxy {
  std::string id;
  std::string name;
  double value = 0;
  std::string unit;  // e.g. "per person per year"
  std::string source;
  std::string description;  // optional
  int64_t version = 1;
  UnixTime updated_at = 0;
  std::optional<int> price_year;  // the year of the prices the value is in
  std::string currency = "GBP";   // ISO 4217
  std::string updated_by;         // the user id of who saved this version
};

// What a person gives: on adding, name, value and source are required; on
// changing, what is given replaces what was there, and `version` (the one
// the person saw) turns a change made meanwhile by someone else into a 409.
struct ProxyInput {
  std::optional<std::string> name, unit, source, description;
  std::optional<double> value;
  std::optional<std::optional<int>> price_year;  // set to null: not known
  std::optional<std::string> currency;
  std::optional<int64_t> version;
};

// A Local Multiplier 3 calculation saved for an organisation (docs/api.md
// "LM3"): its figures (the LM3 file) and the period they cover, one version per
// save, the result computed from them with the CLI's engine.
struct Lm3Calculation {
  std::string id;
  std::string period;  // e.g. "April 2025 to March 2026"
  Lm3Input input;      // input.name is the calculation's name (required)
  Lm3Result result;
  int64_t version = 1;
  UnixTime updated_at = 0;
  std::string updated_by;
};

enum class PledgeStatus { kOpen, kDone, kDropped };
const char* Name(PledgeStatus s);
Result<PledgeStatus> ParsePledgeStatus(const std::string& s);

// An SVQM level 1 pledge: an owner, a due date within 12 months of making it,
// and how far it has got.
struct Pledge {
  std::string id;
  std::string title;
  std::string description;
  std::string owner_user_id;
  std::string due_date;  // YYYY-MM-DD
  int progress = 0;      // percent, 0–100
  PledgeStatus status = PledgeStatus::kOpen;
  std::string scope_id;  // "" for the whole organisation
  int64_t version = 1;
  UnixTime created_at = 0;  // of the first version
  UnixTime updated_at = 0;
  bool overdue = false;  // open and past its due date (decided when read)
};

// The open pledges of an organisation due within `within_days` of `now`, or
// overdue, soonest first: for the reminders and the owners' task inboxes.
inline constexpr int kPledgeNoticeDays = 14;
Result<std::vector<Pledge>> PledgesDueSoon(Transaction& tx, const std::string& org_id, UnixTime now,
                                           int within_days = kPledgeNoticeDays);

struct PledgeInput {
  std::optional<std::string> title, description, owner_user_id, due_date, status, scope_id;
  std::optional<int> progress;
  std::optional<int> version;  // on update: the version being replaced
};

enum class DecisionKind { kChange, kStop, kScaleUp };
const char* Name(DecisionKind k);
Result<DecisionKind> ParseDecisionKind(const std::string& s);

// The Revise stage's decision log: what was decided about the work, why, on
// the strength of which analysis (an impact-map version), and by whom.
struct Decision {
  std::string id;
  DecisionKind kind = DecisionKind::kChange;
  std::string title;
  std::string rationale;
  std::string impact_map_id;  // "" when no map motivated it
  int64_t impact_map_version = 0;
  std::string survey_id;  // "" when no survey's results motivated it
  // When the survey was cited: its results as they stood then (the responses
  // received by that moment) are what the decision used; 0 with no survey.
  UnixTime survey_as_of = 0;
  std::string decided_by;   // a member's user id
  std::string decided_on;   // YYYY-MM-DD
  std::string recorded_by;  // who first recorded it, and when
  UnixTime recorded_at = 0;
  int64_t version = 1;  // each correction is a new version; the audit trail keeps the old
};

struct DecisionInput {
  std::optional<std::string> kind, title, rationale, impact_map_id, survey_id, decided_by,
      decided_on;
  std::optional<int> impact_map_version;
  std::optional<int64_t> version;  // a correction: the version the caller saw
};

// One completed self-assessment (self_assessment.cpp): the answers as given,
// scored with the questionnaire built into this program.
struct SelfAssessmentAttempt {
  std::string id;
  std::string submitted_by;
  UnixTime submitted_at = 0;
  bool include_responsive = false;
  std::map<std::string, int> answers;
  SaResult result;
  // Against the attempt before, when there is one: overall and per principle key.
  std::optional<double> overall_change;
  std::map<std::string, double> principle_change;
};

struct SelfAssessmentHistory {
  bool include_responsive = false;              // the organisation's setting for new attempts
  std::vector<SelfAssessmentAttempt> attempts;  // newest first
};

// One attempt as stored (a record version of kind "self_assessment"), scored.
Result<SelfAssessmentAttempt> SelfAssessmentFromRecord(const Questionnaire& q,
                                                       const RecordVersion& r);

// The organisation's impact maps in use (archived = false) or put away,
// latest versions, inside a transaction the caller authorised.
Result<std::vector<RecordVersion>> ImpactMapsOf(Transaction& tx, const std::string& org_id,
                                                bool archived = false);
// The organisation's latest self-assessment, scored, if it has taken one.
Result<std::optional<SelfAssessmentAttempt>> LatestSelfAssessment(Transaction& tx,
                                                                  const std::string& org_id);

// A forecast set beside its later evaluation, outcome by outcome (plans.cpp).
struct MapComparison {
  struct Side {
    std::string id;
    int64_t version = 0;
    std::string name;
    std::optional<double> sroi_ratio;
    double present_value = 0;
  };
  struct Row {
    std::string outcome, stakeholder;
    std::optional<double> forecast_impact, forecast_present_value;      // absent: not forecast
    std::optional<double> evaluation_impact, evaluation_present_value;  // absent: not found
  };
  Side forecast, evaluation;
  std::vector<Row> outcomes;
};

// A saved impact map: the stored version and the map it holds.
struct StoredImpactMap {
  RecordVersion record;
  ImpactMap map;
};

class MeasureService : public UseCases {
 public:
  using UseCases::UseCases;

  // An impact map is stored as the canonical form of the impact-map file
  // (docs/file-formats.md); body is
  // that file, optionally with "scope_id" (and "id", "version" as GET returns
  // them). Replace makes a new version; a stale "version" is a conflict.
  Result<RecordVersion> CreateImpactMap(const Caller& caller, const std::string& org_id,
                                        const std::string& body);
  Result<RecordVersion> ReplaceImpactMap(const Caller& caller, const std::string& map_id,
                                         const std::string& body);
  // version 0: the latest.
  Result<RecordVersion> GetImpactMap(const Caller& caller, const std::string& map_id,
                                     int64_t version);
  // The same version read into the engine's map, for calculations and reports.
  Result<StoredImpactMap> LoadImpactMap(const Caller& caller, const std::string& map_id,
                                        int64_t version);
  // The maps in use (archived = false) or those put away (true).
  Result<std::vector<RecordVersion>> ListImpactMaps(const Caller& caller, const std::string& org_id,
                                                    bool archived = false);
  // Puts a map away from the lists, or back; nothing of it is deleted. Audited
  // as impact_map.archive / impact_map.restore when it changes anything.
  Result<void> SetImpactMapArchived(const Caller& caller, const std::string& map_id, bool archived);
  Result<std::vector<RecordVersion>> ListImpactMapVersions(const Caller& caller,
                                                           const std::string& map_id);

  Result<std::vector<Proxy>> ListProxies(const Caller& caller, const std::string& org_id,
                                         const std::string& query);
  Result<Proxy> AddProxy(const Caller& caller, const std::string& org_id, const ProxyInput& input);
  // A new version of one proxy; maps that used the old value keep it (they
  // copied it), and the old version stays readable (ProxyVersions).
  Result<Proxy> UpdateProxy(const Caller& caller, const std::string& org_id,
                            const std::string& proxy_id, const ProxyInput& input);
  // Every version of one proxy, newest first: what it said before each change.
  Result<std::vector<Proxy>> ProxyVersions(const Caller& caller, const std::string& org_id,
                                           const std::string& proxy_id);
  // LM3 calculations: the latest version of each, newest first.
  Result<std::vector<Lm3Calculation>> ListLm3(const Caller& caller, const std::string& org_id);
  // lm3_id "": a new calculation. Otherwise a new version of that one;
  // `seen` is the version the person changed (another: 409).
  Result<Lm3Calculation> SaveLm3(const Caller& caller, const std::string& org_id,
                                 const std::string& lm3_id, const std::string& period,
                                 const Lm3Input& input, std::optional<int64_t> seen);
  // version 0: the latest.
  Result<Lm3Calculation> GetLm3(const Caller& caller, const std::string& org_id,
                                const std::string& lm3_id, int64_t version);
  // Every version, newest first, each with its result: how the figure moved.
  Result<std::vector<Lm3Calculation>> Lm3Versions(const Caller& caller, const std::string& org_id,
                                                  const std::string& lm3_id);

  // All rows or none: every bad cell is reported as "rows[N].column".
  Result<std::vector<Proxy>> ImportProxies(const Caller& caller, const std::string& org_id,
                                           const std::string& csv);

  Result<std::vector<Pledge>> ListPledges(const Caller& caller, const std::string& org_id);
  Result<Pledge> CreatePledge(const Caller& caller, const std::string& org_id,
                              const PledgeInput& input);
  Result<Pledge> UpdatePledge(const Caller& caller, const std::string& org_id,
                              const std::string& pledge_id, const PledgeInput& input);
  // Queues a reminder in the outbox to the owner of each open pledge that is
  // overdue or due within 14 days; returns how many were queued.
  Result<int> SendPledgeReminders(const Caller& caller, const std::string& org_id);

  Result<std::vector<Decision>> ListDecisions(const Caller& caller, const std::string& org_id);
  Result<Decision> RecordDecision(const Caller& caller, const std::string& org_id,
                                  const DecisionInput& input);
  // Corrects a decision: the fields given replace the recorded ones, as a new
  // version (the old one stays, and the audit trail shows both).
  Result<Decision> CorrectDecision(const Caller& caller, const std::string& org_id,
                                   const std::string& decision_id, const DecisionInput& input);

  // Self-assessment (self_assessment.cpp). The questionnaire is data, built in.
  static Result<const Questionnaire*> SelfAssessmentQuestions();
  Result<SelfAssessmentHistory> ListSelfAssessments(const Caller& caller,
                                                    const std::string& org_id);
  Result<SelfAssessmentAttempt> SubmitSelfAssessment(const Caller& caller,
                                                     const std::string& org_id,
                                                     const std::map<std::string, int>& answers);
  // Whether the eighth principle, "be responsive", is asked (the lead decides).
  Result<bool> SetSelfAssessmentResponsive(const Caller& caller, const std::string& org_id,
                                           bool include);

  // Impact management plan of a scope (plans.cpp): one per scope, versioned.
  // GetPlan gives version 0, empty, before the first save.
  Result<RecordVersion> GetPlan(const Caller& caller, const std::string& org_id,
                                const std::string& scope_id, int64_t version);
  Result<RecordVersion> SavePlan(const Caller& caller, const std::string& org_id,
                                 const std::string& scope_id, const std::string& body);
  Result<std::vector<RecordVersion>> ListPlanVersions(const Caller& caller,
                                                      const std::string& org_id,
                                                      const std::string& scope_id);
  // Versions 0: the latest. The two may be versions of one map.
  Result<MapComparison> CompareImpactMaps(const Caller& caller, const std::string& forecast_id,
                                          int64_t forecast_version,
                                          const std::string& evaluation_id,
                                          int64_t evaluation_version);
};

}  // namespace valuemark::app
