// The network module's slice of the storage port (store.h): the directory of
// social enterprises, and brokerage's needs and matches.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/brokerage.h"
#include "core/directory.h"
#include "core/engagement.h"
#include "core/organisation.h"
#include "core/support.h"

namespace valuemark::app {

// What a search needs of each entry it matches, for the facet counts and the
// page; the page's entries are then read whole by their seq.
struct DirectoryHit {
  int64_t seq = 0;
  // Its place among the matches: smaller first, ties by seq. With words, its
  // relevance as a number smallest for the best match (FTS5's bm25,
  // PostgreSQL's ts_rank negated); without, its place in the order of names.
  double rank = 0;
  std::string_view organisation_id;  // empty for the broker's entries; valid during the call
  int64_t theme_mask = 0;
  int64_t area_mask = 0;
  int64_t legal_form_mask = 0;
};

// The counts of a search's matches, grouped inside the database: how many
// matches there are, how many have each set of themes, of areas, of legal
// forms, and each organisation (the broker's entries, which have none, are
// left out), with the seqs of one page of them in the order of their ranks.
// The use case turns sets into per-term counts.
struct DirectoryCounts {
  int64_t total = 0;
  std::vector<std::pair<int64_t, int64_t>> themes, areas, legal_forms;  // mask, matches
  std::vector<std::pair<std::string, int64_t>> organisations;           // id, matches
  std::vector<int64_t> page;
};

// An organisation that contributes to benchmarking, and the peer group it
// falls in.
struct BenchmarkContribution {
  std::string organisation_id;
  std::string sector;  // the organisation's sector, in lower case
  std::string region;  // a taxonomy area code
  SizeBand size_band = SizeBand::kSmall;
  std::string opted_in_by;
  UnixTime opted_in_at = 0;
  UnixTime refreshed_at = 0;  // when its figures were last worked out
};

// One figure of one contributor, with its contribution (valid during the call).
struct BenchmarkRow {
  std::string_view organisation_id;
  std::string_view sector;
  std::string_view region;
  std::string_view size_band;
  UnixTime refreshed_at = 0;
  std::string_view metric;
  double value = 0;
};

class NetworkPort {
 public:
  virtual ~NetworkPort() = default;

  // Directory entries (global: an entry may have no organisation; key id,
  // unique organisation_id when there is one). An insert whose id or
  // organisation is taken is AlreadyExists.
  virtual Result<void> InsertDirectoryEntry(const DirectoryEntry& entry) = 0;
  // Saves every field if the stored version equals entry.version, and stores
  // version + 1; FailedPrecondition otherwise.
  virtual Result<void> UpdateDirectoryEntry(const DirectoryEntry& entry) = 0;
  virtual Result<void> DeleteDirectoryEntry(const std::string& id) = 0;
  virtual Result<std::optional<DirectoryEntry>> FindDirectoryEntry(const std::string& id) = 0;
  virtual Result<std::optional<DirectoryEntry>> FindDirectoryEntryBySeq(int64_t seq) = 0;
  // The entries of these seqs (one page of a search), in the order given;
  // a seq no longer stored is left out.
  virtual Result<std::vector<DirectoryEntry>> FindDirectoryEntriesBySeq(
      const std::vector<int64_t>& seqs) = 0;
  virtual Result<std::optional<DirectoryEntry>> FindDirectoryEntryOfOrganisation(
      const std::string& organisation_id) = 0;
  // Entries whose DuplicateKey() is `key`, listed or not.
  virtual Result<std::vector<DirectoryEntry>> FindDirectoryEntriesByDuplicateKey(
      const std::string& key) = 0;
  // What a back end that counts faster than it sends rows offers instead of
  // a ScanDirectory: the counts of every match and the page at [offset,
  // offset + limit) in the order of ScanDirectory's ranks. nullopt: not
  // offered (scan instead).
  virtual Result<std::optional<DirectoryCounts>> CountDirectory(const DirectorySearch& search,
                                                                bool unlisted_too, int64_t offset,
                                                                int64_t limit) {
    (void)search, (void)unlisted_too, (void)offset, (void)limit;
    return std::optional<DirectoryCounts>();
  }
  // Every entry matching the search, each with its rank: by relevance to its
  // words (the back end's own full-text search: SQLite FTS5, PostgreSQL
  // tsvector), or by name when it has none. In no particular order: the
  // caller orders the few it shows, which costs less than the database's
  // sorting every match. Only listed entries unless `unlisted_too`.
  virtual Result<void> ScanDirectory(const DirectorySearch& search, bool unlisted_too,
                                     const std::function<void(const DirectoryHit&)>& fn) = 0;
  // As ScanDirectory, for a search without words, over these organisations'
  // profiles only (a certification filter, which only the profiles of
  // certified organisations can pass: the work grows with them, not with the
  // directory). Each hit's rank is its place by name among these.
  virtual Result<void> ScanDirectoryOf(const std::vector<std::string>& organisation_ids,
                                       const DirectorySearch& search, bool unlisted_too,
                                       const std::function<void(const DirectoryHit&)>& fn) = 0;

  // Needs (global: the broker works them across organisations; key id). An
  // update saves if the stored version equals need.version and stores
  // version + 1; FailedPrecondition otherwise.
  virtual Result<void> InsertNeed(const Need& need) = 0;
  virtual Result<void> UpdateNeed(const Need& need) = 0;
  virtual Result<std::optional<Need>> FindNeed(const std::string& id) = 0;
  // Newest first.
  virtual Result<std::vector<Need>> ListNeedsOfOrganisation(const std::string& organisation_id) = 0;
  virtual Result<std::vector<Need>> ListNeedsByStatus(NeedStatus status) = 0;

  // Matches (global: a match joins two organisations, or one and an
  // enterprise on no account; key id, unique need and entry). An insert of
  // a need's entry already matched is AlreadyExists; an update is checked by
  // version as for needs.
  virtual Result<void> InsertMatch(const Match& match) = 0;
  virtual Result<void> UpdateMatch(const Match& match) = 0;
  virtual Result<void> DeleteMatch(const std::string& id) = 0;
  virtual Result<std::optional<Match>> FindMatch(const std::string& id) = 0;
  // Oldest first.
  virtual Result<std::vector<Match>> ListMatchesOfNeed(const std::string& need_id) = 0;
  // Those whose need is the organisation's or whose candidate it is, newest first.
  virtual Result<std::vector<Match>> ListMatchesOfOrganisation(
      const std::string& organisation_id) = 0;
  // Per entry, its matches at agreed or active: the partnerships it is in now.
  virtual Result<std::vector<std::pair<std::string, int64_t>>> CountActivePartnerships() = 0;

  // Benchmarking (tenant: key organisation_id; figures key organisation_id,
  // metric). Upsert writes the contribution whole; Delete removes it and its
  // figures; Replace puts the figures in place of those it had.
  virtual Result<void> UpsertBenchmarkContribution(const BenchmarkContribution& c) = 0;
  virtual Result<void> DeleteBenchmarkContribution(const std::string& organisation_id) = 0;
  virtual Result<std::optional<BenchmarkContribution>> FindBenchmarkContribution(
      const std::string& organisation_id) = 0;
  virtual Result<void> ReplaceBenchmarkFigures(
      const std::string& organisation_id,
      const std::vector<std::pair<std::string, double>>& figures) = 0;
  // Every contributor's figures, by organisation.
  virtual Result<void> ScanBenchmarkFigures(const std::function<void(const BenchmarkRow&)>& fn) = 0;

  // The support registers (global: the certifying body keeps them; key id).
  // An insert of a taken id is AlreadyExists; an update saves if the stored
  // version equals the entry's and stores version + 1, FailedPrecondition
  // otherwise; a delete of no entry is NotFound. Lists are by name (title).
  virtual Result<void> InsertPractitioner(const Practitioner& p) = 0;
  virtual Result<void> UpdatePractitioner(const Practitioner& p) = 0;
  virtual Result<void> DeletePractitioner(const std::string& id) = 0;
  virtual Result<std::optional<Practitioner>> FindPractitioner(const std::string& id) = 0;
  virtual Result<std::vector<Practitioner>> ListPractitioners() = 0;
  virtual Result<void> InsertConsultant(const Consultant& k) = 0;
  virtual Result<void> UpdateConsultant(const Consultant& k) = 0;
  virtual Result<void> DeleteConsultant(const std::string& id) = 0;
  virtual Result<std::optional<Consultant>> FindConsultant(const std::string& id) = 0;
  virtual Result<std::vector<Consultant>> ListConsultants() = 0;
  // A resource with its file's bytes (`content`, empty for a link); the
  // update writes the file too.
  virtual Result<void> InsertResource(const Resource& r, const std::string& content) = 0;
  virtual Result<void> UpdateResource(const Resource& r, const std::string& content) = 0;
  virtual Result<void> DeleteResource(const std::string& id) = 0;
  virtual Result<std::optional<Resource>> FindResource(const std::string& id) = 0;
  virtual Result<std::vector<Resource>> ListResources() = 0;
  virtual Result<std::optional<std::string>> ResourceContent(const std::string& id) = 0;

  // Consultant engagements (tenant: key organisation_id, id). Insert of a
  // taken id is AlreadyExists; an update is checked by version as above.
  // Lists: newest allocation first.
  virtual Result<void> InsertEngagement(const Engagement& e) = 0;
  virtual Result<void> UpdateEngagement(const Engagement& e) = 0;
  virtual Result<std::optional<Engagement>> FindEngagement(const std::string& id) = 0;
  virtual Result<std::vector<Engagement>> ListEngagementsOfOrganisation(
      const std::string& organisation_id) = 0;
  virtual Result<std::vector<Engagement>> ListEngagementsOfConsultant(
      const std::string& consultant_id) = 0;
};

}  // namespace valuemark::app
