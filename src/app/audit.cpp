#include "app/audit.h"

#include <fmt/format.h>

#include "app/crypto.h"
#include "formats/json_writer.h"

namespace valuemark::app {

std::string AuditHash(const AuditEntry& e) {
  // A JSON array is an unambiguous encoding of the fields (no separator can be forged).
  formats::JsonWriter w(0);
  w.BeginArray()
      .String(e.prev_hash)
      .String(e.chain)
      .Int(e.seq)
      .Int(e.at)
      .String(e.actor_id)
      .String(e.action)
      .String(e.entity_type)
      .String(e.entity_id)
      .String(e.organisation_id)
      .String(e.digest)
      .EndArray();
  return Sha256Hex(w.Take());
}

Result<void> AppendAuditEvent(Transaction& tx, const AuditEvent& event, UnixTime now) {
  AuditEntry e;
  e.chain = event.organisation_id.empty() ? kPlatformChain : event.organisation_id;
  auto head = tx.AuditHead(e.chain);
  if (!head) return Fail(head.error());
  e.seq = *head ? (*head)->seq + 1 : 1;
  e.prev_hash = *head ? (*head)->hash : "";
  e.at = now;
  e.actor_id = event.actor_id;
  e.action = event.action;
  e.entity_type = event.entity_type;
  e.entity_id = event.entity_id;
  e.organisation_id = event.organisation_id;
  e.digest = Sha256Hex(event.change_json);
  e.hash = AuditHash(e);
  return tx.AppendAudit(e);
}

Result<AuditReport> VerifyAuditLog(Store& store) {
  AuditReport report;
  auto result = store.Read([&](Transaction& tx) -> Result<void> {
    auto chains = tx.ListAuditChains();
    if (!chains) return Fail(chains.error());
    for (const std::string& chain : *chains) {
      ++report.chains;
      int64_t expected_seq = 1;
      std::string prev_hash;
      for (;;) {
        auto page = tx.ListAuditChain(chain, expected_seq - 1, 1000);
        if (!page) return Fail(page.error());
        if (page->empty()) break;
        for (const AuditEntry& e : *page) {
          ++report.entries;
          auto problem = [&](std::string what) { report.problems.push_back({chain, e.seq, std::move(what)}); };
          if (e.seq != expected_seq)
            problem(fmt::format("entries {} to {} are missing (deleted?)", expected_seq, e.seq - 1));
          if (e.prev_hash != prev_hash)
            problem("its previous-hash does not match the entry before it (an entry was changed, inserted or deleted)");
          if (e.chain != (e.organisation_id.empty() ? kPlatformChain : e.organisation_id))
            problem("it belongs to another chain");
          if (AuditHash(e) != e.hash) problem("its hash does not match its contents (the entry was altered)");
          prev_hash = e.hash;
          expected_seq = e.seq + 1;
        }
      }
      report.heads.emplace_back(chain, prev_hash);
    }
    return {};
  });
  if (!result) return Fail(result.error());
  report.valid = report.problems.empty();
  return report;
}

}  // namespace valuemark::app
