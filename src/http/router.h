// Routes: a method and a path pattern ("/api/v1/organisations/{id}") mapped
// to a handler, with what the OpenAPI document says of it. Unknown paths are
// 404, a known path with another method is 405.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/http_types.h"

namespace valuemark::http {

using Handler = std::function<Response(Request&)>;

enum class Auth { kPublic, kSession };

struct RouteDoc {
  std::string summary;
  std::string tag;
  Auth auth = Auth::kSession;
  std::string request_schema;   // a component name in the OpenAPI document, or ""
  std::string response_schema;  // likewise
  int success_status = 200;
  size_t max_body_bytes = 0;  // 0: the API's default (api.h kMaxApiBodyBytes)
  // The body's media type when it is not JSON: "text/csv" for an import,
  // "application/octet-stream" for a file of any type ("" with no
  // request_schema: the route takes no body).
  std::string body_type = {};
  // Other answers than the success: a status and its schema (e.g. 200 for a
  // retried submission, 503 for a health check that finds a problem).
  std::vector<std::pair<int, std::string>> other_answers = {};
  // Media types the success answer may also take, beside JSON or a file
  // named by the path's extension ("*/*": a stored file, as uploaded).
  std::vector<std::string> file_types = {};
  // Query parameters the route requires, and those it may take (filters).
  std::vector<std::string> required_query = {};
  std::vector<std::string> optional_query = {};
};

struct Route {
  Method method;
  std::string pattern;
  std::vector<std::string> segments;  // "{id}" for a parameter
  Handler handler;
  RouteDoc doc;
};

class Router {
 public:
  void Add(Method method, const std::string& pattern, RouteDoc doc, Handler handler);
  // Finds the route and fills request.params; nullptr with *path_known telling
  // whether some other method would have matched.
  const Route* Match(Request& request, bool* path_known) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace valuemark::http
