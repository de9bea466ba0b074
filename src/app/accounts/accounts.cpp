// Accounts, sessions, password resets, staff views and the audit trail's
// read side (docs/api.md "Accounts", "Staff", "Audit").
#include "app/accounts/accounts.h"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <iterator>
#include <mutex>
#include <string_view>

#include "app/audit/chain.h"
#include "app/outbox.h"
#include "app/rate_limits.h"
#include "app/validate.h"
#include "formats/records_json.h"

namespace valuemark::app {

namespace {

Error Unauthenticated(std::string message = "sign in first") {
  return Error::Make(ErrorCode::kUnauthenticated, std::move(message));
}

std::string UserJson(const User& u) { return formats::CompactJson(&formats::WriteUser, u); }

// Seconds from now until fewer than `limit` of key's failed logins fall in
// the window (0: already fewer): the smallest wait after which the oldest
// failures have aged out. Found by halving with the store's count, so at
// most about log2(window) reads, and only for a refusal.
Result<int64_t> UntilFewerFailures(Transaction& tx, const std::string& key, int64_t limit,
                                   UnixTime now, int64_t window) {
  if (limit <= 0) return 0;                  // no limit
  auto failures_after = [&](int64_t wait) {  // counted in the window as it will be then
    return tx.CountLoginFailures(key, now + wait - window);
  };
  if (TRY(failures_after(0)) < limit) return 0;
  int64_t too_soon = 0, enough = window;  // no failure is newer than now
  while (enough - too_soon > 1) {
    const int64_t mid = too_soon + (enough - too_soon) / 2;
    if (TRY(failures_after(mid)) < limit)
      enough = mid;
    else
      too_soon = mid;
  }
  return enough;
}

}  // namespace

// A verification of a password against a hash that matches nothing, at the
// platform's cost: an unknown email then takes as long as a wrong password,
// so that the time of an answer does not tell which accounts exist.
static const std::string& DecoyHash(PasswordCost cost) {
  static std::once_flag once[2];
  static std::string hash[2];
  const int i = cost == PasswordCost::kMinimum ? 1 : 0;
  std::call_once(once[i], [&] { hash[i] = HashPassword(RandomToken(), cost).value_or(""); });
  return hash[i];
}

Result<SignedIn> AccountService::StartSession(Transaction& tx, const User& user) {
  SignedIn in;
  in.user = user;
  in.session_token = RandomToken();
  in.csrf_token = RandomToken();
  // The cookie lasts as long as the session may; the server ends it sooner when idle.
  in.expires_at = Now() + options_.session_seconds;
  Session s{Sha256Hex(in.session_token), user.id, in.csrf_token, Now(),
            Now() + std::min(options_.session_idle_seconds, options_.session_seconds)};
  TRY(tx.InsertSession(s));
  return in;
}

Result<AccountService::NewAccount> AccountService::PrepareAccount(const SignUpInput& input) {
  auto email = TRY(CleanEmail("email", input.email));
  auto password = TRY(CheckPassword("password", input.password, input.email));
  auto name = TRY(CleanText("name", input.name, 1, 200));
  auto hash = TRY(HashPassword(password, options_.password_cost));
  return NewAccount{email, name, hash};
}

Result<User> AccountService::CreateUser(const SignUpInput& input, PlatformRole role) {
  auto account = TRY(PrepareAccount(input));
  User user{NewId(), account.email, account.name, role, Now(), Now()};
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    if (auto ins = tx.InsertUser(user, account.password_hash); !ins) {
      if (ins.error().code == ErrorCode::kAlreadyExists)
        return Fail(Error::Field(ErrorCode::kAlreadyExists, "email",
                                 "an account with this email already exists"));
      return ins;
    }
    return AppendAuditEvent(tx, {user.id, "user.create", "user", user.id, "", UserJson(user)},
                            Now());
  }));
  return user;
}

Result<void> AccountService::SendEmailVerification(Transaction& tx, const User& user) {
  const std::string token = RandomToken();
  EmailVerification v{
      Sha256Hex(token), user.id, Now(), Now() + options_.email_verification_seconds, {}};
  TRY(tx.InsertEmailVerification(v));
  OutboxMessage m;
  m.to = user.email;
  m.subject = kEmailVerificationSubject;
  m.body = fmt::format(
      "Hello {},\n\nTo confirm that this is your email address, "
      "open\n{}/verify-email?token={}\nwithin the next "
      "{} hours.\n\nUntil you do, you can sign in and set up your own organisation, but you cannot "
      "join an "
      "organisation you are invited to or sign off evidence for certification.\n\nIf you did not "
      "create a ValueMark "
      "account, you can ignore this email: nothing happens without the link.\n",
      OneLine(user.name), options_.public_url, token, options_.email_verification_seconds / 3600);
  m.created_at = Now();
  TRY(QueueEmail(tx, m));
  return {};
}

Result<void> AccountService::SignUp(const SignUpInput& input) {
  // The input is checked and the password hashed before the address is
  // looked up, so that a registered address costs as long as a new one.
  // (Per-address rate limits on this route are the HTTP layer's: Api::Handle.)
  auto account = TRY(PrepareAccount(input));
  auto attempt = [&] {
    return store_.Write([&](Transaction& tx) -> Result<void> {
      auto found = TRY(tx.FindUserByEmail(account.email));
      if (found) {
        // Nothing changes; the owner learns that someone tried, and how to get in.
        const User& owner = found->first;
        OutboxMessage m;
        m.to = owner.email;
        m.subject = kSignUpAgainSubject;
        m.body = fmt::format(
            "Hello {},\n\nSomeone (perhaps you) tried to create a ValueMark account with this "
            "email address, which "
            "already has one. Nothing has changed.\n\nTo sign in, open\n{}/login\nIf you have "
            "forgotten your "
            "password, choose a new one at\n{}/forgot-password\n\nIf it was not you, you can "
            "ignore this email.\n",
            OneLine(owner.name), options_.public_url, options_.public_url);
        m.created_at = Now();
        TRY(QueueEmail(tx, m));
        return {};
      }
      User user{NewId(), account.email, account.name, PlatformRole::kNone, Now(), std::nullopt};
      TRY(tx.InsertUser(user, account.password_hash));
      if (auto r = AppendAuditEvent(
              tx, {user.id, "user.create", "user", user.id, "", UserJson(user)}, Now());
          !r)
        return Fail(r.error());
      return SendEmailVerification(tx, user);
    });
  };
  auto r = attempt();
  // Another sign-up with the same address committed first: now it is a registered address.
  if (!r && r.error().code == ErrorCode::kAlreadyExists) r = attempt();
  return r;
}

Result<void> AccountService::VerifyEmail(const std::string& token) {
  const Error bad_link = InvalidField(
      "token", "this confirmation link is unknown, used or expired: log in and ask for a new one");
  if (token.empty()) return Fail(bad_link);
  return store_.Write([&](Transaction& tx) -> Result<void> {
    auto v = TRY(tx.FindEmailVerification(Sha256Hex(token)));
    if (!v || v->used_at || v->expires_at <= Now()) return Fail(bad_link);
    TRY(tx.MarkEmailVerified(v->user_id, Now()));
    return AppendAuditEvent(tx, {v->user_id, "user.email_verified", "user", v->user_id, "", "{}"},
                            Now());
  });
}

Result<void> AccountService::ResendEmailVerification(const Caller& caller) {
  if (caller.user.email_verified_at)
    return Fail(
        Error::Make(ErrorCode::kFailedPrecondition, "your email address is already confirmed"));
  return store_.Write([&](Transaction& tx) { return SendEmailVerification(tx, caller.user); });
}

Result<SignedIn> AccountService::LogIn(const std::string& email_in, const std::string& password,
                                       const std::string& client_address) {
  const UnixTime now = Now();
  const UnixTime since = now - options_.login_window_seconds;
  std::string email = email_in;
  if (auto clean = CleanEmail("email", email_in)) email = *clean;
  // Failures count per account *and* address, so that a stranger cannot lock
  // the owner out from elsewhere, and per address across accounts. They are
  // kept in the database: a restart does not reset them.
  const std::string email_key = "email:" + email + "|" + client_address,
                    address_key = "address:" + client_address;
  int64_t blocked_for = 0;  // seconds until both counts are under their limits again
  std::optional<std::pair<User, std::string>> found;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    const int64_t window = options_.login_window_seconds;
    blocked_for = std::max(
        TRY(UntilFewerFailures(tx, email_key, options_.login_failures_per_email, now, window)),
        TRY(UntilFewerFailures(tx, address_key, options_.login_failures_per_address, now, window)));
    if (blocked_for > 0) return {};
    found = TRY(tx.FindUserByEmail(email));
    return {};
  }));
  if (blocked_for > 0)
    return Fail(Error::RetryLater(
        ErrorCode::kResourceExhausted,
        fmt::format("too many failed logins: try again in {}", WaitInWords(blocked_for)),
        blocked_for));
  const bool known = found.has_value();
  const bool right =
      VerifyPassword(password, known ? found->second : DecoyHash(options_.password_cost));
  if (!known || !right) {
    TRY(store_.Write([&](Transaction& tx) -> Result<void> {
      TRY(tx.RecordLoginFailure(email_key, now));
      TRY(tx.RecordLoginFailure(address_key, now));
      // Failures older than the window count no more: forget them.
      TRY(tx.PruneLoginFailures(since));
      return {};
    }));
    return Fail(Unauthenticated("email or password is wrong"));
  }
  // Said only to whoever knows the password.
  if (found->first.deactivated_at)
    return Fail(Error::Make(ErrorCode::kPermissionDenied,
                            "this account was deactivated by an administrator: ask the certifying "
                            "body to reactivate it"));
  Result<SignedIn> signed_in = Fail(Error::Make(ErrorCode::kInternal, "no session"));
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(tx.ClearLoginFailures(email_key));
    signed_in = StartSession(tx, found->first);
    return signed_in ? Result<void>{} : Fail(signed_in.error());
  }));
  return signed_in;
}

Result<void> AccountService::LogOut(const Caller& caller) {
  return store_.Write([&](Transaction& tx) { return tx.DeleteSession(caller.session_hash); });
}

Result<Caller> AccountService::Authenticate(const std::string& session_token) {
  if (session_token.empty()) return Fail(Unauthenticated());
  Caller caller;
  caller.session_hash = Sha256Hex(session_token);
  bool found = false;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto s = TRY(tx.FindSession(caller.session_hash));
    if (!s || s->expires_at <= Now()) return {};
    auto u = TRY(tx.FindUserById(s->user_id));
    if (!u || u->deactivated_at) return {};
    caller.user = std::move(*u);
    caller.csrf_token = s->csrf_token;
    // The idle timeout slides with use, written at most every five minutes
    // and never past the session's absolute end.
    const UnixTime slid =
        std::min(Now() + options_.session_idle_seconds, s->created_at + options_.session_seconds);
    if (slid - s->expires_at >= 300) caller.extend_session_to = slid;
    found = true;
    return {};
  }));
  if (!found) return Fail(Unauthenticated("your session has ended: sign in again"));
  return caller;
}

Result<void> AccountService::RequestPasswordReset(const std::string& email_in) {
  auto email = TRY(CleanEmail("email", email_in));
  return store_.Write([&](Transaction& tx) -> Result<void> {
    auto found = TRY(tx.FindUserByEmail(email));
    if (!found) return {};  // said the same way either way: no account enumeration
    const std::string token = RandomToken();
    PasswordReset reset{
        Sha256Hex(token), (found)->first.id, Now(), Now() + options_.password_reset_seconds, {}};
    TRY(tx.InsertPasswordReset(reset));
    OutboxMessage m;
    m.to = email;
    m.subject = kPasswordResetSubject;
    m.body = fmt::format(
        "Hello {},\n\nSomeone asked to reset the password of your ValueMark account. To choose a "
        "new one, open\n"
        "{}/reset-password?token={}\nwithin the next hour. If it was not you, you can ignore this "
        "email.\n",
        OneLine((found)->first.name), options_.public_url, token);
    m.created_at = Now();
    TRY(QueueEmail(tx, m));
    return AppendAuditEvent(
        tx,
        {(found)->first.id, "user.password_reset_requested", "user", (found)->first.id, "", "{}"},
        Now());
  });
}

Result<void> AccountService::ConfirmPasswordReset(const std::string& token,
                                                  const std::string& password_in) {
  // The link is checked before the (deliberately slow) hashing, so that
  // strangers with made-up links cost the server nothing.
  auto check_link = [&](Transaction& tx) -> Result<PasswordReset> {
    auto reset = TRY(tx.FindPasswordReset(Sha256Hex(token)));
    if (!reset || reset->used_at || reset->expires_at <= Now())
      return Fail(
          InvalidField("token", "this reset link is unknown, used or expired: ask for a new one"));
    return *reset;
  };
  std::string email;
  auto known = store_.Read([&](Transaction& tx) -> Result<void> {
    auto reset = TRY(check_link(tx));
    auto user = TRY(tx.FindUserById(reset.user_id));
    if (user) email = user->email;
    return {};
  });
  if (!known) return known;
  auto password = TRY(CheckPassword("password", password_in, email));
  auto hash = TRY(HashPassword(password, options_.password_cost));
  return store_.Write([&](Transaction& tx) -> Result<void> {
    auto reset = check_link(tx);  // again: another request may have used it meanwhile
    if (!reset) return Fail(reset.error());
    const std::string user_id = reset->user_id;
    TRY(tx.MarkPasswordResetUsed(reset->token_hash, Now()));
    // Every other link sent to this account stops working too.
    TRY(tx.VoidPasswordResetsOfUser(user_id, Now()));
    TRY(tx.UpdatePasswordHash(user_id, hash));
    TRY(tx.DeleteSessionsOfUser(user_id));
    return AppendAuditEvent(tx, {user_id, "user.password_reset", "user", user_id, "", "{}"}, Now());
  });
}

Result<void> AccountService::TouchSession(const Caller& caller) {
  if (!caller.extend_session_to) return {};
  return store_.Write([&](Transaction& tx) {
    return tx.SetSessionExpiry(caller.session_hash, *caller.extend_session_to);
  });
}

Result<void> AccountService::EndOtherSessions(const Caller& caller) {
  return store_.Write([&](Transaction& tx) -> Result<void> {
    auto mine = TRY(tx.FindSession(caller.session_hash));
    if (!mine) return Fail(Unauthenticated("your session has ended: sign in again"));
    TRY(tx.DeleteSessionsOfUser(caller.user.id));
    TRY(tx.InsertSession(*mine));
    return AppendAuditEvent(
        tx, {caller.user.id, "user.sessions_ended", "user", caller.user.id, "", "{}"}, Now());
  });
}

Result<void> AccountService::ChangePassword(const Caller& caller, const std::string& current,
                                            const std::string& next_in) {
  std::optional<std::pair<User, std::string>> found;
  auto r = store_.Read([&](Transaction& tx) -> Result<void> {
    found = TRY(tx.FindUserByEmail(caller.user.email));
    return {};
  });
  if (!r) return r;
  if (!found || !VerifyPassword(current, found->second))
    return Fail(InvalidField("current_password", "is not your current password"));
  auto next = TRY(CheckPassword("new_password", next_in, caller.user.email));
  if (next_in == current)
    return Fail(InvalidField("new_password", "is the same as the current one: choose another"));
  auto hash = TRY(HashPassword(next, options_.password_cost));
  return store_.Write([&](Transaction& tx) -> Result<void> {
    auto mine = TRY(tx.FindSession(caller.session_hash));
    if (!mine) return Fail(Unauthenticated("your session has ended: sign in again"));
    TRY(tx.UpdatePasswordHash(caller.user.id, hash));
    TRY(tx.VoidPasswordResetsOfUser(caller.user.id, Now()));
    // Whoever knew the old password is signed out everywhere but here.
    TRY(tx.DeleteSessionsOfUser(caller.user.id));
    TRY(tx.InsertSession(*mine));
    return AppendAuditEvent(
        tx, {caller.user.id, "user.password_change", "user", caller.user.id, "", "{}"}, Now());
  });
}

Result<Me> AccountService::GetMe(const Caller& caller) {
  Me me{caller.user, caller.csrf_token, {}};
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    me.organisations = TRY(tx.ListOrganisationsOfUser(caller.user.id));
    return {};
  }));
  return me;
}

Result<Page<User>> AccountService::ListUsers(const Caller& caller, const PageRequest& page,
                                             const UserQuery& query) {
  if (!Allowed(caller.user.platform_role, PlatformAction::kManageUsers)) return Fail(NotAllowed());
  UserQuery clean = query;
  clean.text = TRY(CleanText("q", query.text, 0, 200, Lines::kSingle));
  std::vector<User> users;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    users = TRY(tx.ListUsers({page.after, page.limit + 1}, clean));
    return {};
  }));
  return Paginate(std::move(users), page.limit, [](const User& u) { return u.id; });
}

Result<User> AccountService::SetPlatformRole(const Caller& caller, const std::string& user_id,
                                             const std::string& role_in) {
  if (!Allowed(caller.user.platform_role, PlatformAction::kManageUsers)) return Fail(NotAllowed());
  auto role = ParsePlatformRole(role_in);
  if (!role) return Fail(InvalidField("platform_role", role.error().message));
  if (user_id == caller.user.id && *role != PlatformRole::kAdministrator)
    return Fail(
        Error::Make(ErrorCode::kFailedPrecondition,
                    "you cannot take away your own administrator role: ask another administrator"));
  User user;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    auto found = TRY(tx.FindUserById(user_id));
    if (!found) return Fail(Error::Make(ErrorCode::kNotFound, "no such user"));
    user = *found;
    user.platform_role = *role;
    TRY(tx.UpdateUser(user));
    return AppendAuditEvent(tx,
                            {caller.user.id, "user.set_platform_role", "user", user.id, "",
                             UserJson(user), UserJson(*found)},
                            Now());
  }));
  return user;
}

Result<User> AccountService::SetActive(const Caller& caller, const std::string& user_id,
                                       bool active) {
  if (!Allowed(caller.user.platform_role, PlatformAction::kManageUsers)) return Fail(NotAllowed());
  if (user_id == caller.user.id && !active)
    return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                            "you cannot deactivate your own account: ask another administrator"));
  User user;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    auto found = TRY(tx.FindUserById(user_id));
    if (!found) return Fail(Error::Make(ErrorCode::kNotFound, "no such user"));
    user = *found;
    if (active == !user.deactivated_at) return {};  // already so: nothing to record
    user.deactivated_at = active ? std::nullopt : std::optional<UnixTime>(Now());
    TRY(tx.UpdateUser(user));
    if (!active) TRY(tx.DeleteSessionsOfUser(user.id));
    return AppendAuditEvent(tx,
                            {caller.user.id, active ? "user.reactivate" : "user.deactivate", "user",
                             user.id, "", UserJson(user)},
                            Now());
  }));
  return user;
}

}  // namespace valuemark::app
