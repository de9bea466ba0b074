// Pledges (SVQM level 1) and the decision log (SVMC Revise stage); docs/api.md
// "Pledges", "Decisions". Both are record versions (app/store.h) with an
// audit entry each.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "app/audit/chain.h"
#include "app/measure/measure.h"
#include "app/outbox.h"
#include "app/validate.h"
#include "core/calendar.h"
#include "formats/json_reader.h"

namespace valuemark::app {
namespace {

constexpr char kPledge[] = "pledge";
constexpr char kDecision[] = "decision";
using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

std::string DateOf(sys_days d) {
  const year_month_day ymd{d};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

sys_days CivilDayOf(UnixTime t) {
  return std::chrono::floor<days>(std::chrono::sys_seconds{std::chrono::seconds{t}});
}

// The same day a year later (28 February for 29 February): the SVQM's
// "within 12 months" of making the pledge.
std::string YearAfter(UnixTime t) {
  year_month_day ymd{CivilDayOf(t)};
  ymd += std::chrono::years{1};
  if (!ymd.ok()) ymd = ymd.year() / ymd.month() / std::chrono::last;
  return DateOf(sys_days{ymd});
}

Result<Pledge> PledgeFromRecord(const RecordVersion& r, UnixTime first_created, UnixTime now) {
  Pledge p;
  TRY(formats::ReadStoredObject(r.body, "pledge", [&](formats::ObjectReader& j) {
    p.title = j.String("title").value_or("");
    p.description = j.String("description").value_or("");
    p.owner_user_id = j.String("owner_user_id").value_or("");
    p.due_date = j.String("due_date").value_or("");
    p.progress = static_cast<int>(j.Integer("progress", {0, 100, true, true}).value_or(0));
    const std::string status = j.String("status").value_or("open");
    if (auto parsed = ParsePledgeStatus(status)) {
      p.status = *parsed;
    } else {
      j.Report("status", parsed.error().message);
    }
  }));
  p.id = r.id;
  p.scope_id = r.scope_id;
  p.version = r.version;
  p.created_at = first_created;
  p.updated_at = r.created_at;
  p.overdue = p.status == PledgeStatus::kOpen && p.due_date < DateOf(CivilDayOf(now));
  return p;
}

std::string PledgeJson(const Pledge& p) {
  return nlohmann::ordered_json{
      {"title", p.title},       {"description", p.description}, {"owner_user_id", p.owner_user_id},
      {"due_date", p.due_date}, {"progress", p.progress},       {"status", Name(p.status)}}
      .dump();
}

// The first version's time: the 12 months run from when the pledge was made.
Result<UnixTime> FirstCreated(Transaction& tx, const std::string& org_id, const std::string& id) {
  auto versions = TRY(tx.ListRecordVersions(org_id, kPledge, id));
  if (versions.empty()) return Fail(Error::Make(ErrorCode::kNotFound, "no such pledge"));
  return versions.back().created_at;
}

// Applies and checks the fields given; `require` when creating.
Result<void> ApplyPledge(Transaction& tx, const std::string& org_id, const PledgeInput& in,
                         bool require, UnixTime made_at, UnixTime now, Pledge& p) {
  std::vector<FieldError> errors;
  auto text = [&](const char* field, const std::optional<std::string>& value, size_t min,
                  size_t max, std::string& target, Lines lines = Lines::kSingle) {
    if (!value) {
      if (require && min > 0) errors.push_back({field, "is required"});
      return;
    }
    if (auto t = CleanText(field, *value, min, max, lines)) {
      target = *t;
    } else {
      errors.push_back(t.error().fields.front());
    }
  };
  text("title", in.title, 1, 200, p.title);
  text("description", in.description, 0, 2000, p.description, Lines::kMulti);
  if (in.owner_user_id) {
    auto member = TRY(tx.FindMember(org_id, *in.owner_user_id));
    if (!member) {
      errors.push_back({"owner_user_id", "must be a member of the organisation"});
    } else {
      p.owner_user_id = *in.owner_user_id;
    }
  } else if (require) {
    errors.push_back({"owner_user_id", "is required"});
  }
  if (in.due_date) {
    if (auto d = CheckDate("due_date", *in.due_date); !d) {
      errors.push_back(d.error().fields.front());
    } else if (*d > YearAfter(made_at)) {
      errors.push_back(
          {"due_date", fmt::format("must be within 12 months of making the pledge (by {}), got {}",
                                   YearAfter(made_at), *d)});
    } else if (require && *d < DateOf(CivilDayOf(now))) {
      errors.push_back({"due_date", fmt::format("must not be in the past, got {}", *d)});
    } else {
      p.due_date = *d;
    }
  } else if (require) {
    errors.push_back({"due_date", "is required"});
  }
  if (in.progress) {
    if (*in.progress < 0 || *in.progress > 100) {
      errors.push_back({"progress", fmt::format("must be a whole percentage from 0 to 100, got {}",
                                                *in.progress)});
    } else {
      p.progress = *in.progress;
    }
  }
  if (in.status) {
    if (auto s = ParsePledgeStatus(*in.status)) {
      p.status = *s;
    } else {
      errors.push_back({"status", s.error().message});
    }
  }
  if (in.scope_id) {
    if (!in.scope_id->empty()) {
      auto scope = TRY(tx.FindScope(org_id, *in.scope_id));
      if (!scope) errors.push_back({"scope_id", "must be one of the organisation's scopes"});
    }
    p.scope_id = *in.scope_id;
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return {};
}

Result<Decision> DecisionFromRecord(const RecordVersion& r) {
  Decision d;
  TRY(formats::ReadStoredObject(r.body, "decision", [&](formats::ObjectReader& j) {
    if (auto kind = ParseDecisionKind(j.String("kind", true).value_or(""))) {
      d.kind = *kind;
    } else {
      j.Report("kind", kind.error().message);
    }
    d.title = j.String("title").value_or("");
    d.rationale = j.String("rationale").value_or("");
    d.impact_map_id = j.String("impact_map_id").value_or("");
    d.impact_map_version = j.Integer("impact_map_version", formats::kAnyInteger).value_or(0);
    d.survey_id = j.String("survey_id").value_or("");
    d.survey_as_of = j.Integer("survey_as_of", formats::kAnyInteger).value_or(0);
    d.decided_by = j.String("decided_by").value_or("");
    d.decided_on = j.String("decided_on").value_or("");
    // Kept in the body from the first correction on; before it, the record's own.
    d.recorded_by = j.String("recorded_by").value_or(r.created_by);
    d.recorded_at = j.Integer("recorded_at", formats::kAnyInteger).value_or(r.created_at);
  }));
  d.id = r.id;
  d.version = r.version;
  return d;
}

}  // namespace

const char* Name(PledgeStatus s) {
  switch (s) {
    case PledgeStatus::kOpen:
      return "open";
    case PledgeStatus::kDone:
      return "done";
    case PledgeStatus::kDropped:
      return "dropped";
  }
  return "open";
}

Result<PledgeStatus> ParsePledgeStatus(const std::string& s) {
  for (PledgeStatus v : {PledgeStatus::kOpen, PledgeStatus::kDone, PledgeStatus::kDropped})
    if (s == Name(v)) return v;
  return Fail(Error::Make(ErrorCode::kInvalidArgument,
                          fmt::format("must be open, done or dropped, got \"{}\"", s)));
}

const char* Name(DecisionKind k) {
  switch (k) {
    case DecisionKind::kChange:
      return "change";
    case DecisionKind::kStop:
      return "stop";
    case DecisionKind::kScaleUp:
      return "scale_up";
  }
  return "change";
}

Result<DecisionKind> ParseDecisionKind(const std::string& s) {
  for (DecisionKind v : {DecisionKind::kChange, DecisionKind::kStop, DecisionKind::kScaleUp})
    if (s == Name(v)) return v;
  return Fail(Error::Make(ErrorCode::kInvalidArgument,
                          fmt::format("must be change, stop or scale_up, got \"{}\"", s)));
}

Result<std::vector<Pledge>> MeasureService::ListPledges(const Caller& caller,
                                                        const std::string& org_id) {
  std::vector<Pledge> out;
  const UnixTime now = Now();
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kRead));
    auto list = TRY(tx.ListRecords(org_id, kPledge));
    for (const RecordVersion& rec : list) {
      auto made =
          rec.version == 1 ? Result<UnixTime>(rec.created_at) : FirstCreated(tx, org_id, rec.id);
      if (!made) return Fail(made.error());
      auto p = TRY(PledgeFromRecord(rec, *made, now));
      out.push_back(std::move(p));
    }
    // Soonest due first: what needs attention comes to the top.
    std::stable_sort(out.begin(), out.end(),
                     [](const Pledge& a, const Pledge& b) { return a.due_date < b.due_date; });
    return {};
  }));
  return out;
}

Result<Pledge> MeasureService::CreatePledge(const Caller& caller, const std::string& org_id,
                                            const PledgeInput& input) {
  Pledge p;
  const UnixTime now = Now();
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kContribute));
    TRY(ApplyPledge(tx, org_id, input, true, now, now, p));
    p.id = NewId();
    p.created_at = p.updated_at = now;
    const std::string body = PledgeJson(p);
    return SaveRecordVersion(
        tx, caller, {org_id, kPledge, p.id, 1, p.scope_id, p.title, body, caller.user.id, now},
        body);
  }));
  return p;
}

Result<Pledge> MeasureService::UpdatePledge(const Caller& caller, const std::string& org_id,
                                            const std::string& pledge_id,
                                            const PledgeInput& input) {
  Pledge p;
  const UnixTime now = Now();
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kContribute));
    auto latest = TRY(tx.FindRecord(org_id, kPledge, pledge_id, 0));
    if (!latest) return Fail(Error::Make(ErrorCode::kNotFound, "no such pledge"));
    TRY(CheckVersionSeen("saved this pledge", input.version, latest->version));
    auto made = TRY(FirstCreated(tx, org_id, pledge_id));
    p = TRY(PledgeFromRecord(*latest, made, now));
    TRY(ApplyPledge(tx, org_id, input, false, made, now, p));
    // Done means done: the progress says so too.
    if (p.status == PledgeStatus::kDone) p.progress = 100;
    p.version += 1;
    p.updated_at = now;
    p.overdue = p.status == PledgeStatus::kOpen && p.due_date < DateOf(CivilDayOf(now));
    const std::string body = PledgeJson(p);
    return SaveRecordVersion(
        tx, caller,
        {org_id, kPledge, p.id, p.version, p.scope_id, p.title, body, caller.user.id, now}, body);
  }));
  return p;
}

Result<std::vector<Pledge>> PledgesDueSoon(Transaction& tx, const std::string& org_id, UnixTime now,
                                           int within_days) {
  const std::string soon = DateOf(CivilDayOf(now) + days{within_days});
  std::vector<Pledge> out;
  auto list = TRY(tx.ListRecords(org_id, kPledge));
  for (const RecordVersion& rec : list) {
    auto p = TRY(PledgeFromRecord(rec, rec.created_at, now));
    if (p.status == PledgeStatus::kOpen && p.due_date <= soon) out.push_back(std::move(p));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Pledge& a, const Pledge& b) { return a.due_date < b.due_date; });
  return out;
}

Result<int> MeasureService::SendPledgeReminders(const Caller& caller, const std::string& org_id) {
  int queued = 0;
  const UnixTime now = Now();
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kEdit));
    auto org = TRY(tx.FindOrganisation(org_id));
    if (!org) return Fail(Error::Make(ErrorCode::kNotFound, "no such organisation"));
    auto due = TRY(PledgesDueSoon(tx, org_id, now));
    for (const Pledge& p : due) {
      auto owner = TRY(tx.FindUserById(p.owner_user_id));
      if (!owner) continue;  // the owner's account is gone: nobody to remind
      const bool late = p.overdue;
      OutboxMessage m;
      m.to = owner->email;
      m.subject = fmt::format("{}Pledge {}: {}", late ? "Overdue: " : "",
                              late ? "was due" : "due soon", p.title);
      m.body = fmt::format(
          "Hello {},\n\nYour pledge for {} \"{}\" {} {} and stands at {}% done.\n\n"
          "Update it at {}/organisations/{}/pledges\n",
          OneLine(owner->name), OneLine((org)->name), OneLine(p.title),
          late ? "was due on" : "is due on", ReadableDate(p.due_date), p.progress,
          options_.public_url, org_id);
      m.created_at = now;
      TRY(QueueEmail(tx, m));
      TRY(AppendAuditEvent(tx,
                           {caller.user.id, "pledge.remind", kPledge, p.id, org_id,
                            nlohmann::json{{"to", m.to}, {"due_date", p.due_date}}.dump()},
                           now));
      ++queued;
    }
    return {};
  }));
  return queued;
}

Result<std::vector<Decision>> MeasureService::ListDecisions(const Caller& caller,
                                                            const std::string& org_id) {
  std::vector<Decision> out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kRead));
    auto list = TRY(tx.ListRecords(org_id, kDecision));
    for (const RecordVersion& rec : list) {
      auto d = TRY(DecisionFromRecord(rec));
      out.push_back(std::move(d));
    }
    // Newest decision first: the log reads as a history.
    std::stable_sort(out.begin(), out.end(), [](const Decision& a, const Decision& b) {
      return a.decided_on != b.decided_on ? a.decided_on > b.decided_on
                                          : a.recorded_at > b.recorded_at;
    });
    return {};
  }));
  return out;
}

namespace {

// The input's fields over `d` (a new decision's defaults, or the recorded
// one): every problem named at once.
Result<void> ApplyDecision(Transaction& tx, const std::string& org_id, const DecisionInput& in,
                           bool creating, UnixTime now, Decision& d) {
  std::vector<FieldError> errors;
  if (!in.kind) {
    if (creating) errors.push_back({"kind", "is required"});
  } else if (auto k = ParseDecisionKind(*in.kind)) {
    d.kind = *k;
  } else {
    errors.push_back({"kind", k.error().message});
  }
  for (auto [field, value, min, max, target, lines] :
       {std::tuple{"title", &in.title, size_t{1}, size_t{200}, &d.title, Lines::kSingle},
        std::tuple{"rationale", &in.rationale, size_t{1}, size_t{4000}, &d.rationale,
                   Lines::kMulti}}) {
    if (!*value) {
      if (creating) errors.push_back({field, "is required"});
    } else if (auto t = CleanText(field, **value, min, max, lines)) {
      *target = *t;
    } else {
      errors.push_back(t.error().fields.front());
    }
  }
  if (in.decided_by) d.decided_by = *in.decided_by;
  if (in.decided_by || creating) {
    auto member = TRY(tx.FindMember(org_id, d.decided_by));
    if (!member) errors.push_back({"decided_by", "must be a member of the organisation"});
  }
  if (in.decided_on) d.decided_on = *in.decided_on;
  if (auto date = CheckDate("decided_on", d.decided_on); !date) {
    errors.push_back(date.error().fields.front());
  } else if (in.decided_on && *date > DateOf(CivilDayOf(now) + days{1})) {
    // A decision is recorded once it is made. A day's grace: "today" where
    // the person is may already be tomorrow in UTC.
    errors.push_back({"decided_on", fmt::format("is the day the decision was made: today ({}) or "
                                                "earlier, not {}",
                                                DateOf(CivilDayOf(now)), *date)});
  }
  if (in.impact_map_id && !in.impact_map_id->empty()) {
    d.impact_map_id = *in.impact_map_id;
    d.impact_map_version = in.impact_map_version.value_or(0);
    auto map = TRY(tx.FindRecord(org_id, kImpactMapKind, d.impact_map_id, d.impact_map_version));
    if (!map) {
      errors.push_back(
          d.impact_map_version == 0
              ? FieldError{"impact_map_id", "must be one of the organisation's impact maps"}
              : FieldError{"impact_map_version", "must be a saved version of that impact map"});
    } else {
      d.impact_map_version = map->version;  // "latest" pinned to the version it was
    }
  } else if (in.impact_map_id) {
    d.impact_map_id.clear();  // a correction that takes the map away
    d.impact_map_version = 0;
  } else if (in.impact_map_version) {
    errors.push_back({"impact_map_version", "needs an impact_map_id"});
  }
  // The survey whose results motivated the decision (Revise stage: acting on
  // what stakeholders said).
  if (in.survey_id && !in.survey_id->empty()) {
    auto survey = TRY(tx.FindSurvey(org_id, *in.survey_id));
    if (!survey) {
      errors.push_back({"survey_id", "must be one of the organisation's surveys"});
    } else if (d.survey_id != *in.survey_id) {
      // Pinned to the results as they stand now; naming the same survey
      // again in a correction keeps the moment it was first cited.
      d.survey_id = *in.survey_id;
      d.survey_as_of = now;
    }
  } else if (in.survey_id) {
    d.survey_id.clear();
    d.survey_as_of = 0;
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return {};
}

std::string DecisionJson(const Decision& d) {
  return nlohmann::ordered_json{{"kind", Name(d.kind)},
                                {"title", d.title},
                                {"rationale", d.rationale},
                                {"impact_map_id", d.impact_map_id},
                                {"impact_map_version", d.impact_map_version},
                                {"survey_id", d.survey_id},
                                {"survey_as_of", d.survey_as_of},
                                {"decided_by", d.decided_by},
                                {"decided_on", d.decided_on},
                                {"recorded_by", d.recorded_by},
                                {"recorded_at", d.recorded_at}}
      .dump();
}

}  // namespace

Result<Decision> MeasureService::RecordDecision(const Caller& caller, const std::string& org_id,
                                                const DecisionInput& in) {
  Decision d;
  const UnixTime now = Now();
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kDecide));
    d.decided_by = caller.user.id;
    d.decided_on = DateOf(CivilDayOf(now));
    TRY(ApplyDecision(tx, org_id, in, true, now, d));
    d.id = NewId();
    d.recorded_by = caller.user.id;
    d.recorded_at = now;
    const std::string body = DecisionJson(d);
    return SaveRecordVersion(
        tx, caller, {org_id, kDecision, d.id, 1, "", d.title, body, caller.user.id, now}, body);
  }));
  return d;
}

Result<Decision> MeasureService::CorrectDecision(const Caller& caller, const std::string& org_id,
                                                 const std::string& decision_id,
                                                 const DecisionInput& in) {
  Decision d;
  const UnixTime now = Now();
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kDecide));
    auto latest = TRY(tx.FindRecord(org_id, kDecision, decision_id, 0));
    if (!latest) return Fail(Error::Make(ErrorCode::kNotFound, "no such decision"));
    TRY(CheckVersionSeen("corrected this decision", in.version, latest->version));
    d = TRY(DecisionFromRecord(*latest));
    TRY(ApplyDecision(tx, org_id, in, false, now, d));
    d.version = latest->version + 1;
    const std::string body = DecisionJson(d);
    return SaveRecordVersion(
        tx, caller, {org_id, kDecision, d.id, d.version, "", d.title, body, caller.user.id, now},
        body);
  }));
  return d;
}

}  // namespace valuemark::app
