// Brokerage's needs and matches (core/brokerage.h). The storage port's
// methods over the driver (transaction.h), one SQL text for both back ends.
// A match's explained score and partnership are kept as JSON
// (formats/brokerage_json.h).
#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/brokerage_json.h"
#include "storage/sql/query.h"
#include "storage/sql/transaction.h"

namespace valuemark::storage::sql {

namespace {

#define VM_NEED_COLUMNS                                                                        \
  "id, organisation_id, title, outcomes, themes, areas, theme_mask, area_mask, budget_pence, " \
  "starts_on, ends_on, status, created_by, created_at, updated_at, version"

constexpr char kInsertNeed[] =
    "INSERT INTO brokerage_needs (" VM_NEED_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) "
    "ON CONFLICT DO NOTHING";
constexpr char kUpdateNeed[] =
    "UPDATE brokerage_needs SET title = ?3, outcomes = ?4, themes = ?5, areas = ?6, "
    "theme_mask = ?7, area_mask = ?8, budget_pence = ?9, starts_on = ?10, ends_on = ?11, "
    "status = ?12, updated_at = ?13, version = version + 1 "
    "WHERE id = ?1 AND organisation_id = ?2 AND version = ?14";
constexpr char kFindNeed[] = "SELECT " VM_NEED_COLUMNS " FROM brokerage_needs WHERE id = ?1";
constexpr char kNeedsOfOrganisation[] = "SELECT " VM_NEED_COLUMNS
                                        " FROM brokerage_needs WHERE organisation_id = ?1 "
                                        "ORDER BY created_at DESC, id";
constexpr char kNeedsByStatus[] = "SELECT " VM_NEED_COLUMNS
                                  " FROM brokerage_needs WHERE status = ?1 "
                                  "ORDER BY created_at DESC, id";
#undef VM_NEED_COLUMNS

#define VM_MATCH_COLUMNS                                                                        \
  "id, need_id, entry_id, need_organisation_id, candidate_organisation_id, stage, introduced, " \
  "score, parts, note, answered_for, decline_reason, partnership, created_by, created_at, "     \
  "updated_at, version"

constexpr char kInsertMatch[] =
    "INSERT INTO brokerage_matches (" VM_MATCH_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) "
    "ON CONFLICT DO NOTHING";
constexpr char kUpdateMatch[] =
    "UPDATE brokerage_matches SET stage = ?2, introduced = ?3, note = ?4, answered_for = ?5, "
    "decline_reason = ?6, partnership = ?7, updated_at = ?8, version = version + 1 "
    "WHERE id = ?1 AND version = ?9";
constexpr char kDeleteMatch[] = "DELETE FROM brokerage_matches WHERE id = ?1";
constexpr char kFindMatch[] = "SELECT " VM_MATCH_COLUMNS " FROM brokerage_matches WHERE id = ?1";
constexpr char kMatchesOfNeed[] = "SELECT " VM_MATCH_COLUMNS
                                  " FROM brokerage_matches WHERE need_id = ?1 "
                                  "ORDER BY created_at, id";
constexpr char kMatchesOfOrganisation[] =
    "SELECT " VM_MATCH_COLUMNS
    " FROM brokerage_matches WHERE need_organisation_id = ?1 "
    "UNION SELECT " VM_MATCH_COLUMNS
    " FROM brokerage_matches WHERE candidate_organisation_id = ?1 "
    "ORDER BY 15 DESC, 1";
constexpr char kActivePartnerships[] =
    "SELECT entry_id, COUNT(*) FROM brokerage_matches WHERE stage IN ('agreed', 'active') "
    "GROUP BY entry_id";
#undef VM_MATCH_COLUMNS

Result<Need> NeedFromRow(const Statement& st) {
  Need n;
  n.id = st.Text(0);
  n.organisation_id = st.Text(1);
  n.title = st.Text(2);
  n.outcomes = st.Text(3);
  n.themes = SplitCodes(st.TextView(4));
  n.areas = SplitCodes(st.TextView(5));
  n.theme_mask = st.Int(6);
  n.area_mask = st.Int(7);
  if (!st.IsNull(8)) n.budget_pence = st.Int(8);
  n.starts_on = st.Text(9);
  n.ends_on = st.Text(10);
  auto status = ParseNeedStatus(st.Text(11));
  if (!status) return Fail(CorruptRow("brokerage_needs.status", status.error()));
  n.status = *status;
  n.created_by = st.Text(12);
  n.created_at = st.Int(13);
  n.updated_at = st.Int(14);
  n.version = st.Int(15);
  return n;
}

// ?1 to ?12: the fields an update writes too.
void BindNeedFields(Statement& st, const Need& n, const std::string& themes,
                    const std::string& areas) {
  st.BindText(1, n.id).BindText(2, n.organisation_id).BindText(3, n.title);
  st.BindText(4, n.outcomes).BindText(5, themes).BindText(6, areas);
  st.BindInt(7, n.theme_mask).BindInt(8, n.area_mask);
  if (n.budget_pence)
    st.BindInt(9, *n.budget_pence);
  else
    st.BindNull(9);
  st.BindText(10, n.starts_on).BindText(11, n.ends_on).BindText(12, Name(n.status));
}

Result<Match> MatchFromRow(const Statement& st) {
  Match m;
  m.id = st.Text(0);
  m.need_id = st.Text(1);
  m.entry_id = st.Text(2);
  m.need_organisation_id = st.Text(3);
  m.candidate_organisation_id = st.IsNull(4) ? std::string() : st.Text(4);
  auto stage = ParseMatchStage(st.Text(5));
  if (!stage) return Fail(CorruptRow("brokerage_matches.stage", stage.error()));
  m.stage = *stage;
  m.introduced = st.Int(6) != 0;
  m.score = st.Double(7);
  m.parts = TRY(formats::ParseScoreParts(st.TextView(8)));
  m.note = st.Text(9);
  m.answered_for = st.Text(10);
  m.decline_reason = st.Text(11);
  m.partnership = TRY(formats::ParseSharedOutcomes(st.TextView(12)));
  m.created_by = st.Text(13);
  m.created_at = st.Int(14);
  m.updated_at = st.Int(15);
  m.version = st.Int(16);
  return m;
}

void BindMatch(Statement& st, const Match& m, const std::string& parts,
               const std::string& partnership) {
  st.BindText(1, m.id).BindText(2, m.need_id).BindText(3, m.entry_id);
  st.BindText(4, m.need_organisation_id);
  if (m.candidate_organisation_id.empty())
    st.BindNull(5);
  else
    st.BindText(5, m.candidate_organisation_id);
  st.BindText(6, Name(m.stage)).BindInt(7, m.introduced ? 1 : 0).BindDouble(8, m.score);
  st.BindText(9, parts).BindText(10, m.note).BindText(11, m.answered_for);
  st.BindText(12, m.decline_reason).BindText(13, partnership).BindText(14, m.created_by);
  st.BindInt(15, m.created_at).BindInt(16, m.updated_at).BindInt(17, m.version);
}

std::string PartsJson(const std::vector<ScorePart>& parts) {
  formats::JsonWriter w(0);
  formats::WriteScoreParts(w, parts);
  return w.Take();
}

std::string PartnershipJson(const std::vector<SharedOutcome>& outcomes) {
  formats::JsonWriter w(0);
  formats::WriteSharedOutcomes(w, outcomes);
  return w.Take();
}

Error Stale(std::string_view what) {
  return Error::Make(ErrorCode::kFailedPrecondition,
                     fmt::format("someone else changed this {} first: reload it", what));
}

}  // namespace

Result<void> SqlTransaction::InsertNeed(const Need& n) {
  auto st = TRY(c_.Prepared(kInsertNeed));
  const std::string themes = JoinCodes(n.themes), areas = JoinCodes(n.areas);
  BindNeedFields(st, n, themes, areas);
  st.BindText(13, n.created_by).BindInt(14, n.created_at).BindInt(15, n.updated_at);
  st.BindInt(16, n.version);
  return RunInsert(st, "a need with this id");
}

Result<void> SqlTransaction::UpdateNeed(const Need& n) {
  auto st = TRY(c_.Prepared(kUpdateNeed));
  const std::string themes = JoinCodes(n.themes), areas = JoinCodes(n.areas);
  BindNeedFields(st, n, themes, areas);
  st.BindInt(13, n.updated_at).BindInt(14, n.version);
  TRY(st.Run());
  if (st.Changes() == 1) return {};
  return Fail(Stale("need"));
}

Result<std::optional<Need>> SqlTransaction::FindNeed(const std::string& id) {
  auto st = TRY(c_.Prepared(kFindNeed));
  st.BindText(1, id);
  return QueryOne(st, NeedFromRow);
}

Result<std::vector<Need>> SqlTransaction::ListNeedsOfOrganisation(
    const std::string& organisation_id) {
  auto st = TRY(c_.Prepared(kNeedsOfOrganisation));
  st.BindText(1, organisation_id);
  return QueryAll(st, NeedFromRow);
}

Result<std::vector<Need>> SqlTransaction::ListNeedsByStatus(NeedStatus status) {
  auto st = TRY(c_.Prepared(kNeedsByStatus));
  st.BindText(1, Name(status));
  return QueryAll(st, NeedFromRow);
}

Result<void> SqlTransaction::InsertMatch(const Match& m) {
  auto st = TRY(c_.Prepared(kInsertMatch));
  const std::string parts = PartsJson(m.parts), partnership = PartnershipJson(m.partnership);
  BindMatch(st, m, parts, partnership);
  return RunInsert(st, "a match of this need with this entry");
}

Result<void> SqlTransaction::UpdateMatch(const Match& m) {
  auto st = TRY(c_.Prepared(kUpdateMatch));
  const std::string partnership = PartnershipJson(m.partnership);
  st.BindText(1, m.id).BindText(2, Name(m.stage)).BindInt(3, m.introduced ? 1 : 0);
  st.BindText(4, m.note).BindText(5, m.answered_for).BindText(6, m.decline_reason);
  st.BindText(7, partnership).BindInt(8, m.updated_at).BindInt(9, m.version);
  TRY(st.Run());
  if (st.Changes() == 1) return {};
  return Fail(Stale("match"));
}

Result<void> SqlTransaction::DeleteMatch(const std::string& id) {
  auto st = TRY(c_.Prepared(kDeleteMatch));
  st.BindText(1, id);
  return RunOnOne(st, "match");
}

Result<std::optional<Match>> SqlTransaction::FindMatch(const std::string& id) {
  auto st = TRY(c_.Prepared(kFindMatch));
  st.BindText(1, id);
  return QueryOne(st, MatchFromRow);
}

Result<std::vector<Match>> SqlTransaction::ListMatchesOfNeed(const std::string& need_id) {
  auto st = TRY(c_.Prepared(kMatchesOfNeed));
  st.BindText(1, need_id);
  return QueryAll(st, MatchFromRow);
}

Result<std::vector<Match>> SqlTransaction::ListMatchesOfOrganisation(
    const std::string& organisation_id) {
  auto st = TRY(c_.Prepared(kMatchesOfOrganisation));
  st.BindText(1, organisation_id);
  return QueryAll(st, MatchFromRow);
}

Result<std::vector<std::pair<std::string, int64_t>>> SqlTransaction::CountActivePartnerships() {
  auto st = TRY(c_.Prepared(kActivePartnerships));
  std::vector<std::pair<std::string, int64_t>> out;
  while (TRY(st.Step())) out.emplace_back(st.Text(0), st.Int(1));
  return out;
}

}  // namespace valuemark::storage::sql
