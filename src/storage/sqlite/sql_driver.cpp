// The SQLite driver of the shared SQL (sql/driver.h), over the connection of
// statement.h: statements prepared once per connection, text and blobs bound
// without a copy.
#include <fmt/format.h>

#include "storage/sqlite/statement.h"

namespace valuemark::storage::sqlite {

namespace {

sqlite3_stmt* Raw(void* h) { return static_cast<sqlite3_stmt*>(h); }

}  // namespace

Result<sql::Connection::Handle> Connection::PrepareCached(const char* sql) {
  if (auto it = cache_.find(sql); it != cache_.end()) return static_cast<Handle>(it->second);
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return Fail(SqliteError(db_, rc, fmt::format("preparing \"{}\"", sql)));
  cache_.emplace(sql, stmt);
  return static_cast<Handle>(stmt);
}

void Connection::Reset(Handle h) {
  sqlite3_reset(Raw(h));
  sqlite3_clear_bindings(Raw(h));
  if (bind_failed_ == h) bind_failed_ = nullptr;
}

void Connection::NoteBind(Handle h, int rc) {
  if (rc != SQLITE_OK && bind_failed_ == nullptr) {
    bind_failed_ = h;
    bind_rc_ = rc;
  }
}

void Connection::BindText(Handle h, int index, std::string_view value) {
  NoteBind(h, sqlite3_bind_text64(Raw(h), index, value.data(), value.size(), SQLITE_STATIC,
                                  SQLITE_UTF8));
}

void Connection::BindBlob(Handle h, int index, std::string_view value) {
  NoteBind(h, sqlite3_bind_blob64(Raw(h), index, value.data(), value.size(), SQLITE_STATIC));
}

void Connection::BindInt(Handle h, int index, int64_t value) {
  NoteBind(h, sqlite3_bind_int64(Raw(h), index, value));
}

void Connection::BindDouble(Handle h, int index, double value) {
  NoteBind(h, sqlite3_bind_double(Raw(h), index, value));
}

void Connection::BindNull(Handle h, int index) { NoteBind(h, sqlite3_bind_null(Raw(h), index)); }

Result<bool> Connection::Step(Handle h) {
  if (bind_failed_ == h) return Fail(SqliteError(db_, bind_rc_, "binding a parameter"));
  const int rc = sqlite3_step(Raw(h));
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Fail(SqliteError(db_, rc, sqlite3_sql(Raw(h))));
}

// Rows changed by the connection's last INSERT, UPDATE or DELETE: the one
// statement stepping.
int64_t Connection::Changes(Handle) { return sqlite3_changes64(db_); }

bool Connection::IsNull(Handle h, int column) {
  return sqlite3_column_type(Raw(h), column) == SQLITE_NULL;
}

int64_t Connection::Int(Handle h, int column) { return sqlite3_column_int64(Raw(h), column); }

double Connection::Double(Handle h, int column) { return sqlite3_column_double(Raw(h), column); }

std::string_view Connection::TextView(Handle h, int column) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(Raw(h), column));
  return {p ? p : "", static_cast<size_t>(sqlite3_column_bytes(Raw(h), column))};
}

std::string Connection::Blob(Handle h, int column) {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(Raw(h), column));
  const int n = sqlite3_column_bytes(Raw(h), column);
  return p != nullptr ? std::string(p, static_cast<size_t>(n)) : std::string();
}

Result<void> Connection::Begin(sql::TxMode mode) {
  static constexpr char kBegin[] = "BEGIN";
  static constexpr char kBeginImmediate[] = "BEGIN IMMEDIATE";
  return TRY(Prepare(mode == sql::TxMode::kWrite ? kBeginImmediate : kBegin)).Run();
}

Result<void> Connection::Commit() {
  static constexpr char kCommit[] = "COMMIT";
  return TRY(Prepare(kCommit)).Run();
}

// A failed COMMIT may already have ended the transaction, hence the check.
void Connection::RollbackIfOpen() {
  static constexpr char kRollback[] = "ROLLBACK";
  if (sqlite3_get_autocommit(db_) != 0) return;
  if (auto st = Prepare(kRollback)) (void)st->Run();
}

}  // namespace valuemark::storage::sqlite
