#include "storage/sqlite/sqlite_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <limits>
#include <set>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "storage/migration_plan.h"
#include "storage/sql/transaction.h"
#include "storage/sqlite/checkpointer.h"
#include "storage/sqlite/migrations.h"
#include "storage/sqlite/statement.h"
#include "storage/sqlite/wal_files.h"

namespace valuemark::storage {

namespace sqlite {

// Reader connections of one store, one per thread that has read from it. The
// store owns the pool; a thread's cache (below) holds a weak reference, so a
// thread that ends gives its connection back and a store that ends closes
// them all, whichever comes first.
class ReaderPool {
 public:
  explicit ReaderPool(std::string path) : path_(std::move(path)) {}

  Result<Connection*> OpenForThisThread() {
    auto connection = Connection::Open(path_, OpenMode::kReadOnly);
    if (!connection) return Fail(std::move(connection.error()));
    Connection* raw = connection->get();
    std::lock_guard lock(mu_);
    by_thread_[std::this_thread::get_id()] = std::move(*connection);
    return raw;
  }

  void ReleaseThisThread() {
    std::unique_ptr<Connection> connection;
    {
      std::lock_guard lock(mu_);
      auto it = by_thread_.find(std::this_thread::get_id());
      if (it == by_thread_.end()) return;
      connection = std::move(it->second);
      by_thread_.erase(it);
    }
    // Closed outside the lock: closing may checkpoint.
  }

 private:
  const std::string path_;
  std::mutex mu_;
  std::unordered_map<std::thread::id, std::unique_ptr<Connection>> by_thread_;
};

namespace {

// This thread's reader connection for each store it has read from. The fast
// path of Read() is a scan of this short vector: no lock, no allocation.
struct ThreadReaders {
  struct Entry {
    uint64_t store_id;
    std::weak_ptr<ReaderPool> pool;
    Connection* connection;  // owned by the pool; valid while the store lives
  };
  std::vector<Entry> entries;

  ~ThreadReaders() {
    for (auto& entry : entries) {
      if (auto pool = entry.pool.lock()) pool->ReleaseThisThread();
    }
  }
};

thread_local ThreadReaders t_readers;
// The id of the store whose Write() this thread is running, to refuse a
// nested Write() that would wait for its own mutex forever.
thread_local uint64_t t_writing_store = 0;

std::atomic<uint64_t> g_next_store_id{1};

// ---- SQL of the migrations; the rest is written once for both back ends in
// storage/sql/*_sql.cpp.

constexpr char kCreateMigrationsTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT";
constexpr char kRecordMigration[] =
    "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, CAST(strftime('%s', 'now') AS "
    "INTEGER))";

// Runs fn inside an open transaction and commits; rolls back on any failure.
Result<void> RunAndCommit(Connection& connection,
                          const std::function<Result<void>(app::Transaction&)>& fn) {
  sql::SqlTransaction tx(connection);
  Result<void> result = fn(tx);
  if (result) result = connection.Commit();
  if (!result) connection.RollbackIfOpen();
  return result;
}

}  // namespace
}  // namespace sqlite

using sqlite::Connection;

SqliteStore::SqliteStore(std::string path, std::unique_ptr<Connection> writer)
    : path_(std::move(path)),
      id_(sqlite::g_next_store_id.fetch_add(1)),
      writer_(std::move(writer)),
      readers_(std::make_shared<sqlite::ReaderPool>(path_)),
      checkpointer_(std::make_unique<sqlite::Checkpointer>(path_, writer_->db(), writer_mu_)) {}

// The checkpointer stops first and readers_ is declared after writer_, so the
// writer closes last and checkpoints the WAL into the main file.
SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::Create(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.starts_with("file:")) {
    return Fail(Error::Make(ErrorCode::kInvalidArgument,
                            fmt::format("SQLite store needs a file path, got \"{}\"", path)));
  }
  // A new database file is made here, readable by its owner alone (0600): it
  // holds the platform's signing key, password hashes and personal data.
  // SQLite gives its -wal and -shm files the main file's mode. An existing
  // file keeps the mode its operator gave it.
  const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    close(fd);
  } else if (errno != EEXIST) {
    return Fail(Error::Make(
        ErrorCode::kUnavailable,
        fmt::format("cannot create SQLite database \"{}\": {}", path, std::strerror(errno))));
  }
  // WAL needs its -wal and -shm files writable; a -shm cut short later is reported (wal_files.h).
  TRY(sqlite::CheckWalFilesWritable(path));
  auto writer = Connection::Open(path, sqlite::OpenMode::kReadWrite);
  if (!writer) return Fail(std::move(writer.error()));
  sqlite::ReportSigbusAsLostSharedMemory(path);
  return std::unique_ptr<SqliteStore>(new SqliteStore(path, std::move(*writer)));
}

Result<Connection*> SqliteStore::ReaderForThisThread() {
  auto& entries = sqlite::t_readers.entries;
  for (const auto& entry : entries) {
    if (entry.store_id == id_) return entry.connection;
  }
  // First read of this store on this thread: forget stores that have ended.
  std::erase_if(entries, [](const auto& entry) { return entry.pool.expired(); });
  auto connection = readers_->OpenForThisThread();
  if (!connection) return Fail(std::move(connection.error()));
  entries.push_back({id_, readers_, *connection});
  return *connection;
}

Result<void> SqliteStore::Read(const std::function<Result<void>(app::Transaction&)>& fn) {
  auto connection = ReaderForThisThread();
  if (!connection) return Fail(std::move(connection.error()));
  Connection& reader = **connection;
  // A Read() nested in a Read() on the same thread shares the outer snapshot.
  if (sqlite3_get_autocommit(reader.db()) == 0) {
    sql::SqlTransaction tx(reader);
    return fn(tx);
  }
  TRY(reader.Begin(sql::TxMode::kRead));
  return sqlite::RunAndCommit(reader, fn);
}

std::optional<uint64_t> SqliteStore::ChangeTag() {
  auto connection = ReaderForThisThread();
  if (!connection) return std::nullopt;
  auto st = (*connection)->Prepare("PRAGMA data_version");
  if (!st) return std::nullopt;
  auto row = st->Step();
  if (!row || !*row) return std::nullopt;
  return static_cast<uint64_t>(st->Int(0));
}

Result<void> SqliteStore::Write(const std::function<Result<void>(app::Transaction&)>& fn) {
  if (sqlite::t_writing_store == id_) {
    return Fail(Error::Make(ErrorCode::kInternal,
                            "Store::Write called from inside a Write on the same store"));
  }
  std::lock_guard lock(writer_mu_);
  const uint64_t outer = sqlite::t_writing_store;
  sqlite::t_writing_store = id_;
  // BEGIN IMMEDIATE takes the write lock now rather than at the first write,
  // so that another process's writer makes us wait here (busy_timeout)
  // instead of failing half-way through fn.
  Result<void> result = writer_->Begin(sql::TxMode::kWrite);
  if (result) result = sqlite::RunAndCommit(*writer_, fn);
  sqlite::t_writing_store = outer;
  NoteWrite(result);
  return result;
}

Result<int> SqliteStore::Migrate() {
  std::lock_guard lock(writer_mu_);
  Connection& c = *writer_;
  TRY(c.Begin(sql::TxMode::kWrite));
  auto migrate = [&c]() -> Result<int> {
    if (int rc = sqlite::RegisterMigrationFunctions(c.db()); rc != SQLITE_OK)
      return Fail(sqlite::SqliteError(c.db(), rc, "registering the migrations' functions"));
    TRY(c.ExecScript(sqlite::kCreateMigrationsTable));
    // Each migration is applied once by its version (migration_plan.h).
    bool ran = false;
    const int version = TRY(ApplyPendingMigrations(
        c, sqlite::Migrations(), sqlite::kRecordMigration,
        [&c](const char* sql) { return c.ExecScript(sql); }, &ran));
    TRY(c.Commit());
    return version;
  };
  auto version = migrate();
  if (!version) c.RollbackIfOpen();
  return version;
}

Result<void> SqliteStore::Backup(const std::string& destination) {
  if (destination.empty())
    return Fail(Error::Make(ErrorCode::kInvalidArgument, "backup destination is empty"));
  // O_EXCL: the check that the file is new and its creation are one step, so
  // two backups cannot both write the same file. 0600: a backup holds
  // password hashes and personal data.
  const int fd = open(destination.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int err = errno;
    if (err == EEXIST) {
      return Fail(Error::Make(
          ErrorCode::kFailedPrecondition,
          fmt::format("backup destination \"{}\" already exists; choose a new file", destination)));
    }
    return Fail(Error::Make(
        ErrorCode::kUnavailable,
        fmt::format("cannot create backup file \"{}\": {}", destination, std::strerror(err))));
  }
  close(fd);

  auto copy = [&]() -> Result<void> {
    // Its own read-only source connection: the writer is busy with writes
    // and this thread's reader may be inside a Read().
    auto source = Connection::Open(path_, sqlite::OpenMode::kReadOnly);
    if (!source) return Fail(std::move(source.error()));
    sqlite3* dest = nullptr;
    int rc = sqlite3_open_v2(destination.c_str(), &dest, SQLITE_OPEN_READWRITE, nullptr);
    std::unique_ptr<sqlite3, int (*)(sqlite3*)> dest_owner(dest, sqlite3_close);
    if (rc != SQLITE_OK) return Fail(sqlite::SqliteError(dest, rc, "opening backup file"));
    sqlite3_backup* backup = sqlite3_backup_init(dest, "main", (*source)->db(), "main");
    if (backup == nullptr)
      return Fail(sqlite::SqliteError(dest, sqlite3_errcode(dest), "starting backup"));
    // All pages in one step: one read transaction on the source, so the copy
    // is one consistent snapshot while writers carry on (WAL).
    for (int attempt = 0;; ++attempt) {
      rc = sqlite3_backup_step(backup, -1);
      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && attempt < 50) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        continue;
      }
      break;
    }
    const int finish_rc = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) return Fail(sqlite::SqliteError(nullptr, rc, "copying database"));
    if (finish_rc != SQLITE_OK)
      return Fail(sqlite::SqliteError(dest, finish_rc, "finishing backup"));
    // The pages carry the source's WAL flag; a backup is better as one
    // self-contained file.
    char* error = nullptr;
    rc = sqlite3_exec(dest, "PRAGMA journal_mode=DELETE", nullptr, nullptr, &error);
    sqlite3_free(error);
    if (rc != SQLITE_OK) return Fail(sqlite::SqliteError(dest, rc, "setting backup journal mode"));
    rc = sqlite3_close(dest_owner.release());
    if (rc != SQLITE_OK) return Fail(sqlite::SqliteError(nullptr, rc, "closing backup file"));
    return {};
  };
  auto result = copy();
  if (!result) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      std::remove((destination + suffix).c_str());
    return Fail(Error::Make(result.error().code, fmt::format("backup to \"{}\" failed: {}",
                                                             destination, result.error().message)));
  }
  return {};
}

}  // namespace valuemark::storage
