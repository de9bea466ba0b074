// The accounts module's slice of the storage port (store.h): users,
// sessions, password resets, email confirmations, failed logins,
// organisations, members, scopes and invitations.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/store_types.h"
#include "core/organisation.h"

namespace valuemark::app {

struct Session {
  std::string id_hash;  // hex SHA-256 of the cookie's secret; the secret is never stored
  std::string user_id;
  std::string csrf_token;
  UnixTime created_at = 0;
  UnixTime expires_at = 0;
};

struct PasswordReset {
  std::string token_hash;  // hex SHA-256 of the secret in the emailed link
  std::string user_id;
  UnixTime created_at = 0;
  UnixTime expires_at = 0;
  std::optional<UnixTime> used_at;
};

// A link that confirms a user's email address (sent at sign-up, and again on
// request); like a reset link, only its hash is stored.
struct EmailVerification {
  std::string token_hash;  // hex SHA-256 of the secret in the emailed link
  std::string user_id;
  UnixTime created_at = 0;
  UnixTime expires_at = 0;
  std::optional<UnixTime> used_at;
};

// Inside a transaction of the store (store.h), like every slice.
class AccountsPort {
 public:
  virtual ~AccountsPort() = default;

  // Users (global)
  // With email_verified_at as given (set for staff, demo and migrated users).
  virtual Result<void> InsertUser(const User& user, const std::string& password_hash) = 0;
  virtual Result<std::optional<User>> FindUserById(const std::string& id) = 0;
  // With the user's password hash, for login.
  virtual Result<std::optional<std::pair<User, std::string>>> FindUserByEmail(
      const std::string& email) = 0;
  virtual Result<void> UpdatePasswordHash(const std::string& user_id,
                                          const std::string& password_hash) = 0;
  virtual Result<void> UpdateUser(const User& user) = 0;  // name, platform role, deactivation
  // Ordered by id; those the query matches.
  virtual Result<std::vector<User>> ListUsers(const PageRequest& page, const UserQuery& query) = 0;

  // Sessions (global)
  virtual Result<void> InsertSession(const Session& session) = 0;
  virtual Result<std::optional<Session>> FindSession(const std::string& id_hash) = 0;
  virtual Result<void> DeleteSession(const std::string& id_hash) = 0;
  virtual Result<void> DeleteSessionsOfUser(const std::string& user_id) = 0;
  // Moves a session's expiry (the idle timeout slides on use); no error when it is gone.
  virtual Result<void> SetSessionExpiry(const std::string& id_hash, UnixTime expires_at) = 0;
  virtual Result<int64_t> DeleteExpiredSessions(UnixTime now) = 0;

  // Password resets (global)
  virtual Result<void> InsertPasswordReset(const PasswordReset& reset) = 0;
  virtual Result<std::optional<PasswordReset>> FindPasswordReset(const std::string& token_hash) = 0;
  virtual Result<void> MarkPasswordResetUsed(const std::string& token_hash, UnixTime at) = 0;
  // Marks every unused reset link of the user used: one successful reset voids the others.
  virtual Result<void> VoidPasswordResetsOfUser(const std::string& user_id, UnixTime at) = 0;

  // Email verification (global)
  virtual Result<void> InsertEmailVerification(const EmailVerification& verification) = 0;
  virtual Result<std::optional<EmailVerification>> FindEmailVerification(
      const std::string& token_hash) = 0;
  // Marks the user's address verified at `at` (an earlier time is kept) and
  // every unused link of theirs used; NotFound when there is no such user.
  virtual Result<void> MarkEmailVerified(const std::string& user_id, UnixTime at) = 0;

  // Failed logins (global), per throttle key (e.g. "email:…|address",
  // "address:…"), kept in the database so that a restart, or another server
  // of the deployment, does not forget them.
  virtual Result<void> RecordLoginFailure(const std::string& key, UnixTime at) = 0;
  // How many failures of the key happened after `since`.
  virtual Result<int64_t> CountLoginFailures(const std::string& key, UnixTime since) = 0;
  virtual Result<void> ClearLoginFailures(const std::string& key) = 0;
  // Forgets every failure at or before `before` (of any key); returns how many.
  virtual Result<int64_t> PruneLoginFailures(UnixTime before) = 0;

  // Organisations
  virtual Result<void> InsertOrganisation(const Organisation& org) = 0;
  virtual Result<std::optional<Organisation>> FindOrganisation(const std::string& id) = 0;
  // Saves org if the stored version equals org.version, and stores version + 1;
  // FailedPrecondition when someone else saved first.
  virtual Result<void> UpdateOrganisation(const Organisation& org) = 0;
  // Ordered by id; those whose name contains name_part (any case; "" for all).
  virtual Result<std::vector<Organisation>> ListOrganisations(const PageRequest& page,
                                                              const std::string& name_part) = 0;
  virtual Result<std::vector<OrganisationWithRole>> ListOrganisationsOfUser(
      const std::string& user_id) = 0;

  // Members (tenant: key organisation_id, user_id)
  virtual Result<void> UpsertMember(const Member& member) = 0;
  virtual Result<std::optional<Member>> FindMember(const std::string& organisation_id,
                                                   const std::string& user_id) = 0;
  virtual Result<std::vector<Member>> ListMembers(
      const std::string& organisation_id) = 0;  // with name and email
  virtual Result<void> DeleteMember(const std::string& organisation_id,
                                    const std::string& user_id) = 0;

  // Scopes (tenant: key organisation_id, id)
  virtual Result<void> InsertScope(const Scope& scope) = 0;
  virtual Result<std::optional<Scope>> FindScope(const std::string& organisation_id,
                                                 const std::string& id) = 0;
  virtual Result<void> UpdateScope(const Scope& scope) = 0;
  virtual Result<void> DeleteScope(const std::string& organisation_id, const std::string& id) = 0;
  virtual Result<std::vector<Scope>> ListScopes(const std::string& organisation_id) = 0;  // by name

  // Invitations (tenant: key organisation_id, id; unique organisation_id, token_hash)
  virtual Result<void> InsertInvitation(const Invitation& invitation) = 0;
  virtual Result<std::optional<Invitation>> FindInvitation(const std::string& organisation_id,
                                                           const std::string& id) = 0;
  virtual Result<std::optional<Invitation>> FindInvitationByToken(
      const std::string& organisation_id, const std::string& token_hash) = 0;
  virtual Result<void> UpdateInvitation(
      const Invitation& invitation) = 0;  // accepted_at, revoked_at
  virtual Result<std::vector<Invitation>> ListInvitations(
      const std::string& organisation_id) = 0;  // newest first
};

}  // namespace valuemark::app
