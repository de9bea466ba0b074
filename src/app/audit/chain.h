// The audit trail: every write appends who did what to which record, when,
// and a digest of the change, to a hash-chained log in the same transaction as
// the write (docs/operations.md "Auditing"). Any altered, inserted or deleted entry breaks
// the chain, which VerifyAuditLog finds.
//
// The chains alone cannot show what someone with write access to the
// database did consistently: cut a chain short, delete one whole, append a
// well-hashed entry, or rewrite a chain and recompute its hashes. So each
// entry's head is also signed with the platform's Ed25519 key (app/signing.h)
// in the same transaction (a checkpoint), and a roster checkpoint (an
// "audit.checkpoint" entry of the platform chain) signs the latest signed
// head of every chain at each start of the server, hourly while it runs when
// anything changed, and on `valuemark audit checkpoint`. Given the public keys
// (not the database's own key table) VerifyAuditLog then finds all four,
// except what was done after the last roster: an entry and its checkpoint
// written since can be removed without trace unless a copy of a later
// checkpoint is kept elsewhere (docs/operations.md "Auditing").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/store.h"
#include "formats/key_set_json.h"

namespace valuemark::app {

inline constexpr char kPlatformChain[] = "platform";

struct AuditEvent {
  std::string actor_id;  // "" for the system
  std::string action;    // e.g. "organisation.update"
  std::string entity_type;
  std::string entity_id;
  std::string organisation_id;  // "" for platform events (chain "platform")
  std::string change_json;      // the record after the change (or what was removed)
  // The record before an update, in the same JSON form: the entry then keeps
  // what changed, field by field, for the History ("Area: Leeds → Bradford").
  std::string before_json = {};
};

// Appends one entry and its signed checkpoint; call inside the Write
// transaction of the change.
Result<void> AppendAuditEvent(Transaction& tx, const AuditEvent& event, UnixTime now);

// What a writer may keep of a chain between its transactions, so as to
// append to it without reading it first: the signing key that was current,
// and the head the chain has once what it appended commits.
struct ChainTip {
  SigningKey key;
  AuditLink head;
};
// AppendAuditEvent, and the chain's tip after it.
Result<ChainTip> AppendAuditEventTip(Transaction& tx, const AuditEvent& event, UnixTime now);
// AppendAuditEvent on the head and the key of `tip`, read from neither the
// chain nor the keys: the transaction fails with AuditChainMovedMeanwhile()
// (at the latest at COMMIT) when the head is elsewhere by then or the key
// was retired. On PostgreSQL the append then costs no round trip of its own,
// and the chain is locked only from the COMMIT's round trip on. The tip
// after it.
Result<ChainTip> AppendAuditEventOn(Transaction& tx, const AuditEvent& event, UnixTime now,
                                    const ChainTip& tip);

// The hash of an entry: SHA-256 over its previous hash and its own fields.
std::string AuditHash(const AuditEntry& e);
// The bytes a checkpoint's signature covers: a JSON array that starts with
// "valuemark.audit.checkpoint.v1", then chain, seq, hash, at and heads (a
// certificate's signed bytes start with "{", so neither passes for the other).
std::string CheckpointMessage(const AuditCheckpoint& c);
// Whether one of `keys` signed the checkpoint (a retired key only before it retired).
bool CheckpointSigned(const AuditCheckpoint& c, const std::vector<formats::PublishedKey>& keys);

// Signs the heads of chains that have no checkpoint yet, while no roster
// exists (a database from before checkpoints); returns how many. Once the
// first roster is written this does nothing, so that it can never vouch for a
// chain someone added later without the key.
Result<int> SignUncheckpointedChains(Store& store, UnixTime now);
// Appends a roster checkpoint of every chain's latest signed head, unless
// nothing changed since the last roster and !always; returns the roster (the
// last one when nothing changed), nullopt when the log is empty.
Result<std::optional<AuditCheckpoint>> WriteAuditRoster(Store& store, UnixTime now, bool always);

struct AuditProblem {
  std::string chain;
  int64_t seq = 0;
  std::string problem;
};

struct AuditVerifyOptions {
  // The keys that may sign checkpoints. Unless keys_given, the database's own
  // key table is used, which an attacker who can write the database can fill.
  std::vector<formats::PublishedKey> keys;
  bool keys_given = false;
  // Checkpoints kept away from the database (`audit checkpoint` output).
  std::vector<AuditCheckpoint> kept;
};

struct AuditReport {
  bool valid = true;
  int64_t chains = 0;
  int64_t entries = 0;
  int64_t checkpoints = 0;  // signed by a trusted key
  bool keys_from_database = false;
  std::optional<UnixTime> last_roster_at;
  std::vector<AuditProblem> problems;
  // The last hash of each chain: record them elsewhere to detect a chain cut short.
  std::vector<std::pair<std::string, std::string>> heads;
};

Result<AuditReport> VerifyAuditLog(Store& store, const AuditVerifyOptions& options = {});

}  // namespace valuemark::app
