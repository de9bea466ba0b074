#include "app/certification/invoices.h"

#include <fmt/format.h>

#include "app/audit/chain.h"
#include "app/certification/certificates.h"
#include "app/crypto.h"
#include "app/validate.h"
#include "formats/invoice_json.h"
#include "formats/records_json.h"

namespace valuemark::app {
namespace {

std::string InvoiceJson(const Invoice& i) {
  return formats::CompactJson(&formats::WriteInvoice, i);
}

Error NoSuchInvoice() { return Error::Make(ErrorCode::kNotFound, "no such invoice"); }

// "£600.00 + VAT £120.00 = £720.00"
std::string Amounts(const FeeQuote& q) {
  return fmt::format("{} + VAT {} = {}", FormatPounds(q.net_pence), FormatPounds(q.vat_pence),
                     FormatPounds(q.gross_pence));
}

}  // namespace

Result<void> IssueInvoiceFor(Transaction& tx, const MembershipTerms& terms, const Organisation& org,
                             InvoiceFor subject, const std::string& subject_id,
                             const std::string& description, const FeeQuote& fee,
                             const std::string& public_url, UnixTime now) {
  if (fee.gross_pence == 0) return {};  // nothing to pay, nothing to invoice
  for (const Invoice& i : TRY(tx.ListInvoices(org.id)))
    if (i.subject == subject && i.subject_id == subject_id) return {};
  const Days today = DayOf(now);
  const int year = CivilFromDays(today).year;
  const int64_t sequence = TRY(tx.NextInvoiceSequence(year));
  const Invoice invoice = IssueInvoice(org.id, NewId(), InvoiceNumber(year, sequence), subject,
                                       subject_id, description, fee, today, now);
  TRY(tx.InsertInvoice(invoice));
  TRY(AppendAuditEvent(
      tx, {"", "invoice.issue", "invoice", invoice.id, org.id, InvoiceJson(invoice)}, now));
  return NotifyRepresentatives(
      tx, org, fmt::format("ValueMark: invoice {} for {}", invoice.number, org.name),
      fmt::format(
          "Invoice {} for {}: {}.\n\n{}: {}, due by {}.\n\n{}\n\nQuestions: {}.\n"
          "The invoice as a PDF is on the organisation's page: {}/organisations/{}#invoices",
          invoice.number, org.name, description, invoice.number, Amounts(fee),
          ReadableDate(invoice.due_on), terms.payment, terms.contact, public_url, org.id),
      now);
}

Result<NamedInvoice> InvoiceService::Named(Transaction& tx, Invoice invoice) {
  NamedInvoice out;
  auto org = TRY(tx.FindOrganisation(invoice.organisation_id));
  if (org) {
    out.organisation_name = org->name;
    out.organisation_area = org->area;
  }
  if (!invoice.decided_by.empty()) {
    auto u = TRY(tx.FindUserById(invoice.decided_by));
    if (u) out.decided_by_name = u->name;
  }
  out.invoice = std::move(invoice);
  return out;
}

Result<std::vector<NamedInvoice>> InvoiceService::List(const Caller& caller,
                                                       const std::string& org_id) {
  return ReadInOrganisation<std::vector<NamedInvoice>>(
      caller, org_id, OrgAction::kRead, [&](Transaction& tx) -> Result<std::vector<NamedInvoice>> {
        std::vector<NamedInvoice> out;
        for (Invoice& i : TRY(tx.ListInvoices(org_id))) out.push_back(TRY(Named(tx, std::move(i))));
        return out;
      });
}

Result<NamedInvoice> InvoiceService::Get(const Caller& caller, const std::string& org_id,
                                         const std::string& id) {
  return ReadInOrganisation<NamedInvoice>(caller, org_id, OrgAction::kRead,
                                          [&](Transaction& tx) -> Result<NamedInvoice> {
                                            auto found = TRY(tx.FindInvoice(org_id, id));
                                            if (!found) return Fail(NoSuchInvoice());
                                            return Named(tx, std::move(*found));
                                          });
}

Result<std::vector<NamedInvoice>> InvoiceService::ListAll(const Caller& caller,
                                                          const std::string& state) {
  if (caller.user.platform_role != PlatformRole::kAdministrator) return Fail(NotAllowed());
  if (!state.empty() && !ParseInvoiceState(state))
    return Fail(InvalidField("state", "must be issued, paid or void"));
  std::vector<NamedInvoice> out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    for (Invoice& i : TRY(tx.ListAllInvoices(state, 1000)))
      out.push_back(TRY(Named(tx, std::move(i))));
    return {};
  }));
  return out;
}

Result<NamedInvoice> InvoiceService::Change(const Caller& caller, const std::string& org_id,
                                            const std::string& id, int64_t version,
                                            const char* action,
                                            const std::function<Result<Invoice>(Invoice)>& change) {
  if (caller.user.platform_role != PlatformRole::kAdministrator) return Fail(NotAllowed());
  NamedInvoice out;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    auto org = TRY(tx.FindOrganisation(org_id));
    auto found = org ? TRY(tx.FindInvoice(org_id, id)) : std::nullopt;
    if (!found) return Fail(NoSuchInvoice());
    if (version != 0 && version != found->version)
      return Fail(Error::Field(ErrorCode::kFailedPrecondition, "version",
                               "someone else changed this invoice first: reload it"));
    Invoice changed = TRY(change(*found));
    changed.decided_by = caller.user.id;
    changed.decided_at = Now();
    TRY(tx.UpdateInvoice(changed));
    changed.version += 1;
    TRY(AppendAuditEvent(
        tx,
        {caller.user.id, action, "invoice", id, org_id, InvoiceJson(changed), InvoiceJson(*found)},
        Now()));
    const bool paid = changed.state == InvoiceState::kPaid;
    TRY(NotifyRepresentatives(
        tx, *org,
        fmt::format("ValueMark: invoice {} is {}", changed.number, paid ? "paid" : "void"),
        paid ? fmt::format("The certifying body recorded the payment of invoice {} ({}) on {}. "
                           "Thank you.\n{}/organisations/{}#invoices",
                           changed.number, FormatPounds(changed.amount.gross_pence),
                           ReadableDate(changed.paid_on), options_.public_url, org_id)
             : fmt::format("The certifying body voided invoice {} ({}): nothing is owed on it.\n\n"
                           "Why: {}\n{}/organisations/{}#invoices",
                           changed.number, FormatPounds(changed.amount.gross_pence),
                           changed.void_reason, options_.public_url, org_id),
        Now()));
    out = TRY(Named(tx, std::move(changed)));
    return {};
  }));
  return out;
}

Result<NamedInvoice> InvoiceService::RecordPayment(const Caller& caller, const std::string& org_id,
                                                   const std::string& id,
                                                   const PaymentInput& input) {
  auto reference = TRY(CleanText("reference", input.reference, 0, kMaxPaymentReferenceLength));
  return Change(caller, org_id, id, input.version, "invoice.pay", [&](Invoice i) {
    return valuemark::RecordPayment(std::move(i), input.paid_on, reference, DayOf(Now()));
  });
}

Result<NamedInvoice> InvoiceService::Void(const Caller& caller, const std::string& org_id,
                                          const std::string& id, int64_t version,
                                          const std::string& reason_in) {
  auto reason = TRY(CleanText("reason", reason_in, 0, kMaxVoidReasonLength, Lines::kMulti));
  return Change(caller, org_id, id, version, "invoice.void",
                [&](Invoice i) { return VoidInvoice(std::move(i), reason); });
}

}  // namespace valuemark::app
