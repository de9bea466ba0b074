// The API as the server hands it a request (src/http/server.cpp ToRequest):
// the path percent-decoded, the query string parsed by RESTinio exactly as
// the server does, headers, and the body, then Api::Handle: routing, body
// limits, Content-Type, session and CSRF checks, each handler's strict body
// and query reading, and the use case behind it on a real SQLite store.
//
// An input is a request in HTTP's own layout, so that seeds are readable:
//
//   POST /api/v1/organisations/{org}/impact-maps?limit=5
//   content-type: application/json
//   x-fuzz-as: lead
//
//   {"name": ...}
//
// {org}, {map}, {survey}, {token} (the survey's public link), {scope} and
// {user} in the target are replaced by the ids of the fixture's records, so
// that the fuzzer reaches the handlers behind real records. x-fuzz-as chooses
// who asks: lead (the default: the organisation's lead with its CSRF token),
// nocsrf (the lead without it), admin (a platform administrator) or none.
//
// The store lives in /dev/shm (a RAM file system) and is made anew every
// RebuildEvery() inputs, so that what inputs create stays bounded. Skipped:
// POST /auth/logout (it would end the fixture's session), and the routes that
// run Monte Carlo or write PDF/XLSX files (seconds per input; their inputs
// are the map's and the query's, fuzzed elsewhere or by this harness through
// the other report routes).
#include <fmt/format.h>
#include <simdjson.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <restinio/uri_helpers.hpp>
#include <sstream>

#include "app/certification/schemes.h"
#include "app/crypto.h"
#include "app/platform.h"
#include "fuzz/fuzz_check.h"
#include "http/api.h"
#include "storage/open_store.h"

using namespace valuemark;
using namespace valuemark::http;
using nlohmann::json;

namespace {

// Inputs between two fixtures: FUZZ_API_REBUILD_EVERY, or 20,000 (`make
// test-fuzz` makes it small, so that its few seconds also make the fixture anew).
int RebuildEvery() {
  static const int every = [] {
    const char* text = std::getenv("FUZZ_API_REBUILD_EVERY");
    const int n = text ? std::atoi(text) : 0;
    return n > 0 ? n : 20000;
  }();
  return every;
}
constexpr UnixTime kNow = 1780300800;  // 2026-06-01T08:00:00Z: the same day on every run

struct Who {
  std::string cookie, csrf, user_id;
};

class Fixture {
 public:
  Fixture() {
    const char* shm = "/dev/shm";
    const std::filesystem::path base =
        std::filesystem::is_directory(shm) ? shm : std::filesystem::temp_directory_path();
    dir_ = base / fmt::format("vm-fuzz-api-{}", getpid());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto store = storage::OpenStore("sqlite:" + (dir_ / "api.db").string());
    if (!store) fuzz::Fail("cannot open the store", store.error().message);
    store_ = std::move(*store);
    if (!store_->Migrate()) fuzz::Fail("cannot migrate the store");
    app::PlatformOptions options;
    options.password_cost = app::PasswordCost::kMinimum;
    options.public_url = "https://vm.example";
    options.clock = [] { return kNow; };
    auto schemes = app::LoadSchemeCatalogue(std::string(VALUEMARK_SOURCE_DIR) + "/data/schemes");
    if (!schemes) fuzz::Fail("cannot load the schemes", schemes.error().message);
    options.schemes = std::move(*schemes);
    platform_ = std::make_unique<app::Platform>(*store_, std::move(options));
    ApiOptions api_options{"fuzz", false};
    api_options.pdf_module = "/nonexistent/valuemark-report-pdf.so";
    api_ = std::make_unique<Api>(*platform_, std::move(api_options));

    lead = SignUp("lead@example.org");
    if (!platform_->accounts.CreateUser({"admin@example.org", "correct horse battery", "Admin"},
                                        PlatformRole::kAdministrator))
      fuzz::Fail("cannot create the administrator");
    admin = LogIn("admin@example.org");
    ids["{user}"] = lead.user_id;
    ids["{org}"] = Made(
        Method::kPost, "/api/v1/organisations",
        R"({"name":"Riverside","legal_structure":"charity","sector":"health","size_band":"small","area":"Leeds"})")
        ["id"];
    const std::string org = "/api/v1/organisations/" + ids["{org}"];
    ids["{scope}"] =
        Made(Method::kPost, org + "/scopes", R"({"name":"Lunch club","kind":"programme"})")["id"];
    std::ifstream map_file(std::string(VALUEMARK_SOURCE_DIR) + "/examples/lunch-club.json");
    std::stringstream map;
    map << map_file.rdbuf();
    ids["{map}"] = Made(Method::kPost, org + "/impact-maps", map.str())["id"];
    json survey = Made(
        Method::kPost, org + "/surveys",
        R"({"title":"What changed for you?","outcomes":[{"id":"lonely","name":"Less lonely","indicator":"UCLA","population":80},{"id":"fed","name":"Eat better","indicator":"","population":null}],"questions":[{"id":"lonely","type":"before_now","text":"Before and now?","required":true,"outcome_id":"lonely"},{"id":"heard","type":"single_choice","text":"How did you hear?","options":["A friend","A leaflet"]},{"id":"matters","type":"valuation","text":"How much does it matter?"}],"respondent_codes":"optional"})");
    ids["{survey}"] = survey["id"];
    const std::string url = survey.value("public_url", "");
    ids["{token}"] = url.substr(url.rfind('/') + 1);
  }
  ~Fixture() {
    api_.reset();
    platform_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  Response Call(Method method, const std::string& path, const std::string& body, const Who* who) {
    Request r;
    r.method = method;
    r.path = path;
    r.body = body;
    r.client_address = "192.0.2.1";
    if (!body.empty()) r.headers["content-type"] = "application/json";
    if (who) {
      r.headers["cookie"] = std::string(kSessionCookie) + "=" + who->cookie;
      r.headers["x-csrf-token"] = who->csrf;
    }
    return api_->Handle(r);
  }

  Response Handle(Request& r) { return api_->Handle(r); }
  const Router& router() const { return api_->router(); }

  Who lead, admin;
  std::map<std::string, std::string> ids;

 private:
  json Made(Method method, const std::string& path, const std::string& body) {
    Response r = Call(method, path, body, &lead);
    if (r.status != 201) fuzz::Fail("the fixture could not be made", path + ": " + r.body);
    return json::parse(r.body);
  }
  static Who FromSignedIn(const Response& r) {
    Who who;
    for (const auto& [name, value] : r.headers)
      if (name == "Set-Cookie")
        who.cookie = value.substr(value.find('=') + 1, value.find(';') - value.find('=') - 1);
    json body = json::parse(r.body);
    who.csrf = body.value("csrf_token", "");
    who.user_id = body["user"]["id"];
    return who;
  }
  // A confirmed account (sign-up itself only sends a confirmation link), signed in.
  Who SignUp(const std::string& email) {
    if (!platform_->accounts.CreateUser({email, "correct horse battery", "Lead"},
                                        PlatformRole::kNone))
      fuzz::Fail("cannot sign up", email);
    return LogIn(email);
  }
  Who LogIn(const std::string& email) {
    Response r =
        Call(Method::kPost, "/api/v1/auth/login",
             json{{"email", email}, {"password", "correct horse battery"}}.dump(), nullptr);
    if (r.status != 200) fuzz::Fail("cannot log in", r.body);
    return FromSignedIn(r);
  }

  std::filesystem::path dir_;
  std::unique_ptr<app::Store> store_;
  std::unique_ptr<app::Platform> platform_;
  std::unique_ptr<Api> api_;
};

std::unique_ptr<Fixture> fixture;
int inputs_since_rebuild = 0;

Method MethodOf(std::string_view m) {
  if (m == "GET") return Method::kGet;
  if (m == "POST") return Method::kPost;
  if (m == "PUT") return Method::kPut;
  if (m == "PATCH") return Method::kPatch;
  if (m == "DELETE") return Method::kDelete;
  if (m == "HEAD") return Method::kHead;
  if (m == "OPTIONS") return Method::kOptions;
  return Method::kOther;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Line(std::string_view& text) {
  const size_t end = text.find('\n');
  std::string_view line = text.substr(0, end);
  text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool Skipped(const Route* route) {
  if (!route) return false;
  const std::string& p = route->pattern;
  return p.ends_with("/auth/logout") || p.ends_with("/montecarlo") || p.ends_with("/report.pdf") ||
         p.ends_with("/export.xlsx");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // The server's log says why a request failed with 500: FUZZ_API_LOG=1 shows it.
  if (!std::getenv("FUZZ_API_LOG")) spdlog::set_level(spdlog::level::off);
  if (!app::InitCrypto()) std::abort();
  fixture = std::make_unique<Fixture>();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (++inputs_since_rebuild >= RebuildEvery()) {
    fixture.reset();
    fixture = std::make_unique<Fixture>();
    inputs_since_rebuild = 0;
  }
  std::string_view text = fuzz::Text(data, size);
  const std::string_view request_line = Line(text);
  const size_t space = request_line.find(' ');
  if (space == std::string_view::npos) return 0;

  Request r;
  r.method = MethodOf(request_line.substr(0, space));
  std::string target(request_line.substr(space + 1));
  for (const auto& [placeholder, id] : fixture->ids)
    for (size_t at = target.find(placeholder); at != std::string::npos;
         at = target.find(placeholder, at + id.size()))
      target.replace(at, placeholder.size(), id);
  const size_t question = target.find('?');
  r.path = DecodePath(std::string_view(target).substr(0, question));
  if (question != std::string::npos) {
    const std::string_view query = std::string_view(target).substr(question + 1);
    if (auto parsed =
            restinio::try_parse_query<restinio::parse_query_traits::javascript_compatible>(query))
      for (const auto& [key, value] : *parsed)
        r.query.emplace(std::string(key), std::string(value));
  }
  std::string as = "lead";
  for (std::string_view line = Line(text); !line.empty(); line = Line(text)) {
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name = Lower(line.substr(0, colon));
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (name == "x-fuzz-as")
      as = value;
    else
      r.headers[name] = value;
  }
  r.body = text;
  r.client_address = "192.0.2.1";
  if (!r.body.empty() && !r.headers.contains("content-type"))
    r.headers["content-type"] = "application/json";
  const Who* who = as == "none" ? nullptr : as == "admin" ? &fixture->admin : &fixture->lead;
  if (who && !r.headers.contains("cookie"))
    r.headers["cookie"] = std::string(kSessionCookie) + "=" + who->cookie;
  if (who && as != "nocsrf" && !r.headers.contains("x-csrf-token"))
    r.headers["x-csrf-token"] = who->csrf;

  Request probe = r;
  bool path_known = false;
  if (Skipped(fixture->router().Match(probe, &path_known))) return 0;

  const Response response = fixture->Handle(r);
  // A bug, not a bad request: the handler threw (Api::Handle turns that into 500).
  FUZZ_CHECK(response.status != 500,
             std::string(MethodName(r.method)) + " " + r.path + "\n" + response.body);
  FUZZ_CHECK(response.status >= 200 && response.status < 600, response.body);
  // What says it is JSON is JSON that any client can read (UTF-8 included).
  if (response.content_type.starts_with("application/json") && !response.body.empty()) {
    static simdjson::dom::parser parser;
    simdjson::dom::element doc;
    FUZZ_CHECK(parser.parse(response.body).get(doc) == simdjson::SUCCESS,
               r.path + "\n" + response.body);
  }
  return 0;
}
