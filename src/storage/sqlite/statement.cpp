#include "storage/sqlite/statement.h"

#include <fmt/format.h>

#include <mutex>

namespace valuemark::storage::sqlite {

namespace {

// How long a connection waits for another process's lock before giving up
// with SQLITE_BUSY (mapped to Unavailable). Inside this process the single
// writer is serialised by a mutex, so waits come from checkpoints and other
// processes (a backup, the sqlite3 shell).
constexpr int kBusyTimeoutMs = 5000;

}  // namespace

Error SqliteError(sqlite3* db, int rc, std::string_view context) {
  const int extended = db != nullptr ? sqlite3_extended_errcode(db) : rc;
  const std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const std::string message = fmt::format("{}: {}", context, detail);
  switch (extended) {
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_UNIQUE:
      return Error::Make(ErrorCode::kAlreadyExists, message);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
    case SQLITE_CONSTRAINT_TRIGGER:
      return Error::Make(ErrorCode::kFailedPrecondition, message);
    default:
      break;
  }
  switch (extended & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
      return Error::Make(ErrorCode::kUnavailable, message);
    default:
      return Error::Make(ErrorCode::kInternal, message);
  }
}

Statement::~Statement() {
  if (stmt_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Statement& Statement::BindText(int index, const std::string& value) {
  const int rc =
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Statement& Statement::BindText(int index, const char* static_value) {
  const int rc = sqlite3_bind_text(stmt_, index, static_value, -1, SQLITE_STATIC);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Statement& Statement::BindBlob(int index, const std::string& value) {
  const int rc = sqlite3_bind_blob64(stmt_, index, value.data(), value.size(), SQLITE_STATIC);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

std::string Statement::Blob(int column) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  const int n = sqlite3_column_bytes(stmt_, column);
  return p != nullptr ? std::string(p, static_cast<size_t>(n)) : std::string();
}

Statement& Statement::BindInt(int index, int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Statement& Statement::BindOptText(int index, const std::optional<std::string>& value) {
  if (value) return BindText(index, *value);
  const int rc = sqlite3_bind_null(stmt_, index);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Statement& Statement::BindOptInt(int index, const std::optional<int64_t>& value) {
  if (value) return BindInt(index, *value);
  const int rc = sqlite3_bind_null(stmt_, index);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Result<bool> Statement::Step() {
  if (bind_rc_ != SQLITE_OK) return Fail(SqliteError(db_, bind_rc_, "binding a parameter"));
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Fail(SqliteError(db_, rc, sqlite3_sql(stmt_)));
}

Result<void> Statement::Run() {
  while (true) {
    auto row = Step();
    if (!row) return Fail(std::move(row.error()));
    if (!*row) return {};
  }
}

std::string Statement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (text == nullptr) return {};
  return std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<std::string> Statement::OptText(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Text(column);
}

std::optional<int64_t> Statement::OptInt(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, OpenMode mode) {
  // SQLite counts every allocation under one process-wide mutex unless told
  // not to; with a connection per thread that mutex was the server's busiest
  // lock. It must be said before SQLite initialises, i.e. before the first open.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  const int flags = SQLITE_OPEN_NOMUTEX |
                    (mode == OpenMode::kReadWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                                  : SQLITE_OPEN_READONLY);
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  // sqlite3_open_v2 hands back a handle even on failure; it must be closed.
  std::unique_ptr<Connection> connection(new Connection(db));
  if (rc != SQLITE_OK) {
    return Fail(SqliteError(db, rc, fmt::format("opening SQLite database \"{}\"", path)));
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  // mmap is off (the default, made explicit): it measured slower with two
  // readers on these machines. Each connection keeps up to 64 MiB of pages
  // (SQLite's default is 2 MiB): a search of the directory's 100,000 entries
  // reads most of its 50 MB, and with less its pages were read from the
  // file again for every search (a common word: 54 ms with 2 MiB or 32 MiB,
  // 47 ms with 64 MiB, before the page was sorted in the use case).
  // Temporary data stays in memory: a statement that writes many rows (a
  // batch of survey responses in one INSERT) keeps a statement journal of
  // the pages it changes, and past 64 KiB SQLite spilled it to a temporary
  // file, made and deleted about once in three group commits (open, unlink,
  // writes: submissions 32-40 % of hello-world, 42-45 % without it).
  //
  // The writer keeps 8 MiB. A reader's pages go when the database changes,
  // but the writer's stay, and at the end of every transaction SQLite walks
  // all of them: a B-tree split moves a page through a page number past the
  // end of the file (btree.c, balance_nonroot), so the commit's truncation
  // of the cache to the file's size finds work and scans the whole cache.
  // With 64 MiB that scan was 11 % of the survey writer's time; with 8 MiB it
  // left the profile, and the writer's own pages still fit.
  const char* cache =
      mode == OpenMode::kReadWrite ? "PRAGMA cache_size=-8192;" : "PRAGMA cache_size=-65536;";
  if (auto r = connection->ExecScript(cache); !r) return Fail(std::move(r.error()));
  const char* common = "PRAGMA mmap_size=0; PRAGMA temp_store=MEMORY;";
  if (auto r = connection->ExecScript(common); !r) return Fail(std::move(r.error()));
  if (mode == OpenMode::kReadWrite) {
    // WAL lets readers run beside the writer; synchronous=FULL syncs the WAL
    // at every commit, so a commit that returns is durable (store.h).
    auto st = connection->Prepare("PRAGMA journal_mode=WAL");
    if (!st) return Fail(std::move(st.error()));
    auto row = st->Step();
    if (!row) return Fail(std::move(row.error()));
    if (!*row || st->Text(0) != "wal") {
      return Fail(Error::Make(
          ErrorCode::kInternal,
          fmt::format("SQLite database \"{}\" could not be switched to WAL mode", path)));
    }
    // Readers that keep coming can stop a checkpoint from reaching the end of
    // the WAL for a while; once it does, the file is cut back to this size
    // rather than staying as large as it grew.
    if (auto r = connection->ExecScript("PRAGMA journal_size_limit=67108864;"); !r)
      return Fail(std::move(r.error()));
  }
  if (auto r = connection->ExecScript("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"); !r) {
    return Fail(std::move(r.error()));
  }
  return connection;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  // sqlite3_close_v2 would defer; every statement is finalized above, so a
  // plain close succeeds.
  sqlite3_close(db_);
}

Result<Statement> Connection::Prepare(const char* sql) {
  return Statement(db_, static_cast<sqlite3_stmt*>(TRY(PrepareCached(sql))));
}

Result<void> Connection::ExecScript(const char* sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    Error e = SqliteError(db_, rc, "running SQL script");
    sqlite3_free(error);
    return Fail(std::move(e));
  }
  return {};
}

}  // namespace valuemark::storage::sqlite
