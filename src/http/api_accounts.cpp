// The accounts-and-organisations routes (docs/api.md "Accounts",
// "Organisations", "Members", "Invitations", "Scopes", "Staff"): sign-up,
// sign-in and sessions, passwords, organisations with their members,
// invitations and scopes, and the administrator's list of accounts.
#include "http/api_accounts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "formats/records_json.h"
#include "http/api.h"
#include "http/errors.h"

namespace valuemark::http {
namespace {

std::string SessionCookie(const std::string& token, int64_t max_age, bool secure) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
                     SessionCookieName(secure), token, max_age, secure ? "; Secure" : "");
}

void WriteMembershipRole(JsonWriter& w, const std::optional<MemberRole>& role) {
  if (role) {
    w.String(Name(*role));
  } else {
    w.Null();
  }
}

void WriteMemberOrNull(JsonWriter& w, const std::optional<Member>& m) {
  if (m) {
    formats::WriteMember(w, *m);
  } else {
    w.Null();
  }
}

void SignInRoutes(const Routes& routes, app::AccountService& p, bool secure_cookies) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  const Heavy& heavy = routes.heavy;
  app::RateLimits& limits = routes.limits;
  // The cookie lives exactly as long as the session it carries.
  auto signed_in_response = [secure_cookies, &p](const app::SignedIn& s, int status) {
    const int64_t max_age = std::max<int64_t>(0, s.expires_at - p.Now());
    JsonWriter w(0);
    w.BeginObject().Key("user");
    formats::WriteUser(w, s.user);
    w.Field("csrf_token", s.csrf_token).EndObject();
    Response r = Json(w.Take(), status);
    r.headers.emplace_back("Set-Cookie", SessionCookie(s.session_token, max_age, secure_cookies));
    return r;
  };
  // Sign-up answers the same whether or not the address has an account, and
  // starts no session: the user confirms the address by email, then signs in.
  add(Method::kPost, "/auth/signup",
      {"Create an account: always answers \"check your email\" (a confirmation link, or a note to "
       "an existing "
       "account's owner)",
       "accounts", Auth::kPublic, "SignUp", "CheckEmail", 202},
      [&limits, hash = heavy.Public([&p](Request& request) {
        app::SignUpInput in;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          in.email = r.String("email", true).value_or("");
          in.password = r.String("password", true).value_or("");
          in.name = r.String("name", true).value_or("");
        });
        if (!body) return ErrorResponse(body.error());
        if (auto s = p.SignUp(in); !s) return ErrorResponse(s.error());
        return Json(R"({"status":"check_email"})", 202);
      })](Request& request) {
        // Every attempt counts, before the password is hashed.
        if (auto taken = limits.Take(app::Limited::kSignup, request.client_address, ""); !taken)
          return ErrorResponse(taken.error());
        return hash(request);
      });
  add(Method::kPost, "/auth/verify-email",
      {"Confirm an email address with the token of the emailed link", "accounts", Auth::kPublic,
       "VerifyEmail", "", 204},
      [&p](Request& request) {
        std::string token;
        auto body = ReadBody(
            request, [&](ObjectReader& r) { token = r.String("token", true).value_or(""); });
        if (!body) return ErrorResponse(body.error());
        if (auto r = p.VerifyEmail(token); !r) return ErrorResponse(r.error());
        return NoContent();
      });
  add(Method::kPost, "/auth/verify-email/resend",
      {"Email me a new link to confirm my address", "accounts", Auth::kSession, "", "", 204},
      authed([&p](Request&, const app::Caller& c) {
        if (auto r = p.ResendEmailVerification(c); !r) return ErrorResponse(r.error());
        return NoContent();
      }));
  add(Method::kPost, "/auth/login", {"Sign in", "accounts", Auth::kPublic, "LogIn", "SignedIn"},
      heavy.Public([&p, signed_in_response](Request& request) {
        std::string email, password;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          email = r.String("email", true).value_or("");
          password = r.String("password", true).value_or("");
        });
        if (!body) return ErrorResponse(body.error());
        auto s = p.LogIn(email, password, request.client_address);
        if (!s) return ErrorResponse(s.error());
        return signed_in_response(*s, 200);
      }));
  add(Method::kPost, "/auth/logout", {"Sign out", "accounts", Auth::kSession, "", "", 204},
      authed([&p, secure_cookies](Request&, const app::Caller& c) {
        if (auto r = p.LogOut(c); !r) return ErrorResponse(r.error());
        Response r = NoContent();
        r.headers.emplace_back("Set-Cookie", SessionCookie("", 0, secure_cookies));
        return r;
      }));
}

void PasswordRoutes(const Routes& routes, app::AccountService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  const Heavy& heavy = routes.heavy;
  app::RateLimits& limits = routes.limits;
  add(Method::kPost, "/auth/password-reset",
      {"Email a password-reset link", "accounts", Auth::kPublic, "ResetRequest", "Empty", 202},
      [&p, &limits](Request& request) {
        std::string email;
        auto body = ReadBody(
            request, [&](ObjectReader& r) { email = r.String("email", true).value_or(""); });
        if (!body) return ErrorResponse(body.error());
        // Counted per address and per email asked for, known or not (the
        // answer must not tell which addresses have an account).
        std::string account = email;
        std::transform(account.begin(), account.end(), account.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        account.erase(0, account.find_first_not_of(" \t"));
        account.erase(account.find_last_not_of(" \t") + 1);
        if (auto taken = limits.Take(app::Limited::kPasswordReset, request.client_address, account);
            !taken)
          return ErrorResponse(taken.error());
        if (auto r = p.RequestPasswordReset(email); !r) return ErrorResponse(r.error());
        return Json("{}", 202);
      });
  add(Method::kPost, "/auth/password-reset/confirm",
      {"Choose a new password with a reset token", "accounts", Auth::kPublic, "ResetConfirm", "",
       204},
      heavy.Public([&p](Request& request) {
        std::string token, password;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          token = r.String("token", true).value_or("");
          password = r.String("password", true).value_or("");
        });
        if (!body) return ErrorResponse(body.error());
        if (auto r = p.ConfirmPasswordReset(token, password); !r) return ErrorResponse(r.error());
        return NoContent();
      }));
  add(Method::kPost, "/auth/password",
      {"Change my password (the current one is asked again); ends my other sessions", "accounts",
       Auth::kSession, "PasswordChange", "", 204},
      authed(heavy([&p](Request& request, const app::Caller& c) {
        std::string current, next;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          current = r.String("current_password", true).value_or("");
          next = r.String("new_password", true).value_or("");
        });
        if (!body) return ErrorResponse(body.error());
        if (auto r = p.ChangePassword(c, current, next); !r) return ErrorResponse(r.error());
        return NoContent();
      })));
  add(Method::kPost, "/auth/sessions/end-others",
      {"Sign out everywhere else: end every session but this one", "accounts", Auth::kSession, "",
       "", 204},
      authed([&p](Request&, const app::Caller& c) {
        if (auto r = p.EndOtherSessions(c); !r) return ErrorResponse(r.error());
        return NoContent();
      }));
  add(Method::kGet, "/me",
      {"The signed-in user, their organisations and CSRF token", "accounts", Auth::kSession, "",
       "Me"},
      authed([&p](Request&, const app::Caller& c) {
        auto me = p.GetMe(c);
        if (!me) return ErrorResponse(me.error());
        JsonWriter w(0);
        w.BeginObject().Key("user");
        formats::WriteUser(w, me->user);
        w.Field("csrf_token", me->csrf_token).Key("organisations").BeginArray();
        for (const app::OrganisationWithRole& o : me->organisations)
          w.BeginObject()
              .Field("id", o.organisation.id)
              .Field("name", o.organisation.name)
              .Field("role", Name(o.role))
              .EndObject();
        w.EndArray().EndObject();
        return Json(w.Take());
      }));
}

void OrganisationRoutes(const Routes& routes, app::OrganisationService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  // Organisations
  auto read_profile = [](ObjectReader& r, app::OrganisationInput& in) {
    in.name = r.String("name");
    in.legal_structure = r.String("legal_structure");
    in.sector = r.String("sector");
    in.size_band = r.String("size_band");
    in.area = r.String("area");
  };
  add(
      Method::kGet, "/organisations",
      [] {
        RouteDoc doc{"Organisations the caller may see; q finds a part of the name",
                     "organisations", Auth::kSession, "", "OrganisationList"};
        doc.optional_query = {"q"};
        return doc;
      }(),
      authed([&p](Request& request, const app::Caller& c) {
        auto page = ReadPage(request);
        if (!page) return ErrorResponse(page.error());
        auto list = p.ListOrganisations(c, *page, QueryText(request, "q"));
        if (!list) return ErrorResponse(list.error());
        return Json(PageJson(*list, [](JsonWriter& w, const app::OrganisationListItem& item) {
          w.BeginObject();
          formats::WriteOrganisationFields(w, item.organisation);
          w.Key("my_role");
          WriteMembershipRole(w, item.my_role);
          w.EndObject();
        }));
      }));
  add(Method::kPost, "/organisations",
      {"Create an organisation; the caller becomes its lead", "organisations", Auth::kSession,
       "OrganisationInput", "Organisation", 201},
      authed([&p, read_profile](Request& request, const app::Caller& c) {
        app::OrganisationInput in;
        auto body = ReadBody(request, [&](ObjectReader& r) { read_profile(r, in); });
        if (!body) return ErrorResponse(body.error());
        auto org = p.CreateOrganisation(c, in);
        if (!org) return ErrorResponse(org.error());
        return Json(One(&formats::WriteOrganisation, *org), 201);
      }));
  add(Method::kGet, "/organisations/{id}",
      {"An organisation's profile", "organisations", Auth::kSession, "", "Organisation"},
      authed([&p](Request& request, const app::Caller& c) {
        auto org = p.GetOrganisation(c, request.params["id"]);
        if (!org) return ErrorResponse(org.error());
        return Json(One(&formats::WriteOrganisation, *org));
      }));
  add(Method::kPatch, "/organisations/{id}",
      {"Edit the profile (lead) or the membership record (administrator)", "organisations",
       Auth::kSession, "OrganisationPatch", "Organisation"},
      authed([&p, read_profile](Request& request, const app::Caller& c) {
        app::OrganisationPatch patch;
        bool has_version = false;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          static constexpr Range kVersionRange{1, 1e15, true, true};
          if (auto v = r.Integer("version", kVersionRange, true)) {
            patch.version = *v;
            has_version = true;
          }
          read_profile(r, patch.profile);
          r.Object("membership", false, [&](ObjectReader& m) {
            app::MembershipInput in;
            in.status = m.String("status");
            for (auto [key, target] :
                 {std::pair{"start", &in.start}, std::pair{"expiry", &in.expiry}}) {
              if (!m.Has(key)) continue;
              if (m.IsNull(key)) {
                *target = std::optional<std::string>();
              } else if (auto v = m.String(key)) {
                *target = std::optional<std::string>(*v);
              }
            }
            patch.membership = in;
          });
        });
        if (!body) return ErrorResponse(body.error());
        auto org = p.UpdateOrganisation(c, request.params["id"], patch);
        if (!org) return ErrorResponse(org.error());
        return Json(One(&formats::WriteOrganisation, *org));
      }));
  add(Method::kGet, "/organisations/{id}/dashboard",
      {"Everything the organisation page shows, in one read", "organisations", Auth::kSession, "",
       "Dashboard"},
      authed([&p](Request& request, const app::Caller& c) {
        auto d = p.GetDashboard(c, request.params["id"]);
        if (!d) return ErrorResponse(d.error());
        const UnixTime now = p.Now();
        JsonWriter w(0);
        w.BeginObject().Key("organisation");
        formats::WriteOrganisation(w, d->organisation);
        w.Key("my_role");
        WriteMembershipRole(w, d->my_role);
        w.Key("members").BeginArray();
        for (const Member& m : d->members) formats::WriteMember(w, m);
        w.EndArray().Key("scopes").BeginArray();
        for (const Scope& s : d->scopes) formats::WriteScope(w, s);
        w.EndArray().Key("invitations").BeginArray();
        for (const Invitation& i : d->pending_invitations) formats::WriteInvitation(w, i, now);
        w.EndArray().Key("representatives").BeginObject().Key("lead");
        WriteMemberOrNull(w, d->lead);
        w.Key("senior_leader");
        WriteMemberOrNull(w, d->senior_leader);
        w.EndObject().EndObject();
        return Json(w.Take());
      }));
}

void MemberRoutes(const Routes& routes, app::OrganisationService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  // Members and representatives
  add(Method::kGet, "/organisations/{id}/members",
      {"Members and their roles", "members", Auth::kSession, "", "MemberList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.ListMembers(c, request.params["id"]);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list),
                         [](JsonWriter& w, const Member& m) { formats::WriteMember(w, m); });
      }));
  add(Method::kPatch, "/organisations/{id}/members/{user_id}",
      {"Change a member's role", "members", Auth::kSession, "MemberRoleInput", "Member"},
      authed([&p](Request& request, const app::Caller& c) {
        std::string role;
        auto body =
            ReadBody(request, [&](ObjectReader& r) { role = r.String("role", true).value_or(""); });
        if (!body) return ErrorResponse(body.error());
        auto m = p.ChangeMemberRole(c, request.params["id"], request.params["user_id"], role);
        if (!m) return ErrorResponse(m.error());
        return Json(One(&formats::WriteMember, *m));
      }));
  add(Method::kDelete, "/organisations/{id}/members/{user_id}",
      {"Remove a member (or leave)", "members", Auth::kSession, "", "", 204},
      authed([&p](Request& request, const app::Caller& c) {
        if (auto r = p.RemoveMember(c, request.params["id"], request.params["user_id"]); !r)
          return ErrorResponse(r.error());
        return NoContent();
      }));
  add(Method::kPut, "/organisations/{id}/representatives",
      {"Name the Social Value Lead and Senior Leader", "members", Auth::kSession,
       "RepresentativesInput", "Organisation"},
      authed([&p](Request& request, const app::Caller& c) {
        std::optional<std::string> lead, senior;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          for (auto [key, target] :
               {std::pair{"lead_user_id", &lead}, std::pair{"senior_leader_user_id", &senior}}) {
            if (!r.Has(key)) {
              r.Report(key, "is required (an id, or null)");
            } else if (!r.IsNull(key)) {
              *target = r.String(key);
            }
          }
        });
        if (!body) return ErrorResponse(body.error());
        auto org = p.SetRepresentatives(c, request.params["id"], lead, senior);
        if (!org) return ErrorResponse(org.error());
        return Json(One(&formats::WriteOrganisation, *org));
      }));
}

void InvitationRoutes(const Routes& routes, app::OrganisationService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  app::RateLimits& limits = routes.limits;
  // Invitations
  add(Method::kGet, "/organisations/{id}/invitations",
      {"Invitations", "invitations", Auth::kSession, "", "InvitationList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.ListInvitations(c, request.params["id"]);
        if (!list) return ErrorResponse(list.error());
        const UnixTime now = p.Now();
        return PagedList(request, std::move(*list), [now](JsonWriter& w, const Invitation& i) {
          formats::WriteInvitation(w, i, now);
        });
      }));
  add(Method::kPost, "/organisations/{id}/invitations",
      {"Invite someone by email", "invitations", Auth::kSession, "InvitationInput",
       "CreatedInvitation", 201},
      authed(RateLimited(limits, app::Limited::kInvitation,
                         [&p](Request& request, const app::Caller& c) {
                           std::string email, role;
                           auto body = ReadBody(request, [&](ObjectReader& r) {
                             email = r.String("email", true).value_or("");
                             role = r.String("role", true).value_or("");
                           });
                           if (!body) return ErrorResponse(body.error());
                           auto created = p.Invite(c, request.params["id"], email, role);
                           if (!created) return ErrorResponse(created.error());
                           JsonWriter w(0);
                           w.BeginObject().Key("invitation");
                           formats::WriteInvitation(w, created->invitation, p.Now());
                           w.Field("accept_url", created->accept_url).EndObject();
                           return Json(w.Take(), 201);
                         })));
  add(Method::kDelete, "/organisations/{id}/invitations/{invitation_id}",
      {"Revoke an invitation", "invitations", Auth::kSession, "", "", 204},
      authed([&p](Request& request, const app::Caller& c) {
        if (auto r = p.RevokeInvitation(c, request.params["id"], request.params["invitation_id"]);
            !r)
          return ErrorResponse(r.error());
        return NoContent();
      }));
  add(Method::kGet, "/invitations/{token}",
      {"What an invitation link offers", "invitations", Auth::kPublic, "", "InvitationView"},
      [&p](Request& request) {
        auto v = p.ViewInvitation(request.params["token"]);
        if (!v) return ErrorResponse(v.error());
        JsonWriter w(0);
        w.BeginObject()
            .Key("organisation")
            .BeginObject()
            .Field("id", v->organisation_id)
            .Field("name", v->organisation_name)
            .EndObject()
            .Field("email", v->email)
            .Field("role", Name(v->role))
            .Field("state", Name(v->state))
            .EndObject();
        return Json(w.Take());
      });
  add(Method::kPost, "/invitations/{token}/accept",
      {"Accept an invitation as the signed-in user", "invitations", Auth::kSession, "",
       "AcceptedInvitation"},
      authed([&p](Request& request, const app::Caller& c) {
        auto a = p.AcceptInvitation(c, request.params["token"]);
        if (!a) return ErrorResponse(a.error());
        JsonWriter w(0);
        w.BeginObject().Key("organisation");
        formats::WriteOrganisation(w, a->organisation);
        w.Field("role", Name(a->role)).EndObject();
        return Json(w.Take());
      }));
}

void ScopeRoutes(const Routes& routes, app::OrganisationService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  // Scopes
  auto read_scope = [](ObjectReader& r, app::ScopeInput& in) {
    in.kind = r.String("kind");
    in.name = r.String("name");
    in.description = r.String("description");
  };
  add(Method::kGet, "/organisations/{id}/scopes",
      {"Programmes, services, departments and projects", "scopes", Auth::kSession, "", "ScopeList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.ListScopes(c, request.params["id"]);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list),
                         [](JsonWriter& w, const Scope& s) { formats::WriteScope(w, s); });
      }));
  add(Method::kPost, "/organisations/{id}/scopes",
      {"Add a scope", "scopes", Auth::kSession, "ScopeInput", "Scope", 201},
      authed([&p, read_scope](Request& request, const app::Caller& c) {
        app::ScopeInput in;
        auto body = ReadBody(request, [&](ObjectReader& r) { read_scope(r, in); });
        if (!body) return ErrorResponse(body.error());
        auto s = p.CreateScope(c, request.params["id"], in);
        if (!s) return ErrorResponse(s.error());
        return Json(One(&formats::WriteScope, *s), 201);
      }));
  add(Method::kGet, "/organisations/{id}/scopes/{scope_id}",
      {"A scope", "scopes", Auth::kSession, "", "Scope"},
      authed([&p](Request& request, const app::Caller& c) {
        auto s = p.GetScope(c, request.params["id"], request.params["scope_id"]);
        if (!s) return ErrorResponse(s.error());
        return Json(One(&formats::WriteScope, *s));
      }));
  add(Method::kPatch, "/organisations/{id}/scopes/{scope_id}",
      {"Edit a scope", "scopes", Auth::kSession, "ScopeInput", "Scope"},
      authed([&p, read_scope](Request& request, const app::Caller& c) {
        app::ScopeInput in;
        auto body = ReadBody(request, [&](ObjectReader& r) { read_scope(r, in); });
        if (!body) return ErrorResponse(body.error());
        auto s = p.UpdateScope(c, request.params["id"], request.params["scope_id"], in);
        if (!s) return ErrorResponse(s.error());
        return Json(One(&formats::WriteScope, *s));
      }));
  add(Method::kDelete, "/organisations/{id}/scopes/{scope_id}",
      {"Delete a scope", "scopes", Auth::kSession, "", "", 204},
      authed([&p](Request& request, const app::Caller& c) {
        if (auto r = p.DeleteScope(c, request.params["id"], request.params["scope_id"]); !r)
          return ErrorResponse(r.error());
        return NoContent();
      }));
}

void StaffRoutes(const Routes& routes, app::AccountService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  // Staff
  add(
      Method::kGet, "/users",
      [] {
        RouteDoc doc{
            "Accounts (administrator): q finds a part of the name or email, role a "
            "platform role, status active or deactivated",
            "staff", Auth::kSession, "", "UserList"};
        doc.optional_query = {"q", "role", "status"};
        return doc;
      }(),
      authed([&p](Request& request, const app::Caller& c) {
        auto page = ReadPage(request);
        if (!page) return ErrorResponse(page.error());
        app::UserQuery query;
        query.text = QueryText(request, "q");
        if (const std::string role = QueryText(request, "role"); !role.empty()) {
          auto parsed = ParsePlatformRole(role);
          if (!parsed)
            return ErrorResponse(
                Error::Field(ErrorCode::kInvalidArgument, "role", parsed.error().message));
          query.role = *parsed;
        }
        if (const std::string status = QueryText(request, "status"); status == "active")
          query.active = true;
        else if (status == "deactivated")
          query.active = false;
        else if (!status.empty())
          return ErrorResponse(
              Error::Field(ErrorCode::kInvalidArgument, "status", "must be active or deactivated"));
        auto list = p.ListUsers(c, *page, query);
        if (!list) return ErrorResponse(list.error());
        return Json(
            PageJson(*list, [](JsonWriter& w, const User& u) { formats::WriteUser(w, u); }));
      }));
  add(Method::kPatch, "/users/{id}",
      {"Set a platform role (administrator)", "staff", Auth::kSession, "PlatformRoleInput", "User"},
      authed([&p](Request& request, const app::Caller& c) {
        std::string role;
        auto body = ReadBody(
            request, [&](ObjectReader& r) { role = r.String("platform_role", true).value_or(""); });
        if (!body) return ErrorResponse(body.error());
        auto u = p.SetPlatformRole(c, request.params["id"], role);
        if (!u) return ErrorResponse(u.error());
        return Json(One(&formats::WriteUser, *u));
      }));
  for (const bool active : {false, true})
    add(Method::kPost, active ? "/users/{id}/reactivate" : "/users/{id}/deactivate",
        {active ? "Reactivate an account (administrator)"
                : "Deactivate an account: it can no longer sign in and its sessions end "
                  "(administrator)",
         "staff", Auth::kSession, "", "User"},
        authed([&p, active](Request& request, const app::Caller& c) {
          auto u = p.SetActive(c, request.params["id"], active);
          if (!u) return ErrorResponse(u.error());
          return Json(One(&formats::WriteUser, *u));
        }));
}

}  // namespace

void RegisterAccountRoutes(const Routes& routes, app::AccountService& accounts,
                           app::OrganisationService& organisations, bool secure_cookies) {
  SignInRoutes(routes, accounts, secure_cookies);
  PasswordRoutes(routes, accounts);
  OrganisationRoutes(routes, organisations);
  MemberRoutes(routes, organisations);
  InvitationRoutes(routes, organisations);
  ScopeRoutes(routes, organisations);
  StaffRoutes(routes, accounts);
}

}  // namespace valuemark::http
