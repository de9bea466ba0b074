// The storage port: what the use cases need from a database, and nothing of
// how. Implemented by src/storage/sqlite (the default) and
// src/storage/postgres, each with its own SQL and migrations; one contract
// test suite (tests/storage) runs against both.
//
// Every read and write happens inside a transaction that the store owns:
// Write() commits only when the function returns success, and returns only
// after the commit is durable, so a write the caller acknowledges is never
// lost. A function that fails (or a commit that fails) leaves nothing behind.
//
// Scale-out: every tenant record carries organisation_id, which is part of its
// primary and unique keys, so that a PostgreSQL deployment can be distributed
// by organisation (Citus) without schema changes. Users, sessions, password
// resets, email verifications, failed logins and the outbox are global (reference) tables.
//
// Thread-safety: a Store may be used from many threads at once; a Transaction
// only from the thread that runs the function it was passed to.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "app/accounts/accounts_store.h"
#include "app/audit/audit_store.h"
#include "app/certification/certification_store.h"
#include "app/measure/records_store.h"
#include "app/network/network_store.h"
#include "app/store_types.h"
#include "app/surveys/survey_store.h"
#include "core/result.h"

namespace valuemark::app {

// Errors: AlreadyExists for a unique key taken (e.g. a user's email),
// FailedPrecondition for a stale version, Unavailable when the database cannot
// be reached, Internal for anything else. "Find" returns nullopt when absent.
//
// Each module declares its slice beside its use cases; a transaction offers
// them all, since one write may cross modules (an award issues a certificate
// and appends to the audit log in the same transaction).
class Transaction : public AccountsPort,
                    public RecordsPort,
                    public CertificationPort,
                    public SurveysPort,
                    public AuditPort,
                    public NetworkPort {
 public:
  ~Transaction() override = default;

  // What the organisation holds, for its quotas. In a write transaction this
  // first locks the organisation (on PostgreSQL its row, FOR UPDATE; SQLite
  // has one writer), so that writers that check a quota and then add take
  // turns and cannot both pass it.
  virtual Result<OrganisationUsage> GetOrganisationUsage(const std::string& organisation_id) = 0;
  // The latest migration applied: a read that reaches the database, for the
  // health check (a transaction that runs no statement may not).
  virtual Result<int> SchemaVersion() = 0;
};

// What the last writes found: GET /health reports it, so that a store that
// can no longer write (a full disk, a lost server, a read-only file) is seen
// at once rather than by each user's failed save.
struct StoreHealth {
  bool writable = true;
  std::string problem;  // the database's own words for the last failure
};

class Store {
 public:
  virtual ~Store() = default;
  StoreHealth Health() const {
    std::lock_guard lock(health_mu_);
    return health_;
  }
  // "sqlite" or "postgresql", as /api/v1/health reports it.
  virtual const char* Kind() const = 0;
  // A read-only transaction over a consistent snapshot. A Read() called
  // inside another Read() of the same store on the same thread runs in the
  // outer transaction and sees its snapshot.
  virtual Result<void> Read(const std::function<Result<void>(Transaction&)>& fn) = 0;
  // A read-write transaction, committed durably when fn succeeds, rolled back otherwise.
  virtual Result<void> Write(const std::function<Result<void>(Transaction&)>& fn) = 0;
  // Read() and Write() for a value: fn returns a Result<T>, which is what
  // they return (the store's own error when the transaction fails).
  //   return store_.ReadValue([&](Transaction& tx) { return tx.FindUserById(id); });
  template <typename Fn>
  std::invoke_result_t<Fn&, Transaction&> ReadValue(Fn&& fn) {
    return Transact<false>(fn);
  }
  template <typename Fn>
  std::invoke_result_t<Fn&, Transaction&> WriteValue(Fn&& fn) {
    return Transact<true>(fn);
  }
  // A number that differs from every value this thread got before whenever
  // anything has been committed to the database since, by this process or any
  // other; nullopt when the back end cannot tell cheaply. Values are
  // comparable only on the thread that got them. It lets a reader know that
  // what it read earlier is still current (http/response_cache.h).
  virtual std::optional<uint64_t> ChangeTag() { return std::nullopt; }
  // After many directory entries changed at once (an import), outside any
  // transaction: lets the database's planner learn the directory's new size
  // and words, and marks its pages all-visible so that searches read the
  // covering index alone, which PostgreSQL would otherwise do only when
  // autovacuum next passes. Nothing to do on SQLite.
  virtual Result<void> TidyDirectory() { return {}; }
  // How many writers of the same kind of batch are worth running side by
  // side: 1 where writes take turns anyway (SQLite's one writer), 2 where
  // the database runs them at once and locks only the rows they share
  // (PostgreSQL), so that one batch is read and inserted while the one
  // before it commits.
  virtual int WritersSideBySide() const { return 1; }
  // Applies the migrations not yet applied; returns the schema version.
  virtual Result<int> Migrate() = 0;
  // A consistent copy of the database in a new file (SQLite's online backup);
  // FailedPrecondition with pg_dump guidance for PostgreSQL.
  virtual Result<void> Backup(const std::string& destination) = 0;

 protected:
  // Back ends call this with the outcome of every Write: a failure of the
  // database itself (Unavailable) marks the store unwritable until a write
  // succeeds again; a refusal by the use case changes nothing.
  void NoteWrite(const Result<void>& result) {
    if (result || result.error().code == ErrorCode::kUnavailable) {
      std::lock_guard lock(health_mu_);
      health_ = result ? StoreHealth{} : StoreHealth{false, result.error().message};
    }
  }

 private:
  template <bool kWrite, typename Fn>
  std::invoke_result_t<Fn&, Transaction&> Transact(Fn& fn) {
    std::optional<std::invoke_result_t<Fn&, Transaction&>> out;
    auto body = [&](Transaction& tx) -> Result<void> {
      out.emplace(fn(tx));
      if (!*out) return Fail(out->error());
      return {};
    };
    auto done = kWrite ? Write(body) : Read(body);
    if (!done) return Fail(done.error());
    return std::move(*out);
  }

  mutable std::mutex health_mu_;
  StoreHealth health_;
};

}  // namespace valuemark::app
