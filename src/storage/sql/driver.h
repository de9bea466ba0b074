// Internal to src/storage: the little a back end must do for the shared SQL
// of sql/*_sql.cpp to run on it. A driver connection prepares a statement
// once (cached for the connection's life, keyed by the address of its text),
// binds parameters, steps through rows and reads columns, and opens and ends
// transactions. SQLite (sqlite/sql_driver.cpp) and libpq
// (postgres/sql_driver.cpp) implement it; the SQL text is written once, in
// SQLite's spelling, and the PostgreSQL driver rewrites it (dialect.h).
//
// Thread-safety: a connection is used by one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/result.h"

namespace valuemark::storage::sql {

class Statement;

// Every row of a statement's run, when the driver holds them all in memory
// (libpq hands over a result whole; SQLite steps through the database): read
// by index, from several threads at once, while the statement lives and is
// not stepped.
class HeldRows {
 public:
  virtual ~HeldRows() = default;
  virtual int64_t Count() const = 0;
  virtual int64_t Int(int64_t row, int column) const = 0;
  virtual std::string_view TextView(int64_t row, int column) const = 0;
};

// What a transaction may do: kRead sees one snapshot and writes nothing.
enum class TxMode { kRead, kWrite };

class Connection {
 public:
  using Handle = void*;  // the driver's own statement

  virtual ~Connection() = default;

  // A prepared statement for `sql`, cached for the connection's life and
  // keyed by the address of `sql`: pass string literals or kConstants only.
  Result<Statement> Prepared(const char* sql);

  // The transaction hooks.
  virtual Result<void> Begin(TxMode mode) = 0;
  virtual Result<void> Commit() = 0;
  // Ends a transaction that will not commit, if one is open.
  virtual void RollbackIfOpen() = 0;

 protected:
  friend class Statement;

  virtual Result<Handle> PrepareCached(const char* sql) = 0;
  // Forgets the bindings and the rows of a statement handed back.
  virtual void Reset(Handle h) = 0;
  // Parameters are 1-based. Text and blobs may be bound without a copy: the
  // bytes must outlive the statement's use (Statement refuses temporaries).
  virtual void BindText(Handle h, int index, std::string_view value) = 0;
  virtual void BindBlob(Handle h, int index, std::string_view value) = 0;
  virtual void BindInt(Handle h, int index, int64_t value) = 0;
  virtual void BindDouble(Handle h, int index, double value) = 0;
  virtual void BindNull(Handle h, int index) = 0;
  virtual Result<bool> Step(Handle h) = 0;
  // Statement::RunLater. This default runs the statement at once.
  virtual Result<void> RunLater(Handle h, std::optional<Error> if_unchanged);
  // Statement::SendAhead. This default sends nothing: Step() runs it.
  virtual Result<void> SendAhead(Handle) { return {}; }
  virtual int64_t Changes(Handle h) = 0;
  virtual bool IsNull(Handle h, int column) = 0;
  virtual int64_t Int(Handle h, int column) = 0;
  virtual double Double(Handle h, int column) = 0;
  virtual std::string_view TextView(Handle h, int column) = 0;
  virtual std::string Blob(Handle h, int column) = 0;
  // After the first Step(): the rows of the run if the driver holds them all.
  virtual const HeldRows* Held(Handle) { return nullptr; }
};

// What a driver's connection declares to implement the protected part of
// Connection, written once.
#define VM_SQL_DRIVER_OVERRIDES                                        \
  Result<Handle> PrepareCached(const char* sql) override;              \
  void Reset(Handle h) override;                                       \
  void BindText(Handle h, int index, std::string_view value) override; \
  void BindBlob(Handle h, int index, std::string_view value) override; \
  void BindInt(Handle h, int index, int64_t value) override;           \
  void BindDouble(Handle h, int index, double value) override;         \
  void BindNull(Handle h, int index) override;                         \
  Result<bool> Step(Handle h) override;                                \
  int64_t Changes(Handle h) override;                                  \
  bool IsNull(Handle h, int column) override;                          \
  int64_t Int(Handle h, int column) override;                          \
  double Double(Handle h, int column) override;                        \
  std::string_view TextView(Handle h, int column) override;            \
  std::string Blob(Handle h, int column) override;

// A cached statement lent to one caller; when it ends it is reset, so that it
// holds no lock, no rows and no pointer to the caller's strings.
class Statement {
 public:
  Statement(Connection* c, Connection::Handle h) : c_(c), h_(h) {}
  Statement(Statement&& other) noexcept : c_(other.c_), h_(std::exchange(other.h_, nullptr)) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;
  ~Statement() {
    if (h_ != nullptr) c_->Reset(h_);
  }

  Statement& BindText(int index, const std::string& value) {
    c_->BindText(h_, index, value);
    return *this;
  }
  Statement& BindText(int index, std::string&&) = delete;
  Statement& BindText(int index, const char* static_value) {  // e.g. an enum's Name()
    c_->BindText(h_, index, std::string_view(static_value));
    return *this;
  }
  // Bytes as a BLOB (SQLite) or BYTEA (PostgreSQL): any byte values.
  Statement& BindBlob(int index, const std::string& value) {
    c_->BindBlob(h_, index, value);
    return *this;
  }
  Statement& BindBlob(int index, std::string&&) = delete;
  Statement& BindInt(int index, int64_t value) {
    c_->BindInt(h_, index, value);
    return *this;
  }
  Statement& BindDouble(int index, double value) {
    c_->BindDouble(h_, index, value);
    return *this;
  }
  Statement& BindNull(int index) {
    c_->BindNull(h_, index);
    return *this;
  }
  Statement& BindOptText(int index, const std::optional<std::string>& value) {
    return value ? BindText(index, *value) : BindNull(index);
  }
  Statement& BindOptText(int index, std::optional<std::string>&&) = delete;
  Statement& BindOptInt(int index, const std::optional<int64_t>& value) {
    return value ? BindInt(index, *value) : BindNull(index);
  }

  // true: a row is available; false: done.
  Result<bool> Step() { return c_->Step(h_); }
  // Steps to the end, for statements that return no rows.
  Result<void> Run();
  // Runs a statement that returns no rows and whose only outcome is done or
  // failed; with `if_unchanged`, changing no row fails it with that error. A
  // driver may send it with the next statement that returns rows, or with
  // COMMIT (PostgreSQL: in one round trip with them, not one of its own); its
  // failure then fails that statement, and the transaction. Changes() is not
  // known after it.
  Result<void> RunLater(std::optional<Error> if_unchanged = std::nullopt) {
    return c_->RunLater(h_, std::move(if_unchanged));
  }
  // Asks for this statement's rows before its first Step(), bound as it is
  // now: a driver may send it with the next statement that must be answered
  // (PostgreSQL: in one round trip with it, after what RunLater queued), so
  // that two reads cost one round trip. Step() then reads the rows kept. If
  // the round trip fails, that statement fails, and the transaction with it.
  Result<void> SendAhead() { return c_->SendAhead(h_); }
  // Rows changed by this INSERT, UPDATE or DELETE.
  int64_t Changes() const { return c_->Changes(h_); }

  bool IsNull(int column) const { return c_->IsNull(h_, column); }
  int64_t Int(int column) const { return c_->Int(h_, column); }
  double Double(int column) const { return c_->Double(h_, column); }
  // The text of a column without a copy, valid until the next Step().
  std::string_view TextView(int column) const { return c_->TextView(h_, column); }
  std::string Text(int column) const { return std::string(TextView(column)); }
  std::string Blob(int column) const { return c_->Blob(h_, column); }
  // Every row of the run, after the first Step(), when the driver holds them
  // all (HeldRows); nullptr when rows come one Step() at a time.
  const HeldRows* Held() const { return c_->Held(h_); }
  std::optional<std::string> OptText(int column) const {
    if (IsNull(column)) return std::nullopt;
    return Text(column);
  }
  std::optional<int64_t> OptInt(int column) const {
    if (IsNull(column)) return std::nullopt;
    return Int(column);
  }

 private:
  Connection* c_;
  Connection::Handle h_;
};

inline Result<Statement> Connection::Prepared(const char* sql) {
  auto h = PrepareCached(sql);
  if (!h) return Fail(std::move(h.error()));
  return Statement(this, *h);
}

inline Result<void> Connection::RunLater(Handle h, std::optional<Error> if_unchanged) {
  while (true) {
    auto row = Step(h);
    if (!row) return Fail(std::move(row.error()));
    if (!*row) break;
  }
  if (if_unchanged && Changes(h) == 0) return Fail(std::move(*if_unchanged));
  return {};
}

inline Result<void> Statement::Run() {
  while (true) {
    auto row = Step();
    if (!row) return Fail(std::move(row.error()));
    if (!*row) return {};
  }
}

}  // namespace valuemark::storage::sql
