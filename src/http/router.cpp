#include "http/router.h"

namespace valuemark::http {
namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= path.size()) {
    if (pos < path.size() && path[pos] == '/') ++pos;
    const size_t end = path.find('/', pos);
    std::string segment =
        path.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    if (!segment.empty()) out.push_back(std::move(segment));
    if (end == std::string::npos) break;
    pos = end;
  }
  return out;
}

bool IsParam(const std::string& s) { return s.size() > 2 && s.front() == '{' && s.back() == '}'; }

}  // namespace

void Router::Add(Method method, const std::string& pattern, RouteDoc doc, Handler handler) {
  routes_.push_back({method, pattern, Split(pattern), std::move(handler), std::move(doc)});
}

const Route* Router::Match(Request& request, bool* path_known) const {
  const std::vector<std::string> segments = Split(request.path);
  *path_known = false;
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t i = 0; i < segments.size() && ok; ++i) {
      if (IsParam(route.segments[i])) {
        params[route.segments[i].substr(1, route.segments[i].size() - 2)] = segments[i];
      } else {
        ok = route.segments[i] == segments[i];
      }
    }
    if (!ok) continue;
    const bool method_ok = route.method == request.method ||
                           (request.method == Method::kHead && route.method == Method::kGet);
    if (!method_ok) {
      *path_known = true;
      continue;
    }
    request.params = std::move(params);
    return &route;
  }
  return nullptr;
}

}  // namespace valuemark::http
