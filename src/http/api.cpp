#include "http/api.h"

#include <fmt/format.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "http/api_accounts.h"
#include "http/api_appeals.h"
#include "http/api_audit.h"
#include "http/api_certification.h"
#include "http/api_complaints.h"
#include "http/api_helpers.h"
#include "http/api_invoices.h"
#include "http/api_measure.h"
#include "http/api_membership.h"
#include "http/api_network.h"
#include "http/api_reports.h"
#include "http/api_surveys.h"
#include "http/errors.h"

namespace valuemark::http {
namespace {

constexpr char kPrefix[] = "/api/v1";

// Wraps a handler that needs a signed-in caller: checks the session, and the
// CSRF token on every state-changing request.
// A GET reads the session and the page in one snapshot, or is answered from
// the cache while nothing has been committed since the same request was.
Handler Authed(app::Platform& p, const ResponseCache& cache, std::string cookie,
               SessionHandler fn) {
  return
      [&p, &cache, cookie = std::move(cookie), fn = std::move(fn)](Request& request) -> Response {
        const bool safe = request.method == Method::kGet || request.method == Method::kHead;
        std::optional<UnixTime> extend_to;
        std::string session_hash;
        auto respond = [&]() -> Response {
          auto caller = p.accounts.Authenticate(request.Cookie(cookie));
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
          (void)p.accounts.TouchSession(touched);
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

// The composition: the service's own routes, then each capability module's.
void Api::AddRoutes() {
  app::Platform& p = platform_;
  const ApiOptions& opt = options_;
  const std::string cookie = SessionCookieName(opt.secure_cookies);
  const Routes routes{[this](Method m, const std::string& path, RouteDoc doc, Handler h) {
                        router_.Add(m, std::string(kPrefix) + path, std::move(doc), std::move(h));
                      },
                      [this, cookie](SessionHandler fn) {
                        return Authed(platform_, cache_, cookie, std::move(fn));
                      },
                      Heavy{opt.heavy}, limits_};
  const AddRoute& add = routes.add;

  // Service
  add(
      Method::kGet, "/health",
      [] {
        RouteDoc doc{"Service health", "service", Auth::kPublic, "", "Health"};
        doc.other_answers = {{503, "Health"}};  // the store cannot read or write
        return doc;
      }(),
      [&p, &opt](Request&) {
        // "ok" only while the store answers reads and its last write went
        // through; otherwise 503 with the database's own words.
        const app::StoreHealth health = p.store().Health();
        auto read = p.store().Read([](app::Transaction& tx) -> Result<void> {
          TRY(tx.SchemaVersion());
          return {};
        });
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
  add(Method::kGet, "/openapi.json",
      {"This OpenAPI document", "service", Auth::kPublic, "", "OpenApiDocument"},
      [this](Request&) { return Json(OpenApiDocument()); });

  RegisterAccountRoutes(routes, p.accounts, p.organisations, opt.secure_cookies);
  RegisterAuditRoutes(routes, p.audit);
  RegisterSurveyRoutes(routes, p.surveys);
  RegisterCertificationRoutes(routes, p.certification, p.certificates);
  RegisterPreparationCallRoutes(routes, p.preparation_calls);
  RegisterMembershipRoutes(routes, p.membership);
  RegisterAppealRoutes(routes, p.appeals);
  RegisterInvoiceRoutes(routes, p.invoices);
  RegisterComplaintRoutes(routes, p.complaints);
  RegisterNetworkRoutes(routes, p.directory);
  RegisterBrokerageRoutes(routes, p.brokerage);
  RegisterBenchmarkRoutes(routes, p.benchmarks);
  RegisterSupportRoutes(routes, p.support);
  RegisterEngagementRoutes(routes, p.engagements);
  RegisterMeasureRoutes(routes, p.measure, p.brokerage, calculations_);
  RegisterReportRoutes(routes, p.measure, p.organisations, opt.pdf_module);
}

}  // namespace valuemark::http
