// Consultant engagements (core/engagement.h): the storage port's methods over
// the driver (transaction.h), one SQL text for both back ends. The content
// is stored as JSON (formats/engagement_json.h) and read back strictly.
#include <optional>
#include <string>
#include <vector>

#include "formats/engagement_json.h"
#include "storage/sql/query.h"
#include "storage/sql/transaction.h"

namespace valuemark::storage::sql {

namespace {

#define VM_ENGAGEMENT_COLUMNS                                                      \
  "organisation_id, id, scheme_id, consultant_id, status, content, allocated_by, " \
  "allocated_at, updated_by, updated_at, version"

constexpr char kInsertEngagement[] =
    "INSERT INTO engagements (" VM_ENGAGEMENT_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT DO NOTHING";
constexpr char kUpdateEngagement[] =
    "UPDATE engagements SET status = ?3, content = ?4, updated_by = ?5, updated_at = ?6, "
    "version = version + 1 WHERE organisation_id = ?1 AND id = ?2 AND version = ?7";
constexpr char kFindEngagement[] =
    "SELECT " VM_ENGAGEMENT_COLUMNS " FROM engagements WHERE id = ?1";
constexpr char kEngagementsOfOrganisation[] =
    "SELECT " VM_ENGAGEMENT_COLUMNS
    " FROM engagements WHERE organisation_id = ?1 ORDER BY allocated_at DESC, id";
constexpr char kEngagementsOfConsultant[] =
    "SELECT " VM_ENGAGEMENT_COLUMNS
    " FROM engagements WHERE consultant_id = ?1 ORDER BY allocated_at DESC, id";
#undef VM_ENGAGEMENT_COLUMNS

Result<Engagement> EngagementFromRow(const Statement& st) {
  Engagement e;
  e.organisation_id = st.Text(0);
  e.id = st.Text(1);
  e.scheme_id = st.Text(2);
  e.consultant_id = st.Text(3);
  auto status = ParseEngagementStatus(st.Text(4));
  if (!status) return Fail(CorruptRow("engagements.status", status.error()));
  e.status = *status;
  auto content = formats::ParseEngagementContent(st.Text(5));
  if (!content) return Fail(CorruptRow("engagements.content", content.error()));
  e.content = std::move(*content);
  e.allocated_by = st.Text(6);
  e.allocated_at = st.Int(7);
  e.updated_by = st.Text(8);
  e.updated_at = st.Int(9);
  e.version = st.Int(10);
  return e;
}

}  // namespace

Result<void> SqlTransaction::InsertEngagement(const Engagement& e) {
  auto st = TRY(c_.Prepared(kInsertEngagement));
  const std::string content = formats::EngagementContentJson(e.content);
  st.BindText(1, e.organisation_id).BindText(2, e.id).BindText(3, e.scheme_id);
  st.BindText(4, e.consultant_id).BindText(5, Name(e.status)).BindText(6, content);
  st.BindText(7, e.allocated_by).BindInt(8, e.allocated_at).BindText(9, e.updated_by);
  st.BindInt(10, e.updated_at).BindInt(11, e.version);
  return RunInsert(st, "an engagement with this id");
}

Result<void> SqlTransaction::UpdateEngagement(const Engagement& e) {
  auto st = TRY(c_.Prepared(kUpdateEngagement));
  const std::string content = formats::EngagementContentJson(e.content);
  st.BindText(1, e.organisation_id).BindText(2, e.id).BindText(3, Name(e.status));
  st.BindText(4, content).BindText(5, e.updated_by).BindInt(6, e.updated_at);
  st.BindInt(7, e.version);
  TRY(st.Run());
  if (st.Changes() == 1) return {};
  return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                          "someone else changed this engagement first: reload it"));
}

Result<std::optional<Engagement>> SqlTransaction::FindEngagement(const std::string& id) {
  auto st = TRY(c_.Prepared(kFindEngagement));
  st.BindText(1, id);
  return QueryOne(st, EngagementFromRow);
}

Result<std::vector<Engagement>> SqlTransaction::ListEngagementsOfOrganisation(
    const std::string& organisation_id) {
  auto st = TRY(c_.Prepared(kEngagementsOfOrganisation));
  st.BindText(1, organisation_id);
  return QueryAll(st, EngagementFromRow);
}

Result<std::vector<Engagement>> SqlTransaction::ListEngagementsOfConsultant(
    const std::string& consultant_id) {
  auto st = TRY(c_.Prepared(kEngagementsOfConsultant));
  st.BindText(1, consultant_id);
  return QueryAll(st, EngagementFromRow);
}

}  // namespace valuemark::storage::sql
