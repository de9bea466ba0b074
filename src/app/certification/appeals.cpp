// Appeals (appeals.h).
#include "app/certification/appeals.h"

#include <fmt/format.h>

#include <algorithm>

#include "app/audit/chain.h"
#include "app/certification/certificates.h"
#include "app/validate.h"
#include "formats/application_json.h"
#include "formats/json_writer.h"
#include "formats/records_json.h"

namespace valuemark::app {

// The decision an appeal is about, with what deciding it needs.
struct AppealService::Subject {
  AppealSubject subject = AppealSubject::kRejection;
  Organisation org;
  std::optional<MemberRole> role;  // the caller's in the organisation
  std::string application_id, certificate_id, title;
  const Scheme* scheme = nullptr;
  bool decided = false;     // there is a decision to appeal
  std::string not_decided;  // why not, in words
  Days decision_on = 0;
  std::vector<std::string> took_part;
  std::optional<Appeal> existing;
};

namespace {

Error NoSuchAppeal() { return Error::Make(ErrorCode::kNotFound, "no such appeal"); }
Error Conflict(std::string why) {
  return Error::Make(ErrorCode::kFailedPrecondition, std::move(why));
}

std::string AppealJson(const Appeal& a) {
  formats::JsonWriter w(0);
  w.BeginObject()
      .Field("id", a.id)
      .Field("subject", Name(a.subject))
      .Field("application_id", a.application_id)
      .Field("certificate_id", a.certificate_id)
      .Field("grounds", a.grounds)
      .Field("decision_on", a.decision_on)
      .Field("deadline", a.deadline)
      .Field("state", Name(a.state))
      .Field("reasons", a.reasons)
      .EndObject();
  return w.Take();
}

void AddOnce(std::vector<std::string>& ids, const std::string& id) {
  if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

bool TookPart(const Appeal& a, const std::string& user_id) {
  return std::find(a.took_part.begin(), a.took_part.end(), user_id) != a.took_part.end();
}

// The appeal of this decision, if one was filed.
Result<std::optional<Appeal>> Existing(Transaction& tx, const std::string& org_id,
                                       AppealSubject subject, const std::string& application_id,
                                       const std::string& certificate_id,
                                       const std::string& decision_on) {
  auto appeals = TRY(tx.ListAppeals(org_id));
  for (Appeal& a : appeals)
    if (a.subject == subject && a.application_id == application_id &&
        a.certificate_id == certificate_id && a.decision_on == decision_on)
      return std::optional<Appeal>(std::move(a));
  return std::optional<Appeal>();
}

}  // namespace

Result<AppealService::Subject> AppealService::RejectionOf(Transaction& tx, const Caller& caller,
                                                          const std::string& id) {
  auto ctx = TRY(certification_.LoadApplication(tx, caller, id, ApplicationAction::kRead));
  Subject s;
  s.subject = AppealSubject::kRejection;
  s.org = ctx.org;
  s.role = ctx.role;
  s.application_id = id;
  s.scheme = ctx.scheme;
  s.title = ctx.Title();
  if (ctx.app.state != ApplicationState::kRejected) {
    s.not_decided = "only a rejected application can be appealed";
    return s;
  }
  // Who decided, and who judged the evidence: the audit trail says.
  auto history = TRY(tx.ListAuditForEntity("application", id));
  std::optional<UnixTime> rejected_at;
  for (const AuditEntry& e : history) {
    if (e.action == "application.reject") {
      rejected_at = e.at;
      AddOnce(s.took_part, e.actor_id);
    } else if (e.action == "application.verdict" || e.action == "application.recommend" ||
               e.action == "application.recommend_rejection" ||
               e.action == "application.request_amendments") {
      AddOnce(s.took_part, e.actor_id);
    }
  }
  if (ctx.app.assessor_id) AddOnce(s.took_part, *ctx.app.assessor_id);
  s.decided = true;
  s.decision_on = DayOf(rejected_at.value_or(ctx.app.updated_at));
  s.existing = TRY(Existing(tx, s.org.id, s.subject, id, "", FormatDay(s.decision_on)));
  return s;
}

Result<AppealService::Subject> AppealService::StandingOf(Transaction& tx, const Caller& caller,
                                                         const std::string& id) {
  auto stored = TRY(tx.FindCertificate(id));
  if (!stored) return Fail(Error::Make(ErrorCode::kNotFound, "no such certificate"));
  const Certificate& c = stored->certificate;
  Subject s;
  s.role = TRY(Authorise(tx, caller, c.organisation_id, OrgAction::kRead));
  auto org = TRY(tx.FindOrganisation(c.organisation_id));
  if (!org) return Fail(Error::Make(ErrorCode::kNotFound, "no such certificate"));
  s.org = std::move(*org);
  s.application_id = c.application_id;
  s.certificate_id = c.id;
  s.scheme = certification_.schemes().Find(c.scheme_id, c.scheme_version);
  s.title = CertificateTitle(c);
  if (stored->standing == CertificateStanding::kActive || !stored->standing_since) {
    s.not_decided = "only a suspended or revoked certificate can be appealed";
    return s;
  }
  s.subject = stored->standing == CertificateStanding::kSuspended ? AppealSubject::kSuspension
                                                                  : AppealSubject::kRevocation;
  s.decided = true;
  s.decision_on = DayOf(*stored->standing_since);
  AddOnce(s.took_part, stored->standing_by);
  s.existing = TRY(Existing(tx, s.org.id, s.subject, s.application_id, s.certificate_id,
                            FormatDay(s.decision_on)));
  return s;
}

Result<AppealOption> AppealService::OptionOf(Transaction& tx, const Caller& caller,
                                             const Subject& s) {
  AppealOption o;
  if (!s.decided) {
    o.cannot = s.not_decided;
    return o;
  }
  o.subject = s.subject;
  o.decision_on = FormatDay(s.decision_on);
  const int days = s.scheme ? s.scheme->appeal_working_days : 0;
  if (auto deadline = AppealDeadline(s.decision_on, days)) o.deadline = FormatDay(*deadline);
  if (s.existing) {
    o.appeal = TRY(Named(tx, caller, *s.existing));
    o.cannot = fmt::format("this decision was appealed on {}",
                           ReadableDate(FormatDay(DayOf(s.existing->filed_at))));
    return o;
  }
  if (auto window = CheckAppealWindow(s.decision_on, days, DayOf(Now())); !window) {
    o.cannot = window.error().message;
    return o;
  }
  if (s.role != MemberRole::kLead && s.role != MemberRole::kSeniorLeader) {
    o.cannot = "only the Social Value Lead or the Senior Leader can appeal";
    return o;
  }
  o.may_appeal = true;
  return o;
}

Result<AppealOption> AppealService::ForApplication(const Caller& caller, const std::string& id) {
  return store_.ReadValue([&](Transaction& tx) -> Result<AppealOption> {
    auto s = TRY(RejectionOf(tx, caller, id));
    return OptionOf(tx, caller, s);
  });
}

Result<AppealOption> AppealService::ForCertificate(const Caller& caller, const std::string& id) {
  return store_.ReadValue([&](Transaction& tx) -> Result<AppealOption> {
    auto s = TRY(StandingOf(tx, caller, id));
    return OptionOf(tx, caller, s);
  });
}

Result<NamedAppeal> AppealService::AppealRejection(const Caller& caller, const std::string& id,
                                                   const std::string& grounds) {
  return File(caller, grounds, true, id);
}

Result<NamedAppeal> AppealService::AppealStanding(const Caller& caller, const std::string& id,
                                                  const std::string& grounds) {
  return File(caller, grounds, false, id);
}

Result<NamedAppeal> AppealService::File(const Caller& caller, const std::string& grounds_in,
                                        bool rejection, const std::string& id) {
  auto grounds = TRY(CleanText("grounds", grounds_in, 1, kMaxAppealTextLength, Lines::kMulti));
  NamedAppeal out;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    Subject s = TRY(rejection ? RejectionOf(tx, caller, id) : StandingOf(tx, caller, id));
    TRY(Authorise(tx, caller, s.org.id, OrgAction::kDecide));
    if (!s.decided) return Fail(Conflict(s.not_decided));
    if (s.existing)
      return Fail(Conflict(fmt::format("this decision was already appealed on {}",
                                       ReadableDate(FormatDay(DayOf(s.existing->filed_at))))));
    const Days deadline = TRY(CheckAppealWindow(
        s.decision_on, s.scheme ? s.scheme->appeal_working_days : 0, DayOf(Now())));
    Appeal a;
    a.organisation_id = s.org.id;
    a.id = NewId();
    a.subject = s.subject;
    a.application_id = s.application_id;
    a.certificate_id = s.certificate_id;
    a.grounds = grounds;
    a.filed_by = caller.user.id;
    a.filed_at = Now();
    a.decision_on = FormatDay(s.decision_on);
    a.deadline = FormatDay(deadline);
    a.took_part = s.took_part;
    if (auto inserted = tx.InsertAppeal(a); !inserted) {
      if (inserted.error().code == ErrorCode::kAlreadyExists)
        return Fail(Conflict("this decision was already appealed"));
      return Fail(inserted.error());
    }
    TRY(AppendAuditEvent(
        tx, {caller.user.id, "appeal.file", "appeal", a.id, a.organisation_id, AppealJson(a)},
        Now()));
    TRY(NotifyAdministrators(
        tx, s.org,
        fmt::format("ValueMark: {} appeals the {} of {}", s.org.name, Name(a.subject), s.title),
        fmt::format("{} appeals the {} of its {} (decided on {}).\n\nIts grounds:\n{}\n\nOnly an "
                    "administrator who took no part in that decision may decide the appeal: "
                    "{}/staff/appeals",
                    s.org.name, Name(a.subject), s.title, ReadableDate(a.decision_on), a.grounds,
                    options_.public_url),
        Now()));
    out = TRY(Named(tx, caller, std::move(a)));
    return {};
  }));
  return out;
}

Result<NamedAppeal> AppealService::Decide(const Caller& caller, const std::string& appeal_id,
                                          bool upheld, const std::string& reasons_in) {
  if (caller.user.platform_role != PlatformRole::kAdministrator) return Fail(NotAllowed());
  auto reasons = TRY(CleanText("reasons", reasons_in, 1, kMaxAppealTextLength, Lines::kMulti));
  NamedAppeal out;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    auto found = TRY(tx.FindAppeal(appeal_id));
    if (!found) return Fail(NoSuchAppeal());
    Appeal a = std::move(*found);
    auto org = TRY(tx.FindOrganisation(a.organisation_id));
    if (!org) return Fail(NoSuchAppeal());
    if (TRY(tx.FindMember(a.organisation_id, caller.user.id)))
      return Fail(
          Conflict(fmt::format("conflict of interest: you are a member of {}, so another "
                               "administrator must decide its appeal",
                               org->name)));
    if (TookPart(a, caller.user.id))
      return Fail(
          Conflict("you took part in the decision appealed against, so another "
                   "administrator must decide the appeal"));
    if (a.state != AppealState::kOpen)
      return Fail(Conflict(fmt::format("this appeal was already {}", Name(a.state))));
    a.state = upheld ? AppealState::kUpheld : AppealState::kDismissed;
    a.decided_by = caller.user.id;
    a.decided_at = Now();
    a.reasons = reasons;
    TRY(tx.UpdateAppeal(a));
    a.version += 1;
    std::string title, consequence;
    if (a.subject == AppealSubject::kRejection) {
      auto app = TRY(tx.FindApplication(a.application_id));
      if (!app) return Fail(NoSuchAppeal());
      const Scheme* scheme = certification_.schemes().Find(app->scheme_id, app->scheme_version);
      if (!scheme) return Fail(Conflict("the application's scheme is not installed"));
      title = LevelTitle(*scheme, app->level);
      if (upheld) {
        const int64_t expected = app->version;
        TRY(ReopenAfterUpheldAppeal(*app, *scheme, DayOf(Now())));
        app->version += 1;
        app->updated_at = Now();
        TRY(tx.UpdateApplication(*app, expected));
        TRY(AppendAuditEvent(
            tx,
            {caller.user.id, "application.reopen", "application", app->id, app->organisation_id,
             formats::CompactJson(&formats::WriteApplication, *app)},
            Now()));
        consequence = fmt::format(
            "The application is reviewed afresh by an assessor who took no part before; results "
            "are due by {}.",
            ReadableDate(app->results_due));
      } else {
        consequence = "The rejection stands.";
      }
    } else {
      auto stored = TRY(tx.FindCertificate(a.certificate_id));
      if (!stored) return Fail(NoSuchAppeal());
      const Certificate& c = stored->certificate;
      title = CertificateTitle(c);
      // The decision appealed must still stand: a suspension revoked since
      // (a complaint upheld meanwhile) is not lifted by its appeal.
      const CertificateStanding appealed = a.subject == AppealSubject::kSuspension
                                               ? CertificateStanding::kSuspended
                                               : CertificateStanding::kRevoked;
      if (upheld && stored->standing != appealed)
        return Fail(Error::Make(
            ErrorCode::kFailedPrecondition,
            fmt::format("the certificate is no longer {} but {}: the decision appealed has been "
                        "replaced, so this appeal cannot reinstate it",
                        Name(appealed), Name(stored->standing))));
      if (upheld) {
        StoredCertificate changed = *stored;
        changed.standing = CertificateStanding::kActive;
        changed.standing_reason = "Appeal upheld: " + reasons;
        changed.standing_since = Now();
        changed.standing_by = caller.user.id;
        if (auto set = tx.SetCertificateStanding(c.id, stored->standing, changed); !set)
          return Fail(set.error().code == ErrorCode::kNotFound
                          ? Conflict("someone else changed the certificate meanwhile: reload it")
                          : set.error());
        TRY(AppendAuditEvent(
            tx,
            {caller.user.id, "certificate.reinstate", "certificate", c.id, c.organisation_id,
             StandingChangeJson(c, stored->standing, CertificateStanding::kActive,
                                changed.standing_reason)},
            Now()));
        consequence =
            "The certificate is current again, and the register and its verification "
            "page say so.";
      } else {
        consequence = fmt::format("The {} stands.", Name(a.subject));
      }
    }
    TRY(AppendAuditEvent(tx,
                         {caller.user.id, upheld ? "appeal.uphold" : "appeal.dismiss", "appeal",
                          a.id, a.organisation_id, AppealJson(a)},
                         Now()));
    TRY(NotifyRepresentatives(
        tx, *org,
        fmt::format("ValueMark: the appeal against the {} of {} is {}", Name(a.subject), title,
                    upheld ? "upheld" : "dismissed"),
        fmt::format("The certifying body {} the appeal of {} against the {} of its {}.\n\n"
                    "Reasons:\n{}\n\n{} This decision is final.",
                    upheld ? "upheld" : "dismissed", org->name, Name(a.subject), title, reasons,
                    consequence),
        Now()));
    out = TRY(Named(tx, caller, std::move(a)));
    return {};
  }));
  return out;
}

Result<std::vector<NamedAppeal>> AppealService::Open(const Caller& caller) {
  if (caller.user.platform_role != PlatformRole::kAdministrator) return Fail(NotAllowed());
  return store_.ReadValue([&](Transaction& tx) -> Result<std::vector<NamedAppeal>> {
    std::vector<NamedAppeal> out;
    auto open = TRY(tx.ListOpenAppeals());
    for (Appeal& a : open) out.push_back(TRY(Named(tx, caller, std::move(a))));
    return out;
  });
}

Result<NamedAppeal> AppealService::Named(Transaction& tx, const Caller& caller, Appeal appeal) {
  NamedAppeal n;
  if (auto org = TRY(tx.FindOrganisation(appeal.organisation_id))) n.organisation_name = org->name;
  if (!appeal.certificate_id.empty()) {
    if (auto c = TRY(tx.FindCertificate(appeal.certificate_id)))
      n.title = CertificateTitle(c->certificate);
  } else if (auto app = TRY(tx.FindApplication(appeal.application_id))) {
    if (const Scheme* s = certification_.schemes().Find(app->scheme_id, app->scheme_version))
      n.title = LevelTitle(*s, app->level);
  }
  if (auto u = TRY(tx.FindUserById(appeal.filed_by))) n.filed_by_name = u->name;
  if (!appeal.decided_by.empty())
    if (auto u = TRY(tx.FindUserById(appeal.decided_by))) n.decided_by_name = u->name;
  n.may_decide = caller.user.platform_role == PlatformRole::kAdministrator &&
                 appeal.state == AppealState::kOpen && !TookPart(appeal, caller.user.id) &&
                 !TRY(tx.FindMember(appeal.organisation_id, caller.user.id));
  n.appeal = std::move(appeal);
  return n;
}

}  // namespace valuemark::app
