#include "storage/postgres/connection.h"

#include <fmt/format.h>
#include <poll.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace valuemark::storage::postgres {

// The SQLSTATE of valuemark_changed (migration 49): a Guarded statement changed no row.
constexpr std::string_view kNoRowChanged = "VM000";

namespace {

// "CREATE TABLE IF NOT EXISTS" and friends send NOTICEs, which libpq would
// print on stderr by default.
void IgnoreNotice(void*, const char*) {}

bool StartsWith(const char* s, const char* prefix) {
  return s != nullptr && std::strncmp(s, prefix, std::strlen(prefix)) == 0;
}

// libpq's messages end with a newline.
std::string Trimmed(const char* message) {
  std::string s = message != nullptr ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

std::string PgResult::Text(int row, int column) const {
  return std::string(PQgetvalue(result_.get(), row, column),
                     static_cast<size_t>(PQgetlength(result_.get(), row, column)));
}

std::string PgResult::Bytes(int row, int column) const {
  // Text results carry BYTEA in PostgreSQL's hex form ("\x" then two digits
  // a byte); libpq decodes it (and the older escape form).
  size_t n = 0;
  unsigned char* raw = PQunescapeBytea(
      reinterpret_cast<const unsigned char*>(PQgetvalue(result_.get(), row, column)), &n);
  if (raw == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(raw), n);
  PQfreemem(raw);
  return out;
}

int64_t PgResult::Int(int row, int column) const {
  return PgHeldRows(result_.get()).Int(row, column);
}

int64_t PgHeldRows::Int(int64_t row, int column) const {
  const auto r = static_cast<int>(row);
  const char* text = PQgetvalue(result_, r, column);
  int64_t value = 0;
  std::from_chars(text, text + PQgetlength(result_, r, column), value);
  return value;
}

std::string_view PgHeldRows::TextView(int64_t row, int column) const {
  const auto r = static_cast<int>(row);
  return {PQgetvalue(result_, r, column), static_cast<size_t>(PQgetlength(result_, r, column))};
}

std::optional<std::string> PgResult::OptText(int row, int column) const {
  if (IsNull(row, column)) return std::nullopt;
  return Text(row, column);
}

std::optional<int64_t> PgResult::OptInt(int row, int column) const {
  if (IsNull(row, column)) return std::nullopt;
  return Int(row, column);
}

int64_t PgResult::Changes() const {
  const char* text = PQcmdTuples(result_.get());
  int64_t value = 0;
  std::from_chars(text, text + std::strlen(text), value);
  return value;
}

Error PgError(PGconn* conn, const PGresult* result, std::string_view context) {
  const char* sqlstate = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string detail = Trimmed(result != nullptr ? PQresultErrorMessage(result) : nullptr);
  if (detail.empty() && conn != nullptr) detail = Trimmed(PQerrorMessage(conn));
  const std::string message = fmt::format("{}: {}", context, detail);
  if (sqlstate == nullptr) {
    // No SQLSTATE: libpq itself failed, nearly always the connection.
    const bool broken = conn == nullptr || PQstatus(conn) != CONNECTION_OK;
    return Error::Make(broken ? ErrorCode::kUnavailable : ErrorCode::kInternal, message);
  }
  const std::string_view state = sqlstate;
  if (state == "23505") return Error::Make(ErrorCode::kAlreadyExists, message);
  if (state == "23503" || state == "P0001")
    return Error::Make(ErrorCode::kFailedPrecondition, message);
  // 08: connection exception; 53: insufficient resources (too many
  // connections, disk full); 57P: the server is shutting down or starting.
  if (StartsWith(sqlstate, "08") || StartsWith(sqlstate, "53") || StartsWith(sqlstate, "57P") ||
      (conn != nullptr && PQstatus(conn) != CONNECTION_OK)) {
    return Error::Make(ErrorCode::kUnavailable, message);
  }
  // 40001 serialization failure, 40P01 deadlock: worth retrying.
  if (state == "40001" || state == "40P01") return Error::Make(ErrorCode::kUnavailable, message);
  return Error::Make(ErrorCode::kInternal, message);
}

namespace {

// A new session, set up as every session of the pool is.
Result<PGconn*> OpenSession(const std::string& conninfo) {
  // expand_dbname: `dbname` holds the whole URL or conninfo; its settings
  // override the defaults listed before it.
  const char* keywords[] = {"connect_timeout", "application_name", "dbname", nullptr};
  const char* values[] = {"10", "valuemark", conninfo.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, 1);
  if (conn == nullptr)
    return Fail(Error::Make(ErrorCode::kUnavailable, "PostgreSQL: out of memory connecting"));
  std::unique_ptr<PGconn, void (*)(PGconn*)> owned(conn, PQfinish);
  if (PQstatus(conn) != CONNECTION_OK) {
    return Fail(Error::Make(ErrorCode::kUnavailable, fmt::format("cannot connect to PostgreSQL: {}",
                                                                 Trimmed(PQerrorMessage(conn)))));
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  // random_page_cost 1.1, not PostgreSQL's default of 4, which assumes
  // spinning disks (the value its documentation suggests for solid-state
  // drives, and for data mostly in memory): with 4 the directory's counts
  // read every row of the table (54 ms for 95,089 entries) instead of its
  // covering index (36 ms). A statement, not a startup option, which a
  // pooler such as PgBouncer refuses; a URL that sets it itself is obeyed.
  if (conninfo.find("random_page_cost") == std::string::npos) {
    PgResult set(PQexec(conn, "SET random_page_cost = 1.1"));
    if (PQresultStatus(set.raw()) != PGRES_COMMAND_OK)
      return Fail(PgError(conn, set.raw(), "SET random_page_cost = 1.1"));
  }
  return owned.release();
}

}  // namespace

Result<std::unique_ptr<PgConnection>> PgConnection::Connect(const std::string& conninfo) {
  PGconn* conn = TRY(OpenSession(conninfo));
  return std::unique_ptr<PgConnection>(new PgConnection(conn, conninfo));
}

Result<void> PgConnection::Reconnect() {
  PGconn* fresh = TRY(OpenSession(conninfo_));
  PQfinish(conn_);
  conn_ = fresh;
  prepared_.clear();
  broken_ = false;
  return {};
}

PgConnection::PgConnection(PGconn* conn, std::string conninfo)
    : conn_(conn), conninfo_(std::move(conninfo)) {}

PgConnection::~PgConnection() { PQfinish(conn_); }

void PgParams::Set(int index, std::string_view value, bool is_null, int format) {
  const auto i = static_cast<size_t>(index - 1);
  if (values.size() <= i) {
    values.resize(i + 1);
    null.resize(i + 1, 1);
    formats.resize(i + 1, 0);
  }
  values[i].assign(value);
  null[i] = is_null ? 1 : 0;
  formats[i] = format;
}

void PgParams::Clear() {
  values.clear();
  null.clear();
  formats.clear();
}

namespace {

// What PQexecPrepared and PQsendQueryPrepared take: pointers into `params`,
// valid while they live.
struct Pointers {
  explicit Pointers(const PgParams& params)
      : count(static_cast<int>(params.values.size())),
        values(params.values.size()),
        lengths(params.values.size()),
        formats(params.formats.data()) {
    for (size_t i = 0; i < params.values.size(); ++i) {
      values[i] = params.null[i] ? nullptr : params.values[i].c_str();
      lengths[i] = static_cast<int>(params.values[i].size());
    }
  }
  int count;
  std::vector<const char*> values;
  std::vector<int> lengths;
  const int* formats;
};

}  // namespace

Error PgConnection::Aborted() const {
  return Error::Make(ErrorCode::kInternal,
                     fmt::format("transaction aborted by an earlier error: {}",
                                 first_error_ ? first_error_->message : ""));
}

Result<PgResult> PgConnection::ExecPrepared(const char* sql, const PgParams& params) {
  if (Pending()) {
    const Call call{sql, &params};
    auto result = TRY(RoundTrip(&call));
    return std::move(*result);
  }
  const Pointers p(params);
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = fmt::format("vm{}", ++statements_named_);
    PgResult prepared(PQprepare(conn_, name.c_str(), sql, p.count, nullptr));
    if (PQresultStatus(prepared.raw()) != PGRES_COMMAND_OK) {
      return Fail(PgError(conn_, prepared.raw(), fmt::format("preparing \"{}\"", sql)));
    }
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  PgResult result(PQexecPrepared(conn_, it->second.c_str(), p.count, p.values.data(),
                                 p.lengths.data(), p.formats, 0));
  const ExecStatusType status = PQresultStatus(result.raw());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    return Fail(PgError(conn_, result.raw(), sql));
  return result;
}

// A round trip that carries the transaction's BEGIN found the connection
// closed (the server restarted, or ended an idle session, just after Begin
// looked): nothing of the transaction reached the database, so it is sent
// again once on a new session. Never one that carries COMMIT, which may
// have committed before the connection broke.
Result<std::optional<PgResult>> PgConnection::RoundTrip(const Call* last) {
  const char* begin = begin_;
  std::vector<Queued> queued = std::move(queued_);
  begin_ = nullptr;
  queued_.clear();
  auto result = Pipeline(begin, queued, last);
  const bool commits = last != nullptr && last->params == nullptr;
  if (result || begin == nullptr || commits) return result;
  if (!IsBroken() && result.error().code != ErrorCode::kUnavailable) return result;
  if (!Reconnect()) return result;
  first_error_.reset();  // the old session's: this transaction starts again
  return Pipeline(begin, queued, last);
}

// Pipeline mode: every statement is sent, then a sync, then the results are
// read in order. Each statement's result is followed by a null; after a
// failure the rest of the pipeline is skipped (PGRES_PIPELINE_ABORTED) up to
// the sync's result (PGRES_PIPELINE_SYNC), which no null follows.
Result<std::optional<PgResult>> PgConnection::Pipeline(const char* begin,
                                                       const std::vector<Queued>& queued,
                                                       const Call* last) {
  struct Sent {
    const char* context;
    std::optional<Error> if_unchanged;
    bool guarded = false;            // fails by itself when it changes no row (Guarded)
    const char* prepares = nullptr;  // the statement this PQsendPrepare names
    std::string name;
    bool last = false;
    PgStatement* keep = nullptr;  // sent ahead: its result goes there
    uint64_t lent = 0;
  };
  std::vector<Sent> sent;
  auto expect = [&sent](const char* context, std::optional<Error> if_unchanged = std::nullopt) {
    Sent& one = sent.emplace_back();
    one.context = context;
    one.if_unchanged = std::move(if_unchanged);
    return &one;
  };
  bool sending = PQenterPipelineMode(conn_) == 1;
  std::unordered_map<const char*, std::string> naming;  // prepared in this round trip
  auto send_prepared = [&](const char* text, const PgParams& params) {
    const Pointers p(params);
    const std::string* name = nullptr;
    if (auto it = prepared_.find(text); it != prepared_.end()) name = &it->second;
    if (auto it = naming.find(text); it != naming.end()) name = &it->second;
    if (name == nullptr) {
      std::string fresh = fmt::format("vm{}", ++statements_named_);
      sending = sending && PQsendPrepare(conn_, fresh.c_str(), text, p.count, nullptr) == 1;
      Sent* prepare = expect(text);
      prepare->prepares = text;
      prepare->name = fresh;
      name = &naming.emplace(text, std::move(fresh)).first->second;
    }
    sending = sending && PQsendQueryPrepared(conn_, name->c_str(), p.count, p.values.data(),
                                             p.lengths.data(), p.formats, 0) == 1;
  };
  if (sending && begin != nullptr) {
    sending = PQsendQueryParams(conn_, begin, 0, nullptr, nullptr, nullptr, nullptr, 0) == 1;
    expect(begin);
  }
  for (const Queued& q : queued) {
    const char* guarded = q.if_unchanged ? Guarded(q.text) : nullptr;
    const char* text = guarded != nullptr ? guarded : q.text;
    send_prepared(text, q.params);
    Sent* one = expect(text, q.if_unchanged);
    one->guarded = guarded != nullptr;
    one->keep = q.keep;
    one->lent = q.lent;
  }
  if (last != nullptr) {
    if (last->params != nullptr) {
      send_prepared(last->text, *last->params);
    } else {
      sending = sending &&
                PQsendQueryParams(conn_, last->text, 0, nullptr, nullptr, nullptr, nullptr, 0) == 1;
    }
    expect(last->text)->last = true;
  }
  sending = sending && PQpipelineSync(conn_) == 1;
  if (!sending) {
    broken_ = true;
    return Fail(PgError(conn_, nullptr, "sending statements"));
  }

  std::optional<Error> error;
  std::optional<PgResult> out;
  for (Sent& one : sent) {
    PGresult* raw = PQgetResult(conn_);
    if (raw == nullptr) {
      broken_ = true;
      return Fail(PgError(conn_, nullptr, one.context));
    }
    PgResult result(raw);
    const ExecStatusType status = PQresultStatus(raw);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
      if (one.prepares != nullptr) prepared_.emplace(one.prepares, std::move(one.name));
      if (one.if_unchanged && !one.guarded && result.Changes() == 0 && !error)
        error = std::move(one.if_unchanged);
    } else if (status != PGRES_PIPELINE_ABORTED && !error) {
      const char* state = PQresultErrorField(raw, PG_DIAG_SQLSTATE);
      if (one.guarded && state != nullptr && std::string_view(state) == kNoRowChanged) {
        error = std::move(one.if_unchanged);
        guard_refused_ = !first_error_;
      } else {
        error = PgError(conn_, raw,
                        one.prepares != nullptr ? fmt::format("preparing \"{}\"", one.context)
                                                : std::string(one.context));
      }
    }
    if (one.last) {
      out.emplace(std::move(result));
    } else if (one.keep != nullptr && one.keep->lent == one.lent &&
               (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)) {
      one.keep->result.emplace(std::move(result));
    }
    if (PGresult* extra = PQgetResult(conn_); extra != nullptr) {  // the null after each
      PQclear(extra);
      broken_ = true;
      return Fail(Error::Make(ErrorCode::kInternal, "PostgreSQL: a statement sent two results"));
    }
  }
  PgResult sync(PQgetResult(conn_));
  if (PQresultStatus(sync.raw()) != PGRES_PIPELINE_SYNC || PQexitPipelineMode(conn_) != 1) {
    broken_ = true;
    return Fail(PgError(conn_, sync.raw(), "ending a pipeline"));
  }
  if (error) {
    if (!first_error_) first_error_ = *error;
    return Fail(std::move(*error));
  }
  return out;
}

const char* PgConnection::Guarded(const char* text) {
  auto [it, fresh] = guarded_.try_emplace(text);
  if (fresh) {
    const std::string_view sql = text;
    const size_t start = sql.find_first_not_of(" \t\n");
    const std::string_view verb = start == std::string_view::npos ? "" : sql.substr(start, 7);
    const bool changes =
        verb.starts_with("INSERT ") || verb.starts_with("UPDATE ") || verb.starts_with("DELETE ");
    if (changes && sql.find("RETURNING") == std::string_view::npos) {
      it->second = fmt::format(
          "WITH changed AS ({} RETURNING 1) SELECT valuemark_changed(COUNT(*)) FROM changed", sql);
    }
  }
  return it->second ? it->second->c_str() : nullptr;
}

Result<void> PgConnection::SendQueued() {
  if (!queued_.empty()) TRY(RoundTrip(nullptr));
  return {};
}

Result<void> PgConnection::RollbackToSavepoint(const char* sql) {
  const std::optional<Error> failed = std::move(first_error_);
  first_error_.reset();
  if (auto r = ExecScript(sql); !r) {
    first_error_ = failed;
    return Fail(std::move(r.error()));
  }
  return {};
}

bool PgConnection::ClosedWhileIdle() const {
  pollfd p{PQsocket(conn_), POLLIN, 0};
  return p.fd < 0 || poll(&p, 1, 0) != 0;
}

Result<PgResult> PgConnection::ExecScript(const char* sql) {
  if (Pending()) TRY(RoundTrip(nullptr));  // a script may hold several statements: by itself
  PgResult result(PQexec(conn_, sql));
  const ExecStatusType status = PQresultStatus(result.raw());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    return Fail(PgError(conn_, result.raw(), sql));
  return result;
}

Result<void> PgConnection::DeallocateAll() {
  auto result = ExecScript("DEALLOCATE ALL");
  if (!result) return Fail(std::move(result.error()));
  prepared_.clear();
  return {};
}

PgPool::PgPool(std::string conninfo, size_t max_size, std::chrono::milliseconds acquire_timeout)
    : conninfo_(std::move(conninfo)),
      max_size_(max_size == 0 ? 1 : max_size),
      acquire_timeout_(acquire_timeout) {}

PgPool::~PgPool() = default;  // every lease has ended (the store outlives its transactions)

Result<PgPool::Lease> PgPool::Acquire() {
  std::unique_ptr<PgConnection> connection;
  {
    std::unique_lock lock(mu_);
    auto available = [&] { return !idle_.empty() || open_ < max_size_; };
    // First come, first served: a thread that finds others waiting queues
    // behind them, so that a busy thread that keeps asking cannot starve a
    // thread that asked before it.
    if (!waiting_.empty() || !available()) {
      const uint64_t ticket = next_ticket_++;
      waiting_.push_back(ticket);
      const bool ready = returned_.wait_for(
          lock, acquire_timeout_, [&] { return waiting_.front() == ticket && available(); });
      waiting_.erase(std::find(waiting_.begin(), waiting_.end(), ticket));
      // The next in line may be able to go now (or, after a timeout, instead).
      returned_.notify_all();
      if (!ready) {
        return Fail(Error::Make(ErrorCode::kUnavailable,
                                fmt::format("all {} PostgreSQL connections stayed busy for {} ms",
                                            max_size_, acquire_timeout_.count())));
      }
    }
    if (!idle_.empty()) {
      connection = std::move(idle_.back());
      idle_.pop_back();
    } else {
      ++open_;  // reserve the slot; connect outside the lock
    }
  }
  if (!connection) {
    auto connected = PgConnection::Connect(conninfo_);
    if (!connected) {
      Forget();
      return Fail(std::move(connected.error()));
    }
    connection = std::move(*connected);
    connection->schema_generation = schema_generation_.load();
  }
  Lease lease(this, std::move(connection));
  if (lease->schema_generation != schema_generation_.load()) {
    if (auto r = lease->DeallocateAll(); !r) {
      lease.Discard();
      return Fail(std::move(r.error()));
    }
    lease->schema_generation = schema_generation_.load();
  }
  return lease;
}

void PgPool::Return(std::unique_ptr<PgConnection> connection) {
  // A connection that failed, or that a bug left inside a transaction, is
  // not reused: the next Acquire() opens a fresh one.
  if (connection->IsBroken() || !connection->IsIdle()) {
    connection.reset();
    Forget();
    return;
  }
  {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(connection));
  }
  returned_.notify_all();  // only the first in line goes; the others wait on
}

void PgPool::Forget() {
  {
    std::lock_guard lock(mu_);
    --open_;
  }
  returned_.notify_all();
}

}  // namespace valuemark::storage::postgres
