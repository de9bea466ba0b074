// The shared kernel of the use-case services (use_cases.h); CheckQuota is in
// quotas.cpp.
#include "app/use_cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>

#include "app/audit/chain.h"
#include "app/rate_limits.h"

namespace valuemark::app {
namespace {

Error NotFound(const char* what = "organisation") {
  return Error::Make(ErrorCode::kNotFound, fmt::format("no such {}", what));
}

// Whether the assessor is, or was, allocated to an application of the
// organisation or judged one of its criteria.
Result<bool> AssessesOrganisation(Transaction& tx, const std::string& org_id,
                                  const std::string& user_id) {
  auto apps = TRY(tx.ListApplicationsOfOrganisation(org_id));
  for (const Application& a : apps) {
    if (a.assessor_id == user_id) return true;
    for (const CriterionReview& r : a.reviews)
      if (r.assessor_id == user_id) return true;
  }
  // The consultant allocated to it (network/engagements.h) reads it too.
  auto engagements = TRY(tx.ListEngagementsOfOrganisation(org_id));
  for (const Engagement& e : engagements)
    if (e.consultant_id == user_id) return true;
  return false;
}

}  // namespace

Error RecordNotFound(const std::string& kind) {
  std::string what = kind;
  std::replace(what.begin(), what.end(), '_', ' ');
  return Error::Make(ErrorCode::kNotFound, fmt::format("no such {}", what));
}

Error NotAllowed() {
  return Error::Make(ErrorCode::kPermissionDenied, "your role does not allow this");
}

Error ConfirmEmailFirst(const User& user, std::string_view to_do) {
  return Error::Field(
      ErrorCode::kFailedPrecondition, "email_verified",
      fmt::format(
          "confirm your email address before you {}: open the link in the email we sent to {} "
          "when you signed up, or choose \"Send the link again\" for a new one",
          to_do, user.email));
}

Result<void> InOneSnapshot(Store& store, const std::function<Result<void>()>& fn) {
  // Store::Read nested in a Read shares the outer snapshot (store.h).
  return store.Read([&](Transaction&) { return fn(); });
}

UnixTime UseCases::Now() const {
  return options_.clock ? options_.clock() : static_cast<UnixTime>(std::time(nullptr));
}

Result<std::optional<MemberRole>> UseCases::Authorise(Transaction& tx, const Caller& caller,
                                                      const std::string& org_id, OrgAction action) {
  auto member = TRY(tx.FindMember(org_id, caller.user.id));
  std::optional<MemberRole> role;
  if (member) role = member->role;
  bool allocated = false;
  if (!role && caller.user.platform_role == PlatformRole::kAssessor) {
    auto assessed = TRY(AssessesOrganisation(tx, org_id, caller.user.id));
    allocated = assessed;
  }
  switch (Decide(caller.user.platform_role, role, action, allocated)) {
    case Access::kAllow:
      break;
    case Access::kHidden:
      return Fail(NotFound());
    case Access::kForbidden:
      return Fail(Error::Make(ErrorCode::kPermissionDenied, "your role does not allow this"));
  }
  // Staff and members alike: the organisation must exist.
  if (!role) {
    auto org = TRY(tx.FindOrganisation(org_id));
    if (!org) return Fail(NotFound());
  }
  return role;
}

Result<std::string> UseCases::AuthoriseRecord(Transaction& tx, const Caller& caller,
                                              const std::string& kind, const std::string& id,
                                              OrgAction action) {
  auto org = TRY(tx.FindRecordOrganisation(kind, id));
  if (!org) return Fail(RecordNotFound(kind));
  if (auto a = Authorise(tx, caller, *org, action); !a) {
    // Someone who may not see the organisation may not learn the record exists.
    if (a.error().code == ErrorCode::kNotFound) return Fail(RecordNotFound(kind));
    return Fail(a.error());
  }
  return std::move(*org);
}

Result<RecordVersion> UseCases::ReadMapVersion(Transaction& tx, const Caller& caller,
                                               const std::string& map_id, int64_t version) {
  auto org = TRY(AuthoriseRecord(tx, caller, "impact_map", map_id, OrgAction::kRead));
  auto found = TRY(tx.FindRecord(org, "impact_map", map_id, version));
  if (!found)
    return Fail(Error::Field(ErrorCode::kNotFound, "version",
                             fmt::format("this map has no version {}", version)));
  return std::move(*found);
}

Result<void> UseCases::SaveRecordVersion(Transaction& tx, const Caller& caller,
                                         const RecordVersion& record,
                                         const std::string& audit_json) {
  TRY(CheckQuota(tx, record.organisation_id,
                 {.bytes = static_cast<int64_t>(record.body.size()), .record_versions = 1}));
  if (auto ins = tx.InsertRecordVersion(record); !ins) {
    if (ins.error().code == ErrorCode::kAlreadyExists)
      return Fail(Error::Field(ErrorCode::kFailedPrecondition, "version",
                               "someone else saved a new version first: reload and try again"));
    return ins;
  }
  const std::string action = record.kind + (record.version == 1 ? ".create" : ".update");
  std::string before;
  if (record.version > 1) {
    auto previous =
        TRY(tx.FindRecord(record.organisation_id, record.kind, record.id, record.version - 1));
    if (previous) before = previous->body;
  }
  return AppendAuditEvent(
      tx,
      {caller.user.id, action, record.kind, record.id, record.organisation_id, audit_json, before},
      Now());
}

Result<void> UseCases::ConfirmPassword(const Caller& caller, const std::string& password) {
  const std::string key = "password:" + caller.user.id;
  const UnixTime now = Now();
  const int64_t window = options_.login_window_seconds;
  int64_t failures = 0;
  std::string hash;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    failures = TRY(tx.CountLoginFailures(key, now - window));
    auto found = TRY(tx.FindUserByEmail(caller.user.email));
    if (found) hash = found->second;
    return {};
  }));
  const int limit = options_.login_failures_per_email;
  if (limit > 0 && failures >= limit)
    return Fail(Error::RetryLater(
        ErrorCode::kResourceExhausted,
        fmt::format("too many wrong passwords: try again in {}", WaitInWords(window)), window));
  if (password.empty())
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "password",
                             "enter your password: you sign with it"));
  if (hash.empty() || !VerifyPassword(password, hash)) {
    TRY(store_.Write([&](Transaction& tx) { return tx.RecordLoginFailure(key, now); }));
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "password",
                             "is not your password: enter the one you sign in with"));
  }
  return {};
}

}  // namespace valuemark::app
