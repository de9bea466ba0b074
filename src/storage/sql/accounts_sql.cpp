// Users, sessions, password resets, email verifications and login failures.
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

#define VM_USER_COLUMNS \
  "id, email, name, platform_role, created_at, email_verified_at, deactivated_at"

constexpr char kInsertUser[] =
    "INSERT INTO users (id, email, name, password_hash, platform_role, created_at, "
    "email_verified_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING";
constexpr char kFindUserById[] = "SELECT " VM_USER_COLUMNS " FROM users WHERE id = ?1";
constexpr char kFindUserByEmail[] =
    "SELECT " VM_USER_COLUMNS ", password_hash FROM users WHERE email = ?1";
constexpr char kUserEmailTaken[] = "SELECT 1 FROM users WHERE email = ?1";
constexpr char kUpdatePasswordHash[] = "UPDATE users SET password_hash = ?2 WHERE id = ?1";
constexpr char kUpdateUser[] =
    "UPDATE users SET name = ?2, platform_role = ?3, deactivated_at = ?4 WHERE id = ?1";
// ?3: part of the name or email, lower case, as a LIKE pattern ('' for any);
// ?4: the platform role ('' for any); ?5: 0 any, 1 active, 2 deactivated.
constexpr char kListUsers[] =
    "SELECT " VM_USER_COLUMNS
    " FROM users WHERE id > ?1"
    " AND (?3 = '' OR lower(email) LIKE ?3 ESCAPE '\\' OR lower(name) LIKE ?3 ESCAPE '\\')"
    " AND (?4 = '' OR platform_role = ?4)"
    " AND (?5 = 0 OR (?5 = 1 AND deactivated_at IS NULL) OR (?5 = 2 AND deactivated_at IS NOT "
    "NULL))"
    " ORDER BY id LIMIT ?2";
constexpr char kSetEmailVerified[] =
    "UPDATE users SET email_verified_at = COALESCE(email_verified_at, ?2) WHERE id = ?1";
constexpr char kUseEmailVerificationsOfUser[] =
    "UPDATE email_verifications SET used_at = ?2 WHERE user_id = ?1 AND used_at IS NULL";
constexpr char kInsertEmailVerification[] =
    "INSERT INTO email_verifications (token_hash, user_id, created_at, expires_at, used_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING";
constexpr char kFindEmailVerification[] =
    "SELECT token_hash, user_id, created_at, expires_at, used_at FROM email_verifications WHERE "
    "token_hash = ?1";
constexpr char kRecordLoginFailure[] =
    "INSERT INTO login_failures (key, at, failures) VALUES (?1, ?2, 1) "
    "ON CONFLICT (key, at) DO UPDATE SET failures = login_failures.failures + 1";
constexpr char kCountLoginFailures[] =
    "SELECT CAST(COALESCE(SUM(failures), 0) AS BIGINT) FROM login_failures WHERE key = ?1 AND at > "
    "?2";
constexpr char kClearLoginFailures[] = "DELETE FROM login_failures WHERE key = ?1";
constexpr char kPruneLoginFailures[] = "DELETE FROM login_failures WHERE at <= ?1";
constexpr char kInsertSession[] =
    "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?1, ?2, "
    "?3, ?4, ?5) ON CONFLICT DO NOTHING";
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
    "(?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING";
constexpr char kFindPasswordReset[] =
    "SELECT token_hash, user_id, created_at, expires_at, used_at FROM password_resets WHERE "
    "token_hash = ?1";
constexpr char kMarkPasswordResetUsed[] =
    "UPDATE password_resets SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL";
constexpr char kPasswordResetExists[] = "SELECT 1 FROM password_resets WHERE token_hash = ?1";

#undef VM_USER_COLUMNS

Result<User> UserFromRow(const Statement& st) {
  auto role = ParsePlatformRole(st.Text(3));
  if (!role) return Fail(CorruptRow("users.platform_role", role.error()));
  return User{st.Text(0), st.Text(1), st.Text(2), *role, st.Int(4), st.OptInt(5), st.OptInt(6)};
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

}  // namespace

Result<void> SqlTransaction::InsertUser(const User& user, const std::string& password_hash) {
  auto st = TRY(c_.Prepared(kInsertUser));
  st.BindText(1, user.id).BindText(2, user.email).BindText(3, user.name).BindText(4, password_hash);
  st.BindText(5, Name(user.platform_role))
      .BindInt(6, user.created_at)
      .BindOptInt(7, user.email_verified_at);
  TRY(st.Run());
  if (st.Changes() == 1) return {};
  return Fail(UserTaken(user));
}

Result<std::optional<User>> SqlTransaction::FindUserById(const std::string& id) {
  auto st = TRY(c_.Prepared(kFindUserById));
  st.BindText(1, id);
  return QueryOne(st, UserFromRow);
}

Result<std::optional<std::pair<User, std::string>>> SqlTransaction::FindUserByEmail(
    const std::string& email) {
  auto st = TRY(c_.Prepared(kFindUserByEmail));
  st.BindText(1, email);
  return QueryOne(st, [](const Statement& row) -> Result<std::pair<User, std::string>> {
    return std::pair<User, std::string>(TRY(UserFromRow(row)), row.Text(7));
  });
}

Result<void> SqlTransaction::UpdatePasswordHash(const std::string& user_id,
                                                const std::string& password_hash) {
  auto st = TRY(c_.Prepared(kUpdatePasswordHash));
  st.BindText(1, user_id).BindText(2, password_hash);
  return RunOnOne(st, "user");
}

Result<void> SqlTransaction::UpdateUser(const User& user) {
  auto st = TRY(c_.Prepared(kUpdateUser));
  st.BindText(1, user.id).BindText(2, user.name).BindText(3, Name(user.platform_role));
  st.BindOptInt(4, user.deactivated_at);
  return RunOnOne(st, "user");
}

Result<std::vector<User>> SqlTransaction::ListUsers(const app::PageRequest& page,
                                                    const app::UserQuery& query) {
  const int64_t limit = TRY(CheckLimit(page.limit));
  auto st = TRY(c_.Prepared(kListUsers));
  st.BindText(1, page.after).BindInt(2, limit);
  const std::string pattern = query.text.empty() ? std::string() : ContainsPattern(query.text);
  st.BindText(3, pattern);
  st.BindText(4, query.role ? Name(*query.role) : "");
  st.BindInt(5, !query.active ? 0 : *query.active ? 1 : 2);
  return QueryAll(st, UserFromRow);
}

Result<void> SqlTransaction::InsertSession(const app::Session& session) {
  auto st = TRY(c_.Prepared(kInsertSession));
  st.BindText(1, session.id_hash).BindText(2, session.user_id).BindText(3, session.csrf_token);
  st.BindInt(4, session.created_at).BindInt(5, session.expires_at);
  return RunInsert(st, "session");
}

Result<std::optional<app::Session>> SqlTransaction::FindSession(const std::string& id_hash) {
  auto st = TRY(c_.Prepared(kFindSession));
  st.BindText(1, id_hash);
  return QueryOne(st, SessionFromRow);
}

Result<void> SqlTransaction::DeleteSession(const std::string& id_hash) {
  auto st = TRY(c_.Prepared(kDeleteSession));
  st.BindText(1, id_hash);
  return st.Run();
}

Result<void> SqlTransaction::DeleteSessionsOfUser(const std::string& user_id) {
  auto st = TRY(c_.Prepared(kDeleteSessionsOfUser));
  st.BindText(1, user_id);
  return st.Run();
}

Result<void> SqlTransaction::SetSessionExpiry(const std::string& id_hash, UnixTime expires_at) {
  auto st = TRY(c_.Prepared(kSetSessionExpiry));
  st.BindText(1, id_hash).BindInt(2, expires_at);
  return st.Run();
}

Result<void> SqlTransaction::VoidPasswordResetsOfUser(const std::string& user_id, UnixTime at) {
  auto st = TRY(c_.Prepared(kVoidPasswordResetsOfUser));
  st.BindText(1, user_id).BindInt(2, at);
  return st.Run();
}

Result<int64_t> SqlTransaction::DeleteExpiredSessions(UnixTime now) {
  auto st = TRY(c_.Prepared(kDeleteExpiredSessions));
  st.BindInt(1, now);
  TRY(st.Run());
  return st.Changes();
}

Result<void> SqlTransaction::InsertPasswordReset(const app::PasswordReset& reset) {
  auto st = TRY(c_.Prepared(kInsertPasswordReset));
  st.BindText(1, reset.token_hash).BindText(2, reset.user_id).BindInt(3, reset.created_at);
  st.BindInt(4, reset.expires_at).BindOptInt(5, reset.used_at);
  return RunInsert(st, "password reset");
}

Result<std::optional<app::PasswordReset>> SqlTransaction::FindPasswordReset(
    const std::string& token_hash) {
  auto st = TRY(c_.Prepared(kFindPasswordReset));
  st.BindText(1, token_hash);
  return QueryOne(st, PasswordResetFromRow);
}

Result<void> SqlTransaction::MarkPasswordResetUsed(const std::string& token_hash, UnixTime at) {
  {
    auto st = TRY(c_.Prepared(kMarkPasswordResetUsed));
    st.BindText(1, token_hash).BindInt(2, at);
    TRY(st.Run());
    if (st.Changes() == 1) return {};
  }
  // A link is good for one use: tell "already used" from "no such link".
  auto st = TRY(c_.Prepared(kPasswordResetExists));
  st.BindText(1, token_hash);
  const bool exists = TRY(Exists(st));
  if (exists)
    return Fail(Error::Make(ErrorCode::kFailedPrecondition, "password reset already used"));
  return Fail(Error::Make(ErrorCode::kNotFound, "password reset not found"));
}

Result<void> SqlTransaction::InsertEmailVerification(const app::EmailVerification& v) {
  auto st = TRY(c_.Prepared(kInsertEmailVerification));
  st.BindText(1, v.token_hash).BindText(2, v.user_id).BindInt(3, v.created_at);
  st.BindInt(4, v.expires_at).BindOptInt(5, v.used_at);
  return RunInsert(st, "email verification");
}

Result<std::optional<app::EmailVerification>> SqlTransaction::FindEmailVerification(
    const std::string& token_hash) {
  auto st = TRY(c_.Prepared(kFindEmailVerification));
  st.BindText(1, token_hash);
  return QueryOne(st, EmailVerificationFromRow);
}

Result<void> SqlTransaction::MarkEmailVerified(const std::string& user_id, UnixTime at) {
  {
    auto st = TRY(c_.Prepared(kSetEmailVerified));
    st.BindText(1, user_id).BindInt(2, at);
    TRY(RunOnOne(st, "user"));
  }
  auto st = TRY(c_.Prepared(kUseEmailVerificationsOfUser));
  st.BindText(1, user_id).BindInt(2, at);
  return st.Run();
}

Result<void> SqlTransaction::RecordLoginFailure(const std::string& key, UnixTime at) {
  auto st = TRY(c_.Prepared(kRecordLoginFailure));
  st.BindText(1, key).BindInt(2, at);
  return st.Run();
}

Result<int64_t> SqlTransaction::CountLoginFailures(const std::string& key, UnixTime since) {
  auto st = TRY(c_.Prepared(kCountLoginFailures));
  st.BindText(1, key).BindInt(2, since);
  return TRY(st.Step()) ? st.Int(0) : int64_t{0};
}

Result<void> SqlTransaction::ClearLoginFailures(const std::string& key) {
  auto st = TRY(c_.Prepared(kClearLoginFailures));
  st.BindText(1, key);
  return st.Run();
}

Result<int64_t> SqlTransaction::PruneLoginFailures(UnixTime before) {
  auto st = TRY(c_.Prepared(kPruneLoginFailures));
  st.BindInt(1, before);
  TRY(st.Run());
  return st.Changes();
}

// Which key of users was taken, for a message the sign-up page can show.
Error SqlTransaction::UserTaken(const User& user) {
  auto email_taken = [&]() -> Result<bool> {
    auto st = TRY(c_.Prepared(kUserEmailTaken));
    st.BindText(1, user.email);
    return Exists(st);
  }();
  if (email_taken && *email_taken)
    return Error::Make(ErrorCode::kAlreadyExists, "a user with this email already exists");
  return Error::Make(ErrorCode::kAlreadyExists, "a user with this id already exists");
}
}  // namespace valuemark::storage::sql
