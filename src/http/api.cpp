#include "http/api.h"

#include <fmt/format.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <nlohmann/json.hpp>

#include "app/crypto.h"
#include "app/signing.h"
#include "core/file_type.h"
#include "core/lm3.h"
#include "formats/application_json.h"
#include "formats/certificate_json.h"
#include "formats/impact_map_json.h"
#include "formats/json_reader.h"
#include "formats/json_writer.h"
#include "formats/key_set_json.h"
#include "formats/records_json.h"
#include "formats/results_json.h"
#include "formats/scheme_json.h"
#include "http/api_helpers.h"
#include "http/api_measure.h"
#include "http/api_reports.h"
#include "http/api_surveys.h"
#include "http/errors.h"
#include "report/certificate_pdf.h"

namespace valuemark::http {
namespace {

constexpr char kPrefix[] = "/api/v1";

template <typename Record, typename... Extra>
std::string One(void (*write)(JsonWriter&, const Record&, Extra...), const Record& r,
                Extra... extra) {
  return formats::CompactJson(write, r, extra...);
}

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

// An application with what its pages need beside it: the scheme's names and
// what is still missing (core/certification.h), computed, never stored.
void WriteApplicationView(JsonWriter& w, const app::Platform& p, const Application& a) {
  w.BeginObject();
  formats::WriteApplicationFields(w, a);
  if (const Scheme* s = p.schemes().Find(a.scheme_id, a.scheme_version)) {
    w.Field("scheme_name", s->name)
        .Field("level_name", s->Level(a.level) ? s->Level(a.level)->name : "");
    w.Key("missing_evidence").BeginArray();
    for (const Criterion* c : MissingEvidence(a, *s)) w.String(c->id);
    w.EndArray().Key("missing_sign_offs").BeginArray();
    for (MemberRole r : MissingSignOffs(a, *s)) w.String(Name(r));
    w.EndArray().Field("pledges", CountPledges(a)).Field("met_percent", MetPercent(a, *s));
    w.Field("pass_mark_percent", s->pass_mark_percent);
  }
  w.EndObject();
}

void WriteEligibility(JsonWriter& w, const app::EligibilityReport& e) {
  w.BeginObject().Field("eligible", e.problems.empty()).Key("problems").BeginArray();
  for (const EligibilityProblem& p : e.problems)
    w.BeginObject().Field("code", p.code).Field("message", p.message).EndObject();
  w.EndArray().Field("complete", e.incomplete.empty()).Key("incomplete").BeginArray();
  for (const FieldError& f : e.incomplete)
    w.BeginObject().Field("field", f.path).Field("message", f.message).EndObject();
  w.EndArray().EndObject();
}

// Money as a number in the currency, with its code beside it (docs/api.md);
// the pence stay exact in *_pence.
void WriteFeeQuote(JsonWriter& w, const FeeQuote& q) {
  w.BeginObject()
      .Field("currency", q.currency)
      .Field("size_band", Name(q.size_band))
      .Field("net", static_cast<double>(q.net_pence) / 100.0)
      .Field("vat_percent", q.vat_percent)
      .Field("vat", static_cast<double>(q.vat_pence) / 100.0)
      .Field("gross", static_cast<double>(q.gross_pence) / 100.0)
      .Field("net_pence", q.net_pence)
      .Field("vat_pence", q.vat_pence)
      .Field("gross_pence", q.gross_pence)
      .Field("text", FormatPounds(q.gross_pence) + " including VAT")
      .EndObject();
}

Result<int> ReadLevelQuery(const Request& request) {
  auto it = request.query.find("level");
  int level = 0;
  if (it == request.query.end())
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "level",
                             "is required (a level number such as 1)"));
  auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), level);
  if (ec != std::errc() || end != it->second.data() + it->second.size() || level < 1)
    return Fail(
        Error::Field(ErrorCode::kInvalidArgument, "level",
                     fmt::format("must be a level number such as 1, got \"{}\"", it->second)));
  return level;
}

}  // namespace

// Up to this much memory per server thread for remembered answers.
constexpr size_t kCacheBytesPerThread = 8u << 20;

Api::Api(app::Platform& platform, ApiOptions options)
    : platform_(platform),
      options_(std::move(options)),
      cache_(
          options_.cache_signed_in_gets ? std::function<std::optional<uint64_t>()>(
                                              [&platform] { return platform.store().ChangeTag(); })
                                        : nullptr,
          [&platform] { return platform.Now(); }, kCacheBytesPerThread),
      limits_(options_.rate_limits, options_.rate_limit_clock) {
  AddRoutes();
}

Response Api::Handle(Request& request) const {
  bool path_known = false;
  const Route* route = router_.Match(request, &path_known);
  // Evidence uploads may be larger than JSON bodies; every other body is bounded.
  const size_t limit =
      route && route->doc.max_body_bytes ? route->doc.max_body_bytes : kMaxApiBodyBytes;
  if (request.body.size() > limit)
    return ErrorResponse(413, "payload_too_large",
                         fmt::format("the body is larger than {} bytes", limit));
  if (!route) {
    if (path_known) {
      Response r = ErrorResponse(
          405, "invalid_argument",
          fmt::format("{} is not allowed on {}", MethodName(request.method), request.path));
      return r;
    }
    return ErrorResponse(404, "not_found", fmt::format("no such endpoint: {}", request.path));
  }
  try {
    Response response = route->handler(request);
    if (request.method == Method::kHead) response.body.clear();
    return response;
  } catch (const std::exception& e) {
    // A bug: the log says what happened; the answer says nothing of the
    // server's insides.
    spdlog::error(
        R"("msg":"request failed","method":"{}","path":{},"error":{})", MethodName(request.method),
        nlohmann::json(request.path).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
        nlohmann::json(e.what()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return ErrorResponse(
        500, "internal",
        "something went wrong on the server; the error is logged, please try again");
  }
}

void Api::AddRoutes() {
  app::Platform& p = platform_;
  const ApiOptions& opt = options_;

  // Wraps a handler that needs a signed-in caller: checks the session, and the
  // CSRF token on every state-changing request.
  // A GET reads the session and the page in one snapshot, or is answered from
  // the cache while nothing has been committed since the same request was.
  const ResponseCache& cache = cache_;
  const std::string cookie = SessionCookieName(opt.secure_cookies);
  auto authed = [&p, &cache, cookie](auto fn) {
    return [&p, &cache, cookie, fn](Request& request) -> Response {
      const bool safe = request.method == Method::kGet || request.method == Method::kHead;
      std::optional<UnixTime> extend_to;
      std::string session_hash;
      auto respond = [&]() -> Response {
        auto caller = p.Authenticate(request.Cookie(cookie));
        if (!caller) return ErrorResponse(caller.error());
        extend_to = caller->extend_session_to;
        session_hash = caller->session_hash;
        if (!safe) {
          const std::string& token = request.Header("x-csrf-token");
          if (token.size() != caller->csrf_token.size() ||
              sodium_memcmp(token.data(), caller->csrf_token.data(), token.size()) != 0)
            return ErrorResponse(
                Error::Make(ErrorCode::kPermissionDenied, "missing or wrong CSRF token"));
        }
        return fn(request, *caller);
      };
      // After the answer is made (outside any read snapshot), the idle
      // timeout slides; a failure to write it costs the user nothing now.
      auto slide = [&] {
        if (!extend_to) return;
        app::Caller touched;
        touched.session_hash = session_hash;
        touched.extend_session_to = extend_to;
        (void)p.TouchSession(touched);
      };
      if (!safe) {
        Response response = respond();
        slide();
        return response;
      }
      ResponseCache::Ticket ticket;
      if (auto hit = cache.Begin(ResponseCache::KeyOf(request, request.Cookie(cookie)), ticket))
        return *hit;
      Response response;
      auto read = p.InOneSnapshot([&]() -> Result<void> {
        response = respond();
        return {};
      });
      if (!read) return ErrorResponse(read.error());
      // A deferred answer is made on another thread, after this one.
      if (response.status == 200 && !response.deferred) cache.Remember(ticket, response);
      slide();
      return response;
    };
  };
  auto add = [this](Method m, const std::string& path, RouteDoc doc, Handler h) {
    router_.Add(m, std::string(kPrefix) + path, std::move(doc), std::move(h));
  };
  const Heavy heavy{opt.heavy};
  app::RateLimits& limits = limits_;

  // Service
  add(Method::kGet, "/health", {"Service health", "service", Auth::kPublic, "", "Health"},
      [&p, &opt](Request&) {
        // "ok" only while the store answers reads and its last write went
        // through; otherwise 503 with the database's own words.
        const app::StoreHealth health = p.store().Health();
        auto read = p.store().Read([](app::Transaction&) -> Result<void> { return {}; });
        std::string problem = !read ? read.error().message : health.writable ? "" : health.problem;
        JsonWriter w(0);
        w.BeginObject()
            .Field("status", problem.empty() ? "ok" : "degraded")
            .Field("db", p.store().Kind())
            .Field("version", opt.version);
        if (!problem.empty())
          w.Field("problem", problem).Field("writable", health.writable && !!read);
        w.EndObject();
        return Json(w.Take(), problem.empty() ? 200 : 503);
      });
  add(Method::kGet, "/openapi.json", {"This OpenAPI document", "service", Auth::kPublic, "", ""},
      [this](Request&) { return Json(OpenApiDocument()); });

  // Accounts
  // The cookie lives exactly as long as the session it carries.
  auto signed_in_response = [&opt, &p](const app::SignedIn& s, int status) {
    const int64_t max_age = std::max<int64_t>(0, s.expires_at - p.Now());
    JsonWriter w(0);
    w.BeginObject().Key("user");
    formats::WriteUser(w, s.user);
    w.Field("csrf_token", s.csrf_token).EndObject();
    Response r = Json(w.Take(), status);
    r.headers.emplace_back("Set-Cookie",
                           SessionCookie(s.session_token, max_age, opt.secure_cookies));
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
      authed([&p, &opt](Request&, const app::Caller& c) {
        if (auto r = p.LogOut(c); !r) return ErrorResponse(r.error());
        Response r = NoContent();
        r.headers.emplace_back("Set-Cookie", SessionCookie("", 0, opt.secure_cookies));
        return r;
      }));
  add(Method::kPost, "/auth/password-reset",
      {"Email a password-reset link", "accounts", Auth::kPublic, "ResetRequest", "", 202},
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

  // Organisations
  auto read_profile = [](ObjectReader& r, app::OrganisationInput& in) {
    in.name = r.String("name");
    in.legal_structure = r.String("legal_structure");
    in.sector = r.String("sector");
    in.size_band = r.String("size_band");
    in.area = r.String("area");
  };
  add(Method::kGet, "/organisations",
      {"Organisations the caller may see", "organisations", Auth::kSession, "", "OrganisationList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto page = ReadPage(request);
        if (!page) return ErrorResponse(page.error());
        auto list = p.ListOrganisations(c, *page);
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

  // Staff
  add(Method::kGet, "/users",
      {"Every account (administrator)", "staff", Auth::kSession, "", "UserList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto page = ReadPage(request);
        if (!page) return ErrorResponse(page.error());
        auto list = p.ListUsers(c, *page);
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
  // In-app notifications: the caller's own messages.
  add(Method::kGet, "/notifications",
      {"The caller's notifications, newest first", "accounts", Auth::kSession, "", "Notifications"},
      authed([&p](Request& request, const app::Caller& c) {
        // Newest first; a page past the first reads the ones before it again
        // (a user's messages are few), at most 10,000 back.
        auto page_request = ReadPage(request);
        if (!page_request) return ErrorResponse(page_request.error());
        int start = 0;
        if (const std::string& cur = page_request->after; !cur.empty()) {
          auto [end, ec] = std::from_chars(cur.data(), cur.data() + cur.size(), start);
          if (ec != std::errc() || end != cur.data() + cur.size() || start < 0 || start > 10000)
            return ErrorResponse(Error::Field(
                ErrorCode::kInvalidArgument, "cursor",
                "is not a cursor of this list: pass the next_cursor of the page before"));
        }
        auto list = p.ListNotifications(c, start + page_request->limit + 1);
        if (!list) return ErrorResponse(list.error());
        const size_t first = std::min<size_t>(static_cast<size_t>(start), list->items.size());
        const size_t stop =
            std::min<size_t>(first + static_cast<size_t>(page_request->limit), list->items.size());
        JsonWriter w(0);
        w.BeginObject().Field("unread", int64_t{list->unread}).Key("items").BeginArray();
        for (size_t i = first; i < stop; ++i) {
          const app::Notification& n = list->items[i];
          w.BeginObject()
              .Field("id", n.id)
              .Field("subject", n.subject)
              .Field("body", n.body)
              .Field("created_at", formats::FormatTime(n.created_at))
              .Field("unread", n.unread)
              .EndObject();
        }
        w.EndArray().Key("next_cursor");
        formats::WriteOptionalString(
            w, stop < list->items.size() ? std::optional(std::to_string(stop)) : std::nullopt);
        w.EndObject();
        return Json(w.Take());
      }));
  add(Method::kPost, "/notifications/read",
      {"Mark the caller's notifications read up to a message", "accounts", Auth::kSession,
       "NotificationsRead", "", 204},
      authed([&p](Request& request, const app::Caller& c) {
        int64_t up_to = 0;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          static constexpr Range kMessageIdRange{0, 2147483647, true, true};
          up_to = r.Integer("up_to", kMessageIdRange, true).value_or(0);
        });
        if (!body) return ErrorResponse(body.error());
        auto done = p.MarkNotificationsRead(c, up_to);
        if (!done) return ErrorResponse(done.error());
        return NoContent();
      }));
  add(Method::kGet, "/outbox",
      {"Notifications sent or waiting (administrator)", "staff", Auth::kSession, "", "OutboxList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto page = ReadPage(request);
        if (!page) return ErrorResponse(page.error());
        auto list = p.ListOutbox(c, *page);
        if (!list) return ErrorResponse(list.error());
        return Json(PageJson(*list, [](JsonWriter& w, const app::OutboxMessage& m) {
          w.BeginObject()
              .Field("id", m.id)
              .Field("to", m.to)
              .Field("subject", m.subject)
              .Field("body", m.body)
              .Field("created_at", formats::FormatTime(m.created_at))
              .Key("sent_at");
          if (m.sent_at) {
            w.String(formats::FormatTime(*m.sent_at));
          } else {
            w.Null();
          }
          w.EndObject();
        }));
      }));

  // Audit
  add(Method::kGet, "/audit/verify",
      {"Check the whole audit chain (administrator)", "audit", Auth::kSession, "", "AuditReport"},
      authed([&p](Request&, const app::Caller& c) {
        auto report = p.VerifyAudit(c);
        if (!report) return ErrorResponse(report.error());
        JsonWriter w(0);
        w.BeginObject()
            .Field("valid", report->valid)
            .Field("chains", report->chains)
            .Field("entries", report->entries)
            .Key("problems")
            .BeginArray();
        for (const app::AuditProblem& pr : report->problems)
          w.BeginObject()
              .Field("chain", pr.chain)
              .Field("seq", pr.seq)
              .Field("problem", pr.problem)
              .EndObject();
        w.EndArray().EndObject();
        return Json(w.Take());
      }));
  add(Method::kGet, "/audit/{entity_type}/{entity_id}",
      {"Who changed a record, what and when", "audit", Auth::kSession, "", "AuditList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto items = p.History(c, request.params["entity_type"], request.params["entity_id"]);
        if (!items) return ErrorResponse(items.error());
        return PagedList(
            request, std::move(*items), [](JsonWriter& w, const app::HistoryItem& item) {
              const app::AuditEntry& e = item.entry;
              w.BeginObject()
                  .Field("chain", e.chain)
                  .Field("seq", e.seq)
                  .Field("at", formats::FormatTime(e.at))
                  .Key("actor");
              if (e.actor_id.empty()) {
                w.Null();
              } else {
                w.BeginObject().Field("id", e.actor_id).Key("name");
                formats::WriteOptionalString(w, item.actor_name);
                w.EndObject();
              }
              w.Field("action", e.action)
                  .Field("entity_type", e.entity_type)
                  .Field("entity_id", e.entity_id)
                  .Key("organisation_id");
              formats::WriteOptionalString(
                  w, e.organisation_id.empty() ? std::nullopt : std::optional(e.organisation_id));
              w.Field("digest", e.digest).Field("hash", e.hash).EndObject();
            });
      }));

  AddSurveyRoutes(
      p, add, [authed](SessionHandler h) -> Handler { return authed(std::move(h)); }, heavy,
      limits);

  // Certification schemes (data/schemes), public: anyone may read what a level asks.
  add(Method::kGet, "/schemes",
      {"Certification schemes: levels, stages, criteria, fees", "certification", Auth::kPublic, "",
       "SchemeList"},
      [&p](Request& request) {
        return PagedList(request, p.schemes().all(),
                         [](JsonWriter& w, const Scheme* s) { formats::WriteSchemeApi(w, *s); });
      });

  // Certification: applications (docs/api.md "Certification")
  auto application_response = [&p](const Result<Application>& a, int status = 200) {
    if (!a) return ErrorResponse(a.error());
    JsonWriter w(0);
    WriteApplicationView(w, p, *a);
    return Json(w.Take(), status);
  };
  add(Method::kGet, "/organisations/{id}/applications",
      {"The organisation's certification applications", "certification", Auth::kSession, "",
       "ApplicationList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.ListApplications(c, request.params["id"]);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), [&p](JsonWriter& w, const Application& a) {
          WriteApplicationView(w, p, a);
        });
      }));
  add(Method::kPost, "/organisations/{id}/applications",
      {"Start an application for one level of a scheme (Social Value Lead)", "certification",
       Auth::kSession, "ApplicationInput", "Application", 201},
      authed([&p, application_response](Request& request, const app::Caller& c) {
        app::ApplicationInput in;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          static constexpr Range kLevelRange{1, 100, true, true};
          in.scheme_id = r.String("scheme_id", true).value_or("");
          in.level = r.Integer("level", kLevelRange, true).value_or(0);
          if (r.Has("scope_id") && !r.IsNull("scope_id")) in.scope_id = r.String("scope_id");
        });
        if (!body) return ErrorResponse(body.error());
        return application_response(p.CreateApplication(c, request.params["id"], in), 201);
      }));
  add(Method::kGet, "/organisations/{id}/eligibility",
      {"Whether the organisation may apply for ?scheme_id=&level=, with every reason it may not",
       "certification", Auth::kSession, "", "Eligibility"},
      authed([&p](Request& request, const app::Caller& c) {
        auto level = ReadLevelQuery(request);
        if (!level) return ErrorResponse(level.error());
        auto it = request.query.find("scheme_id");
        auto report = p.CheckEligibility(c, request.params["id"],
                                         it == request.query.end() ? "" : it->second, *level);
        if (!report) return ErrorResponse(report.error());
        JsonWriter w(0);
        WriteEligibility(w, *report);
        return Json(w.Take());
      }));
  add(Method::kGet, "/applications",
      {"The review queue: submitted applications (administrators: all; assessors: theirs)",
       "certification", Auth::kSession, "", "QueueList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.ReviewQueue(c);
        if (!list) return ErrorResponse(list.error());
        return PagedList(
            request, std::move(*list), [&p](JsonWriter& w, const app::QueueItem& item) {
              w.BeginObject().Field("organisation_name", item.organisation_name).Key("application");
              WriteApplicationView(w, p, item.application);
              w.EndObject();
            });
      }));
  add(Method::kGet, "/applications/{id}",
      {"An application", "certification", Auth::kSession, "", "Application"},
      authed([&p, application_response](Request& request, const app::Caller& c) {
        return application_response(p.GetApplication(c, request.params["id"]));
      }));
  add(Method::kGet, "/applications/{id}/eligibility",
      {"Eligibility and completeness of an application, every reason named", "certification",
       Auth::kSession, "", "Eligibility"},
      authed([&p](Request& request, const app::Caller& c) {
        auto report = p.ApplicationEligibility(c, request.params["id"]);
        if (!report) return ErrorResponse(report.error());
        JsonWriter w(0);
        WriteEligibility(w, *report);
        return Json(w.Take());
      }));
  add(Method::kGet, "/applications/{id}/changes",
      {"A renewal: per criterion, whether the evidence changed since the award it renews",
       "certification", Auth::kSession, "", "Changes"},
      authed([&p](Request& request, const app::Caller& c) {
        auto changes = p.ChangesSinceAward(c, request.params["id"]);
        if (!changes) return ErrorResponse(changes.error());
        return PagedList(request, std::move(*changes), [](JsonWriter& w, const CriterionDiff& d) {
          w.BeginObject()
              .Field("criterion_id", d.criterion_id)
              .Field("change", Name(d.change))
              .EndObject();
        });
      }));
  add(Method::kGet, "/applications/{id}/records",
      {"The organisation's records of one kind (?record_kind=) that can be given as evidence",
       "certification", Auth::kSession, "", "EvidenceRecords"},
      authed([&p](Request& request, const app::Caller& c) {
        auto it = request.query.find("record_kind");
        auto list = p.ListEvidenceRecords(c, request.params["id"],
                                          it == request.query.end() ? "" : it->second);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), [](JsonWriter& w, const app::RecordOption& o) {
          w.BeginObject().Field("id", o.id).Field("title", o.title).EndObject();
        });
      }));
  add(Method::kGet, "/applications/{id}/pre-audit",
      {"Before review: evidence per criterion, the latest self-assessment with readiness for this "
       "level, pledges",
       "certification", Auth::kSession, "", "PreAudit"},
      authed([&p](Request& request, const app::Caller& c) {
        auto pre = p.GetPreAudit(c, request.params["id"]);
        if (!pre) return ErrorResponse(pre.error());
        int missing = 0;
        for (const auto& row : pre->criteria) missing += row.evidence_count == 0 ? 1 : 0;
        JsonWriter w(0);
        w.BeginObject().Key("criteria").BeginArray();
        for (const auto& row : pre->criteria)
          w.BeginObject()
              .Field("criterion_id", row.criterion_id)
              .Field("stage", row.stage)
              .Field("text", row.text)
              .Field("evidence_count", row.evidence_count)
              .Field("missing", row.evidence_count == 0)
              .EndObject();
        w.EndArray()
            .Field("criteria_total", static_cast<int64_t>(pre->criteria.size()))
            .Field("criteria_missing", missing)
            .Key("self_assessment");
        if (!pre->self_assessment) {
          w.Null();
        } else {
          const app::SelfAssessmentAttempt& a = *pre->self_assessment;
          w.BeginObject()
              .Field("id", a.id)
              .Field("submitted_at", formats::FormatTime(a.submitted_at))
              .Field("overall", a.result.overall)
              .Key("principles")
              .BeginArray();
          for (const SaPrincipleScore& s : a.result.principles)
            w.BeginObject()
                .Field("key", s.key)
                .Field("name", s.name)
                .Field("score", s.score)
                .Field("weak", s.weak)
                .EndObject();
          w.EndArray().EndObject();
        }
        w.Key("readiness");
        if (!pre->readiness) {
          w.Null();
        } else {
          w.BeginObject()
              .Field("name", pre->readiness->name)
              .Field("ready", pre->readiness->ready)
              .Field("reason", pre->readiness->reason)
              .EndObject();
        }
        w.Key("pledges");
        if (pre->min_pledges == 0) {
          w.Null();
        } else {
          w.BeginObject()
              .Field("required", pre->min_pledges)
              .Field("recorded", pre->pledges_recorded)
              .Field("referenced", pre->pledges_referenced)
              .EndObject();
        }
        w.EndObject();
        return Json(w.Take());
      }));
  add(Method::kGet, "/applications/{id}/fee",
      {"The fee for this level, with VAT", "certification", Auth::kSession, "", "FeeQuote"},
      authed([&p](Request& request, const app::Caller& c) {
        auto quote = p.QuoteApplicationFee(c, request.params["id"]);
        if (!quote) return ErrorResponse(quote.error());
        JsonWriter w(0);
        WriteFeeQuote(w, *quote);
        return Json(w.Take());
      }));
  add(Method::kPost, "/applications/{id}/terms",
      {"Accept the terms and conditions of application (Social Value Lead)", "certification",
       Auth::kSession, "", "Application"},
      authed([&p, application_response](Request& request, const app::Caller& c) {
        return application_response(p.AcceptTerms(c, request.params["id"]));
      }));
  add(Method::kPost, "/applications/{id}/evidence",
      {"Add evidence to a criterion: a link or a platform record; voids sign-offs", "certification",
       Auth::kSession, "EvidenceInput", "Application", 201},
      authed([&p, application_response](Request& request, const app::Caller& c) {
        app::EvidenceInput in;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          in.criterion_id = r.String("criterion_id", true).value_or("");
          in.kind = r.String("kind", true).value_or("");
          in.title = r.String("title").value_or("");  // a record's own title when left out
          in.url = r.String("url").value_or("");
          in.record_kind = r.String("record_kind").value_or("");
          in.record_id = r.String("record_id").value_or("");
          in.note = r.String("note").value_or("");
        });
        if (!body) return ErrorResponse(body.error());
        return application_response(p.AddEvidence(c, request.params["id"], in), 201);
      }));
  add(
      Method::kPost, "/applications/{id}/evidence/file",
      [] {
        RouteDoc doc{
            "Upload a file as evidence (the file is the body; ?criterion_id=&title=); at most 20 "
            "MB, "
            "accepted by content: PDF, images, office documents, CSV",
            "certification",
            Auth::kSession,
            "",
            "Application",
            201};
        doc.max_body_bytes = kMaxEvidenceFileBytes;
        doc.raw_body = true;
        return doc;
      }(),
      authed(RateLimited(limits, app::Limited::kUpload,
                         [&p, application_response](Request& request, const app::Caller& c) {
                           auto param = [&](const char* key) {
                             auto it = request.query.find(key);
                             return it == request.query.end() ? std::string() : it->second;
                           };
                           return application_response(
                               p.UploadEvidenceFile(c, request.params["id"], param("criterion_id"),
                                                    param("title"), request.body),
                               201);
                         })));
  add(Method::kGet, "/applications/{id}/evidence/{evidence_id}/file",
      {"Download an evidence file", "certification", Auth::kSession, "", ""},
      authed([&p](Request& request, const app::Caller& c) {
        auto file = p.GetEvidenceFile(c, request.params["id"], request.params["evidence_id"]);
        if (!file) return ErrorResponse(file.error());
        auto type = DetectFileType(file->content);
        Response r;
        r.content_type = file->media_type;
        r.headers.emplace_back(
            "Content-Disposition",
            fmt::format("attachment; filename=\"evidence-{}.{}\"", request.params["evidence_id"],
                        type ? type->extension : "bin"));
        r.body = std::move(file->content);
        return r;
      }));
  add(Method::kDelete, "/applications/{id}/evidence/{evidence_id}",
      {"Remove evidence; voids sign-offs", "certification", Auth::kSession, "", "Application"},
      authed([&p, application_response](Request& request, const app::Caller& c) {
        return application_response(
            p.RemoveEvidence(c, request.params["id"], request.params["evidence_id"]));
      }));
  add(Method::kPost, "/applications/{id}/sign-off",
      {"Sign off the evidence as it stands (named Lead or Senior Leader)", "certification",
       Auth::kSession, "", "Application"},
      authed([&p, application_response](Request& request, const app::Caller& c) {
        return application_response(p.SignOff(c, request.params["id"]));
      }));
  add(Method::kPost, "/applications/{id}/submit",
      {"Submit into the open round, or queue for the next (Social Value Lead)", "certification",
       Auth::kSession, "", "Application"},
      authed([&p, application_response](Request& request, const app::Caller& c) {
        return application_response(p.Submit(c, request.params["id"]));
      }));
  add(Method::kPost, "/applications/{id}/assessor",
      {"Allocate an assessor (administrator); refused on a conflict of interest", "certification",
       Auth::kSession, "AssessorInput", "Application"},
      authed([&p, application_response](Request& request, const app::Caller& c) {
        std::string assessor_id;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          assessor_id = r.String("assessor_id", true).value_or("");
        });
        if (!body) return ErrorResponse(body.error());
        return application_response(p.AllocateAssessor(c, request.params["id"], assessor_id));
      }));
  add(Method::kPut, "/applications/{id}/reviews/{criterion_id}",
      {"The allocated assessor's verdict on one criterion, with feedback", "certification",
       Auth::kSession, "VerdictInput", "Application"},
      authed([&p, application_response](Request& request, const app::Caller& c) {
        app::VerdictInput in;
        in.criterion_id = request.params["criterion_id"];
        auto body = ReadBody(request, [&](ObjectReader& r) {
          in.verdict = r.String("verdict", true).value_or("");
          in.feedback = r.String("feedback").value_or("");
        });
        if (!body) return ErrorResponse(body.error());
        return application_response(p.RecordVerdict(c, request.params["id"], in));
      }));
  add(Method::kPost, "/applications/{id}/amendments",
      {"Send the application back for amendments (allocated assessor)", "certification",
       Auth::kSession, "", "Application"},
      authed([&p, application_response](Request& request, const app::Caller& c) {
        return application_response(p.RequestAmendments(c, request.params["id"]));
      }));
  add(Method::kPost, "/applications/{id}/recommendation",
      {"Recommend the award in principle (allocated assessor)", "certification", Auth::kSession,
       "SummaryInput", "Application"},
      authed([&p, application_response](Request& request, const app::Caller& c) {
        std::string summary;
        auto body = ReadBody(
            request, [&](ObjectReader& r) { summary = r.String("summary", true).value_or(""); });
        if (!body) return ErrorResponse(body.error());
        return application_response(p.Recommend(c, request.params["id"], summary));
      }));
  add(Method::kPost, "/applications/{id}/award",
      {"Confirm the award (administrator, for the scheme owner)", "certification", Auth::kSession,
       "", "Application"},
      authed([&p, application_response](Request& request, const app::Caller& c) {
        return application_response(p.Award(c, request.params["id"]));
      }));
  add(Method::kPost, "/applications/{id}/rejection",
      {"Reject the application with reasons (administrator)", "certification", Auth::kSession,
       "ReasonInput", "Application"},
      authed([&p, application_response](Request& request, const app::Caller& c) {
        std::string reason;
        auto body = ReadBody(
            request, [&](ObjectReader& r) { reason = r.String("reason", true).value_or(""); });
        if (!body) return ErrorResponse(body.error());
        return application_response(p.Reject(c, request.params["id"], reason));
      }));
  // Certificates, the register and verification: public, no session.
  add(Method::kGet, "/certificates/{id}",
      {"The signed certificate document (the bytes `valuemark verify` checks); "
       "/certificates/{id}.pdf is the "
       "certificate as a PDF with a QR code to its verification page",
       "certificates", Auth::kPublic, "", "SignedCertificate"},
      [&p](Request& request) {
        std::string id = request.params["id"];
        const bool pdf = id.ends_with(".pdf");
        if (pdf) id.resize(id.size() - 4);
        auto c = p.GetCertificate(id);
        if (!c) return ErrorResponse(c.error());
        if (!pdf) return Json(c->document);
        auto bytes = report::CertificatePdf(c->certificate);
        if (!bytes) return ErrorResponse(bytes.error());
        Response r;
        r.content_type = "application/pdf";
        r.headers.emplace_back("Content-Disposition",
                               fmt::format("inline; filename=\"certificate-{}.pdf\"", id));
        r.body = std::move(*bytes);
        return r;
      });
  add(Method::kGet, "/verify/{code}",
      {"Verify a certificate by its code", "certificates", Auth::kPublic, "", "Verification"},
      [&p](Request& request) {
        auto v = p.VerifyCode(request.params["code"]);
        if (!v) return ErrorResponse(v.error());
        JsonWriter w(0);
        w.BeginObject().Field("valid", v->valid).Key("certificate");
        if (v->certificate) {
          w.BeginObject();
          formats::WriteCertificateFields(w, *v->certificate);
          w.EndObject()
              .Field("status", Name(v->status))
              .Field("signature_valid", v->signature_valid);
        } else {
          w.Null().Key("status").Null().Field("signature_valid", false);
        }
        w.Field("reason", v->reason).EndObject();
        return Json(w.Take());
      });
  add(Method::kGet, "/register",
      {"Current awards; ?name= ?scheme_id= ?level= ?area= narrow the list", "certificates",
       Auth::kPublic, "", "RegisterList"},
      [&p](Request& request) {
        app::RegisterQuery q;
        auto param = [&](const char* key) {
          auto it = request.query.find(key);
          return it == request.query.end() ? std::string() : it->second;
        };
        q.name = param("name");
        q.scheme_id = param("scheme_id");
        q.area = param("area");
        if (!param("level").empty()) {
          auto level = ReadLevelQuery(request);
          if (!level) return ErrorResponse(level.error());
          q.level = *level;
        }
        auto list = p.Register(q);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), [](JsonWriter& w, const Certificate& c) {
          w.BeginObject();
          formats::WriteCertificateFields(w, c);
          w.EndObject();
        });
      });
  add(Method::kGet, "/keys/certificates",
      {"The public keys that sign certificates and audit checkpoints, current and retired",
       "certificates", Auth::kPublic, "", "PublicKeys"},
      [&p](Request&) {
        auto keys = p.PublicKeys();
        if (!keys) return ErrorResponse(keys.error());
        return Json(formats::KeySetJson(app::PublishedKeysOf(*keys), 0));
      });

  add(Method::kGet, "/rounds",
      {"Certification rounds", "certification", Auth::kSession, "", "RoundList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.ListRounds(c);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list),
                         [](JsonWriter& w, const Round& r) { formats::WriteRound(w, r); });
      }));
  add(Method::kPost, "/rounds",
      {"Open a round: dates inclusive, no overlap (administrator)", "certification", Auth::kSession,
       "RoundInput", "Round", 201},
      authed([&p](Request& request, const app::Caller& c) {
        app::RoundInput in;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          in.name = r.String("name", true).value_or("");
          in.opens_on = r.String("opens_on", true).value_or("");
          in.closes_on = r.String("closes_on", true).value_or("");
        });
        if (!body) return ErrorResponse(body.error());
        auto round = p.CreateRound(c, in);
        if (!round) return ErrorResponse(round.error());
        return Json(One(&formats::WriteRound, *round), 201);
      }));

  add(Method::kPost, "/schemes",
      {"Publish a new scheme version (administrator): the body is the scheme file (data/schemes "
       "format)",
       "certification", Auth::kSession, "SchemeFile", "Scheme", 201},
      authed([&p](Request& request, const app::Caller& c) {
        auto scheme = p.PublishScheme(c, request.body);
        if (!scheme) return ErrorResponse(scheme.error());
        JsonWriter w(0);
        formats::WriteSchemeApi(w, **scheme);
        return Json(w.Take(), 201);
      }));

  // Calculations
  add(Method::kPost, "/lm3",
      {"Local Multiplier 3 of an LM3 file (docs/file-formats.md)", "calculations", Auth::kSession,
       "Lm3Input", "Lm3Result"},
      authed([](Request& request, const app::Caller&) {
        auto input = formats::ParseLm3Input(request.body);
        if (!input) return ErrorResponse(input.error());
        return Json(formats::Lm3ResultToJson(ComputeLm3(*input), 0));
      }));

  AddMeasureRoutes(
      p, add, [authed](SessionHandler fn) -> Handler { return authed(std::move(fn)); }, heavy,
      limits);
  AddReportRoutes(
      p, add, [authed](SessionHandler fn) -> Handler { return authed(std::move(fn)); }, heavy,
      opt.pdf_module);
}

}  // namespace valuemark::http
