// Membership requests and decisions (membership.h).
#include "app/certification/membership.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "app/audit/chain.h"
#include "app/certification/certificates.h"
#include "app/certification/invoices.h"
#include "app/certification/membership_data.h"
#include "app/validate.h"
#include "formats/membership_json.h"
#include "formats/records_json.h"

namespace valuemark::app {

namespace {

std::string RequestJson(const MembershipRequest& r) {
  return formats::CompactJson(&formats::WriteMembershipRequest, r);
}

Error NoSuchOrganisation() { return Error::Make(ErrorCode::kNotFound, "no such organisation"); }

Error NoSuchRequest() { return Error::Make(ErrorCode::kNotFound, "no such membership request"); }

}  // namespace

bool HasPendingRequest(const std::vector<MembershipRequest>& requests) {
  return std::any_of(requests.begin(), requests.end(), [](const MembershipRequest& r) {
    return r.state == MembershipRequestState::kPending;
  });
}

const MembershipTerms& BuiltInMembershipTerms() {
  static const MembershipTerms terms = [] {
    auto parsed = formats::ParseMembershipTerms(MembershipTermsJson());
    if (!parsed) {
      // Compiled-in data that a unit test reads: only a broken build gets here.
      std::fprintf(stderr, "data/membership.json: %s\n", parsed.error().message.c_str());
      std::abort();
    }
    return *parsed;
  }();
  return terms;
}

Result<NamedMembershipRequest> MembershipService::Named(Transaction& tx,
                                                        MembershipRequest request) {
  NamedMembershipRequest n;
  if (auto org = TRY(tx.FindOrganisation(request.organisation_id))) n.organisation_name = org->name;
  if (auto u = TRY(tx.FindUserById(request.requested_by))) n.requested_by_name = u->name;
  if (!request.decided_by.empty())
    if (auto u = TRY(tx.FindUserById(request.decided_by))) n.decided_by_name = u->name;
  n.request = std::move(request);
  return n;
}

Result<MembershipView> MembershipService::GetMembership(const Caller& caller,
                                                        const std::string& org_id) {
  MembershipView v;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kRead));
    auto org = TRY(tx.FindOrganisation(org_id));
    if (!org) return Fail(NoSuchOrganisation());
    v.organisation = std::move(*org);
    auto requests = TRY(tx.ListMembershipRequests(org_id));
    const bool pending = HasPendingRequest(requests);
    for (MembershipRequest& r : requests) v.requests.push_back(TRY(Named(tx, std::move(r))));
    auto kind = RequestableKind(terms_, v.organisation, pending, DayOf(Now()));
    if (kind)
      v.can_request = *kind;
    else
      v.cannot_request = kind.error().message;
    v.may_request =
        valuemark::Decide(caller.user.platform_role,
                          TRY(tx.FindMember(org_id, caller.user.id)).transform([](const Member& m) {
                            return m.role;
                          }),
                          OrgAction::kDecide) == Access::kAllow;
    v.renewal_opens_on = RenewalOpensOn(terms_, v.organisation);
    return {};
  }));
  return v;
}

Result<NamedMembershipRequest> MembershipService::Request(const Caller& caller,
                                                          const std::string& org_id,
                                                          const MembershipRequestInput& input) {
  std::vector<FieldError> errors;
  if (!input.staff)
    errors.push_back({"staff", "is required: the number of people the organisation employs"});
  else if (*input.staff < 0 || *input.staff > kMaxStaff)
    errors.push_back({"staff", fmt::format("must be a whole number from 0 to {}", kMaxStaff)});
  if (!input.turnover_pence)
    errors.push_back({"turnover_pence", "is required: the yearly turnover, in pence"});
  else if (*input.turnover_pence < 0 || *input.turnover_pence > kMaxTurnoverPence)
    errors.push_back(
        {"turnover_pence", fmt::format("must be from £0 to {}", FormatPounds(kMaxTurnoverPence))});
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  NamedMembershipRequest out;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kDecide));
    if (!caller.user.email_verified_at)
      return Fail(ConfirmEmailFirst(caller.user, "request membership"));
    auto org = TRY(tx.FindOrganisation(org_id));
    if (!org) return Fail(NoSuchOrganisation());
    auto existing = TRY(tx.ListMembershipRequests(org_id));
    const bool pending = HasPendingRequest(existing);
    const MembershipRequestKind kind = TRY(RequestableKind(terms_, *org, pending, DayOf(Now())));
    MembershipRequest r;
    r.organisation_id = org_id;
    r.id = NewId();
    r.kind = kind;
    r.staff = *input.staff;
    r.turnover_pence = *input.turnover_pence;
    r.size_band = BandFor(terms_, r.staff, r.turnover_pence);
    r.fee = QuoteMembership(terms_, r.size_band);
    r.requested_by = caller.user.id;
    r.requested_at = Now();
    if (auto inserted = tx.InsertMembershipRequest(r); !inserted) {
      if (inserted.error().code == ErrorCode::kAlreadyExists)
        return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                                "a membership request is already waiting for the "
                                "administrators' decision"));
      return Fail(inserted.error());
    }
    TRY(AppendAuditEvent(
        tx,
        {caller.user.id, "membership.request", "membership_request", r.id, org_id, RequestJson(r)},
        Now()));
    const SizeBandRule& band = terms_.Rule(r.size_band);
    TRY(NotifyAdministrators(
        tx, *org, fmt::format("ValueMark: {} asks to {} its membership", org->name, Name(kind)),
        fmt::format("{} asks to {} its membership of the certifying body.\n\n"
                    "Staff: {}. Yearly turnover: {}. Size band: {} ({}). Yearly fee: {} + VAT "
                    "{}.\n\nApprove or decline it: {}/staff/membership",
                    org->name, Name(kind), r.staff, FormatPounds(r.turnover_pence), band.label,
                    DescribeBand(terms_, r.size_band), FormatPounds(r.fee.net_pence),
                    FormatPounds(r.fee.vat_pence), options_.public_url),
        Now()));
    out = TRY(Named(tx, std::move(r)));
    return {};
  }));
  return out;
}

Result<NamedMembershipRequest> MembershipService::Withdraw(const Caller& caller,
                                                           const std::string& org_id,
                                                           const std::string& id) {
  NamedMembershipRequest out;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kDecide));
    auto found = TRY(tx.FindMembershipRequest(org_id, id));
    if (!found) return Fail(NoSuchRequest());
    if (found->state != MembershipRequestState::kPending)
      return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                              "only a request still waiting for a decision can be withdrawn"));
    MembershipRequest r = *found;
    r.state = MembershipRequestState::kWithdrawn;
    r.decided_by = caller.user.id;
    r.decided_at = Now();
    TRY(tx.UpdateMembershipRequest(r));
    r.version += 1;
    TRY(AppendAuditEvent(
        tx,
        {caller.user.id, "membership.withdraw", "membership_request", r.id, org_id, RequestJson(r)},
        Now()));
    out = TRY(Named(tx, std::move(r)));
    return {};
  }));
  return out;
}

Result<NamedMembershipRequest> MembershipService::Decide(const Caller& caller,
                                                         const std::string& org_id,
                                                         const std::string& id, bool approve,
                                                         const std::string& reason_in) {
  if (caller.user.platform_role != PlatformRole::kAdministrator) return Fail(NotAllowed());
  // A decline always says why; an approval may add a word.
  auto reason = TRY(
      CleanText("reason", reason_in, approve ? 0 : 1, kMaxMembershipReasonLength, Lines::kMulti));
  NamedMembershipRequest out;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    auto org = TRY(tx.FindOrganisation(org_id));
    if (!org) return Fail(NoSuchOrganisation());
    auto found = TRY(tx.FindMembershipRequest(org_id, id));
    if (!found) return Fail(NoSuchRequest());
    if (TRY(tx.FindMember(org_id, caller.user.id)))
      return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                              fmt::format("conflict of interest: you are a member of {}, so "
                                          "another administrator must decide its membership",
                                          org->name)));
    if (found->state != MembershipRequestState::kPending)
      return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                              fmt::format("this request was already {}", Name(found->state))));
    MembershipRequest r = *found;
    r.state = approve ? MembershipRequestState::kApproved : MembershipRequestState::kDeclined;
    r.decided_by = caller.user.id;
    r.decided_at = Now();
    r.reason = reason;
    TRY(tx.UpdateMembershipRequest(r));
    r.version += 1;
    TRY(AppendAuditEvent(tx,
                         {caller.user.id, approve ? "membership.approve" : "membership.decline",
                          "membership_request", r.id, org_id, RequestJson(r)},
                         Now()));
    std::string subject, body;
    if (approve) {
      Organisation updated = ApproveMembership(terms_, *org, r, DayOf(Now()));
      updated.updated_at = Now();
      TRY(tx.UpdateOrganisation(updated));
      updated.version += 1;
      TRY(AppendAuditEvent(tx,
                           {caller.user.id, "organisation.membership", "organisation", org_id,
                            org_id, formats::CompactJson(&formats::WriteOrganisation, updated),
                            formats::CompactJson(&formats::WriteOrganisation, *org)},
                           Now()));
      TRY(IssueInvoiceFor(
          tx, terms_, updated, InvoiceFor::kMembership, r.id,
          fmt::format("Membership of {}, {} band, {} months from {}", terms_.owner,
                      terms_.Rule(r.size_band).label, terms_.term_months,
                      ReadableDate(r.kind == MembershipRequestKind::kRenew && org->membership_expiry
                                       ? *org->membership_expiry
                                       : *updated.membership_start)),
          r.fee, options_.public_url, Now()));
      subject = fmt::format("ValueMark: {}'s membership is approved", org->name);
      body = fmt::format(
          "The certifying body approved the membership of {}. It runs until {}, in the {} size "
          "band; the yearly fee is {} + VAT {}.\n\n{}{}\n\nThe organisation can now apply for "
          "certification: {}/organisations/{}/certification",
          org->name, ReadableDate(*updated.membership_expiry), terms_.Rule(r.size_band).label,
          FormatPounds(r.fee.net_pence), FormatPounds(r.fee.vat_pence), terms_.payment,
          reason.empty() ? "" : "\n\nThe administrator adds: " + reason, options_.public_url,
          org_id);
    } else {
      subject = fmt::format("ValueMark: {}'s membership request is declined", org->name);
      body = fmt::format(
          "The certifying body declined the request to {} the membership of {}.\n\nWhy: {}\n\n"
          "Questions: {}. The organisation's page: {}/organisations/{}#membership",
          Name(r.kind), org->name, reason, terms_.contact, options_.public_url, org_id);
    }
    TRY(NotifyRepresentatives(tx, *org, subject, body, Now()));
    if (r.requested_by != org->lead_user_id.value_or("") &&
        r.requested_by != org->senior_leader_user_id.value_or(""))
      TRY(NotifyUser(tx, r.requested_by, subject, body, Now()));
    out = TRY(Named(tx, std::move(r)));
    return {};
  }));
  return out;
}

Result<std::vector<NamedMembershipRequest>> MembershipService::Pending(const Caller& caller) {
  if (caller.user.platform_role != PlatformRole::kAdministrator) return Fail(NotAllowed());
  std::vector<NamedMembershipRequest> out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto list = TRY(tx.ListPendingMembershipRequests());
    for (MembershipRequest& r : list) out.push_back(TRY(Named(tx, std::move(r))));
    return {};
  }));
  return out;
}

Result<int> MembershipService::SendExpiryReminders() {
  int sent = 0;
  const Days today = DayOf(Now());
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    PageRequest page{"", 500};
    for (int pages = 0; pages < 200; ++pages) {  // at most 100,000 organisations
      auto orgs = TRY(tx.ListOrganisations(page, ""));
      for (const Organisation& org : orgs) {
        if (org.membership_status != MembershipStatus::kActive || !org.membership_expiry) continue;
        auto expiry = ParseDate(*org.membership_expiry);
        if (!expiry) continue;
        const Days left = DaysFromCivil(*expiry) - today;
        const int due = left < 0 ? 0 : left <= 30 ? 30 : left <= 60 ? 60 : 0;
        if (due == 0) continue;
        // Once per membership period and reminder, however often this runs.
        const std::string action = fmt::format("membership.remind_{}", due);
        const std::string entity = org.id + ":" + *org.membership_expiry;
        auto history = TRY(tx.ListAuditForEntity("membership", entity));
        if (std::any_of(history.begin(), history.end(),
                        [&](const AuditEntry& e) { return e.action == action; }))
          continue;
        TRY(NotifyRepresentatives(
            tx, org,
            fmt::format("ValueMark: {}'s membership ends on {}", org.name,
                        ReadableDate(*org.membership_expiry)),
            fmt::format("The membership of {} ends on {}, in {} days. Only members can apply for "
                        "certification or keep a certificate's renewal on track. Request the "
                        "renewal on the organisation's page: {}/organisations/{}#membership",
                        org.name, ReadableDate(*org.membership_expiry), left, options_.public_url,
                        org.id),
            Now()));
        TRY(AppendAuditEvent(tx, {"", action, "membership", entity, org.id, "{}"}, Now()));
        ++sent;
      }
      if (static_cast<int>(orgs.size()) < page.limit) break;
      page.after = orgs.back().id;
    }
    return {};
  }));
  return sent;
}

}  // namespace valuemark::app
