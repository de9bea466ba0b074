// The accounts module's use cases (docs/api.md "Accounts", "Staff"): sign-up
// and email confirmation, sessions, passwords, and the platform roles of
// staff. Organisations, members, invitations and scopes are in
// organisations.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/use_cases.h"

namespace valuemark::app {

// The subject of password-reset emails: such a message carries a one-time
// sign-in secret, so it goes by email only and is never listed in the app.
inline constexpr char kPasswordResetSubject[] = "Reset your ValueMark password";
// The subject of the email that confirms an address: it carries a one-time
// secret too, so it is never listed in the app either.
inline constexpr char kEmailVerificationSubject[] = "Confirm your email address for ValueMark";
// The subject of the email sent when someone signs up with an address that
// already has an account (sign-up answers the same either way).
inline constexpr char kSignUpAgainSubject[] =
    "Someone tried to create a ValueMark account with your address";

struct SignedIn {
  User user;
  std::string session_token;  // the cookie's value
  std::string csrf_token;
  UnixTime expires_at = 0;
};

struct SignUpInput {
  std::string email, password, name;
};

struct Me {
  User user;
  std::string csrf_token;
  std::vector<OrganisationWithRole> organisations;
};

class AccountService : public UseCases {
 public:
  using UseCases::UseCases;

  // Answers the same whether or not the email has an account (no account
  // enumeration), in about the same time: a new address gets an unverified
  // account and a link to confirm it, a registered one an email saying that
  // someone tried. No session: the user signs in after.
  Result<void> SignUp(const SignUpInput& input);
  // Confirms the address of the link's account; InvalidArgument (field
  // "token") for an unknown, used or expired link.
  Result<void> VerifyEmail(const std::string& token);
  // Emails the caller a fresh confirmation link; FailedPrecondition when the
  // address is already confirmed.
  Result<void> ResendEmailVerification(const Caller& caller);
  Result<SignedIn> LogIn(const std::string& email, const std::string& password,
                         const std::string& client_address);
  Result<void> LogOut(const Caller& caller);
  // The caller behind a session cookie; Unauthenticated when absent or expired.
  Result<Caller> Authenticate(const std::string& session_token);
  // Slides the idle timeout of the caller's session when Authenticate asked for it.
  Result<void> TouchSession(const Caller& caller);
  // Changes the caller's password (the current one is asked again) and ends
  // every other session of theirs.
  Result<void> ChangePassword(const Caller& caller, const std::string& current,
                              const std::string& next);
  // Ends every session of the caller but this one ("sign out everywhere else").
  Result<void> EndOtherSessions(const Caller& caller);
  Result<void> RequestPasswordReset(const std::string& email);
  Result<void> ConfirmPasswordReset(const std::string& token, const std::string& password);
  Result<Me> GetMe(const Caller& caller);

  // Staff
  // Every account the query matches (administrator), by id.
  Result<Page<User>> ListUsers(const Caller& caller, const PageRequest& page,
                               const UserQuery& query = {});
  Result<User> SetPlatformRole(const Caller& caller, const std::string& user_id,
                               const std::string& role);
  // An administrator deactivates an account (it can no longer sign in, and
  // every session of it ends at once) or reactivates it; audited. Not one's
  // own account.
  Result<User> SetActive(const Caller& caller, const std::string& user_id, bool active);
  // For seeding: a user created directly with a platform role (no session),
  // their email taken as verified (staff and demo accounts).
  Result<User> CreateUser(const SignUpInput& input, PlatformRole role);

 private:
  // Sign-up input checked, the password hashed.
  struct NewAccount {
    std::string email, name, password_hash;
  };
  Result<NewAccount> PrepareAccount(const SignUpInput& input);
  // Stores a confirmation link for the user and queues the email that carries it.
  Result<void> SendEmailVerification(Transaction& tx, const User& user);

  Result<SignedIn> StartSession(Transaction& tx, const User& user);
};

}  // namespace valuemark::app
