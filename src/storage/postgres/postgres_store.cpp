#include "storage/postgres/postgres_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <limits>
#include <set>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "formats/application_json.h"
#include "formats/certificate_json.h"
#include "formats/records_json.h"
#include "storage/migration_plan.h"
#include "storage/postgres/connection.h"
#include "storage/postgres/migrations.h"

// Returns the error of a failed Result<...> expression from the enclosing
// function, which must return a Result. Keeps the SQL plumbing readable.
#define VM_TRY(expr)                                              \
  do {                                                            \
    if (auto&& vm_try_result = (expr); !vm_try_result) {          \
      return ::valuemark::Fail(std::move(vm_try_result.error())); \
    }                                                             \
  } while (false)

namespace valuemark::storage {

namespace postgres {
namespace {

std::atomic<uint64_t> g_next_store_id{1};
// The id of the store whose Write() this thread is running (nested-Write check).
thread_local uint64_t t_writing_store = 0;
// The read transaction this thread is inside, per store, so that a Read()
// nested in a Read() shares the outer snapshot (and connection) as it does on
// SQLite, instead of taking a second connection from the pool.
struct OpenRead {
  uint64_t store_id;
  app::Transaction* tx;
};
thread_local std::vector<OpenRead> t_open_reads;

// Any constant would do; this one spells "valuemk" in ASCII, unlikely to
// collide with another application's advisory lock in the same database.
constexpr char kLockMigrations[] = "SELECT pg_advisory_xact_lock(33324754455686507)";
constexpr char kBeginWrite[] = "BEGIN";
constexpr char kBeginRead[] = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
constexpr char kCommit[] = "COMMIT";
constexpr char kRollback[] = "ROLLBACK";

// ---- SQL. Each statement is a named array: the prepared-statement cache is
// keyed by its address. Values are always parameters ($N).

constexpr char kInsertUser[] =
    "INSERT INTO users (id, email, name, password_hash, platform_role, created_at, "
    "email_verified_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING";
#define VM_USER_COLUMNS "id, email, name, platform_role, created_at, email_verified_at"
constexpr char kFindUserById[] = "SELECT " VM_USER_COLUMNS " FROM users WHERE id = $1";
constexpr char kFindUserByEmail[] =
    "SELECT " VM_USER_COLUMNS ", password_hash FROM users WHERE email = $1";
constexpr char kUserEmailTaken[] = "SELECT 1 FROM users WHERE email = $1";
constexpr char kUpdatePasswordHash[] = "UPDATE users SET password_hash = $2 WHERE id = $1";
constexpr char kUpdateUser[] = "UPDATE users SET name = $2, platform_role = $3 WHERE id = $1";
constexpr char kListUsers[] =
    "SELECT " VM_USER_COLUMNS " FROM users WHERE id > $1 ORDER BY id LIMIT $2";
constexpr char kSetEmailVerified[] =
    "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $2) WHERE id = $1";
constexpr char kUseEmailVerificationsOfUser[] =
    "UPDATE email_verifications SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL";
constexpr char kInsertEmailVerification[] =
    "INSERT INTO email_verifications (token_hash, user_id, created_at, expires_at, used_at) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING";
constexpr char kFindEmailVerification[] =
    "SELECT token_hash, user_id, created_at, expires_at, used_at FROM email_verifications WHERE "
    "token_hash = $1";

constexpr char kRecordLoginFailure[] =
    "INSERT INTO login_failures (key, at, failures) VALUES ($1, $2, 1) "
    "ON CONFLICT (key, at) DO UPDATE SET failures = login_failures.failures + 1";
constexpr char kCountLoginFailures[] =
    "SELECT COALESCE(SUM(failures), 0)::bigint FROM login_failures WHERE key = $1 AND at > $2";
constexpr char kClearLoginFailures[] = "DELETE FROM login_failures WHERE key = $1";
constexpr char kPruneLoginFailures[] = "DELETE FROM login_failures WHERE at <= $1";

constexpr char kInsertSession[] =
    "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, "
    "$3, $4, $5) "
    "ON CONFLICT DO NOTHING";
constexpr char kFindSession[] =
    "SELECT id_hash, user_id, csrf_token, created_at, expires_at FROM sessions WHERE id_hash = $1";
constexpr char kDeleteSession[] = "DELETE FROM sessions WHERE id_hash = $1";
constexpr char kDeleteSessionsOfUser[] = "DELETE FROM sessions WHERE user_id = $1";
constexpr char kDeleteExpiredSessions[] = "DELETE FROM sessions WHERE expires_at <= $1";
constexpr char kSetSessionExpiry[] = "UPDATE sessions SET expires_at = $2 WHERE id_hash = $1";
constexpr char kVoidPasswordResetsOfUser[] =
    "UPDATE password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL";

constexpr char kInsertPasswordReset[] =
    "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at, used_at) VALUES "
    "($1, $2, $3, $4, $5) "
    "ON CONFLICT DO NOTHING";
constexpr char kFindPasswordReset[] =
    "SELECT token_hash, user_id, created_at, expires_at, used_at FROM password_resets WHERE "
    "token_hash = $1";
constexpr char kMarkPasswordResetUsed[] =
    "UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL";
constexpr char kPasswordResetExists[] = "SELECT 1 FROM password_resets WHERE token_hash = $1";

#define VM_ORG_COLUMNS                                                                    \
  "o.id, o.name, o.legal_structure, o.sector, o.size_band, o.area, o.membership_status, " \
  "o.membership_start, o.membership_expiry, o.lead_user_id, o.senior_leader_user_id, "    \
  "o.created_at, "                                                                        \
  "o.updated_at, o.version"
constexpr int kOrgColumnCount = 14;

constexpr char kInsertOrganisation[] =
    "INSERT INTO organisations (id, name, legal_structure, sector, size_band, area, "
    "membership_status, "
    "membership_start, membership_expiry, lead_user_id, senior_leader_user_id, created_at, "
    "updated_at, version) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT DO NOTHING";
constexpr char kFindOrganisation[] =
    "SELECT " VM_ORG_COLUMNS " FROM organisations o WHERE o.id = $1";
constexpr char kOrganisationExists[] = "SELECT 1 FROM organisations WHERE id = $1";
constexpr char kUpdateOrganisation[] =
    "UPDATE organisations SET name = $2, legal_structure = $3, sector = $4, size_band = $5, area = "
    "$6, "
    "membership_status = $7, membership_start = $8, membership_expiry = $9, lead_user_id = $10, "
    "senior_leader_user_id = $11, updated_at = $12, version = version + 1 WHERE id = $1 AND "
    "version = $13";
constexpr char kListOrganisations[] =
    "SELECT " VM_ORG_COLUMNS " FROM organisations o WHERE o.id > $1 ORDER BY o.id LIMIT $2";
constexpr char kListOrganisationsOfUser[] =
    "SELECT " VM_ORG_COLUMNS
    ", m.role FROM members m JOIN organisations o ON o.id = m.organisation_id "
    "WHERE m.user_id = $1 ORDER BY o.name, o.id";

constexpr char kUpsertMember[] =
    "INSERT INTO members (organisation_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (organisation_id, user_id) DO UPDATE SET role = EXCLUDED.role";
constexpr char kFindMember[] =
    "SELECT m.organisation_id, m.user_id, m.role, m.joined_at, COALESCE(u.name, ''), "
    "COALESCE(u.email, '') "
    "FROM members m LEFT JOIN users u ON u.id = m.user_id WHERE m.organisation_id = $1 AND "
    "m.user_id = $2";
constexpr char kListMembers[] =
    "SELECT m.organisation_id, m.user_id, m.role, m.joined_at, COALESCE(u.name, ''), "
    "COALESCE(u.email, '') "
    "FROM members m LEFT JOIN users u ON u.id = m.user_id WHERE m.organisation_id = $1 "
    "ORDER BY COALESCE(u.name, ''), m.user_id";
constexpr char kDeleteMember[] = "DELETE FROM members WHERE organisation_id = $1 AND user_id = $2";

constexpr char kInsertScope[] =
    "INSERT INTO scopes (organisation_id, id, kind, name, description, created_at) VALUES ($1, $2, "
    "$3, $4, $5, $6) "
    "ON CONFLICT DO NOTHING";
constexpr char kFindScope[] =
    "SELECT organisation_id, id, kind, name, description, created_at FROM scopes "
    "WHERE organisation_id = $1 AND id = $2";
constexpr char kUpdateScope[] =
    "UPDATE scopes SET kind = $3, name = $4, description = $5 WHERE organisation_id = $1 AND id = "
    "$2";
constexpr char kDeleteScope[] = "DELETE FROM scopes WHERE organisation_id = $1 AND id = $2";
constexpr char kListScopes[] =
    "SELECT organisation_id, id, kind, name, description, created_at FROM scopes WHERE "
    "organisation_id = $1 "
    "ORDER BY name, id";

#define VM_INVITATION_COLUMNS                                                           \
  "organisation_id, id, email, role, invited_by, created_at, expires_at, accepted_at, " \
  "revoked_at, token_hash"
constexpr char kInsertInvitation[] =
    "INSERT INTO invitations (" VM_INVITATION_COLUMNS
    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING";
constexpr char kFindInvitation[] =
    "SELECT " VM_INVITATION_COLUMNS " FROM invitations WHERE organisation_id = $1 AND id = $2";
constexpr char kFindInvitationByToken[] =
    "SELECT " VM_INVITATION_COLUMNS
    " FROM invitations WHERE organisation_id = $1 AND token_hash = $2";
constexpr char kUpdateInvitation[] =
    "UPDATE invitations SET accepted_at = $3, revoked_at = $4 WHERE organisation_id = $1 AND id = "
    "$2";
constexpr char kListInvitations[] =
    "SELECT " VM_INVITATION_COLUMNS
    " FROM invitations WHERE organisation_id = $1 ORDER BY created_at DESC, id DESC";

#define VM_OUTBOX_COLUMNS "id, to_address, subject, body, created_at, sent_at, attempts, last_error"
constexpr char kInsertRound[] =
    "INSERT INTO rounds (id, name, opens_on, closes_on, created_by, created_at) VALUES ($1, $2, "
    "$3, $4, $5, $6) "
    "ON CONFLICT DO NOTHING";
constexpr char kListRounds[] =
    "SELECT id, name, opens_on, closes_on, created_by, created_at FROM rounds ORDER BY opens_on, "
    "id";
constexpr char kInsertApplication[] =
    "INSERT INTO applications (organisation_id, id, scheme_id, level, state, assessor_id, "
    "submitted_at, created_at, "
    "version, document) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING";
constexpr char kFindApplication[] = "SELECT document FROM applications WHERE id = $1";
constexpr char kUpdateApplication[] =
    "UPDATE applications SET state = $3, assessor_id = $4, submitted_at = $5, version = $6, "
    "document = $7 "
    "WHERE organisation_id = $1 AND id = $2 AND version = $8";
constexpr char kApplicationExists[] =
    "SELECT 1 FROM applications WHERE organisation_id = $1 AND id = $2";
constexpr char kListApplicationsOfOrganisation[] =
    "SELECT document FROM applications WHERE organisation_id = $1 ORDER BY created_at DESC, id";
constexpr char kListSubmittedApplications[] =
    "SELECT document FROM applications WHERE state <> 'draft' ORDER BY submitted_at, id";
constexpr char kListApplicationsOfAssessor[] =
    "SELECT document FROM applications WHERE assessor_id = $1 ORDER BY submitted_at, id";

constexpr char kInsertSigningKey[] =
    "INSERT INTO signing_keys (id, public_key, secret_key, created_at, retired_at) VALUES ($1, $2, "
    "$3, $4, $5) "
    "ON CONFLICT DO NOTHING";
// Newest first; among keys made in the same second, the one not retired first.
constexpr char kListSigningKeys[] =
    "SELECT id, public_key, secret_key, created_at, retired_at FROM signing_keys "
    "ORDER BY created_at DESC, retired_at IS NOT NULL, id";
constexpr char kRetireSigningKey[] =
    "UPDATE signing_keys SET retired_at = $2 WHERE id = $1 AND retired_at IS NULL";
constexpr char kInsertCertificate[] =
    "INSERT INTO certificates (organisation_id, id, verification_code, organisation_name, "
    "expires_on, document) "
    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING";
constexpr char kFindCertificate[] = "SELECT document FROM certificates WHERE id = $1";
constexpr char kFindCertificateByCode[] =
    "SELECT document FROM certificates WHERE verification_code = $1";
constexpr char kListCertificatesInForce[] =
    "SELECT document FROM certificates WHERE expires_on > $1 ORDER BY organisation_name, id";

#define VM_FILE_COLUMNS \
  "organisation_id, id, application_id, media_type, size_bytes, sha256, content, created_at"
constexpr char kInsertEvidenceFile[] =
    "INSERT INTO evidence_files (" VM_FILE_COLUMNS
    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING";
constexpr char kFindEvidenceFile[] =
    "SELECT " VM_FILE_COLUMNS " FROM evidence_files WHERE organisation_id = $1 AND id = $2";

constexpr char kInsertSchemeVersion[] =
    "INSERT INTO scheme_versions (scheme_id, version, document, published_by, published_at) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING";
constexpr char kListSchemeVersions[] =
    "SELECT scheme_id, version, document, published_by, published_at FROM scheme_versions ORDER BY "
    "scheme_id, version";

constexpr char kEnqueueMessage[] =
    "INSERT INTO outbox (to_address, subject, body, created_at, sent_at, attempts, last_error) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
constexpr char kListUnsentMessages[] =
    "SELECT " VM_OUTBOX_COLUMNS " FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1";
constexpr char kListMessages[] =
    "SELECT " VM_OUTBOX_COLUMNS " FROM outbox WHERE id < $1 ORDER BY id DESC LIMIT $2";
constexpr char kListMessagesTo[] =
    "SELECT " VM_OUTBOX_COLUMNS " FROM outbox WHERE to_address = $1 ORDER BY id DESC LIMIT $2";
constexpr char kNotificationsSeen[] =
    "SELECT seen_up_to FROM notification_reads WHERE user_id = $1";
constexpr char kSetNotificationsSeen[] =
    "INSERT INTO notification_reads (user_id, seen_up_to) VALUES ($1, $2) "
    "ON CONFLICT (user_id) DO UPDATE SET seen_up_to = excluded.seen_up_to";
constexpr char kMarkMessageSent[] = "UPDATE outbox SET sent_at = $2 WHERE id = $1";
constexpr char kMarkMessageFailed[] =
    "UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1";

#define VM_AUDIT_COLUMNS                                                                           \
  "chain, seq, at, actor_id, action, entity_type, entity_id, organisation_id, digest, prev_hash, " \
  "hash"
constexpr char kAuditHead[] =
    "SELECT " VM_AUDIT_COLUMNS " FROM audit_log WHERE chain = $1 ORDER BY seq DESC LIMIT 1";
constexpr char kAuditEntry[] =
    "SELECT " VM_AUDIT_COLUMNS " FROM audit_log WHERE chain = $1 AND seq = $2";
constexpr char kLockAuditHead[] = "SELECT seq, hash FROM audit_heads WHERE chain = $1 FOR UPDATE";
// A chain's head row, created from the log itself the first time the chain
// is written (so a log restored without audit_heads still links up).
constexpr char kCreateAuditHead[] =
    "INSERT INTO audit_heads (chain, seq, hash) "
    "SELECT $1::text, COALESCE(MAX(seq), 0), "
    "COALESCE((SELECT hash FROM audit_log WHERE chain = $1 ORDER BY seq DESC LIMIT 1), '') "
    "FROM audit_log WHERE chain = $1 ON CONFLICT (chain) DO NOTHING";
constexpr char kAdvanceAuditHead[] = "UPDATE audit_heads SET seq = $2, hash = $3 WHERE chain = $1";
constexpr char kAppendAudit[] = "INSERT INTO audit_log (" VM_AUDIT_COLUMNS
                                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
constexpr char kListAuditForEntity[] = "SELECT " VM_AUDIT_COLUMNS
                                       " FROM audit_log WHERE entity_type = $1 AND entity_id = $2 "
                                       "ORDER BY at, chain, seq";
constexpr char kListAuditChain[] =
    "SELECT " VM_AUDIT_COLUMNS
    " FROM audit_log WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT $3";
constexpr char kListAuditChains[] = "SELECT DISTINCT chain FROM audit_log ORDER BY chain";

constexpr char kCreateMigrationsTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, "
    "applied_at BIGINT NOT NULL)";
constexpr char kAppliedMigrations[] = "SELECT version FROM schema_migrations ORDER BY version";
constexpr char kRecordMigration[] =
    "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, EXTRACT(EPOCH FROM "
    "now())::bigint)";

// ---- Row converters (FromRow): columns in the order of the SELECTs above.

Error CorruptRow(std::string_view column, const Error& cause) {
  return Error::Make(ErrorCode::kInternal,
                     fmt::format("unreadable value in {}: {}", column, cause.message));
}

Result<User> UserFromRow(const PgResult& r, int i) {
  auto role = ParsePlatformRole(r.Text(i, 3));
  if (!role) return Fail(CorruptRow("users.platform_role", role.error()));
  return User{r.Text(i, 0), r.Text(i, 1), r.Text(i, 2), *role, r.Int(i, 4), r.OptInt(i, 5)};
}

Result<app::EmailVerification> EmailVerificationFromRow(const PgResult& r, int i) {
  return app::EmailVerification{r.Text(i, 0), r.Text(i, 1), r.Int(i, 2), r.Int(i, 3),
                                r.OptInt(i, 4)};
}

Result<app::Session> SessionFromRow(const PgResult& r, int i) {
  return app::Session{r.Text(i, 0), r.Text(i, 1), r.Text(i, 2), r.Int(i, 3), r.Int(i, 4)};
}

Result<app::PasswordReset> PasswordResetFromRow(const PgResult& r, int i) {
  return app::PasswordReset{r.Text(i, 0), r.Text(i, 1), r.Int(i, 2), r.Int(i, 3), r.OptInt(i, 4)};
}

Result<Organisation> OrganisationFromRow(const PgResult& r, int i) {
  auto size_band = ParseSizeBand(r.Text(i, 4));
  if (!size_band) return Fail(CorruptRow("organisations.size_band", size_band.error()));
  auto status = ParseMembershipStatus(r.Text(i, 6));
  if (!status) return Fail(CorruptRow("organisations.membership_status", status.error()));
  Organisation org;
  org.id = r.Text(i, 0);
  org.name = r.Text(i, 1);
  org.legal_structure = r.Text(i, 2);
  org.sector = r.Text(i, 3);
  org.size_band = *size_band;
  org.area = r.Text(i, 5);
  org.membership_status = *status;
  org.membership_start = r.OptText(i, 7);
  org.membership_expiry = r.OptText(i, 8);
  org.lead_user_id = r.OptText(i, 9);
  org.senior_leader_user_id = r.OptText(i, 10);
  org.created_at = r.Int(i, 11);
  org.updated_at = r.Int(i, 12);
  org.version = r.Int(i, 13);
  return org;
}

Result<app::OrganisationWithRole> OrganisationWithRoleFromRow(const PgResult& r, int i) {
  auto org = OrganisationFromRow(r, i);
  if (!org) return Fail(std::move(org.error()));
  auto role = ParseMemberRole(r.Text(i, kOrgColumnCount));
  if (!role) return Fail(CorruptRow("members.role", role.error()));
  return app::OrganisationWithRole{std::move(*org), *role};
}

Result<Member> MemberFromRow(const PgResult& r, int i) {
  auto role = ParseMemberRole(r.Text(i, 2));
  if (!role) return Fail(CorruptRow("members.role", role.error()));
  return Member{r.Text(i, 0), r.Text(i, 1), *role, r.Int(i, 3), r.Text(i, 4), r.Text(i, 5)};
}

Result<Scope> ScopeFromRow(const PgResult& r, int i) {
  auto kind = ParseScopeKind(r.Text(i, 2));
  if (!kind) return Fail(CorruptRow("scopes.kind", kind.error()));
  return Scope{r.Text(i, 0), r.Text(i, 1), *kind, r.Text(i, 3), r.Text(i, 4), r.Int(i, 5)};
}

Result<Round> RoundFromRow(const PgResult& r, int i) {
  return Round{r.Text(i, 0), r.Text(i, 1), r.Text(i, 2), r.Text(i, 3), r.Text(i, 4), r.Int(i, 5)};
}

Result<Application> ApplicationFromRow(const PgResult& r, int i) {
  auto a = formats::ParseApplication(r.Text(i, 0));
  if (!a) return Fail(CorruptRow("applications.document", a.error()));
  return a;
}

Result<app::SigningKey> SigningKeyFromRow(const PgResult& r, int i) {
  return app::SigningKey{r.Text(i, 0), r.Text(i, 1), r.Text(i, 2), r.Int(i, 3), r.OptInt(i, 4)};
}

Result<app::StoredCertificate> CertificateFromRow(const PgResult& r, int i) {
  std::string document = r.Text(i, 0);
  auto parsed = formats::ParseSignedCertificate(document);
  if (!parsed) return Fail(CorruptRow("certificates.document", parsed.error()));
  return app::StoredCertificate{std::move(parsed->certificate), std::move(document)};
}

Result<app::EvidenceFile> EvidenceFileFromRow(const PgResult& r, int i) {
  return app::EvidenceFile{r.Text(i, 0), r.Text(i, 1), r.Text(i, 2),  r.Text(i, 3),
                           r.Int(i, 4),  r.Text(i, 5), r.Bytes(i, 6), r.Int(i, 7)};
}

Result<app::PublishedScheme> SchemeVersionFromRow(const PgResult& r, int i) {
  return app::PublishedScheme{r.Text(i, 0), static_cast<int>(r.Int(i, 1)), r.Text(i, 2),
                              r.Text(i, 3), r.Int(i, 4)};
}

Result<Invitation> InvitationFromRow(const PgResult& r, int i) {
  auto role = ParseMemberRole(r.Text(i, 3));
  if (!role) return Fail(CorruptRow("invitations.role", role.error()));
  return Invitation{r.Text(i, 0), r.Text(i, 1), r.Text(i, 2),   *role,          r.Text(i, 4),
                    r.Int(i, 5),  r.Int(i, 6),  r.OptInt(i, 7), r.OptInt(i, 8), r.Text(i, 9)};
}

Result<app::OutboxMessage> MessageFromRow(const PgResult& r, int i) {
  return app::OutboxMessage{r.Int(i, 0),
                            r.Text(i, 1),
                            r.Text(i, 2),
                            r.Text(i, 3),
                            r.Int(i, 4),
                            r.OptInt(i, 5),
                            static_cast<int>(r.Int(i, 6)),
                            r.Text(i, 7)};
}

Result<app::AuditEntry> AuditFromRow(const PgResult& r, int i) {
  return app::AuditEntry{r.Text(i, 0), r.Int(i, 1),  r.Int(i, 2),  r.Text(i, 3),
                         r.Text(i, 4), r.Text(i, 5), r.Text(i, 6), r.Text(i, 7),
                         r.Text(i, 8), r.Text(i, 9), r.Text(i, 10)};
}

Result<std::string> TextFromRow(const PgResult& r, int i) { return r.Text(i, 0); }

template <typename FromRow>
using RowType = typename std::invoke_result_t<FromRow, const PgResult&, int>::value_type;

template <typename FromRow>
Result<std::optional<RowType<FromRow>>> One(const PgResult& r, FromRow from_row) {
  if (r.rows() == 0) return std::optional<RowType<FromRow>>();
  auto value = from_row(r, 0);
  if (!value) return Fail(std::move(value.error()));
  return std::optional<RowType<FromRow>>(std::move(*value));
}

template <typename FromRow>
Result<std::vector<RowType<FromRow>>> All(const PgResult& r, FromRow from_row) {
  std::vector<RowType<FromRow>> out;
  out.reserve(static_cast<size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) {
    auto value = from_row(r, i);
    if (!value) return Fail(std::move(value.error()));
    out.push_back(std::move(*value));
  }
  return out;
}

Result<int64_t> CheckLimit(int limit) {
  if (limit < 1) {
    return Fail(Error::Make(ErrorCode::kInvalidArgument,
                            fmt::format("limit must be at least 1, got {}", limit)));
  }
  return limit;
}

Error NotFound(std::string_view what) {
  return Error::Make(ErrorCode::kNotFound, fmt::format("{} not found", what));
}
Error Taken(std::string_view what) {
  return Error::Make(ErrorCode::kAlreadyExists, fmt::format("{} already exists", what));
}

// ---- The transaction: one pooled connection inside BEGIN ... COMMIT.

class PgTransaction final : public app::Transaction {
 public:
  PgTransaction(PgConnection& connection, bool writable) : c_(connection), writable_(writable) {}

  // The first statement that failed: PostgreSQL then refuses every other
  // statement of the transaction, which can only roll back.
  const std::optional<Error>& first_error() const { return first_error_; }

  Result<void> InsertUser(const User& user, const std::string& password_hash) override {
    auto r = Exec(kInsertUser, Params()
                                   .Text(user.id)
                                   .Text(user.email)
                                   .Text(user.name)
                                   .Text(password_hash)
                                   .Text(Name(user.platform_role))
                                   .Int(user.created_at)
                                   .OptInt(user.email_verified_at));
    if (!r) return Fail(std::move(r.error()));
    if (r->Changes() == 1) return {};
    // Which key was taken, for a message the sign-up page can show.
    auto email = Exec(kUserEmailTaken, Params().Text(user.email));
    if (!email) return Fail(std::move(email.error()));
    return Fail(Error::Make(ErrorCode::kAlreadyExists, email->rows() > 0
                                                           ? "a user with this email already exists"
                                                           : "a user with this id already exists"));
  }

  Result<std::optional<User>> FindUserById(const std::string& id) override {
    auto r = Exec(kFindUserById, Params().Text(id));
    if (!r) return Fail(std::move(r.error()));
    return One(*r, UserFromRow);
  }

  Result<std::optional<std::pair<User, std::string>>> FindUserByEmail(
      const std::string& email) override {
    auto r = Exec(kFindUserByEmail, Params().Text(email));
    if (!r) return Fail(std::move(r.error()));
    return One(*r, [](const PgResult& row, int i) -> Result<std::pair<User, std::string>> {
      auto user = UserFromRow(row, i);
      if (!user) return Fail(std::move(user.error()));
      return std::pair<User, std::string>(std::move(*user), row.Text(i, 6));
    });
  }

  Result<void> UpdatePasswordHash(const std::string& user_id,
                                  const std::string& password_hash) override {
    return ExecOnOne(kUpdatePasswordHash, Params().Text(user_id).Text(password_hash), "user");
  }

  Result<void> UpdateUser(const User& user) override {
    return ExecOnOne(kUpdateUser,
                     Params().Text(user.id).Text(user.name).Text(Name(user.platform_role)), "user");
  }

  Result<std::vector<User>> ListUsers(const app::PageRequest& page) override {
    auto limit = CheckLimit(page.limit);
    if (!limit) return Fail(std::move(limit.error()));
    auto r = Exec(kListUsers, Params().Text(page.after).Int(*limit));
    if (!r) return Fail(std::move(r.error()));
    return All(*r, UserFromRow);
  }

  Result<void> InsertSession(const app::Session& s) override {
    return ExecInsert(kInsertSession,
                      Params()
                          .Text(s.id_hash)
                          .Text(s.user_id)
                          .Text(s.csrf_token)
                          .Int(s.created_at)
                          .Int(s.expires_at),
                      "session");
  }

  Result<std::optional<app::Session>> FindSession(const std::string& id_hash) override {
    auto r = Exec(kFindSession, Params().Text(id_hash));
    if (!r) return Fail(std::move(r.error()));
    return One(*r, SessionFromRow);
  }

  Result<void> DeleteSession(const std::string& id_hash) override {
    VM_TRY(Exec(kDeleteSession, Params().Text(id_hash)));
    return {};
  }

  Result<void> DeleteSessionsOfUser(const std::string& user_id) override {
    VM_TRY(Exec(kDeleteSessionsOfUser, Params().Text(user_id)));
    return {};
  }

  Result<void> SetSessionExpiry(const std::string& id_hash, UnixTime expires_at) override {
    VM_TRY(Exec(kSetSessionExpiry, Params().Text(id_hash).Int(expires_at)));
    return {};
  }

  Result<void> VoidPasswordResetsOfUser(const std::string& user_id, UnixTime at) override {
    VM_TRY(Exec(kVoidPasswordResetsOfUser, Params().Text(user_id).Int(at)));
    return {};
  }

  Result<int64_t> DeleteExpiredSessions(UnixTime now) override {
    auto r = Exec(kDeleteExpiredSessions, Params().Int(now));
    if (!r) return Fail(std::move(r.error()));
    return r->Changes();
  }

  Result<void> InsertPasswordReset(const app::PasswordReset& reset) override {
    return ExecInsert(kInsertPasswordReset,
                      Params()
                          .Text(reset.token_hash)
                          .Text(reset.user_id)
                          .Int(reset.created_at)
                          .Int(reset.expires_at)
                          .OptInt(reset.used_at),
                      "password reset");
  }

  Result<std::optional<app::PasswordReset>> FindPasswordReset(
      const std::string& token_hash) override {
    auto r = Exec(kFindPasswordReset, Params().Text(token_hash));
    if (!r) return Fail(std::move(r.error()));
    return One(*r, PasswordResetFromRow);
  }

  // `used_at IS NULL` in the UPDATE: of two concurrent uses of one link, the
  // second waits for the first's row lock, then matches nothing.
  Result<void> MarkPasswordResetUsed(const std::string& token_hash, UnixTime at) override {
    auto r = Exec(kMarkPasswordResetUsed, Params().Text(token_hash).Int(at));
    if (!r) return Fail(std::move(r.error()));
    if (r->Changes() == 1) return {};
    auto exists = Exec(kPasswordResetExists, Params().Text(token_hash));
    if (!exists) return Fail(std::move(exists.error()));
    if (exists->rows() > 0)
      return Fail(Error::Make(ErrorCode::kFailedPrecondition, "password reset already used"));
    return Fail(NotFound("password reset"));
  }

  Result<void> InsertEmailVerification(const app::EmailVerification& v) override {
    return ExecInsert(kInsertEmailVerification,
                      Params()
                          .Text(v.token_hash)
                          .Text(v.user_id)
                          .Int(v.created_at)
                          .Int(v.expires_at)
                          .OptInt(v.used_at),
                      "email verification");
  }

  Result<std::optional<app::EmailVerification>> FindEmailVerification(
      const std::string& token_hash) override {
    auto r = Exec(kFindEmailVerification, Params().Text(token_hash));
    if (!r) return Fail(std::move(r.error()));
    return One(*r, EmailVerificationFromRow);
  }

  Result<void> MarkEmailVerified(const std::string& user_id, UnixTime at) override {
    VM_TRY(ExecOnOne(kSetEmailVerified, Params().Text(user_id).Int(at), "user"));
    VM_TRY(Exec(kUseEmailVerificationsOfUser, Params().Text(user_id).Int(at)));
    return {};
  }

  Result<void> RecordLoginFailure(const std::string& key, UnixTime at) override {
    VM_TRY(Exec(kRecordLoginFailure, Params().Text(key).Int(at)));
    return {};
  }

  Result<int64_t> CountLoginFailures(const std::string& key, UnixTime since) override {
    auto r = Exec(kCountLoginFailures, Params().Text(key).Int(since));
    if (!r) return Fail(std::move(r.error()));
    return r->rows() > 0 ? r->Int(0, 0) : 0;
  }

  Result<void> ClearLoginFailures(const std::string& key) override {
    VM_TRY(Exec(kClearLoginFailures, Params().Text(key)));
    return {};
  }

  Result<int64_t> PruneLoginFailures(UnixTime before) override {
    auto r = Exec(kPruneLoginFailures, Params().Int(before));
    if (!r) return Fail(std::move(r.error()));
    return r->Changes();
  }

  Result<void> InsertOrganisation(const Organisation& org) override {
    Params params = OrganisationParams(org);
    params.Int(org.created_at).Int(org.updated_at).Int(org.version);
    return ExecInsert(kInsertOrganisation, params, "organisation");
  }

  Result<std::optional<Organisation>> FindOrganisation(const std::string& id) override {
    auto r = Exec(kFindOrganisation, Params().Text(id));
    if (!r) return Fail(std::move(r.error()));
    return One(*r, OrganisationFromRow);
  }

  // The version check is in the UPDATE's WHERE: under READ COMMITTED a
  // concurrent saver's UPDATE waits for ours and then matches nothing.
  Result<void> UpdateOrganisation(const Organisation& org) override {
    Params params = OrganisationParams(org);
    params.Int(org.updated_at).Int(org.version);
    auto r = Exec(kUpdateOrganisation, params);
    if (!r) return Fail(std::move(r.error()));
    if (r->Changes() == 1) return {};
    auto exists = Exec(kOrganisationExists, Params().Text(org.id));
    if (!exists) return Fail(std::move(exists.error()));
    if (exists->rows() == 0) return Fail(NotFound("organisation"));
    return Fail(
        Error::Make(ErrorCode::kFailedPrecondition,
                    "the organisation was changed by someone else: reload it and try again"));
  }

  Result<std::vector<Organisation>> ListOrganisations(const app::PageRequest& page) override {
    auto limit = CheckLimit(page.limit);
    if (!limit) return Fail(std::move(limit.error()));
    auto r = Exec(kListOrganisations, Params().Text(page.after).Int(*limit));
    if (!r) return Fail(std::move(r.error()));
    return All(*r, OrganisationFromRow);
  }

  Result<std::vector<app::OrganisationWithRole>> ListOrganisationsOfUser(
      const std::string& user_id) override {
    auto r = Exec(kListOrganisationsOfUser, Params().Text(user_id));
    if (!r) return Fail(std::move(r.error()));
    return All(*r, OrganisationWithRoleFromRow);
  }

  Result<void> UpsertMember(const Member& m) override {
    VM_TRY(
        Exec(kUpsertMember,
             Params().Text(m.organisation_id).Text(m.user_id).Text(Name(m.role)).Int(m.joined_at)));
    return {};
  }

  Result<std::optional<Member>> FindMember(const std::string& organisation_id,
                                           const std::string& user_id) override {
    auto r = Exec(kFindMember, Params().Text(organisation_id).Text(user_id));
    if (!r) return Fail(std::move(r.error()));
    return One(*r, MemberFromRow);
  }

  Result<std::vector<Member>> ListMembers(const std::string& organisation_id) override {
    auto r = Exec(kListMembers, Params().Text(organisation_id));
    if (!r) return Fail(std::move(r.error()));
    return All(*r, MemberFromRow);
  }

  Result<void> DeleteMember(const std::string& organisation_id,
                            const std::string& user_id) override {
    return ExecOnOne(kDeleteMember, Params().Text(organisation_id).Text(user_id), "member");
  }

  Result<void> InsertScope(const Scope& s) override {
    return ExecInsert(kInsertScope,
                      Params()
                          .Text(s.organisation_id)
                          .Text(s.id)
                          .Text(Name(s.kind))
                          .Text(s.name)
                          .Text(s.description)
                          .Int(s.created_at),
                      "scope");
  }

  Result<std::optional<Scope>> FindScope(const std::string& organisation_id,
                                         const std::string& id) override {
    auto r = Exec(kFindScope, Params().Text(organisation_id).Text(id));
    if (!r) return Fail(std::move(r.error()));
    return One(*r, ScopeFromRow);
  }

  Result<void> UpdateScope(const Scope& s) override {
    return ExecOnOne(kUpdateScope,
                     Params()
                         .Text(s.organisation_id)
                         .Text(s.id)
                         .Text(Name(s.kind))
                         .Text(s.name)
                         .Text(s.description),
                     "scope");
  }

  Result<void> DeleteScope(const std::string& organisation_id, const std::string& id) override {
    return ExecOnOne(kDeleteScope, Params().Text(organisation_id).Text(id), "scope");
  }

  Result<std::vector<Scope>> ListScopes(const std::string& organisation_id) override {
    auto r = Exec(kListScopes, Params().Text(organisation_id));
    if (!r) return Fail(std::move(r.error()));
    return All(*r, ScopeFromRow);
  }

  Result<void> InsertInvitation(const Invitation& inv) override {
    return ExecInsert(kInsertInvitation,
                      Params()
                          .Text(inv.organisation_id)
                          .Text(inv.id)
                          .Text(inv.email)
                          .Text(Name(inv.role))
                          .Text(inv.invited_by)
                          .Int(inv.created_at)
                          .Int(inv.expires_at)
                          .OptInt(inv.accepted_at)
                          .OptInt(inv.revoked_at)
                          .Text(inv.token_hash),
                      "invitation");
  }

  Result<std::optional<Invitation>> FindInvitation(const std::string& organisation_id,
                                                   const std::string& id) override {
    auto r = Exec(kFindInvitation, Params().Text(organisation_id).Text(id));
    if (!r) return Fail(std::move(r.error()));
    return One(*r, InvitationFromRow);
  }

  Result<std::optional<Invitation>> FindInvitationByToken(const std::string& organisation_id,
                                                          const std::string& token_hash) override {
    auto r = Exec(kFindInvitationByToken, Params().Text(organisation_id).Text(token_hash));
    if (!r) return Fail(std::move(r.error()));
    return One(*r, InvitationFromRow);
  }

  Result<void> UpdateInvitation(const Invitation& inv) override {
    return ExecOnOne(kUpdateInvitation,
                     Params()
                         .Text(inv.organisation_id)
                         .Text(inv.id)
                         .OptInt(inv.accepted_at)
                         .OptInt(inv.revoked_at),
                     "invitation");
  }

  Result<std::vector<Invitation>> ListInvitations(const std::string& organisation_id) override {
    auto r = Exec(kListInvitations, Params().Text(organisation_id));
    if (!r) return Fail(std::move(r.error()));
    return All(*r, InvitationFromRow);
  }

  Result<void> InsertRound(const Round& round) override {
    return ExecInsert(kInsertRound,
                      Params()
                          .Text(round.id)
                          .Text(round.name)
                          .Text(round.opens_on)
                          .Text(round.closes_on)
                          .Text(round.created_by)
                          .Int(round.created_at),
                      "round");
  }

  Result<std::vector<Round>> ListRounds() override {
    auto r = Exec(kListRounds, Params());
    if (!r) return Fail(std::move(r.error()));
    return All(*r, RoundFromRow);
  }

  Result<void> InsertApplication(const Application& a) override {
    return ExecInsert(kInsertApplication,
                      Params()
                          .Text(a.organisation_id)
                          .Text(a.id)
                          .Text(a.scheme_id)
                          .Int(a.level)
                          .Text(Name(a.state))
                          .OptText(a.assessor_id)
                          .OptInt(a.submitted_at)
                          .Int(a.created_at)
                          .Int(a.version)
                          .Text(formats::CompactJson(&formats::WriteApplication, a)),
                      "application");
  }

  Result<std::optional<Application>> FindApplication(const std::string& id) override {
    auto r = Exec(kFindApplication, Params().Text(id));
    if (!r) return Fail(std::move(r.error()));
    return One(*r, ApplicationFromRow);
  }

  Result<void> UpdateApplication(const Application& a, int64_t expected_version) override {
    auto r = Exec(kUpdateApplication, Params()
                                          .Text(a.organisation_id)
                                          .Text(a.id)
                                          .Text(Name(a.state))
                                          .OptText(a.assessor_id)
                                          .OptInt(a.submitted_at)
                                          .Int(a.version)
                                          .Text(formats::CompactJson(&formats::WriteApplication, a))
                                          .Int(expected_version));
    if (!r) return Fail(std::move(r.error()));
    if (r->Changes() == 1) return {};
    auto exists = Exec(kApplicationExists, Params().Text(a.organisation_id).Text(a.id));
    if (!exists) return Fail(std::move(exists.error()));
    if (exists->rows() == 0) return Fail(NotFound("application"));
    return Fail(
        Error::Make(ErrorCode::kFailedPrecondition,
                    "the application was changed by someone else: reload it and try again"));
  }

  Result<std::vector<Application>> ListApplicationsOfOrganisation(
      const std::string& organisation_id) override {
    auto r = Exec(kListApplicationsOfOrganisation, Params().Text(organisation_id));
    if (!r) return Fail(std::move(r.error()));
    return All(*r, ApplicationFromRow);
  }

  Result<std::vector<Application>> ListSubmittedApplications(
      const std::optional<std::string>& assessor_id) override {
    auto r = assessor_id ? Exec(kListApplicationsOfAssessor, Params().Text(*assessor_id))
                         : Exec(kListSubmittedApplications, Params());
    if (!r) return Fail(std::move(r.error()));
    return All(*r, ApplicationFromRow);
  }

  Result<void> InsertSchemeVersion(const app::PublishedScheme& s) override {
    return ExecInsert(kInsertSchemeVersion,
                      Params()
                          .Text(s.scheme_id)
                          .Int(s.version)
                          .Text(s.document)
                          .Text(s.published_by)
                          .Int(s.published_at),
                      "scheme version");
  }

  Result<std::vector<app::PublishedScheme>> ListSchemeVersions() override {
    auto r = Exec(kListSchemeVersions, Params());
    if (!r) return Fail(std::move(r.error()));
    return All(*r, SchemeVersionFromRow);
  }

  Result<void> InsertEvidenceFile(const app::EvidenceFile& f) override {
    return ExecInsert(kInsertEvidenceFile,
                      Params()
                          .Text(f.organisation_id)
                          .Text(f.id)
                          .Text(f.application_id)
                          .Text(f.media_type)
                          .Int(f.size_bytes)
                          .Text(f.sha256)
                          .Bytes(f.content)
                          .Int(f.created_at),
                      "evidence file");
  }

  Result<std::optional<app::EvidenceFile>> FindEvidenceFile(const std::string& organisation_id,
                                                            const std::string& id) override {
    auto r = Exec(kFindEvidenceFile, Params().Text(organisation_id).Text(id));
    if (!r) return Fail(std::move(r.error()));
    return One(*r, EvidenceFileFromRow);
  }

  Result<void> InsertSigningKey(const app::SigningKey& key) override {
    return ExecInsert(kInsertSigningKey,
                      Params()
                          .Text(key.id)
                          .Text(key.public_key)
                          .Text(key.secret_key)
                          .Int(key.created_at)
                          .OptInt(key.retired_at),
                      "signing key");
  }

  Result<void> RetireSigningKey(const std::string& id, UnixTime at) override {
    return ExecOnOne(kRetireSigningKey, Params().Text(id).Int(at), "unretired signing key");
  }

  Result<std::vector<app::SigningKey>> ListSigningKeys() override {
    auto r = Exec(kListSigningKeys, Params());
    if (!r) return Fail(std::move(r.error()));
    return All(*r, SigningKeyFromRow);
  }

  Result<void> InsertCertificate(const app::StoredCertificate& c) override {
    const Certificate& k = c.certificate;
    return ExecInsert(kInsertCertificate,
                      Params()
                          .Text(k.organisation_id)
                          .Text(k.id)
                          .Text(k.verification_code)
                          .Text(k.organisation_name)
                          .Text(k.expires_on)
                          .Text(c.document),
                      "certificate");
  }

  Result<std::optional<app::StoredCertificate>> FindCertificate(const std::string& id) override {
    auto r = Exec(kFindCertificate, Params().Text(id));
    if (!r) return Fail(std::move(r.error()));
    return One(*r, CertificateFromRow);
  }

  Result<std::optional<app::StoredCertificate>> FindCertificateByCode(
      const std::string& code) override {
    auto r = Exec(kFindCertificateByCode, Params().Text(code));
    if (!r) return Fail(std::move(r.error()));
    return One(*r, CertificateFromRow);
  }

  Result<std::vector<app::StoredCertificate>> ListCertificatesInForce(
      const std::string& today) override {
    auto r = Exec(kListCertificatesInForce, Params().Text(today));
    if (!r) return Fail(std::move(r.error()));
    return All(*r, CertificateFromRow);
  }

  Result<int64_t> EnqueueMessage(const app::OutboxMessage& m) override {
    auto r = Exec(kEnqueueMessage, Params()
                                       .Text(m.to)
                                       .Text(m.subject)
                                       .Text(m.body)
                                       .Int(m.created_at)
                                       .OptInt(m.sent_at)
                                       .Int(m.attempts)
                                       .Text(m.last_error));
    if (!r) return Fail(std::move(r.error()));
    if (r->rows() != 1)
      return Fail(Error::Make(ErrorCode::kInternal, "outbox insert returned no id"));
    return r->Int(0, 0);
  }

  Result<std::vector<app::OutboxMessage>> ListUnsentMessages(int limit) override {
    auto checked = CheckLimit(limit);
    if (!checked) return Fail(std::move(checked.error()));
    auto r = Exec(kListUnsentMessages, Params().Int(*checked));
    if (!r) return Fail(std::move(r.error()));
    return All(*r, MessageFromRow);
  }

  Result<std::vector<app::OutboxMessage>> ListMessagesTo(const std::string& to,
                                                         int limit) override {
    auto r = Exec(kListMessagesTo, Params().Text(to).Int(limit));
    if (!r) return Fail(std::move(r.error()));
    return All(*r, MessageFromRow);
  }

  Result<int64_t> NotificationsSeenUpTo(const std::string& user_id) override {
    auto r = Exec(kNotificationsSeen, Params().Text(user_id));
    if (!r) return Fail(std::move(r.error()));
    return r->rows() == 0 ? int64_t{0} : r->Int(0, 0);
  }

  Result<void> SetNotificationsSeenUpTo(const std::string& user_id, int64_t message_id) override {
    VM_TRY(Exec(kSetNotificationsSeen, Params().Text(user_id).Int(message_id)));
    return {};
  }

  Result<std::vector<app::OutboxMessage>> ListMessages(const app::PageRequest& page) override {
    auto limit = CheckLimit(page.limit);
    if (!limit) return Fail(std::move(limit.error()));
    int64_t before = std::numeric_limits<int64_t>::max();
    if (!page.after.empty()) {
      const char* end = page.after.data() + page.after.size();
      auto [ptr, ec] = std::from_chars(page.after.data(), end, before);
      if (ec != std::errc() || ptr != end) {
        return Fail(Error::Make(ErrorCode::kInvalidArgument, "cursor is not a message id"));
      }
    }
    auto r = Exec(kListMessages, Params().Int(before).Int(*limit));
    if (!r) return Fail(std::move(r.error()));
    return All(*r, MessageFromRow);
  }

  Result<void> MarkMessageSent(int64_t id, UnixTime at) override {
    return ExecOnOne(kMarkMessageSent, Params().Int(id).Int(at), "message");
  }

  Result<void> MarkMessageFailed(int64_t id, const std::string& error) override {
    return ExecOnOne(kMarkMessageFailed, Params().Int(id).Text(error), "message");
  }

  // In a write transaction, locks the chain's audit_heads row until commit:
  // a concurrent appender of the same chain waits here, then reads the head
  // this transaction wrote (READ COMMITTED: each statement sees the latest
  // commits), so appends take turns.
  Result<std::optional<app::AuditEntry>> AuditHead(const std::string& chain) override {
    if (!writable_) {
      auto r = Exec(kAuditHead, Params().Text(chain));
      if (!r) return Fail(std::move(r.error()));
      return One(*r, AuditFromRow);
    }
    auto head = LockHead(chain);
    if (!head) return Fail(std::move(head.error()));
    if (head->seq == 0) return std::optional<app::AuditEntry>();
    // A statement of its own, after the lock: a join with the locked row
    // would re-check only that row after a wait and read a stale entry.
    auto r = Exec(kAuditEntry, Params().Text(chain).Int(head->seq));
    if (!r) return Fail(std::move(r.error()));
    auto entry = One(*r, AuditFromRow);
    if (!entry) return Fail(std::move(entry.error()));
    if (!*entry) {
      return Fail(Error::Make(
          ErrorCode::kInternal,
          fmt::format("audit chain \"{}\": head {} is missing from audit_log", chain, head->seq)));
    }
    return entry;
  }

  // Refuses an entry that does not extend the chain's head (seq + 1, and
  // prev_hash equal to the head's hash): a gap or a fork is a bug upstream.
  Result<void> AppendAudit(const app::AuditEntry& e) override {
    if (!writable_) {
      return Fail(Error::Make(ErrorCode::kInternal, "AppendAudit in a read-only transaction"));
    }
    auto head = LockHead(e.chain);
    if (!head) return Fail(std::move(head.error()));
    if (e.seq != head->seq + 1 || e.prev_hash != head->hash) {
      return Fail(
          Error::Make(ErrorCode::kFailedPrecondition,
                      fmt::format("audit entry {} does not extend chain \"{}\" (head is {})", e.seq,
                                  e.chain, head->seq)));
    }
    VM_TRY(Exec(kAppendAudit, Params()
                                  .Text(e.chain)
                                  .Int(e.seq)
                                  .Int(e.at)
                                  .Text(e.actor_id)
                                  .Text(e.action)
                                  .Text(e.entity_type)
                                  .Text(e.entity_id)
                                  .Text(e.organisation_id)
                                  .Text(e.digest)
                                  .Text(e.prev_hash)
                                  .Text(e.hash)));
    VM_TRY(Exec(kAdvanceAuditHead, Params().Text(e.chain).Int(e.seq).Text(e.hash)));
    locked_heads_[e.chain] = HeadLink{e.seq, e.hash};
    return {};
  }

  Result<std::vector<app::AuditEntry>> ListAuditForEntity(const std::string& entity_type,
                                                          const std::string& entity_id) override {
    auto r = Exec(kListAuditForEntity, Params().Text(entity_type).Text(entity_id));
    if (!r) return Fail(std::move(r.error()));
    return All(*r, AuditFromRow);
  }

  Result<std::vector<app::AuditEntry>> ListAuditChain(const std::string& chain, int64_t after_seq,
                                                      int limit) override {
    auto checked = CheckLimit(limit);
    if (!checked) return Fail(std::move(checked.error()));
    auto r = Exec(kListAuditChain, Params().Text(chain).Int(after_seq).Int(*checked));
    if (!r) return Fail(std::move(r.error()));
    return All(*r, AuditFromRow);
  }

  Result<std::vector<std::string>> ListAuditChains() override {
    auto r = Exec(kListAuditChains, Params());
    if (!r) return Fail(std::move(r.error()));
    return All(*r, TextFromRow);
  }

  // ---- Signed audit checkpoints (migration 20).
#define VM_CHECKPOINT_COLUMNS "chain, seq, hash, at, heads, key_id, signature"
  static constexpr char kInsertAuditCheckpoint[] =
      "INSERT INTO audit_checkpoints (" VM_CHECKPOINT_COLUMNS
      ") VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING";
  static constexpr char kListAuditCheckpoints[] =
      "SELECT " VM_CHECKPOINT_COLUMNS
      " FROM audit_checkpoints WHERE chain = $1 AND seq > $2 "
      "ORDER BY seq LIMIT $3";
  static constexpr char kListLatestAuditCheckpoints[] =
      "SELECT DISTINCT ON (chain) " VM_CHECKPOINT_COLUMNS
      " FROM audit_checkpoints ORDER BY chain, seq DESC";
  static constexpr char kListAuditRosters[] =
      "SELECT " VM_CHECKPOINT_COLUMNS
      " FROM audit_checkpoints WHERE heads <> '' ORDER BY seq, chain";
#undef VM_CHECKPOINT_COLUMNS

  static Result<app::AuditCheckpoint> CheckpointFromRow(const PgResult& r, int i) {
    return app::AuditCheckpoint{r.Text(i, 0), r.Int(i, 1),  r.Text(i, 2), r.Int(i, 3),
                                r.Text(i, 4), r.Text(i, 5), r.Text(i, 6)};
  }

  Result<void> InsertAuditCheckpoint(const app::AuditCheckpoint& c) override {
    return ExecInsert(
        kInsertAuditCheckpoint,
        Params().Text(c.chain).Int(c.seq).Text(c.hash).Int(c.at).Text(c.heads).Text(c.key_id).Text(
            c.signature),
        "audit checkpoint");
  }

  Result<std::vector<app::AuditCheckpoint>> ListAuditCheckpoints(const std::string& chain,
                                                                 int64_t after_seq,
                                                                 int limit) override {
    auto checked = CheckLimit(limit);
    if (!checked) return Fail(std::move(checked.error()));
    auto r = Exec(kListAuditCheckpoints, Params().Text(chain).Int(after_seq).Int(*checked));
    if (!r) return Fail(std::move(r.error()));
    return All(*r, CheckpointFromRow);
  }

  Result<std::vector<app::AuditCheckpoint>> ListLatestAuditCheckpoints() override {
    auto r = Exec(kListLatestAuditCheckpoints, Params());
    if (!r) return Fail(std::move(r.error()));
    return All(*r, CheckpointFromRow);
  }

  Result<std::vector<app::AuditCheckpoint>> ListAuditRosters() override {
    auto r = Exec(kListAuditRosters, Params());
    if (!r) return Fail(std::move(r.error()));
    return All(*r, CheckpointFromRow);
  }

  // ---- Measure-and-manage records (migration 4): SQL, row converter and methods in one place.
#define VM_RECORD_COLUMNS \
  "organisation_id, kind, id, version, scope_id, title, body, created_by, created_at"
  static constexpr char kInsertRecordVersion[] =
      "INSERT INTO records (" VM_RECORD_COLUMNS
      ", body_bytes) VALUES ($1, $2, $3, $4, $5, $6, $7::text, $8, $9, "
      "octet_length($7::text)) ON CONFLICT DO NOTHING";
  static constexpr char kFindRecordLatest[] =
      "SELECT " VM_RECORD_COLUMNS
      " FROM records WHERE organisation_id = $1 AND kind = $2 AND id = $3 "
      "ORDER BY version DESC LIMIT 1";
  static constexpr char kFindRecordVersion[] =
      "SELECT " VM_RECORD_COLUMNS
      " FROM records WHERE organisation_id = $1 AND kind = $2 AND id = $3 AND version = $4";
  static constexpr char kFindRecordOrganisation[] =
      "SELECT organisation_id FROM records WHERE kind = $1 AND id = $2 LIMIT 1";
  static constexpr char kListRecords[] =
      "SELECT " VM_RECORD_COLUMNS
      " FROM records r WHERE organisation_id = $1 AND kind = $2 AND version = "
      "(SELECT MAX(version) FROM records v WHERE v.organisation_id = r.organisation_id AND v.kind "
      "= r.kind "
      "AND v.id = r.id) ORDER BY title COLLATE \"C\", id";
  static constexpr char kListRecordVersions[] =
      "SELECT organisation_id, kind, id, version, scope_id, title, '', created_by, created_at FROM "
      "records "
      "WHERE organisation_id = $1 AND kind = $2 AND id = $3 ORDER BY version DESC";
#undef VM_RECORD_COLUMNS

  static Result<app::RecordVersion> RecordFromRow(const PgResult& r, int i) {
    return app::RecordVersion{r.Text(i, 0), r.Text(i, 1), r.Text(i, 2), r.Int(i, 3), r.Text(i, 4),
                              r.Text(i, 5), r.Text(i, 6), r.Text(i, 7), r.Int(i, 8)};
  }

  Result<void> InsertRecordVersion(const app::RecordVersion& v) override {
    return ExecInsert(kInsertRecordVersion,
                      Params()
                          .Text(v.organisation_id)
                          .Text(v.kind)
                          .Text(v.id)
                          .Int(v.version)
                          .Text(v.scope_id)
                          .Text(v.title)
                          .Text(v.body)
                          .Text(v.created_by)
                          .Int(v.created_at),
                      "this version of the record");
  }

  Result<std::optional<app::RecordVersion>> FindRecord(const std::string& organisation_id,
                                                       const std::string& kind,
                                                       const std::string& id,
                                                       int64_t version) override {
    auto r = version == 0
                 ? Exec(kFindRecordLatest, Params().Text(organisation_id).Text(kind).Text(id))
                 : Exec(kFindRecordVersion,
                        Params().Text(organisation_id).Text(kind).Text(id).Int(version));
    if (!r) return Fail(std::move(r.error()));
    return One(*r, RecordFromRow);
  }

  Result<std::optional<std::string>> FindRecordOrganisation(const std::string& kind,
                                                            const std::string& id) override {
    auto r = Exec(kFindRecordOrganisation, Params().Text(kind).Text(id));
    if (!r) return Fail(std::move(r.error()));
    return One(*r, TextFromRow);
  }

  Result<std::vector<app::RecordVersion>> ListRecords(const std::string& organisation_id,
                                                      const std::string& kind) override {
    auto r = Exec(kListRecords, Params().Text(organisation_id).Text(kind));
    if (!r) return Fail(std::move(r.error()));
    return All(*r, RecordFromRow);
  }

  Result<std::vector<app::RecordVersion>> ListRecordVersions(const std::string& organisation_id,
                                                             const std::string& kind,
                                                             const std::string& id) override {
    auto r = Exec(kListRecordVersions, Params().Text(organisation_id).Text(kind).Text(id));
    if (!r) return Fail(std::move(r.error()));
    return All(*r, RecordFromRow);
  }

  // ---- Surveys and responses (issue 6): SQL, converters and methods.
  // Inserts use ON CONFLICT DO NOTHING: a taken key must not abort the
  // transaction (a batch of responses commits together).
  static constexpr char kInsertSurvey[] =
      "INSERT INTO surveys (organisation_id, id, scope_id, token, design, response_count, "
      "created_at, updated_at, "
      "version, design_bytes) VALUES ($1, $2, $3, $4, $5::text, $6, $7, $8, $9, "
      "octet_length($5::text)) "
      "ON CONFLICT DO NOTHING";
  static constexpr char kInsertSurveyLink[] =
      "INSERT INTO survey_links (token, organisation_id, survey_id) VALUES ($1, $2, $3) ON "
      "CONFLICT DO NOTHING";
  static constexpr char kFindSurvey[] =
      "SELECT organisation_id, id, scope_id, token, design, response_count, created_at, "
      "updated_at, version "
      "FROM surveys WHERE organisation_id = $1 AND id = $2";
  static constexpr char kFindSurveyByToken[] =
      "SELECT s.organisation_id, s.id, s.scope_id, s.token, s.design, s.response_count, "
      "s.created_at, s.updated_at, "
      "s.version FROM survey_links l JOIN surveys s ON s.organisation_id = l.organisation_id AND "
      "s.id = l.survey_id "
      "WHERE l.token = $1";
  static constexpr char kFindSurveyOrganisation[] =
      "SELECT organisation_id FROM surveys WHERE id = $1";
  static constexpr char kUpdateSurvey[] =
      "UPDATE surveys SET scope_id = $3, design = $4::text, design_bytes = octet_length($4::text), "
      "updated_at = $5, "
      "version = version + 1 WHERE organisation_id = $1 AND id = $2 AND version = $6";
  static constexpr char kListSurveys[] =
      "SELECT organisation_id, id, scope_id, token, design, response_count, created_at, "
      "updated_at, version "
      "FROM surveys WHERE organisation_id = $1 ORDER BY created_at DESC, id DESC";
  static constexpr char kAddToResponseCount[] =
      "UPDATE surveys SET response_count = response_count + $3, response_bytes = response_bytes + "
      "$4 "
      "WHERE organisation_id = $1 AND id = $2";
  static constexpr char kOrganisationUsage[] =
      "SELECT (SELECT COUNT(*) FROM evidence_files WHERE organisation_id = $1), "
      "(SELECT COALESCE(SUM(size_bytes), 0) FROM evidence_files WHERE organisation_id = $1), "
      "(SELECT COUNT(*) FROM records WHERE organisation_id = $1), "
      "(SELECT COALESCE(SUM(body_bytes), 0) FROM records WHERE organisation_id = $1), "
      "(SELECT COUNT(*) FROM surveys WHERE organisation_id = $1), "
      "(SELECT COALESCE(SUM(design_bytes + response_bytes), 0) FROM surveys WHERE organisation_id "
      "= $1), "
      "(SELECT COUNT(*) FROM members WHERE organisation_id = $1), "
      "(SELECT COUNT(*) FROM invitations WHERE organisation_id = $1), "
      "(SELECT COUNT(*) FROM scopes WHERE organisation_id = $1), "
      "(SELECT COUNT(*) FROM applications WHERE organisation_id = $1)";
  static constexpr char kLockOrganisation[] =
      "SELECT 1 FROM organisations WHERE id = $1 FOR UPDATE";
  static constexpr char kInsertResponse[] =
      "INSERT INTO survey_responses (organisation_id, survey_id, id, idempotency_key, "
      "respondent_code, answers, "
      "source, submitted_at, excluded_reason, excluded_by, excluded_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING";
#define VM_RESPONSE_COLUMNS                                                             \
  "organisation_id, survey_id, id, idempotency_key, respondent_code, answers, source, " \
  "submitted_at, "                                                                      \
  "excluded_reason, excluded_by, excluded_at"
  static constexpr char kFindResponse[] =
      "SELECT " VM_RESPONSE_COLUMNS
      " FROM survey_responses WHERE organisation_id = $1 AND survey_id = $2 AND id = $3";
  static constexpr char kFindResponseByKey[] = "SELECT " VM_RESPONSE_COLUMNS
                                               " FROM survey_responses WHERE organisation_id = $1 "
                                               "AND survey_id = $2 AND idempotency_key = $3";
  static constexpr char kListResponses[] =
      "SELECT " VM_RESPONSE_COLUMNS
      " FROM survey_responses WHERE organisation_id = $1 AND survey_id = $2 "
      "AND id > $3 ORDER BY id LIMIT $4";
#undef VM_RESPONSE_COLUMNS
  static constexpr char kScanResponses[] =
      "SELECT id, answers, respondent_code, submitted_at, (excluded_reason IS NOT NULL)::int FROM "
      "survey_responses "
      "WHERE organisation_id = $1 AND survey_id = $2 ORDER BY id";
  static constexpr char kUpdateResponseExclusion[] =
      "UPDATE survey_responses SET excluded_reason = $4, excluded_by = $5, excluded_at = $6 "
      "WHERE organisation_id = $1 AND survey_id = $2 AND id = $3";

  static Result<app::SurveyRecord> SurveyFromRow(const PgResult& r, int i) {
    return app::SurveyRecord{r.Text(i, 0), r.Text(i, 1), r.OptText(i, 2),
                             r.Text(i, 3), r.Text(i, 4), r.Int(i, 5),
                             r.Int(i, 6),  r.Int(i, 7),  r.Int(i, 8)};
  }
  static Result<app::SurveyResponse> ResponseFromRow(const PgResult& r, int i) {
    return app::SurveyResponse{r.Text(i, 0),    r.Text(i, 1), r.Text(i, 2),   r.Text(i, 3),
                               r.Text(i, 4),    r.Text(i, 5), r.Text(i, 6),   r.Int(i, 7),
                               r.OptText(i, 8), r.Text(i, 9), r.OptInt(i, 10)};
  }

  Result<void> InsertSurvey(const app::SurveyRecord& s) override {
    VM_TRY(ExecInsert(kInsertSurvey,
                      Params()
                          .Text(s.organisation_id)
                          .Text(s.id)
                          .OptText(s.scope_id)
                          .Text(s.token)
                          .Text(s.design)
                          .Int(s.response_count)
                          .Int(s.created_at)
                          .Int(s.updated_at)
                          .Int(s.version),
                      "survey"));
    return ExecInsert(kInsertSurveyLink, Params().Text(s.token).Text(s.organisation_id).Text(s.id),
                      "survey link");
  }

  Result<std::optional<app::SurveyRecord>> FindSurvey(const std::string& org,
                                                      const std::string& id) override {
    auto r = Exec(kFindSurvey, Params().Text(org).Text(id));
    if (!r) return Fail(std::move(r.error()));
    return One(*r, SurveyFromRow);
  }

  Result<std::optional<app::SurveyRecord>> FindSurveyByToken(const std::string& token) override {
    auto r = Exec(kFindSurveyByToken, Params().Text(token));
    if (!r) return Fail(std::move(r.error()));
    return One(*r, SurveyFromRow);
  }

  Result<std::optional<std::string>> FindSurveyOrganisation(const std::string& id) override {
    auto r = Exec(kFindSurveyOrganisation, Params().Text(id));
    if (!r) return Fail(std::move(r.error()));
    return One(*r, TextFromRow);
  }

  Result<void> UpdateSurvey(const app::SurveyRecord& s) override {
    auto r = Exec(kUpdateSurvey, Params()
                                     .Text(s.organisation_id)
                                     .Text(s.id)
                                     .OptText(s.scope_id)
                                     .Text(s.design)
                                     .Int(s.updated_at)
                                     .Int(s.version));
    if (!r) return Fail(std::move(r.error()));
    if (r->Changes() == 1) return {};
    return Fail(
        Error::Make(ErrorCode::kFailedPrecondition, "the survey was changed or deleted meanwhile"));
  }

  Result<std::vector<app::SurveyRecord>> ListSurveys(const std::string& org) override {
    auto r = Exec(kListSurveys, Params().Text(org));
    if (!r) return Fail(std::move(r.error()));
    return All(*r, SurveyFromRow);
  }

  Result<void> AddToResponseCount(const std::string& org, const std::string& survey, int64_t delta,
                                  int64_t answer_bytes) override {
    return ExecOnOne(kAddToResponseCount,
                     Params().Text(org).Text(survey).Int(delta).Int(answer_bytes), "survey");
  }

  Result<app::OrganisationUsage> GetOrganisationUsage(const std::string& org) override {
    // Writes run in READ COMMITTED: after the lock, the sums below see what
    // the writer that held it committed.
    if (writable_) VM_TRY(Exec(kLockOrganisation, Params().Text(org)));
    auto r = Exec(kOrganisationUsage, Params().Text(org));
    if (!r) return Fail(std::move(r.error()));
    app::OrganisationUsage u;
    if (r->rows() == 0) return u;
    u.evidence_files = r->Int(0, 0);
    u.evidence_bytes = r->Int(0, 1);
    u.record_versions = r->Int(0, 2);
    u.record_bytes = r->Int(0, 3);
    u.surveys = r->Int(0, 4);
    u.survey_bytes = r->Int(0, 5);
    u.members = r->Int(0, 6);
    u.invitations = r->Int(0, 7);
    u.scopes = r->Int(0, 8);
    u.applications = r->Int(0, 9);
    return u;
  }

  Result<void> InsertResponse(const app::SurveyResponse& x) override {
    return ExecInsert(kInsertResponse,
                      Params()
                          .Text(x.organisation_id)
                          .Text(x.survey_id)
                          .Text(x.id)
                          .Text(x.idempotency_key)
                          .Text(x.respondent_code)
                          .Text(x.answers)
                          .Text(x.source)
                          .Int(x.submitted_at)
                          .OptText(x.excluded_reason)
                          .Text(x.excluded_by)
                          .OptInt(x.excluded_at),
                      "response");
  }

  Result<std::optional<app::SurveyResponse>> FindResponse(const std::string& org,
                                                          const std::string& survey,
                                                          const std::string& id) override {
    auto r = Exec(kFindResponse, Params().Text(org).Text(survey).Text(id));
    if (!r) return Fail(std::move(r.error()));
    return One(*r, ResponseFromRow);
  }

  Result<std::optional<app::SurveyResponse>> FindResponseByKey(const std::string& org,
                                                               const std::string& survey,
                                                               const std::string& key) override {
    auto r = Exec(kFindResponseByKey, Params().Text(org).Text(survey).Text(key));
    if (!r) return Fail(std::move(r.error()));
    return One(*r, ResponseFromRow);
  }

  Result<std::vector<app::SurveyResponse>> ListResponses(const std::string& org,
                                                         const std::string& survey,
                                                         const app::PageRequest& page) override {
    auto limit = CheckLimit(page.limit);
    if (!limit) return Fail(std::move(limit.error()));
    auto r = Exec(kListResponses, Params().Text(org).Text(survey).Text(page.after).Int(*limit));
    if (!r) return Fail(std::move(r.error()));
    return All(*r, ResponseFromRow);
  }

  Result<void> ScanResponses(const std::string& org, const std::string& survey,
                             const std::function<void(const app::ResponseRow&)>& fn) override {
    auto r = Exec(kScanResponses, Params().Text(org).Text(survey));
    if (!r) return Fail(std::move(r.error()));
    PGresult* raw = r->raw();
    for (int i = 0; i < r->rows(); ++i) {
      auto text = [raw, i](int column) {
        return std::string_view(PQgetvalue(raw, i, column),
                                static_cast<size_t>(PQgetlength(raw, i, column)));
      };
      fn(app::ResponseRow{text(0), text(1), text(2), r->Int(i, 3), r->Int(i, 4) != 0});
    }
    return {};
  }

  Result<void> UpdateResponseExclusion(const app::SurveyResponse& x) override {
    return ExecOnOne(kUpdateResponseExclusion,
                     Params()
                         .Text(x.organisation_id)
                         .Text(x.survey_id)
                         .Text(x.id)
                         .OptText(x.excluded_reason)
                         .Text(x.excluded_by)
                         .OptInt(x.excluded_at),
                     "response");
  }
  // ---- End of surveys and responses.

 private:
  struct HeadLink {
    int64_t seq = 0;
    std::string hash;
  };

  Result<PgResult> Exec(const char* sql, const Params& params) {
    if (first_error_) {
      return Fail(Error::Make(
          ErrorCode::kInternal,
          fmt::format("transaction aborted by an earlier error: {}", first_error_->message)));
    }
    auto r = c_.Exec(sql, params);
    if (!r) first_error_ = r.error();
    return r;
  }

  Result<void> ExecInsert(const char* sql, const Params& params, std::string_view what) {
    auto r = Exec(sql, params);
    if (!r) return Fail(std::move(r.error()));
    if (r->Changes() == 0) return Fail(Taken(what));
    return {};
  }

  Result<void> ExecOnOne(const char* sql, const Params& params, std::string_view what) {
    auto r = Exec(sql, params);
    if (!r) return Fail(std::move(r.error()));
    if (r->Changes() == 0) return Fail(NotFound(what));
    return {};
  }

  // The chain's head, with its audit_heads row locked until commit.
  Result<HeadLink> LockHead(const std::string& chain) {
    if (auto it = locked_heads_.find(chain); it != locked_heads_.end()) return it->second;
    for (int attempt = 0; attempt < 2; ++attempt) {
      auto r = Exec(kLockAuditHead, Params().Text(chain));
      if (!r) return Fail(std::move(r.error()));
      if (r->rows() == 1) {
        HeadLink head{r->Int(0, 0), r->Text(0, 1)};
        locked_heads_[chain] = head;
        return head;
      }
      // A new chain: create its row (another writer may do the same at once:
      // ON CONFLICT waits for it and does nothing), then lock it.
      VM_TRY(Exec(kCreateAuditHead, Params().Text(chain)));
    }
    return Fail(Error::Make(ErrorCode::kInternal,
                            fmt::format("audit chain \"{}\": cannot lock its head", chain)));
  }

  static Params OrganisationParams(const Organisation& org) {
    Params params;
    params.Text(org.id)
        .Text(org.name)
        .Text(org.legal_structure)
        .Text(org.sector)
        .Text(Name(org.size_band))
        .Text(org.area)
        .Text(Name(org.membership_status))
        .OptText(org.membership_start)
        .OptText(org.membership_expiry)
        .OptText(org.lead_user_id)
        .OptText(org.senior_leader_user_id);
    return params;
  }

  PgConnection& c_;
  const bool writable_;
  std::optional<Error> first_error_;
  std::unordered_map<std::string, HeadLink> locked_heads_;
};

// Ends the transaction if it is still open; a connection that cannot is
// dropped by the pool when the lease ends.
void RollbackIfOpen(PgConnection& c) {
  if (!c.IsBroken() && !c.IsIdle()) (void)c.ExecScript(kRollback);
}

// COMMIT, and whether it committed: COMMIT of a transaction that an error
// aborted "succeeds" with the tag ROLLBACK.
Result<void> Commit(PgConnection& c) {
  auto r = c.ExecScript(kCommit);
  if (!r) {
    if (r.error().code == ErrorCode::kUnavailable) {
      return Fail(Error::Make(
          ErrorCode::kUnavailable,
          fmt::format("the connection failed during COMMIT, so whether the transaction was "
                      "committed is unknown: {}",
                      r.error().message)));
    }
    return Fail(std::move(r.error()));
  }
  if (r->CommandStatus() != "COMMIT") {
    return Fail(Error::Make(ErrorCode::kInternal, "the transaction was rolled back by the server"));
  }
  return {};
}

}  // namespace
}  // namespace postgres

using postgres::PgConnection;

PostgresStore::PostgresStore(std::unique_ptr<postgres::PgPool> pool)
    : id_(postgres::g_next_store_id.fetch_add(1)), pool_(std::move(pool)) {}

PostgresStore::~PostgresStore() = default;

Result<std::unique_ptr<PostgresStore>> PostgresStore::Create(const std::string& conninfo,
                                                             PostgresOptions options) {
  char* error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(conninfo.c_str(), &error);
  if (parsed == nullptr) {
    std::string message = error != nullptr ? error : "out of memory";
    PQfreemem(error);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return Fail(Error::Make(ErrorCode::kInvalidArgument,
                            fmt::format("invalid PostgreSQL URL: {}", message)));
  }
  PQconninfoFree(parsed);
  auto pool = std::make_unique<postgres::PgPool>(conninfo, options.max_connections,
                                                 options.acquire_timeout);
  return std::unique_ptr<PostgresStore>(new PostgresStore(std::move(pool)));
}

Result<void> PostgresStore::Run(bool writable,
                                const std::function<Result<void>(app::Transaction&)>& fn) {
  if (writable && postgres::t_writing_store == id_) {
    return Fail(Error::Make(ErrorCode::kInternal,
                            "Store::Write called from inside a Write on the same store"));
  }
  // A pooled connection may have been closed by the server since its last
  // use (a restart, an idle timeout). That shows at BEGIN, before anything was
  // done, so it is safe to drop it and try another, up to a whole pool.
  for (size_t attempt = 0;; ++attempt) {
    auto lease = pool_->Acquire();
    if (!lease) return Fail(std::move(lease.error()));
    PgConnection& c = **lease;
    auto begun = c.ExecScript(writable ? postgres::kBeginWrite : postgres::kBeginRead);
    if (!begun) {
      if (c.IsBroken() && attempt < pool_->max_size()) {
        lease->Discard();
        continue;
      }
      return Fail(std::move(begun.error()));
    }
    postgres::PgTransaction tx(c, writable);
    const uint64_t outer = postgres::t_writing_store;
    if (writable) postgres::t_writing_store = id_;
    if (!writable) postgres::t_open_reads.push_back({id_, &tx});
    Result<void> result = fn(tx);
    if (!writable) postgres::t_open_reads.pop_back();
    postgres::t_writing_store = outer;
    if (result && tx.first_error()) {
      result = Fail(Error::Make(
          ErrorCode::kInternal,
          fmt::format("not committed: a statement failed earlier in the transaction: {}",
                      tx.first_error()->message)));
    }
    if (result) result = postgres::Commit(c);
    if (!result) postgres::RollbackIfOpen(c);
    return result;
  }
}

Result<void> PostgresStore::Read(const std::function<Result<void>(app::Transaction&)>& fn) {
  for (const auto& open : postgres::t_open_reads)
    if (open.store_id == id_) return fn(*open.tx);
  return Run(false, fn);
}

Result<void> PostgresStore::Write(const std::function<Result<void>(app::Transaction&)>& fn) {
  Result<void> result = Run(true, fn);
  NoteWrite(result);
  return result;
}

Result<int> PostgresStore::Migrate() {
  auto lease = pool_->Acquire();
  if (!lease) return Fail(std::move(lease.error()));
  PgConnection& c = **lease;
  bool changed = false;
  auto migrate = [&]() -> Result<int> {
    VM_TRY(c.ExecScript(postgres::kBeginWrite));
    // Taken before anything else, and held to COMMIT: a second server
    // starting at the same moment waits here, then finds nothing to do.
    VM_TRY(c.ExecScript(postgres::kLockMigrations));
    VM_TRY(c.ExecScript(postgres::kCreateMigrationsTable));
    // Each migration is applied once by its version (migration_plan.h).
    auto current = c.ExecScript(postgres::kAppliedMigrations);
    if (!current) return Fail(std::move(current.error()));
    std::vector<int> applied;
    for (int row = 0; row < current->rows(); ++row)
      applied.push_back(static_cast<int>(current->Int(row, 0)));
    auto pending = PendingMigrations(postgres::Migrations(), applied);
    if (!pending) return Fail(std::move(pending.error()));
    int version = applied.empty() ? 0 : applied.back();
    for (const postgres::Migration* migration : *pending) {
      if (auto r = c.ExecScript(migration->sql); !r) {
        return Fail(
            Error::Make(r.error().code, fmt::format("migration {} ({}): {}", migration->version,
                                                    migration->name, r.error().message)));
      }
      VM_TRY(c.Exec(postgres::kRecordMigration, postgres::Params().Int(migration->version)));
      version = std::max(version, migration->version);
      changed = true;
    }
    VM_TRY(postgres::Commit(c));
    return version;
  };
  auto version = migrate();
  if (!version) {
    postgres::RollbackIfOpen(c);
    return version;
  }
  // Statements prepared against the old schema may no longer fit it.
  if (changed) pool_->SchemaChanged();
  return version;
}

Result<void> PostgresStore::Backup(const std::string& destination) {
  return Fail(Error::Make(
      ErrorCode::kFailedPrecondition,
      fmt::format("a PostgreSQL database is backed up with pg_dump, not by valuemark: run "
                  "pg_dump --format=custom --file={} --dbname=<the database URL> (a consistent "
                  "snapshot, taken "
                  "while the server runs), and restore it with pg_restore --clean --if-exists "
                  "--dbname=<URL> {}",
                  destination.empty() ? "<file>" : destination,
                  destination.empty() ? "<file>" : destination)));
}

}  // namespace valuemark::storage
