// The certificate PDF: a one-page PDF naming the award, whatever the text.
#include "report/certificate_pdf.h"

#include <gtest/gtest.h>

namespace valuemark::report {
namespace {

TEST(CertificatePdf, IsAOnePagePdf) {
  Certificate c;
  c.id = "c1";
  c.organisation_name = "Riverside Community Trust";
  c.scope = "Whole organisation";
  c.area = "Bristol";
  c.scheme_name = "Social Value Management Certificate";
  c.scheme_version = 2;
  c.level = 1;
  c.level_name = "Commit";
  c.awarded_on = "2026-11-30";
  c.expires_on = "2028-11-30";
  c.issuer = "Social Value International";
  c.verification_code = "VM-ABCD-EFGH-JKMN";
  c.verify_url = "https://valuemark.example/verify/VM-ABCD-EFGH-JKMN";
  auto pdf = CertificatePdf(c);
  ASSERT_TRUE(pdf.has_value()) << pdf.error().message;
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  EXPECT_NE(pdf->find("/Count 1"), std::string::npos);  // one page
  EXPECT_GT(pdf->size(), 1000u);
  c.organisation_name = "Ünïcode & Co — «quoted»";
  EXPECT_TRUE(CertificatePdf(c).has_value());
}

}  // namespace
}  // namespace valuemark::report
