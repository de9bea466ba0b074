// The fixture every API test file shares: a router (no socket) over a real
// store, with helpers that sign people up, build an organisation ready to
// apply and call the API as one of them. Every test runs twice (tests/api/
// CMakeLists.txt): on SQLite, and on PostgreSQL (VALUEMARK_API_BACKEND=
// postgresql) in a database of its own on the server that
// scripts/with-postgres.sh starts (VALUEMARK_TEST_PG_URL). Without that server
// the PostgreSQL runs are skipped, or fail where PostgreSQL is required
// (VALUEMARK_TEST_PG_REQUIRED=1, as `make test` sets). The platform runs on a
// fixed clock (kFixedNow) that a test may move through now_.
#pragma once
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <strings.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string_view>

#include "app/audit/chain.h"
#include "app/certification/schemes.h"
#include "app/crypto.h"
#include "app/platform.h"
#include "app/signing.h"
#include "core/calendar.h"
#include "core/file_type.h"
#include "http/api.h"
#include "openapi_check.h"
#include "storage/open_store.h"

namespace valuemark::http {

using nlohmann::json;

struct Session {
  std::string cookie, csrf, user_id;
};

// A sign-off's body: the signatory's password again (every test account's).
// A response header's value by its name in any case; "" when it is absent.
inline std::string HeaderValue(const Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (strcasecmp(k.c_str(), name.c_str()) == 0) return v;
  return "";
}

// The fields a refusal names, e.g. {"level", "areas"}.
inline std::set<std::string> ErrorFields(const nlohmann::json& refusal) {
  std::set<std::string> out;
  for (const nlohmann::json& f : refusal["error"]["fields"])
    out.insert(f["field"].get<std::string>());
  return out;
}

inline const nlohmann::json kSignature = {{"password", "correct horse battery"}};

// The platform's clock in every API test: 2030-03-12 09:00:00 UTC.
inline constexpr UnixTime kFixedNow = 1'899'536'400;

// Whether this run of the API tests is the PostgreSQL one.
inline bool ApiTestsOnPostgres() {
  const char* backend = std::getenv("VALUEMARK_API_BACKEND");
  return backend != nullptr && std::string_view(backend) == "postgresql";
}

// When the PostgreSQL run finds no server (VALUEMARK_TEST_PG_URL unset): a
// skip for a developer running ctest alone, a failure where PostgreSQL is
// required (VALUEMARK_TEST_PG_REQUIRED set to anything but "" or "0").
enum class PgAbsent { kSkip, kFail };
inline PgAbsent WhenPgIsAbsent(const char* required) {
  const std::string_view flag = required != nullptr ? required : "";
  return flag.empty() || flag == "0" ? PgAbsent::kSkip : PgAbsent::kFail;
}

// Runs one statement on a PostgreSQL server; "" on success, else the error.
inline std::string PgExec(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult* result = PQexec(conn, sql.c_str());
    if (PQresultStatus(result) != PGRES_COMMAND_OK) error = PQresultErrorMessage(result);
    PQclear(result);
  }
  PQfinish(conn);
  return error;
}

// `url` (postgresql://host/db?...) naming another database.
inline std::string UrlWithDatabase(const std::string& url, const std::string& database) {
  const size_t authority = url.find("://") + 3;
  const size_t path = url.find('/', authority);
  const size_t query = url.find('?', authority);
  std::string out = url.substr(0, std::min(path, query)) + "/" + database;
  if (query != std::string::npos) out += url.substr(query);
  return out;
}

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(app::InitCrypto().has_value());
    dir_ =
        std::filesystem::temp_directory_path() / fmt::format("vm-api-{}-{}", getpid(), counter_++);
    std::filesystem::create_directories(dir_);
    std::string url = "sqlite:" + (dir_ / "api.db").string();
    if (ApiTestsOnPostgres()) {
      const char* admin = std::getenv("VALUEMARK_TEST_PG_URL");
      if (admin == nullptr || *admin == '\0') {
        if (WhenPgIsAbsent(std::getenv("VALUEMARK_TEST_PG_REQUIRED")) == PgAbsent::kFail)
          FAIL() << "VALUEMARK_TEST_PG_URL is not set, and VALUEMARK_TEST_PG_REQUIRED requires "
                    "PostgreSQL: run the tests under scripts/with-postgres.sh";
        GTEST_SKIP() << "VALUEMARK_TEST_PG_URL is not set: the API tests on PostgreSQL are "
                        "skipped (run under scripts/with-postgres.sh to include them)";
      }
      pg_admin_url_ = admin;
      // An identifier cannot be a parameter; this one is made of our own digits.
      const std::string database = fmt::format("valuemark_api_{}_{}", getpid(), counter_);
      ASSERT_EQ(PgExec(pg_admin_url_, "CREATE DATABASE " + database), "");
      pg_database_ = database;
      url = UrlWithDatabase(pg_admin_url_, pg_database_);
    }
    store_url_ = url;
    auto store = storage::OpenStore(url);
    ASSERT_TRUE(store.has_value()) << store.error().message;
    store_ = std::move(*store);
    ASSERT_TRUE(store_->Migrate().has_value());
    app::PlatformOptions options;
    options.password_cost = app::PasswordCost::kMinimum;
    options.public_url = "https://vm.example";
    options.clock = [this] { return now_; };
    auto schemes = app::LoadSchemeCatalogue(std::string(VALUEMARK_SOURCE_DIR) + "/data/schemes");
    ASSERT_TRUE(schemes.has_value()) << schemes.error().message;
    options.schemes = std::move(*schemes);
    Configure(options);
    platform_ = std::make_unique<app::Platform>(*store_, std::move(options));
    ApiOptions api_options{"test", false};
    api_options.pdf_module = VALUEMARK_PDF_MODULE;
    // Tests sign many people up from one address; fairness_test.cpp sets limits.
    api_options.rate_limits = app::RateLimitOptions::Off();
    api_ = std::make_unique<Api>(*platform_, std::move(api_options));
  }
  // A test fixture's own platform options (e.g. smaller quotas).
  virtual void Configure(app::PlatformOptions&) {}
  void TearDown() override {
    api_.reset();
    platform_.reset();
    store_.reset();
    if (!pg_database_.empty()) {
      EXPECT_EQ(PgExec(pg_admin_url_, "DROP DATABASE IF EXISTS " + pg_database_ + " WITH (FORCE)"),
                "");
    }
    std::filesystem::remove_all(dir_);
  }
  bool OnSqlite() const { return pg_database_.empty(); }

  Response Call(Method method, const std::string& path, const std::string& body = "",
                const Session* session = nullptr, bool with_csrf = true) {
    Request r = MakeRequest(method, path, body, session, with_csrf);
    return Send(r);
  }
  // A CSV body (an import), as the web app sends it.
  Response CallCsv(const std::string& path, const std::string& csv, const Session* session) {
    Request r = MakeRequest(Method::kPost, path, csv, session);
    r.headers["content-type"] = "text/csv";
    return Send(r);
  }
  // The API's answer to `r`, which must keep the contract of the OpenAPI
  // document the server serves (openapi_check.h): every answer a test
  // receives comes through here.
  Response Send(Request& r) {
    Request matched = r;
    bool path_known = false;
    const Route* route = api_->router().Match(matched, &path_known);
    if (route == nullptr || route->method == Method::kHead || route->method == Method::kOther)
      return api_->Handle(r);
    std::string method(MethodName(route->method));
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string pattern = route->pattern.substr(std::string_view("/api/v1").size());
    const OpenApiChecker& contract = Contract();
    auto check = [&contract, method, pattern, content_type = r.Header("content-type"),
                  body = r.body](const Response& response) {
      for (const std::string& problem : contract.CheckAnswer(method, pattern, response.status,
                                                             response.content_type, response.body))
        ADD_FAILURE() << "the answer breaks the OpenAPI document: " << problem;
      if (response.status >= 200 && response.status < 300)
        for (const std::string& problem :
             contract.CheckRequest(method, pattern, content_type, body))
          ADD_FAILURE() << "the server accepted a request the OpenAPI document refuses: "
                        << problem;
    };
    // Heavy work answers later, from its pool: that answer is checked too.
    if (r.reply_later)
      r.reply_later = [check, reply = std::move(r.reply_later)](Response response) {
        check(response);
        reply(std::move(response));
      };
    Response response = api_->Handle(r);
    if (!response.deferred) check(response);
    return response;
  }
  // The document this server serves, read once per test program.
  const OpenApiChecker& Contract() {
    static const OpenApiChecker checker(json::parse(api_->OpenApiDocument()));
    return checker;
  }
  // The request Call sends, from client_address_.
  Request MakeRequest(Method method, const std::string& path, const std::string& body = "",
                      const Session* session = nullptr, bool with_csrf = true) {
    Request r;
    r.method = method;
    r.path = path;
    if (auto q = path.find('?'); q != std::string::npos) {
      r.path = path.substr(0, q);
      const std::string query = path.substr(q + 1);
      for (size_t pos = 0; pos < query.size();) {
        const size_t amp = query.find('&', pos);
        const std::string pair =
            query.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
        r.query[pair.substr(0, pair.find('='))] = pair.substr(pair.find('=') + 1);
        if (amp == std::string::npos) break;
        pos = amp + 1;
      }
    }
    r.body = body;
    r.client_address = client_address_;
    if (!body.empty()) r.headers["content-type"] = "application/json";
    if (session) {
      r.headers["cookie"] = std::string(kSessionCookie) + "=" + session->cookie;
      if (with_csrf) r.headers["x-csrf-token"] = session->csrf;
    }
    return r;
  }

  static json Body(const Response& r) { return r.body.empty() ? json() : json::parse(r.body); }

  // Signs up as a person does: the answer is "check your email", the
  // confirmation link comes by email (read from the outbox as stored, not the
  // staff view that hides it), then they log in.
  Session SignUp(const std::string& email, const std::string& name = "Person") {
    Response r =
        Call(Method::kPost, "/api/v1/auth/signup",
             json{{"email", email}, {"password", "correct horse battery"}, {"name", name}}.dump());
    EXPECT_EQ(r.status, 202) << r.body;
    const std::string token = VerificationToken(email);
    EXPECT_FALSE(token.empty()) << "no confirmation link was emailed to " << email;
    Response v = Call(Method::kPost, "/api/v1/auth/verify-email", json{{"token", token}}.dump());
    EXPECT_EQ(v.status, 204) << v.body;
    return LogIn(email);
  }
  // The token of the newest email-confirmation link sent to `email` ("" when none).
  std::string VerificationToken(std::string email) {
    for (char& c : email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string token;
    auto r = store_->Read([&](app::Transaction& tx) -> Result<void> {
      auto messages = tx.ListMessagesTo(email, 50);  // newest first
      if (!messages) return Fail(messages.error());
      for (const app::OutboxMessage& m : *messages) {
        if (m.subject != app::kEmailVerificationSubject) continue;
        const size_t at = m.body.find("token=");
        if (at == std::string::npos) continue;
        token = m.body.substr(at + 6, m.body.find_first_of(" \n", at) - at - 6);
        break;
      }
      return {};
    });
    EXPECT_TRUE(r.has_value());
    return token;
  }
  // Signs up and logs in without opening the confirmation link.
  Session SignUpUnconfirmed(const std::string& email, const std::string& name = "Person") {
    Response r =
        Call(Method::kPost, "/api/v1/auth/signup",
             json{{"email", email}, {"password", "correct horse battery"}, {"name", name}}.dump());
    EXPECT_EQ(r.status, 202) << r.body;
    return LogIn(email);
  }
  Session LogIn(const std::string& email) {
    Response r = Call(Method::kPost, "/api/v1/auth/login",
                      json{{"email", email}, {"password", "correct horse battery"}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    return FromSignedIn(r);
  }
  static Session FromSignedIn(const Response& r) {
    Session s;
    for (const auto& [name, value] : r.headers)
      if (name == "Set-Cookie")
        s.cookie = value.substr(value.find('=') + 1, value.find(';') - value.find('=') - 1);
    json b = Body(r);
    s.csrf = b.value("csrf_token", "");
    if (b.contains("user")) s.user_id = b["user"]["id"];
    return s;
  }
  Session Staff(const std::string& email, PlatformRole role) {
    EXPECT_TRUE(platform_->accounts.CreateUser({email, "correct horse battery", "Staff"}, role)
                    .has_value());
    return LogIn(email);
  }
  std::string CreateOrganisation(const Session& s, const std::string& name) {
    Response r = Call(Method::kPost, "/api/v1/organisations",
                      json{{"name", name},
                           {"legal_structure", "charity"},
                           {"sector", "health"},
                           {"size_band", "small"},
                           {"area", "Leeds"}}
                          .dump(),
                      &s);
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r)["id"];
  }
  // Invites email with role and accepts as them (signing them up).
  Session Join(const Session& lead, const std::string& org, const std::string& email,
               const std::string& role) {
    Response inv = Call(Method::kPost, fmt::format("/api/v1/organisations/{}/invitations", org),
                        json{{"email", email}, {"role", role}}.dump(), &lead);
    EXPECT_EQ(inv.status, 201) << inv.body;
    const std::string url = Body(inv)["accept_url"];
    Session s = SignUp(email);
    Response acc = Call(
        Method::kPost, "/api/v1/invitations/" + url.substr(url.rfind('/') + 1) + "/accept", "", &s);
    EXPECT_EQ(acc.status, 200) << acc.body;
    return s;
  }
  // The platform's today, and days from it, as YYYY-MM-DD.
  std::string Day(int offset = 0) const { return FormatDay(DayOf(now_) + offset); }

  // An organisation ready to apply: active membership, both representatives
  // named, and an open round. Returns the organisation's id.
  struct Certifiable {
    std::string org;
    Session lead, senior, member, admin, assessor;
  };
  Certifiable MakeCertifiable(bool lead_confirms_email = true) {
    Certifiable c;
    c.lead = lead_confirms_email ? SignUp("lead@example.org", "Lead")
                                 : SignUpUnconfirmed("lead@example.org", "Lead");
    c.org = CreateOrganisation(c.lead, "Riverside");
    c.senior = Join(c.lead, c.org, "senior@example.org", "senior_leader");
    c.member = Join(c.lead, c.org, "member@example.org", "member");
    c.admin = Staff("admin@example.org", PlatformRole::kAdministrator);
    c.assessor = Staff("assessor@example.org", PlatformRole::kAssessor);
    const std::string base = "/api/v1/organisations/" + c.org;
    EXPECT_EQ(
        Call(Method::kPut, base + "/representatives",
             json{{"lead_user_id", c.lead.user_id}, {"senior_leader_user_id", c.senior.user_id}}
                 .dump(),
             &c.lead)
            .status,
        200);
    const int64_t version = Body(Call(Method::kGet, base, "", &c.lead))["version"];
    Response m =
        Call(Method::kPatch, base,
             json{{"version", version},
                  {"membership", {{"status", "active"}, {"start", Day(-30)}, {"expiry", Day(365)}}}}
                 .dump(),
             &c.admin);
    EXPECT_EQ(m.status, 200) << m.body;
    Response round =
        Call(Method::kPost, "/api/v1/rounds",
             json{{"name", "Now"}, {"opens_on", Day(-1)}, {"closes_on", Day(12)}}.dump(), &c.admin);
    EXPECT_EQ(round.status, 201) << round.body;
    return c;
  }
  // Evidence (a link) for every criterion of the application's level still without any.
  void EvidenceForAll(const Session& lead, const std::string& app_id) {
    json a = Body(Call(Method::kGet, "/api/v1/applications/" + app_id, "", &lead));
    for (const json& criterion : a["missing_evidence"]) {
      Response r = Call(Method::kPost, "/api/v1/applications/" + app_id + "/evidence",
                        json{{"criterion_id", criterion},
                             {"kind", "link"},
                             {"title", "Document"},
                             {"url", "https://example.org/doc.pdf"}}
                            .dump(),
                        &lead);
      EXPECT_EQ(r.status, 201) << r.body;
    }
  }
  // A draft application of c.org with terms accepted, evidence for every
  // criterion and both representatives' sign-offs. Returns its id.
  std::string SignedOffApplication(const Certifiable& c, const std::string& scheme_id = "svmc",
                                   int level = 1) {
    const std::string id = Body(Post("/organisations/" + c.org + "/applications", c.lead,
                                     {{"scheme_id", scheme_id}, {"level", level}}))["id"];
    EXPECT_EQ(Post("/applications/" + id + "/terms", c.lead).status, 200);
    EvidenceForAll(c.lead, id);
    EXPECT_EQ(Post("/applications/" + id + "/sign-off", c.lead, kSignature).status, 200);
    EXPECT_EQ(Post("/applications/" + id + "/sign-off", c.senior, kSignature).status, 200);
    return id;
  }
  Response Post(const std::string& path, const Session& s, const json& body = json()) {
    return Call(Method::kPost, "/api/v1" + path, body.is_null() ? "" : body.dump(), &s);
  }

  int64_t AuditEntries() {
    auto report = app::VerifyAuditLog(*store_);
    EXPECT_TRUE(report.has_value());
    EXPECT_TRUE(report->valid);
    return report->entries;
  }

  std::string client_address_ = "192.0.2.1";
  // The platform's clock (options.clock): fixed, moved only by the test.
  UnixTime now_ = kFixedNow;
  std::string pg_admin_url_, pg_database_;
  std::string store_url_;  // what storage::OpenStore opened: another process may open it too
  static inline int counter_ = 0;
  std::filesystem::path dir_;
  std::unique_ptr<app::Store> store_;
  std::unique_ptr<app::Platform> platform_;
  std::unique_ptr<Api> api_;
};

}  // namespace valuemark::http
