#include "app/network/engagements.h"

#include <fmt/format.h>

#include "app/audit/chain.h"
#include "app/certification/certificates.h"
#include "app/crypto.h"
#include "app/store.h"
#include "app/validate.h"
#include "formats/engagement_json.h"

namespace valuemark::app {

namespace {

// The engagement's consultant, while they are still an assessor: one whose
// role was taken away keeps no access to it.
bool IsConsultantOf(const Caller& caller, const Engagement& e) {
  return e.consultant_id == caller.user.id && caller.user.platform_role == PlatformRole::kAssessor;
}

Error NoSuchEngagement() { return Error::Make(ErrorCode::kNotFound, "no such engagement"); }

// Control characters and direction overrides are refused in every text, each
// at its path.
Result<void> CheckCharactersOf(const EngagementContent& c) {
  std::vector<FieldError> errors;
  CheckCharacters("needs_review", c.needs_review, Lines::kMulti, errors);
  for (size_t i = 0; i < c.recommendations.size(); ++i) {
    CheckCharacters(fmt::format("recommendations[{}].title", i), c.recommendations[i].title,
                    Lines::kSingle, errors);
    CheckCharacters(fmt::format("recommendations[{}].detail", i), c.recommendations[i].detail,
                    Lines::kMulti, errors);
  }
  for (size_t i = 0; i < c.plan.size(); ++i)
    CheckCharacters(fmt::format("plan[{}].topic", i), c.plan[i].topic, Lines::kSingle, errors);
  for (size_t i = 0; i < c.sessions.size(); ++i)
    CheckCharacters(fmt::format("sessions[{}].summary", i), c.sessions[i].summary, Lines::kMulti,
                    errors);
  for (auto [name, visit] :
       {std::pair{"pre_audit", &c.pre_audit}, std::pair{"site_audit", &c.site_audit}})
    if (*visit)
      CheckCharacters(std::string(name) + ".findings", (*visit)->findings, Lines::kMulti, errors);
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return {};
}

std::string AuditJson(const Engagement& e) {
  formats::JsonWriter w(0);
  w.BeginObject()
      .Field("scheme_id", e.scheme_id)
      .Field("consultant_id", e.consultant_id)
      .Field("status", Name(e.status));
  formats::WriteEngagementContentFields(w, e.content);
  w.EndObject();
  return w.Take();
}

}  // namespace

Result<EngagementView> EngagementService::View(Transaction& tx, const Caller& caller,
                                               Engagement e) {
  EngagementView v;
  if (auto org = TRY(tx.FindOrganisation(e.organisation_id))) v.organisation_name = org->name;
  const Scheme* scheme = options_.schemes.Latest(e.scheme_id);
  v.scheme_name = scheme ? scheme->name : e.scheme_id;
  if (auto consultant = TRY(tx.FindUserById(e.consultant_id))) {
    v.consultant_name = consultant->name;
    v.consultant_email = consultant->email;
  }
  v.may_write = e.status == EngagementStatus::kActive && IsConsultantOf(caller, e);
  v.engagement = std::move(e);
  return v;
}

Result<Engagement> EngagementService::Readable(Transaction& tx, const Caller& caller,
                                               const std::string& id) {
  auto e = TRY(tx.FindEngagement(id));
  if (!e) return Fail(NoSuchEngagement());
  if (IsConsultantOf(caller, *e)) return std::move(*e);
  if (auto a = Authorise(tx, caller, e->organisation_id, OrgAction::kRead); !a) {
    if (a.error().code == ErrorCode::kNotFound) return Fail(NoSuchEngagement());
    return Fail(a.error());
  }
  return std::move(*e);
}

Result<EngagementView> EngagementService::Allocate(const Caller& caller, const std::string& org_id,
                                                   const AllocationInput& in) {
  if (!IsAdministrator(caller)) return Fail(NotAllowed());
  const Scheme* scheme = options_.schemes.Latest(in.scheme_id);
  if (scheme == nullptr)
    return Fail(InvalidField("scheme_id", "choose one of the schemes the platform runs"));
  return store_.WriteValue([&](Transaction& tx) -> Result<EngagementView> {
    auto org = TRY(tx.FindOrganisation(org_id));
    if (!org) return Fail(Error::Make(ErrorCode::kNotFound, "no such organisation"));
    auto consultant = TRY(tx.FindUserById(in.consultant_id));
    if (!consultant || consultant->platform_role != PlatformRole::kAssessor ||
        consultant->deactivated_at)
      return Fail(InvalidField("consultant_id",
                               "choose a consultant: a user whose platform role is assessor"));
    if (TRY(tx.FindMember(org_id, in.consultant_id)))
      return Fail(Error::Field(
          ErrorCode::kFailedPrecondition, "consultant_id",
          fmt::format("conflict of interest: {} is a member of {}; allocate someone else",
                      OneLine(consultant->name), OneLine(org->name))));
    for (const Engagement& other : TRY(tx.ListEngagementsOfOrganisation(org_id)))
      if (other.scheme_id == in.scheme_id && other.status == EngagementStatus::kActive)
        return Fail(Error::Field(
            ErrorCode::kFailedPrecondition, "scheme_id",
            fmt::format("{} already has a consultant for the {}: close that engagement first",
                        OneLine(org->name), scheme->name)));
    Engagement e;
    e.id = NewId();
    e.organisation_id = org_id;
    e.scheme_id = in.scheme_id;
    e.consultant_id = in.consultant_id;
    e.allocated_by = e.updated_by = caller.user.id;
    e.allocated_at = e.updated_at = Now();
    TRY(tx.InsertEngagement(e));
    TRY(AppendAuditEvent(
        tx, {caller.user.id, "engagement.allocate", "engagement", e.id, org_id, AuditJson(e)},
        Now()));
    TRY(NotifyUser(tx, e.consultant_id,
                   fmt::format("ValueMark: you are {}'s consultant", OneLine(org->name)),
                   fmt::format("You are allocated to {} as its consultant for the {}. Start with "
                               "the review of its needs at {}/engagements/{}\n",
                               OneLine(org->name), scheme->name, options_.public_url, e.id),
                   Now()));
    TRY(NotifyRepresentatives(
        tx, *org, fmt::format("ValueMark: {} is your consultant", OneLine(consultant->name)),
        fmt::format("{} is allocated to {} as its consultant for the {}. What they write for "
                    "you is at {}/engagements/{}\n",
                    OneLine(consultant->name), OneLine(org->name), scheme->name,
                    options_.public_url, e.id),
        Now()));
    return View(tx, caller, std::move(e));
  });
}

Result<std::vector<EngagementView>> EngagementService::ForOrganisation(const Caller& caller,
                                                                       const std::string& org_id) {
  return store_.ReadValue([&](Transaction& tx) -> Result<std::vector<EngagementView>> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kRead));
    std::vector<EngagementView> out;
    for (Engagement& e : TRY(tx.ListEngagementsOfOrganisation(org_id)))
      out.push_back(TRY(View(tx, caller, std::move(e))));
    return out;
  });
}

Result<EngagementView> EngagementService::Get(const Caller& caller, const std::string& id) {
  return store_.ReadValue([&](Transaction& tx) -> Result<EngagementView> {
    return View(tx, caller, TRY(Readable(tx, caller, id)));
  });
}

Result<EngagementView> EngagementService::Write(const Caller& caller, const std::string& id,
                                                EngagementContent content,
                                                std::optional<int64_t> version) {
  TRY(CheckCharactersOf(content));
  TRY(CheckEngagementContent(content, DayOf(Now())));
  return store_.WriteValue([&](Transaction& tx) -> Result<EngagementView> {
    Engagement e = TRY(Readable(tx, caller, id));
    if (!IsConsultantOf(caller, e))
      return Fail(Error::Make(ErrorCode::kPermissionDenied,
                              "only the consultant allocated to this engagement writes it"));
    if (e.status != EngagementStatus::kActive)
      return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                              "this engagement is closed: it is kept as it was"));
    TRY(CheckVersionSeen("changed this engagement", version, e.version));
    const Engagement before = e;
    e.content = std::move(content);
    e.updated_by = caller.user.id;
    e.updated_at = Now();
    TRY(tx.UpdateEngagement(e));
    ++e.version;
    TRY(AppendAuditEvent(tx,
                         {caller.user.id, "engagement.update", "engagement", e.id,
                          e.organisation_id, AuditJson(e), AuditJson(before)},
                         Now()));
    return View(tx, caller, std::move(e));
  });
}

Result<EngagementView> EngagementService::Close(const Caller& caller, const std::string& id) {
  return store_.WriteValue([&](Transaction& tx) -> Result<EngagementView> {
    Engagement e = TRY(Readable(tx, caller, id));
    if (!IsConsultantOf(caller, e) && !IsAdministrator(caller))
      return Fail(Error::Make(ErrorCode::kPermissionDenied,
                              "only its consultant or an administrator closes an engagement"));
    if (e.status == EngagementStatus::kClosed)
      return Fail(Error::Make(ErrorCode::kFailedPrecondition, "this engagement is already closed"));
    const Engagement before = e;
    e.status = EngagementStatus::kClosed;
    e.updated_by = caller.user.id;
    e.updated_at = Now();
    TRY(tx.UpdateEngagement(e));
    ++e.version;
    TRY(AppendAuditEvent(tx,
                         {caller.user.id, "engagement.close", "engagement", e.id, e.organisation_id,
                          AuditJson(e), AuditJson(before)},
                         Now()));
    return View(tx, caller, std::move(e));
  });
}

Result<std::vector<EngagementView>> EngagementService::Mine(const Caller& caller) {
  if (caller.user.platform_role != PlatformRole::kAssessor) return Fail(NotAllowed());
  return store_.ReadValue([&](Transaction& tx) -> Result<std::vector<EngagementView>> {
    std::vector<EngagementView> out;
    for (Engagement& e : TRY(tx.ListEngagementsOfConsultant(caller.user.id)))
      out.push_back(TRY(View(tx, caller, std::move(e))));
    return out;
  });
}

}  // namespace valuemark::app
