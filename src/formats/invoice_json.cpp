#include "formats/invoice_json.h"

#include "formats/records_json.h"
#include "formats/scheme_json.h"

namespace valuemark::formats {

void WriteInvoiceFields(JsonWriter& w, const Invoice& i) {
  w.Field("id", i.id)
      .Field("organisation_id", i.organisation_id)
      .Field("number", i.number)
      .Field("subject", Name(i.subject))
      .Field("subject_id", i.subject_id)
      .Field("description", i.description)
      .Key("amount");
  WriteFeeQuote(w, i.amount);
  w.Field("issued_on", i.issued_on).Field("due_on", i.due_on).Field("state", Name(i.state));
  w.Key("paid_on");
  WriteOptionalString(w, i.paid_on.empty() ? std::nullopt : std::optional(i.paid_on));
  w.Field("payment_reference", i.payment_reference)
      .Field("void_reason", i.void_reason)
      .Field("version", i.version);
}

void WriteInvoice(JsonWriter& w, const Invoice& i) {
  w.BeginObject();
  WriteInvoiceFields(w, i);
  w.EndObject();
}

}  // namespace valuemark::formats
