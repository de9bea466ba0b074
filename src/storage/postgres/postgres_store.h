// app::Store on PostgreSQL (libpq), for deployments that outgrow one SQLite
// file or want a managed database.
//
// A small pool of connections, opened when first needed and handed to
// waiting threads first come, first served; a connection that breaks is
// dropped and a new one opened. Write() runs BEGIN ... COMMIT (READ
// COMMITTED) and returns once the server has committed (durable with the
// server's default synchronous_commit=on); Read() runs BEGIN ISOLATION LEVEL
// REPEATABLE READ READ ONLY, one consistent snapshot. Statements are prepared
// once per connection; values are always parameters.
//
// Unlike SQLite, PostgreSQL aborts a transaction at its first failed
// statement. Inserts that hit a unique key therefore use ON CONFLICT DO
// NOTHING and report AlreadyExists without aborting, as on SQLite; after any
// other database error the transaction can only roll back: later calls fail,
// and Write() does not commit even if fn returns success.
//
// Thread-safety: all methods may be called from any thread. Write() must not
// be called from inside a Write() function on the same store: refused with
// Internal (it could wait for a row lock its own outer transaction holds).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "app/store.h"
#include "core/result.h"

namespace valuemark::storage {

namespace postgres {
class PgPool;
}  // namespace postgres

struct PostgresOptions {
  // `valuemark serve` asks for one per thread that runs transactions
  // (storage::StoreOptions); the CLI's other commands use the default.
  size_t max_connections = 4;
  // How long a transaction waits for a free connection before Unavailable.
  std::chrono::milliseconds acquire_timeout{30000};
};

class PostgresStore final : public app::Store {
 public:
  // `conninfo`: a postgresql:// URL or a libpq key=value string. Checks its
  // syntax (InvalidArgument) but does not connect: the first transaction or
  // Migrate() does, and reports Unavailable if the server cannot be reached.
  static Result<std::unique_ptr<PostgresStore>> Create(const std::string& conninfo,
                                                       PostgresOptions options = {});
  ~PostgresStore() override;

  const char* Kind() const override { return "postgresql"; }
  Result<void> Read(const std::function<Result<void>(app::Transaction&)>& fn) override;
  Result<void> Write(const std::function<Result<void>(app::Transaction&)>& fn) override;
  // Under pg_advisory_xact_lock, so that servers starting together migrate
  // one after the other.
  Result<int> Migrate() override;
  // Always FailedPrecondition: PostgreSQL is backed up with pg_dump (the
  // message gives the command).
  Result<void> Backup(const std::string& destination) override;
  // The server's current snapshot (pg_current_snapshot(): the oldest running
  // transaction, the next to complete and those in progress), one round trip
  // on a pooled connection, numbered by this store. Two equal snapshots see
  // the same committed data; every commit anywhere in the cluster (any
  // connection, server or process) changes the snapshot, and snapshots never
  // come back, so a number is never reused for a later state. Read-only
  // transactions take no transaction id and leave it alone. nullopt when the
  // server cannot be asked.
  std::optional<uint64_t> ChangeTag() override;
  // VACUUM (ANALYZE) of the directory, on a connection of the pool.
  Result<void> TidyDirectory() override;
  int WritersSideBySide() const override { return 2; }

 private:
  explicit PostgresStore(std::unique_ptr<postgres::PgPool> pool);
  Result<void> Run(bool writable, const std::function<Result<void>(app::Transaction&)>& fn);

  const uint64_t id_;  // process-unique, for the nested-Write check
  std::unique_ptr<postgres::PgPool> pool_;
  std::mutex tag_mu_;
  std::string tag_snapshot_;  // the last snapshot seen, guarded by tag_mu_
  uint64_t tag_ = 0;          // its number, guarded by tag_mu_
};

}  // namespace valuemark::storage
