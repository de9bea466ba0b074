// The audit trail: every write appends who did what to which record, when,
// and a digest of the change, to a hash-chained log in the same transaction as
// the write (product.md §14). Any altered, inserted or deleted entry breaks
// the chain, which VerifyAuditLog finds.
#pragma once

#include <string>
#include <vector>

#include "app/store.h"

namespace valuemark::app {

inline constexpr char kPlatformChain[] = "platform";

struct AuditEvent {
  std::string actor_id;  // "" for the system
  std::string action;    // e.g. "organisation.update"
  std::string entity_type;
  std::string entity_id;
  std::string organisation_id;  // "" for platform events (chain "platform")
  std::string change_json;      // the record after the change (or what was removed)
};

// Appends one entry; call inside the Write transaction of the change.
Result<void> AppendAuditEvent(Transaction& tx, const AuditEvent& event, UnixTime now);

// The hash of an entry: SHA-256 over its previous hash and its own fields.
std::string AuditHash(const AuditEntry& e);

struct AuditProblem {
  std::string chain;
  int64_t seq = 0;
  std::string problem;
};

struct AuditReport {
  bool valid = true;
  int64_t chains = 0;
  int64_t entries = 0;
  std::vector<AuditProblem> problems;
  // The last hash of each chain: record them elsewhere to detect a chain cut short.
  std::vector<std::pair<std::string, std::string>> heads;
};

Result<AuditReport> VerifyAuditLog(Store& store);

}  // namespace valuemark::app
