// Invoices (core/invoice.h): a membership is invoiced when it is approved and
// an application when it is first submitted, at the fee quoted then. The
// organisation's members read them and download each as a PDF; an
// administrator records a payment (the day it arrived and its reference) or
// voids an invoice issued in error, with a reason. Each step is audited and
// the representatives are emailed.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/use_cases.h"
#include "core/invoice.h"
#include "core/membership.h"

namespace valuemark::app {

// Issues the invoice for a membership request or an application inside the
// caller's transaction and emails the representatives, unless that request or
// application already has one (a resubmission is not invoiced again).
// Numbers are taken from the year's sequence only for an invoice issued.
Result<void> IssueInvoiceFor(Transaction& tx, const MembershipTerms& terms, const Organisation& org,
                             InvoiceFor subject, const std::string& subject_id,
                             const std::string& description, const FeeQuote& fee,
                             const std::string& public_url, UnixTime now);

struct NamedInvoice {
  Invoice invoice;
  std::string organisation_name;
  std::string organisation_area;
  std::string decided_by_name;  // who recorded the payment or voided it
};

struct PaymentInput {
  std::string paid_on;  // YYYY-MM-DD
  std::string reference;
  int64_t version = 0;  // the version the administrator saw
};

class InvoiceService : public UseCases {
 public:
  InvoiceService(Store& store, const PlatformOptions& options, const MembershipTerms& terms)
      : UseCases(store, options), terms_(terms) {}

  const MembershipTerms& terms() const { return terms_; }

  // An organisation's invoices, newest first (its members and staff).
  Result<std::vector<NamedInvoice>> List(const Caller& caller, const std::string& org_id);
  Result<NamedInvoice> Get(const Caller& caller, const std::string& org_id, const std::string& id);
  // Every organisation's invoices in a state ("" for all), newest first
  // (administrators).
  Result<std::vector<NamedInvoice>> ListAll(const Caller& caller, const std::string& state);
  Result<NamedInvoice> RecordPayment(const Caller& caller, const std::string& org_id,
                                     const std::string& id, const PaymentInput& input);
  Result<NamedInvoice> Void(const Caller& caller, const std::string& org_id, const std::string& id,
                            int64_t version, const std::string& reason);

 private:
  const MembershipTerms& terms_;
  Result<NamedInvoice> Named(Transaction& tx, Invoice invoice);
  Result<NamedInvoice> Change(const Caller& caller, const std::string& org_id,
                              const std::string& id, int64_t version, const char* action,
                              const std::function<Result<Invoice>(Invoice)>& change);
};

}  // namespace valuemark::app
