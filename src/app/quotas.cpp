// Quotas (docs/operations.md "Limits and quotas"): what one organisation may
// store, checked inside the write that would add to it, so that a refusal
// changes nothing and two writers cannot both pass the last place.
#include <fmt/format.h>

#include "app/use_cases.h"

namespace valuemark::app {

namespace {

std::string Megabytes(int64_t bytes) {
  const double mb = static_cast<double>(bytes) / 1e6;
  return mb < 10 ? fmt::format("{:.1f} MB", mb) : fmt::format("{:.0f} MB", mb);
}

Error Exceeded(std::string message) {
  return Error::Make(ErrorCode::kQuotaExceeded, std::move(message));
}

constexpr char kAskToRaise[] = "ask the platform's administrator to raise the quota";

}  // namespace

Result<void> UseCases::CheckQuota(Transaction& tx, const std::string& org_id,
                                  const QuotaNeed& need) {
  const Quotas& q = options_.quotas;
  auto usage = TRY(tx.GetOrganisationUsage(org_id));
  const OrganisationUsage& u = usage;
  if (q.storage_bytes > 0 && need.bytes > 0 && u.stored_bytes() + need.bytes > q.storage_bytes) {
    return Fail(Exceeded(fmt::format(
        "this organisation's storage quota is {} and it already holds {}; this needs {} more: {}",
        Megabytes(q.storage_bytes), Megabytes(u.stored_bytes()), Megabytes(need.bytes),
        kAskToRaise)));
  }
  struct Count {
    int64_t needed, used, limit;
    const char* what;
    const char* advice;
  };
  const Count counts[] = {
      {need.evidence_files, u.evidence_files, q.evidence_files, "evidence files", kAskToRaise},
      {need.record_versions, u.record_versions, q.record_versions,
       "saved record versions (impact maps, proxies, pledges, decisions, plans and "
       "self-assessments)",
       kAskToRaise},
      {need.surveys, u.surveys, q.surveys, "surveys", kAskToRaise},
      {need.members, u.members, q.members, "members",
       "remove members who have left, or "
       "ask the platform's administrator to raise the quota"},
      {need.invitations, u.invitations, q.invitations,
       "invitations (counting revoked and expired ones)", kAskToRaise},
      {need.scopes, u.scopes, q.scopes, "scopes",
       "delete scopes no longer used, or ask the platform's administrator to raise the quota"},
      {need.applications, u.applications, q.applications, "certification applications",
       kAskToRaise},
  };
  for (const Count& c : counts) {
    if (c.limit > 0 && c.needed > 0 && c.used + c.needed > c.limit)
      return Fail(Exceeded(fmt::format("this organisation has reached its quota of {} {}: {}",
                                       c.limit, c.what, c.advice)));
  }
  return {};
}

Result<void> CheckEvidenceItems(const Quotas& quotas, const Application& application) {
  const int64_t cap = quotas.evidence_items_per_application;
  if (cap > 0 && static_cast<int64_t>(application.evidence.size()) >= cap)
    return Fail(Exceeded(
        fmt::format("an application holds at most {} pieces of evidence: remove some it no longer "
                    "needs, or {}",
                    cap, kAskToRaise)));
  return {};
}

}  // namespace valuemark::app
