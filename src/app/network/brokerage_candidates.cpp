// The broker's ranking of the directory against a need
// (BrokerageService::Candidates): each entry sharing a theme is bounded
// without its capacity, and entries are read best bound first until the next
// could not make the list. A shortlisted entry keeps the score it has here
// (ScoreNow).
#include <algorithm>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "app/certification/certificates.h"
#include "app/network/brokerage.h"
#include "app/network/directory.h"
#include "core/calendar.h"

namespace valuemark::app {
namespace {

constexpr int kMaxCandidates = 100;

}  // namespace

namespace {

struct Held {
  std::string title;
  int level = 0;
  int levels = 0;
};

// Each organisation's best certificate in force, not suspended, by the share
// of its scheme's levels it reached.
Result<std::unordered_map<std::string, Held>> BestCertificates(Transaction& tx,
                                                               const SchemeCatalogue& schemes,
                                                               Days today) {
  std::unordered_map<std::string, Held> out;
  for (const StoredCertificate& s : TRY(tx.ListCertificatesInForce(FormatDay(today)))) {
    if (s.standing != CertificateStanding::kActive) continue;
    const Certificate& c = s.certificate;
    const Scheme* scheme = schemes.Latest(c.scheme_id);
    const int levels = scheme ? static_cast<int>(scheme->levels.size()) : c.level;
    if (levels <= 0) continue;
    Held h{CertificateTitle(c), c.level, levels};
    auto [it, fresh] = out.try_emplace(c.organisation_id, h);
    if (!fresh && h.level * it->second.levels > it->second.level * h.levels) it->second = h;
  }
  return out;
}

// What the ranking knows of an entry: its themes, areas and size, the
// partnerships it is in now, and its organisation's best certificate.
CandidateFacts FactsOf(const DirectoryEntry& e,
                       const std::unordered_map<std::string, int64_t>& active,
                       const Held* certificate) {
  CandidateFacts f;
  f.entry_id = e.id;
  f.organisation_id = e.organisation_id;
  f.name = e.name;
  f.theme_mask = e.theme_mask;
  f.area_mask = e.area_mask;
  f.size_band = e.size_band;
  if (auto it = active.find(e.id); it != active.end())
    f.active_partnerships = static_cast<int>(it->second);
  if (certificate) {
    f.certificate_title = certificate->title;
    f.certificate_level = certificate->level;
    f.certificate_levels = certificate->levels;
  }
  return f;
}

// The entries' partnerships at agreed or active, by entry id.
Result<std::unordered_map<std::string, int64_t>> ActivePartnerships(Transaction& tx) {
  std::unordered_map<std::string, int64_t> out;
  for (auto& [entry, count] : TRY(tx.CountActivePartnerships())) out[entry] = count;
  return out;
}

}  // namespace

Result<std::vector<CandidateView>> BrokerageService::Candidates(const Caller& caller,
                                                                const std::string& need_id,
                                                                int limit) {
  if (!IsBroker(caller)) return Fail(NotAllowed());
  limit = std::clamp(limit, 1, kMaxCandidates);
  return store_.ReadValue([&](Transaction& tx) -> Result<std::vector<CandidateView>> {
    auto need = TRY(tx.FindNeed(need_id));
    if (!need) return Fail(NoSuchNeed());
    const Taxonomy& t = DirectoryTaxonomy();
    const auto held = TRY(BestCertificates(tx, options_.schemes, DayOf(Now())));
    const auto active = TRY(ActivePartnerships(tx));
    std::unordered_map<std::string, std::string> matched;  // entry id → match id
    for (const Match& m : TRY(tx.ListMatchesOfNeed(need_id))) matched[m.entry_id] = m.id;

    // Every entry sharing a theme, scored but for its capacity (read below
    // only for those that could still make the list).
    struct Hit {
      int64_t seq;
      double rank;  // the order of names
      std::string organisation_id;
      double upper;
      const Held* certificate;
    };
    std::vector<Hit> hits;
    DirectorySearch search;
    search.theme_mask = need->theme_mask;
    TRY(tx.ScanDirectory(search, /*unlisted_too=*/true, [&](const DirectoryHit& h) {
      if (!h.organisation_id.empty() && h.organisation_id == need->organisation_id) return;
      const Held* c = nullptr;
      if (!h.organisation_id.empty())
        if (auto it = held.find(std::string(h.organisation_id)); it != held.end()) c = &it->second;
      const double upper = ScoreWithoutCapacity(*need, h.theme_mask, h.area_mask, t,
                                                c ? c->level : 0, c ? c->levels : 0) +
                           kCapacityPoints;
      hits.push_back({h.seq, h.rank, std::string(h.organisation_id), upper, c});
    }));
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
      return a.upper != b.upper ? a.upper > b.upper
                                : std::tie(a.rank, a.seq) < std::tie(b.rank, b.seq);
    });
    // Read entries best bound first, until the next could not beat the list's last.
    std::vector<RankedCandidate> ranked;
    std::unordered_map<std::string, DirectoryEntry> entries;
    for (const Hit& h : hits) {
      if (static_cast<int>(ranked.size()) >= limit && h.upper <= ranked.back().score) break;
      auto entry = TRY(tx.FindDirectoryEntryBySeq(h.seq));
      // An organisation is brokered only when it opted in by listing its
      // profile; the broker's own entries are the network it works with.
      if (!entry || (entry->source == DirectorySource::kOrganisation && !entry->listed)) continue;
      ranked.push_back(ScoreCandidate(t, *need, FactsOf(*entry, active, h.certificate)));
      SortRanked(ranked);
      if (static_cast<int>(ranked.size()) > limit) ranked.pop_back();
      entries.emplace(entry->id, std::move(*entry));
    }
    std::vector<CandidateView> out;
    for (RankedCandidate& r : ranked) {
      CandidateView v;
      const DirectoryEntry& e = entries.at(r.facts.entry_id);
      v.summary = e.summary;
      v.listed = e.listed;
      if (auto it = matched.find(e.id); it != matched.end()) v.match_id = it->second;
      v.ranked = std::move(r);
      out.push_back(std::move(v));
    }
    return out;
  });
}

Result<RankedCandidate> BrokerageService::ScoreNow(Transaction& tx, const Need& need,
                                                   const DirectoryEntry& entry) {
  const auto held = TRY(BestCertificates(tx, options_.schemes, DayOf(Now())));
  const auto certificate = held.find(entry.organisation_id);
  return ScoreCandidate(DirectoryTaxonomy(), need,
                        FactsOf(entry, TRY(ActivePartnerships(tx)),
                                certificate == held.end() ? nullptr : &certificate->second));
}

}  // namespace valuemark::app
