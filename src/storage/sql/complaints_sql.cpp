// Complaints about certified organisations and their investigation.
// The storage port's methods over the driver (transaction.h), one SQL text
// for both back ends (dialect.h).
#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "storage/sql/query.h"
#include "storage/sql/transaction.h"

namespace valuemark::storage::sql {

namespace {

#define VM_COMPLAINT_COLUMNS                                                                 \
  "organisation_id, id, certificate_id, complainant_name, complainant_email, text, "         \
  "received_at, state, asked_at, respond_by, response, responded_by, responded_at, action, " \
  "reasons, decided_by, decided_at, version"

constexpr char kInsertComplaint[] =
    "INSERT INTO complaints (" VM_COMPLAINT_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) "
    "ON CONFLICT DO NOTHING";
constexpr char kFindComplaint[] = "SELECT " VM_COMPLAINT_COLUMNS " FROM complaints WHERE id = ?1";
constexpr char kUpdateComplaint[] =
    "UPDATE complaints SET state = ?3, asked_at = ?4, respond_by = ?5, response = ?6, "
    "responded_by = ?7, responded_at = ?8, action = ?9, reasons = ?10, decided_by = ?11, "
    "decided_at = ?12, version = version + 1 "
    "WHERE organisation_id = ?1 AND id = ?2 AND version = ?13";
constexpr char kListComplaints[] =
    "SELECT " VM_COMPLAINT_COLUMNS
    " FROM complaints WHERE organisation_id = ?1 ORDER BY received_at DESC, id DESC";
constexpr char kListOpenComplaints[] =
    "SELECT " VM_COMPLAINT_COLUMNS
    " FROM complaints WHERE state NOT IN ('upheld', 'dismissed') ORDER BY received_at, id";

#undef VM_COMPLAINT_COLUMNS

Result<Complaint> ComplaintFromRow(const Statement& st) {
  auto state = ParseComplaintState(st.Text(7));
  if (!state) return Fail(CorruptRow("complaints.state", state.error()));
  auto action = ParseComplaintAction(st.Text(13));
  if (!action) return Fail(CorruptRow("complaints.action", action.error()));
  Complaint c;
  c.organisation_id = st.Text(0);
  c.id = st.Text(1);
  c.certificate_id = st.Text(2);
  c.complainant_name = st.Text(3);
  c.complainant_email = st.Text(4);
  c.text = st.Text(5);
  c.received_at = st.Int(6);
  c.state = *state;
  c.asked_at = st.OptInt(8);
  c.respond_by = st.Text(9);
  c.response = st.Text(10);
  c.responded_by = st.Text(11);
  c.responded_at = st.OptInt(12);
  c.action = *action;
  c.reasons = st.Text(14);
  c.decided_by = st.Text(15);
  c.decided_at = st.OptInt(16);
  c.version = st.Int(17);
  return c;
}

}  // namespace

Result<void> SqlTransaction::InsertComplaint(const Complaint& c) {
  auto st = TRY(c_.Prepared(kInsertComplaint));
  st.BindText(1, c.organisation_id).BindText(2, c.id).BindText(3, c.certificate_id);
  st.BindText(4, c.complainant_name).BindText(5, c.complainant_email).BindText(6, c.text);
  st.BindInt(7, c.received_at).BindText(8, Name(c.state)).BindOptInt(9, c.asked_at);
  st.BindText(10, c.respond_by).BindText(11, c.response).BindText(12, c.responded_by);
  st.BindOptInt(13, c.responded_at).BindText(14, Name(c.action)).BindText(15, c.reasons);
  st.BindText(16, c.decided_by).BindOptInt(17, c.decided_at).BindInt(18, c.version);
  return RunInsert(st, "a complaint with this id");
}

Result<std::optional<Complaint>> SqlTransaction::FindComplaint(const std::string& id) {
  auto st = TRY(c_.Prepared(kFindComplaint));
  st.BindText(1, id);
  return QueryOne(st, ComplaintFromRow);
}

Result<void> SqlTransaction::UpdateComplaint(const Complaint& c) {
  auto st = TRY(c_.Prepared(kUpdateComplaint));
  st.BindText(1, c.organisation_id).BindText(2, c.id).BindText(3, Name(c.state));
  st.BindOptInt(4, c.asked_at).BindText(5, c.respond_by).BindText(6, c.response);
  st.BindText(7, c.responded_by).BindOptInt(8, c.responded_at).BindText(9, Name(c.action));
  st.BindText(10, c.reasons).BindText(11, c.decided_by).BindOptInt(12, c.decided_at);
  st.BindInt(13, c.version);
  TRY(st.Run());
  if (st.Changes() == 1) return {};
  return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                          "someone else changed this complaint first: reload it"));
}

Result<std::vector<Complaint>> SqlTransaction::ListComplaints(const std::string& organisation_id) {
  auto st = TRY(c_.Prepared(kListComplaints));
  st.BindText(1, organisation_id);
  return QueryAll(st, ComplaintFromRow);
}

Result<std::vector<Complaint>> SqlTransaction::ListOpenComplaints() {
  auto st = TRY(c_.Prepared(kListOpenComplaints));
  return QueryAll(st, ComplaintFromRow);
}

}  // namespace valuemark::storage::sql
