// Certificates: validity from the award, lapse at expiry, reminders at 90 and
// 30 days, verification codes.
#include "core/certificate.h"

#include <gtest/gtest.h>

namespace valuemark {
namespace {

Certificate Awarded(const std::string& on, const std::string& expires) {
  Certificate c;
  c.awarded_on = on;
  c.expires_on = expires;
  return c;
}

// "Accreditation is valid for two years"; the mark lapses at expiry.
TEST(Certificate, CurrentUntilItsExpiryDay) {
  const Certificate c = Awarded("2026-11-30", "2028-11-30");
  EXPECT_EQ(StatusOn(c, DaysFromCivil({2028, 11, 29})), CertificateStatus::kCurrent);
  EXPECT_EQ(StatusOn(c, DaysFromCivil({2028, 11, 30})), CertificateStatus::kExpired);
}

// Suspension and revocation outrank the dates; revocation is final.
TEST(Certificate, SuspendedOrRevokedOutranksTheDates) {
  const Certificate c = Awarded("2026-11-30", "2028-11-30");
  const Days during = DaysFromCivil({2027, 6, 1});
  const Days after = DaysFromCivil({2028, 12, 1});
  EXPECT_EQ(StatusOn(c, CertificateStanding::kActive, during), CertificateStatus::kCurrent);
  EXPECT_EQ(StatusOn(c, CertificateStanding::kActive, after), CertificateStatus::kExpired);
  EXPECT_EQ(StatusOn(c, CertificateStanding::kSuspended, during), CertificateStatus::kSuspended);
  EXPECT_EQ(StatusOn(c, CertificateStanding::kRevoked, after), CertificateStatus::kRevoked);
  EXPECT_STREQ(Name(CertificateStatus::kRevoked), "revoked");
  EXPECT_EQ(*ParseCertificateStanding("suspended"), CertificateStanding::kSuspended);
  EXPECT_FALSE(ParseCertificateStanding("withdrawn"));
}

TEST(Certificate, SuspendReinstateRevokeInThatOrderOnly) {
  using S = CertificateStanding;
  const Certificate c = Awarded("2026-11-30", "2028-11-30");
  const Days during = DaysFromCivil({2027, 6, 1});
  const Days after = DaysFromCivil({2028, 11, 30});
  EXPECT_TRUE(CheckStandingChange(c, S::kActive, S::kSuspended, during));
  EXPECT_TRUE(CheckStandingChange(c, S::kSuspended, S::kActive, during));
  EXPECT_TRUE(CheckStandingChange(c, S::kActive, S::kRevoked, during));
  EXPECT_TRUE(CheckStandingChange(c, S::kSuspended, S::kRevoked, during));
  EXPECT_TRUE(CheckStandingChange(c, S::kActive, S::kRevoked, after));  // withdrawn after expiry
  auto again = CheckStandingChange(c, S::kSuspended, S::kSuspended, during);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(again.error().message.find("already suspended"), std::string::npos);
  EXPECT_FALSE(CheckStandingChange(c, S::kActive, S::kActive, during));
  auto expired = CheckStandingChange(c, S::kActive, S::kSuspended, after);
  ASSERT_FALSE(expired);
  EXPECT_NE(expired.error().message.find("expired on 30 Nov 2028"), std::string::npos);
  for (S to : {S::kActive, S::kSuspended, S::kRevoked}) {
    auto final_ = CheckStandingChange(c, S::kRevoked, to, during);
    ASSERT_FALSE(final_);
    EXPECT_NE(final_.error().message.find("final"), std::string::npos);
  }
}

TEST(Certificate, RemindersAt90And30Days) {
  const Certificate c = Awarded("2026-11-30", "2028-11-30");
  EXPECT_EQ(ReminderDue(c, DaysFromCivil({2028, 9, 1})),
            90);  // 30 Sep has 30 days, Oct 31, Nov 29 → 90
  EXPECT_EQ(ReminderDue(c, DaysFromCivil({2028, 10, 31})), 30);
  EXPECT_EQ(ReminderDue(c, DaysFromCivil({2028, 10, 30})), 0);
}

TEST(Certificate, IsForTheAwardedLevelAndScope) {
  Scheme s;
  s.id = "svmc";
  s.name = "SVMC";
  s.version = 2;
  s.owner = "Social Value International";
  s.levels = {{1, "Commit", true, 0, "", {}}};
  Organisation o;
  o.id = "org";
  o.name = "Riverside";
  o.area = "Bristol";
  Application a;
  a.id = "app";
  a.level = 1;
  a.awarded_on = "2026-11-30";
  a.expires_on = "2028-11-30";
  Certificate c = CertificateFor(a, s, o, "");
  EXPECT_EQ(c.scope, "Whole organisation");
  EXPECT_EQ(c.level_name, "Commit");
  EXPECT_EQ(c.issuer, "Social Value International");
  EXPECT_EQ(CertificateFor(a, s, o, "Healthy Ageing").scope, "Healthy Ageing");
}

TEST(Certificate, VerificationCodesAvoidLookAlikes) {
  unsigned char random[12];
  for (int i = 0; i < 12; ++i) random[i] = static_cast<unsigned char>(i * 37);
  const std::string code = FormatVerificationCode(random);
  EXPECT_EQ(code.size(), 17u);  // "VM" + 3 × ("-" + 4)
  EXPECT_EQ(code.substr(0, 3), "VM-");
  EXPECT_EQ(code.find_first_of("01OIL", 2), std::string::npos);
}

}  // namespace
}  // namespace valuemark
