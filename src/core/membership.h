// Organisational membership of the certifying body: the size bands that set
// the fees (data/membership.json), and the requests by which an organisation
// joins or renews and the administrator decides. SVMC guidance "How to Apply"
// 1: "Your organisation must have membership with Social Value
// International"; "Cost of ... application": the fee depends on the
// membership's size band (small, medium, large, very large).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/organisation.h"
#include "core/result.h"
#include "core/scheme.h"

namespace valuemark {

// One band: an organisation is in the first band whose limits it is within,
// both of them (staff and yearly turnover); the last band has no limits.
struct SizeBandRule {
  SizeBand band = SizeBand::kSmall;
  std::string label;  // "Small"
  std::optional<int64_t> max_staff;
  std::optional<int64_t> max_turnover_pence;
  int64_t annual_fee_pence = 0;  // the membership's yearly fee, excluding VAT
};

// The certifying body's membership terms (data/membership.json).
struct MembershipTerms {
  std::string owner;
  std::string currency = "GBP";
  int vat_percent = 20;
  int term_months = 12;
  // Renewal may be requested this many days before the expiry (and after it).
  int renewal_window_days = 60;
  std::string contact;              // where to ask, e.g. an email address
  std::string payment;              // how payment is arranged, in words
  std::vector<SizeBandRule> bands;  // small, medium, large, very large, in that order

  const SizeBandRule& Rule(SizeBand band) const;
};

// Every problem in the terms, each with its path in the file.
std::vector<FieldError> ValidateMembershipTerms(const MembershipTerms& terms);

// The band of an organisation with this many staff and this yearly turnover
// (both at least 0): the first band whose two limits it is within.
SizeBand BandFor(const MembershipTerms& terms, int64_t staff, int64_t turnover_pence);

// The membership's yearly fee for a band, with VAT (as a scheme's fee is quoted).
FeeQuote QuoteMembership(const MembershipTerms& terms, SizeBand band);

// The band's limits in words: "up to 10 staff and a yearly turnover up to
// £500,000.00"; "more than 250 staff or a yearly turnover over £50,000,000.00".
std::string DescribeBand(const MembershipTerms& terms, SizeBand band);

enum class MembershipRequestKind { kJoin, kRenew };
enum class MembershipRequestState { kPending, kApproved, kDeclined, kWithdrawn };
const char* Name(MembershipRequestKind k);   // "join", "renew"
const char* Name(MembershipRequestState s);  // "pending", "approved", "declined", "withdrawn"
Result<MembershipRequestState> ParseMembershipRequestState(const std::string& s);
Result<MembershipRequestKind> ParseMembershipRequestKind(const std::string& s);

inline constexpr int64_t kMaxStaff = 10'000'000;
// £1 trillion: larger than any organisation's turnover, small enough that
// nothing overflows.
inline constexpr int64_t kMaxTurnoverPence = 100'000'000'000'000;
inline constexpr size_t kMaxMembershipReasonLength = 2000;

struct MembershipRequest {
  std::string organisation_id;
  std::string id;
  MembershipRequestKind kind = MembershipRequestKind::kJoin;
  MembershipRequestState state = MembershipRequestState::kPending;
  int64_t staff = 0;
  int64_t turnover_pence = 0;
  SizeBand size_band = SizeBand::kSmall;  // from staff and turnover, by the terms
  FeeQuote fee;                           // the yearly fee as quoted when asked
  std::string requested_by;               // user id
  UnixTime requested_at = 0;
  std::string decided_by;  // user id; "" while pending
  std::optional<UnixTime> decided_at;
  std::string reason;  // the administrator's, required to decline
  int64_t version = 1;
};

// Which request the organisation may make today, or why none: one pending
// request at a time; joining while not a member (or lapsed, or expired);
// renewing from renewal_window_days before the expiry.
Result<MembershipRequestKind> RequestableKind(const MembershipTerms& terms, const Organisation& org,
                                              bool has_pending, Days today);

// The first day renewal may be requested, for an active membership with an expiry.
std::optional<std::string> RenewalOpensOn(const MembershipTerms& terms, const Organisation& org);

// The organisation after an approval on `today`: active, in the request's
// band; joining starts today, renewing continues from the current expiry (or
// today, if that has passed); either way for term_months.
Organisation ApproveMembership(const MembershipTerms& terms, Organisation org,
                               const MembershipRequest& request, Days today);

}  // namespace valuemark
