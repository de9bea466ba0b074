// The audit module's slice of the storage port (store.h): the outbox with
// its read markers, and the append-only audit log with its checkpoints.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/certification/certification_store.h"
#include "app/store_types.h"
#include "formats/audit_checkpoint_json.h"

namespace valuemark::app {

// A notification waiting to be sent (always stored; sent by SMTP when configured).
struct OutboxMessage {
  int64_t id = 0;  // assigned by the store
  std::string to;
  std::string subject;
  std::string body;
  UnixTime created_at = 0;
  std::optional<UnixTime> sent_at;
  int attempts = 0;
  std::string last_error;
};

// One entry of the append-only, hash-chained audit log. Entries form one chain
// per organisation (chain = organisation id) plus the chain "platform" for
// accounts and staff actions; seq counts from 1 within a chain.
struct AuditEntry {
  std::string chain;
  int64_t seq = 0;
  UnixTime at = 0;
  std::string actor_id;     // user id, or "" for the system
  std::string action;       // e.g. "organisation.create"
  std::string entity_type;  // e.g. "organisation", "member", "scope"
  std::string entity_id;
  std::string organisation_id;  // "" for platform entries
  std::string digest;           // hex SHA-256 of the canonical JSON of the change
  std::string prev_hash;        // hash of entry seq − 1 ("" for seq 1)
  std::string hash;             // hex SHA-256 over prev_hash and this entry's fields
  // What an update changed, field by field (formats/record_changes.h's stored
  // form), "" when the entry records no before and after. Part of the hash.
  std::string changes;
};

// The head a new entry extends: its seq and hash (0 and "": an empty chain).
struct AuditLink {
  int64_t seq = 0;
  std::string hash;
};

// A signature by the platform's key over one audit chain's head (chain.h),
// written in the same transaction as every entry. A roster is the checkpoint of
// a platform-chain entry ("audit.checkpoint") that also signs the latest
// checkpointed head of every chain (`heads`), so that a chain deleted whole or
// cut short is found. Append-only, like the log.
using AuditCheckpoint = formats::SignedCheckpoint;

// The refusal of AppendAuditOnHead or InsertAuditCheckpointByCurrentKey: the
// chain or the keys changed since the caller read them; try again, reading
// them afresh.
inline Error AuditChainMovedMeanwhile() {
  return Error::RetryLater(ErrorCode::kUnavailable, "the audit trail moved on meanwhile: try again",
                           1);
}
inline bool IsAuditChainMovedMeanwhile(const Error& e) {
  return e.code == ErrorCode::kUnavailable && e.message == AuditChainMovedMeanwhile().message;
}

// Inside a transaction of the store (store.h), like every slice.
class AuditPort {
 public:
  virtual ~AuditPort() = default;

  // Outbox (global)
  virtual Result<int64_t> EnqueueMessage(const OutboxMessage& message) = 0;
  virtual Result<std::vector<OutboxMessage>> ListUnsentMessages(int limit) = 0;  // oldest first
  virtual Result<std::vector<OutboxMessage>> ListMessages(
      const PageRequest& page) = 0;  // newest first
  // In-app notifications: the messages to one address, newest first, and how
  // far (a message id) a user has read them.
  virtual Result<std::vector<OutboxMessage>> ListMessagesTo(const std::string& to, int limit) = 0;
  virtual Result<int64_t> NotificationsSeenUpTo(const std::string& user_id) = 0;  // 0: none read
  virtual Result<void> SetNotificationsSeenUpTo(const std::string& user_id, int64_t message_id) = 0;
  virtual Result<void> MarkMessageSent(int64_t id, UnixTime at) = 0;
  virtual Result<void> MarkMessageFailed(int64_t id, const std::string& error) = 0;  // attempts + 1

  // Audit log (append-only: there is no update or delete)
  // The last entry of a chain, or nullopt for an empty chain. In a write
  // transaction this also locks the chain until commit, so that concurrent
  // writers append one after the other.
  virtual Result<std::optional<AuditEntry>> AuditHead(const std::string& chain) = 0;
  // What a new entry of the chain extends: its head's seq and hash (0 and ""
  // for an empty chain), locked as AuditHead locks it, without reading the
  // whole entry (on PostgreSQL one round trip fewer per append).
  virtual Result<AuditLink> AuditHeadForAppend(const std::string& chain) = 0;
  // FindCurrentSigningKey, then AuditHeadForAppend, read together: on
  // PostgreSQL in one round trip, so that a chain stays locked for one round
  // trip less of each append.
  virtual Result<std::pair<std::optional<SigningKey>, AuditLink>> SigningKeyAndAuditHead(
      const std::string& chain) = 0;
  virtual Result<void> AppendAudit(const AuditEntry& entry) = 0;
  // AppendAudit where the caller expects the chain's head to be (entry.seq
  // - 1, entry.prev_hash), without reading or locking it first: the
  // transaction fails with AuditChainMovedMeanwhile(), at the latest at
  // COMMIT, when the head is elsewhere then.
  virtual Result<void> AppendAuditOnHead(const AuditEntry& entry) = 0;
  // Entries about one record, oldest first.
  virtual Result<std::vector<AuditEntry>> ListAuditForEntity(const std::string& entity_type,
                                                             const std::string& entity_id) = 0;
  // A chain's entries with seq > after_seq, in order, at most limit.
  virtual Result<std::vector<AuditEntry>> ListAuditChain(const std::string& chain,
                                                         int64_t after_seq, int limit) = 0;
  virtual Result<std::vector<std::string>> ListAuditChains() = 0;
  // A chain's entries with seq < before_seq (0: from the newest), newest
  // first, at most limit; only those about records of `entity_type` and by
  // `actor_id` when these are not empty (an organisation's History).
  virtual Result<std::vector<AuditEntry>> ListAuditHistory(const std::string& chain,
                                                           const std::string& entity_type,
                                                           const std::string& actor_id,
                                                           int64_t before_seq, int limit) = 0;
  // Signed checkpoints of the chains (append-only; AlreadyExists for a
  // (chain, seq) taken).
  virtual Result<void> InsertAuditCheckpoint(const AuditCheckpoint& checkpoint) = 0;
  // InsertAuditCheckpoint while its key is current (stored and not
  // retired); else the transaction fails with AuditChainMovedMeanwhile(), at
  // the latest at COMMIT.
  virtual Result<void> InsertAuditCheckpointByCurrentKey(const AuditCheckpoint& checkpoint) = 0;
  // A chain's checkpoints with seq > after_seq, in order, at most limit.
  virtual Result<std::vector<AuditCheckpoint>> ListAuditCheckpoints(const std::string& chain,
                                                                    int64_t after_seq,
                                                                    int limit) = 0;
  // The checkpoint with the highest seq of each chain that has one, by chain.
  virtual Result<std::vector<AuditCheckpoint>> ListLatestAuditCheckpoints() = 0;
  // Every roster (a checkpoint with heads), oldest first.
  virtual Result<std::vector<AuditCheckpoint>> ListAuditRosters() = 0;
};

}  // namespace valuemark::app
