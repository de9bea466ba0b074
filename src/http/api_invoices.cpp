// The invoice routes (api_invoices.h).
#include "http/api_invoices.h"

#include <fmt/format.h>

#include "formats/invoice_json.h"
#include "formats/records_json.h"
#include "report/invoice_pdf.h"

namespace valuemark::http {
namespace {

void WriteNamedInvoice(JsonWriter& w, const app::NamedInvoice& n) {
  w.BeginObject();
  formats::WriteInvoiceFields(w, n.invoice);
  w.Field("organisation_name", n.organisation_name).Key("decided_by_name");
  formats::WriteOptionalString(
      w, n.decided_by_name.empty() ? std::nullopt : std::optional(n.decided_by_name));
  w.EndObject();
}

Response InvoiceResponse(const Result<app::NamedInvoice>& r) {
  if (!r) return ErrorResponse(r.error());
  JsonWriter w(0);
  WriteNamedInvoice(w, *r);
  return Json(w.Take());
}

}  // namespace

void RegisterInvoiceRoutes(const Routes& routes, app::InvoiceService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  add(Method::kGet, "/invoices",
      {"Every organisation's invoices, newest first; ?state=issued|paid|void narrows them "
       "(administrator)",
       "invoices",
       Auth::kSession,
       "",
       "InvoiceList",
       200,
       0,
       "",
       {},
       {},
       {},
       {"state"}},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.ListAll(c, QueryText(request, "state"));
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), WriteNamedInvoice);
      }));
  add(Method::kGet, "/organisations/{id}/invoices",
      {"The organisation's invoices for its membership and its applications, newest first",
       "invoices", Auth::kSession, "", "InvoiceList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.List(c, request.params["id"]);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), WriteNamedInvoice);
      }));
  add(Method::kGet, "/organisations/{id}/invoices/{invoice_id}",
      {"One invoice; /invoices/{invoice_id}.pdf is the invoice as a PDF, with how to pay",
       "invoices",
       Auth::kSession,
       "",
       "Invoice",
       200,
       0,
       "",
       {},
       {"application/pdf"}},
      authed([&p](Request& request, const app::Caller& c) {
        std::string id = request.params["invoice_id"];
        const bool pdf = id.ends_with(".pdf");
        if (pdf) id.resize(id.size() - 4);
        auto n = p.Get(c, request.params["id"], id);
        if (!pdf || !n) return InvoiceResponse(n);
        const MembershipTerms& t = p.terms();
        auto bytes = report::InvoicePdf(n->invoice, {t.owner, t.contact, t.payment,
                                                     n->organisation_name, n->organisation_area});
        if (!bytes) return ErrorResponse(bytes.error());
        Response r;
        r.content_type = "application/pdf";
        r.headers.emplace_back(
            "Content-Disposition",
            fmt::format("inline; filename=\"invoice-{}.pdf\"", n->invoice.number));
        r.body = std::move(*bytes);
        return r;
      }));
  add(Method::kPost, "/organisations/{id}/invoices/{invoice_id}/payment",
      {"Record that an issued invoice was paid: the day the payment arrived (not before the "
       "invoice, not in the future) and its reference (administrator)",
       "invoices", Auth::kSession, "InvoicePaymentInput", "Invoice"},
      authed([&p](Request& request, const app::Caller& c) {
        app::PaymentInput in;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          in.paid_on = r.String("paid_on", true).value_or("");
          in.reference = r.String("reference").value_or("");
          in.version = r.Integer("version", kVersionFromZero).value_or(0);
        });
        if (!body) return ErrorResponse(body.error());
        return InvoiceResponse(
            p.RecordPayment(c, request.params["id"], request.params["invoice_id"], in));
      }));
  add(Method::kPost, "/organisations/{id}/invoices/{invoice_id}/void",
      {"Void an issued invoice, with the reason the organisation reads (administrator)", "invoices",
       Auth::kSession, "InvoiceVoidInput", "Invoice"},
      authed([&p](Request& request, const app::Caller& c) {
        std::string reason;
        int64_t version = 0;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          reason = r.String("reason", true).value_or("");
          version = r.Integer("version", kVersionFromZero).value_or(0);
        });
        if (!body) return ErrorResponse(body.error());
        return InvoiceResponse(
            p.Void(c, request.params["id"], request.params["invoice_id"], version, reason));
      }));
}

}  // namespace valuemark::http
