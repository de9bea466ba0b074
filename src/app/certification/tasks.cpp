// The task inbox (docs/api.md "Tasks"): what waits for the caller, worked
// out from the applications each time it is asked, so that a task is never
// stale and disappears as soon as it is done.
//   - A representative: sign off the evidence, submit, make the amendments
//     the assessor asked for, answer the assessor's questions about the
//     criteria, renew an award that expires within 90 days.
//   - A member: update each pledge they own that is due within 14 days or
//     overdue.
//   - An assessor: review each application allocated to them.
//   - An administrator: allocate a submitted application to an assessor, and
//     decide on each recommendation (never for an organisation they belong to).
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "app/certification/certification.h"
#include "app/certification/membership.h"
#include "core/calendar.h"

namespace valuemark::app {
namespace {

constexpr Days kRenewalNoticeDays = 90;

std::string Named(const Scheme* scheme, const Application& app) {
  return scheme ? LevelTitle(*scheme, app.level) : fmt::format("level {}", app.level);
}

std::string AppLink(const Application& app) { return "/applications/" + app.id; }

// The criteria whose conversation waits for the organisation (the last word
// is the assessor's), in words, and when the latest of those was written.
struct Questions {
  std::vector<std::string> criteria;
  UnixTime since = 0;
};
Questions Unanswered(const Application& app, const Scheme* scheme) {
  std::map<std::string, const CriterionMessage*> last;  // criterion → its latest message
  for (const CriterionMessage& m : app.messages) last[m.criterion_id] = &m;
  Questions q;
  const SchemeLevel* level = scheme ? scheme->Level(app.level) : nullptr;
  if (!level) return q;
  for (const Criterion& c : level->criteria) {
    auto it = last.find(c.id);
    if (it == last.end() || it->second->from != MessageSide::kAssessor) continue;
    q.criteria.push_back(CriterionName(*scheme, c));
    q.since = std::max(q.since, it->second->at);
  }
  return q;
}

std::string InWords(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i)
    out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  return out;
}

// What a representative of the application's organisation has to do on it.
void RepresentativeTasks(const Application& app, const Scheme* scheme, const Organisation& org,
                         const std::string& user_id, const std::vector<Application>& all,
                         Days today, std::vector<Task>& out) {
  const bool lead = org.lead_user_id == user_id;
  const bool senior = org.senior_leader_user_id == user_id;
  const std::string what = Named(scheme, app);
  auto add = [&](const char* kind, std::string title, std::string detail, std::string due = "") {
    Task t;
    t.kind = kind;
    t.title = std::move(title);
    t.detail = std::move(detail);
    t.link = AppLink(app);
    t.organisation_name = org.name;
    t.since = app.updated_at;
    t.due = std::move(due);
    out.push_back(std::move(t));
  };
  if (ConversationOpen(app)) {
    if (Questions q = Unanswered(app, scheme); !q.criteria.empty()) {
      add("answer", "Answer the assessor",
          fmt::format("The assessor of the {} application asked about {}. Answer under the "
                      "criterion.",
                      what, InWords(q.criteria)));
      out.back().since = q.since;
    }
  }
  if (app.state == ApplicationState::kDraft ||
      app.state == ApplicationState::kAmendmentsRequested) {
    const bool complete = scheme && MissingEvidence(app, *scheme).empty();
    if (app.state == ApplicationState::kAmendmentsRequested && lead && app.sign_offs.empty())
      add("amend", "Make the amendments the assessor asked for",
          fmt::format("The assessor of the {} application asked for amendments. Add or change the "
                      "evidence they named, then sign off and resubmit.",
                      what));
    const std::vector<MemberRole> missing =
        scheme ? MissingSignOffs(app, *scheme) : std::vector<MemberRole>{};
    const bool all_signed = scheme && missing.empty();
    for (MemberRole role : missing) {
      const bool mine = role == MemberRole::kLead ? lead : senior;
      if (!mine || !complete) continue;
      add("sign_off", "Sign off the evidence",
          fmt::format("Every criterion of the {} application has evidence. As {}, read it and "
                      "sign it off.",
                      what, Label(role)));
    }
    if (lead && complete && all_signed)
      add("submit", "Submit the application",
          fmt::format("The evidence of the {} application is complete and signed off: submit it "
                      "for assessment.",
                      what));
  }
  if (app.state == ApplicationState::kAwarded && !app.expires_on.empty() && (lead || senior)) {
    auto expires = ParseDate(app.expires_on);
    const bool renewed = std::any_of(all.begin(), all.end(), [&](const Application& other) {
      return other.previous_application_id == app.id && other.state != ApplicationState::kRejected;
    });
    if (expires && !renewed) {
      const Days left = DaysFromCivil(*expires) - today;
      if (left >= 0 && left <= kRenewalNoticeDays)
        add("renew", "Renew the award",
            fmt::format("The {} award expires on {}. Start its renewal so that it does not lapse.",
                        what, ReadableDate(app.expires_on)),
            app.expires_on);
    }
  }
}

// The pledges of `org` that `user_id` owns and should update now.
Result<void> PledgeTasks(Transaction& tx, const Organisation& org, const std::string& user_id,
                         UnixTime now, std::vector<Task>& out) {
  auto due = TRY(PledgesDueSoon(tx, org.id, now));
  for (const Pledge& p : due) {
    if (p.owner_user_id != user_id) continue;
    Task t;
    t.kind = "pledge";
    t.title = p.overdue ? "Update an overdue pledge" : "Update a pledge that is due soon";
    t.detail = fmt::format(
        "“{}” {} {} and stands at {} % done. Record its progress, or mark it done.", p.title,
        p.overdue ? "was due on" : "is due on", ReadableDate(p.due_date), p.progress);
    t.link = "/organisations/" + org.id + "/pledges";
    t.organisation_name = org.name;
    t.since = p.updated_at;
    t.due = p.due_date;
    out.push_back(std::move(t));
  }
  return {};
}

// The renewal of a membership that ends within the renewal window, for its
// representatives, while nobody has asked for it.
Result<void> MembershipTasks(Transaction& tx, const Organisation& org, Days today,
                             std::vector<Task>& out) {
  if (org.membership_status != MembershipStatus::kActive || !org.membership_expiry) return {};
  const MembershipTerms& terms = BuiltInMembershipTerms();
  // The requests are read only once renewal is due: most days it is not.
  auto kind = RequestableKind(terms, org, false, today);
  if (!kind || *kind != MembershipRequestKind::kRenew) return {};
  if (HasPendingRequest(TRY(tx.ListMembershipRequests(org.id)))) return {};
  Task t;
  t.kind = "membership";
  t.title = "Renew the membership";
  t.detail = fmt::format(
      "The membership of {} ends on {}. Only members can apply for certification: request the "
      "renewal.",
      org.name, ReadableDate(*org.membership_expiry));
  t.link = "/organisations/" + org.id + "#membership";
  t.organisation_name = org.name;
  t.since = StartOfDay(
      CivilFromDays(DaysFromCivil(*ParseDate(*org.membership_expiry)) - terms.renewal_window_days));
  t.due = *org.membership_expiry;
  out.push_back(std::move(t));
  return {};
}

// Each membership request waiting for a decision, for an administrator who is
// not a member of its organisation.
Result<void> MembershipDecisionTasks(Transaction& tx, const std::vector<OrganisationWithRole>& mine,
                                     std::vector<Task>& out) {
  auto pending = TRY(tx.ListPendingMembershipRequests());
  for (const MembershipRequest& r : pending) {
    if (std::any_of(mine.begin(), mine.end(), [&](const OrganisationWithRole& o) {
          return o.organisation.id == r.organisation_id;
        }))
      continue;
    auto org = TRY(tx.FindOrganisation(r.organisation_id));
    if (!org) continue;
    Task t;
    t.kind = "membership";
    t.title = "Decide on a membership request";
    t.detail = fmt::format("{} asks to {} its membership, in the {} size band.", org->name,
                           r.kind == MembershipRequestKind::kJoin ? "start" : "renew",
                           BuiltInMembershipTerms().Rule(r.size_band).label);
    t.link = "/staff/membership";
    t.organisation_name = org->name;
    t.since = r.requested_at;
    out.push_back(std::move(t));
  }
  return {};
}

// Each open appeal, for an administrator who took no part in the decision and
// is not a member of the organisation.
Result<void> AppealTasks(Transaction& tx, const std::string& user_id,
                         const std::vector<OrganisationWithRole>& mine, std::vector<Task>& out) {
  auto open = TRY(tx.ListOpenAppeals());
  for (const Appeal& a : open) {
    if (std::find(a.took_part.begin(), a.took_part.end(), user_id) != a.took_part.end() ||
        std::any_of(mine.begin(), mine.end(), [&](const OrganisationWithRole& o) {
          return o.organisation.id == a.organisation_id;
        }))
      continue;
    auto org = TRY(tx.FindOrganisation(a.organisation_id));
    if (!org) continue;
    Task t;
    t.kind = "appeal";
    t.title = "Decide an appeal";
    t.detail = fmt::format(
        "{} appeals the {} decided on {}. You took no part in it: read the grounds and decide.",
        org->name,
        a.subject == AppealSubject::kRejection    ? "rejection of its application"
        : a.subject == AppealSubject::kSuspension ? "suspension of its certificate"
                                                  : "revocation of its certificate",
        ReadableDate(a.decision_on));
    t.link = "/staff/appeals";
    t.organisation_name = org->name;
    t.since = a.filed_at;
    t.due = a.deadline;
    out.push_back(std::move(t));
  }
  return {};
}

// A complaint the organisation is asked to answer, for its representatives.
Result<void> ComplaintAnswerTasks(Transaction& tx, const Organisation& org,
                                  std::vector<Task>& out) {
  for (const Complaint& c : TRY(tx.ListComplaints(org.id))) {
    if (c.state != ComplaintState::kAwaitingResponse) continue;
    Task t;
    t.kind = "complaint";
    t.title = "Answer a complaint";
    t.detail = fmt::format(
        "The certifying body asks {} to answer a complaint before it decides anything.", org.name);
    t.link = fmt::format("/organisations/{}#complaints", org.id);
    t.organisation_name = org.name;
    t.since = c.asked_at.value_or(c.received_at);
    t.due = c.respond_by;
    out.push_back(std::move(t));
  }
  return {};
}

// Each open complaint an administrator can move on: ask the organisation to
// answer, or decide once it has answered or its time has passed. Not for an
// administrator who is a member of the organisation.
Result<void> ComplaintTasks(Transaction& tx, const std::vector<OrganisationWithRole>& mine,
                            Days today, std::vector<Task>& out) {
  for (const Complaint& c : TRY(tx.ListOpenComplaints())) {
    if (std::any_of(mine.begin(), mine.end(), [&](const OrganisationWithRole& o) {
          return o.organisation.id == c.organisation_id;
        }))
      continue;
    const bool ask = c.state == ComplaintState::kReceived;
    if (!ask && !CheckMayDecide(c, today)) continue;
    auto org = TRY(tx.FindOrganisation(c.organisation_id));
    if (!org) continue;
    Task t;
    t.kind = "complaint";
    t.title = ask ? "Ask an organisation to answer a complaint" : "Decide a complaint";
    t.detail =
        ask ? fmt::format("{} complained about {}: it is heard first.", c.complainant_name,
                          org->name)
            : fmt::format("{} {} the complaint by {}: uphold or dismiss it.", org->name,
                          c.state == ComplaintState::kResponded ? "answered" : "did not answer",
                          c.complainant_name);
    t.link = "/staff/complaints";
    t.organisation_name = org->name;
    t.since = c.received_at;
    out.push_back(std::move(t));
  }
  return {};
}

}  // namespace

Result<std::vector<Task>> CertificationService::Tasks(const Caller& caller) {
  std::vector<Task> out;
  const Days today = DayOf(Now());
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto mine = TRY(tx.ListOrganisationsOfUser(caller.user.id));
    for (const OrganisationWithRole& o : mine) {
      const Organisation& org = o.organisation;
      TRY(PledgeTasks(tx, org, caller.user.id, Now(), out));
      if (org.lead_user_id != caller.user.id && org.senior_leader_user_id != caller.user.id)
        continue;
      TRY(MembershipTasks(tx, org, today, out));
      TRY(ComplaintAnswerTasks(tx, org, out));
      auto apps = TRY(tx.ListApplicationsOfOrganisation(org.id));
      for (const Application& app : apps)
        RepresentativeTasks(app, schemes_.Find(app.scheme_id, app.scheme_version), org,
                            caller.user.id, apps, today, out);
    }
    const PlatformRole role = caller.user.platform_role;
    if (role != PlatformRole::kAssessor && role != PlatformRole::kAdministrator) return {};
    const bool admin = role == PlatformRole::kAdministrator;
    if (admin) {
      TRY(MembershipDecisionTasks(tx, mine, out));
      TRY(AppealTasks(tx, caller.user.id, mine, out));
      TRY(ComplaintTasks(tx, mine, today, out));
    }
    auto queue =
        TRY(tx.ListSubmittedApplications(admin ? std::nullopt : std::optional(caller.user.id)));
    std::map<std::string, std::string> names;
    for (const Application& app : queue) {
      // Staff never act on an organisation they belong to (conflict of interest).
      if (std::any_of(mine.begin(), mine.end(), [&](const OrganisationWithRole& o) {
            return o.organisation.id == app.organisation_id;
          }))
        continue;
      auto [name, added] = names.try_emplace(app.organisation_id);
      if (added) {
        auto org = TRY(tx.FindOrganisation(app.organisation_id));
        if (org) name->second = org->name;
      }
      const std::string what = Named(schemes_.Find(app.scheme_id, app.scheme_version), app);
      Task t;
      t.link = AppLink(app);
      t.organisation_name = name->second;
      t.since = app.updated_at;
      const bool reviewing =
          app.state == ApplicationState::kQueued || app.state == ApplicationState::kInReview;
      const bool unallocated = !app.assessor_id && (app.state == ApplicationState::kSubmitted ||
                                                    app.state == ApplicationState::kQueued);
      if (!admin && app.assessor_id == caller.user.id && reviewing) {
        t.kind = "review";
        t.title = app.amendment_cycles > 0 ? "Review the amended evidence" : "Review the evidence";
        t.detail = fmt::format(
            "The {} application of {} is allocated to you{}.", what, name->second,
            app.results_due.empty() ? "" : "; results are due by " + ReadableDate(app.results_due));
        t.due = app.results_due;
      } else if (admin && unallocated) {
        t.kind = "allocate";
        t.title = "Allocate an assessor";
        t.detail = fmt::format("{} submitted its {} application; no assessor has it yet.",
                               name->second, what);
        t.due = app.results_due;
      } else if (admin && app.state == ApplicationState::kRecommended) {
        t.kind = "decide";
        t.title = app.recommends_rejection ? "Decide on the recommended rejection"
                                           : "Confirm the recommended award";
        t.detail = fmt::format(
            "The assessor of the {} application of {} recommends {}. Read the recommendation "
            "and decide.",
            what, name->second, app.recommends_rejection ? "rejection" : "the award");
      } else {
        continue;
      }
      out.push_back(std::move(t));
    }
    return {};
  }));
  std::stable_sort(out.begin(), out.end(),
                   [](const Task& a, const Task& b) { return a.since < b.since; });
  return out;
}

}  // namespace valuemark::app
