// The PostgreSQL driver of the shared SQL (sql/driver.h), over the libpq
// connection of connection.h: each statement rewritten once (sql/dialect.h),
// prepared once per connection, and run with PQexecPrepared. Parameters are
// sent as text (PostgreSQL infers each one's type from the statement) except
// blobs, sent in binary for a BYTEA column.
#include <fmt/format.h>

#include <charconv>
#include <cstdlib>

#include "storage/postgres/connection.h"
#include "storage/sql/dialect.h"

namespace valuemark::storage::postgres {

namespace {

PgStatement& Get(void* h) { return *static_cast<PgStatement*>(h); }

constexpr char kBeginWrite[] = "BEGIN";
constexpr char kBeginRead[] = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
constexpr char kCommit[] = "COMMIT";
constexpr char kRollback[] = "ROLLBACK";

// The parameter at `index` (1-based), made room for.
void Set(PgStatement& st, int index, std::string_view value, bool null, int format) {
  const auto i = static_cast<size_t>(index - 1);
  if (st.values.size() <= i) {
    st.values.resize(i + 1);
    st.null.resize(i + 1, 1);
    st.formats.resize(i + 1, 0);
  }
  st.values[i].assign(value);
  st.null[i] = null ? 1 : 0;
  st.formats[i] = format;
}

}  // namespace

Result<sql::Connection::Handle> PgConnection::PrepareCached(const char* sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    auto st = std::make_unique<PgStatement>();
    st->text = sql::PostgresSql(sql);
    it = statements_.emplace(sql, std::move(st)).first;
  }
  return static_cast<Handle>(it->second.get());
}

void PgConnection::Reset(Handle h) {
  PgStatement& st = Get(h);
  st.values.clear();
  st.null.clear();
  st.formats.clear();
  st.held.reset();
  st.result.reset();
  st.row = -1;
}

void PgConnection::BindText(Handle h, int index, std::string_view value) {
  Set(Get(h), index, value, false, 0);
}

void PgConnection::BindBlob(Handle h, int index, std::string_view value) {
  Set(Get(h), index, value, false, 1);
}

void PgConnection::BindInt(Handle h, int index, int64_t value) {
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  Set(Get(h), index, std::string_view(buffer, static_cast<size_t>(end - buffer)), false, 0);
}

void PgConnection::BindDouble(Handle h, int index, double value) {
  Set(Get(h), index, fmt::format("{}", value), false, 0);
}

void PgConnection::BindNull(Handle h, int index) { Set(Get(h), index, {}, true, 0); }

Result<bool> PgConnection::Step(Handle h) {
  PgStatement& st = Get(h);
  if (st.row >= 0) return ++st.row < st.result->rows();
  if (first_error_) {
    return Fail(Error::Make(
        ErrorCode::kInternal,
        fmt::format("transaction aborted by an earlier error: {}", first_error_->message)));
  }
  const size_t n = st.values.size();
  std::vector<const char*> pointers(n);
  std::vector<int> lengths(n);
  for (size_t i = 0; i < n; ++i) {
    pointers[i] = st.null[i] ? nullptr : st.values[i].c_str();
    lengths[i] = static_cast<int>(st.values[i].size());
  }
  auto result = ExecPrepared(st.text.c_str(), static_cast<int>(n), pointers.data(), lengths.data(),
                             st.formats.data());
  if (!result) {
    first_error_ = result.error();
    return Fail(std::move(result.error()));
  }
  st.held.reset();
  st.result.emplace(std::move(*result));
  st.row = 0;
  return st.result->rows() > 0;
}

const sql::HeldRows* PgConnection::Held(Handle h) {
  PgStatement& st = Get(h);
  if (!st.result) return nullptr;
  if (!st.held) st.held.emplace(st.result->raw());
  return &*st.held;
}

int64_t PgConnection::Changes(Handle h) {
  const PgStatement& st = Get(h);
  return st.result ? st.result->Changes() : 0;
}

bool PgConnection::IsNull(Handle h, int column) {
  const PgStatement& st = Get(h);
  return st.result->IsNull(st.row, column);
}

int64_t PgConnection::Int(Handle h, int column) {
  const PgStatement& st = Get(h);
  return st.result->Int(st.row, column);
}

double PgConnection::Double(Handle h, int column) {
  const PgStatement& st = Get(h);
  return std::strtod(PQgetvalue(st.result->raw(), st.row, column), nullptr);
}

std::string_view PgConnection::TextView(Handle h, int column) {
  const PgStatement& st = Get(h);
  return PgHeldRows(st.result->raw()).TextView(st.row, column);
}

std::string PgConnection::Blob(Handle h, int column) {
  const PgStatement& st = Get(h);
  return st.result->Bytes(st.row, column);
}

Result<void> PgConnection::Begin(sql::TxMode mode) {
  first_error_.reset();
  queued_.clear();
  if (ClosedWhileIdle()) {
    broken_ = true;
    return Fail(Error::Make(ErrorCode::kUnavailable,
                            "PostgreSQL closed this connection while it was idle"));
  }
  begin_ = mode == sql::TxMode::kWrite ? kBeginWrite : kBeginRead;
  return {};
}

Result<void> PgConnection::RunLater(Handle h, std::optional<Error> if_unchanged) {
  // Outside a transaction nothing would send it later.
  if (begin_ == nullptr && IsIdle()) return Connection::RunLater(h, std::move(if_unchanged));
  if (first_error_) {
    return Fail(Error::Make(
        ErrorCode::kInternal,
        fmt::format("transaction aborted by an earlier error: {}", first_error_->message)));
  }
  PgStatement& st = Get(h);
  queued_.push_back({st.text.c_str(), st.values, st.null, st.formats, std::move(if_unchanged)});
  return {};
}

// COMMIT, and whether it committed: COMMIT of a transaction that an error
// aborted "succeeds" with the tag ROLLBACK.
Result<void> PgConnection::Commit() {
  if (begin_ != nullptr && queued_.empty()) {  // no statement ran: nothing to end
    begin_ = nullptr;
    return {};
  }
  Result<PgResult> r = Fail(Error::Make(ErrorCode::kInternal, "COMMIT was not sent"));
  if (Pending()) {
    const Call commit{kCommit, false};
    auto sent = RoundTrip(&commit);
    if (sent) {
      r = std::move(**sent);
    } else {
      r = Fail(std::move(sent.error()));
    }
  } else {
    r = ExecScript(kCommit);
  }
  if (!r) {
    if (r.error().code == ErrorCode::kUnavailable) {
      return Fail(Error::Make(
          ErrorCode::kUnavailable,
          fmt::format("the connection failed during COMMIT, so whether the transaction was "
                      "committed is unknown: {}",
                      r.error().message)));
    }
    return Fail(std::move(r.error()));
  }
  if (r->CommandStatus() != "COMMIT") {
    return Fail(Error::Make(ErrorCode::kInternal, "the transaction was rolled back by the server"));
  }
  return {};
}

// A connection that cannot end it is dropped by the pool when its lease ends.
void PgConnection::RollbackIfOpen() {
  begin_ = nullptr;  // never sent: nothing to end
  queued_.clear();
  if (!IsBroken() && !IsIdle()) (void)ExecScript(kRollback);
}

}  // namespace valuemark::storage::postgres
