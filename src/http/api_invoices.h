// The invoice routes (docs/api.md "Invoices"): an organisation's invoices
// and each as a PDF, the administrators' list, and recording a payment or
// voiding an invoice.
#pragma once

#include "app/certification/invoices.h"
#include "http/api_helpers.h"

namespace valuemark::http {

void RegisterInvoiceRoutes(const Routes& routes, app::InvoiceService& invoices);

}  // namespace valuemark::http
