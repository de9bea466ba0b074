// The directory of social enterprises. The storage port's methods over the
// driver (transaction.h), one SQL text for both back ends (dialect.h) except
// the full-text search, which each back end does its own way: SQLite's FTS5
// here, PostgreSQL's tsvector in postgres_store.cpp.
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "storage/sql/query.h"
#include "storage/sql/transaction.h"

namespace valuemark::storage::sql {

namespace {

#define VM_DIRECTORY_COLUMNS                                                                      \
  "id, organisation_id, source, name, sort_name, duplicate_key, summary, legal_form, size_band, " \
  "people, areas, themes, website, contact_name, contact_email, listed, taxonomy_version, "       \
  "theme_mask, area_mask, legal_form_mask, created_at, updated_at, updated_by, version"

constexpr char kInsertDirectoryEntry[] =
    "INSERT INTO directory_entries (" VM_DIRECTORY_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    "?19, ?20, ?21, ?22, ?23, ?24) ON CONFLICT DO NOTHING";
constexpr char kUpdateDirectoryEntry[] =
    "UPDATE directory_entries SET name = ?2, sort_name = ?3, duplicate_key = ?4, summary = ?5, "
    "legal_form = ?6, size_band = ?7, people = ?8, areas = ?9, themes = ?10, website = ?11, "
    "contact_name = ?12, contact_email = ?13, listed = ?14, taxonomy_version = ?15, "
    "theme_mask = ?16, area_mask = ?17, legal_form_mask = ?18, updated_at = ?19, "
    "updated_by = ?20, version = version + 1 WHERE id = ?1 AND version = ?21";
constexpr char kDeleteDirectoryEntry[] = "DELETE FROM directory_entries WHERE id = ?1";
constexpr char kFindDirectoryEntry[] =
    "SELECT " VM_DIRECTORY_COLUMNS " FROM directory_entries WHERE id = ?1";
constexpr char kFindDirectoryEntryBySeq[] =
    "SELECT " VM_DIRECTORY_COLUMNS " FROM directory_entries WHERE seq = ?1";
// Up to 25 entries by their seqs (a page of a search in one statement; the
// unused places are -1, which no entry has), each with its seq last.
constexpr int kSeqsAtOnce = 25;
constexpr char kFindDirectoryEntriesBySeqStart[] =
    "SELECT " VM_DIRECTORY_COLUMNS ", seq FROM directory_entries WHERE seq IN (";
constexpr char kFindDirectoryEntryOfOrganisation[] =
    "SELECT " VM_DIRECTORY_COLUMNS " FROM directory_entries WHERE organisation_id = ?1";
constexpr char kFindDirectoryEntriesByDuplicateKey[] =
    "SELECT " VM_DIRECTORY_COLUMNS " FROM directory_entries WHERE duplicate_key = ?1 ORDER BY seq";

#undef VM_DIRECTORY_COLUMNS

// The filters every search applies: ?1 themes, ?2 areas, ?3 legal forms (0: any).
#define VM_DIRECTORY_FILTERS                                                      \
  "((e.theme_mask & ?1) <> 0 OR ?1 = 0) AND ((e.area_mask & ?2) <> 0 OR ?2 = 0) " \
  "AND ((e.legal_form_mask & ?3) <> 0 OR ?3 = 0)"
#define VM_DIRECTORY_HIT \
  "SELECT e.seq, e.organisation_id, e.theme_mask, e.area_mask, e.legal_form_mask "
// One organisation's profile (?4) if it passes the filters, with its name
// for the order: ScanDirectoryOf.
#define VM_DIRECTORY_OF(listed)                                          \
  VM_DIRECTORY_HIT                                                       \
  ", e.sort_name FROM directory_entries e WHERE e.organisation_id = ?4 " \
  "AND " listed VM_DIRECTORY_FILTERS
constexpr char kFindListedOf[] = VM_DIRECTORY_OF("e.listed = 1 AND ");
constexpr char kFindAllOf[] = VM_DIRECTORY_OF("");
#undef VM_DIRECTORY_OF

constexpr char kScanListed[] =
    VM_DIRECTORY_HIT "FROM directory_entries e WHERE e.listed = 1 AND " VM_DIRECTORY_FILTERS
                     " ORDER BY e.sort_name, e.seq";
constexpr char kScanAll[] = VM_DIRECTORY_HIT "FROM directory_entries e WHERE " VM_DIRECTORY_FILTERS
                                             " ORDER BY e.sort_name, e.seq";
// FTS5, ?4 the query: its words quoted, the last a prefix, each match's sets
// read from the narrow directory_search (SQLite's migration 47). Names weigh most;
// bm25 is already smaller for the better match. Unsorted (the caller orders
// the page it shows: on 27,657 matches of a common word SQLite's sorter took
// a tenth of the search), and the index read first (CROSS JOIN): without an
// ORDER BY the planner chose to scan every entry and ask the index about each
// (81 s for a common word).
#define VM_DIRECTORY_FTS5(listed)                                          \
  VM_DIRECTORY_HIT                                                         \
  ", bm25(directory_fts, 10.0, 2.0, 1.0, 1.0) "                            \
  "FROM directory_fts f CROSS JOIN directory_search e ON e.seq = f.rowid " \
  "WHERE directory_fts MATCH ?4 AND " listed VM_DIRECTORY_FILTERS
constexpr char kSearchListedFts5[] = VM_DIRECTORY_FTS5("e.listed = 1 AND ");
constexpr char kSearchAllFts5[] = VM_DIRECTORY_FTS5("");
#undef VM_DIRECTORY_FTS5

Result<DirectoryEntry> DirectoryEntryFromRow(const Statement& st) {
  DirectoryEntry e;
  e.id = st.Text(0);
  e.organisation_id = st.IsNull(1) ? std::string() : st.Text(1);
  e.source = TRY(ParseDirectorySource(st.Text(2)));
  e.name = st.Text(3);
  e.sort_name = st.Text(4);
  e.summary = st.Text(6);
  e.legal_form = st.Text(7);
  auto size = ParseSizeBand(st.Text(8));
  if (!size) return Fail(CorruptRow("directory_entries.size_band", size.error()));
  e.size_band = *size;
  e.people = st.Int(9);
  e.areas = SplitCodes(st.TextView(10));
  e.themes = SplitCodes(st.TextView(11));
  e.website = st.Text(12);
  e.contact_name = st.Text(13);
  e.contact_email = st.Text(14);
  e.listed = st.Int(15) != 0;
  e.taxonomy_version = static_cast<int>(st.Int(16));
  e.theme_mask = st.Int(17);
  e.area_mask = st.Int(18);
  e.legal_form_mask = st.Int(19);
  e.created_at = st.Int(20);
  e.updated_at = st.Int(21);
  e.updated_by = st.Text(22);
  e.version = st.Int(23);
  return e;
}

void BindEntry(Statement& st, const DirectoryEntry& e, const std::string& duplicate_key,
               const std::string& areas, const std::string& themes) {
  st.BindText(1, e.id);
  if (e.organisation_id.empty())
    st.BindNull(2);
  else
    st.BindText(2, e.organisation_id);
  st.BindText(3, Name(e.source)).BindText(4, e.name).BindText(5, e.sort_name);
  st.BindText(6, duplicate_key).BindText(7, e.summary).BindText(8, e.legal_form);
  st.BindText(9, Name(e.size_band)).BindInt(10, e.people).BindText(11, areas);
  st.BindText(12, themes).BindText(13, e.website).BindText(14, e.contact_name);
  st.BindText(15, e.contact_email).BindInt(16, e.listed ? 1 : 0).BindInt(17, e.taxonomy_version);
  st.BindInt(18, e.theme_mask).BindInt(19, e.area_mask).BindInt(20, e.legal_form_mask);
  st.BindInt(21, e.created_at).BindInt(22, e.updated_at).BindText(23, e.updated_by);
  st.BindInt(24, e.version);
}

}  // namespace

Result<void> SqlTransaction::InsertDirectoryEntry(const DirectoryEntry& e) {
  auto st = TRY(c_.Prepared(kInsertDirectoryEntry));
  const std::string key = DuplicateKey(e.name), areas = JoinCodes(e.areas),
                    themes = JoinCodes(e.themes);
  BindEntry(st, e, key, areas, themes);
  return RunInsert(st, "a directory entry with this id or organisation");
}

Result<void> SqlTransaction::UpdateDirectoryEntry(const DirectoryEntry& e) {
  auto st = TRY(c_.Prepared(kUpdateDirectoryEntry));
  const std::string key = DuplicateKey(e.name), areas = JoinCodes(e.areas),
                    themes = JoinCodes(e.themes);
  st.BindText(1, e.id).BindText(2, e.name).BindText(3, e.sort_name).BindText(4, key);
  st.BindText(5, e.summary).BindText(6, e.legal_form).BindText(7, Name(e.size_band));
  st.BindInt(8, e.people).BindText(9, areas).BindText(10, themes).BindText(11, e.website);
  st.BindText(12, e.contact_name).BindText(13, e.contact_email).BindInt(14, e.listed ? 1 : 0);
  st.BindInt(15, e.taxonomy_version).BindInt(16, e.theme_mask).BindInt(17, e.area_mask);
  st.BindInt(18, e.legal_form_mask).BindInt(19, e.updated_at).BindText(20, e.updated_by);
  st.BindInt(21, e.version);
  TRY(st.Run());
  if (st.Changes() == 1) return {};
  return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                          "someone else changed this directory entry first: reload it"));
}

Result<void> SqlTransaction::DeleteDirectoryEntry(const std::string& id) {
  auto st = TRY(c_.Prepared(kDeleteDirectoryEntry));
  st.BindText(1, id);
  return RunOnOne(st, "directory entry");
}

Result<std::optional<DirectoryEntry>> SqlTransaction::FindDirectoryEntry(const std::string& id) {
  auto st = TRY(c_.Prepared(kFindDirectoryEntry));
  st.BindText(1, id);
  return QueryOne(st, DirectoryEntryFromRow);
}

Result<std::optional<DirectoryEntry>> SqlTransaction::FindDirectoryEntryBySeq(int64_t seq) {
  auto st = TRY(c_.Prepared(kFindDirectoryEntryBySeq));
  st.BindInt(1, seq);
  return QueryOne(st, DirectoryEntryFromRow);
}

Result<std::vector<DirectoryEntry>> SqlTransaction::FindDirectoryEntriesBySeq(
    const std::vector<int64_t>& seqs) {
  static const std::string sql = [] {
    std::string text = kFindDirectoryEntriesBySeqStart;
    for (int i = 1; i <= kSeqsAtOnce; ++i) text += fmt::format("{}?{}", i == 1 ? "" : ", ", i);
    return text + ")";
  }();
  std::unordered_map<int64_t, DirectoryEntry> found;
  for (size_t from = 0; from < seqs.size(); from += kSeqsAtOnce) {
    auto st = TRY(c_.Prepared(sql.c_str()));
    for (size_t i = 0; i < kSeqsAtOnce; ++i)
      st.BindInt(static_cast<int>(i) + 1, from + i < seqs.size() ? seqs[from + i] : -1);
    while (TRY(st.Step())) {
      const int64_t seq = st.Int(24);
      found.emplace(seq, TRY(DirectoryEntryFromRow(st)));
    }
  }
  std::vector<DirectoryEntry> out;
  for (int64_t seq : seqs)
    if (auto it = found.find(seq); it != found.end()) out.push_back(it->second);
  return out;
}

Result<std::optional<DirectoryEntry>> SqlTransaction::FindDirectoryEntryOfOrganisation(
    const std::string& organisation_id) {
  auto st = TRY(c_.Prepared(kFindDirectoryEntryOfOrganisation));
  st.BindText(1, organisation_id);
  return QueryOne(st, DirectoryEntryFromRow);
}

Result<std::vector<DirectoryEntry>> SqlTransaction::FindDirectoryEntriesByDuplicateKey(
    const std::string& key) {
  auto st = TRY(c_.Prepared(kFindDirectoryEntriesByDuplicateKey));
  st.BindText(1, key);
  return QueryAll(st, DirectoryEntryFromRow);
}

Result<void> SqlTransaction::ScanDirectory(
    const DirectorySearch& search, bool unlisted_too,
    const std::function<void(const app::DirectoryHit&)>& fn) {
  if (search.words.empty())
    return ScanDirectoryWith(unlisted_too ? kScanAll : kScanListed, search, "", fn);
  // FTS5's query: each word a quoted string (no word holds a quote or an
  // operator: SearchWords), all of them required, the last a prefix.
  std::string query;
  for (const std::string& w : search.words) query += (query.empty() ? "\"" : " \"") + w + "\"";
  query += "*";
  return ScanDirectoryWith(unlisted_too ? kSearchAllFts5 : kSearchListedFts5, search, query, fn);
}

Result<void> SqlTransaction::ScanDirectoryOf(
    const std::vector<std::string>& organisation_ids, const DirectorySearch& search,
    bool unlisted_too, const std::function<void(const app::DirectoryHit&)>& fn) {
  struct Found {
    std::string sort_name, organisation_id;
    app::DirectoryHit hit;
  };
  std::vector<Found> found;
  for (const std::string& id : organisation_ids) {
    auto st = TRY(c_.Prepared(unlisted_too ? kFindAllOf : kFindListedOf));
    st.BindInt(1, search.theme_mask).BindInt(2, search.area_mask);
    st.BindInt(3, search.legal_form_mask).BindText(4, id);
    if (!TRY(st.Step())) continue;
    found.push_back({st.Text(5), id, {st.Int(0), 0, {}, st.Int(2), st.Int(3), st.Int(4)}});
  }
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return std::tie(a.sort_name, a.hit.seq) < std::tie(b.sort_name, b.hit.seq);
  });
  for (size_t i = 0; i < found.size(); ++i) {
    found[i].hit.rank = static_cast<double>(i);
    found[i].hit.organisation_id = found[i].organisation_id;
    fn(found[i].hit);
  }
  return {};
}

Result<void> SqlTransaction::ScanDirectoryWith(
    const char* sql, const DirectorySearch& search, const std::string& query,
    const std::function<void(const app::DirectoryHit&)>& fn) {
  auto st = TRY(c_.Prepared(sql));
  st.BindInt(1, search.theme_mask).BindInt(2, search.area_mask).BindInt(3, search.legal_form_mask);
  if (!query.empty()) st.BindText(4, query);
  // With words the sixth column is the rank; without, the rows come in the
  // order of names and each one's place is its rank.
  const bool ranked = !query.empty();
  for (double place = 0; TRY(st.Step()); ++place) {
    fn(app::DirectoryHit{st.Int(0), ranked ? st.Double(5) : place,
                         st.IsNull(1) ? std::string_view() : st.TextView(1), st.Int(2), st.Int(3),
                         st.Int(4)});
  }
  return {};
}

}  // namespace valuemark::storage::sql
