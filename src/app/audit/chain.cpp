#include "app/audit/chain.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "app/certification/certificates.h"
#include "app/crypto.h"
#include "app/signing.h"
#include "formats/audit_checkpoint_json.h"
#include "formats/json_writer.h"
#include "formats/record_changes.h"
#include "formats/records_json.h"

namespace valuemark::app {
namespace {

constexpr int kPage = 1000;

// The checkpoint of the head `e` of its chain (heads: a roster's, or ""),
// signed with `key`; the caller stores it.
Result<AuditCheckpoint> SignedCheckpoint(const SigningKey& key, const AuditEntry& e,
                                         const std::string& heads, UnixTime now) {
  AuditCheckpoint c{e.chain, e.seq, e.hash, now, heads, key.id, ""};
  c.signature = TRY(SignMessage(key, CheckpointMessage(c)));
  return c;
}

std::string ChainOf(const AuditEvent& event) {
  return event.organisation_id.empty() ? kPlatformChain : event.organisation_id;
}

// The entry that records `event` after `head`.
AuditEntry EntryAfter(const AuditEvent& event, const AuditLink& head, UnixTime now) {
  AuditEntry e;
  e.chain = ChainOf(event);
  e.seq = head.seq + 1;
  e.prev_hash = head.hash;
  e.at = now;
  e.actor_id = event.actor_id;
  e.action = event.action;
  e.entity_type = event.entity_type;
  e.entity_id = event.entity_id;
  e.organisation_id = event.organisation_id;
  e.digest = Sha256Hex(event.change_json);
  if (!event.before_json.empty())
    e.changes =
        formats::WriteRecordChanges(formats::DiffRecords(event.before_json, event.change_json));
  e.hash = AuditHash(e);
  return e;
}

// The checkpoint, and the key that signed it.
Result<std::pair<AuditCheckpoint, SigningKey>> AppendSigned(Transaction& tx,
                                                            const AuditEvent& event,
                                                            const std::string& heads,
                                                            UnixTime now) {
  const std::string chain = ChainOf(event);
  auto [key, head] = TRY(tx.SigningKeyAndAuditHead(chain));
  if (!key) {
    // The very first key of all is made now, by a platform's first audited
    // event. Making it appends an entry of its own to the platform chain,
    // which may be this entry's: its head is read again after. (This chain's
    // head is then locked before the platform's; PostgreSQL would end a
    // deadlock with a writer taking them the other way round by failing one
    // of the two, and only while no key exists.)
    key = TRY(CurrentSigningKey(tx, now));
    head = TRY(tx.AuditHeadForAppend(chain));
  }
  const AuditEntry e = EntryAfter(event, head, now);
  TRY(tx.AppendAudit(e));
  auto checkpoint = TRY(SignedCheckpoint(*key, e, heads, now));
  TRY(tx.InsertAuditCheckpoint(checkpoint));
  return std::pair{std::move(checkpoint), std::move(*key)};
}

}  // namespace

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
      .String(e.digest);
  // Entries from before changes were kept hash as they always did.
  if (!e.changes.empty()) w.String(e.changes);
  w.EndArray();
  return Sha256Hex(w.Take());
}

std::string CheckpointMessage(const AuditCheckpoint& c) {
  formats::JsonWriter w(0);
  w.BeginArray()
      .String("valuemark.audit.checkpoint.v1")
      .String(c.chain)
      .Int(c.seq)
      .String(c.hash)
      .Int(c.at)
      .String(c.heads)
      .EndArray();
  return w.Take();
}

bool CheckpointSigned(const AuditCheckpoint& c, const std::vector<formats::PublishedKey>& keys) {
  const formats::PublishedKey* key = FindTrustedKey(keys, c.key_id);
  if (key == nullptr || KeyIdOf(key->public_key) != key->key_id) return false;
  if (key->retired_at && c.at > *key->retired_at) return false;
  return VerifyMessage(key->public_key, CheckpointMessage(c), c.signature);
}

Result<void> AppendAuditEvent(Transaction& tx, const AuditEvent& event, UnixTime now) {
  TRY(AppendSigned(tx, event, "", now));
  return {};
}

Result<ChainTip> AppendAuditEventTip(Transaction& tx, const AuditEvent& event, UnixTime now) {
  auto [checkpoint, key] = TRY(AppendSigned(tx, event, "", now));
  return ChainTip{std::move(key), AuditLink{checkpoint.seq, checkpoint.hash}};
}

Result<ChainTip> AppendAuditEventOn(Transaction& tx, const AuditEvent& event, UnixTime now,
                                    const ChainTip& tip) {
  const AuditEntry e = EntryAfter(event, tip.head, now);
  TRY(tx.AppendAuditOnHead(e));
  TRY(tx.InsertAuditCheckpointByCurrentKey(TRY(SignedCheckpoint(tip.key, e, "", now))));
  return ChainTip{tip.key, AuditLink{e.seq, e.hash}};
}

Result<int> SignUncheckpointedChains(Store& store, UnixTime now) {
  std::vector<std::string> unsigned_chains;
  auto r = store.Read([&](Transaction& tx) -> Result<void> {
    auto rosters = TRY(tx.ListAuditRosters());
    if (!rosters.empty()) return {};
    auto chains = TRY(tx.ListAuditChains());
    auto latest = TRY(tx.ListLatestAuditCheckpoints());
    std::set<std::string> signed_chains;
    for (const AuditCheckpoint& c : latest) signed_chains.insert(c.chain);
    for (const std::string& chain : chains)
      if (!signed_chains.contains(chain)) unsigned_chains.push_back(chain);
    return {};
  });
  if (!r) return Fail(r.error());
  for (const std::string& chain : unsigned_chains) {
    auto w = store.Write([&](Transaction& tx) -> Result<void> {
      auto key = TRY(CurrentSigningKey(tx, now));
      auto head = tx.AuditHead(chain);  // locks the chain: no append in between
      if (!head) return Fail(head.error());
      if (!*head) return {};
      TRY(tx.InsertAuditCheckpoint(TRY(SignedCheckpoint(key, **head, "", now))));
      return {};
    });
    if (!w) return Fail(w.error());
  }
  return static_cast<int>(unsigned_chains.size());
}

Result<std::optional<AuditCheckpoint>> WriteAuditRoster(Store& store, UnixTime now, bool always) {
  std::vector<formats::ChainHead> heads;
  std::optional<AuditCheckpoint> last;
  auto r = store.Read([&](Transaction& tx) -> Result<void> {
    auto keys = TRY(tx.ListSigningKeys());
    const std::vector<formats::PublishedKey> published = PublishedKeysOf(keys);
    auto latest = TRY(tx.ListLatestAuditCheckpoints());
    // Only heads this platform signed: a roster never vouches for an entry
    // someone appended without the key.
    for (const AuditCheckpoint& c : latest)
      if (CheckpointSigned(c, published)) heads.push_back({c.chain, c.seq, c.hash});
    auto rosters = TRY(tx.ListAuditRosters());
    if (!rosters.empty()) last = rosters.back();
    return {};
  });
  if (!r) return Fail(r.error());
  if (heads.empty()) return last;
  if (!always && last) {
    // Unchanged when the last roster is the platform chain's latest signed
    // head and every other chain's head is the one it signed.
    auto before = formats::ParseRosterHeads(last->heads);
    std::vector<formats::ChainHead> others;
    bool last_is_head = false;
    for (const formats::ChainHead& h : heads) {
      if (h.chain == kPlatformChain) {
        last_is_head = h.seq == last->seq;
      } else {
        others.push_back(h);
      }
    }
    if (before && last_is_head) {
      std::erase_if(*before, [](const formats::ChainHead& h) { return h.chain == kPlatformChain; });
      const bool same =
          std::equal(others.begin(), others.end(), before->begin(), before->end(),
                     [](const formats::ChainHead& a, const formats::ChainHead& b) {
                       return a.chain == b.chain && a.seq == b.seq && a.hash == b.hash;
                     });
      if (same) return last;
    }
  }
  const std::string heads_json = formats::RosterHeadsJson(heads);
  std::optional<AuditCheckpoint> roster;
  auto w = store.Write([&](Transaction& tx) -> Result<void> {
    roster = TRY(AppendSigned(tx, {"", "audit.checkpoint", "audit", kPlatformChain, "", heads_json},
                              heads_json, now))
                 .first;
    return {};
  });
  if (!w) return Fail(w.error());
  return roster;
}

namespace {

// A signed statement that a chain held entry `seq` with `hash`.
struct Claim {
  std::string hash;
  std::string source;
};

class ChainVerifier {
 public:
  ChainVerifier(Transaction& tx, const std::vector<formats::PublishedKey>& keys,
                AuditReport& report)
      : tx_(tx), keys_(keys), report_(report) {}

  void AddClaim(const std::string& chain, int64_t seq, const std::string& hash,
                const std::string& source) {
    claims_[chain].emplace(seq, Claim{hash, source});
  }
  void AddRoster(const AuditCheckpoint& c, const std::string& source) {
    auto heads = formats::ParseRosterHeads(c.heads);
    if (!heads) {
      report_.problems.push_back(
          {c.chain, c.seq, "its roster checkpoint is signed but unreadable"});
      return;
    }
    for (const formats::ChainHead& h : *heads) AddClaim(h.chain, h.seq, h.hash, source);
  }
  std::vector<std::string> ClaimedChains() const {
    std::vector<std::string> out;
    for (const auto& [chain, claims] : claims_) out.push_back(chain);
    return out;
  }

  Result<void> Verify(const std::string& chain) {
    ++report_.chains;
    const std::multimap<int64_t, Claim>& claims = claims_[chain];
    auto problem = [&](int64_t seq, std::string what) {
      report_.problems.push_back({chain, seq, std::move(what)});
    };
    int64_t expected_seq = 1;
    std::string prev_hash;
    bool signed_before = false;
    // The highest seq that a signed checkpoint or claim says the chain reached, and who says so.
    int64_t reached = 0;
    std::string reached_by;
    auto note_reach = [&](int64_t seq, const std::string& by) {
      if (seq > reached) {
        reached = seq;
        reached_by = by;
      }
    };
    for (const auto& [seq, claim] : claims) note_reach(seq, claim.source);

    std::vector<AuditCheckpoint> checkpoints;
    size_t next = 0;
    int64_t checkpoints_after = 0;
    bool checkpoints_done = false;
    // The next stored checkpoint, paging through them beside the entries.
    auto peek = [&]() -> Result<const AuditCheckpoint*> {
      if (next == checkpoints.size() && !checkpoints_done) {
        checkpoints = TRY(tx_.ListAuditCheckpoints(chain, checkpoints_after, kPage));
        next = 0;
        if (checkpoints.empty())
          checkpoints_done = true;
        else
          checkpoints_after = checkpoints.back().seq;
      }
      return next < checkpoints.size() ? &checkpoints[next] : nullptr;
    };
    // A checkpoint of no entry in the chain (the entry is gone): what it says is still signed.
    auto orphan = [&](const AuditCheckpoint& c) {
      if (CheckpointSigned(c, keys_)) {
        ++report_.checkpoints;
        note_reach(c.seq, fmt::format("its checkpoint signed at {}", formats::FormatTime(c.at)));
      } else {
        problem(
            c.seq,
            "its checkpoint is not signed by a trusted key (forged, or signed by a key not given)");
      }
    };

    for (;;) {
      auto page = TRY(tx_.ListAuditChain(chain, expected_seq - 1, kPage));
      if (page.empty()) break;
      for (const AuditEntry& e : page) {
        ++report_.entries;
        if (e.seq != expected_seq)
          problem(e.seq,
                  fmt::format("entries {} to {} are missing (deleted?)", expected_seq, e.seq - 1));
        if (e.prev_hash != prev_hash)
          problem(e.seq,
                  "its previous-hash does not match the entry before it (an entry was changed, "
                  "inserted or deleted)");
        if (e.chain != (e.organisation_id.empty() ? kPlatformChain : e.organisation_id))
          problem(e.seq, "it belongs to another chain");
        if (AuditHash(e) != e.hash)
          problem(e.seq, "its hash does not match its contents (the entry was altered)");

        const AuditCheckpoint* own = nullptr;
        for (;;) {
          auto c = TRY(peek());
          if (c == nullptr || c->seq > e.seq) break;
          ++next;
          if (c->seq == e.seq) {
            own = c;
            break;
          }
          orphan(*c);
        }
        bool vouched = false;
        if (own != nullptr) {
          if (!CheckpointSigned(*own, keys_)) {
            problem(e.seq,
                    "its checkpoint is not signed by a trusted key (forged, or signed by a key not "
                    "given)");
          } else {
            ++report_.checkpoints;
            if (own->hash != e.hash) {
              problem(e.seq,
                      "it differs from its signed checkpoint: the entry or the chain before it was "
                      "rewritten");
            } else {
              vouched = true;
            }
          }
        }
        auto [from, to] = claims.equal_range(e.seq);
        for (auto it = from; it != to; ++it) {
          if (it->second.hash != e.hash) {
            problem(e.seq, "it differs from the chain's head in " + it->second.source +
                               ": the chain was rewritten");
          } else {
            vouched = true;
          }
        }
        if (!vouched && signed_before)
          problem(e.seq, "it has no signed checkpoint: it was added without the platform's key");
        signed_before = signed_before || vouched;
        prev_hash = e.hash;
        expected_seq = e.seq + 1;
      }
    }
    for (;;) {
      auto c = TRY(peek());
      if (c == nullptr) break;
      ++next;
      orphan(*c);
    }
    const int64_t last = expected_seq - 1;
    if (reached > last) {
      if (last == 0) {
        problem(reached,
                fmt::format("the whole chain is missing, but {} shows it had {} entries (deleted)",
                            reached_by, reached));
      } else {
        problem(last + 1,
                fmt::format(
                    "entries {} to {} are missing from the end, but {} shows the chain reached {} "
                    "(deleted)",
                    last + 1, reached, reached_by, reached));
      }
    } else if (last > 0 && !signed_before) {
      problem(last,
              "no entry of this chain has a signed checkpoint: it was written without the "
              "platform's key, or its "
              "checkpoints were deleted (a database from before checkpoints: run `valuemark audit "
              "checkpoint` once)");
    }
    report_.heads.emplace_back(chain, prev_hash);
    return {};
  }

 private:
  Transaction& tx_;
  const std::vector<formats::PublishedKey>& keys_;
  AuditReport& report_;
  std::map<std::string, std::multimap<int64_t, Claim>> claims_;
};

}  // namespace

Result<AuditReport> VerifyAuditLog(Store& store, const AuditVerifyOptions& options) {
  AuditReport report;
  auto result = store.Read([&](Transaction& tx) -> Result<void> {
    std::vector<formats::PublishedKey> keys = options.keys;
    report.keys_from_database = !options.keys_given;
    if (!options.keys_given) {
      auto stored = TRY(tx.ListSigningKeys());
      keys = PublishedKeysOf(stored);
    }
    ChainVerifier verifier(tx, keys, report);
    // Rosters first: they vouch for the other chains. An unsigned one is
    // reported with the platform chain's checkpoints.
    auto rosters = TRY(tx.ListAuditRosters());
    for (const AuditCheckpoint& c : rosters) {
      if (!CheckpointSigned(c, keys)) continue;
      verifier.AddRoster(
          c, fmt::format("the roster checkpoint signed at {}", formats::FormatTime(c.at)));
      report.last_roster_at = c.at;
    }
    for (const AuditCheckpoint& c : options.kept) {
      if (!CheckpointSigned(c, keys)) {
        report.problems.push_back(
            {c.chain, c.seq, "a kept checkpoint is not signed by a trusted key"});
        continue;
      }
      const std::string source =
          fmt::format("the kept checkpoint signed at {}", formats::FormatTime(c.at));
      verifier.AddClaim(c.chain, c.seq, c.hash, source);
      if (!c.heads.empty()) verifier.AddRoster(c, source);
      if (!c.heads.empty() && (!report.last_roster_at || c.at > *report.last_roster_at))
        report.last_roster_at = c.at;
    }
    std::set<std::string> chains;
    auto logged = TRY(tx.ListAuditChains());
    chains.insert(logged.begin(), logged.end());
    auto latest = TRY(tx.ListLatestAuditCheckpoints());
    for (const AuditCheckpoint& c : latest) chains.insert(c.chain);
    for (const std::string& chain : verifier.ClaimedChains()) chains.insert(chain);
    for (const std::string& chain : chains) TRY(verifier.Verify(chain));
    return {};
  });
  if (!result) return Fail(result.error());
  report.valid = report.problems.empty();
  return report;
}

}  // namespace valuemark::app
