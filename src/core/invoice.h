// Invoices for what the certifying body charges: a membership (on approval)
// and an application (on its first submission), each with its number, the
// amount before VAT, the VAT and the total, as quoted when it was issued.
// There is no payment provider: payment is arranged as the membership terms
// say (data/membership.json "payment"), and staff record it by hand, or void
// an invoice issued in error (docs/api.md "Invoices").
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/calendar.h"
#include "core/result.h"
#include "core/scheme.h"

namespace valuemark {

enum class InvoiceFor { kMembership, kApplication };
enum class InvoiceState { kIssued, kPaid, kVoid };
const char* Name(InvoiceFor f);    // "membership", "application"
const char* Name(InvoiceState s);  // "issued", "paid", "void"
Result<InvoiceFor> ParseInvoiceFor(const std::string& s);
Result<InvoiceState> ParseInvoiceState(const std::string& s);

// Payment is due this many days after the invoice is issued.
inline constexpr int kInvoicePaymentDays = 30;
inline constexpr size_t kMaxPaymentReferenceLength = 200;
inline constexpr size_t kMaxVoidReasonLength = 2000;

struct Invoice {
  std::string organisation_id;
  std::string id;
  std::string number;  // "VM-2030-0007": the year it was issued and its place in that year
  InvoiceFor subject = InvoiceFor::kMembership;
  std::string subject_id;   // the membership request or the application
  std::string description;  // "Membership of the certifying body, Medium band, 12 months"
  FeeQuote amount;          // net, VAT and gross as quoted when issued
  std::string issued_on;    // YYYY-MM-DD
  std::string due_on;       // issued_on + kInvoicePaymentDays
  UnixTime issued_at = 0;
  InvoiceState state = InvoiceState::kIssued;
  std::string paid_on;            // YYYY-MM-DD, when paid
  std::string payment_reference;  // what staff recorded, e.g. the bank transfer's reference
  std::string void_reason;        // why it was voided
  std::string decided_by;         // the staff member who recorded the payment or voided it
  std::optional<UnixTime> decided_at;
  int64_t version = 1;
};

// "VM-2030-0007" for the 7th invoice issued in 2030 (sequence from 1).
std::string InvoiceNumber(int year, int64_t sequence);

// A new invoice issued on `today`, due kInvoicePaymentDays later.
Invoice IssueInvoice(std::string organisation_id, std::string id, std::string number,
                     InvoiceFor subject, std::string subject_id, std::string description,
                     const FeeQuote& amount, Days today, UnixTime now);

// The invoice paid on `paid_on` (YYYY-MM-DD): only an issued invoice, on a
// day neither before it was issued nor after `today`. Errors name the field.
Result<Invoice> RecordPayment(Invoice invoice, const std::string& paid_on,
                              const std::string& reference, Days today);
// The invoice voided with a reason: only an issued invoice (a paid one is
// refunded outside ValueMark, and stays paid here).
Result<Invoice> VoidInvoice(Invoice invoice, const std::string& reason);

}  // namespace valuemark
