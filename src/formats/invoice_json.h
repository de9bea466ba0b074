// The JSON form of an invoice (docs/api.md "Invoices"), for the API and the
// audit trail.
#pragma once

#include "core/invoice.h"
#include "formats/json_writer.h"

namespace valuemark::formats {

// The invoice's own fields, inside an object the caller opened.
void WriteInvoiceFields(JsonWriter& w, const Invoice& invoice);
void WriteInvoice(JsonWriter& w, const Invoice& invoice);

}  // namespace valuemark::formats
