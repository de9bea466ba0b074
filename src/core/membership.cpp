#include "core/membership.h"

#include <fmt/format.h>

#include <cassert>

#include "core/enum_names.h"

namespace valuemark {

namespace {

constexpr std::array<SizeBand, 4> kBands = {SizeBand::kSmall, SizeBand::kMedium, SizeBand::kLarge,
                                            SizeBand::kVeryLarge};

Days DayOfDate(const std::string& iso) {
  auto d = ParseDate(iso);
  return d ? DaysFromCivil(*d) : 0;
}

}  // namespace

const SizeBandRule& MembershipTerms::Rule(SizeBand band) const {
  assert(bands.size() == kBands.size());
  return bands[static_cast<size_t>(band)];
}

std::vector<FieldError> ValidateMembershipTerms(const MembershipTerms& t) {
  std::vector<FieldError> errors;
  if (t.owner.empty()) errors.push_back({"owner", "is required"});
  if (t.currency != "GBP") errors.push_back({"currency", "must be GBP"});
  if (t.vat_percent < 0 || t.vat_percent > 100)
    errors.push_back({"vat_percent", "must be between 0 and 100"});
  if (t.term_months < 1 || t.term_months > 60)
    errors.push_back({"term_months", "must be between 1 and 60"});
  if (t.renewal_window_days < 0 || t.renewal_window_days > 366)
    errors.push_back({"renewal_window_days", "must be between 0 and 366"});
  if (t.contact.empty()) errors.push_back({"contact", "is required"});
  if (t.payment.empty()) errors.push_back({"payment", "is required"});
  if (t.bands.size() != kBands.size()) {
    errors.push_back({"bands", "must list the four bands: small, medium, large, very_large"});
    return errors;
  }
  for (size_t i = 0; i < t.bands.size(); ++i) {
    const SizeBandRule& b = t.bands[i];
    const std::string at = fmt::format("bands[{}]", i);
    const bool last = i + 1 == t.bands.size();
    if (b.band != kBands[i])
      errors.push_back({at + ".band", fmt::format("must be {}", Name(kBands[i]))});
    if (b.label.empty()) errors.push_back({at + ".label", "is required"});
    if (b.annual_fee_pence < 0 || b.annual_fee_pence > 100'000'000)
      errors.push_back({at + ".annual_fee_pence", "must be between 0 and 100000000"});
    if (last) {
      if (b.max_staff || b.max_turnover_pence)
        errors.push_back({at, "the largest band has no limits"});
      continue;
    }
    if (!b.max_staff || *b.max_staff < 0 || *b.max_staff > kMaxStaff)
      errors.push_back({at + ".max_staff", "must be a number of staff"});
    if (!b.max_turnover_pence || *b.max_turnover_pence < 0 ||
        *b.max_turnover_pence > kMaxTurnoverPence)
      errors.push_back({at + ".max_turnover_pence", "must be an amount in pence"});
    if (i > 0 && b.max_staff && t.bands[i - 1].max_staff &&
        *b.max_staff <= *t.bands[i - 1].max_staff)
      errors.push_back({at + ".max_staff", "must be more than the band before"});
    if (i > 0 && b.max_turnover_pence && t.bands[i - 1].max_turnover_pence &&
        *b.max_turnover_pence <= *t.bands[i - 1].max_turnover_pence)
      errors.push_back({at + ".max_turnover_pence", "must be more than the band before"});
  }
  return errors;
}

SizeBand BandFor(const MembershipTerms& terms, int64_t staff, int64_t turnover_pence) {
  for (const SizeBandRule& b : terms.bands) {
    if (!b.max_staff || !b.max_turnover_pence) return b.band;
    if (staff <= *b.max_staff && turnover_pence <= *b.max_turnover_pence) return b.band;
  }
  return SizeBand::kVeryLarge;
}

FeeQuote QuoteMembership(const MembershipTerms& terms, SizeBand band) {
  FeeQuote q;
  q.currency = terms.currency;
  q.size_band = band;
  q.net_pence = terms.Rule(band).annual_fee_pence;
  q.vat_percent = terms.vat_percent;
  q.vat_pence = (q.net_pence * terms.vat_percent + 50) / 100;
  q.gross_pence = q.net_pence + q.vat_pence;
  return q;
}

std::string DescribeBand(const MembershipTerms& terms, SizeBand band) {
  const SizeBandRule& b = terms.Rule(band);
  auto staff = [](int64_t n) { return fmt::format("{} staff", n); };
  if (b.max_staff && b.max_turnover_pence)
    return fmt::format("up to {} and a yearly turnover up to {}", staff(*b.max_staff),
                       FormatPounds(*b.max_turnover_pence));
  const size_t i = static_cast<size_t>(band);
  const SizeBandRule& before = terms.bands[i - 1];
  return fmt::format("more than {} or a yearly turnover over {}", staff(*before.max_staff),
                     FormatPounds(*before.max_turnover_pence));
}

constexpr std::array<std::pair<const char*, MembershipRequestKind>, 2> kKinds = {
    {{"join", MembershipRequestKind::kJoin}, {"renew", MembershipRequestKind::kRenew}}};
constexpr std::array<std::pair<const char*, MembershipRequestState>, 4> kRequestStates = {
    {{"pending", MembershipRequestState::kPending},
     {"approved", MembershipRequestState::kApproved},
     {"declined", MembershipRequestState::kDeclined},
     {"withdrawn", MembershipRequestState::kWithdrawn}}};

const char* Name(MembershipRequestKind k) { return detail::NameFrom(kKinds, k); }
const char* Name(MembershipRequestState s) { return detail::NameFrom(kRequestStates, s); }
Result<MembershipRequestState> ParseMembershipRequestState(const std::string& s) {
  return detail::ParseFrom(kRequestStates, s);
}
Result<MembershipRequestKind> ParseMembershipRequestKind(const std::string& s) {
  return detail::ParseFrom(kKinds, s);
}

std::optional<std::string> RenewalOpensOn(const MembershipTerms& terms, const Organisation& org) {
  if (org.membership_status != MembershipStatus::kActive || !org.membership_expiry)
    return std::nullopt;
  return FormatDay(DayOfDate(*org.membership_expiry) - terms.renewal_window_days);
}

Result<MembershipRequestKind> RequestableKind(const MembershipTerms& terms, const Organisation& org,
                                              bool has_pending, Days today) {
  if (has_pending)
    return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                            "a membership request is already waiting for the administrators' "
                            "decision"));
  if (org.membership_status != MembershipStatus::kActive) return MembershipRequestKind::kJoin;
  if (!org.membership_expiry)
    return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                            "the membership has no end date, so there is nothing to renew"));
  const Days expiry = DayOfDate(*org.membership_expiry);
  if (expiry < today) return MembershipRequestKind::kJoin;  // expired: join again
  const Days opens = expiry - terms.renewal_window_days;
  if (today < opens)
    return Fail(Error::Make(
        ErrorCode::kFailedPrecondition,
        fmt::format("the membership runs until {}; its renewal can be requested from {}",
                    ReadableDate(*org.membership_expiry), ReadableDate(FormatDay(opens)))));
  return MembershipRequestKind::kRenew;
}

Organisation ApproveMembership(const MembershipTerms& terms, Organisation org,
                               const MembershipRequest& request, Days today) {
  Days from = today;
  const bool continuing = request.kind == MembershipRequestKind::kRenew &&
                          org.membership_status == MembershipStatus::kActive &&
                          org.membership_expiry && DayOfDate(*org.membership_expiry) >= today;
  if (continuing)
    from = DayOfDate(*org.membership_expiry) + 1;
  else
    org.membership_start = FormatDay(today);
  const Days until = DaysFromCivil(AddMonths(CivilFromDays(from), terms.term_months)) - 1;
  org.membership_status = MembershipStatus::kActive;
  org.membership_expiry = FormatDay(until);
  org.size_band = request.size_band;
  return org;
}

}  // namespace valuemark
