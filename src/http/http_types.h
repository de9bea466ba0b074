// The server's own request and response types. Handlers see only these, so
// that RESTinio (heavy to compile) stays inside server.cpp and the API can be
// tested by calling the router directly, without a socket.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace valuemark::http {

enum class Method { kGet, kPost, kPut, kPatch, kDelete, kHead, kOptions, kOther };
const char* MethodName(Method m);

// Percent-decodes a request path; a malformed escape is kept as it is (the
// transport and the router's fuzzer use this one).
std::string DecodePath(std::string_view path);

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // The handler kept request.reply_later and answers through it.
  bool deferred = false;
};

struct Request {
  Method method = Method::kGet;
  std::string path;  // without the query string, percent-decoded
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names lower-case
  std::string body;
  std::string client_address;  // the peer, or the forwarded client when trusted
  bool tls = false;
  // Filled by the router from the route's pattern, e.g. {"id": "…"}.
  std::map<std::string, std::string> params;
  // Set by the server: answers the request later, from any thread, exactly
  // once; a handler that takes this path returns a Response with deferred
  // set. Empty where requests are answered in place (tests).
  std::function<void(Response)> reply_later;

  const std::string& Header(const std::string& lower_name) const;
  std::string Cookie(const std::string& name) const;
};

}  // namespace valuemark::http
