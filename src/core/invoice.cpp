#include "core/invoice.h"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "core/enum_names.h"

namespace valuemark {
namespace {

constexpr std::array<std::pair<const char*, InvoiceFor>, 2> kSubjects = {
    {{"membership", InvoiceFor::kMembership}, {"application", InvoiceFor::kApplication}}};
constexpr std::array<std::pair<const char*, InvoiceState>, 3> kInvoiceStates = {
    {{"issued", InvoiceState::kIssued},
     {"paid", InvoiceState::kPaid},
     {"void", InvoiceState::kVoid}}};

Result<void> MustBeIssued(const Invoice& invoice, const char* what) {
  if (invoice.state == InvoiceState::kIssued) return {};
  return Fail(Error::Make(
      ErrorCode::kFailedPrecondition,
      fmt::format("invoice {} is {}: it cannot be {}", invoice.number,
                  invoice.state == InvoiceState::kPaid ? "already paid" : "void", what)));
}

}  // namespace

const char* Name(InvoiceFor f) { return detail::NameFrom(kSubjects, f); }
const char* Name(InvoiceState s) { return detail::NameFrom(kInvoiceStates, s); }
Result<InvoiceFor> ParseInvoiceFor(const std::string& s) { return detail::ParseFrom(kSubjects, s); }
Result<InvoiceState> ParseInvoiceState(const std::string& s) {
  return detail::ParseFrom(kInvoiceStates, s);
}

std::string InvoiceNumber(int year, int64_t sequence) {
  return fmt::format("VM-{:04}-{:04}", year, sequence);
}

Invoice IssueInvoice(std::string organisation_id, std::string id, std::string number,
                     InvoiceFor subject, std::string subject_id, std::string description,
                     const FeeQuote& amount, Days today, UnixTime now) {
  Invoice i;
  i.organisation_id = std::move(organisation_id);
  i.id = std::move(id);
  i.number = std::move(number);
  i.subject = subject;
  i.subject_id = std::move(subject_id);
  i.description = std::move(description);
  i.amount = amount;
  i.issued_on = FormatDay(today);
  i.due_on = FormatDay(today + kInvoicePaymentDays);
  i.issued_at = now;
  return i;
}

Result<Invoice> RecordPayment(Invoice invoice, const std::string& paid_on,
                              const std::string& reference, Days today) {
  TRY(MustBeIssued(invoice, "marked paid"));
  auto day = ParseDate(paid_on);
  if (!day)
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "paid_on",
                             "give the day the payment arrived, as YYYY-MM-DD"));
  const Days paid = DaysFromCivil(*day);
  if (paid < DaysFromCivil(*ParseDate(invoice.issued_on)))
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "paid_on",
                             fmt::format("the invoice was issued on {}: the payment cannot be "
                                         "earlier",
                                         ReadableDate(invoice.issued_on))));
  if (paid > today)
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "paid_on",
                             "the payment cannot be recorded for a day still to come"));
  invoice.state = InvoiceState::kPaid;
  invoice.paid_on = FormatDay(paid);
  invoice.payment_reference = reference;
  return invoice;
}

Result<Invoice> VoidInvoice(Invoice invoice, const std::string& reason) {
  TRY(MustBeIssued(invoice, "voided"));
  if (reason.empty())
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "reason",
                             "say why the invoice is void: the organisation reads it"));
  invoice.state = InvoiceState::kVoid;
  invoice.void_reason = reason;
  return invoice;
}

}  // namespace valuemark
