// The HTTP transport (RESTinio): one process, one port, serving the API and
// the web app. Only this module includes RESTinio.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/result.h"
#include "http/http_types.h"

namespace valuemark::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (the URL passed to on_ready says which)
  size_t threads = 2;
  // Trust X-Forwarded-For and X-Forwarded-Proto (only behind your own reverse proxy).
  bool trust_forwarded = false;
  std::string tls_cert, tls_key;  // PEM files: serve HTTPS directly
  bool access_log = true;
  // Called once the server accepts connections, with its base URL.
  std::function<void(const std::string& url)> on_ready;
};

using RequestHandler = std::function<Response(Request&)>;

// A port that is free on host now (for --listen HOST:0).
Result<uint16_t> PickFreePort(const std::string& host);

// Serves until SIGTERM or SIGINT, then stops accepting, finishes and returns.
Result<void> Serve(const ServerOptions& options, const RequestHandler& handler);

}  // namespace valuemark::http
