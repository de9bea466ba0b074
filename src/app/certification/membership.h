// Membership of the certifying body (core/membership.h): an organisation
// requests to join or renew, sees its size band, the band's definition and its
// fee; an administrator approves or declines with a reason; reminders go out
// before the membership expires. The terms are data (data/membership.json),
// built into the binary.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/use_cases.h"
#include "core/membership.h"

namespace valuemark::app {

// The terms of data/membership.json, read once (they are checked by a test,
// so a bad file fails the build's tests, not a server).
const MembershipTerms& BuiltInMembershipTerms();

// Whether one of the requests still waits for a decision.
bool HasPendingRequest(const std::vector<MembershipRequest>& requests);

struct MembershipRequestInput {
  std::optional<int64_t> staff;
  std::optional<int64_t> turnover_pence;
};

struct NamedMembershipRequest {
  MembershipRequest request;
  std::string organisation_name;
  std::string requested_by_name;
  std::string decided_by_name;  // "" while pending
};

// The organisation's membership as its people see it.
struct MembershipView {
  Organisation organisation;                     // status, start, expiry and size band
  std::vector<NamedMembershipRequest> requests;  // newest first
  // What may be requested today, or why nothing can be.
  std::optional<MembershipRequestKind> can_request;
  std::string cannot_request;
  bool may_request = false;                     // the caller is the Lead or the Senior Leader
  std::optional<std::string> renewal_opens_on;  // YYYY-MM-DD
};

class MembershipService : public UseCases {
 public:
  MembershipService(Store& store, const PlatformOptions& options, const MembershipTerms& terms)
      : UseCases(store, options), terms_(terms) {}

  const MembershipTerms& terms() const { return terms_; }

  Result<MembershipView> GetMembership(const Caller& caller, const std::string& org_id);
  // The Lead or the Senior Leader asks to join (or renew), giving the number
  // of staff and the yearly turnover that set the band; the administrators
  // are told. One pending request at a time (409).
  Result<NamedMembershipRequest> Request(const Caller& caller, const std::string& org_id,
                                         const MembershipRequestInput& input);
  // The Lead or the Senior Leader withdraws the pending request.
  Result<NamedMembershipRequest> Withdraw(const Caller& caller, const std::string& org_id,
                                          const std::string& id);
  // An administrator who is not a member of the organisation approves (the
  // membership starts or continues for the term, in the request's band) or
  // declines with a reason; the representatives and the requester are told.
  Result<NamedMembershipRequest> Decide(const Caller& caller, const std::string& org_id,
                                        const std::string& id, bool approve,
                                        const std::string& reason);
  // Every pending request, oldest first (administrators).
  Result<std::vector<NamedMembershipRequest>> Pending(const Caller& caller);
  // Emails the representatives of each organisation whose membership expires
  // in 60 or 30 days, once per membership and reminder; returns how many.
  Result<int> SendExpiryReminders();

 private:
  const MembershipTerms& terms_;
  Result<NamedMembershipRequest> Named(Transaction& tx, MembershipRequest request);
};

}  // namespace valuemark::app
