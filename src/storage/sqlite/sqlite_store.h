// app::Store on one SQLite file (the default back end).
//
// One writer connection behind a mutex: Write() runs BEGIN IMMEDIATE ...
// COMMIT on it, so writes are serialised (which also serialises appenders of
// an audit chain) and a commit returns only once synced (WAL,
// synchronous=FULL). Reads run on a read-only connection of their own thread
// (opened on first use, kept until the thread or the store ends) inside
// BEGIN ... COMMIT, i.e. on one consistent WAL snapshot, beside the writer.
// Every connection caches its prepared statements. A thread of the store's
// own copies the WAL into the file, so that no commit waits for that.
//
// Thread-safety: all methods may be called from any thread. Write() must not
// be called from inside a Write() function on the same store (it would wait
// for itself): that is refused with Internal.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "app/store.h"
#include "core/result.h"

namespace valuemark::storage {

namespace sqlite {
class Checkpointer;
class Connection;
class ReaderPool;
}  // namespace sqlite

class SqliteStore final : public app::Store {
 public:
  // Opens (creating if need be) the database file at `path` and switches it to
  // WAL. Does not migrate: call Migrate(). InvalidArgument for an empty path
  // or ":memory:" (readers need a file to share), Unavailable when the file
  // cannot be opened.
  static Result<std::unique_ptr<SqliteStore>> Create(const std::string& path);
  ~SqliteStore() override;

  const char* Kind() const override { return "sqlite"; }
  Result<void> Read(const std::function<Result<void>(app::Transaction&)>& fn) override;
  Result<void> Write(const std::function<Result<void>(app::Transaction&)>& fn) override;
  // SQLite's data_version as this thread's read connection sees it: it moves
  // whenever another connection (this process's writer, or another process)
  // commits.
  std::optional<uint64_t> ChangeTag() override;
  Result<int> Migrate() override;
  // SQLite's online backup into a new file (FailedPrecondition if it exists),
  // from a snapshot taken while writers carry on; the copy is a standalone
  // database in rollback-journal mode.
  Result<void> Backup(const std::string& destination) override;

  const std::string& path() const { return path_; }

 private:
  SqliteStore(std::string path, std::unique_ptr<sqlite::Connection> writer);
  Result<sqlite::Connection*> ReaderForThisThread();

  const std::string path_;
  // A process-unique id, never reused, so that a thread's cache of reader
  // connections cannot mistake a new store for a destroyed one at the same
  // address.
  const uint64_t id_;
  std::mutex writer_mu_;
  std::unique_ptr<sqlite::Connection> writer_;  // guarded by writer_mu_
  std::shared_ptr<sqlite::ReaderPool> readers_;
  // Last, so that it stops first: copies the WAL into the file beside the
  // writer (checkpointer.h).
  std::unique_ptr<sqlite::Checkpointer> checkpointer_;
};

}  // namespace valuemark::storage
