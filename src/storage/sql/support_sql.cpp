// The support registers (core/support.h): practitioners, consultants and the
// resource library. The storage port's methods over the driver
// (transaction.h), one SQL text for both back ends.
#include <optional>
#include <string>
#include <vector>

#include "storage/sql/query.h"
#include "storage/sql/transaction.h"

namespace valuemark::storage::sql {

namespace {

#define VM_PRACTITIONER_COLUMNS                                                         \
  "id, name, level, organisation, contact, areas, awarded_on, expires_on, updated_by, " \
  "updated_at, version"
#define VM_CONSULTANT_COLUMNS                                                              \
  "id, name, organisation, summary, website, email, areas, schemes, languages, criteria, " \
  "updated_by, updated_at, version"
#define VM_RESOURCE_COLUMNS                                                                \
  "id, title, kind, summary, link, file_name, media_type, file_bytes, schemes, criteria, " \
  "updated_by, updated_at, version"

constexpr char kInsertPractitioner[] =
    "INSERT INTO support_practitioners (" VM_PRACTITIONER_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT DO NOTHING";
constexpr char kUpdatePractitioner[] =
    "UPDATE support_practitioners SET name = ?2, level = ?3, organisation = ?4, contact = ?5, "
    "areas = ?6, awarded_on = ?7, expires_on = ?8, updated_by = ?9, updated_at = ?10, "
    "version = version + 1 WHERE id = ?1 AND version = ?11";
constexpr char kDeletePractitioner[] = "DELETE FROM support_practitioners WHERE id = ?1";
constexpr char kFindPractitioner[] =
    "SELECT " VM_PRACTITIONER_COLUMNS " FROM support_practitioners WHERE id = ?1";
constexpr char kListPractitioners[] =
    "SELECT " VM_PRACTITIONER_COLUMNS " FROM support_practitioners ORDER BY name, id";

constexpr char kInsertConsultant[] =
    "INSERT INTO support_consultants (" VM_CONSULTANT_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT DO NOTHING";
constexpr char kUpdateConsultant[] =
    "UPDATE support_consultants SET name = ?2, organisation = ?3, summary = ?4, website = ?5, "
    "email = ?6, areas = ?7, schemes = ?8, languages = ?9, criteria = ?10, updated_by = ?11, "
    "updated_at = ?12, version = version + 1 WHERE id = ?1 AND version = ?13";
constexpr char kDeleteConsultant[] = "DELETE FROM support_consultants WHERE id = ?1";
constexpr char kFindConsultant[] =
    "SELECT " VM_CONSULTANT_COLUMNS " FROM support_consultants WHERE id = ?1";
constexpr char kListConsultants[] =
    "SELECT " VM_CONSULTANT_COLUMNS " FROM support_consultants ORDER BY name, id";

constexpr char kInsertResource[] =
    "INSERT INTO support_resources (" VM_RESOURCE_COLUMNS
    ", content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
    "ON CONFLICT DO NOTHING";
constexpr char kUpdateResource[] =
    "UPDATE support_resources SET title = ?2, kind = ?3, summary = ?4, link = ?5, "
    "file_name = ?6, media_type = ?7, file_bytes = ?8, schemes = ?9, criteria = ?10, "
    "updated_by = ?11, updated_at = ?12, version = version + 1, content = ?14 "
    "WHERE id = ?1 AND version = ?13";
constexpr char kDeleteResource[] = "DELETE FROM support_resources WHERE id = ?1";
constexpr char kFindResource[] =
    "SELECT " VM_RESOURCE_COLUMNS " FROM support_resources WHERE id = ?1";
constexpr char kListResources[] =
    "SELECT " VM_RESOURCE_COLUMNS " FROM support_resources ORDER BY title, id";
constexpr char kResourceContent[] = "SELECT content FROM support_resources WHERE id = ?1";
#undef VM_PRACTITIONER_COLUMNS
#undef VM_CONSULTANT_COLUMNS
#undef VM_RESOURCE_COLUMNS

Result<Practitioner> PractitionerFromRow(const Statement& st) {
  Practitioner p;
  p.id = st.Text(0);
  p.name = st.Text(1);
  p.level = static_cast<int>(st.Int(2));
  p.organisation = st.Text(3);
  p.contact = st.Text(4);
  p.areas = SplitCodes(st.Text(5));
  p.awarded_on = st.Text(6);
  p.expires_on = st.Text(7);
  p.updated_by = st.Text(8);
  p.updated_at = st.Int(9);
  p.version = st.Int(10);
  return p;
}

Result<Consultant> ConsultantFromRow(const Statement& st) {
  Consultant k;
  k.id = st.Text(0);
  k.name = st.Text(1);
  k.organisation = st.Text(2);
  k.summary = st.Text(3);
  k.website = st.Text(4);
  k.email = st.Text(5);
  k.areas = SplitCodes(st.Text(6));
  k.schemes = SplitCodes(st.Text(7));
  k.languages = SplitCodes(st.Text(8));
  k.criteria = SplitCodes(st.Text(9));
  k.updated_by = st.Text(10);
  k.updated_at = st.Int(11);
  k.version = st.Int(12);
  return k;
}

Result<Resource> ResourceFromRow(const Statement& st) {
  Resource r;
  r.id = st.Text(0);
  r.title = st.Text(1);
  auto kind = ParseResourceKind(st.Text(2));
  if (!kind) return Fail(CorruptRow("support_resources.kind", kind.error()));
  r.kind = *kind;
  r.summary = st.Text(3);
  r.link = st.Text(4);
  r.file_name = st.Text(5);
  r.media_type = st.Text(6);
  r.file_bytes = st.Int(7);
  r.schemes = SplitCodes(st.Text(8));
  r.criteria = SplitCodes(st.Text(9));
  r.updated_by = st.Text(10);
  r.updated_at = st.Int(11);
  r.version = st.Int(12);
  return r;
}

Result<void> RunVersioned(Statement& st, std::string_view what) {
  TRY(st.Run());
  if (st.Changes() == 1) return {};
  return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                          fmt::format("someone else changed this {} first: reload it", what)));
}

}  // namespace

Result<void> SqlTransaction::InsertPractitioner(const Practitioner& p) {
  auto st = TRY(c_.Prepared(kInsertPractitioner));
  const std::string areas = JoinCodes(p.areas);
  st.BindText(1, p.id).BindText(2, p.name).BindInt(3, p.level).BindText(4, p.organisation);
  st.BindText(5, p.contact).BindText(6, areas).BindText(7, p.awarded_on);
  st.BindText(8, p.expires_on).BindText(9, p.updated_by).BindInt(10, p.updated_at);
  st.BindInt(11, p.version);
  return RunInsert(st, "a practitioner with this id");
}

Result<void> SqlTransaction::UpdatePractitioner(const Practitioner& p) {
  auto st = TRY(c_.Prepared(kUpdatePractitioner));
  const std::string areas = JoinCodes(p.areas);
  st.BindText(1, p.id).BindText(2, p.name).BindInt(3, p.level).BindText(4, p.organisation);
  st.BindText(5, p.contact).BindText(6, areas).BindText(7, p.awarded_on);
  st.BindText(8, p.expires_on).BindText(9, p.updated_by).BindInt(10, p.updated_at);
  st.BindInt(11, p.version);
  return RunVersioned(st, "practitioner");
}

Result<void> SqlTransaction::DeletePractitioner(const std::string& id) {
  auto st = TRY(c_.Prepared(kDeletePractitioner));
  st.BindText(1, id);
  return RunOnOne(st, "practitioner");
}

Result<std::optional<Practitioner>> SqlTransaction::FindPractitioner(const std::string& id) {
  auto st = TRY(c_.Prepared(kFindPractitioner));
  st.BindText(1, id);
  return QueryOne(st, PractitionerFromRow);
}

Result<std::vector<Practitioner>> SqlTransaction::ListPractitioners() {
  auto st = TRY(c_.Prepared(kListPractitioners));
  return QueryAll(st, PractitionerFromRow);
}

namespace {
void BindConsultant(Statement& st, const Consultant& k, const std::vector<std::string>& lists) {
  st.BindText(1, k.id).BindText(2, k.name).BindText(3, k.organisation).BindText(4, k.summary);
  st.BindText(5, k.website).BindText(6, k.email).BindText(7, lists[0]).BindText(8, lists[1]);
  st.BindText(9, lists[2]).BindText(10, lists[3]).BindText(11, k.updated_by);
  st.BindInt(12, k.updated_at).BindInt(13, k.version);
}
std::vector<std::string> ConsultantLists(const Consultant& k) {
  return {JoinCodes(k.areas), JoinCodes(k.schemes), JoinCodes(k.languages), JoinCodes(k.criteria)};
}
}  // namespace

Result<void> SqlTransaction::InsertConsultant(const Consultant& k) {
  auto st = TRY(c_.Prepared(kInsertConsultant));
  const auto lists = ConsultantLists(k);
  BindConsultant(st, k, lists);
  return RunInsert(st, "a consultant with this id");
}

Result<void> SqlTransaction::UpdateConsultant(const Consultant& k) {
  auto st = TRY(c_.Prepared(kUpdateConsultant));
  const auto lists = ConsultantLists(k);
  BindConsultant(st, k, lists);
  return RunVersioned(st, "consultant");
}

Result<void> SqlTransaction::DeleteConsultant(const std::string& id) {
  auto st = TRY(c_.Prepared(kDeleteConsultant));
  st.BindText(1, id);
  return RunOnOne(st, "consultant");
}

Result<std::optional<Consultant>> SqlTransaction::FindConsultant(const std::string& id) {
  auto st = TRY(c_.Prepared(kFindConsultant));
  st.BindText(1, id);
  return QueryOne(st, ConsultantFromRow);
}

Result<std::vector<Consultant>> SqlTransaction::ListConsultants() {
  auto st = TRY(c_.Prepared(kListConsultants));
  return QueryAll(st, ConsultantFromRow);
}

namespace {
void BindResource(Statement& st, const Resource& r, const std::vector<std::string>& lists,
                  const std::string& content) {
  st.BindText(1, r.id).BindText(2, r.title).BindText(3, Name(r.kind)).BindText(4, r.summary);
  st.BindText(5, r.link).BindText(6, r.file_name).BindText(7, r.media_type);
  st.BindInt(8, r.file_bytes).BindText(9, lists[0]).BindText(10, lists[1]);
  st.BindText(11, r.updated_by).BindInt(12, r.updated_at).BindInt(13, r.version);
  if (content.empty())
    st.BindNull(14);
  else
    st.BindBlob(14, content);
}
}  // namespace

Result<void> SqlTransaction::InsertResource(const Resource& r, const std::string& content) {
  auto st = TRY(c_.Prepared(kInsertResource));
  const std::vector<std::string> lists = {JoinCodes(r.schemes), JoinCodes(r.criteria)};
  BindResource(st, r, lists, content);
  return RunInsert(st, "a resource with this id");
}

Result<void> SqlTransaction::UpdateResource(const Resource& r, const std::string& content) {
  auto st = TRY(c_.Prepared(kUpdateResource));
  const std::vector<std::string> lists = {JoinCodes(r.schemes), JoinCodes(r.criteria)};
  BindResource(st, r, lists, content);
  return RunVersioned(st, "resource");
}

Result<void> SqlTransaction::DeleteResource(const std::string& id) {
  auto st = TRY(c_.Prepared(kDeleteResource));
  st.BindText(1, id);
  return RunOnOne(st, "resource");
}

Result<std::optional<Resource>> SqlTransaction::FindResource(const std::string& id) {
  auto st = TRY(c_.Prepared(kFindResource));
  st.BindText(1, id);
  return QueryOne(st, ResourceFromRow);
}

Result<std::vector<Resource>> SqlTransaction::ListResources() {
  auto st = TRY(c_.Prepared(kListResources));
  return QueryAll(st, ResourceFromRow);
}

Result<std::optional<std::string>> SqlTransaction::ResourceContent(const std::string& id) {
  auto st = TRY(c_.Prepared(kResourceContent));
  st.BindText(1, id);
  if (!TRY(st.Step())) return std::optional<std::string>();
  return std::optional<std::string>(st.IsNull(0) ? std::string() : st.Blob(0));
}

}  // namespace valuemark::storage::sql
