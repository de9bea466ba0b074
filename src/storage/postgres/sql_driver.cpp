// The PostgreSQL driver of the shared SQL (sql/driver.h), over the libpq
// connection of connection.h: each statement rewritten once (sql/dialect.h),
// prepared once per connection, and run with PQexecPrepared. Parameters are
// sent as text (PostgreSQL infers each one's type from the statement) except
// blobs, sent in binary for a BYTEA column.
#include <fmt/format.h>

#include <algorithm>
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
  st.params.Clear();
  st.held.reset();
  st.result.reset();
  st.row = -1;
  st.ahead = false;
  ++st.lent;
}

void PgConnection::BindText(Handle h, int index, std::string_view value) {
  Get(h).params.Set(index, value, false, 0);
}

void PgConnection::BindBlob(Handle h, int index, std::string_view value) {
  Get(h).params.Set(index, value, false, 1);
}

void PgConnection::BindInt(Handle h, int index, int64_t value) {
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  Get(h).params.Set(index, std::string_view(buffer, static_cast<size_t>(end - buffer)), false, 0);
}

void PgConnection::BindDouble(Handle h, int index, double value) {
  Get(h).params.Set(index, fmt::format("{}", value), false, 0);
}

void PgConnection::BindNull(Handle h, int index) { Get(h).params.Set(index, {}, true, 0); }

Result<bool> PgConnection::Step(Handle h) {
  PgStatement& st = Get(h);
  if (st.row >= 0) return ++st.row < st.result->rows();
  if (st.ahead) {  // its rows come with a round trip: this one if none carried it yet
    st.ahead = false;
    if (!st.result && !first_error_) {
      if (auto sent = SendQueued(); !sent) {
        if (!first_error_) first_error_ = sent.error();  // the connection broke
        return Fail(std::move(sent.error()));
      }
    }
    if (!st.result) {
      return Fail(first_error_ ? Aborted()
                               : Error::Make(ErrorCode::kInternal,
                                             "a statement sent ahead was never answered"));
    }
    st.row = 0;
    return st.result->rows() > 0;
  }
  if (first_error_) return Fail(Aborted());
  auto result = ExecPrepared(st.text.c_str(), st.params);
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
  guard_refused_ = false;
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
  if (first_error_) return Fail(Aborted());
  PgStatement& st = Get(h);
  queued_.push_back({st.text.c_str(), st.params, std::move(if_unchanged)});
  return {};
}

Result<void> PgConnection::SendAhead(Handle h) {
  if (begin_ == nullptr && IsIdle()) return {};  // outside a transaction: Step() runs it
  if (first_error_) return Fail(Aborted());
  PgStatement& st = Get(h);
  st.result.reset();
  st.held.reset();
  st.row = -1;
  st.ahead = true;
  queued_.push_back({st.text.c_str(), st.params, std::nullopt, &st, st.lent});
  return {};
}

// COMMIT, and whether it committed: COMMIT of a transaction that an error
// aborted "succeeds" with the tag ROLLBACK.
Result<void> PgConnection::Commit() {
  if (begin_ != nullptr && queued_.empty()) {  // no statement ran: nothing to end
    begin_ = nullptr;
    return {};
  }
  // A statement whose changing no row fails the transaction (RunLater's
  // if_unchanged) goes with COMMIT when it fails by itself (Guarded); any
  // other is answered before COMMIT is sent: in one pipeline with it, the
  // transaction would commit whatever the answer.
  if (std::any_of(queued_.begin(), queued_.end(), [this](const Queued& q) {
        return q.if_unchanged.has_value() && Guarded(q.text) == nullptr;
      }))
    TRY(RoundTrip(nullptr));
  auto r = [&]() -> Result<PgResult> {
    if (!Pending()) return ExecScript(kCommit);
    const Call commit{kCommit};
    return std::move(*TRY(RoundTrip(&commit)));
  }();
  if (!r) {
    // A guard's refusal (Guarded) is certain: nothing was committed.
    if (r.error().code == ErrorCode::kUnavailable && !guard_refused_) {
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
