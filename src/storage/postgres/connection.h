// Internal to src/storage/postgres: a libpq connection with a per-connection
// cache of prepared statements (its shared-SQL driver), results, and the pool
// the store draws connections from. Not a public header (it includes
// libpq-fe.h); only postgres/*.cpp include it.
#pragma once

#include <libpq-fe.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "storage/sql/driver.h"

namespace valuemark::storage::postgres {

// The result of one statement; rows are read as text.
class PgResult {
 public:
  explicit PgResult(PGresult* result) : result_(result, PQclear) {}
  int rows() const { return PQntuples(result_.get()); }
  bool IsNull(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
  std::string Text(int row, int column) const;
  int64_t Int(int row, int column) const;
  std::optional<std::string> OptText(int row, int column) const;
  std::optional<int64_t> OptInt(int row, int column) const;
  // A BYTEA column (read as text, in PostgreSQL's hex form) as its bytes.
  std::string Bytes(int row, int column) const;
  // Rows changed by an INSERT, UPDATE or DELETE.
  int64_t Changes() const;
  std::string CommandStatus() const { return PQcmdStatus(result_.get()); }
  PGresult* raw() const { return result_.get(); }

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> result_;
};

// Maps a failed result (or a broken connection) onto the port's error codes:
// SQLSTATE 23505 is AlreadyExists, 23503 (foreign key) and P0001 (a trigger's
// RAISE) FailedPrecondition, connection failures and class 08/53/57P
// Unavailable, the rest Internal.
Error PgError(PGconn* conn, const PGresult* result, std::string_view context);

// The rows of a result, read by index from any thread (PQgetvalue only reads).
class PgHeldRows final : public sql::HeldRows {
 public:
  explicit PgHeldRows(const PGresult* result) : result_(result) {}
  int64_t Count() const override { return PQntuples(result_); }
  int64_t Int(int64_t row, int column) const override;
  std::string_view TextView(int64_t row, int column) const override;

 private:
  const PGresult* result_;
};

// A statement's parameters, as libpq takes them: text or binary, or NULL.
struct PgParams {
  std::vector<std::string> values;
  std::vector<char> null;
  std::vector<int> formats;  // 0 text, 1 binary
  // The parameter at `index` (1-based), made room for.
  void Set(int index, std::string_view value, bool is_null, int format);
  void Clear();
};

// One shared statement on one connection: its PostgreSQL text, the
// parameters bound for its next run and the rows of its last.
struct PgStatement {
  std::string text;
  PgParams params;
  std::optional<PgResult> result;
  std::optional<PgHeldRows> held;  // of result, once asked for
  int row = -1;                    // the row Step() is on; -1 before the run
  bool ahead = false;              // sent ahead (SendAhead): result comes with a round trip
  uint64_t lent = 0;               // counts the loans (Reset): a result kept is for this one
};

// Also the PostgreSQL driver of the shared SQL (sql/driver.h; sql_driver.cpp):
// each statement is rewritten for PostgreSQL (sql/dialect.h) and prepared once
// per connection (PQprepare), then run with PQexecPrepared.
class PgConnection final : public sql::Connection {
 public:
  // Connects with a URL or key=value conninfo. Unavailable when the server
  // cannot be reached or refuses us.
  static Result<std::unique_ptr<PgConnection>> Connect(const std::string& conninfo);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs SQL text without parameters (BEGIN, COMMIT, migration scripts).
  Result<PgResult> ExecScript(const char* sql);
  // Forgets the prepared statements (after a migration changed the schema).
  Result<void> DeallocateAll();

  // The transaction hooks: kRead is REPEATABLE READ READ ONLY, one snapshot;
  // kWrite READ COMMITTED, each statement seeing the latest commits. Commit
  // fails when the server rolled the transaction back.
  //
  // BEGIN is not a round trip of its own: it goes with the transaction's
  // first statement, as the statements run later (RunLater) go with the next
  // that returns rows or with COMMIT, in one pipeline (libpq's pipeline mode).
  // A transaction that ran no statement costs no round trip at all. Begin
  // fails (Unavailable, and IsBroken) when the server has closed the
  // connection while it was idle (a restart, an idle timeout): nothing was
  // done, so the pool may try another connection.
  Result<void> Begin(sql::TxMode mode) override;
  Result<void> Commit() override;
  void RollbackIfOpen() override;
  // The first statement that failed in this transaction: PostgreSQL then
  // refuses every other statement of the transaction, which can only roll back.
  const std::optional<Error>& first_error() const { return first_error_; }

  // Sends the statements queued by RunLater now, if there are any (one round
  // trip; a BEGIN not yet sent may wait for the next statement).
  Result<void> SendQueued();
  // After a statement failed inside a savepoint: `sql` (ROLLBACK TO
  // SAVEPOINT …) makes the transaction usable again, and the failure is
  // forgotten.
  Result<void> RollbackToSavepoint(const char* sql);

  bool IsBroken() const { return broken_ || PQstatus(conn_) != CONNECTION_OK; }
  bool IsIdle() const { return PQtransactionStatus(conn_) == PQTRANS_IDLE; }
  PGconn* raw() const { return conn_; }

  uint64_t schema_generation = 0;  // of the pool, when the cache was last cleared

 protected:
  VM_SQL_DRIVER_OVERRIDES
  const sql::HeldRows* Held(Handle h) override;
  Result<void> RunLater(Handle h, std::optional<Error> if_unchanged) override;
  Result<void> SendAhead(Handle h) override;

 private:
  // A statement to send: prepared (`text` is then its key in prepared_) with
  // these parameters, or, without them, a command.
  struct Call {
    const char* text = nullptr;
    const PgParams* params = nullptr;
  };
  // A statement run later, with a copy of its parameters; one sent ahead
  // keeps its result in `keep` if that is still the same loan.
  struct Queued {
    const char* text;
    PgParams params;
    std::optional<Error> if_unchanged;
    PgStatement* keep = nullptr;
    uint64_t lent = 0;
  };

  PgConnection(PGconn* conn, std::string conninfo);
  // Replaces a broken session with a new one (its prepared statements are gone).
  Result<void> Reconnect();
  // Runs the statement `sql` (prepared on first use, cached by its address).
  Result<PgResult> ExecPrepared(const char* sql, const PgParams& params);
  // Step's and RunLater's answer once a statement of the transaction failed.
  Error Aborted() const;
  // Runs `last` (or nothing) after the BEGIN not yet sent and the queued
  // statements, in one round trip; its result, if there is a `last`.
  Result<std::optional<PgResult>> RoundTrip(const Call* last);
  Result<std::optional<PgResult>> Pipeline(const char* begin, const std::vector<Queued>& queued,
                                           const Call* last);
  bool Pending() const { return begin_ != nullptr || !queued_.empty(); }
  // A statement that must change a row (RunLater's if_unchanged) as one that
  // fails by itself when it changes none: `WITH changed AS (text RETURNING 1)
  // SELECT valuemark_changed(COUNT(*)) FROM changed` (migration 49's
  // function, SQLSTATE VM000). It then goes in one pipeline with COMMIT,
  // which its failure stops. nullptr for a statement that cannot be wrapped
  // (not an INSERT, UPDATE or DELETE, or one with RETURNING already): that
  // one is answered before COMMIT is sent.
  const char* Guarded(const char* text);
  // Whether the server has sent anything to this idle connection: only a
  // closing connection does (an error, then the end of the stream).
  bool ClosedWhileIdle() const;

  PGconn* conn_;
  const std::string conninfo_;
  std::unordered_map<const char*, std::string> prepared_;                // sql -> statement name
  std::unordered_map<const char*, std::optional<std::string>> guarded_;  // sql -> Guarded
  uint64_t statements_named_ = 0;
  // The shared statements by the address of their shared text.
  std::unordered_map<const char*, std::unique_ptr<PgStatement>> statements_;
  std::optional<Error> first_error_;
  bool guard_refused_ = false;   // first_error_ is a Guarded statement's refusal
  const char* begin_ = nullptr;  // the BEGIN of this transaction, until it is sent
  std::vector<Queued> queued_;
  bool broken_ = false;  // closed by the server, or out of step with it
};

// At most `max_size` connections, opened on demand; a connection handed back
// broken, or still inside a transaction, is closed and a new one opened next
// time. Thread-safe.
class PgPool {
 public:
  class Lease {
   public:
    Lease(PgPool* pool, std::unique_ptr<PgConnection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (connection_) pool_->Return(std::move(connection_));
    }
    PgConnection* operator->() const { return connection_.get(); }
    PgConnection& operator*() const { return *connection_; }
    // Close it instead of returning it to the pool.
    void Discard() {
      connection_.reset();
      pool_->Forget();
    }

   private:
    PgPool* pool_;
    std::unique_ptr<PgConnection> connection_;
  };

  PgPool(std::string conninfo, size_t max_size, std::chrono::milliseconds acquire_timeout);
  ~PgPool();

  // An idle connection, a new one, or (all in use) the next one handed back
  // within the timeout; Unavailable otherwise.
  Result<Lease> Acquire();
  // Makes every connection drop its prepared statements before its next use.
  void SchemaChanged() { schema_generation_.fetch_add(1); }
  size_t max_size() const { return max_size_; }

 private:
  void Return(std::unique_ptr<PgConnection> connection);
  void Forget();

  const std::string conninfo_;
  const size_t max_size_;
  const std::chrono::milliseconds acquire_timeout_;
  std::atomic<uint64_t> schema_generation_{0};
  std::mutex mu_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<PgConnection>> idle_;  // guarded by mu_
  size_t open_ = 0;                                  // idle + leased + connecting, guarded by mu_
  std::deque<uint64_t> waiting_;                     // tickets in arrival order, guarded by mu_
  uint64_t next_ticket_ = 0;                         // guarded by mu_
};

}  // namespace valuemark::storage::postgres
