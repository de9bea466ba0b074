// The web app's built files (web/dist), loaded into memory at start and
// served with their content types; any other non-API path gets index.html so
// that the single-page app can route it. Only files found at start are
// served: no path from a request ever reaches the file system.
#pragma once

#include <map>
#include <string>

#include "core/result.h"
#include "http/http_types.h"

namespace valuemark::http {

class StaticFiles {
 public:
  // Loads every file below root; InvalidArgument when root has no index.html.
  static Result<StaticFiles> Load(const std::string& root);
  Response Serve(const Request& request) const;
  size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string content;
    std::string content_type;
    bool immutable = false;  // hashed asset names never change content
  };
  std::map<std::string, File> files_;  // "/assets/index-abc.js" → file
};

// Security headers for every response of the web app.
void AddSecurityHeaders(Response& response);

}  // namespace valuemark::http
