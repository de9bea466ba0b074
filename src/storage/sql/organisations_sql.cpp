// Organisations, their members, scopes and invitations.
// The storage port's methods over the driver (transaction.h), one SQL text
// for both back ends (dialect.h).
#include <fmt/format.h>

#include <charconv>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "storage/sql/query.h"
#include "storage/sql/transaction.h"

namespace valuemark::storage::sql {

namespace {

#define VM_ORG_COLUMNS                                                                    \
  "o.id, o.name, o.legal_structure, o.sector, o.size_band, o.area, o.membership_status, " \
  "o.membership_start, o.membership_expiry, o.lead_user_id, o.senior_leader_user_id, "    \
  "o.created_at, "                                                                        \
  "o.updated_at, o.version"

#define VM_INVITATION_COLUMNS                                                           \
  "organisation_id, id, email, role, invited_by, created_at, expires_at, accepted_at, " \
  "revoked_at, token_hash"

constexpr int kOrgColumnCount = 14;
constexpr char kInsertOrganisation[] =
    "INSERT INTO organisations (id, name, legal_structure, sector, size_band, area, "
    "membership_status, "
    "membership_start, membership_expiry, lead_user_id, senior_leader_user_id, created_at, "
    "updated_at, version) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) ON CONFLICT DO NOTHING";
constexpr char kFindOrganisation[] =
    "SELECT " VM_ORG_COLUMNS " FROM organisations o WHERE o.id = ?1";
constexpr char kSchemaVersion[] = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr char kOrganisationExists[] = "SELECT 1 FROM organisations WHERE id = ?1";
constexpr char kUpdateOrganisation[] =
    "UPDATE organisations SET name = ?2, legal_structure = ?3, sector = ?4, size_band = ?5, area = "
    "?6, "
    "membership_status = ?7, membership_start = ?8, membership_expiry = ?9, lead_user_id = ?10, "
    "senior_leader_user_id = ?11, updated_at = ?12, version = version + 1 WHERE id = ?1 AND "
    "version = ?13";
constexpr char kListOrganisations[] =
    "SELECT " VM_ORG_COLUMNS
    " FROM organisations o WHERE o.id > ?1 AND (?3 = '' OR lower(o.name) LIKE ?3 ESCAPE '\\') "
    "ORDER BY o.id LIMIT ?2";
constexpr char kListOrganisationsOfUser[] =
    "SELECT " VM_ORG_COLUMNS
    ", m.role FROM members m JOIN organisations o ON o.id = m.organisation_id "
    "WHERE m.user_id = ?1 ORDER BY o.name, o.id";
constexpr char kUpsertMember[] =
    "INSERT INTO members (organisation_id, user_id, role, joined_at) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (organisation_id, user_id) DO UPDATE SET role = excluded.role";
constexpr char kFindMember[] =
    "SELECT m.organisation_id, m.user_id, m.role, m.joined_at, COALESCE(u.name, ''), "
    "COALESCE(u.email, '') "
    "FROM members m LEFT JOIN users u ON u.id = m.user_id WHERE m.organisation_id = ?1 AND "
    "m.user_id = ?2";
constexpr char kListMembers[] =
    "SELECT m.organisation_id, m.user_id, m.role, m.joined_at, COALESCE(u.name, ''), "
    "COALESCE(u.email, '') "
    "FROM members m LEFT JOIN users u ON u.id = m.user_id WHERE m.organisation_id = ?1 "
    "ORDER BY COALESCE(u.name, ''), m.user_id";
constexpr char kDeleteMember[] = "DELETE FROM members WHERE organisation_id = ?1 AND user_id = ?2";
constexpr char kInsertScope[] =
    "INSERT INTO scopes (organisation_id, id, kind, name, description, created_at) VALUES (?1, ?2, "
    "?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING";
constexpr char kFindScope[] =
    "SELECT organisation_id, id, kind, name, description, created_at FROM scopes "
    "WHERE organisation_id = ?1 AND id = ?2";
constexpr char kUpdateScope[] =
    "UPDATE scopes SET kind = ?3, name = ?4, description = ?5 WHERE organisation_id = ?1 AND id = "
    "?2";
constexpr char kDeleteScope[] = "DELETE FROM scopes WHERE organisation_id = ?1 AND id = ?2";
constexpr char kListScopes[] =
    "SELECT organisation_id, id, kind, name, description, created_at FROM scopes WHERE "
    "organisation_id = ?1 "
    "ORDER BY name, id";
constexpr char kInsertInvitation[] =
    "INSERT INTO invitations (" VM_INVITATION_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING";
constexpr char kFindInvitation[] =
    "SELECT " VM_INVITATION_COLUMNS " FROM invitations WHERE organisation_id = ?1 AND id = ?2";
constexpr char kFindInvitationByToken[] =
    "SELECT " VM_INVITATION_COLUMNS
    " FROM invitations WHERE organisation_id = ?1 AND token_hash = ?2";
constexpr char kUpdateInvitation[] =
    "UPDATE invitations SET accepted_at = ?3, revoked_at = ?4 WHERE organisation_id = ?1 AND id = "
    "?2";
constexpr char kListInvitations[] =
    "SELECT " VM_INVITATION_COLUMNS
    " FROM invitations WHERE organisation_id = ?1 ORDER BY created_at DESC, id DESC";

#undef VM_ORG_COLUMNS
#undef VM_INVITATION_COLUMNS

Result<Organisation> OrganisationFromRow(const Statement& st) {
  auto size_band = ParseSizeBand(st.Text(4));
  if (!size_band) return Fail(CorruptRow("organisations.size_band", size_band.error()));
  auto status = ParseMembershipStatus(st.Text(6));
  if (!status) return Fail(CorruptRow("organisations.membership_status", status.error()));
  Organisation org;
  org.id = st.Text(0);
  org.name = st.Text(1);
  org.legal_structure = st.Text(2);
  org.sector = st.Text(3);
  org.size_band = *size_band;
  org.area = st.Text(5);
  org.membership_status = *status;
  org.membership_start = st.OptText(7);
  org.membership_expiry = st.OptText(8);
  org.lead_user_id = st.OptText(9);
  org.senior_leader_user_id = st.OptText(10);
  org.created_at = st.Int(11);
  org.updated_at = st.Int(12);
  org.version = st.Int(13);
  return org;
}

Result<app::OrganisationWithRole> OrganisationWithRoleFromRow(const Statement& st) {
  Organisation org = TRY(OrganisationFromRow(st));
  auto role = ParseMemberRole(st.Text(kOrgColumnCount));
  if (!role) return Fail(CorruptRow("members.role", role.error()));
  return app::OrganisationWithRole{std::move(org), *role};
}

Result<Member> MemberFromRow(const Statement& st) {
  auto role = ParseMemberRole(st.Text(2));
  if (!role) return Fail(CorruptRow("members.role", role.error()));
  return Member{st.Text(0), st.Text(1), *role, st.Int(3), st.Text(4), st.Text(5)};
}

Result<Scope> ScopeFromRow(const Statement& st) {
  auto kind = ParseScopeKind(st.Text(2));
  if (!kind) return Fail(CorruptRow("scopes.kind", kind.error()));
  return Scope{st.Text(0), st.Text(1), *kind, st.Text(3), st.Text(4), st.Int(5)};
}

Result<Invitation> InvitationFromRow(const Statement& st) {
  auto role = ParseMemberRole(st.Text(3));
  if (!role) return Fail(CorruptRow("invitations.role", role.error()));
  return Invitation{st.Text(0), st.Text(1), st.Text(2),   *role,        st.Text(4),
                    st.Int(5),  st.Int(6),  st.OptInt(7), st.OptInt(8), st.Text(9)};
}

}  // namespace

Result<void> SqlTransaction::InsertOrganisation(const Organisation& org) {
  auto st = TRY(c_.Prepared(kInsertOrganisation));
  BindOrganisation(st, org);
  st.BindInt(12, org.created_at).BindInt(13, org.updated_at).BindInt(14, org.version);
  return RunInsert(st, "organisation");
}

Result<int> SqlTransaction::SchemaVersion() {
  auto st = TRY(c_.Prepared(kSchemaVersion));
  TRY(st.Step());
  return static_cast<int>(st.Int(0));
}

Result<std::optional<Organisation>> SqlTransaction::FindOrganisation(const std::string& id) {
  auto st = TRY(c_.Prepared(kFindOrganisation));
  st.BindText(1, id);
  return QueryOne(st, OrganisationFromRow);
}

Result<void> SqlTransaction::UpdateOrganisation(const Organisation& org) {
  {
    auto st = TRY(c_.Prepared(kUpdateOrganisation));
    BindOrganisation(st, org);
    st.BindInt(12, org.updated_at).BindInt(13, org.version);
    TRY(st.Run());
    if (st.Changes() == 1) return {};
  }
  auto st = TRY(c_.Prepared(kOrganisationExists));
  st.BindText(1, org.id);
  const bool exists = TRY(Exists(st));
  if (!exists) return Fail(Error::Make(ErrorCode::kNotFound, "organisation not found"));
  return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                          "the organisation was changed by someone else: reload it and try again"));
}

Result<std::vector<Organisation>> SqlTransaction::ListOrganisations(const app::PageRequest& page,
                                                                    const std::string& name_part) {
  const int64_t limit = TRY(CheckLimit(page.limit));
  auto st = TRY(c_.Prepared(kListOrganisations));
  st.BindText(1, page.after).BindInt(2, limit);
  const std::string pattern = name_part.empty() ? std::string() : ContainsPattern(name_part);
  st.BindText(3, pattern);
  return QueryAll(st, OrganisationFromRow);
}

Result<std::vector<app::OrganisationWithRole>> SqlTransaction::ListOrganisationsOfUser(
    const std::string& user_id) {
  auto st = TRY(c_.Prepared(kListOrganisationsOfUser));
  st.BindText(1, user_id);
  return QueryAll(st, OrganisationWithRoleFromRow);
}

Result<void> SqlTransaction::UpsertMember(const Member& member) {
  auto st = TRY(c_.Prepared(kUpsertMember));
  st.BindText(1, member.organisation_id).BindText(2, member.user_id).BindText(3, Name(member.role));
  st.BindInt(4, member.joined_at);
  return st.Run();
}

Result<std::optional<Member>> SqlTransaction::FindMember(const std::string& organisation_id,
                                                         const std::string& user_id) {
  auto st = TRY(c_.Prepared(kFindMember));
  st.BindText(1, organisation_id).BindText(2, user_id);
  return QueryOne(st, MemberFromRow);
}

Result<std::vector<Member>> SqlTransaction::ListMembers(const std::string& organisation_id) {
  auto st = TRY(c_.Prepared(kListMembers));
  st.BindText(1, organisation_id);
  return QueryAll(st, MemberFromRow);
}

Result<void> SqlTransaction::DeleteMember(const std::string& organisation_id,
                                          const std::string& user_id) {
  auto st = TRY(c_.Prepared(kDeleteMember));
  st.BindText(1, organisation_id).BindText(2, user_id);
  return RunOnOne(st, "member");
}

Result<void> SqlTransaction::InsertScope(const Scope& scope) {
  auto st = TRY(c_.Prepared(kInsertScope));
  st.BindText(1, scope.organisation_id).BindText(2, scope.id).BindText(3, Name(scope.kind));
  st.BindText(4, scope.name).BindText(5, scope.description).BindInt(6, scope.created_at);
  return RunInsert(st, "scope");
}

Result<std::optional<Scope>> SqlTransaction::FindScope(const std::string& organisation_id,
                                                       const std::string& id) {
  auto st = TRY(c_.Prepared(kFindScope));
  st.BindText(1, organisation_id).BindText(2, id);
  return QueryOne(st, ScopeFromRow);
}

Result<void> SqlTransaction::UpdateScope(const Scope& scope) {
  auto st = TRY(c_.Prepared(kUpdateScope));
  st.BindText(1, scope.organisation_id).BindText(2, scope.id).BindText(3, Name(scope.kind));
  st.BindText(4, scope.name).BindText(5, scope.description);
  return RunOnOne(st, "scope");
}

Result<void> SqlTransaction::DeleteScope(const std::string& organisation_id,
                                         const std::string& id) {
  auto st = TRY(c_.Prepared(kDeleteScope));
  st.BindText(1, organisation_id).BindText(2, id);
  return RunOnOne(st, "scope");
}

Result<std::vector<Scope>> SqlTransaction::ListScopes(const std::string& organisation_id) {
  auto st = TRY(c_.Prepared(kListScopes));
  st.BindText(1, organisation_id);
  return QueryAll(st, ScopeFromRow);
}

Result<void> SqlTransaction::InsertInvitation(const Invitation& inv) {
  auto st = TRY(c_.Prepared(kInsertInvitation));
  st.BindText(1, inv.organisation_id)
      .BindText(2, inv.id)
      .BindText(3, inv.email)
      .BindText(4, Name(inv.role));
  st.BindText(5, inv.invited_by).BindInt(6, inv.created_at).BindInt(7, inv.expires_at);
  st.BindOptInt(8, inv.accepted_at).BindOptInt(9, inv.revoked_at).BindText(10, inv.token_hash);
  return RunInsert(st, "invitation");
}

Result<std::optional<Invitation>> SqlTransaction::FindInvitation(const std::string& organisation_id,
                                                                 const std::string& id) {
  auto st = TRY(c_.Prepared(kFindInvitation));
  st.BindText(1, organisation_id).BindText(2, id);
  return QueryOne(st, InvitationFromRow);
}

Result<std::optional<Invitation>> SqlTransaction::FindInvitationByToken(
    const std::string& organisation_id, const std::string& token_hash) {
  auto st = TRY(c_.Prepared(kFindInvitationByToken));
  st.BindText(1, organisation_id).BindText(2, token_hash);
  return QueryOne(st, InvitationFromRow);
}

Result<void> SqlTransaction::UpdateInvitation(const Invitation& inv) {
  auto st = TRY(c_.Prepared(kUpdateInvitation));
  st.BindText(1, inv.organisation_id).BindText(2, inv.id);
  st.BindOptInt(3, inv.accepted_at).BindOptInt(4, inv.revoked_at);
  return RunOnOne(st, "invitation");
}

Result<std::vector<Invitation>> SqlTransaction::ListInvitations(
    const std::string& organisation_id) {
  auto st = TRY(c_.Prepared(kListInvitations));
  st.BindText(1, organisation_id);
  return QueryAll(st, InvitationFromRow);
}

// Parameters 1-11 of kInsertOrganisation and kUpdateOrganisation.
void SqlTransaction::BindOrganisation(Statement& st, const Organisation& org) {
  st.BindText(1, org.id).BindText(2, org.name).BindText(3, org.legal_structure);
  st.BindText(4, org.sector).BindText(5, Name(org.size_band)).BindText(6, org.area);
  st.BindText(7, Name(org.membership_status));
  st.BindOptText(8, org.membership_start).BindOptText(9, org.membership_expiry);
  st.BindOptText(10, org.lead_user_id).BindOptText(11, org.senior_leader_user_id);
}
}  // namespace valuemark::storage::sql
