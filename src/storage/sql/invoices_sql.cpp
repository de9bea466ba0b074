// Invoices for memberships and applications, and the yearly sequence that
// numbers them. The storage port's methods over the driver (transaction.h),
// one SQL text for both back ends (dialect.h).
#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "storage/sql/query.h"
#include "storage/sql/transaction.h"

namespace valuemark::storage::sql {

namespace {

#define VM_INVOICE_COLUMNS                                                                \
  "organisation_id, id, number, subject, subject_id, description, currency, size_band, "  \
  "net_pence, vat_percent, vat_pence, gross_pence, issued_on, due_on, issued_at, state, " \
  "paid_on, payment_reference, void_reason, decided_by, decided_at, version"

constexpr char kInsertInvoice[] =
    "INSERT INTO invoices (" VM_INVOICE_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    "?19, ?20, ?21, ?22) ON CONFLICT DO NOTHING";
constexpr char kFindInvoice[] =
    "SELECT " VM_INVOICE_COLUMNS " FROM invoices WHERE organisation_id = ?1 AND id = ?2";
constexpr char kUpdateInvoice[] =
    "UPDATE invoices SET state = ?3, paid_on = ?4, payment_reference = ?5, void_reason = ?6, "
    "decided_by = ?7, decided_at = ?8, version = version + 1 "
    "WHERE organisation_id = ?1 AND id = ?2 AND version = ?9";
constexpr char kListInvoices[] =
    "SELECT " VM_INVOICE_COLUMNS
    " FROM invoices WHERE organisation_id = ?1 ORDER BY issued_at DESC, number DESC";
constexpr char kListAllInvoices[] =
    "SELECT " VM_INVOICE_COLUMNS
    " FROM invoices WHERE (?1 = '' OR state = ?1) ORDER BY issued_at DESC, number DESC LIMIT ?2";
constexpr char kNextSequence[] =
    "INSERT INTO invoice_sequences (year, last) VALUES (?1, 1) "
    "ON CONFLICT (year) DO UPDATE SET last = invoice_sequences.last + 1 RETURNING last";

#undef VM_INVOICE_COLUMNS

Result<Invoice> InvoiceFromRow(const Statement& st) {
  auto subject = ParseInvoiceFor(st.Text(3));
  if (!subject) return Fail(CorruptRow("invoices.subject", subject.error()));
  auto band = ParseSizeBand(st.Text(7));
  if (!band) return Fail(CorruptRow("invoices.size_band", band.error()));
  auto state = ParseInvoiceState(st.Text(15));
  if (!state) return Fail(CorruptRow("invoices.state", state.error()));
  Invoice i;
  i.organisation_id = st.Text(0);
  i.id = st.Text(1);
  i.number = st.Text(2);
  i.subject = *subject;
  i.subject_id = st.Text(4);
  i.description = st.Text(5);
  i.amount.currency = st.Text(6);
  i.amount.size_band = *band;
  i.amount.net_pence = st.Int(8);
  i.amount.vat_percent = static_cast<int>(st.Int(9));
  i.amount.vat_pence = st.Int(10);
  i.amount.gross_pence = st.Int(11);
  i.issued_on = st.Text(12);
  i.due_on = st.Text(13);
  i.issued_at = st.Int(14);
  i.state = *state;
  i.paid_on = st.Text(16);
  i.payment_reference = st.Text(17);
  i.void_reason = st.Text(18);
  i.decided_by = st.Text(19);
  i.decided_at = st.OptInt(20);
  i.version = st.Int(21);
  return i;
}

}  // namespace

Result<void> SqlTransaction::InsertInvoice(const Invoice& i) {
  auto st = TRY(c_.Prepared(kInsertInvoice));
  st.BindText(1, i.organisation_id).BindText(2, i.id).BindText(3, i.number);
  st.BindText(4, Name(i.subject)).BindText(5, i.subject_id).BindText(6, i.description);
  st.BindText(7, i.amount.currency).BindText(8, Name(i.amount.size_band));
  st.BindInt(9, i.amount.net_pence).BindInt(10, i.amount.vat_percent);
  st.BindInt(11, i.amount.vat_pence).BindInt(12, i.amount.gross_pence);
  st.BindText(13, i.issued_on).BindText(14, i.due_on).BindInt(15, i.issued_at);
  st.BindText(16, Name(i.state)).BindText(17, i.paid_on).BindText(18, i.payment_reference);
  st.BindText(19, i.void_reason).BindText(20, i.decided_by).BindOptInt(21, i.decided_at);
  st.BindInt(22, i.version);
  return RunInsert(st, "an invoice for this membership or application");
}

Result<std::optional<Invoice>> SqlTransaction::FindInvoice(const std::string& organisation_id,
                                                           const std::string& id) {
  auto st = TRY(c_.Prepared(kFindInvoice));
  st.BindText(1, organisation_id).BindText(2, id);
  return QueryOne(st, InvoiceFromRow);
}

Result<void> SqlTransaction::UpdateInvoice(const Invoice& i) {
  auto st = TRY(c_.Prepared(kUpdateInvoice));
  st.BindText(1, i.organisation_id).BindText(2, i.id).BindText(3, Name(i.state));
  st.BindText(4, i.paid_on).BindText(5, i.payment_reference).BindText(6, i.void_reason);
  st.BindText(7, i.decided_by).BindOptInt(8, i.decided_at).BindInt(9, i.version);
  TRY(st.Run());
  if (st.Changes() == 1) return {};
  return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                          "someone else changed this invoice first: reload it"));
}

Result<std::vector<Invoice>> SqlTransaction::ListInvoices(const std::string& organisation_id) {
  auto st = TRY(c_.Prepared(kListInvoices));
  st.BindText(1, organisation_id);
  return QueryAll(st, InvoiceFromRow);
}

Result<std::vector<Invoice>> SqlTransaction::ListAllInvoices(const std::string& state, int limit) {
  const int64_t checked = TRY(CheckLimit(limit));
  auto st = TRY(c_.Prepared(kListAllInvoices));
  st.BindText(1, state).BindInt(2, checked);
  return QueryAll(st, InvoiceFromRow);
}

Result<int64_t> SqlTransaction::NextInvoiceSequence(int year) {
  auto st = TRY(c_.Prepared(kNextSequence));
  st.BindInt(1, year);
  if (!TRY(st.Step()))
    return Fail(Error::Make(ErrorCode::kInternal, "the invoice sequence returned no number"));
  return st.Int(0);
}

}  // namespace valuemark::storage::sql
