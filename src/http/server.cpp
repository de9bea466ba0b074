#include "http/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <climits>
#include <restinio/all.hpp>
#include <restinio/tls.hpp>

#include "formats/log_line.h"
#include "http/errors.h"

namespace valuemark::http {

// The largest request body the server reads. RESTinio calls a handler only
// once the whole request has been read, and meets a body over its own limit
// with a bare close, so the parser's "headers complete" step is ours (below):
// a Content-Length over this skips the body (http_parser's "no body"
// answer), the handler sees the request without it and answers 413 at once,
// closing the connection since the body would follow. A chunked body states
// no length: RESTinio's own limit, the same, closes it as a last resort.
inline constexpr uint64_t kMaxBodyBytes = 32u * 1024 * 1024;

// The HTTP methods of RESTinio, as a type of our own for the parser settings below.
struct BodyLimitedMethods : restinio::default_http_methods_t {};

}  // namespace valuemark::http

// RESTinio's parser settings for our method type: its own callbacks, but for
// a request whose stated body is too large, which ends with its headers.
template <>
inline http_parser_settings
restinio::impl::create_parser_settings<valuemark::http::BodyLimitedMethods>() noexcept {
  http_parser_settings settings = create_parser_settings<restinio::default_http_methods_t>();
  settings.on_headers_complete = [](http_parser* parser) -> int {
    if (parser->content_length != ULLONG_MAX &&
        parser->content_length > valuemark::http::kMaxBodyBytes) {
      reinterpret_cast<http_parser_ctx_t*>(parser->data)->m_leading_headers_completed = true;
      return 1;  // no body: the message is complete
    }
    return restinio_headers_complete_cb(parser);
  };
  return settings;
}

namespace valuemark::http {
namespace {

// A request whose body was skipped because its Content-Length is over the limit.
bool BodyTooLarge(const restinio::request_handle_t& req) {
  const auto field = req->header().opt_value_of("Content-Length");
  if (!field) return false;
  uint64_t length = 0;
  const auto [end, ec] = std::from_chars(field->data(), field->data() + field->size(), length);
  return ec == std::errc::result_out_of_range || (ec == std::errc{} && length > kMaxBodyBytes);
}

Method MethodOf(const restinio::http_method_id_t& m) {
  if (m == restinio::http_method_get()) return Method::kGet;
  if (m == restinio::http_method_post()) return Method::kPost;
  if (m == restinio::http_method_put()) return Method::kPut;
  if (m == restinio::http_method_patch()) return Method::kPatch;
  if (m == restinio::http_method_delete()) return Method::kDelete;
  if (m == restinio::http_method_head()) return Method::kHead;
  if (m == restinio::http_method_options()) return Method::kOptions;
  return Method::kOther;
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Service Unavailable";
    default:
      return status < 500 ? "Client Error" : "Internal Server Error";
  }
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Request ToRequest(const restinio::request_handle_t& req, bool trust_forwarded, bool tls) {
  Request r;
  const auto& h = req->header();
  r.method = MethodOf(h.method());
  r.path = DecodePath(h.path());
  // Read leniently (RFC 3986's query characters as they are, such as the
  // commas of "theme=food,housing", which browsers leave unescaped in a link
  // typed by hand): a stricter reading took a whole query with one comma for
  // absent, and a search ran without its filters. A query that cannot be read
  // even so is treated as absent rather than failing the request.
  if (auto query = restinio::try_parse_query<restinio::parse_query_traits::relaxed>(h.query())) {
    for (const auto& [key, value] : *query) r.query.emplace(std::string(key), std::string(value));
  }
  h.for_each_field(
      [&](const restinio::http_header_field_t& f) { r.headers[Lower(f.name())] = f.value(); });
  r.body = req->body();
  r.client_address = req->remote_endpoint().address().to_string();
  r.tls = tls;
  if (trust_forwarded) {
    // The proxy appends the client it saw last: trust only that one.
    if (auto it = r.headers.find("x-forwarded-for"); it != r.headers.end()) {
      std::string last = it->second.substr(it->second.rfind(',') + 1);
      last.erase(0, last.find_first_not_of(' '));
      if (!last.empty()) r.client_address = last;
    }
    if (auto it = r.headers.find("x-forwarded-proto"); it != r.headers.end())
      r.tls = it->second == "https";
  }
  return r;
}

// Writes the response (RESTinio hands it to the connection's own thread, so
// any thread may call this) and logs the request.
void Send(const restinio::request_handle_t& req, Response& response, bool access_log, Method method,
          const std::string& path, const std::string& client,
          std::chrono::steady_clock::time_point start, bool close = false) {
  auto out = req->create_response(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
      ReasonPhrase(response.status)});
  if (close) out.connection_close();
  if (!response.content_type.empty())
    out.append_header(restinio::http_field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers) out.append_header(name, value);
  out.set_body(std::move(response.body));
  out.done();
  if (!access_log) return;
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  spdlog::info("{}", formats::LogLine("request")
                         .Add("method", MethodName(method))
                         .Add("path", path)
                         .Add("status", int64_t{response.status})
                         .Add("ms", ms)
                         .Add("client", client)
                         .Fields());
}

}  // namespace

// The port the OS gives for port 0, so that the real URL is known at start.
Result<uint16_t> PickFreePort(const std::string& host) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return Fail(Error::Make(ErrorCode::kUnavailable, "cannot open a socket"));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = 0;
  ::inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
  socklen_t len = sizeof addr;
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
  ::close(fd);
  if (!ok) return Fail(Error::Make(ErrorCode::kUnavailable, "cannot find a free port on " + host));
  return ntohs(addr.sin_port);
}

namespace {

template <typename Traits>
Result<void> Run(const ServerOptions& options, uint16_t port, const RequestHandler& handler,
                 std::function<void(restinio::server_settings_t<Traits>&)> configure) {
  const bool tls = !options.tls_cert.empty();
  auto settings = restinio::server_settings_t<Traits>{};
  settings.port(port)
      .address(options.host)
      .read_next_http_message_timelimit(std::chrono::seconds(30))
      .write_http_response_timelimit(std::chrono::seconds(30))
      .handle_request_timeout(std::chrono::seconds(30))
      // A body stated over the limit is answered 413 (above); this bound
      // closes a chunked one that grows over it.
      .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(kMaxBodyBytes))
      .request_handler([&handler, &options, tls](const restinio::request_handle_t& req) {
        const auto start = std::chrono::steady_clock::now();
        Request request;
        Response response;
        try {
          request = ToRequest(req, options.trust_forwarded, tls);
          if (BodyTooLarge(req)) {
            // Its body was not read, and would come next on the connection: close it.
            response = ErrorResponse(413, "payload_too_large",
                                     "the request is larger than 32 MiB, the most this server "
                                     "accepts; nothing was read or changed");
            Send(req, response, options.access_log, request.method, request.path,
                 request.client_address, start, true);
            return restinio::request_accepted();
          }
          // A handler may answer later from another thread (group commit);
          // what the reply needs is copied, since it may come after Run ends.
          request.reply_later = [req, start, log = options.access_log, method = request.method,
                                 path = request.path,
                                 client = request.client_address](Response later) {
            Send(req, later, log, method, path, client, start);
          };
          response = handler(request);
        } catch (const std::exception& e) {
          // A bug or a request RESTinio cannot describe: answer, and say what happened.
          spdlog::error("{}", formats::LogLine("request failed").Add("error", e.what()).Fields());
          response = Response{500,
                              "application/json; charset=utf-8",
                              {},
                              R"({"error":{"code":"internal","message":"internal error"}})"};
        }
        if (!response.deferred)
          Send(req, response, options.access_log, request.method, request.path,
               request.client_address, start);
        return restinio::request_accepted();
      });
  if (configure) configure(settings);

  // SIGTERM and SIGINT are waited for here, not handled by a thread of the pool.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  try {
    auto server = restinio::run_async<Traits>(restinio::own_io_context(), std::move(settings),
                                              options.threads);
    if (options.on_ready)
      options.on_ready(fmt::format("{}://{}:{}", tls ? "https" : "http", options.host, port));
    int signal = 0;
    sigwait(&signals, &signal);
    spdlog::info("{}", formats::LogLine("stopping").Add("signal", signal).Fields());
    server->stop();
    server->wait();
  } catch (const std::exception& e) {
    return Fail(Error::Make(ErrorCode::kUnavailable,
                            fmt::format("the server could not run: {}", e.what())));
  }
  return {};
}

}  // namespace

Result<void> Serve(const ServerOptions& options, const RequestHandler& handler) {
  uint16_t port = options.port;
  if (port == 0) {
    auto free = TRY(PickFreePort(options.host));
    port = free;
  }
  struct Plain : restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t> {
    using http_methods_mapper_t = BodyLimitedMethods;
  };
  if (options.tls_cert.empty()) return Run<Plain>(options, port, handler, {});

  struct Tls : restinio::tls_traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t> {
    using http_methods_mapper_t = BodyLimitedMethods;
  };
  try {
    restinio::asio_ns::ssl::context context{restinio::asio_ns::ssl::context::tls_server};
    context.set_options(
        restinio::asio_ns::ssl::context::default_workarounds |
        restinio::asio_ns::ssl::context::no_sslv2 | restinio::asio_ns::ssl::context::no_sslv3 |
        restinio::asio_ns::ssl::context::no_tlsv1 | restinio::asio_ns::ssl::context::no_tlsv1_1);
    context.use_certificate_chain_file(options.tls_cert);
    context.use_private_key_file(options.tls_key, restinio::asio_ns::ssl::context::pem);
    return Run<Tls>(options, port, handler, [&context](restinio::server_settings_t<Tls>& s) {
      s.tls_context(std::move(context));
    });
  } catch (const std::exception& e) {
    return Fail(Error::Make(ErrorCode::kInvalidArgument,
                            fmt::format("cannot use the TLS certificate or key: {}", e.what())));
  }
}

}  // namespace valuemark::http
