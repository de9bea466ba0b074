#include "core/invoice.h"

#include <gtest/gtest.h>

namespace valuemark {
namespace {

Invoice Issued() {
  FeeQuote fee{"GBP", SizeBand::kMedium, 60000, 20, 12000, 72000};
  return IssueInvoice("o1", "i1", InvoiceNumber(2030, 7), InvoiceFor::kMembership, "r1",
                      "Membership", fee, DaysFromCivil({2030, 3, 12}), 1'900'000'000);
}

TEST(Invoice, NumberedByYearAndDueInThirtyDays) {
  const Invoice i = Issued();
  EXPECT_EQ(i.number, "VM-2030-0007");
  EXPECT_EQ(InvoiceNumber(2031, 12345), "VM-2031-12345");
  EXPECT_EQ(i.issued_on, "2030-03-12");
  EXPECT_EQ(i.due_on, "2030-04-11");
  EXPECT_EQ(i.state, InvoiceState::kIssued);
  EXPECT_EQ(i.amount.gross_pence, 72000);
}

TEST(Invoice, PaidOnADayBetweenIssueAndToday) {
  const Days today = DaysFromCivil({2030, 3, 20});
  auto paid = RecordPayment(Issued(), "2030-03-15", "BACS 123", today);
  ASSERT_TRUE(paid) << paid.error().message;
  EXPECT_EQ(paid->state, InvoiceState::kPaid);
  EXPECT_EQ(paid->paid_on, "2030-03-15");
  EXPECT_EQ(paid->payment_reference, "BACS 123");

  for (const char* bad : {"2030-03-11", "2030-03-21", "15/03/2030", "2030-02-30", ""}) {
    auto r = RecordPayment(Issued(), bad, "", today);
    ASSERT_FALSE(r) << bad;
    ASSERT_EQ(r.error().fields.size(), 1u);
    EXPECT_EQ(r.error().fields[0].path, "paid_on");
  }
  auto twice = RecordPayment(*paid, "2030-03-16", "", today);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_FALSE(VoidInvoice(*paid, "error"));
}

TEST(Invoice, VoidedWithAReasonOnlyWhileIssued) {
  EXPECT_FALSE(VoidInvoice(Issued(), ""));
  auto v = VoidInvoice(Issued(), "issued twice");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->state, InvoiceState::kVoid);
  EXPECT_FALSE(RecordPayment(*v, "2030-03-12", "", DaysFromCivil({2030, 3, 20})));
  EXPECT_EQ(ParseInvoiceState("void").value(), InvoiceState::kVoid);
  EXPECT_FALSE(ParseInvoiceState("refunded"));
}

}  // namespace
}  // namespace valuemark
