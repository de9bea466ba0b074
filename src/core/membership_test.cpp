#include "core/membership.h"

#include <gtest/gtest.h>

namespace valuemark {
namespace {

MembershipTerms Terms() {
  MembershipTerms t;
  t.owner = "Social Value UK";
  t.contact = "membership@example.org";
  t.payment = "By bank transfer within 30 days of the invoice.";
  t.bands = {
      {SizeBand::kSmall, "Small", 10, 50'000'000, 30'000},
      {SizeBand::kMedium, "Medium", 50, 500'000'000, 60'000},
      {SizeBand::kLarge, "Large", 250, 5'000'000'000, 120'000},
      {SizeBand::kVeryLarge, "Very large", std::nullopt, std::nullopt, 240'000},
  };
  return t;
}

Days Day(const char* iso) { return DaysFromCivil(*ParseDate(iso)); }

TEST(Membership, TheTermsOfTheDataFileShapeAreValid) {
  EXPECT_TRUE(ValidateMembershipTerms(Terms()).empty());
}

TEST(Membership, EveryProblemInTheTermsIsNamedWithItsPath) {
  MembershipTerms t = Terms();
  t.bands[1].max_staff = 10;              // not more than small's
  t.bands[2].max_turnover_pence.reset();  // a middle band without its limit
  t.bands[3].max_staff = 1000;            // the largest band has none
  t.vat_percent = 101;
  const auto errors = ValidateMembershipTerms(t);
  std::vector<std::string> paths;
  for (const FieldError& e : errors) paths.push_back(e.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"vat_percent", "bands[1].max_staff",
                                             "bands[2].max_turnover_pence", "bands[3]"}));
  t = Terms();
  t.bands.pop_back();
  EXPECT_EQ(ValidateMembershipTerms(t).front().path, "bands");
}

TEST(Membership, TheBandIsTheFirstWhoseTwoLimitsHold) {
  const MembershipTerms t = Terms();
  EXPECT_EQ(BandFor(t, 0, 0), SizeBand::kSmall);
  EXPECT_EQ(BandFor(t, 10, 50'000'000), SizeBand::kSmall);  // limits are inclusive
  EXPECT_EQ(BandFor(t, 11, 0), SizeBand::kMedium);          // staff alone moves it up
  EXPECT_EQ(BandFor(t, 3, 50'000'001), SizeBand::kMedium);  // and turnover alone
  EXPECT_EQ(BandFor(t, 251, 0), SizeBand::kVeryLarge);
  EXPECT_EQ(BandFor(t, kMaxStaff, kMaxTurnoverPence), SizeBand::kVeryLarge);
}

TEST(Membership, TheFeeIsQuotedWithVat) {
  // £600.00 + 20 % = £120.00 VAT, £720.00 in all.
  const FeeQuote q = QuoteMembership(Terms(), SizeBand::kMedium);
  EXPECT_EQ(q.net_pence, 60'000);
  EXPECT_EQ(q.vat_pence, 12'000);
  EXPECT_EQ(q.gross_pence, 72'000);
  EXPECT_EQ(q.size_band, SizeBand::kMedium);
}

TEST(Membership, BandsAreDescribedInWords) {
  const MembershipTerms t = Terms();
  EXPECT_EQ(DescribeBand(t, SizeBand::kSmall),
            "up to 10 staff and a yearly turnover up to £500,000.00");
  EXPECT_EQ(DescribeBand(t, SizeBand::kVeryLarge),
            "more than 250 staff or a yearly turnover over £50,000,000.00");
}

TEST(Membership, AnOrganisationJoinsOnceThenRenewsInTheWindow) {
  const MembershipTerms t = Terms();
  Organisation org;
  EXPECT_EQ(*RequestableKind(t, org, false, Day("2026-12-05")), MembershipRequestKind::kJoin);
  EXPECT_EQ(RequestableKind(t, org, true, Day("2026-12-05")).error().code,
            ErrorCode::kFailedPrecondition);

  MembershipRequest join;
  join.kind = MembershipRequestKind::kJoin;
  join.size_band = SizeBand::kMedium;
  org = ApproveMembership(t, org, join, Day("2026-12-05"));
  EXPECT_EQ(org.membership_status, MembershipStatus::kActive);
  EXPECT_EQ(org.membership_start, "2026-12-05");
  EXPECT_EQ(org.membership_expiry, "2027-12-04");  // twelve months, the last day included
  EXPECT_EQ(org.size_band, SizeBand::kMedium);

  // 2027-12-04 less 60 days is 2027-10-05.
  EXPECT_EQ(RenewalOpensOn(t, org), "2027-10-05");
  auto early = RequestableKind(t, org, false, Day("2027-10-04"));
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().message,
            "the membership runs until 4 Dec 2027; its renewal can be requested from 5 Oct 2027");
  EXPECT_EQ(*RequestableKind(t, org, false, Day("2027-10-05")), MembershipRequestKind::kRenew);

  // A renewal approved before the expiry continues from it, not from today.
  MembershipRequest renew;
  renew.kind = MembershipRequestKind::kRenew;
  renew.size_band = SizeBand::kLarge;
  Organisation renewed = ApproveMembership(t, org, renew, Day("2027-11-01"));
  EXPECT_EQ(renewed.membership_start, "2026-12-05");
  EXPECT_EQ(renewed.membership_expiry, "2028-12-04");
  EXPECT_EQ(renewed.size_band, SizeBand::kLarge);

  // Once expired, the organisation joins again from the day of approval.
  EXPECT_EQ(*RequestableKind(t, org, false, Day("2027-12-05")), MembershipRequestKind::kJoin);
  Organisation rejoined = ApproveMembership(t, org, join, Day("2028-01-10"));
  EXPECT_EQ(rejoined.membership_start, "2028-01-10");
  EXPECT_EQ(rejoined.membership_expiry, "2029-01-09");
}

TEST(Membership, AMembershipWithoutAnEndHasNothingToRenew) {
  Organisation org;
  org.membership_status = MembershipStatus::kActive;
  EXPECT_EQ(RequestableKind(Terms(), org, false, Day("2026-12-05")).error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(RenewalOpensOn(Terms(), org), std::nullopt);
}

TEST(Membership, RequestStatesHaveNames) {
  EXPECT_STREQ(Name(MembershipRequestState::kDeclined), "declined");
  EXPECT_EQ(*ParseMembershipRequestState("withdrawn"), MembershipRequestState::kWithdrawn);
  EXPECT_FALSE(ParseMembershipRequestKind("rejoin"));
}

}  // namespace
}  // namespace valuemark
