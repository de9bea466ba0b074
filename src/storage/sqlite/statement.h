// Internal to src/storage/sqlite: a SQLite connection with a per-connection
// cache of prepared statements, and a borrowed statement that resets itself.
// Not a public header (it includes sqlite3.h); only sqlite/*.cpp include it.
//
// Thread-safety: a Connection is used by one thread at a time (the store
// guarantees it: the writer behind a mutex, one reader per thread), so it is
// opened with SQLITE_OPEN_NOMUTEX and does no locking of its own.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.h"
#include "storage/sql/driver.h"

namespace valuemark::storage::sqlite {

// Maps SQLite's result codes onto the port's error codes: unique and primary
// key violations are AlreadyExists, foreign keys and triggers
// FailedPrecondition, a busy or unreachable file Unavailable, the rest Internal.
Error SqliteError(sqlite3* db, int rc, std::string_view context);

// A cached statement lent to one caller; on destruction it is reset and its
// bindings cleared so that it holds no read lock and no pointer to the
// caller's strings.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& other) noexcept
      : db_(other.db_), stmt_(other.stmt_), bind_rc_(other.bind_rc_) {
    other.stmt_ = nullptr;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Parameters are 1-based. Text is bound without a copy (SQLITE_STATIC), so
  // it must outlive the statement: temporaries are refused at compile time.
  Statement& BindText(int index, const std::string& value);
  Statement& BindText(int index, std::string&&) = delete;
  Statement& BindText(int index, const char* static_value);  // e.g. an enum's Name()
  Statement& BindInt(int index, int64_t value);
  // Bytes as a BLOB (any byte values), bound without a copy like text.
  Statement& BindBlob(int index, const std::string& value);
  Statement& BindBlob(int index, std::string&&) = delete;
  Statement& BindOptText(int index, const std::optional<std::string>& value);
  Statement& BindOptText(int index, std::optional<std::string>&&) = delete;
  Statement& BindOptInt(int index, const std::optional<int64_t>& value);

  // true: a row is available; false: done.
  Result<bool> Step();
  // Steps to the end, for statements that return no rows.
  Result<void> Run();
  // Rows changed by the last INSERT, UPDATE or DELETE on this connection.
  int64_t Changes() const { return sqlite3_changes64(db_); }

  std::string Text(int column) const;
  int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::optional<std::string> OptText(int column) const;
  std::string Blob(int column) const;  // a BLOB column's bytes
  std::optional<int64_t> OptInt(int column) const;
  // The text of a column without a copy, valid until the next Step().
  std::string_view TextView(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return {p ? p : "", static_cast<size_t>(sqlite3_column_bytes(stmt_, column))};
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int bind_rc_ = SQLITE_OK;  // the first binding error, reported by Step()
};

enum class OpenMode { kReadWrite, kReadOnly };

// Also the SQLite driver of the shared SQL (sql/driver.h; sql_driver.cpp).
class Connection final : public sql::Connection {
 public:
  // Opens (creating it in kReadWrite mode) and configures the connection:
  // WAL, synchronous=FULL, foreign keys, a busy timeout, no mmap.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, OpenMode mode);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A prepared statement for `sql`, cached for the connection's life and keyed
  // by the address of `sql`: pass string literals or kConstants only.
  Result<Statement> Prepare(const char* sql);
  // Runs SQL text without parameters (migration scripts); not cached.
  Result<void> ExecScript(const char* sql);

  sqlite3* db() const { return db_; }

  // The transaction hooks: kRead is BEGIN, kWrite BEGIN IMMEDIATE (the write
  // lock taken at once, so another process's writer makes us wait in
  // busy_timeout here rather than fail half-way through).
  Result<void> Begin(sql::TxMode mode) override;
  Result<void> Commit() override;
  void RollbackIfOpen() override;

 protected:
  VM_SQL_DRIVER_OVERRIDES

 private:
  void NoteBind(Handle h, int rc);

  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<const char*, sqlite3_stmt*> cache_;
  // The first binding error of a statement being bound, reported by Step().
  Handle bind_failed_ = nullptr;
  int bind_rc_ = SQLITE_OK;
};

}  // namespace valuemark::storage::sqlite
