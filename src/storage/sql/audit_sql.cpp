// The hash-chained audit log and its signed checkpoints (migration 20).
// The storage port's methods over the driver (transaction.h), one SQL text
// for both back ends (dialect.h).
#include <fmt/format.h>

#include <charconv>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "storage/sql/query.h"
#include "storage/sql/transaction.h"

namespace valuemark::storage::sql {

namespace {

#define VM_AUDIT_COLUMNS                                                                           \
  "chain, seq, at, actor_id, action, entity_type, entity_id, organisation_id, digest, prev_hash, " \
  "hash, changes"

#define VM_CHECKPOINT_COLUMNS "chain, seq, hash, at, heads, key_id, signature"

constexpr char kAuditHead[] =
    "SELECT " VM_AUDIT_COLUMNS " FROM audit_log WHERE chain = ?1 ORDER BY seq DESC LIMIT 1";
constexpr char kAuditHeadLink[] =
    "SELECT seq, hash FROM audit_log WHERE chain = ?1 ORDER BY seq DESC LIMIT 1";
// A plain INSERT: an entry or checkpoint already there fails the statement
// itself (AlreadyExists), so that on PostgreSQL it may go in one round trip
// with COMMIT, which its failure then stops. "ON CONFLICT DO NOTHING" and a
// count of the rows changed would have to be answered before COMMIT is sent.
constexpr char kAppendAudit[] = "INSERT INTO audit_log (" VM_AUDIT_COLUMNS
                                ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
constexpr char kListAuditForEntity[] = "SELECT " VM_AUDIT_COLUMNS
                                       " FROM audit_log WHERE entity_type = ?1 AND entity_id = ?2 "
                                       "ORDER BY at, chain, seq";
constexpr char kListAuditChain[] =
    "SELECT " VM_AUDIT_COLUMNS
    " FROM audit_log WHERE chain = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3";
// Newest first by the primary key (chain, seq); the filters are optional.
constexpr char kListAuditHistory[] =
    "SELECT " VM_AUDIT_COLUMNS
    " FROM audit_log WHERE chain = ?1 AND (?2 = 0 OR seq < ?2) AND (?3 = '' OR entity_type = ?3) "
    "AND (?4 = '' OR actor_id = ?4) ORDER BY seq DESC LIMIT ?5";
constexpr char kListAuditChains[] = "SELECT DISTINCT chain FROM audit_log ORDER BY chain";
constexpr char kInsertAuditCheckpoint[] =
    "INSERT INTO audit_checkpoints (" VM_CHECKPOINT_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
// kInsertAuditCheckpoint while its key is current: otherwise it inserts
// nothing, which fails the transaction (RunLater's if_unchanged).
constexpr char kInsertAuditCheckpointByCurrentKey[] =
    "INSERT INTO audit_checkpoints (" VM_CHECKPOINT_COLUMNS
    ") SELECT ?1, CAST(?2 AS BIGINT), ?3, CAST(?4 AS BIGINT), ?5, ?6, ?7 "
    "WHERE EXISTS (SELECT 1 FROM signing_keys WHERE id = ?6 AND retired_at IS NULL)";
constexpr char kListAuditCheckpoints[] = "SELECT " VM_CHECKPOINT_COLUMNS
                                         " FROM audit_checkpoints WHERE chain = ?1 AND seq > ?2 "
                                         "ORDER BY seq LIMIT ?3";
constexpr char kListLatestAuditCheckpoints[] =
    "SELECT " VM_CHECKPOINT_COLUMNS
    " FROM audit_checkpoints c WHERE seq = "
    "(SELECT MAX(seq) FROM audit_checkpoints l WHERE l.chain = c.chain) ORDER BY chain";
constexpr char kListAuditRosters[] =
    "SELECT " VM_CHECKPOINT_COLUMNS " FROM audit_checkpoints WHERE heads <> '' ORDER BY seq, chain";

#undef VM_AUDIT_COLUMNS
#undef VM_CHECKPOINT_COLUMNS

Result<app::AuditEntry> AuditFromRow(const Statement& st) {
  return app::AuditEntry{st.Text(0), st.Int(1),  st.Int(2),  st.Text(3), st.Text(4),  st.Text(5),
                         st.Text(6), st.Text(7), st.Text(8), st.Text(9), st.Text(10), st.Text(11)};
}

Result<app::AuditCheckpoint> CheckpointFromRow(const Statement& st) {
  return app::AuditCheckpoint{st.Text(0), st.Int(1),  st.Text(2), st.Int(3),
                              st.Text(4), st.Text(5), st.Text(6)};
}

}  // namespace

// Writers are serialised by the store's writer mutex and BEGIN IMMEDIATE,
// so the head read here cannot move before this transaction commits.
Result<std::optional<app::AuditEntry>> SqlTransaction::AuditHead(const std::string& chain) {
  auto st = TRY(c_.Prepared(kAuditHead));
  st.BindText(1, chain);
  return QueryOne(st, AuditFromRow);
}

// Refuses an entry that does not extend the chain's head (seq + 1, and
// prev_hash equal to the head's hash): a gap or a fork is a bug upstream.
Result<void> SqlTransaction::AppendAudit(const app::AuditEntry& entry) {
  const AuditLink head = TRY(AuditHeadForAppend(entry.chain));
  if (entry.seq != head.seq + 1 || entry.prev_hash != head.hash) {
    return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                            fmt::format("audit entry {} does not extend chain \"{}\" (head is {})",
                                        entry.seq, entry.chain, head.seq)));
  }
  TRY(InsertAuditEntry(entry));
  return AuditAppended(entry);
}

// Here the head is read (and on PostgreSQL locked) as AppendAudit reads it;
// PostgreSQL's own way sends it all with the next round trip.
Result<void> SqlTransaction::AppendAuditOnHead(const app::AuditEntry& entry) {
  const AuditLink head = TRY(AuditHeadForAppend(entry.chain));
  if (entry.seq != head.seq + 1 || entry.prev_hash != head.hash)
    return Fail(app::AuditChainMovedMeanwhile());
  TRY(InsertAuditEntry(entry));
  return AuditAppended(entry);
}

Result<void> SqlTransaction::InsertAuditEntry(const app::AuditEntry& entry) {
  auto st = TRY(c_.Prepared(kAppendAudit));
  st.BindText(1, entry.chain).BindInt(2, entry.seq).BindInt(3, entry.at);
  st.BindText(4, entry.actor_id).BindText(5, entry.action).BindText(6, entry.entity_type);
  st.BindText(7, entry.entity_id).BindText(8, entry.organisation_id).BindText(9, entry.digest);
  st.BindText(10, entry.prev_hash).BindText(11, entry.hash).BindText(12, entry.changes);
  return st.RunLater();
}

// Writers are serialised (SQLite: the store's writer mutex and BEGIN
// IMMEDIATE), so the head read here cannot move before this transaction
// commits.
Result<SqlTransaction::AuditLink> SqlTransaction::AuditHeadForAppend(const std::string& chain) {
  auto st = TRY(c_.Prepared(kAuditHeadLink));
  st.BindText(1, chain);
  if (!TRY(st.Step())) return AuditLink{};
  return AuditLink{st.Int(0), st.Text(1)};
}

Result<void> SqlTransaction::AuditAppended(const app::AuditEntry&) { return {}; }

Result<std::vector<app::AuditEntry>> SqlTransaction::ListAuditForEntity(
    const std::string& entity_type, const std::string& entity_id) {
  auto st = TRY(c_.Prepared(kListAuditForEntity));
  st.BindText(1, entity_type).BindText(2, entity_id);
  return QueryAll(st, AuditFromRow);
}

Result<std::vector<app::AuditEntry>> SqlTransaction::ListAuditChain(const std::string& chain,
                                                                    int64_t after_seq, int limit) {
  const int64_t checked = TRY(CheckLimit(limit));
  auto st = TRY(c_.Prepared(kListAuditChain));
  st.BindText(1, chain).BindInt(2, after_seq).BindInt(3, checked);
  return QueryAll(st, AuditFromRow);
}

Result<std::vector<app::AuditEntry>> SqlTransaction::ListAuditHistory(
    const std::string& chain, const std::string& entity_type, const std::string& actor_id,
    int64_t before_seq, int limit) {
  const int64_t checked = TRY(CheckLimit(limit));
  auto st = TRY(c_.Prepared(kListAuditHistory));
  st.BindText(1, chain).BindInt(2, before_seq).BindText(3, entity_type).BindText(4, actor_id);
  st.BindInt(5, checked);
  return QueryAll(st, AuditFromRow);
}

Result<std::vector<std::string>> SqlTransaction::ListAuditChains() {
  auto st = TRY(c_.Prepared(kListAuditChains));
  return QueryAll(st, TextFromRow);
}

namespace {
void BindCheckpoint(Statement& st, const app::AuditCheckpoint& c) {
  st.BindText(1, c.chain).BindInt(2, c.seq).BindText(3, c.hash).BindInt(4, c.at);
  st.BindText(5, c.heads).BindText(6, c.key_id).BindText(7, c.signature);
}
}  // namespace

Result<void> SqlTransaction::InsertAuditCheckpoint(const app::AuditCheckpoint& c) {
  auto st = TRY(c_.Prepared(kInsertAuditCheckpoint));
  BindCheckpoint(st, c);
  return st.RunLater();
}

Result<void> SqlTransaction::InsertAuditCheckpointByCurrentKey(const app::AuditCheckpoint& c) {
  auto st = TRY(c_.Prepared(kInsertAuditCheckpointByCurrentKey));
  BindCheckpoint(st, c);
  return st.RunLater(app::AuditChainMovedMeanwhile());
}

Result<std::vector<app::AuditCheckpoint>> SqlTransaction::ListAuditCheckpoints(
    const std::string& chain, int64_t after_seq, int limit) {
  const int64_t checked = TRY(CheckLimit(limit));
  auto st = TRY(c_.Prepared(kListAuditCheckpoints));
  st.BindText(1, chain).BindInt(2, after_seq).BindInt(3, checked);
  return QueryAll(st, CheckpointFromRow);
}

Result<std::vector<app::AuditCheckpoint>> SqlTransaction::ListLatestAuditCheckpoints() {
  auto st = TRY(c_.Prepared(kListLatestAuditCheckpoints));
  return QueryAll(st, CheckpointFromRow);
}

Result<std::vector<app::AuditCheckpoint>> SqlTransaction::ListAuditRosters() {
  auto st = TRY(c_.Prepared(kListAuditRosters));
  return QueryAll(st, CheckpointFromRow);
}

}  // namespace valuemark::storage::sql
