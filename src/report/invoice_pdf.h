// An invoice as a one-page PDF (A4 portrait), drawn with cairo: who issues it
// and to whom, its number and dates, the line with its amounts before VAT, the
// VAT and the total, how to pay, and its state (PAID or VOID across it).
#pragma once

#include <string>

#include "core/invoice.h"
#include "core/result.h"

namespace valuemark::report {

struct InvoiceParties {
  std::string issuer;         // the certifying body (membership terms "owner")
  std::string contact;        // where to ask
  std::string payment;        // how payment is arranged, in words
  std::string customer;       // the organisation's name
  std::string customer_area;  // where it works
};

// The PDF's bytes; Internal if cairo fails.
Result<std::string> InvoicePdf(const Invoice& invoice, const InvoiceParties& parties);

}  // namespace valuemark::report
