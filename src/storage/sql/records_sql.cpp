// Measure-and-manage records (migration 4): every version of an impact map, value-bank proxy,
// pledge or decision. The storage port's methods over the driver (transaction.h), one SQL text for
// both back ends (dialect.h).
#include <fmt/format.h>

#include <charconv>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "storage/sql/query.h"
#include "storage/sql/transaction.h"

namespace valuemark::storage::sql {

namespace {

#define VM_RECORD_COLUMNS \
  "organisation_id, kind, id, version, scope_id, title, body, created_by, created_at"

constexpr char kInsertRecordVersion[] =
    "INSERT INTO records (" VM_RECORD_COLUMNS
    ", body_bytes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING";
constexpr char kFindRecordLatest[] =
    "SELECT " VM_RECORD_COLUMNS
    " FROM records WHERE organisation_id = ?1 AND kind = ?2 AND id = ?3 "
    "ORDER BY version DESC LIMIT 1";
constexpr char kFindRecordVersion[] =
    "SELECT " VM_RECORD_COLUMNS
    " FROM records WHERE organisation_id = ?1 AND kind = ?2 AND id = ?3 AND version = ?4";
constexpr char kFindRecordOrganisation[] =
    "SELECT organisation_id FROM records WHERE kind = ?1 AND id = ?2 LIMIT 1";
constexpr char kListRecords[] =
    "SELECT " VM_RECORD_COLUMNS
    " FROM records r WHERE organisation_id = ?1 AND kind = ?2 AND version = "
    "(SELECT MAX(version) FROM records v WHERE v.organisation_id = r.organisation_id AND v.kind "
    "= r.kind "
    "AND v.id = r.id) ORDER BY title COLLATE BINARY, id";
constexpr char kListRecordVersions[] =
    "SELECT organisation_id, kind, id, version, scope_id, title, '', created_by, created_at FROM "
    "records "
    "WHERE organisation_id = ?1 AND kind = ?2 AND id = ?3 ORDER BY version DESC";

#undef VM_RECORD_COLUMNS

Result<app::RecordVersion> RecordFromRow(const Statement& st) {
  return app::RecordVersion{st.Text(0), st.Text(1), st.Text(2), st.Int(3), st.Text(4),
                            st.Text(5), st.Text(6), st.Text(7), st.Int(8)};
}

}  // namespace

Result<void> SqlTransaction::InsertRecordVersion(const app::RecordVersion& r) {
  auto st = TRY(c_.Prepared(kInsertRecordVersion));
  st.BindText(1, r.organisation_id).BindText(2, r.kind).BindText(3, r.id).BindInt(4, r.version);
  st.BindText(5, r.scope_id).BindText(6, r.title).BindText(7, r.body).BindText(8, r.created_by);
  // The body's size in bytes, for the quotas (as SQLite's length(CAST(body AS
  // BLOB)) and PostgreSQL's octet_length(body) read it).
  st.BindInt(9, r.created_at).BindInt(10, static_cast<int64_t>(r.body.size()));
  return RunInsert(st, "this version of the record");
}

Result<std::optional<app::RecordVersion>> SqlTransaction::FindRecord(
    const std::string& organisation_id, const std::string& kind, const std::string& id,
    int64_t version) {
  auto st = TRY(c_.Prepared(version == 0 ? kFindRecordLatest : kFindRecordVersion));
  st.BindText(1, organisation_id).BindText(2, kind).BindText(3, id);
  if (version != 0) st.BindInt(4, version);
  return QueryOne(st, RecordFromRow);
}

Result<std::optional<std::string>> SqlTransaction::FindRecordOrganisation(const std::string& kind,
                                                                          const std::string& id) {
  auto st = TRY(c_.Prepared(kFindRecordOrganisation));
  st.BindText(1, kind).BindText(2, id);
  return QueryOne(st, TextFromRow);
}

Result<std::vector<app::RecordVersion>> SqlTransaction::ListRecords(
    const std::string& organisation_id, const std::string& kind) {
  auto st = TRY(c_.Prepared(kListRecords));
  st.BindText(1, organisation_id).BindText(2, kind);
  return QueryAll(st, RecordFromRow);
}

Result<std::vector<app::RecordVersion>> SqlTransaction::ListRecordVersions(
    const std::string& organisation_id, const std::string& kind, const std::string& id) {
  auto st = TRY(c_.Prepared(kListRecordVersions));
  st.BindText(1, organisation_id).BindText(2, kind).BindText(3, id);
  return QueryAll(st, RecordFromRow);
}

}  // namespace valuemark::storage::sql
