#include "http/site.h"

#include <algorithm>
#include <cctype>

#include "http/errors.h"

namespace valuemark::http {
namespace {

bool SameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The API's answers are never cached by the browser or a proxy.
void AddApiHeaders(const Request& request, Response& r) {
  SetHeader(r, "Cache-Control", "no-store");
  AddTransportHeaders(request, r);
}

}  // namespace

void SetHeader(Response& response, std::string_view name, std::string value) {
  auto& h = response.headers;
  h.erase(std::remove_if(h.begin(), h.end(),
                         [&](const auto& header) { return SameName(header.first, name); }),
          h.end());
  h.emplace_back(std::string(name), std::move(value));
}

void AddTransportHeaders(const Request& request, Response& response) {
  SetHeader(response, "X-Content-Type-Options", "nosniff");
  if (request.tls) SetHeader(response, "Strict-Transport-Security", kHstsValue);
}

std::function<Response(Request&)> SiteHandler(const Api& api, const StaticFiles* files) {
  return [&api, files](Request& request) {
    if (request.path == "/api" || request.path.starts_with("/api/")) {
      if (request.reply_later) {
        const bool tls = request.tls;
        request.reply_later = [tls, reply = std::move(request.reply_later)](Response r) {
          Request seen;
          seen.tls = tls;
          AddApiHeaders(seen, r);
          reply(std::move(r));
        };
      }
      Response r = api.Handle(request);
      if (!r.deferred) AddApiHeaders(request, r);
      return r;
    }
    Response r =
        files ? files->Serve(request)
              : ErrorResponse(404, "not_found",
                              "the web app is not built on this server: the API is at /api/v1");
    AddTransportHeaders(request, r);
    return r;
  };
}

}  // namespace valuemark::http
