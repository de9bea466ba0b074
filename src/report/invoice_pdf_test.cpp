// The invoice PDF: one page with the number, the amounts and how to pay,
// whatever the text, in each state.
#include "report/invoice_pdf.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

namespace valuemark::report {
namespace {

Invoice Sample() {
  FeeQuote fee{"GBP", SizeBand::kMedium, 60000, 20, 12000, 72000};
  return IssueInvoice("o1", "i1", InvoiceNumber(2030, 7), InvoiceFor::kMembership, "r1",
                      "Membership of Social Value UK, Medium band, 12 months from 12 Mar 2030", fee,
                      DaysFromCivil({2030, 3, 12}), 0);
}

const InvoiceParties kParties{
    "Social Value UK", "membership@valuemark.example",
    "Pay each invoice by bank transfer within 30 days, quoting its number.",
    "Riverside Community Trust", "Bristol"};

TEST(InvoicePdf, IsAOnePagePdfInEachState) {
  Invoice i = Sample();
  auto pdf = InvoicePdf(i, kParties);
  ASSERT_TRUE(pdf.has_value()) << pdf.error().message;
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  EXPECT_NE(pdf->find("/Count 1"), std::string::npos);  // one page
  // For a look: VALUEMARK_WRITE_INVOICE_PDF=/tmp/invoice.pdf
  if (const char* out = std::getenv("VALUEMARK_WRITE_INVOICE_PDF")) std::ofstream(out) << *pdf;

  auto paid = RecordPayment(i, "2030-03-20", "BACS 0042", DaysFromCivil({2030, 3, 31}));
  ASSERT_TRUE(paid);
  EXPECT_TRUE(InvoicePdf(*paid, kParties).has_value());
  std::string reason;
  for (int k = 0; k < 300; ++k) reason += "word ";
  auto voided = VoidInvoice(i, reason + std::string(3000, 'x') + " — «quoted» Ünïcode");
  ASSERT_TRUE(voided);
  EXPECT_TRUE(InvoicePdf(*voided, {"", "", "", "", ""}).has_value());
  InvoiceParties long_name = kParties;
  long_name.customer = "North Bristol Community Health, Housing and Wellbeing Partnership CIC";
  auto named = InvoicePdf(*voided, long_name);
  ASSERT_TRUE(named.has_value());
  if (const char* out = std::getenv("VALUEMARK_WRITE_VOID_PDF")) std::ofstream(out) << *named;
}

}  // namespace
}  // namespace valuemark::report
