// The whole site behind the transport (server.h): the API under /api, the
// web app's files elsewhere, and the headers every answer carries. Lives
// here, not in the command that starts the server, so that the API tests can
// check what a browser receives.
#pragma once

#include <string>
#include <string_view>

#include "http/api.h"
#include "http/http_types.h"
#include "http/static_files.h"

namespace valuemark::http {

// A handler for Serve(): files may be null (the web app is not built).
std::function<Response(Request&)> SiteHandler(const Api& api, const StaticFiles* files);

// Sets a header, replacing every other of the same name (names compare
// case-insensitively), so that a header is sent once.
void SetHeader(Response& response, std::string_view name, std::string value);

// What every answer to a request carries: X-Content-Type-Options (once), and
// over TLS (served with a certificate, or by a trusted proxy over HTTPS)
// Strict-Transport-Security, so that a browser never again uses plain HTTP
// for the site. Plain-HTTP development gets no HSTS.
void AddTransportHeaders(const Request& request, Response& response);

inline constexpr char kHstsValue[] = "max-age=31536000";

}  // namespace valuemark::http
