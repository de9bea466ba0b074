// Membership requests and the administrators' decisions.
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

#define VM_REQUEST_COLUMNS                                                              \
  "organisation_id, id, kind, state, staff, turnover_pence, size_band, fee_net_pence, " \
  "fee_vat_percent, requested_by, requested_at, decided_by, decided_at, reason, version"

constexpr char kInsertRequest[] =
    "INSERT INTO membership_requests (" VM_REQUEST_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) "
    "ON CONFLICT DO NOTHING";
constexpr char kFindRequest[] =
    "SELECT " VM_REQUEST_COLUMNS " FROM membership_requests WHERE organisation_id = ?1 AND id = ?2";
constexpr char kUpdateRequest[] =
    "UPDATE membership_requests SET state = ?3, decided_by = ?4, decided_at = ?5, reason = ?6, "
    "version = version + 1 WHERE organisation_id = ?1 AND id = ?2 AND version = ?7";
constexpr char kListRequests[] =
    "SELECT " VM_REQUEST_COLUMNS
    " FROM membership_requests WHERE organisation_id = ?1 ORDER BY requested_at DESC, id DESC";
constexpr char kListPending[] =
    "SELECT " VM_REQUEST_COLUMNS
    " FROM membership_requests WHERE state = 'pending' ORDER BY requested_at, organisation_id";

#undef VM_REQUEST_COLUMNS

Result<MembershipRequest> RequestFromRow(const Statement& st) {
  auto kind = ParseMembershipRequestKind(st.Text(2));
  if (!kind) return Fail(CorruptRow("membership_requests.kind", kind.error()));
  auto state = ParseMembershipRequestState(st.Text(3));
  if (!state) return Fail(CorruptRow("membership_requests.state", state.error()));
  auto band = ParseSizeBand(st.Text(6));
  if (!band) return Fail(CorruptRow("membership_requests.size_band", band.error()));
  MembershipRequest r;
  r.organisation_id = st.Text(0);
  r.id = st.Text(1);
  r.kind = *kind;
  r.state = *state;
  r.staff = st.Int(4);
  r.turnover_pence = st.Int(5);
  r.size_band = *band;
  r.fee.currency = "GBP";
  r.fee.size_band = *band;
  r.fee.net_pence = st.Int(7);
  r.fee.vat_percent = static_cast<int>(st.Int(8));
  r.fee.vat_pence = (r.fee.net_pence * r.fee.vat_percent + 50) / 100;
  r.fee.gross_pence = r.fee.net_pence + r.fee.vat_pence;
  r.requested_by = st.Text(9);
  r.requested_at = st.Int(10);
  r.decided_by = st.Text(11);
  r.decided_at = st.OptInt(12);
  r.reason = st.Text(13);
  r.version = st.Int(14);
  return r;
}

}  // namespace

Result<void> SqlTransaction::InsertMembershipRequest(const MembershipRequest& r) {
  auto st = TRY(c_.Prepared(kInsertRequest));
  st.BindText(1, r.organisation_id).BindText(2, r.id).BindText(3, Name(r.kind));
  st.BindText(4, Name(r.state)).BindInt(5, r.staff).BindInt(6, r.turnover_pence);
  st.BindText(7, Name(r.size_band)).BindInt(8, r.fee.net_pence).BindInt(9, r.fee.vat_percent);
  st.BindText(10, r.requested_by).BindInt(11, r.requested_at).BindText(12, r.decided_by);
  st.BindOptInt(13, r.decided_at).BindText(14, r.reason).BindInt(15, r.version);
  return RunInsert(st, "a pending membership request");
}

Result<std::optional<MembershipRequest>> SqlTransaction::FindMembershipRequest(
    const std::string& organisation_id, const std::string& id) {
  auto st = TRY(c_.Prepared(kFindRequest));
  st.BindText(1, organisation_id).BindText(2, id);
  return QueryOne(st, RequestFromRow);
}

Result<void> SqlTransaction::UpdateMembershipRequest(const MembershipRequest& r) {
  auto st = TRY(c_.Prepared(kUpdateRequest));
  st.BindText(1, r.organisation_id).BindText(2, r.id).BindText(3, Name(r.state));
  st.BindText(4, r.decided_by).BindOptInt(5, r.decided_at).BindText(6, r.reason);
  st.BindInt(7, r.version);
  TRY(st.Run());
  if (st.Changes() == 1) return {};
  return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                          "the membership request was decided by someone else: reload it"));
}

Result<std::vector<MembershipRequest>> SqlTransaction::ListMembershipRequests(
    const std::string& organisation_id) {
  auto st = TRY(c_.Prepared(kListRequests));
  st.BindText(1, organisation_id);
  return QueryAll(st, RequestFromRow);
}

Result<std::vector<MembershipRequest>> SqlTransaction::ListPendingMembershipRequests() {
  auto st = TRY(c_.Prepared(kListPending));
  return QueryAll(st, RequestFromRow);
}

}  // namespace valuemark::storage::sql
