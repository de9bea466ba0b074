#include "storage/sqlite/sqlite_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <limits>
#include <set>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "formats/application_json.h"
#include "formats/certificate_json.h"
#include "formats/records_json.h"
#include "storage/migration_plan.h"
#include "storage/sqlite/migrations.h"
#include "storage/sqlite/statement.h"
#include "storage/sqlite/wal_files.h"

// Returns the error of a failed Result<...> expression from the enclosing
// function, which must return a Result. Keeps the SQL plumbing readable.
#define VM_TRY(expr)                                              \
  do {                                                            \
    if (auto&& vm_try_result = (expr); !vm_try_result) {          \
      return ::valuemark::Fail(std::move(vm_try_result.error())); \
    }                                                             \
  } while (false)

namespace valuemark::storage {

namespace sqlite {

// Reader connections of one store, one per thread that has read from it. The
// store owns the pool; a thread's cache (below) holds a weak reference, so a
// thread that ends gives its connection back and a store that ends closes
// them all, whichever comes first.
class ReaderPool {
 public:
  explicit ReaderPool(std::string path) : path_(std::move(path)) {}

  Result<Connection*> OpenForThisThread() {
    auto connection = Connection::Open(path_, OpenMode::kReadOnly);
    if (!connection) return Fail(std::move(connection.error()));
    Connection* raw = connection->get();
    std::lock_guard lock(mu_);
    by_thread_[std::this_thread::get_id()] = std::move(*connection);
    return raw;
  }

  void ReleaseThisThread() {
    std::unique_ptr<Connection> connection;
    {
      std::lock_guard lock(mu_);
      auto it = by_thread_.find(std::this_thread::get_id());
      if (it == by_thread_.end()) return;
      connection = std::move(it->second);
      by_thread_.erase(it);
    }
    // Closed outside the lock: closing may checkpoint.
  }

 private:
  const std::string path_;
  std::mutex mu_;
  std::unordered_map<std::thread::id, std::unique_ptr<Connection>> by_thread_;
};

namespace {

// This thread's reader connection for each store it has read from. The fast
// path of Read() is a scan of this short vector: no lock, no allocation.
struct ThreadReaders {
  struct Entry {
    uint64_t store_id;
    std::weak_ptr<ReaderPool> pool;
    Connection* connection;  // owned by the pool; valid while the store lives
  };
  std::vector<Entry> entries;

  ~ThreadReaders() {
    for (auto& entry : entries) {
      if (auto pool = entry.pool.lock()) pool->ReleaseThisThread();
    }
  }
};

thread_local ThreadReaders t_readers;
// The id of the store whose Write() this thread is running, to refuse a
// nested Write() that would wait for its own mutex forever.
thread_local uint64_t t_writing_store = 0;

std::atomic<uint64_t> g_next_store_id{1};

// ---- SQL. Each statement is a named array: the statement cache is keyed by
// its address. Values are always bound (?N), never spliced into the text.

constexpr char kBegin[] = "BEGIN";
constexpr char kBeginImmediate[] = "BEGIN IMMEDIATE";
constexpr char kCommit[] = "COMMIT";
constexpr char kRollback[] = "ROLLBACK";

constexpr char kInsertUser[] =
    "INSERT INTO users (id, email, name, password_hash, platform_role, created_at, "
    "email_verified_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
#define VM_USER_COLUMNS "id, email, name, platform_role, created_at, email_verified_at"
constexpr char kFindUserById[] = "SELECT " VM_USER_COLUMNS " FROM users WHERE id = ?1";
constexpr char kFindUserByEmail[] =
    "SELECT " VM_USER_COLUMNS ", password_hash FROM users WHERE email = ?1";
constexpr char kUserEmailTaken[] = "SELECT 1 FROM users WHERE email = ?1";
constexpr char kUpdatePasswordHash[] = "UPDATE users SET password_hash = ?2 WHERE id = ?1";
constexpr char kUpdateUser[] = "UPDATE users SET name = ?2, platform_role = ?3 WHERE id = ?1";
constexpr char kListUsers[] =
    "SELECT " VM_USER_COLUMNS " FROM users WHERE id > ?1 ORDER BY id LIMIT ?2";
constexpr char kSetEmailVerified[] =
    "UPDATE users SET email_verified_at = COALESCE(email_verified_at, ?2) WHERE id = ?1";
constexpr char kUseEmailVerificationsOfUser[] =
    "UPDATE email_verifications SET used_at = ?2 WHERE user_id = ?1 AND used_at IS NULL";
constexpr char kInsertEmailVerification[] =
    "INSERT INTO email_verifications (token_hash, user_id, created_at, expires_at, used_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr char kFindEmailVerification[] =
    "SELECT token_hash, user_id, created_at, expires_at, used_at FROM email_verifications WHERE "
    "token_hash = ?1";

constexpr char kRecordLoginFailure[] =
    "INSERT INTO login_failures (key, at, failures) VALUES (?1, ?2, 1) "
    "ON CONFLICT (key, at) DO UPDATE SET failures = login_failures.failures + 1";
constexpr char kCountLoginFailures[] =
    "SELECT COALESCE(SUM(failures), 0) FROM login_failures WHERE key = ?1 AND at > ?2";
constexpr char kClearLoginFailures[] = "DELETE FROM login_failures WHERE key = ?1";
constexpr char kPruneLoginFailures[] = "DELETE FROM login_failures WHERE at <= ?1";

constexpr char kInsertSession[] =
    "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?1, ?2, "
    "?3, ?4, ?5)";
constexpr char kFindSession[] =
    "SELECT id_hash, user_id, csrf_token, created_at, expires_at FROM sessions WHERE id_hash = ?1";
constexpr char kDeleteSession[] = "DELETE FROM sessions WHERE id_hash = ?1";
constexpr char kDeleteSessionsOfUser[] = "DELETE FROM sessions WHERE user_id = ?1";
constexpr char kDeleteExpiredSessions[] = "DELETE FROM sessions WHERE expires_at <= ?1";
constexpr char kSetSessionExpiry[] = "UPDATE sessions SET expires_at = ?2 WHERE id_hash = ?1";
constexpr char kVoidPasswordResetsOfUser[] =
    "UPDATE password_resets SET used_at = ?2 WHERE user_id = ?1 AND used_at IS NULL";

constexpr char kInsertPasswordReset[] =
    "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at, used_at) VALUES "
    "(?1, ?2, ?3, ?4, ?5)";
constexpr char kFindPasswordReset[] =
    "SELECT token_hash, user_id, created_at, expires_at, used_at FROM password_resets WHERE "
    "token_hash = ?1";
constexpr char kMarkPasswordResetUsed[] =
    "UPDATE password_resets SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL";
constexpr char kPasswordResetExists[] = "SELECT 1 FROM password_resets WHERE token_hash = ?1";

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
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
constexpr char kFindOrganisation[] =
    "SELECT " VM_ORG_COLUMNS " FROM organisations o WHERE o.id = ?1";
constexpr char kOrganisationExists[] = "SELECT 1 FROM organisations WHERE id = ?1";
constexpr char kUpdateOrganisation[] =
    "UPDATE organisations SET name = ?2, legal_structure = ?3, sector = ?4, size_band = ?5, area = "
    "?6, "
    "membership_status = ?7, membership_start = ?8, membership_expiry = ?9, lead_user_id = ?10, "
    "senior_leader_user_id = ?11, updated_at = ?12, version = version + 1 WHERE id = ?1 AND "
    "version = ?13";
constexpr char kListOrganisations[] =
    "SELECT " VM_ORG_COLUMNS " FROM organisations o WHERE o.id > ?1 ORDER BY o.id LIMIT ?2";
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
    "?3, ?4, ?5, ?6)";
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

#define VM_INVITATION_COLUMNS                                                           \
  "organisation_id, id, email, role, invited_by, created_at, expires_at, accepted_at, " \
  "revoked_at, token_hash"
constexpr char kInsertInvitation[] = "INSERT INTO invitations (" VM_INVITATION_COLUMNS
                                     ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
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

#define VM_OUTBOX_COLUMNS "id, to_address, subject, body, created_at, sent_at, attempts, last_error"
constexpr char kInsertRound[] =
    "INSERT INTO rounds (id, name, opens_on, closes_on, created_by, created_at) VALUES (?1, ?2, "
    "?3, ?4, ?5, ?6)";
constexpr char kListRounds[] =
    "SELECT id, name, opens_on, closes_on, created_by, created_at FROM rounds ORDER BY opens_on, "
    "id";
constexpr char kInsertApplication[] =
    "INSERT INTO applications (organisation_id, id, scheme_id, level, state, assessor_id, "
    "submitted_at, created_at, "
    "version, document) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr char kFindApplication[] = "SELECT document FROM applications WHERE id = ?1";
constexpr char kUpdateApplication[] =
    "UPDATE applications SET state = ?3, assessor_id = ?4, submitted_at = ?5, version = ?6, "
    "document = ?7 "
    "WHERE organisation_id = ?1 AND id = ?2 AND version = ?8";
constexpr char kApplicationExists[] =
    "SELECT 1 FROM applications WHERE organisation_id = ?1 AND id = ?2";
constexpr char kListApplicationsOfOrganisation[] =
    "SELECT document FROM applications WHERE organisation_id = ?1 ORDER BY created_at DESC, id";
constexpr char kListSubmittedApplications[] =
    "SELECT document FROM applications WHERE state <> 'draft' ORDER BY submitted_at, id";
constexpr char kListApplicationsOfAssessor[] =
    "SELECT document FROM applications WHERE assessor_id = ?1 ORDER BY submitted_at, id";

constexpr char kInsertSigningKey[] =
    "INSERT INTO signing_keys (id, public_key, secret_key, created_at, retired_at) VALUES (?1, ?2, "
    "?3, ?4, ?5)";
// Newest first; among keys made in the same second, the one not retired first.
constexpr char kListSigningKeys[] =
    "SELECT id, public_key, secret_key, created_at, retired_at FROM signing_keys "
    "ORDER BY created_at DESC, retired_at IS NOT NULL, id";
constexpr char kRetireSigningKey[] =
    "UPDATE signing_keys SET retired_at = ?2 WHERE id = ?1 AND retired_at IS NULL";
constexpr char kInsertCertificate[] =
    "INSERT INTO certificates (organisation_id, id, verification_code, organisation_name, "
    "expires_on, document) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr char kFindCertificate[] = "SELECT document FROM certificates WHERE id = ?1";
constexpr char kFindCertificateByCode[] =
    "SELECT document FROM certificates WHERE verification_code = ?1";
constexpr char kListCertificatesInForce[] =
    "SELECT document FROM certificates WHERE expires_on > ?1 ORDER BY organisation_name, id";

#define VM_FILE_COLUMNS \
  "organisation_id, id, application_id, media_type, size_bytes, sha256, content, created_at"
constexpr char kInsertEvidenceFile[] =
    "INSERT INTO evidence_files (" VM_FILE_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr char kFindEvidenceFile[] =
    "SELECT " VM_FILE_COLUMNS " FROM evidence_files WHERE organisation_id = ?1 AND id = ?2";

constexpr char kInsertSchemeVersion[] =
    "INSERT INTO scheme_versions (scheme_id, version, document, published_by, published_at) VALUES "
    "(?1, ?2, ?3, ?4, ?5)";
constexpr char kListSchemeVersions[] =
    "SELECT scheme_id, version, document, published_by, published_at FROM scheme_versions ORDER BY "
    "scheme_id, version";

constexpr char kEnqueueMessage[] =
    "INSERT INTO outbox (to_address, subject, body, created_at, sent_at, attempts, last_error) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
constexpr char kListUnsentMessages[] =
    "SELECT " VM_OUTBOX_COLUMNS " FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?1";
constexpr char kListMessages[] =
    "SELECT " VM_OUTBOX_COLUMNS " FROM outbox WHERE id < ?1 ORDER BY id DESC LIMIT ?2";
constexpr char kListMessagesTo[] =
    "SELECT " VM_OUTBOX_COLUMNS " FROM outbox WHERE to_address = ?1 ORDER BY id DESC LIMIT ?2";
constexpr char kNotificationsSeen[] =
    "SELECT seen_up_to FROM notification_reads WHERE user_id = ?1";
constexpr char kSetNotificationsSeen[] =
    "INSERT INTO notification_reads (user_id, seen_up_to) VALUES (?1, ?2) "
    "ON CONFLICT (user_id) DO UPDATE SET seen_up_to = excluded.seen_up_to";
constexpr char kMarkMessageSent[] = "UPDATE outbox SET sent_at = ?2 WHERE id = ?1";
constexpr char kMarkMessageFailed[] =
    "UPDATE outbox SET attempts = attempts + 1, last_error = ?2 WHERE id = ?1";

#define VM_AUDIT_COLUMNS                                                                           \
  "chain, seq, at, actor_id, action, entity_type, entity_id, organisation_id, digest, prev_hash, " \
  "hash"
constexpr char kAuditHead[] =
    "SELECT " VM_AUDIT_COLUMNS " FROM audit_log WHERE chain = ?1 ORDER BY seq DESC LIMIT 1";
constexpr char kAuditHeadLink[] =
    "SELECT seq, hash FROM audit_log WHERE chain = ?1 ORDER BY seq DESC LIMIT 1";
constexpr char kAppendAudit[] = "INSERT INTO audit_log (" VM_AUDIT_COLUMNS
                                ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
constexpr char kListAuditForEntity[] = "SELECT " VM_AUDIT_COLUMNS
                                       " FROM audit_log WHERE entity_type = ?1 AND entity_id = ?2 "
                                       "ORDER BY at, chain, seq";
constexpr char kListAuditChain[] =
    "SELECT " VM_AUDIT_COLUMNS
    " FROM audit_log WHERE chain = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3";
constexpr char kListAuditChains[] = "SELECT DISTINCT chain FROM audit_log ORDER BY chain";

constexpr char kCreateMigrationsTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT";
constexpr char kAppliedMigrations[] = "SELECT version FROM schema_migrations ORDER BY version";
constexpr char kRecordMigration[] =
    "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, CAST(strftime('%s', 'now') AS "
    "INTEGER))";

// ---- Row converters (FromRow): columns in the order of the SELECTs above.

Error CorruptRow(std::string_view table, const Error& cause) {
  return Error::Make(ErrorCode::kInternal,
                     fmt::format("unreadable row in {}: {}", table, cause.message));
}

Result<User> UserFromRow(const Statement& st) {
  auto role = ParsePlatformRole(st.Text(3));
  if (!role) return Fail(CorruptRow("users.platform_role", role.error()));
  return User{st.Text(0), st.Text(1), st.Text(2), *role, st.Int(4), st.OptInt(5)};
}

Result<app::EmailVerification> EmailVerificationFromRow(const Statement& st) {
  return app::EmailVerification{st.Text(0), st.Text(1), st.Int(2), st.Int(3), st.OptInt(4)};
}

Result<app::Session> SessionFromRow(const Statement& st) {
  return app::Session{st.Text(0), st.Text(1), st.Text(2), st.Int(3), st.Int(4)};
}

Result<app::PasswordReset> PasswordResetFromRow(const Statement& st) {
  return app::PasswordReset{st.Text(0), st.Text(1), st.Int(2), st.Int(3), st.OptInt(4)};
}

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
  auto org = OrganisationFromRow(st);
  if (!org) return Fail(std::move(org.error()));
  auto role = ParseMemberRole(st.Text(kOrgColumnCount));
  if (!role) return Fail(CorruptRow("members.role", role.error()));
  return app::OrganisationWithRole{std::move(*org), *role};
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

Result<Round> RoundFromRow(const Statement& st) {
  return Round{st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4), st.Int(5)};
}

Result<Application> ApplicationFromRow(const Statement& st) {
  auto a = formats::ParseApplication(st.Text(0));
  if (!a) return Fail(CorruptRow("applications.document", a.error()));
  return a;
}

Result<app::SigningKey> SigningKeyFromRow(const Statement& st) {
  return app::SigningKey{st.Text(0), st.Text(1), st.Text(2), st.Int(3), st.OptInt(4)};
}

Result<app::StoredCertificate> CertificateFromRow(const Statement& st) {
  std::string document = st.Text(0);
  auto parsed = formats::ParseSignedCertificate(document);
  if (!parsed) return Fail(CorruptRow("certificates.document", parsed.error()));
  return app::StoredCertificate{std::move(parsed->certificate), std::move(document)};
}

Result<app::EvidenceFile> EvidenceFileFromRow(const Statement& st) {
  return app::EvidenceFile{st.Text(0), st.Text(1), st.Text(2), st.Text(3),
                           st.Int(4),  st.Text(5), st.Blob(6), st.Int(7)};
}

Result<app::PublishedScheme> SchemeVersionFromRow(const Statement& st) {
  return app::PublishedScheme{st.Text(0), static_cast<int>(st.Int(1)), st.Text(2), st.Text(3),
                              st.Int(4)};
}

Result<Invitation> InvitationFromRow(const Statement& st) {
  auto role = ParseMemberRole(st.Text(3));
  if (!role) return Fail(CorruptRow("invitations.role", role.error()));
  return Invitation{st.Text(0), st.Text(1), st.Text(2),   *role,        st.Text(4),
                    st.Int(5),  st.Int(6),  st.OptInt(7), st.OptInt(8), st.Text(9)};
}

Result<app::OutboxMessage> MessageFromRow(const Statement& st) {
  return app::OutboxMessage{st.Int(0),
                            st.Text(1),
                            st.Text(2),
                            st.Text(3),
                            st.Int(4),
                            st.OptInt(5),
                            static_cast<int>(st.Int(6)),
                            st.Text(7)};
}

Result<app::AuditEntry> AuditFromRow(const Statement& st) {
  return app::AuditEntry{st.Text(0), st.Int(1),  st.Int(2),  st.Text(3), st.Text(4), st.Text(5),
                         st.Text(6), st.Text(7), st.Text(8), st.Text(9), st.Text(10)};
}

Result<std::string> TextFromRow(const Statement& st) { return st.Text(0); }

// ---- Query helpers.

template <typename FromRow>
using RowType = typename std::invoke_result_t<FromRow, const Statement&>::value_type;

template <typename FromRow>
Result<std::optional<RowType<FromRow>>> QueryOne(Statement& st, FromRow from_row) {
  auto row = st.Step();
  if (!row) return Fail(std::move(row.error()));
  if (!*row) return std::optional<RowType<FromRow>>();
  auto value = from_row(st);
  if (!value) return Fail(std::move(value.error()));
  return std::optional<RowType<FromRow>>(std::move(*value));
}

template <typename FromRow>
Result<std::vector<RowType<FromRow>>> QueryAll(Statement& st, FromRow from_row) {
  std::vector<RowType<FromRow>> out;
  while (true) {
    auto row = st.Step();
    if (!row) return Fail(std::move(row.error()));
    if (!*row) return out;
    auto value = from_row(st);
    if (!value) return Fail(std::move(value.error()));
    out.push_back(std::move(*value));
  }
}

Result<bool> Exists(Statement& st) {
  auto row = st.Step();
  if (!row) return Fail(std::move(row.error()));
  return *row;
}

// Runs an UPDATE or DELETE of one record named by its key: NotFound when no
// row matched.
Result<void> RunOnOne(Statement& st, std::string_view what) {
  VM_TRY(st.Run());
  if (st.Changes() == 0)
    return Fail(Error::Make(ErrorCode::kNotFound, fmt::format("{} not found", what)));
  return {};
}

// Replaces the driver's message of a unique violation with one naming the
// record, which the API can show.
Result<void> RunInsert(Statement& st, std::string_view what) {
  auto r = st.Run();
  if (!r && r.error().code == ErrorCode::kAlreadyExists) {
    return Fail(Error::Make(ErrorCode::kAlreadyExists, fmt::format("{} already exists", what)));
  }
  return r;
}

Result<int64_t> CheckLimit(int limit) {
  if (limit < 1) {
    return Fail(Error::Make(ErrorCode::kInvalidArgument,
                            fmt::format("limit must be at least 1, got {}", limit)));
  }
  return limit;
}

// ---- The transaction: a view of one connection inside BEGIN ... COMMIT.

class SqliteTransaction final : public app::Transaction {
 public:
  explicit SqliteTransaction(Connection& connection) : c_(connection) {}

  Result<void> InsertUser(const User& user, const std::string& password_hash) override {
    auto st = c_.Prepare(kInsertUser);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, user.id)
        .BindText(2, user.email)
        .BindText(3, user.name)
        .BindText(4, password_hash);
    st->BindText(5, Name(user.platform_role))
        .BindInt(6, user.created_at)
        .BindOptInt(7, user.email_verified_at);
    auto r = st->Run();
    if (r || r.error().code != ErrorCode::kAlreadyExists) return r;
    return Fail(UserTaken(user));
  }

  Result<std::optional<User>> FindUserById(const std::string& id) override {
    auto st = c_.Prepare(kFindUserById);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, id);
    return QueryOne(*st, UserFromRow);
  }

  Result<std::optional<std::pair<User, std::string>>> FindUserByEmail(
      const std::string& email) override {
    auto st = c_.Prepare(kFindUserByEmail);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, email);
    return QueryOne(*st, [](const Statement& row) -> Result<std::pair<User, std::string>> {
      auto user = UserFromRow(row);
      if (!user) return Fail(std::move(user.error()));
      return std::pair<User, std::string>(std::move(*user), row.Text(6));
    });
  }

  Result<void> UpdatePasswordHash(const std::string& user_id,
                                  const std::string& password_hash) override {
    auto st = c_.Prepare(kUpdatePasswordHash);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, user_id).BindText(2, password_hash);
    return RunOnOne(*st, "user");
  }

  Result<void> UpdateUser(const User& user) override {
    auto st = c_.Prepare(kUpdateUser);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, user.id).BindText(2, user.name).BindText(3, Name(user.platform_role));
    return RunOnOne(*st, "user");
  }

  Result<std::vector<User>> ListUsers(const app::PageRequest& page) override {
    auto limit = CheckLimit(page.limit);
    if (!limit) return Fail(std::move(limit.error()));
    auto st = c_.Prepare(kListUsers);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, page.after).BindInt(2, *limit);
    return QueryAll(*st, UserFromRow);
  }

  Result<void> InsertSession(const app::Session& session) override {
    auto st = c_.Prepare(kInsertSession);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, session.id_hash).BindText(2, session.user_id).BindText(3, session.csrf_token);
    st->BindInt(4, session.created_at).BindInt(5, session.expires_at);
    return RunInsert(*st, "session");
  }

  Result<std::optional<app::Session>> FindSession(const std::string& id_hash) override {
    auto st = c_.Prepare(kFindSession);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, id_hash);
    return QueryOne(*st, SessionFromRow);
  }

  Result<void> DeleteSession(const std::string& id_hash) override {
    auto st = c_.Prepare(kDeleteSession);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, id_hash);
    return st->Run();
  }

  Result<void> DeleteSessionsOfUser(const std::string& user_id) override {
    auto st = c_.Prepare(kDeleteSessionsOfUser);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, user_id);
    return st->Run();
  }

  Result<void> SetSessionExpiry(const std::string& id_hash, UnixTime expires_at) override {
    auto st = c_.Prepare(kSetSessionExpiry);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, id_hash).BindInt(2, expires_at);
    return st->Run();
  }

  Result<void> VoidPasswordResetsOfUser(const std::string& user_id, UnixTime at) override {
    auto st = c_.Prepare(kVoidPasswordResetsOfUser);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, user_id).BindInt(2, at);
    return st->Run();
  }

  Result<int64_t> DeleteExpiredSessions(UnixTime now) override {
    auto st = c_.Prepare(kDeleteExpiredSessions);
    if (!st) return Fail(std::move(st.error()));
    st->BindInt(1, now);
    VM_TRY(st->Run());
    return st->Changes();
  }

  Result<void> InsertPasswordReset(const app::PasswordReset& reset) override {
    auto st = c_.Prepare(kInsertPasswordReset);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, reset.token_hash).BindText(2, reset.user_id).BindInt(3, reset.created_at);
    st->BindInt(4, reset.expires_at).BindOptInt(5, reset.used_at);
    return RunInsert(*st, "password reset");
  }

  Result<std::optional<app::PasswordReset>> FindPasswordReset(
      const std::string& token_hash) override {
    auto st = c_.Prepare(kFindPasswordReset);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, token_hash);
    return QueryOne(*st, PasswordResetFromRow);
  }

  Result<void> MarkPasswordResetUsed(const std::string& token_hash, UnixTime at) override {
    {
      auto st = c_.Prepare(kMarkPasswordResetUsed);
      if (!st) return Fail(std::move(st.error()));
      st->BindText(1, token_hash).BindInt(2, at);
      VM_TRY(st->Run());
      if (st->Changes() == 1) return {};
    }
    // A link is good for one use: tell "already used" from "no such link".
    auto st = c_.Prepare(kPasswordResetExists);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, token_hash);
    auto exists = Exists(*st);
    if (!exists) return Fail(std::move(exists.error()));
    if (*exists)
      return Fail(Error::Make(ErrorCode::kFailedPrecondition, "password reset already used"));
    return Fail(Error::Make(ErrorCode::kNotFound, "password reset not found"));
  }

  Result<void> InsertEmailVerification(const app::EmailVerification& v) override {
    auto st = c_.Prepare(kInsertEmailVerification);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, v.token_hash).BindText(2, v.user_id).BindInt(3, v.created_at);
    st->BindInt(4, v.expires_at).BindOptInt(5, v.used_at);
    return RunInsert(*st, "email verification");
  }

  Result<std::optional<app::EmailVerification>> FindEmailVerification(
      const std::string& token_hash) override {
    auto st = c_.Prepare(kFindEmailVerification);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, token_hash);
    return QueryOne(*st, EmailVerificationFromRow);
  }

  Result<void> MarkEmailVerified(const std::string& user_id, UnixTime at) override {
    {
      auto st = c_.Prepare(kSetEmailVerified);
      if (!st) return Fail(std::move(st.error()));
      st->BindText(1, user_id).BindInt(2, at);
      VM_TRY(RunOnOne(*st, "user"));
    }
    auto st = c_.Prepare(kUseEmailVerificationsOfUser);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, user_id).BindInt(2, at);
    return st->Run();
  }

  Result<void> RecordLoginFailure(const std::string& key, UnixTime at) override {
    auto st = c_.Prepare(kRecordLoginFailure);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, key).BindInt(2, at);
    return st->Run();
  }

  Result<int64_t> CountLoginFailures(const std::string& key, UnixTime since) override {
    auto st = c_.Prepare(kCountLoginFailures);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, key).BindInt(2, since);
    auto n = QueryOne(*st, [](const Statement& row) -> Result<int64_t> { return row.Int(0); });
    if (!n) return Fail(std::move(n.error()));
    return n->value_or(0);
  }

  Result<void> ClearLoginFailures(const std::string& key) override {
    auto st = c_.Prepare(kClearLoginFailures);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, key);
    return st->Run();
  }

  Result<int64_t> PruneLoginFailures(UnixTime before) override {
    auto st = c_.Prepare(kPruneLoginFailures);
    if (!st) return Fail(std::move(st.error()));
    st->BindInt(1, before);
    VM_TRY(st->Run());
    return st->Changes();
  }

  Result<void> InsertOrganisation(const Organisation& org) override {
    auto st = c_.Prepare(kInsertOrganisation);
    if (!st) return Fail(std::move(st.error()));
    BindOrganisation(*st, org);
    st->BindInt(12, org.created_at).BindInt(13, org.updated_at).BindInt(14, org.version);
    return RunInsert(*st, "organisation");
  }

  Result<std::optional<Organisation>> FindOrganisation(const std::string& id) override {
    auto st = c_.Prepare(kFindOrganisation);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, id);
    return QueryOne(*st, OrganisationFromRow);
  }

  Result<void> UpdateOrganisation(const Organisation& org) override {
    {
      auto st = c_.Prepare(kUpdateOrganisation);
      if (!st) return Fail(std::move(st.error()));
      BindOrganisation(*st, org);
      st->BindInt(12, org.updated_at).BindInt(13, org.version);
      VM_TRY(st->Run());
      if (st->Changes() == 1) return {};
    }
    auto st = c_.Prepare(kOrganisationExists);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, org.id);
    auto exists = Exists(*st);
    if (!exists) return Fail(std::move(exists.error()));
    if (!*exists) return Fail(Error::Make(ErrorCode::kNotFound, "organisation not found"));
    return Fail(
        Error::Make(ErrorCode::kFailedPrecondition,
                    "the organisation was changed by someone else: reload it and try again"));
  }

  Result<std::vector<Organisation>> ListOrganisations(const app::PageRequest& page) override {
    auto limit = CheckLimit(page.limit);
    if (!limit) return Fail(std::move(limit.error()));
    auto st = c_.Prepare(kListOrganisations);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, page.after).BindInt(2, *limit);
    return QueryAll(*st, OrganisationFromRow);
  }

  Result<std::vector<app::OrganisationWithRole>> ListOrganisationsOfUser(
      const std::string& user_id) override {
    auto st = c_.Prepare(kListOrganisationsOfUser);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, user_id);
    return QueryAll(*st, OrganisationWithRoleFromRow);
  }

  Result<void> UpsertMember(const Member& member) override {
    auto st = c_.Prepare(kUpsertMember);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, member.organisation_id)
        .BindText(2, member.user_id)
        .BindText(3, Name(member.role));
    st->BindInt(4, member.joined_at);
    return st->Run();
  }

  Result<std::optional<Member>> FindMember(const std::string& organisation_id,
                                           const std::string& user_id) override {
    auto st = c_.Prepare(kFindMember);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, organisation_id).BindText(2, user_id);
    return QueryOne(*st, MemberFromRow);
  }

  Result<std::vector<Member>> ListMembers(const std::string& organisation_id) override {
    auto st = c_.Prepare(kListMembers);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, organisation_id);
    return QueryAll(*st, MemberFromRow);
  }

  Result<void> DeleteMember(const std::string& organisation_id,
                            const std::string& user_id) override {
    auto st = c_.Prepare(kDeleteMember);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, organisation_id).BindText(2, user_id);
    return RunOnOne(*st, "member");
  }

  Result<void> InsertScope(const Scope& scope) override {
    auto st = c_.Prepare(kInsertScope);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, scope.organisation_id).BindText(2, scope.id).BindText(3, Name(scope.kind));
    st->BindText(4, scope.name).BindText(5, scope.description).BindInt(6, scope.created_at);
    return RunInsert(*st, "scope");
  }

  Result<std::optional<Scope>> FindScope(const std::string& organisation_id,
                                         const std::string& id) override {
    auto st = c_.Prepare(kFindScope);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, organisation_id).BindText(2, id);
    return QueryOne(*st, ScopeFromRow);
  }

  Result<void> UpdateScope(const Scope& scope) override {
    auto st = c_.Prepare(kUpdateScope);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, scope.organisation_id).BindText(2, scope.id).BindText(3, Name(scope.kind));
    st->BindText(4, scope.name).BindText(5, scope.description);
    return RunOnOne(*st, "scope");
  }

  Result<void> DeleteScope(const std::string& organisation_id, const std::string& id) override {
    auto st = c_.Prepare(kDeleteScope);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, organisation_id).BindText(2, id);
    return RunOnOne(*st, "scope");
  }

  Result<std::vector<Scope>> ListScopes(const std::string& organisation_id) override {
    auto st = c_.Prepare(kListScopes);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, organisation_id);
    return QueryAll(*st, ScopeFromRow);
  }

  Result<void> InsertInvitation(const Invitation& inv) override {
    auto st = c_.Prepare(kInsertInvitation);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, inv.organisation_id)
        .BindText(2, inv.id)
        .BindText(3, inv.email)
        .BindText(4, Name(inv.role));
    st->BindText(5, inv.invited_by).BindInt(6, inv.created_at).BindInt(7, inv.expires_at);
    st->BindOptInt(8, inv.accepted_at).BindOptInt(9, inv.revoked_at).BindText(10, inv.token_hash);
    return RunInsert(*st, "invitation");
  }

  Result<std::optional<Invitation>> FindInvitation(const std::string& organisation_id,
                                                   const std::string& id) override {
    auto st = c_.Prepare(kFindInvitation);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, organisation_id).BindText(2, id);
    return QueryOne(*st, InvitationFromRow);
  }

  Result<std::optional<Invitation>> FindInvitationByToken(const std::string& organisation_id,
                                                          const std::string& token_hash) override {
    auto st = c_.Prepare(kFindInvitationByToken);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, organisation_id).BindText(2, token_hash);
    return QueryOne(*st, InvitationFromRow);
  }

  Result<void> UpdateInvitation(const Invitation& inv) override {
    auto st = c_.Prepare(kUpdateInvitation);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, inv.organisation_id).BindText(2, inv.id);
    st->BindOptInt(3, inv.accepted_at).BindOptInt(4, inv.revoked_at);
    return RunOnOne(*st, "invitation");
  }

  Result<std::vector<Invitation>> ListInvitations(const std::string& organisation_id) override {
    auto st = c_.Prepare(kListInvitations);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, organisation_id);
    return QueryAll(*st, InvitationFromRow);
  }

  Result<void> InsertRound(const Round& r) override {
    auto st = c_.Prepare(kInsertRound);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, r.id).BindText(2, r.name).BindText(3, r.opens_on).BindText(4, r.closes_on);
    st->BindText(5, r.created_by).BindInt(6, r.created_at);
    return RunInsert(*st, "round");
  }

  Result<std::vector<Round>> ListRounds() override {
    auto st = c_.Prepare(kListRounds);
    if (!st) return Fail(std::move(st.error()));
    return QueryAll(*st, RoundFromRow);
  }

  Result<void> InsertApplication(const Application& a) override {
    auto st = c_.Prepare(kInsertApplication);
    if (!st) return Fail(std::move(st.error()));
    const std::string document = formats::CompactJson(&formats::WriteApplication, a);
    st->BindText(1, a.organisation_id)
        .BindText(2, a.id)
        .BindText(3, a.scheme_id)
        .BindInt(4, a.level);
    st->BindText(5, Name(a.state)).BindOptText(6, a.assessor_id).BindOptInt(7, a.submitted_at);
    st->BindInt(8, a.created_at).BindInt(9, a.version).BindText(10, document);
    return RunInsert(*st, "application");
  }

  Result<std::optional<Application>> FindApplication(const std::string& id) override {
    auto st = c_.Prepare(kFindApplication);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, id);
    return QueryOne(*st, ApplicationFromRow);
  }

  Result<void> UpdateApplication(const Application& a, int64_t expected_version) override {
    {
      auto st = c_.Prepare(kUpdateApplication);
      if (!st) return Fail(std::move(st.error()));
      const std::string document = formats::CompactJson(&formats::WriteApplication, a);
      st->BindText(1, a.organisation_id)
          .BindText(2, a.id)
          .BindText(3, Name(a.state))
          .BindOptText(4, a.assessor_id);
      st->BindOptInt(5, a.submitted_at)
          .BindInt(6, a.version)
          .BindText(7, document)
          .BindInt(8, expected_version);
      VM_TRY(st->Run());
      if (st->Changes() == 1) return {};
    }
    auto st = c_.Prepare(kApplicationExists);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, a.organisation_id).BindText(2, a.id);
    auto exists = Exists(*st);
    if (!exists) return Fail(std::move(exists.error()));
    if (!*exists) return Fail(Error::Make(ErrorCode::kNotFound, "application not found"));
    return Fail(
        Error::Make(ErrorCode::kFailedPrecondition,
                    "the application was changed by someone else: reload it and try again"));
  }

  Result<std::vector<Application>> ListApplicationsOfOrganisation(
      const std::string& organisation_id) override {
    auto st = c_.Prepare(kListApplicationsOfOrganisation);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, organisation_id);
    return QueryAll(*st, ApplicationFromRow);
  }

  Result<std::vector<Application>> ListSubmittedApplications(
      const std::optional<std::string>& assessor_id) override {
    auto st = c_.Prepare(assessor_id ? kListApplicationsOfAssessor : kListSubmittedApplications);
    if (!st) return Fail(std::move(st.error()));
    if (assessor_id) st->BindText(1, *assessor_id);
    return QueryAll(*st, ApplicationFromRow);
  }

  Result<void> InsertSchemeVersion(const app::PublishedScheme& s) override {
    auto st = c_.Prepare(kInsertSchemeVersion);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, s.scheme_id)
        .BindInt(2, s.version)
        .BindText(3, s.document)
        .BindText(4, s.published_by);
    st->BindInt(5, s.published_at);
    return RunInsert(*st, "scheme version");
  }

  Result<std::vector<app::PublishedScheme>> ListSchemeVersions() override {
    auto st = c_.Prepare(kListSchemeVersions);
    if (!st) return Fail(std::move(st.error()));
    return QueryAll(*st, SchemeVersionFromRow);
  }

  Result<void> InsertEvidenceFile(const app::EvidenceFile& f) override {
    auto st = c_.Prepare(kInsertEvidenceFile);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, f.organisation_id)
        .BindText(2, f.id)
        .BindText(3, f.application_id)
        .BindText(4, f.media_type);
    st->BindInt(5, f.size_bytes)
        .BindText(6, f.sha256)
        .BindBlob(7, f.content)
        .BindInt(8, f.created_at);
    return RunInsert(*st, "evidence file");
  }

  Result<std::optional<app::EvidenceFile>> FindEvidenceFile(const std::string& organisation_id,
                                                            const std::string& id) override {
    auto st = c_.Prepare(kFindEvidenceFile);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, organisation_id).BindText(2, id);
    return QueryOne(*st, EvidenceFileFromRow);
  }

  Result<void> InsertSigningKey(const app::SigningKey& key) override {
    auto st = c_.Prepare(kInsertSigningKey);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, key.id)
        .BindText(2, key.public_key)
        .BindText(3, key.secret_key)
        .BindInt(4, key.created_at);
    st->BindOptInt(5, key.retired_at);
    return RunInsert(*st, "signing key");
  }

  Result<void> RetireSigningKey(const std::string& id, UnixTime at) override {
    auto st = c_.Prepare(kRetireSigningKey);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, id).BindInt(2, at);
    return RunOnOne(*st, "unretired signing key");
  }

  Result<std::vector<app::SigningKey>> ListSigningKeys() override {
    auto st = c_.Prepare(kListSigningKeys);
    if (!st) return Fail(std::move(st.error()));
    return QueryAll(*st, SigningKeyFromRow);
  }

  Result<void> InsertCertificate(const app::StoredCertificate& c) override {
    auto st = c_.Prepare(kInsertCertificate);
    if (!st) return Fail(std::move(st.error()));
    const Certificate& k = c.certificate;
    st->BindText(1, k.organisation_id).BindText(2, k.id).BindText(3, k.verification_code);
    st->BindText(4, k.organisation_name).BindText(5, k.expires_on).BindText(6, c.document);
    return RunInsert(*st, "certificate");
  }

  Result<std::optional<app::StoredCertificate>> FindCertificate(const std::string& id) override {
    auto st = c_.Prepare(kFindCertificate);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, id);
    return QueryOne(*st, CertificateFromRow);
  }

  Result<std::optional<app::StoredCertificate>> FindCertificateByCode(
      const std::string& code) override {
    auto st = c_.Prepare(kFindCertificateByCode);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, code);
    return QueryOne(*st, CertificateFromRow);
  }

  Result<std::vector<app::StoredCertificate>> ListCertificatesInForce(
      const std::string& today) override {
    auto st = c_.Prepare(kListCertificatesInForce);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, today);
    return QueryAll(*st, CertificateFromRow);
  }

  Result<int64_t> EnqueueMessage(const app::OutboxMessage& message) override {
    auto st = c_.Prepare(kEnqueueMessage);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, message.to).BindText(2, message.subject).BindText(3, message.body);
    st->BindInt(4, message.created_at).BindOptInt(5, message.sent_at).BindInt(6, message.attempts);
    st->BindText(7, message.last_error);
    auto row = st->Step();
    if (!row) return Fail(std::move(row.error()));
    if (!*row) return Fail(Error::Make(ErrorCode::kInternal, "outbox insert returned no id"));
    const int64_t id = st->Int(0);
    VM_TRY(st->Run());  // finishes the statement
    return id;
  }

  Result<std::vector<app::OutboxMessage>> ListUnsentMessages(int limit) override {
    auto checked = CheckLimit(limit);
    if (!checked) return Fail(std::move(checked.error()));
    auto st = c_.Prepare(kListUnsentMessages);
    if (!st) return Fail(std::move(st.error()));
    st->BindInt(1, *checked);
    return QueryAll(*st, MessageFromRow);
  }

  Result<std::vector<app::OutboxMessage>> ListMessagesTo(const std::string& to,
                                                         int limit) override {
    auto st = c_.Prepare(kListMessagesTo);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, to).BindInt(2, limit);
    return QueryAll(*st, MessageFromRow);
  }

  Result<int64_t> NotificationsSeenUpTo(const std::string& user_id) override {
    auto st = c_.Prepare(kNotificationsSeen);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, user_id);
    auto row = st->Step();
    if (!row) return Fail(std::move(row.error()));
    return *row ? st->Int(0) : int64_t{0};
  }

  Result<void> SetNotificationsSeenUpTo(const std::string& user_id, int64_t message_id) override {
    auto st = c_.Prepare(kSetNotificationsSeen);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, user_id).BindInt(2, message_id);
    return st->Run();
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
    auto st = c_.Prepare(kListMessages);
    if (!st) return Fail(std::move(st.error()));
    st->BindInt(1, before).BindInt(2, *limit);
    return QueryAll(*st, MessageFromRow);
  }

  Result<void> MarkMessageSent(int64_t id, UnixTime at) override {
    auto st = c_.Prepare(kMarkMessageSent);
    if (!st) return Fail(std::move(st.error()));
    st->BindInt(1, id).BindInt(2, at);
    return RunOnOne(*st, "message");
  }

  Result<void> MarkMessageFailed(int64_t id, const std::string& error) override {
    auto st = c_.Prepare(kMarkMessageFailed);
    if (!st) return Fail(std::move(st.error()));
    st->BindInt(1, id).BindText(2, error);
    return RunOnOne(*st, "message");
  }

  // Writers are serialised by the store's writer mutex and BEGIN IMMEDIATE,
  // so the head read here cannot move before this transaction commits.
  Result<std::optional<app::AuditEntry>> AuditHead(const std::string& chain) override {
    auto st = c_.Prepare(kAuditHead);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, chain);
    return QueryOne(*st, AuditFromRow);
  }

  // Refuses an entry that does not extend the chain's head (seq + 1, and
  // prev_hash equal to the head's hash): a gap or a fork is a bug upstream.
  Result<void> AppendAudit(const app::AuditEntry& entry) override {
    {
      auto st = c_.Prepare(kAuditHeadLink);
      if (!st) return Fail(std::move(st.error()));
      st->BindText(1, entry.chain);
      auto row = st->Step();
      if (!row) return Fail(std::move(row.error()));
      const int64_t head_seq = *row ? st->Int(0) : 0;
      const std::string head_hash = *row ? st->Text(1) : std::string();
      if (entry.seq != head_seq + 1 || entry.prev_hash != head_hash) {
        return Fail(
            Error::Make(ErrorCode::kFailedPrecondition,
                        fmt::format("audit entry {} does not extend chain \"{}\" (head is {})",
                                    entry.seq, entry.chain, head_seq)));
      }
    }
    auto st = c_.Prepare(kAppendAudit);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, entry.chain)
        .BindInt(2, entry.seq)
        .BindInt(3, entry.at)
        .BindText(4, entry.actor_id);
    st->BindText(5, entry.action).BindText(6, entry.entity_type).BindText(7, entry.entity_id);
    st->BindText(8, entry.organisation_id).BindText(9, entry.digest).BindText(10, entry.prev_hash);
    st->BindText(11, entry.hash);
    return RunInsert(*st, "audit entry");
  }

  Result<std::vector<app::AuditEntry>> ListAuditForEntity(const std::string& entity_type,
                                                          const std::string& entity_id) override {
    auto st = c_.Prepare(kListAuditForEntity);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, entity_type).BindText(2, entity_id);
    return QueryAll(*st, AuditFromRow);
  }

  Result<std::vector<app::AuditEntry>> ListAuditChain(const std::string& chain, int64_t after_seq,
                                                      int limit) override {
    auto checked = CheckLimit(limit);
    if (!checked) return Fail(std::move(checked.error()));
    auto st = c_.Prepare(kListAuditChain);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, chain).BindInt(2, after_seq).BindInt(3, *checked);
    return QueryAll(*st, AuditFromRow);
  }

  Result<std::vector<std::string>> ListAuditChains() override {
    auto st = c_.Prepare(kListAuditChains);
    if (!st) return Fail(std::move(st.error()));
    return QueryAll(*st, TextFromRow);
  }

  // ---- Signed audit checkpoints (migration 20).
#define VM_CHECKPOINT_COLUMNS "chain, seq, hash, at, heads, key_id, signature"
  static constexpr char kInsertAuditCheckpoint[] =
      "INSERT INTO audit_checkpoints (" VM_CHECKPOINT_COLUMNS
      ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  static constexpr char kListAuditCheckpoints[] =
      "SELECT " VM_CHECKPOINT_COLUMNS
      " FROM audit_checkpoints WHERE chain = ?1 AND seq > ?2 "
      "ORDER BY seq LIMIT ?3";
  static constexpr char kListLatestAuditCheckpoints[] =
      "SELECT " VM_CHECKPOINT_COLUMNS
      " FROM audit_checkpoints c WHERE seq = "
      "(SELECT MAX(seq) FROM audit_checkpoints l WHERE l.chain = c.chain) ORDER BY chain";
  static constexpr char kListAuditRosters[] =
      "SELECT " VM_CHECKPOINT_COLUMNS
      " FROM audit_checkpoints WHERE heads <> '' ORDER BY seq, chain";
#undef VM_CHECKPOINT_COLUMNS

  static Result<app::AuditCheckpoint> CheckpointFromRow(const Statement& st) {
    return app::AuditCheckpoint{st.Text(0), st.Int(1),  st.Text(2), st.Int(3),
                                st.Text(4), st.Text(5), st.Text(6)};
  }

  Result<void> InsertAuditCheckpoint(const app::AuditCheckpoint& c) override {
    auto st = c_.Prepare(kInsertAuditCheckpoint);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, c.chain).BindInt(2, c.seq).BindText(3, c.hash).BindInt(4, c.at);
    st->BindText(5, c.heads).BindText(6, c.key_id).BindText(7, c.signature);
    return RunInsert(*st, "audit checkpoint");
  }

  Result<std::vector<app::AuditCheckpoint>> ListAuditCheckpoints(const std::string& chain,
                                                                 int64_t after_seq,
                                                                 int limit) override {
    auto checked = CheckLimit(limit);
    if (!checked) return Fail(std::move(checked.error()));
    auto st = c_.Prepare(kListAuditCheckpoints);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, chain).BindInt(2, after_seq).BindInt(3, *checked);
    return QueryAll(*st, CheckpointFromRow);
  }

  Result<std::vector<app::AuditCheckpoint>> ListLatestAuditCheckpoints() override {
    auto st = c_.Prepare(kListLatestAuditCheckpoints);
    if (!st) return Fail(std::move(st.error()));
    return QueryAll(*st, CheckpointFromRow);
  }

  Result<std::vector<app::AuditCheckpoint>> ListAuditRosters() override {
    auto st = c_.Prepare(kListAuditRosters);
    if (!st) return Fail(std::move(st.error()));
    return QueryAll(*st, CheckpointFromRow);
  }

  // ---- Measure-and-manage records (migration 4): SQL, row converter and methods in one place.
#define VM_RECORD_COLUMNS \
  "organisation_id, kind, id, version, scope_id, title, body, created_by, created_at"
  static constexpr char kInsertRecordVersion[] =
      "INSERT INTO records (" VM_RECORD_COLUMNS
      ", body_bytes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
      "length(CAST(?7 AS BLOB)))";
  static constexpr char kFindRecordLatest[] =
      "SELECT " VM_RECORD_COLUMNS
      " FROM records WHERE organisation_id = ?1 AND kind = ?2 AND id = ?3 "
      "ORDER BY version DESC LIMIT 1";
  static constexpr char kFindRecordVersion[] =
      "SELECT " VM_RECORD_COLUMNS
      " FROM records WHERE organisation_id = ?1 AND kind = ?2 AND id = ?3 AND version = ?4";
  static constexpr char kFindRecordOrganisation[] =
      "SELECT organisation_id FROM records WHERE kind = ?1 AND id = ?2 LIMIT 1";
  static constexpr char kListRecords[] =
      "SELECT " VM_RECORD_COLUMNS
      " FROM records r WHERE organisation_id = ?1 AND kind = ?2 AND version = "
      "(SELECT MAX(version) FROM records v WHERE v.organisation_id = r.organisation_id AND v.kind "
      "= r.kind "
      "AND v.id = r.id) ORDER BY title, id";
  static constexpr char kListRecordVersions[] =
      "SELECT organisation_id, kind, id, version, scope_id, title, '', created_by, created_at FROM "
      "records "
      "WHERE organisation_id = ?1 AND kind = ?2 AND id = ?3 ORDER BY version DESC";
#undef VM_RECORD_COLUMNS

  static Result<app::RecordVersion> RecordFromRow(const Statement& st) {
    return app::RecordVersion{st.Text(0), st.Text(1), st.Text(2), st.Int(3), st.Text(4),
                              st.Text(5), st.Text(6), st.Text(7), st.Int(8)};
  }

  Result<void> InsertRecordVersion(const app::RecordVersion& r) override {
    auto st = c_.Prepare(kInsertRecordVersion);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, r.organisation_id).BindText(2, r.kind).BindText(3, r.id).BindInt(4, r.version);
    st->BindText(5, r.scope_id).BindText(6, r.title).BindText(7, r.body).BindText(8, r.created_by);
    st->BindInt(9, r.created_at);
    return RunInsert(*st, "this version of the record");
  }

  Result<std::optional<app::RecordVersion>> FindRecord(const std::string& organisation_id,
                                                       const std::string& kind,
                                                       const std::string& id,
                                                       int64_t version) override {
    auto st = c_.Prepare(version == 0 ? kFindRecordLatest : kFindRecordVersion);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, organisation_id).BindText(2, kind).BindText(3, id);
    if (version != 0) st->BindInt(4, version);
    return QueryOne(*st, RecordFromRow);
  }

  Result<std::optional<std::string>> FindRecordOrganisation(const std::string& kind,
                                                            const std::string& id) override {
    auto st = c_.Prepare(kFindRecordOrganisation);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, kind).BindText(2, id);
    return QueryOne(*st, TextFromRow);
  }

  Result<std::vector<app::RecordVersion>> ListRecords(const std::string& organisation_id,
                                                      const std::string& kind) override {
    auto st = c_.Prepare(kListRecords);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, organisation_id).BindText(2, kind);
    return QueryAll(*st, RecordFromRow);
  }

  Result<std::vector<app::RecordVersion>> ListRecordVersions(const std::string& organisation_id,
                                                             const std::string& kind,
                                                             const std::string& id) override {
    auto st = c_.Prepare(kListRecordVersions);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, organisation_id).BindText(2, kind).BindText(3, id);
    return QueryAll(*st, RecordFromRow);
  }

  // ---- Surveys and responses (issue 6): SQL, converters and methods.
  static constexpr char kInsertSurvey[] =
      "INSERT INTO surveys (organisation_id, id, scope_id, token, design, response_count, "
      "created_at, updated_at, "
      "version, design_bytes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, length(CAST(?5 AS "
      "BLOB)))";
  static constexpr char kInsertSurveyLink[] =
      "INSERT INTO survey_links (token, organisation_id, survey_id) VALUES (?1, ?2, ?3)";
  static constexpr char kFindSurvey[] =
      "SELECT organisation_id, id, scope_id, token, design, response_count, created_at, "
      "updated_at, version "
      "FROM surveys WHERE organisation_id = ?1 AND id = ?2";
  static constexpr char kFindSurveyByToken[] =
      "SELECT s.organisation_id, s.id, s.scope_id, s.token, s.design, s.response_count, "
      "s.created_at, s.updated_at, "
      "s.version FROM survey_links l JOIN surveys s ON s.organisation_id = l.organisation_id AND "
      "s.id = l.survey_id "
      "WHERE l.token = ?1";
  static constexpr char kFindSurveyOrganisation[] =
      "SELECT organisation_id FROM surveys WHERE id = ?1";
  static constexpr char kUpdateSurvey[] =
      "UPDATE surveys SET scope_id = ?3, design = ?4, design_bytes = length(CAST(?4 AS BLOB)), "
      "updated_at = ?5, "
      "version = version + 1 WHERE organisation_id = ?1 AND id = ?2 AND version = ?6";
  static constexpr char kListSurveys[] =
      "SELECT organisation_id, id, scope_id, token, design, response_count, created_at, "
      "updated_at, version "
      "FROM surveys WHERE organisation_id = ?1 ORDER BY created_at DESC, id DESC";
  static constexpr char kAddToResponseCount[] =
      "UPDATE surveys SET response_count = response_count + ?3, response_bytes = response_bytes + "
      "?4 "
      "WHERE organisation_id = ?1 AND id = ?2";
  static constexpr char kOrganisationUsage[] =
      "SELECT (SELECT COUNT(*) FROM evidence_files WHERE organisation_id = ?1), "
      "(SELECT COALESCE(SUM(size_bytes), 0) FROM evidence_files WHERE organisation_id = ?1), "
      "(SELECT COUNT(*) FROM records WHERE organisation_id = ?1), "
      "(SELECT COALESCE(SUM(body_bytes), 0) FROM records WHERE organisation_id = ?1), "
      "(SELECT COUNT(*) FROM surveys WHERE organisation_id = ?1), "
      "(SELECT COALESCE(SUM(design_bytes + response_bytes), 0) FROM surveys WHERE organisation_id "
      "= ?1), "
      "(SELECT COUNT(*) FROM members WHERE organisation_id = ?1), "
      "(SELECT COUNT(*) FROM invitations WHERE organisation_id = ?1), "
      "(SELECT COUNT(*) FROM scopes WHERE organisation_id = ?1), "
      "(SELECT COUNT(*) FROM applications WHERE organisation_id = ?1)";
  static constexpr char kInsertResponse[] =
      "INSERT INTO survey_responses (organisation_id, survey_id, id, idempotency_key, "
      "respondent_code, answers, "
      "source, submitted_at, excluded_reason, excluded_by, excluded_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
#define VM_RESPONSE_COLUMNS                                                             \
  "organisation_id, survey_id, id, idempotency_key, respondent_code, answers, source, " \
  "submitted_at, "                                                                      \
  "excluded_reason, excluded_by, excluded_at"
  static constexpr char kFindResponse[] =
      "SELECT " VM_RESPONSE_COLUMNS
      " FROM survey_responses WHERE organisation_id = ?1 AND survey_id = ?2 AND id = ?3";
  static constexpr char kFindResponseByKey[] = "SELECT " VM_RESPONSE_COLUMNS
                                               " FROM survey_responses WHERE organisation_id = ?1 "
                                               "AND survey_id = ?2 AND idempotency_key = ?3";
  static constexpr char kListResponses[] =
      "SELECT " VM_RESPONSE_COLUMNS
      " FROM survey_responses WHERE organisation_id = ?1 AND survey_id = ?2 "
      "AND id > ?3 ORDER BY id LIMIT ?4";
#undef VM_RESPONSE_COLUMNS
  static constexpr char kScanResponses[] =
      "SELECT id, answers, respondent_code, submitted_at, excluded_reason IS NOT NULL FROM "
      "survey_responses "
      "WHERE organisation_id = ?1 AND survey_id = ?2 ORDER BY id";
  static constexpr char kUpdateResponseExclusion[] =
      "UPDATE survey_responses SET excluded_reason = ?4, excluded_by = ?5, excluded_at = ?6 "
      "WHERE organisation_id = ?1 AND survey_id = ?2 AND id = ?3";

  static Result<app::SurveyRecord> SurveyFromRow(const Statement& st) {
    return app::SurveyRecord{st.Text(0), st.Text(1), st.OptText(2), st.Text(3), st.Text(4),
                             st.Int(5),  st.Int(6),  st.Int(7),     st.Int(8)};
  }
  static Result<app::SurveyResponse> ResponseFromRow(const Statement& st) {
    return app::SurveyResponse{st.Text(0),    st.Text(1), st.Text(2),   st.Text(3),
                               st.Text(4),    st.Text(5), st.Text(6),   st.Int(7),
                               st.OptText(8), st.Text(9), st.OptInt(10)};
  }

  Result<void> InsertSurvey(const app::SurveyRecord& s) override {
    {
      auto st = c_.Prepare(kInsertSurvey);
      if (!st) return Fail(std::move(st.error()));
      st->BindText(1, s.organisation_id)
          .BindText(2, s.id)
          .BindOptText(3, s.scope_id)
          .BindText(4, s.token);
      st->BindText(5, s.design)
          .BindInt(6, s.response_count)
          .BindInt(7, s.created_at)
          .BindInt(8, s.updated_at);
      st->BindInt(9, s.version);
      VM_TRY(RunInsert(*st, "survey"));
    }
    auto st = c_.Prepare(kInsertSurveyLink);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, s.token).BindText(2, s.organisation_id).BindText(3, s.id);
    return RunInsert(*st, "survey link");
  }

  Result<std::optional<app::SurveyRecord>> FindSurvey(const std::string& org,
                                                      const std::string& id) override {
    auto st = c_.Prepare(kFindSurvey);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, org).BindText(2, id);
    return QueryOne(*st, SurveyFromRow);
  }

  Result<std::optional<app::SurveyRecord>> FindSurveyByToken(const std::string& token) override {
    auto st = c_.Prepare(kFindSurveyByToken);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, token);
    return QueryOne(*st, SurveyFromRow);
  }

  Result<std::optional<std::string>> FindSurveyOrganisation(const std::string& id) override {
    auto st = c_.Prepare(kFindSurveyOrganisation);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, id);
    return QueryOne(*st, TextFromRow);
  }

  Result<void> UpdateSurvey(const app::SurveyRecord& s) override {
    auto st = c_.Prepare(kUpdateSurvey);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, s.organisation_id)
        .BindText(2, s.id)
        .BindOptText(3, s.scope_id)
        .BindText(4, s.design);
    st->BindInt(5, s.updated_at).BindInt(6, s.version);
    VM_TRY(st->Run());
    if (st->Changes() == 1) return {};
    return Fail(
        Error::Make(ErrorCode::kFailedPrecondition, "the survey was changed or deleted meanwhile"));
  }

  Result<std::vector<app::SurveyRecord>> ListSurveys(const std::string& org) override {
    auto st = c_.Prepare(kListSurveys);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, org);
    return QueryAll(*st, SurveyFromRow);
  }

  Result<void> AddToResponseCount(const std::string& org, const std::string& survey, int64_t delta,
                                  int64_t answer_bytes) override {
    auto st = c_.Prepare(kAddToResponseCount);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, org).BindText(2, survey).BindInt(3, delta).BindInt(4, answer_bytes);
    return RunOnOne(*st, "survey");
  }

  // SQLite has one writer at a time: nothing to lock.
  Result<app::OrganisationUsage> GetOrganisationUsage(const std::string& org) override {
    auto st = c_.Prepare(kOrganisationUsage);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, org);
    auto row = st->Step();
    if (!row) return Fail(std::move(row.error()));
    app::OrganisationUsage u;
    if (!*row) return u;
    u.evidence_files = st->Int(0);
    u.evidence_bytes = st->Int(1);
    u.record_versions = st->Int(2);
    u.record_bytes = st->Int(3);
    u.surveys = st->Int(4);
    u.survey_bytes = st->Int(5);
    u.members = st->Int(6);
    u.invitations = st->Int(7);
    u.scopes = st->Int(8);
    u.applications = st->Int(9);
    return u;
  }

  Result<void> InsertResponse(const app::SurveyResponse& r) override {
    auto st = c_.Prepare(kInsertResponse);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, r.organisation_id)
        .BindText(2, r.survey_id)
        .BindText(3, r.id)
        .BindText(4, r.idempotency_key);
    st->BindText(5, r.respondent_code)
        .BindText(6, r.answers)
        .BindText(7, r.source)
        .BindInt(8, r.submitted_at);
    st->BindOptText(9, r.excluded_reason).BindText(10, r.excluded_by).BindOptInt(11, r.excluded_at);
    return RunInsert(*st, "response");
  }

  Result<std::optional<app::SurveyResponse>> FindResponse(const std::string& org,
                                                          const std::string& survey,
                                                          const std::string& id) override {
    auto st = c_.Prepare(kFindResponse);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, org).BindText(2, survey).BindText(3, id);
    return QueryOne(*st, ResponseFromRow);
  }

  Result<std::optional<app::SurveyResponse>> FindResponseByKey(const std::string& org,
                                                               const std::string& survey,
                                                               const std::string& key) override {
    auto st = c_.Prepare(kFindResponseByKey);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, org).BindText(2, survey).BindText(3, key);
    return QueryOne(*st, ResponseFromRow);
  }

  Result<std::vector<app::SurveyResponse>> ListResponses(const std::string& org,
                                                         const std::string& survey,
                                                         const app::PageRequest& page) override {
    auto limit = CheckLimit(page.limit);
    if (!limit) return Fail(std::move(limit.error()));
    auto st = c_.Prepare(kListResponses);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, org).BindText(2, survey).BindText(3, page.after).BindInt(4, *limit);
    return QueryAll(*st, ResponseFromRow);
  }

  Result<void> ScanResponses(const std::string& org, const std::string& survey,
                             const std::function<void(const app::ResponseRow&)>& fn) override {
    auto st = c_.Prepare(kScanResponses);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, org).BindText(2, survey);
    while (true) {
      auto row = st->Step();
      if (!row) return Fail(std::move(row.error()));
      if (!*row) return {};
      fn(app::ResponseRow{st->TextView(0), st->TextView(1), st->TextView(2), st->Int(3),
                          st->Int(4) != 0});
    }
  }

  Result<void> UpdateResponseExclusion(const app::SurveyResponse& r) override {
    auto st = c_.Prepare(kUpdateResponseExclusion);
    if (!st) return Fail(std::move(st.error()));
    st->BindText(1, r.organisation_id).BindText(2, r.survey_id).BindText(3, r.id);
    st->BindOptText(4, r.excluded_reason).BindText(5, r.excluded_by).BindOptInt(6, r.excluded_at);
    return RunOnOne(*st, "response");
  }
  // ---- End of surveys and responses.

 private:
  // Parameters 1-11 of kInsertOrganisation and kUpdateOrganisation.
  static void BindOrganisation(Statement& st, const Organisation& org) {
    st.BindText(1, org.id)
        .BindText(2, org.name)
        .BindText(3, org.legal_structure)
        .BindText(4, org.sector);
    st.BindText(5, Name(org.size_band))
        .BindText(6, org.area)
        .BindText(7, Name(org.membership_status));
    st.BindOptText(8, org.membership_start).BindOptText(9, org.membership_expiry);
    st.BindOptText(10, org.lead_user_id).BindOptText(11, org.senior_leader_user_id);
  }

  // Which key of users was taken, for a message the sign-up page can show.
  Error UserTaken(const User& user) {
    auto st = c_.Prepare(kUserEmailTaken);
    if (st) {
      st->BindText(1, user.email);
      if (auto exists = Exists(*st); exists && *exists) {
        return Error::Make(ErrorCode::kAlreadyExists, "a user with this email already exists");
      }
    }
    return Error::Make(ErrorCode::kAlreadyExists, "a user with this id already exists");
  }

  Connection& c_;
};

Result<void> RunStatement(Connection& connection, const char* sql) {
  auto st = connection.Prepare(sql);
  if (!st) return Fail(std::move(st.error()));
  return st->Run();
}

// Ends a transaction that will not commit. A failed COMMIT may already have
// ended it, hence the check.
void RollbackIfOpen(Connection& connection) {
  if (sqlite3_get_autocommit(connection.db()) == 0) (void)RunStatement(connection, kRollback);
}

// Runs fn inside an open transaction and commits; rolls back on any failure.
Result<void> RunAndCommit(Connection& connection,
                          const std::function<Result<void>(app::Transaction&)>& fn) {
  SqliteTransaction tx(connection);
  Result<void> result = fn(tx);
  if (result) result = RunStatement(connection, kCommit);
  if (!result) RollbackIfOpen(connection);
  return result;
}

}  // namespace
}  // namespace sqlite

using sqlite::Connection;

SqliteStore::SqliteStore(std::string path, std::unique_ptr<Connection> writer)
    : path_(std::move(path)),
      id_(sqlite::g_next_store_id.fetch_add(1)),
      writer_(std::move(writer)),
      readers_(std::make_shared<sqlite::ReaderPool>(path_)) {}

// readers_ is declared after writer_, so the readers close first and the
// writer, closing last, checkpoints the WAL into the main file.
SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::Create(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.starts_with("file:")) {
    return Fail(Error::Make(ErrorCode::kInvalidArgument,
                            fmt::format("SQLite store needs a file path, got \"{}\"", path)));
  }
  // A new database file is made here, readable by its owner alone (0600): it
  // holds the platform's signing key, password hashes and personal data.
  // SQLite gives its -wal and -shm files the main file's mode. An existing
  // file keeps the mode its operator gave it.
  const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    close(fd);
  } else if (errno != EEXIST) {
    return Fail(Error::Make(
        ErrorCode::kUnavailable,
        fmt::format("cannot create SQLite database \"{}\": {}", path, std::strerror(errno))));
  }
  // WAL needs its -wal and -shm files writable; a -shm cut short later is reported (wal_files.h).
  TRY(sqlite::CheckWalFilesWritable(path));
  auto writer = Connection::Open(path, sqlite::OpenMode::kReadWrite);
  if (!writer) return Fail(std::move(writer.error()));
  sqlite::ReportSigbusAsLostSharedMemory(path);
  return std::unique_ptr<SqliteStore>(new SqliteStore(path, std::move(*writer)));
}

Result<Connection*> SqliteStore::ReaderForThisThread() {
  auto& entries = sqlite::t_readers.entries;
  for (const auto& entry : entries) {
    if (entry.store_id == id_) return entry.connection;
  }
  // First read of this store on this thread: forget stores that have ended.
  std::erase_if(entries, [](const auto& entry) { return entry.pool.expired(); });
  auto connection = readers_->OpenForThisThread();
  if (!connection) return Fail(std::move(connection.error()));
  entries.push_back({id_, readers_, *connection});
  return *connection;
}

Result<void> SqliteStore::Read(const std::function<Result<void>(app::Transaction&)>& fn) {
  auto connection = ReaderForThisThread();
  if (!connection) return Fail(std::move(connection.error()));
  Connection& reader = **connection;
  // A Read() nested in a Read() on the same thread shares the outer snapshot.
  if (sqlite3_get_autocommit(reader.db()) == 0) {
    sqlite::SqliteTransaction tx(reader);
    return fn(tx);
  }
  VM_TRY(sqlite::RunStatement(reader, sqlite::kBegin));
  return sqlite::RunAndCommit(reader, fn);
}

std::optional<uint64_t> SqliteStore::ChangeTag() {
  auto connection = ReaderForThisThread();
  if (!connection) return std::nullopt;
  auto st = (*connection)->Prepare("PRAGMA data_version");
  if (!st) return std::nullopt;
  auto row = st->Step();
  if (!row || !*row) return std::nullopt;
  return static_cast<uint64_t>(st->Int(0));
}

Result<void> SqliteStore::Write(const std::function<Result<void>(app::Transaction&)>& fn) {
  if (sqlite::t_writing_store == id_) {
    return Fail(Error::Make(ErrorCode::kInternal,
                            "Store::Write called from inside a Write on the same store"));
  }
  std::lock_guard lock(writer_mu_);
  const uint64_t outer = sqlite::t_writing_store;
  sqlite::t_writing_store = id_;
  // BEGIN IMMEDIATE takes the write lock now rather than at the first write,
  // so that another process's writer makes us wait here (busy_timeout)
  // instead of failing half-way through fn.
  Result<void> result = sqlite::RunStatement(*writer_, sqlite::kBeginImmediate);
  if (result) result = sqlite::RunAndCommit(*writer_, fn);
  sqlite::t_writing_store = outer;
  NoteWrite(result);
  return result;
}

Result<int> SqliteStore::Migrate() {
  std::lock_guard lock(writer_mu_);
  Connection& c = *writer_;
  VM_TRY(sqlite::RunStatement(c, sqlite::kBeginImmediate));
  auto migrate = [&c]() -> Result<int> {
    if (int rc = sqlite::RegisterMigrationFunctions(c.db()); rc != SQLITE_OK)
      return Fail(sqlite::SqliteError(c.db(), rc, "registering the migrations' functions"));
    VM_TRY(c.ExecScript(sqlite::kCreateMigrationsTable));
    // Each migration is applied once by its version (migration_plan.h).
    std::vector<int> applied;
    {
      auto st = c.Prepare(sqlite::kAppliedMigrations);
      if (!st) return Fail(std::move(st.error()));
      while (true) {
        auto row = st->Step();
        if (!row) return Fail(std::move(row.error()));
        if (!*row) break;
        applied.push_back(static_cast<int>(st->Int(0)));
      }
    }
    auto pending = PendingMigrations(sqlite::Migrations(), applied);
    if (!pending) return Fail(std::move(pending.error()));
    int version = applied.empty() ? 0 : applied.back();
    for (const sqlite::Migration* migration : *pending) {
      if (auto r = c.ExecScript(migration->sql); !r) {
        return Fail(
            Error::Make(r.error().code, fmt::format("migration {} ({}): {}", migration->version,
                                                    migration->name, r.error().message)));
      }
      auto st = c.Prepare(sqlite::kRecordMigration);
      if (!st) return Fail(std::move(st.error()));
      st->BindInt(1, migration->version);
      VM_TRY(st->Run());
      version = std::max(version, migration->version);
    }
    VM_TRY(sqlite::RunStatement(c, sqlite::kCommit));
    return version;
  };
  auto version = migrate();
  if (!version) sqlite::RollbackIfOpen(c);
  return version;
}

Result<void> SqliteStore::Backup(const std::string& destination) {
  if (destination.empty())
    return Fail(Error::Make(ErrorCode::kInvalidArgument, "backup destination is empty"));
  // O_EXCL: the check that the file is new and its creation are one step, so
  // two backups cannot both write the same file. 0600: a backup holds
  // password hashes and personal data.
  const int fd = open(destination.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int err = errno;
    if (err == EEXIST) {
      return Fail(Error::Make(
          ErrorCode::kFailedPrecondition,
          fmt::format("backup destination \"{}\" already exists; choose a new file", destination)));
    }
    return Fail(Error::Make(
        ErrorCode::kUnavailable,
        fmt::format("cannot create backup file \"{}\": {}", destination, std::strerror(err))));
  }
  close(fd);

  auto copy = [&]() -> Result<void> {
    // Its own read-only source connection: the writer is busy with writes
    // and this thread's reader may be inside a Read().
    auto source = Connection::Open(path_, sqlite::OpenMode::kReadOnly);
    if (!source) return Fail(std::move(source.error()));
    sqlite3* dest = nullptr;
    int rc = sqlite3_open_v2(destination.c_str(), &dest, SQLITE_OPEN_READWRITE, nullptr);
    std::unique_ptr<sqlite3, int (*)(sqlite3*)> dest_owner(dest, sqlite3_close);
    if (rc != SQLITE_OK) return Fail(sqlite::SqliteError(dest, rc, "opening backup file"));
    sqlite3_backup* backup = sqlite3_backup_init(dest, "main", (*source)->db(), "main");
    if (backup == nullptr)
      return Fail(sqlite::SqliteError(dest, sqlite3_errcode(dest), "starting backup"));
    // All pages in one step: one read transaction on the source, so the copy
    // is one consistent snapshot while writers carry on (WAL).
    for (int attempt = 0;; ++attempt) {
      rc = sqlite3_backup_step(backup, -1);
      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && attempt < 50) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        continue;
      }
      break;
    }
    const int finish_rc = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) return Fail(sqlite::SqliteError(nullptr, rc, "copying database"));
    if (finish_rc != SQLITE_OK)
      return Fail(sqlite::SqliteError(dest, finish_rc, "finishing backup"));
    // The pages carry the source's WAL flag; a backup is better as one
    // self-contained file.
    char* error = nullptr;
    rc = sqlite3_exec(dest, "PRAGMA journal_mode=DELETE", nullptr, nullptr, &error);
    sqlite3_free(error);
    if (rc != SQLITE_OK) return Fail(sqlite::SqliteError(dest, rc, "setting backup journal mode"));
    rc = sqlite3_close(dest_owner.release());
    if (rc != SQLITE_OK) return Fail(sqlite::SqliteError(nullptr, rc, "closing backup file"));
    return {};
  };
  auto result = copy();
  if (!result) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      std::remove((destination + suffix).c_str());
    return Fail(Error::Make(result.error().code, fmt::format("backup to \"{}\" failed: {}",
                                                             destination, result.error().message)));
  }
  return {};
}

}  // namespace valuemark::storage
