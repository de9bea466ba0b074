#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/errors.h"

namespace valuemark::http {
namespace {

std::string ContentTypeOf(const std::filesystem::path& path) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".map", "application/json"}};
  auto it = kTypes.find(path.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

}  // namespace

Result<StaticFiles> StaticFiles::Load(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(fs::path(root) / "index.html", ec))
    return Fail(Error::Make(ErrorCode::kInvalidArgument,
                            root + " has no index.html: build the web app first (make build)"));
  StaticFiles files;
  for (auto it = fs::recursive_directory_iterator(root, ec);
       it != fs::recursive_directory_iterator(); ++it) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    const std::string url = "/" + fs::relative(it->path(), root).generic_string();
    files.files_[url] = {content.str(), ContentTypeOf(it->path()), url.starts_with("/assets/")};
  }
  return files;
}

void AddSecurityHeaders(Response& response) {
  response.headers.emplace_back("Referrer-Policy", "same-origin");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data:; style-src 'self' "
                                "'unsafe-inline'; frame-ancestors 'none'; "
                                "base-uri 'self'; form-action 'self'");
}

Response StaticFiles::Serve(const Request& request) const {
  if (request.method != Method::kGet && request.method != Method::kHead)
    return ErrorResponse(405, "invalid_argument", "only GET is allowed here");
  auto it = files_.find(request.path);
  const bool is_file = it != files_.end() && request.path != "/";
  // A missing build asset is a missing file; any other path is an app route
  // (app routes may hold dots, e.g. an invitation token).
  if (!is_file && request.path.starts_with("/assets/"))
    return ErrorResponse(404, "not_found", "no such file");
  const File& file = is_file ? it->second : files_.at("/index.html");
  Response r;
  r.content_type = file.content_type;
  r.body = request.method == Method::kHead ? "" : file.content;
  r.headers.emplace_back("Cache-Control",
                         file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  AddSecurityHeaders(r);  // X-Content-Type-Options is the site's (site.h)
  return r;
}

}  // namespace valuemark::http
