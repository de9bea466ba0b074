// Certification use cases (docs/api.md "Certification"): an organisation's
// applications, evidence, sign-off and submission (the assessment, from the
// review queue to the award, is in assessment.cpp). Each checks access
// (core/access.h DecideApplication), runs a core rule (core/certification.h)
// and saves the application with its audit entry in one transaction.
#include "app/certification/certification.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "app/audit/chain.h"
#include "app/certification/certificates.h"
#include "app/certification/invoices.h"
#include "app/certification/membership.h"
#include "app/crypto.h"
#include "app/network/brokerage.h"
#include "app/outbox.h"
#include "app/validate.h"
#include "core/file_type.h"
#include "formats/application_json.h"
#include "formats/impact_map_json.h"
#include "formats/records_json.h"
#include "formats/survey_json.h"

namespace valuemark::app {

namespace {

Error NoSuchApplication() { return Error::Make(ErrorCode::kNotFound, "no such application"); }

std::string ApplicationJson(const Application& a) {
  return formats::CompactJson(&formats::WriteApplication, a);
}

Error Refused(Access access) {
  return access == Access::kHidden
             ? NoSuchApplication()
             : Error::Make(ErrorCode::kPermissionDenied, "your role does not allow this");
}

Result<std::optional<MemberRole>> RoleIn(Transaction& tx, const std::string& org_id,
                                         const std::string& user_id) {
  auto member = TRY(tx.FindMember(org_id, user_id));
  if (!member) return std::optional<MemberRole>();
  return std::optional<MemberRole>((member)->role);
}

// Failing rules as one error whose fields name each, with `code`.
Error Problems(ErrorCode code, const std::string& lead, std::vector<FieldError> fields) {
  Error e = Error::InvalidArgument(std::move(fields));
  e.code = code;
  e.message = lead + e.message;
  return e;
}

Result<void> CheckEvidenceInput(const EvidenceInput& in, EvidenceItem& item) {
  std::vector<FieldError> errors;
  if (in.criterion_id.empty()) errors.push_back({"criterion_id", "is required"});
  item.criterion_id = in.criterion_id;
  auto kind = ParseEvidenceKind(in.kind);
  if (!kind) {
    errors.push_back({"kind", kind.error().message});
  } else if (*kind == EvidenceKind::kFile) {
    errors.push_back(
        {"kind",
         "upload a file with POST /applications/{id}/evidence/file (the file itself as the body)"});
  } else {
    item.kind = *kind;
  }
  const bool record = kind && *kind == EvidenceKind::kRecord;
  if (auto t = CleanText("title", in.title, record ? 0 : 1, 200)) {
    item.title = *t;
  } else {
    errors.push_back(t.error().fields.front());
  }
  if (kind && *kind == EvidenceKind::kLink) {
    const bool web = in.url.starts_with("https://") || in.url.starts_with("http://");
    if (!web || in.url.size() > 2000 || in.url.find_first_of(" \t\r\n") != std::string::npos ||
        !ForbiddenCharacter(in.url, Lines::kSingle).empty())
      errors.push_back(
          {"url", "must be a web address starting https:// (at most 2000 characters)"});
    item.url = in.url;
  }
  if (kind && *kind == EvidenceKind::kRecord) {
    auto record_kind = ParseRecordKind(in.record_kind);
    if (!record_kind) {
      errors.push_back({"record_kind", record_kind.error().message});
    } else {
      item.record_kind = *record_kind;
    }
    if (auto id = CleanText("record_id", in.record_id, 1, 200)) {
      item.record_id = *id;
    } else {
      errors.push_back(id.error().fields.front());
    }
  }
  if (auto note = CleanText("note", in.note, 0, 2000, Lines::kMulti)) {
    item.note = *note;
  } else {
    errors.push_back(note.error().fields.front());
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return {};
}

// Where each kind of platform record lives: record versions of a kind, the
// surveys table, or the organisation's scopes. A stakeholder map is the plan
// of a scope (record id = scope id).
const char* StoredKind(RecordKind k) {
  switch (k) {
    case RecordKind::kStakeholderMap:
      return "plan";
    case RecordKind::kImpactMap:
      return "impact_map";
    case RecordKind::kDecisionLog:
      return "decision";
    case RecordKind::kPledge:
      return "pledge";
    case RecordKind::kSelfAssessment:
      return "self_assessment";
    case RecordKind::kLm3Calculation:
      return "lm3";
    case RecordKind::kSurvey:
    case RecordKind::kScope:
      return "";
  }
  return "";
}

const char* Described(RecordKind k) {
  switch (k) {
    case RecordKind::kStakeholderMap:
      return "a stakeholder map (the plan of a scope)";
    case RecordKind::kImpactMap:
      return "an impact map";
    case RecordKind::kDecisionLog:
      return "a decision";
    case RecordKind::kPledge:
      return "a pledge";
    case RecordKind::kSelfAssessment:
      return "a self-assessment";
    case RecordKind::kLm3Calculation:
      return "an LM3 calculation";
    case RecordKind::kSurvey:
      return "a survey";
    case RecordKind::kScope:
      return "a scope";
  }
  return "a record";
}

std::string RecordTitle(RecordKind k, const RecordVersion& r) {
  if (k == RecordKind::kSelfAssessment)
    return "Self-assessment of " + formats::FormatTime(r.created_at).substr(0, 10);
  if (k == RecordKind::kStakeholderMap) return "Stakeholder map: " + r.title;
  return r.title;
}

std::string SurveyTitle(const SurveyRecord& s) {
  auto design = formats::ParseStoredDesign(s.design);
  return design && !design->title.empty() ? design->title : "Survey " + s.id;
}

// The organisation's record of `kind` with `id`, or nullopt when it has none
// (another organisation's record included).
Result<std::optional<RecordOption>> FindEvidenceRecord(Transaction& tx, const std::string& org_id,
                                                       RecordKind kind, const std::string& id) {
  if (kind == RecordKind::kScope) {
    auto scope = TRY(tx.FindScope(org_id, id));
    if (!scope) return std::optional<RecordOption>();
    return std::optional<RecordOption>(RecordOption{id, (scope)->name});
  }
  if (kind == RecordKind::kSurvey) {
    auto survey = TRY(tx.FindSurvey(org_id, id));
    if (!survey) return std::optional<RecordOption>();
    return std::optional<RecordOption>(RecordOption{id, SurveyTitle(*survey), (survey)->version});
  }
  auto rec = TRY(tx.FindRecord(org_id, StoredKind(kind), id, 0));
  if (!rec) return std::optional<RecordOption>();
  return std::optional<RecordOption>(RecordOption{id, RecordTitle(kind, *rec), (rec)->version});
}

Result<std::vector<RecordOption>> ListEvidenceRecordsOf(Transaction& tx, const std::string& org_id,
                                                        RecordKind kind) {
  std::vector<RecordOption> out;
  if (kind == RecordKind::kScope) {
    auto scopes = TRY(tx.ListScopes(org_id));
    for (const Scope& s : scopes) out.push_back({s.id, s.name});
    return out;
  }
  if (kind == RecordKind::kSurvey) {
    auto surveys = TRY(tx.ListSurveys(org_id));
    for (const SurveyRecord& s : surveys) out.push_back({s.id, SurveyTitle(s)});
    return out;
  }
  auto list = TRY(tx.ListRecords(org_id, StoredKind(kind)));
  if (kind == RecordKind::kSelfAssessment) std::reverse(list.begin(), list.end());  // newest first
  for (const RecordVersion& r : list) out.push_back({r.id, RecordTitle(kind, r)});
  return out;
}

}  // namespace

namespace {

Result<void> Email(Transaction& tx, const User& user, const std::string& subject,
                   const std::string& body, UnixTime now) {
  if (user.deactivated_at) return {};
  OutboxMessage m;
  m.to = user.email;
  m.subject = subject;
  m.body = fmt::format("Hello {},\n\n{}\n", OneLine(user.name), body);
  m.created_at = now;
  TRY(QueueEmail(tx, m));
  return {};
}

}  // namespace

Result<void> NotifyUser(Transaction& tx, const std::string& user_id, const std::string& subject,
                        const std::string& body, UnixTime now) {
  auto user = TRY(tx.FindUserById(user_id));
  if (!user) return {};
  return Email(tx, *user, subject, body, now);
}

Result<void> NotifyRepresentatives(Transaction& tx, const Organisation& org,
                                   const std::string& subject, const std::string& body,
                                   UnixTime now) {
  TRY(NotifyUser(tx, org.lead_user_id.value_or(""), subject, body, now));
  if (org.senior_leader_user_id && org.senior_leader_user_id != org.lead_user_id)
    TRY(NotifyUser(tx, *org.senior_leader_user_id, subject, body, now));
  return {};
}

Result<void> NotifyAdministrators(Transaction& tx, const Organisation& org,
                                  const std::string& subject, const std::string& body,
                                  UnixTime now) {
  UserQuery admins;
  admins.role = PlatformRole::kAdministrator;
  admins.active = true;
  PageRequest page{"", 200};
  for (int pages = 0; pages < 50; ++pages) {  // at most 10,000 administrators
    auto list = TRY(tx.ListUsers(page, admins));
    for (const User& admin : list)
      if (!TRY(tx.FindMember(org.id, admin.id))) TRY(Email(tx, admin, subject, body, now));
    if (static_cast<int>(list.size()) < page.limit) break;
    page.after = list.back().id;
  }
  return {};
}

Result<void> VoidSignOffsAfterRepresentativesChange(Transaction& tx, const Organisation& org,
                                                    const std::string& actor_id,
                                                    const std::string& public_url, UnixTime now) {
  auto apps = TRY(tx.ListApplicationsOfOrganisation(org.id));
  for (Application& app : apps) {
    if (app.state != ApplicationState::kDraft &&
        app.state != ApplicationState::kAmendmentsRequested)
      continue;
    if (VoidSignOffsOfFormerRepresentatives(app, org.lead_user_id, org.senior_leader_user_id) == 0)
      continue;
    const int64_t expected = app.version;
    app.version += 1;
    app.updated_at = now;
    TRY(tx.UpdateApplication(app, expected));
    TRY(AppendAuditEvent(tx,
                         {actor_id, "application.sign_offs_voided", "application", app.id, org.id,
                          ApplicationJson(app)},
                         now));
    TRY(NotifyRepresentatives(
        tx, org, "ValueMark: the evidence needs signing off again",
        fmt::format("The representatives of {} have changed, so a sign-off given by someone "
                    "who is no longer a "
                    "representative no longer counts. The new representative must sign off the "
                    "evidence before "
                    "the application can be submitted: {}/applications/{}",
                    org.name, public_url, app.id),
        now));
  }
  return {};
}

std::string ApplicationContext::Title() const { return LevelTitle(*scheme, app.level); }

Result<ApplicationContext> CertificationService::LoadApplication(Transaction& tx,
                                                                 const Caller& caller,
                                                                 const std::string& id,
                                                                 ApplicationAction action) {
  auto found = TRY(tx.FindApplication(id));
  if (!found) return Fail(NoSuchApplication());
  ApplicationContext ctx;
  ctx.app = std::move(*found);
  auto role = TRY(RoleIn(tx, ctx.app.organisation_id, caller.user.id));
  ctx.role = role;
  const bool allocated = ctx.app.assessor_id == caller.user.id;
  if (Access a = DecideApplication(caller.user.platform_role, ctx.role, allocated, action);
      a != Access::kAllow) {
    // Someone who may not even read it learns nothing of it.
    if (DecideApplication(caller.user.platform_role, ctx.role, allocated,
                          ApplicationAction::kRead) != Access::kAllow)
      return Fail(NoSuchApplication());
    return Fail(Refused(a));
  }
  auto org = TRY(tx.FindOrganisation(ctx.app.organisation_id));
  if (!org) return Fail(NoSuchApplication());
  ctx.org = std::move(*org);
  // An assessor who has since joined the organisation may not judge it,
  // whatever the allocation says (the check at allocation is not enough).
  if (action == ApplicationAction::kReview && ctx.role)
    return Fail(Error::Make(
        ErrorCode::kFailedPrecondition,
        fmt::format("conflict of interest: you are a member of {}, so you cannot assess its "
                    "application; ask the scheme administrator to allocate another assessor",
                    ctx.org.name)));
  ctx.scheme = schemes_.Find(ctx.app.scheme_id, ctx.app.scheme_version);
  if (!ctx.scheme)
    return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                            fmt::format("scheme {} version {} is not installed on this server",
                                        ctx.app.scheme_id, ctx.app.scheme_version)));
  return ctx;
}

Result<Application> CertificationService::ChangeApplication(
    const Caller& caller, const std::string& id, ApplicationAction action, const char* audit_action,
    const std::function<Result<void>(ApplicationContext&, Transaction&)>& change) {
  Application out;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    auto ctx = TRY(LoadApplication(tx, caller, id, action));
    const std::string before = ApplicationJson(ctx.app);
    TRY(change(ctx, tx));
    const int64_t expected = ctx.app.version;
    ctx.app.version += 1;
    ctx.app.updated_at = Now();
    TRY(tx.UpdateApplication(ctx.app, expected));
    out = ctx.app;
    return AppendAuditEvent(tx,
                            {caller.user.id, audit_action, "application", id, out.organisation_id,
                             ApplicationJson(out), before},
                            Now());
  }));
  return out;
}

Result<std::vector<EligibilityProblem>> CertificationService::EligibilityOf(
    Transaction& tx, const Organisation& org, const Scheme& scheme, int level, bool terms_accepted,
    const std::string& except_id) {
  auto all = TRY(tx.ListApplicationsOfOrganisation(org.id));
  std::vector<const Application*> others;
  for (const Application& a : all)
    if (a.scheme_id == scheme.id && a.id != except_id) others.push_back(&a);
  return valuemark::CheckEligibility({&scheme, level, &org, terms_accepted, others, DayOf(Now())});
}

Result<void> CertificationService::AddPreparationCallProblem(
    Transaction& tx, const Organisation& org, const Scheme& scheme,
    std::vector<EligibilityProblem>& problems) {
  if (!scheme.preparation_call) return {};
  if (HeldCallFor(TRY(tx.ListPreparationSlotsOfOrganisation(org.id)), scheme.id)) return {};
  problems.push_back(
      {"preparation_call_not_held",
       fmt::format("{} asks for a preparation call with the Assurance Manager before an "
                   "application is submitted: book one of the times offered under Certification, "
                   "and submit once it has been held",
                   scheme.name)});
  return {};
}

Result<std::vector<Application>> CertificationService::ListApplications(const Caller& caller,
                                                                        const std::string& org_id) {
  return ReadInOrganisation<std::vector<Application>>(
      caller, org_id, OrgAction::kRead, [&](Transaction& tx) -> Result<std::vector<Application>> {
        auto role = TRY(RoleIn(tx, org_id, caller.user.id));
        auto all = TRY(tx.ListApplicationsOfOrganisation(org_id));
        std::vector<Application> visible;
        for (Application& a : all)
          if (DecideApplication(caller.user.platform_role, role, a.assessor_id == caller.user.id,
                                ApplicationAction::kRead) == Access::kAllow)
            visible.push_back(std::move(a));
        return visible;
      });
}

Result<Application> CertificationService::CreateApplication(const Caller& caller,
                                                            const std::string& org_id,
                                                            const ApplicationInput& input) {
  const Scheme* scheme = schemes_.Latest(input.scheme_id);
  if (!scheme)
    return Fail(InvalidField(
        "scheme_id", fmt::format("\"{}\" is not a scheme on this server", input.scheme_id)));
  if (!scheme->Level(input.level))
    return Fail(InvalidField("level", fmt::format("{} has levels 1 to {}, got {}", scheme->name,
                                                  scheme->levels.size(), input.level)));
  Application app;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    auto role = Authorise(tx, caller, org_id, OrgAction::kRead);  // outsiders: 404
    if (!role) return Fail(role.error());
    if (Access a =
            DecideApplication(caller.user.platform_role, *role, false, ApplicationAction::kDraft);
        a != Access::kAllow)
      return Fail(Refused(Access::kForbidden));
    auto org = TRY(tx.FindOrganisation(org_id));
    if (!org) return Fail(Error::Make(ErrorCode::kNotFound, "no such organisation"));
    if (input.scope_id) {
      auto scope = TRY(tx.FindScope(org_id, *input.scope_id));
      if (!scope) return Fail(InvalidField("scope_id", "is not a scope of this organisation"));
    }
    // Strictly sequential levels, one at a time (SVMC guidance FAQ): a
    // draft for a level the organisation may not yet apply for is refused at
    // once. Membership, representatives and terms can still be put right
    // while drafting; submission checks them.
    auto problems = TRY(EligibilityOf(tx, *org, *scheme, input.level, true, ""));
    std::vector<FieldError> blocking;
    for (const EligibilityProblem& p : problems)
      if (p.code == "previous_level_not_held" || p.code == "application_open")
        blocking.push_back({"level", p.message});
    if (!blocking.empty())
      return Fail(Problems(ErrorCode::kFailedPrecondition,
                           "cannot start this application: ", std::move(blocking)));
    app.organisation_id = org_id;
    app.id = NewId();
    app.scheme_id = scheme->id;
    app.scheme_version = scheme->version;
    app.level = input.level;
    app.scope_id = input.scope_id;
    auto all = TRY(tx.ListApplicationsOfOrganisation(org_id));
    // A renewal starts from the evidence of the award it renews.
    const Application* renewed = nullptr;
    for (const Application& a : all)
      if (a.scheme_id == scheme->id && a.level == input.level && AwardValid(a, DayOf(Now())) &&
          (!renewed || a.awarded_on > renewed->awarded_on))
        renewed = &a;
    app.renewal = renewed != nullptr;
    if (renewed) {
      app.previous_application_id = renewed->id;
      app.evidence = CarryForward(*renewed, *scheme, input.level);
      for (EvidenceItem& e : app.evidence) e.id = NewId();
    }
    app.created_by = caller.user.id;
    app.created_at = app.updated_at = Now();
    TRY(CheckQuota(tx, org_id, {.applications = 1}));
    TRY(tx.InsertApplication(app));
    return AppendAuditEvent(
        tx,
        {caller.user.id, "application.create", "application", app.id, org_id, ApplicationJson(app)},
        Now());
  }));
  return app;
}

Result<Application> CertificationService::GetApplication(const Caller& caller,
                                                         const std::string& id) {
  Application out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto ctx = TRY(LoadApplication(tx, caller, id, ApplicationAction::kRead));
    out = std::move(ctx.app);
    return {};
  }));
  return out;
}

Result<EligibilityReport> CertificationService::CheckEligibility(const Caller& caller,
                                                                 const std::string& org_id,
                                                                 const std::string& scheme_id,
                                                                 int level) {
  const Scheme* scheme = schemes_.Latest(scheme_id);
  if (!scheme)
    return Fail(
        InvalidField("scheme_id", fmt::format("\"{}\" is not a scheme on this server", scheme_id)));
  if (!scheme->Level(level))
    return Fail(InvalidField("level", fmt::format("{} has levels 1 to {}, got {}", scheme->name,
                                                  scheme->levels.size(), level)));
  return ReadInOrganisation<EligibilityReport>(
      caller, org_id, OrgAction::kRead, [&](Transaction& tx) -> Result<EligibilityReport> {
        auto org = TRY(tx.FindOrganisation(org_id));
        // Terms are accepted on the application itself.
        auto problems = TRY(EligibilityOf(tx, *org, *scheme, level, true, ""));
        return EligibilityReport{std::move(problems), {}};
      });
}

Result<EligibilityReport> CertificationService::ApplicationEligibility(const Caller& caller,
                                                                       const std::string& id) {
  EligibilityReport report;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto ctx = TRY(LoadApplication(tx, caller, id, ApplicationAction::kRead));
    report.problems = TRY(EligibilityOf(tx, ctx.org, *ctx.scheme, ctx.app.level,
                                        ctx.app.terms_accepted_at.has_value(), ctx.app.id));
    TRY(AddPreparationCallProblem(tx, ctx.org, *ctx.scheme, report.problems));
    report.incomplete = CompletenessProblems(ctx.app, *ctx.scheme);
    return {};
  }));
  return report;
}

Result<std::vector<CriterionDiff>> CertificationService::ChangesSinceAward(const Caller& caller,
                                                                           const std::string& id) {
  std::vector<CriterionDiff> out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto ctx = TRY(LoadApplication(tx, caller, id, ApplicationAction::kRead));
    if (ctx.app.previous_application_id.empty()) return {};
    auto previous = TRY(tx.FindApplication(ctx.app.previous_application_id));
    if (previous) out = valuemark::ChangesSinceAward(*previous, ctx.app, *ctx.scheme);
    return {};
  }));
  return out;
}

Result<std::vector<RecordOption>> CertificationService::ListEvidenceRecords(
    const Caller& caller, const std::string& id, const std::string& record_kind) {
  auto kind = ParseRecordKind(record_kind);
  if (!kind) return Fail(InvalidField("record_kind", kind.error().message));
  std::vector<RecordOption> out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto ctx = TRY(LoadApplication(tx, caller, id, ApplicationAction::kDraft));
    out = TRY(ListEvidenceRecordsOf(tx, ctx.app.organisation_id, *kind));
    return {};
  }));
  return out;
}

Result<PreAudit> CertificationService::GetPreAudit(const Caller& caller, const std::string& id) {
  auto questions = TRY(MeasureService::SelfAssessmentQuestions());
  PreAudit out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto ctx = TRY(LoadApplication(tx, caller, id, ApplicationAction::kRead));
    const Application& app = ctx.app;
    const Scheme& scheme = *ctx.scheme;
    for (const Scheme::StageView& stage : scheme.StagesOf(app.level))
      for (const Criterion* c : stage.criteria) {
        PreAudit::CriterionEvidence row{c->id, c->stage, c->text, 0};
        row.evidence_count = static_cast<int>(
            std::count_if(app.evidence.begin(), app.evidence.end(),
                          [&](const EvidenceItem& e) { return e.criterion_id == c->id; }));
        out.criteria.push_back(std::move(row));
      }
    // The latest self-assessment (titles sort in order of submission).
    auto attempts =
        TRY(tx.ListRecords(app.organisation_id, StoredKind(RecordKind::kSelfAssessment)));
    if (!attempts.empty()) {
      auto latest = TRY(SelfAssessmentFromRecord(*questions, attempts.back()));
      std::string scheme_key = scheme.id;
      for (char& ch : scheme_key)
        ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      for (const SaVerdict& v : latest.result.readiness)
        if (v.scheme == scheme_key && v.level == app.level) out.readiness = v;
      out.self_assessment = std::move(latest);
    }
    if (const SchemeLevel* level = scheme.Level(app.level); level && level->min_pledges > 0) {
      out.min_pledges = level->min_pledges;
      auto pledges = TRY(tx.ListRecords(app.organisation_id, StoredKind(RecordKind::kPledge)));
      out.pledges_recorded = static_cast<int>(pledges.size());
      out.pledges_referenced = CountPledges(app);
    }
    for (const EvidenceItem& e : app.evidence) {
      if (e.kind != EvidenceKind::kRecord || e.record_kind != RecordKind::kImpactMap) continue;
      PreAudit::RecordCheck check;
      check.criterion_id = e.criterion_id;
      check.record_id = e.record_id;
      check.title = e.record_title;
      check.version = e.record_version;
      auto record = TRY(tx.FindRecord(app.organisation_id, StoredKind(RecordKind::kImpactMap),
                                      e.record_id, e.record_version));
      auto map = record ? std::optional(formats::ParseImpactMap(record->body)) : std::nullopt;
      check.found = map && map->has_value();
      if (check.found) {
        // The principles check, and what it finds about outcomes shared with
        // partners (claimed twice, or beyond the agreed share).
        std::vector<Finding> findings = LintImpactMap(**map);
        for (Finding& f : TRY(PartnershipFindingsIn(tx, app.organisation_id, e.record_id, **map)))
          findings.push_back(std::move(f));
        for (Finding& f : findings) {
          if (f.severity == Severity::kInfo) continue;
          (f.severity == Severity::kError ? check.errors : check.warnings) += 1;
          check.findings.push_back(std::move(f));
        }
        std::stable_sort(check.findings.begin(), check.findings.end(),
                         [](const Finding& a, const Finding& b) {
                           return a.severity == Severity::kError && b.severity != Severity::kError;
                         });
      }
      out.record_checks.push_back(std::move(check));
    }
    return {};
  }));
  return out;
}

Result<FeeQuote> CertificationService::QuoteApplicationFee(const Caller& caller,
                                                           const std::string& id) {
  FeeQuote quote;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto ctx = TRY(LoadApplication(tx, caller, id, ApplicationAction::kRead));
    quote = QuoteFee(*ctx.scheme, ctx.org.size_band);
    return {};
  }));
  return quote;
}

Result<Application> CertificationService::AcceptTerms(const Caller& caller, const std::string& id) {
  return ChangeApplication(
      caller, id, ApplicationAction::kDraft, "application.accept_terms",
      [&](ApplicationContext& ctx, Transaction&) -> Result<void> {
        if (ctx.app.state != ApplicationState::kDraft)
          return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                                  "terms are accepted while the application is a draft"));
        if (ctx.app.terms_accepted_at)
          return Fail(
              Error::Make(ErrorCode::kFailedPrecondition, "the terms are already accepted"));
        ctx.app.terms_accepted_at = Now();
        ctx.app.terms_accepted_by = caller.user.id;
        ctx.app.terms_version = ctx.scheme->terms;
        return {};
      });
}

Result<Application> CertificationService::AddEvidence(const Caller& caller, const std::string& id,
                                                      const EvidenceInput& input) {
  EvidenceItem item;
  TRY(CheckEvidenceInput(input, item));
  item.id = NewId();
  item.added_by = caller.user.id;
  item.added_at = Now();
  return ChangeApplication(
      caller, id, ApplicationAction::kDraft, "application.add_evidence",
      [&](ApplicationContext& ctx, Transaction& tx) -> Result<void> {
        TRY(CheckEvidenceItems(options_.quotas, ctx.app));
        if (item.kind == EvidenceKind::kRecord && item.record_kind) {
          // Only this organisation's own records stand as its evidence.
          auto found =
              FindEvidenceRecord(tx, ctx.app.organisation_id, *item.record_kind, item.record_id);
          if (!found) return Fail(found.error());
          if (!*found)
            return Fail(InvalidField(
                "record_id", fmt::format("is not {} of this organisation (record_kind {})",
                                         Described(*item.record_kind), Name(*item.record_kind))));
          item.record_title = (*found)->title;
          // Pinned: the award shows this version, whatever is edited later.
          item.record_version = (*found)->version;
          if (item.title.empty()) item.title = item.record_title;
        }
        return valuemark::AddEvidence(ctx.app, *ctx.scheme, item);
      });
}

Result<Application> CertificationService::UploadEvidenceFile(const Caller& caller,
                                                             const std::string& id,
                                                             const std::string& criterion_id,
                                                             const std::string& title_in,
                                                             std::string_view content) {
  if (content.size() > kMaxEvidenceFileBytes)
    return Fail(InvalidField("file", "is larger than 20 MB"));
  std::vector<FieldError> errors;
  auto title = CleanText("title", title_in, 1, 200);
  if (!title) errors.push_back(title.error().fields.front());
  if (criterion_id.empty()) errors.push_back({"criterion_id", "is required"});
  auto type = DetectFileType(content);
  if (!type)
    errors.push_back(
        {"file",
         "is not an accepted kind of file: PDF, PNG, JPEG, GIF or WebP images, Word, Excel, "
         "PowerPoint or OpenDocument files, or CSV (judged by the content, not the name)"});
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  EvidenceFile file;
  file.id = NewId();
  file.media_type = type->media_type;
  file.size_bytes = static_cast<int64_t>(content.size());
  file.sha256 = Sha256Hex(content);
  file.content = std::string(content);
  file.created_at = Now();
  EvidenceItem item;
  item.id = NewId();
  item.criterion_id = criterion_id;
  item.kind = EvidenceKind::kFile;
  item.title = *title;
  item.file_id = file.id;
  item.media_type = type->media_type;
  item.size_bytes = file.size_bytes;
  item.added_by = caller.user.id;
  item.added_at = Now();
  return ChangeApplication(caller, id, ApplicationAction::kDraft, "application.add_evidence",
                           [&](ApplicationContext& ctx, Transaction& tx) -> Result<void> {
                             TRY(CheckEvidenceItems(options_.quotas, ctx.app));
                             TRY(CheckQuota(tx, ctx.app.organisation_id,
                                            {.bytes = file.size_bytes, .evidence_files = 1}));
                             TRY(valuemark::AddEvidence(ctx.app, *ctx.scheme, item));
                             file.organisation_id = ctx.app.organisation_id;
                             file.application_id = ctx.app.id;
                             return tx.InsertEvidenceFile(file);
                           });
}

Result<EvidenceFile> CertificationService::GetEvidenceFile(const Caller& caller,
                                                           const std::string& id,
                                                           const std::string& evidence_id) {
  std::optional<EvidenceFile> out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto ctx = TRY(LoadApplication(tx, caller, id, ApplicationAction::kRead));
    auto item =
        std::find_if(ctx.app.evidence.begin(), ctx.app.evidence.end(), [&](const EvidenceItem& e) {
          return e.id == evidence_id && e.kind == EvidenceKind::kFile;
        });
    if (item == ctx.app.evidence.end())
      return Fail(Error::Make(ErrorCode::kNotFound, "no such evidence file"));
    auto file = TRY(tx.FindEvidenceFile(ctx.app.organisation_id, item->file_id));
    if (!file) return Fail(Error::Make(ErrorCode::kNotFound, "no such evidence file"));
    out = std::move(*file);
    return {};
  }));
  return std::move(*out);
}

Result<Application> CertificationService::RemoveEvidence(const Caller& caller,
                                                         const std::string& id,
                                                         const std::string& evidence_id) {
  return ChangeApplication(caller, id, ApplicationAction::kDraft, "application.remove_evidence",
                           [&](ApplicationContext& ctx, Transaction&) {
                             return valuemark::RemoveEvidence(ctx.app, evidence_id);
                           });
}

// After a sign-off: the representative whose sign-off still waits is asked
// for it; once every sign-off is given, the Lead is told they may submit.
Result<void> CertificationService::TellTheOtherSignatory(Transaction& tx,
                                                         const ApplicationContext& ctx,
                                                         const User& signer) {
  const std::string link = fmt::format("{}/applications/{}", options_.public_url, ctx.app.id);
  bool all_signed = true;
  for (MemberRole role : ctx.scheme->sign_off) {
    if (std::any_of(ctx.app.sign_offs.begin(), ctx.app.sign_offs.end(),
                    [&](const valuemark::SignOff& s) { return s.role == role; }))
      continue;
    all_signed = false;
    const std::optional<std::string>& named =
        role == MemberRole::kLead ? ctx.org.lead_user_id : ctx.org.senior_leader_user_id;
    if (!named || *named == signer.id) continue;
    TRY(NotifyUser(
        tx, *named, fmt::format("ValueMark: your sign-off is waiting ({})", ctx.Title()),
        fmt::format("{} signed off the evidence of the {} application of {}. As {}, "
                    "read the evidence and sign it off too: {}",
                    OneLine(signer.name), ctx.Title(), OneLine(ctx.org.name), Label(role), link),
        Now()));
  }
  if (all_signed && ctx.org.lead_user_id && *ctx.org.lead_user_id != signer.id)
    TRY(NotifyUser(tx, *ctx.org.lead_user_id,
                   fmt::format("ValueMark: the evidence is signed off ({})", ctx.Title()),
                   fmt::format("{} signed off the evidence of the {} application of {}. Every "
                               "sign-off is given: you can submit it now: {}",
                               OneLine(signer.name), ctx.Title(), OneLine(ctx.org.name), link),
                   Now()));
  return {};
}

Result<Application> CertificationService::SignOff(const Caller& caller, const std::string& id,
                                                  const std::string& password) {
  TRY(ConfirmPassword(caller, password));
  return ChangeApplication(
      caller, id, ApplicationAction::kSignOff, "application.sign_off",
      [&](ApplicationContext& ctx, Transaction& tx) -> Result<void> {
        if (!caller.user.email_verified_at)
          return Fail(ConfirmEmailFirst(caller.user, "sign off evidence"));
        const MemberRole role = *ctx.role;
        const std::optional<std::string>& named =
            role == MemberRole::kLead ? ctx.org.lead_user_id : ctx.org.senior_leader_user_id;
        TRY(SignOffEvidence(ctx.app, *ctx.scheme, role, named == caller.user.id, caller.user.id,
                            Now()));
        ctx.app.sign_offs.back().declaration = SignOffDeclaration(role, ctx.Title());
        return TellTheOtherSignatory(tx, ctx, caller.user);
      });
}

Result<Application> CertificationService::Submit(const Caller& caller, const std::string& id) {
  return ChangeApplication(
      caller, id, ApplicationAction::kDraft, "application.submit",
      [&](ApplicationContext& ctx, Transaction& tx) -> Result<void> {
        // A representative replaced after signing no longer speaks for the organisation.
        VoidSignOffsOfFormerRepresentatives(ctx.app, ctx.org.lead_user_id,
                                            ctx.org.senior_leader_user_id);
        auto problems = TRY(EligibilityOf(tx, ctx.org, *ctx.scheme, ctx.app.level,
                                          ctx.app.terms_accepted_at.has_value(), ctx.app.id));
        TRY(AddPreparationCallProblem(tx, ctx.org, *ctx.scheme, problems));
        auto rounds = TRY(tx.ListRounds());
        TRY(valuemark::Submit(ctx.app, *ctx.scheme, problems, rounds, Now()));
        TRY(IssueInvoiceFor(tx, BuiltInMembershipTerms(), ctx.org, InvoiceFor::kApplication,
                            ctx.app.id, fmt::format("Certification application: {}", ctx.Title()),
                            QuoteFee(*ctx.scheme, ctx.org.size_band), options_.public_url, Now()));
        if (!ctx.app.assessor_id)
          TRY(NotifyAdministrators(
              tx, ctx.org, fmt::format("ValueMark: {} to allocate", ctx.Title()),
              fmt::format("{} submitted its {} application ({}). Allocate an assessor: "
                          "{}/applications/{}",
                          OneLine(ctx.org.name), ctx.Title(), Label(ctx.app.state),
                          options_.public_url, ctx.app.id),
              Now()));
        return NotifyRepresentatives(
            tx, ctx.org, fmt::format("ValueMark: {} submitted", ctx.Title()),
            fmt::format("The {} application of {} is {}.{}\n{}/applications/{}", ctx.Title(),
                        OneLine(ctx.org.name), Label(ctx.app.state),
                        ctx.app.results_due.empty()
                            ? ""
                            : " Results are due by " + ReadableDate(ctx.app.results_due) + ".",
                        options_.public_url, ctx.app.id),
            Now());
      });
}

}  // namespace valuemark::app
