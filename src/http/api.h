// The JSON API of docs/api.md over the use cases of app::Platform (each module's routes given its
// own service): routing, sessions and CSRF, request parsing with field-named errors, response
// shapes, and the OpenAPI document generated from the same route table.
#pragma once

#include <memory>
#include <string>

#include "app/measure/calculations.h"
#include "app/platform.h"
#include "app/rate_limits.h"
#include "http/http_types.h"
#include "http/response_cache.h"
#include "http/router.h"

namespace valuemark::http {

class HeavyWork;  // heavy_work.h

struct ApiOptions {
  std::string version;
  // Cookies get the Secure attribute and the session cookie the __Host- name
  // (set when serving TLS or behind an HTTPS proxy).
  bool secure_cookies = false;
  // Signed-in GETs answered from memory while the database is unchanged and
  // within the same second (response_cache.h).
  bool cache_signed_in_gets = true;
  // The PDF writer's module (report/pdf_module.h); "" for the one beside the program.
  std::string pdf_module = {};
  // Heavy work (Monte Carlo, reports, imports, password hashing) runs on this
  // pool and is answered later (heavy_work.h); null: in place, on the
  // transport's thread (the API tests; serve --heavy-threads 0).
  HeavyWork* heavy = nullptr;
  // Sign-ups, password-reset requests, invitations and uploads (app/rate_limits.h).
  app::RateLimitOptions rate_limits = {};
  // Their clock in seconds; empty: the steady clock (the tests pass their own).
  std::function<double()> rate_limit_clock = {};
};

inline constexpr size_t kMaxApiBodyBytes = 1 << 20;
// The session cookie. Over HTTPS it is named with the __Host- prefix, which
// browsers accept only with Secure, Path=/ and no Domain: a neighbouring
// subdomain or a plain-HTTP page cannot set or overwrite it. Plain-HTTP
// development keeps the plain name (browsers refuse __Host- without Secure).
inline constexpr char kSessionCookie[] = "vm_session";
inline constexpr char kSecureSessionCookie[] = "__Host-vm_session";
inline const char* SessionCookieName(bool secure) {
  return secure ? kSecureSessionCookie : kSessionCookie;
}

class Api {
 public:
  Api(app::Platform& platform, ApiOptions options);

  // Answers a request whose path starts with /api/v1 (any other gets 404).
  Response Handle(Request& request) const;
  const Router& router() const { return router_; }
  std::string OpenApiDocument() const;

 private:
  void AddRoutes();

  app::Platform& platform_;
  app::Calculations calculations_;  // the impact-map calculations and their Monte Carlo memos
  ApiOptions options_;
  ResponseCache cache_;
  mutable app::RateLimits limits_;
  Router router_;
};

}  // namespace valuemark::http
