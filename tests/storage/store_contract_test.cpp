// The storage port's contract (app/store.h), run against every back end: the
// same tests for SQLite (a fresh file per test, always) and PostgreSQL (a
// fresh database per test on the server named by VALUEMARK_TEST_PG_URL, e.g.
// under scripts/with-postgres.sh; skipped when it is not set, failed when
// VALUEMARK_TEST_PG_REQUIRED says PostgreSQL is required: tests/pg_url.h).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "app/audit/chain.h"
#include "app/crypto.h"
#include "app/keys.h"
#include "app/signing.h"
#include "app/store.h"
#include "distribution.h"
#include "formats/certificate_json.h"
#include "pg_url.h"
#include "storage/open_store.h"
#include "storage/postgres/connection.h"
#include "storage/postgres/postgres_store.h"
#include "storage/sqlite/sqlite_store.h"

namespace valuemark {
namespace {

using app::AuditEntry;
using app::OutboxMessage;
using app::PageRequest;
using app::PasswordReset;
using app::Session;
using app::Store;
using app::Transaction;
using app::UserQuery;

constexpr char kSqlite[] = "sqlite";
constexpr char kPostgres[] = "postgresql";
using test_support::kPgUrlVariable;

#define ASSERT_OK(expr)                                                               \
  do {                                                                                \
    auto&& ok_result = (expr);                                                        \
    ASSERT_TRUE(ok_result.has_value()) << #expr << ": " << ok_result.error().message; \
  } while (false)

#define EXPECT_OK(expr)                                                               \
  do {                                                                                \
    auto&& ok_result = (expr);                                                        \
    EXPECT_TRUE(ok_result.has_value()) << #expr << ": " << ok_result.error().message; \
  } while (false)

// Runs f in a transaction and returns what it returned (or the commit's
// error), so that tests can check values outside the transaction.
template <typename F>
auto InTransaction(Store& store, bool write, F f) -> std::invoke_result_t<F, Transaction&> {
  using R = std::invoke_result_t<F, Transaction&>;
  std::optional<R> out;
  auto body = [&](Transaction& tx) -> Result<void> {
    out.emplace(f(tx));
    if (!*out) return Fail(out->error());
    return {};
  };
  auto status = write ? store.Write(body) : store.Read(body);
  if (!status) return Fail(std::move(status.error()));
  return std::move(*out);
}

template <typename F>
auto InWrite(Store& store, F f) {
  return InTransaction(store, true, std::move(f));
}
template <typename F>
auto InRead(Store& store, F f) {
  return InTransaction(store, false, std::move(f));
}

User MakeUser(const std::string& id, const std::string& email, const std::string& name = "A User") {
  return User{id, email, name, PlatformRole::kNone, 1700000000};
}

Organisation MakeOrganisation(const std::string& id, const std::string& name) {
  Organisation org;
  org.id = id;
  org.name = name;
  org.legal_structure = "charity";
  org.sector = "health";
  org.size_band = SizeBand::kMedium;
  org.area = "Leeds";
  org.membership_status = MembershipStatus::kActive;
  org.membership_start = "2024-01-01";
  org.membership_expiry = "2025-01-01";
  org.lead_user_id = "u-lead";
  org.senior_leader_user_id = "u-senior";
  org.created_at = 1700000000;
  org.updated_at = 1700000001;
  org.version = 1;
  return org;
}

Invitation MakeInvitation(const std::string& org_id, const std::string& id,
                          const std::string& token_hash, UnixTime created_at) {
  return Invitation{org_id,       id,         id + "@example.org", MemberRole::kLead,
                    "u-inviter",  created_at, created_at + 3600,   std::nullopt,
                    std::nullopt, token_hash};
}

AuditEntry MakeAudit(const std::string& chain, int64_t seq, const std::string& prev_hash,
                     const std::string& hash, const std::string& entity_id = "org-1",
                     UnixTime at = 1700000000) {
  return AuditEntry{chain,
                    seq,
                    at,
                    "u-actor",
                    "organisation.update",
                    "organisation",
                    entity_id,
                    chain == "platform" ? "" : chain,
                    "digest-" + hash,
                    prev_hash,
                    hash,
                    R"({"items":[{"field":"Name","before":"A","after":"B"}],"more":0})"};
}

// Appends the next entry of a chain the way the use cases do: read the head
// (locking the chain), then append seq + 1.
Result<void> AppendNext(Transaction& tx, const std::string& chain, const std::string& hash,
                        const std::string& entity_id = "org-1") {
  auto head = tx.AuditHead(chain);
  if (!head) return Fail(std::move(head.error()));
  const int64_t seq = *head ? (*head)->seq + 1 : 1;
  const std::string prev = *head ? (*head)->hash : "";
  return tx.AppendAudit(MakeAudit(chain, seq, prev, hash, entity_id));
}

void ExpectSameUser(const User& a, const User& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.email, b.email);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.platform_role, b.platform_role);
  EXPECT_EQ(a.created_at, b.created_at);
  EXPECT_EQ(a.email_verified_at, b.email_verified_at);
}

void ExpectSameOrganisation(const Organisation& a, const Organisation& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.legal_structure, b.legal_structure);
  EXPECT_EQ(a.sector, b.sector);
  EXPECT_EQ(a.size_band, b.size_band);
  EXPECT_EQ(a.area, b.area);
  EXPECT_EQ(a.membership_status, b.membership_status);
  EXPECT_EQ(a.membership_start, b.membership_start);
  EXPECT_EQ(a.membership_expiry, b.membership_expiry);
  EXPECT_EQ(a.lead_user_id, b.lead_user_id);
  EXPECT_EQ(a.senior_leader_user_id, b.senior_leader_user_id);
  EXPECT_EQ(a.created_at, b.created_at);
  EXPECT_EQ(a.updated_at, b.updated_at);
  EXPECT_EQ(a.version, b.version);
}

void ExpectSameInvitation(const Invitation& a, const Invitation& b) {
  EXPECT_EQ(a.organisation_id, b.organisation_id);
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.email, b.email);
  EXPECT_EQ(a.role, b.role);
  EXPECT_EQ(a.invited_by, b.invited_by);
  EXPECT_EQ(a.created_at, b.created_at);
  EXPECT_EQ(a.expires_at, b.expires_at);
  EXPECT_EQ(a.accepted_at, b.accepted_at);
  EXPECT_EQ(a.revoked_at, b.revoked_at);
  EXPECT_EQ(a.token_hash, b.token_hash);
}

void ExpectSameAudit(const AuditEntry& a, const AuditEntry& b) {
  EXPECT_EQ(a.chain, b.chain);
  EXPECT_EQ(a.seq, b.seq);
  EXPECT_EQ(a.at, b.at);
  EXPECT_EQ(a.actor_id, b.actor_id);
  EXPECT_EQ(a.action, b.action);
  EXPECT_EQ(a.entity_type, b.entity_type);
  EXPECT_EQ(a.entity_id, b.entity_id);
  EXPECT_EQ(a.organisation_id, b.organisation_id);
  EXPECT_EQ(a.digest, b.digest);
  EXPECT_EQ(a.prev_hash, b.prev_hash);
  EXPECT_EQ(a.hash, b.hash);
  EXPECT_EQ(a.changes, b.changes);
}

// ---- PostgreSQL test databases.

// A libpq key=value conninfo equal to `url` but naming another database.
std::string WithDatabase(const std::string& url, const std::string& dbname) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    std::string message = error != nullptr ? error : "?";
    PQfreemem(error);
    ADD_FAILURE() << "bad " << kPgUrlVariable << ": " << message;
    return url;
  }
  auto quote = [](const std::string& value) {
    std::string out = "'";
    for (char ch : value) {
      if (ch == '\'' || ch == '\\') out += '\\';
      out += ch;
    }
    return out + "'";
  };
  std::string conninfo;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (std::string(o->keyword) == "dbname" || o->val == nullptr) continue;
    conninfo += fmt::format("{}={} ", o->keyword, quote(o->val));
  }
  PQconninfoFree(options);
  return conninfo + "dbname=" + quote(dbname);
}

// `url` (postgresql://... or postgres://...) with its database replaced.
std::string UrlWithDatabase(const std::string& url, const std::string& dbname) {
  const size_t authority = url.find("://") + 3;
  const size_t path = url.find('/', authority);
  const size_t query = url.find('?', authority);
  std::string out = url.substr(0, std::min(path, query)) + "/" + dbname;
  if (query != std::string::npos) out += url.substr(query);
  return out;
}

// Runs one statement on its own connection; "" on success, else the error.
std::string PgExec(const std::string& conninfo, const std::string& sql) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult* result = PQexec(conn, sql.c_str());
    const auto status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
      error = PQresultErrorMessage(result);
    PQclear(result);
  }
  PQfinish(conn);
  return error;
}

// Runs SQL on its own SQLite connection; "" on success, else the error.
std::string SqliteExec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string error;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    error = sqlite3_errmsg(db);
  } else {
    sqlite3_busy_timeout(db, 5000);
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      error = message != nullptr ? message : "error";
    }
    sqlite3_free(message);
  }
  sqlite3_close(db);
  return error;
}

class StoreContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == kSqlite) {
      std::string pattern =
          (std::filesystem::temp_directory_path() / "valuemark-store-XXXXXX").string();
      ASSERT_NE(mkdtemp(pattern.data()), nullptr);
      dir_ = pattern;
      sqlite_path_ = (dir_ / "store.db").string();
      auto store = storage::SqliteStore::Create(sqlite_path_);
      ASSERT_OK(store);
      store_ = std::move(*store);
    } else {
      VALUEMARK_TEST_PG_URL_OR_SKIP(pg_admin_url_);
      static std::atomic<int> counter{0};
      pg_database_ = fmt::format("valuemark_test_{}_{}", getpid(), counter.fetch_add(1));
      // An identifier cannot be a parameter; this one is made of our own digits.
      const std::string error = PgExec(pg_admin_url_, "CREATE DATABASE " + pg_database_);
      ASSERT_EQ(error, "") << "cannot create a test database through " << kPgUrlVariable;
      pg_conninfo_ = WithDatabase(pg_admin_url_, pg_database_);
      auto store = storage::PostgresStore::Create(pg_conninfo_);
      ASSERT_OK(store);
      store_ = std::move(*store);
    }
    auto version = store_->Migrate();
    ASSERT_OK(version);
    schema_version_ = *version;
  }

  void TearDown() override {
    store_.reset();
    if (!pg_database_.empty()) {
      EXPECT_EQ(PgExec(pg_admin_url_, "DROP DATABASE IF EXISTS " + pg_database_ + " WITH (FORCE)"),
                "");
    }
    if (!dir_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(dir_, ignored);
    }
  }

  bool IsSqlite() const { return GetParam() == kSqlite; }
  Store& store() { return *store_; }

  // A new store on the same database, as after an upgrade (its statements
  // prepared afresh, against the schema as it is now), migrated: the
  // version the schema reached.
  Result<int> ReopenAndMigrate() {
    store_.reset();
    if (IsSqlite()) {
      store_ = TRY(storage::SqliteStore::Create(sqlite_path_));
    } else {
      store_ = TRY(storage::PostgresStore::Create(pg_conninfo_));
    }
    return store_->Migrate();
  }

  // Raw SQL on the test database, outside the store: "" or the error.
  std::string ExecRaw(const std::string& sql) {
    return IsSqlite() ? SqliteExec(sqlite_path_, sql) : PgExec(pg_conninfo_, sql);
  }

  void InsertOrganisations(const std::vector<Organisation>& orgs) {
    ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
      for (const auto& org : orgs) {
        if (auto r = tx.InsertOrganisation(org); !r) return r;
      }
      return {};
    }));
  }

  void InsertUsers(const std::vector<User>& users) {
    ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
      for (const auto& user : users) {
        if (auto r = tx.InsertUser(user, "hash-" + user.id); !r) return r;
      }
      return {};
    }));
  }

  std::unique_ptr<Store> store_;
  int schema_version_ = 0;
  std::filesystem::path dir_;
  std::string sqlite_path_;
  std::string pg_admin_url_;
  std::string pg_database_;
  std::string pg_conninfo_;
};

// ---- Schema and opening

// Distribution stays possible (tests/storage/distribution.h): the live schema
// of a migrated database keeps the rules, and docs/operations.md's Citus
// commands name every table of it, each by its place.
TEST_P(StoreContractTest, EveryTableCanBeDistributedByOrganisation) {
  auto tables = IsSqlite() ? storage_test::ReadSqliteKeys(sqlite_path_)
                           : storage_test::ReadPostgresKeys(pg_conninfo_);
  ASSERT_OK(tables);
  ASSERT_GT(tables->size(), 20u);
  // The reader sees keys of each kind.
  const auto table = [&](const std::string& name) {
    const auto it = std::ranges::find(*tables, name, &storage_test::TableKeys::name);
    return it != tables->end() ? *it : storage_test::TableKeys{};
  };
  EXPECT_EQ(table("invitations").primary_key, (std::vector<std::string>{"organisation_id", "id"}));
  EXPECT_EQ(table("invitations").unique_keys,
            (std::vector<std::vector<std::string>>{{"organisation_id", "token_hash"}}));
  EXPECT_EQ(table("users").unique_keys, (std::vector<std::vector<std::string>>{{"email"}}));
  ASSERT_EQ(table("surveys").foreign_keys.size(), 1u);
  EXPECT_EQ(table("surveys").foreign_keys[0].table, "organisations");
  EXPECT_EQ(table("surveys").foreign_keys[0].columns,
            (std::vector<std::string>{"organisation_id"}));
  EXPECT_TRUE(table("survey_responses").foreign_keys.empty());  // migration 48
  for (const auto& problem : storage_test::DistributionProblems(*tables)) ADD_FAILURE() << problem;
  if (IsSqlite()) return;  // Citus distributes PostgreSQL's tables

  const std::filesystem::path doc =
      std::filesystem::path(VALUEMARK_SOURCE_DIR) / "docs/operations.md";
  std::ifstream in(doc);
  ASSERT_TRUE(in) << doc;
  std::stringstream text;
  text << in.rdbuf();
  const std::string content = text.str();
  constexpr std::string_view kBegin = "<!-- citus-tables:begin -->\n";
  constexpr std::string_view kEnd = "<!-- citus-tables:end -->";
  const size_t begin = content.find(kBegin);
  const size_t end = content.find(kEnd);
  ASSERT_TRUE(begin != std::string::npos && end != std::string::npos && begin < end)
      << doc << " has no " << kBegin << "..." << kEnd << " block";
  const std::string expected = "\n" + storage_test::CitusCommands(*tables) + "\n";
  EXPECT_EQ(content.substr(begin + kBegin.size(), end - begin - kBegin.size()), expected)
      << "docs/operations.md's Citus commands are out of date; between its markers put:\n"
      << expected;
}

TEST_P(StoreContractTest, MigrateTwiceIsANoOpReturningTheSameVersion) {
  EXPECT_GE(schema_version_, 1);
  auto again = store().Migrate();
  ASSERT_OK(again);
  EXPECT_EQ(*again, schema_version_);
  auto third = store().Migrate();
  ASSERT_OK(third);
  EXPECT_EQ(*third, schema_version_);
  EXPECT_STREQ(store().Kind(), GetParam().c_str());
}

TEST_P(StoreContractTest, OpenStoreChoosesTheBackEndFromTheUrl) {
  std::vector<std::string> urls;
  if (IsSqlite()) {
    urls = {"sqlite:" + sqlite_path_, "sqlite://" + sqlite_path_, sqlite_path_};
  } else {
    const std::string url = UrlWithDatabase(pg_admin_url_, pg_database_);
    urls = {url};
    if (url.starts_with("postgresql://")) urls.push_back("postgres://" + url.substr(13));
  }
  for (const auto& url : urls) {
    auto opened = storage::OpenStore(url);
    ASSERT_OK(opened);
    EXPECT_STREQ((*opened)->Kind(), GetParam().c_str()) << url;
    EXPECT_OK((*opened)->Read([](Transaction& tx) -> Result<void> {
      auto chains = tx.ListAuditChains();
      if (!chains) return Fail(chains.error());
      return {};
    }));
  }
  for (const std::string bad : {"mysql://u:secret@h/db", "store.sqlite", ""}) {
    auto opened = storage::OpenStore(bad);
    ASSERT_FALSE(opened) << bad;
    EXPECT_EQ(opened.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(opened.error().message.find("sqlite:PATH"), std::string::npos)
        << opened.error().message;
    EXPECT_EQ(opened.error().message.find("secret"), std::string::npos) << "a password was echoed";
  }
}

// ---- Users

TEST_P(StoreContractTest, UserRoundTrip) {
  User user = MakeUser("u-1", "ada@example.org", "Ada Lovelace");
  user.platform_role = PlatformRole::kAssessor;
  ASSERT_OK(
      InWrite(store(), [&](Transaction& tx) { return tx.InsertUser(user, "argon2id$hash"); }));

  auto by_id = InRead(store(), [&](Transaction& tx) { return tx.FindUserById("u-1"); });
  ASSERT_OK(by_id);
  ASSERT_TRUE(*by_id);
  ExpectSameUser(**by_id, user);

  auto by_email =
      InRead(store(), [&](Transaction& tx) { return tx.FindUserByEmail("ada@example.org"); });
  ASSERT_OK(by_email);
  ASSERT_TRUE(*by_email);
  ExpectSameUser((*by_email)->first, user);
  EXPECT_EQ((*by_email)->second, "argon2id$hash");

  auto missing = InRead(store(), [&](Transaction& tx) { return tx.FindUserById("u-none"); });
  ASSERT_OK(missing);
  EXPECT_FALSE(*missing);
  auto missing_email =
      InRead(store(), [&](Transaction& tx) { return tx.FindUserByEmail("nobody@example.org"); });
  ASSERT_OK(missing_email);
  EXPECT_FALSE(*missing_email);
}

TEST_P(StoreContractTest, UpdateUserAndPasswordHash) {
  InsertUsers({MakeUser("u-1", "ada@example.org", "Ada")});
  User changed = MakeUser("u-1", "ignored@example.org", "Ada King");
  changed.platform_role = PlatformRole::kAdministrator;
  changed.deactivated_at = 1764892800;
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    if (auto r = tx.UpdateUser(changed); !r) return r;
    return tx.UpdatePasswordHash("u-1", "new-hash");
  }));
  auto found =
      InRead(store(), [&](Transaction& tx) { return tx.FindUserByEmail("ada@example.org"); });
  ASSERT_OK(found);
  ASSERT_TRUE(*found);
  EXPECT_EQ((*found)->first.name, "Ada King");
  EXPECT_EQ((*found)->first.platform_role, PlatformRole::kAdministrator);
  EXPECT_EQ((*found)->first.deactivated_at, 1764892800);
  EXPECT_EQ((*found)->first.email, "ada@example.org")
      << "UpdateUser changes name, platform role and deactivation only";
  EXPECT_EQ((*found)->second, "new-hash");

  auto missing =
      InWrite(store(), [&](Transaction& tx) { return tx.UpdateUser(MakeUser("u-none", "x@y")); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  auto missing_hash =
      InWrite(store(), [&](Transaction& tx) { return tx.UpdatePasswordHash("u-none", "h"); });
  ASSERT_FALSE(missing_hash);
  EXPECT_EQ(missing_hash.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, DuplicateEmailIsAlreadyExists) {
  InsertUsers({MakeUser("u-1", "ada@example.org")});
  auto duplicate = InWrite(store(), [&](Transaction& tx) {
    return tx.InsertUser(MakeUser("u-2", "ada@example.org"), "h");
  });
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(duplicate.error().message.find("email"), std::string::npos)
      << duplicate.error().message;
}

TEST_P(StoreContractTest, DuplicateIdsAreAlreadyExists) {
  InsertUsers({MakeUser("u-1", "ada@example.org")});
  InsertOrganisations({MakeOrganisation("org-1", "Alpha")});
  const Session session{"sess-1", "u-1", "csrf", 1, 100};
  const PasswordReset reset{"reset-1", "u-1", 1, 100, std::nullopt};
  const Scope scope{"org-1", "scope-1", ScopeKind::kService, "Meals", "", 1};
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    if (auto r = tx.InsertSession(session); !r) return r;
    if (auto r = tx.InsertPasswordReset(reset); !r) return r;
    return tx.InsertScope(scope);
  }));

  std::vector<std::pair<std::string, std::function<Result<void>(Transaction&)>>> duplicates = {
      {"user id",
       [](Transaction& tx) { return tx.InsertUser(MakeUser("u-1", "other@example.org"), "h"); }},
      {"organisation",
       [](Transaction& tx) { return tx.InsertOrganisation(MakeOrganisation("org-1", "Other")); }},
      {"session", [&](Transaction& tx) { return tx.InsertSession(session); }},
      {"password reset", [&](Transaction& tx) { return tx.InsertPasswordReset(reset); }},
      {"scope", [&](Transaction& tx) { return tx.InsertScope(scope); }},
  };
  for (const auto& [what, insert] : duplicates) {
    auto r = InWrite(store(), insert);
    ASSERT_FALSE(r) << what;
    EXPECT_EQ(r.error().code, ErrorCode::kAlreadyExists) << what << ": " << r.error().message;
  }
}

// The transaction stays usable after AlreadyExists (SQLite rolls back the one
// statement; PostgreSQL would abort the whole transaction, hence ON CONFLICT).
TEST_P(StoreContractTest, AlreadyExistsLeavesTheTransactionUsable) {
  InsertUsers({MakeUser("u-1", "ada@example.org")});
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    auto duplicate = tx.InsertUser(MakeUser("u-2", "ada@example.org"), "h");
    if (duplicate || duplicate.error().code != ErrorCode::kAlreadyExists) {
      return Fail(Error::Make(ErrorCode::kInternal, "expected AlreadyExists"));
    }
    return tx.InsertUser(MakeUser("u-3", "bob@example.org"), "h");
  }));
  auto bob = InRead(store(), [&](Transaction& tx) { return tx.FindUserById("u-3"); });
  ASSERT_OK(bob);
  EXPECT_TRUE(*bob);
}

TEST_P(StoreContractTest, ListUsersFindsByNameEmailRoleAndStatus) {
  User ann = MakeUser("u-1", "ann@example.org");
  ann.name = "Ann Lee";
  User bob = MakeUser("u-2", "bob@example.org");
  bob.name = "Bob Marsh";
  bob.platform_role = PlatformRole::kAssessor;
  User cy = MakeUser("u-3", "cy@annex.example");
  cy.name = "Cy Po";
  cy.platform_role = PlatformRole::kAssessor;
  InsertUsers({ann, bob, cy});
  cy.deactivated_at = 1'700'000'000;
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.UpdateUser(cy); }));
  auto ids = [&](const UserQuery& query) {
    auto list = InRead(store(), [&](Transaction& tx) { return tx.ListUsers({"", 10}, query); });
    std::vector<std::string> out;
    if (list)
      for (const User& u : *list) out.push_back(u.id);
    return out;
  };
  EXPECT_EQ(ids({"ANN", std::nullopt, std::nullopt}), (std::vector<std::string>{"u-1", "u-3"}));
  EXPECT_EQ(ids({"marsh", std::nullopt, std::nullopt}), std::vector<std::string>{"u-2"});
  EXPECT_EQ(ids({"", PlatformRole::kAssessor, std::nullopt}),
            (std::vector<std::string>{"u-2", "u-3"}));
  EXPECT_EQ(ids({"", PlatformRole::kAssessor, true}), std::vector<std::string>{"u-2"});
  EXPECT_EQ(ids({"", std::nullopt, false}), std::vector<std::string>{"u-3"});
  EXPECT_TRUE(ids({"_", std::nullopt, std::nullopt}).empty());
}

TEST_P(StoreContractTest, ListUsersPaginatesById) {
  InsertUsers({MakeUser("u-3", "c@x"), MakeUser("u-1", "a@x"), MakeUser("u-5", "e@x"),
               MakeUser("u-2", "b@x"), MakeUser("u-4", "d@x")});
  std::vector<std::string> seen;
  std::string after;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = InRead(store(), [&](Transaction& tx) {
      return tx.ListUsers(PageRequest{after, 2}, {});
    });
    ASSERT_OK(page);
    EXPECT_LE(page->size(), 2u);
    if (page->empty()) break;
    for (const auto& user : *page) seen.push_back(user.id);
    after = page->back().id;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"u-1", "u-2", "u-3", "u-4", "u-5"}));

  auto bad = InRead(store(), [&](Transaction& tx) { return tx.ListUsers(PageRequest{"", 0}, {}); });
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
}

// ---- Sessions and password resets

TEST_P(StoreContractTest, SessionsRoundTripDeleteAndExpire) {
  InsertUsers({MakeUser("u-1", "a@x"), MakeUser("u-2", "b@x")});
  const std::vector<Session> sessions = {
      {"s-1", "u-1", "csrf-1", 1000, 2000},
      {"s-2", "u-1", "csrf-2", 1000, 5000},
      {"s-3", "u-2", "csrf-3", 1000, 3000},
      {"s-4", "u-2", "csrf-4", 1000, 9000},
  };
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    for (const auto& s : sessions) {
      if (auto r = tx.InsertSession(s); !r) return r;
    }
    return {};
  }));
  auto found = InRead(store(), [&](Transaction& tx) { return tx.FindSession("s-1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(*found);
  EXPECT_EQ((*found)->id_hash, "s-1");
  EXPECT_EQ((*found)->user_id, "u-1");
  EXPECT_EQ((*found)->csrf_token, "csrf-1");
  EXPECT_EQ((*found)->created_at, 1000);
  EXPECT_EQ((*found)->expires_at, 2000);

  // Expired means expires_at <= now.
  auto expired = InWrite(store(), [&](Transaction& tx) { return tx.DeleteExpiredSessions(3000); });
  ASSERT_OK(expired);
  EXPECT_EQ(*expired, 2);  // s-1 and s-3

  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    if (auto r = tx.DeleteSession("s-2"); !r) return r;
    return tx.DeleteSession("s-none");  // deleting an absent session is not an error (logout twice)
  }));
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.DeleteSessionsOfUser("u-2"); }));

  for (const auto& s : sessions) {
    auto gone = InRead(store(), [&](Transaction& tx) { return tx.FindSession(s.id_hash); });
    ASSERT_OK(gone);
    EXPECT_FALSE(*gone) << s.id_hash;
  }
}

TEST_P(StoreContractTest, PasswordResetRoundTripAndSingleUse) {
  InsertUsers({MakeUser("u-1", "a@x")});
  const PasswordReset reset{"token-hash", "u-1", 1000, 4600, std::nullopt};
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.InsertPasswordReset(reset); }));
  auto found = InRead(store(), [&](Transaction& tx) { return tx.FindPasswordReset("token-hash"); });
  ASSERT_OK(found);
  ASSERT_TRUE(*found);
  EXPECT_EQ((*found)->user_id, "u-1");
  EXPECT_EQ((*found)->created_at, 1000);
  EXPECT_EQ((*found)->expires_at, 4600);
  EXPECT_FALSE((*found)->used_at);

  ASSERT_OK(InWrite(store(),
                    [&](Transaction& tx) { return tx.MarkPasswordResetUsed("token-hash", 2000); }));
  auto used = InRead(store(), [&](Transaction& tx) { return tx.FindPasswordReset("token-hash"); });
  ASSERT_OK(used);
  ASSERT_TRUE(*used);
  EXPECT_EQ((*used)->used_at, std::optional<UnixTime>(2000));

  auto again = InWrite(
      store(), [&](Transaction& tx) { return tx.MarkPasswordResetUsed("token-hash", 3000); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  auto missing =
      InWrite(store(), [&](Transaction& tx) { return tx.MarkPasswordResetUsed("nope", 3000); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  auto absent = InRead(store(), [&](Transaction& tx) { return tx.FindPasswordReset("nope"); });
  ASSERT_OK(absent);
  EXPECT_FALSE(*absent);
}

TEST_P(StoreContractTest, UsersKeepWhetherTheirEmailIsVerified) {
  User verified = MakeUser("u-1", "staff@example.org");
  verified.email_verified_at = 1700000100;
  User pending = MakeUser("u-2", "new@example.org");
  InsertUsers({verified, pending});
  auto listed = InRead(store(), [&](Transaction& tx) { return tx.ListUsers({"", 10}, {}); });
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  ExpectSameUser((*listed)[0], verified);
  ExpectSameUser((*listed)[1], pending);
  auto by_email =
      InRead(store(), [&](Transaction& tx) { return tx.FindUserByEmail("new@example.org"); });
  ASSERT_OK(by_email);
  ASSERT_TRUE(*by_email);
  EXPECT_FALSE((*by_email)->first.email_verified_at);
  EXPECT_EQ((*by_email)->second, "hash-u-2");
}

TEST_P(StoreContractTest, EmailVerificationMarksTheUserAndVoidsEveryLink) {
  InsertUsers({MakeUser("u-1", "a@x"), MakeUser("u-2", "b@x")});
  const app::EmailVerification first{"hash-1", "u-1", 1000, 2000, std::nullopt};
  const app::EmailVerification second{"hash-2", "u-1", 1100, 2100, std::nullopt};
  const app::EmailVerification other{"hash-3", "u-2", 1100, 2100, std::nullopt};
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    for (const auto& v : {first, second, other})
      if (auto r = tx.InsertEmailVerification(v); !r) return r;
    return {};
  }));
  auto duplicate =
      InWrite(store(), [&](Transaction& tx) { return tx.InsertEmailVerification(first); });
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::kAlreadyExists);

  auto found = InRead(store(), [&](Transaction& tx) { return tx.FindEmailVerification("hash-1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(*found);
  EXPECT_EQ((*found)->user_id, "u-1");
  EXPECT_EQ((*found)->created_at, 1000);
  EXPECT_EQ((*found)->expires_at, 2000);
  EXPECT_FALSE((*found)->used_at);
  auto absent = InRead(store(), [&](Transaction& tx) { return tx.FindEmailVerification("nope"); });
  ASSERT_OK(absent);
  EXPECT_FALSE(*absent);

  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.MarkEmailVerified("u-1", 1500); }));
  for (const char* hash : {"hash-1", "hash-2"}) {
    auto used = InRead(store(), [&](Transaction& tx) { return tx.FindEmailVerification(hash); });
    ASSERT_OK(used);
    ASSERT_TRUE(*used);
    EXPECT_EQ((*used)->used_at, std::optional<UnixTime>(1500)) << hash;
  }
  auto untouched =
      InRead(store(), [&](Transaction& tx) { return tx.FindEmailVerification("hash-3"); });
  ASSERT_OK(untouched);
  EXPECT_FALSE((*untouched)->used_at) << "another user's link stays usable";
  auto user = InRead(store(), [&](Transaction& tx) { return tx.FindUserById("u-1"); });
  ASSERT_OK(user);
  EXPECT_EQ((**user).email_verified_at, std::optional<UnixTime>(1500));

  // Verifying again keeps the first time.
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.MarkEmailVerified("u-1", 1900); }));
  user = InRead(store(), [&](Transaction& tx) { return tx.FindUserById("u-1"); });
  ASSERT_OK(user);
  EXPECT_EQ((**user).email_verified_at, std::optional<UnixTime>(1500));
  auto missing =
      InWrite(store(), [&](Transaction& tx) { return tx.MarkEmailVerified("u-none", 1500); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, LoginFailuresCountPerKeyWithinAWindowAndArePruned) {
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    // Two in the same second count twice.
    for (UnixTime at : {100, 200, 200, 300})
      if (auto r = tx.RecordLoginFailure("email:a@x|192.0.2.1", at); !r) return r;
    return tx.RecordLoginFailure("address:192.0.2.1", 300);
  }));
  auto count = [&](const std::string& key, UnixTime since) {
    auto n = InRead(store(), [&](Transaction& tx) { return tx.CountLoginFailures(key, since); });
    EXPECT_TRUE(n.has_value());
    return n.value_or(-1);
  };
  EXPECT_EQ(count("email:a@x|192.0.2.1", 0), 4);
  EXPECT_EQ(count("email:a@x|192.0.2.1", 100), 3) << "only failures after `since`";
  EXPECT_EQ(count("email:a@x|192.0.2.1", 300), 0);
  EXPECT_EQ(count("address:192.0.2.1", 0), 1);
  EXPECT_EQ(count("email:nobody", 0), 0);

  auto pruned = InWrite(store(), [&](Transaction& tx) { return tx.PruneLoginFailures(200); });
  ASSERT_OK(pruned);
  EXPECT_EQ(*pruned, 2) << "the rows of seconds 100 and 200";
  EXPECT_EQ(count("email:a@x|192.0.2.1", 0), 1);

  ASSERT_OK(InWrite(store(),
                    [&](Transaction& tx) { return tx.ClearLoginFailures("email:a@x|192.0.2.1"); }));
  EXPECT_EQ(count("email:a@x|192.0.2.1", 0), 0);
  EXPECT_EQ(count("address:192.0.2.1", 0), 1) << "clearing one key leaves the others";
}

// ---- Organisations

TEST_P(StoreContractTest, OrganisationRoundTrip) {
  const Organisation full = MakeOrganisation("org-1", "Alpha Trust");
  Organisation bare = MakeOrganisation("org-2", "Beta CIC");
  bare.size_band = SizeBand::kVeryLarge;
  bare.membership_status = MembershipStatus::kNone;
  bare.membership_start.reset();
  bare.membership_expiry.reset();
  bare.lead_user_id.reset();
  bare.senior_leader_user_id.reset();
  bare.version = 7;
  InsertOrganisations({full, bare});
  for (const auto& org : {full, bare}) {
    auto found = InRead(store(), [&](Transaction& tx) { return tx.FindOrganisation(org.id); });
    ASSERT_OK(found);
    ASSERT_TRUE(*found) << org.id;
    ExpectSameOrganisation(**found, org);
  }
  auto missing = InRead(store(), [&](Transaction& tx) { return tx.FindOrganisation("org-none"); });
  ASSERT_OK(missing);
  EXPECT_FALSE(*missing);
}

TEST_P(StoreContractTest, UpdateOrganisationChecksTheVersion) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha")});
  Organisation edit = MakeOrganisation("org-1", "Alpha Renamed");
  edit.area = "York";
  edit.lead_user_id.reset();
  edit.updated_at = 1800000000;
  edit.created_at = 1;  // not stored by an update
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.UpdateOrganisation(edit); }));

  auto found = InRead(store(), [&](Transaction& tx) { return tx.FindOrganisation("org-1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(*found);
  EXPECT_EQ((*found)->name, "Alpha Renamed");
  EXPECT_EQ((*found)->area, "York");
  EXPECT_FALSE((*found)->lead_user_id);
  EXPECT_EQ((*found)->updated_at, 1800000000);
  EXPECT_EQ((*found)->created_at, 1700000000);
  EXPECT_EQ((*found)->version, 2);

  // A second save based on version 1 lost the race.
  edit.name = "Stale";
  auto stale = InWrite(store(), [&](Transaction& tx) { return tx.UpdateOrganisation(edit); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);
  auto after = InRead(store(), [&](Transaction& tx) { return tx.FindOrganisation("org-1"); });
  ASSERT_OK(after);
  EXPECT_EQ((*after)->name, "Alpha Renamed");

  auto missing = InWrite(store(), [&](Transaction& tx) {
    return tx.UpdateOrganisation(MakeOrganisation("org-none", "X"));
  });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, ListOrganisationsPaginatesById) {
  InsertOrganisations({MakeOrganisation("org-b", "Zeta"), MakeOrganisation("org-a", "Eta"),
                       MakeOrganisation("org-c", "Alpha")});
  auto first = InRead(store(), [&](Transaction& tx) {
    return tx.ListOrganisations(PageRequest{"", 2}, "");
  });
  ASSERT_OK(first);
  ASSERT_EQ(first->size(), 2u);
  EXPECT_EQ((*first)[0].id, "org-a");
  EXPECT_EQ((*first)[1].id, "org-b");
  auto second = InRead(store(), [&](Transaction& tx) {
    return tx.ListOrganisations(PageRequest{"org-b", 2}, "");
  });
  ASSERT_OK(second);
  ASSERT_EQ(second->size(), 1u);
  ExpectSameOrganisation((*second)[0], MakeOrganisation("org-c", "Alpha"));
  auto third = InRead(store(), [&](Transaction& tx) {
    return tx.ListOrganisations(PageRequest{"org-c", 2}, "");
  });
  ASSERT_OK(third);
  EXPECT_TRUE(third->empty());
}

// Staff search: a part of the name in any case; LIKE's wildcards are plain
// characters.
TEST_P(StoreContractTest, ListOrganisationsFindsAPartOfTheName) {
  InsertOrganisations({MakeOrganisation("org-a", "Riverside Housing"),
                       MakeOrganisation("org-b", "Hill Side 100% Trust"),
                       MakeOrganisation("org-c", "Alpha_Works")});
  auto names = [&](const std::string& part) {
    auto list = InRead(store(), [&](Transaction& tx) {
      return tx.ListOrganisations(PageRequest{"", 10}, part);
    });
    std::vector<std::string> out;
    if (list)
      for (const Organisation& o : *list) out.push_back(o.name);
    return out;
  };
  EXPECT_EQ(names("SIDE"), (std::vector<std::string>{"Riverside Housing", "Hill Side 100% Trust"}));
  EXPECT_EQ(names("0%"), std::vector<std::string>{"Hill Side 100% Trust"});
  EXPECT_EQ(names("a_w"), std::vector<std::string>{"Alpha_Works"});
  EXPECT_TRUE(names("%").size() == 1u);
  EXPECT_TRUE(names("nothing like it").empty());
}

TEST_P(StoreContractTest, ListOrganisationsOfUserGivesEachRole) {
  InsertUsers({MakeUser("u-1", "a@x"), MakeUser("u-2", "b@x")});
  InsertOrganisations({MakeOrganisation("org-1", "Beta"), MakeOrganisation("org-2", "Alpha"),
                       MakeOrganisation("org-3", "Gamma")});
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    for (const Member& m : {Member{"org-1", "u-1", MemberRole::kLead, 10, "", ""},
                            Member{"org-2", "u-1", MemberRole::kMember, 11, "", ""},
                            Member{"org-3", "u-2", MemberRole::kSeniorLeader, 12, "", ""}}) {
      if (auto r = tx.UpsertMember(m); !r) return r;
    }
    return {};
  }));
  auto mine = InRead(store(), [&](Transaction& tx) { return tx.ListOrganisationsOfUser("u-1"); });
  ASSERT_OK(mine);
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].organisation.name, "Alpha");  // by name
  EXPECT_EQ((*mine)[0].role, MemberRole::kMember);
  EXPECT_EQ((*mine)[1].organisation.name, "Beta");
  EXPECT_EQ((*mine)[1].role, MemberRole::kLead);
  ExpectSameOrganisation((*mine)[1].organisation, MakeOrganisation("org-1", "Beta"));
  auto none =
      InRead(store(), [&](Transaction& tx) { return tx.ListOrganisationsOfUser("u-none"); });
  ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
}

// ---- Members

TEST_P(StoreContractTest, MembersCarryNameAndEmail) {
  InsertUsers(
      {MakeUser("u-1", "zoe@example.org", "Zoe"), MakeUser("u-2", "amir@example.org", "Amir")});
  InsertOrganisations({MakeOrganisation("org-1", "Alpha"), MakeOrganisation("org-2", "Beta")});
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    if (auto r = tx.UpsertMember({"org-1", "u-1", MemberRole::kLead, 100, "", ""}); !r) return r;
    if (auto r = tx.UpsertMember({"org-1", "u-2", MemberRole::kMember, 200, "", ""}); !r) return r;
    return tx.UpsertMember({"org-2", "u-1", MemberRole::kMember, 300, "", ""});
  }));

  auto found = InRead(store(), [&](Transaction& tx) { return tx.FindMember("org-1", "u-1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(*found);
  EXPECT_EQ((*found)->role, MemberRole::kLead);
  EXPECT_EQ((*found)->joined_at, 100);
  EXPECT_EQ((*found)->name, "Zoe");
  EXPECT_EQ((*found)->email, "zoe@example.org");

  auto members = InRead(store(), [&](Transaction& tx) { return tx.ListMembers("org-1"); });
  ASSERT_OK(members);
  ASSERT_EQ(members->size(), 2u);
  EXPECT_EQ((*members)[0].user_id, "u-2");  // by name: Amir, Zoe
  EXPECT_EQ((*members)[0].name, "Amir");
  EXPECT_EQ((*members)[0].email, "amir@example.org");
  EXPECT_EQ((*members)[0].organisation_id, "org-1");
  EXPECT_EQ((*members)[1].name, "Zoe");

  // Upsert of an existing member changes the role and keeps the join date.
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) {
    return tx.UpsertMember({"org-1", "u-2", MemberRole::kSeniorLeader, 999, "", ""});
  }));
  auto promoted = InRead(store(), [&](Transaction& tx) { return tx.FindMember("org-1", "u-2"); });
  ASSERT_OK(promoted);
  ASSERT_TRUE(*promoted);
  EXPECT_EQ((*promoted)->role, MemberRole::kSeniorLeader);
  EXPECT_EQ((*promoted)->joined_at, 200);

  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.DeleteMember("org-1", "u-1"); }));
  auto gone = InRead(store(), [&](Transaction& tx) { return tx.FindMember("org-1", "u-1"); });
  ASSERT_OK(gone);
  EXPECT_FALSE(*gone);
  auto other = InRead(store(), [&](Transaction& tx) { return tx.FindMember("org-2", "u-1"); });
  ASSERT_OK(other);
  EXPECT_TRUE(*other) << "a membership of another organisation is untouched";
  auto again = InWrite(store(), [&](Transaction& tx) { return tx.DeleteMember("org-1", "u-1"); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
}

// Tenant rows belong to an existing organisation (a foreign key within the
// tenant); they do not require the user to exist (users are global).
TEST_P(StoreContractTest, TenantRowsNeedTheirOrganisation) {
  auto orphan = InWrite(store(), [&](Transaction& tx) {
    return tx.InsertScope({"org-none", "scope-1", ScopeKind::kProject, "Orphan", "", 1});
  });
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().code, ErrorCode::kFailedPrecondition) << orphan.error().message;
  InsertOrganisations({MakeOrganisation("org-1", "Alpha")});
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) {
    return tx.UpsertMember({"org-1", "u-not-yet-a-user", MemberRole::kMember, 1, "", ""});
  }));
  auto member =
      InRead(store(), [&](Transaction& tx) { return tx.FindMember("org-1", "u-not-yet-a-user"); });
  ASSERT_OK(member);
  ASSERT_TRUE(*member);
  EXPECT_EQ((*member)->name, "");
}

// ---- Scopes

TEST_P(StoreContractTest, ScopesRoundTripUpdateDeleteAndListByName) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha"), MakeOrganisation("org-2", "Beta")});
  const Scope meals{"org-1", "scope-1", ScopeKind::kService, "Meals", "Hot meals for elders", 100};
  const Scope advice{"org-1", "scope-2", ScopeKind::kProgramme, "Advice", "", 200};
  const Scope elsewhere{"org-2", "scope-1", ScopeKind::kDepartment, "Same id, other org", "", 300};
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    for (const auto& s : {meals, advice, elsewhere}) {
      if (auto r = tx.InsertScope(s); !r) return r;
    }
    return {};
  }));
  auto found = InRead(store(), [&](Transaction& tx) { return tx.FindScope("org-1", "scope-1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(*found);
  EXPECT_EQ((*found)->kind, ScopeKind::kService);
  EXPECT_EQ((*found)->name, "Meals");
  EXPECT_EQ((*found)->description, "Hot meals for elders");
  EXPECT_EQ((*found)->created_at, 100);

  auto listed = InRead(store(), [&](Transaction& tx) { return tx.ListScopes("org-1"); });
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].name, "Advice");
  EXPECT_EQ((*listed)[1].name, "Meals");

  Scope renamed = meals;
  renamed.name = "Community meals";
  renamed.kind = ScopeKind::kProject;
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.UpdateScope(renamed); }));
  auto updated = InRead(store(), [&](Transaction& tx) { return tx.FindScope("org-1", "scope-1"); });
  ASSERT_OK(updated);
  EXPECT_EQ((*updated)->name, "Community meals");
  EXPECT_EQ((*updated)->kind, ScopeKind::kProject);
  auto untouched =
      InRead(store(), [&](Transaction& tx) { return tx.FindScope("org-2", "scope-1"); });
  ASSERT_OK(untouched);
  EXPECT_EQ((*untouched)->name, "Same id, other org");

  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.DeleteScope("org-1", "scope-1"); }));
  auto gone = InRead(store(), [&](Transaction& tx) { return tx.FindScope("org-1", "scope-1"); });
  ASSERT_OK(gone);
  EXPECT_FALSE(*gone);
  for (auto op : std::vector<std::function<Result<void>(Transaction&)>>{
           [&](Transaction& tx) { return tx.DeleteScope("org-1", "scope-1"); },
           [&](Transaction& tx) { return tx.UpdateScope(meals); }}) {
    auto missing = InWrite(store(), op);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  }
}

// ---- Membership requests

TEST_P(StoreContractTest, MembershipRequestsOnePendingAtATimeDecidedOnce) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha"), MakeOrganisation("org-2", "Beta")});
  MembershipRequest first;
  first.organisation_id = "org-1";
  first.id = "req-1";
  first.staff = 30;
  first.turnover_pence = 200'000'000;
  first.size_band = SizeBand::kMedium;
  first.fee = {"GBP", SizeBand::kMedium, 60'000, 20, 12'000, 72'000};
  first.requested_by = "user-1";
  first.requested_at = 1000;
  MembershipRequest second = first;
  second.id = "req-2";
  second.requested_at = 2000;
  MembershipRequest elsewhere = first;
  elsewhere.organisation_id = "org-2";
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.InsertMembershipRequest(first); }));
  ASSERT_OK(
      InWrite(store(), [&](Transaction& tx) { return tx.InsertMembershipRequest(elsewhere); }));
  // A second pending request of the same organisation is refused, whoever asks.
  auto again =
      InWrite(store(), [&](Transaction& tx) { return tx.InsertMembershipRequest(second); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);

  auto found =
      InRead(store(), [&](Transaction& tx) { return tx.FindMembershipRequest("org-1", "req-1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(*found);
  EXPECT_EQ((*found)->fee.gross_pence, 72'000);
  EXPECT_EQ((*found)->turnover_pence, 200'000'000);
  EXPECT_EQ((*found)->size_band, SizeBand::kMedium);
  EXPECT_EQ((*found)->state, MembershipRequestState::kPending);
  EXPECT_FALSE((*found)->decided_at);
  // Not under another organisation's key.
  auto foreign =
      InRead(store(), [&](Transaction& tx) { return tx.FindMembershipRequest("org-2", "req-2"); });
  ASSERT_OK(foreign);
  EXPECT_FALSE(*foreign);

  MembershipRequest declined = **found;
  declined.state = MembershipRequestState::kDeclined;
  declined.decided_by = "admin-1";
  declined.decided_at = 1500;
  declined.reason = "Not yet";
  ASSERT_OK(
      InWrite(store(), [&](Transaction& tx) { return tx.UpdateMembershipRequest(declined); }));
  // Decided once: the version read is gone.
  auto late =
      InWrite(store(), [&](Transaction& tx) { return tx.UpdateMembershipRequest(declined); });
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kFailedPrecondition);

  // Once decided, a new request may wait; lists are newest first and pending oldest first.
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.InsertMembershipRequest(second); }));
  auto listed =
      InRead(store(), [&](Transaction& tx) { return tx.ListMembershipRequests("org-1"); });
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, "req-2");
  EXPECT_EQ((*listed)[1].reason, "Not yet");
  EXPECT_EQ((*listed)[1].version, 2);
  auto pending =
      InRead(store(), [&](Transaction& tx) { return tx.ListPendingMembershipRequests(); });
  ASSERT_OK(pending);
  ASSERT_EQ(pending->size(), 2u);
  EXPECT_EQ((*pending)[0].organisation_id, "org-2");  // asked at 1000
  EXPECT_EQ((*pending)[1].id, "req-2");               // at 2000
}

// ---- Appeals

TEST_P(StoreContractTest, AppealsOnePerDecisionDecidedOnceFoundById) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha")});
  Appeal first;
  first.organisation_id = "org-1";
  first.id = "appeal-1";
  first.subject = AppealSubject::kRejection;
  first.application_id = "app-1";
  first.grounds = "The plan was on page 4.";
  first.filed_by = "user-1";
  first.filed_at = 1000;
  first.decision_on = "2030-03-12";
  first.deadline = "2030-03-26";
  first.took_part = {"admin-1", "assessor-1"};
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.InsertAppeal(first); }));
  // The same decision cannot be appealed twice.
  Appeal again = first;
  again.id = "appeal-2";
  auto twice = InWrite(store(), [&](Transaction& tx) { return tx.InsertAppeal(again); });
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kAlreadyExists);
  // A later decision about the same application is another appeal.
  again.decision_on = "2030-05-01";
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.InsertAppeal(again); }));

  auto found = InRead(store(), [&](Transaction& tx) { return tx.FindAppeal("appeal-1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(*found);
  EXPECT_EQ((*found)->took_part, (std::vector<std::string>{"admin-1", "assessor-1"}));
  EXPECT_EQ((*found)->grounds, "The plan was on page 4.");
  EXPECT_EQ((*found)->state, AppealState::kOpen);
  Appeal decided = **found;
  decided.state = AppealState::kUpheld;
  decided.decided_by = "panel-1";
  decided.decided_at = 2000;
  decided.reasons = "It was there.";
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.UpdateAppeal(decided); }));
  auto late = InWrite(store(), [&](Transaction& tx) { return tx.UpdateAppeal(decided); });
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kFailedPrecondition);

  auto open = InRead(store(), [&](Transaction& tx) { return tx.ListOpenAppeals(); });
  ASSERT_OK(open);
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ((*open)[0].id, "appeal-2");
  auto all = InRead(store(), [&](Transaction& tx) { return tx.ListAppeals("org-1"); });
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1].reasons, "It was there.");
  auto none = InRead(store(), [&](Transaction& tx) { return tx.FindAppeal("appeal-9"); });
  ASSERT_OK(none);
  EXPECT_FALSE(*none);
}

// ---- Invitations

TEST_P(StoreContractTest, InvitationsByIdByTokenUpdateAndNewestFirst) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha"), MakeOrganisation("org-2", "Beta")});
  const Invitation first = MakeInvitation("org-1", "inv-1", "tok-1", 1000);
  const Invitation second = MakeInvitation("org-1", "inv-2", "tok-2", 2000);
  const Invitation other_org_same_token = MakeInvitation("org-2", "inv-1", "tok-1", 1500);
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    for (const auto& inv : {first, second, other_org_same_token}) {
      if (auto r = tx.InsertInvitation(inv); !r) return r;
    }
    return {};
  }));

  auto by_id =
      InRead(store(), [&](Transaction& tx) { return tx.FindInvitation("org-1", "inv-1"); });
  ASSERT_OK(by_id);
  ASSERT_TRUE(*by_id);
  ExpectSameInvitation(**by_id, first);
  auto by_token =
      InRead(store(), [&](Transaction& tx) { return tx.FindInvitationByToken("org-1", "tok-2"); });
  ASSERT_OK(by_token);
  ASSERT_TRUE(*by_token);
  ExpectSameInvitation(**by_token, second);
  auto other =
      InRead(store(), [&](Transaction& tx) { return tx.FindInvitationByToken("org-2", "tok-1"); });
  ASSERT_OK(other);
  ASSERT_TRUE(*other);
  EXPECT_EQ((*other)->organisation_id, "org-2");
  auto none =
      InRead(store(), [&](Transaction& tx) { return tx.FindInvitationByToken("org-1", "tok-x"); });
  ASSERT_OK(none);
  EXPECT_FALSE(*none);

  auto listed = InRead(store(), [&](Transaction& tx) { return tx.ListInvitations("org-1"); });
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, "inv-2");  // newest first
  EXPECT_EQ((*listed)[1].id, "inv-1");

  Invitation accepted = first;
  accepted.accepted_at = 1200;
  Invitation revoked = second;
  revoked.revoked_at = 2100;
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    if (auto r = tx.UpdateInvitation(accepted); !r) return r;
    return tx.UpdateInvitation(revoked);
  }));
  auto after =
      InRead(store(), [&](Transaction& tx) { return tx.FindInvitation("org-1", "inv-1"); });
  ASSERT_OK(after);
  ExpectSameInvitation(**after, accepted);
  auto after_revoke =
      InRead(store(), [&](Transaction& tx) { return tx.FindInvitation("org-1", "inv-2"); });
  ASSERT_OK(after_revoke);
  ExpectSameInvitation(**after_revoke, revoked);

  auto duplicate_id = InWrite(store(), [&](Transaction& tx) {
    return tx.InsertInvitation(MakeInvitation("org-1", "inv-1", "tok-new", 3000));
  });
  ASSERT_FALSE(duplicate_id);
  EXPECT_EQ(duplicate_id.error().code, ErrorCode::kAlreadyExists);
  auto duplicate_token = InWrite(store(), [&](Transaction& tx) {
    return tx.InsertInvitation(MakeInvitation("org-1", "inv-9", "tok-2", 3000));
  });
  ASSERT_FALSE(duplicate_token);
  EXPECT_EQ(duplicate_token.error().code, ErrorCode::kAlreadyExists);
  auto missing = InWrite(store(), [&](Transaction& tx) {
    return tx.UpdateInvitation(MakeInvitation("org-1", "inv-none", "t", 1));
  });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

// ---- Outbox

// In-app notifications: one address's messages newest first, and a read mark
// per user that only the latest value counts for.
TEST_P(StoreContractTest, MessagesToOneAddressAndReadMarks) {
  InsertUsers({MakeUser("u-1", "a@x", "A")});
  std::vector<int64_t> ids;
  for (const char* to : {"a@x", "b@x", "a@x"}) {
    OutboxMessage message{0, to, "Subject", "Body", 1000, std::nullopt, 0, ""};
    auto id = InWrite(store(), [&](Transaction& tx) { return tx.EnqueueMessage(message); });
    ASSERT_OK(id);
    ids.push_back(*id);
  }
  auto mine = InRead(store(), [&](Transaction& tx) { return tx.ListMessagesTo("a@x", 10); });
  ASSERT_OK(mine);
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].id, ids[2]);
  EXPECT_EQ((*mine)[1].id, ids[0]);
  auto one = InRead(store(), [&](Transaction& tx) { return tx.ListMessagesTo("a@x", 1); });
  ASSERT_OK(one);
  EXPECT_EQ(one->size(), 1u);

  auto none = InRead(store(), [&](Transaction& tx) { return tx.NotificationsSeenUpTo("u-1"); });
  ASSERT_OK(none);
  EXPECT_EQ(*none, 0);
  ASSERT_OK(InWrite(store(),
                    [&](Transaction& tx) { return tx.SetNotificationsSeenUpTo("u-1", ids[0]); }));
  ASSERT_OK(InWrite(store(),
                    [&](Transaction& tx) { return tx.SetNotificationsSeenUpTo("u-1", ids[2]); }));
  auto seen = InRead(store(), [&](Transaction& tx) { return tx.NotificationsSeenUpTo("u-1"); });
  ASSERT_OK(seen);
  EXPECT_EQ(*seen, ids[2]);
}

TEST_P(StoreContractTest, OutboxUnsentSentAndFailed) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 4; ++i) {
    OutboxMessage message{0,
                          fmt::format("person{}@example.org", i),
                          fmt::format("Subject {}", i),
                          "Body\nline 2",
                          1000 + i,
                          std::nullopt,
                          0,
                          ""};
    auto id = InWrite(store(), [&](Transaction& tx) { return tx.EnqueueMessage(message); });
    ASSERT_OK(id);
    ids.push_back(*id);
  }
  for (size_t i = 1; i < ids.size(); ++i) EXPECT_GT(ids[i], ids[i - 1]);

  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    if (auto r = tx.MarkMessageSent(ids[1], 5000); !r) return r;
    if (auto r = tx.MarkMessageFailed(ids[2], "connection refused"); !r) return r;
    return tx.MarkMessageFailed(ids[2], "timeout");
  }));

  auto unsent = InRead(store(), [&](Transaction& tx) { return tx.ListUnsentMessages(10); });
  ASSERT_OK(unsent);
  ASSERT_EQ(unsent->size(), 3u);  // oldest first; a failed message is still unsent
  EXPECT_EQ((*unsent)[0].id, ids[0]);
  EXPECT_EQ((*unsent)[0].to, "person0@example.org");
  EXPECT_EQ((*unsent)[0].subject, "Subject 0");
  EXPECT_EQ((*unsent)[0].body, "Body\nline 2");
  EXPECT_EQ((*unsent)[0].created_at, 1000);
  EXPECT_FALSE((*unsent)[0].sent_at);
  EXPECT_EQ((*unsent)[1].id, ids[2]);
  EXPECT_EQ((*unsent)[1].attempts, 2);
  EXPECT_EQ((*unsent)[1].last_error, "timeout");
  EXPECT_EQ((*unsent)[2].id, ids[3]);
  auto limited = InRead(store(), [&](Transaction& tx) { return tx.ListUnsentMessages(1); });
  ASSERT_OK(limited);
  ASSERT_EQ(limited->size(), 1u);
  EXPECT_EQ((*limited)[0].id, ids[0]);

  // All messages, newest first, page by page.
  std::vector<int64_t> seen;
  std::string after;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = InRead(store(), [&](Transaction& tx) {
      return tx.ListMessages(PageRequest{after, 3});
    });
    ASSERT_OK(page);
    if (page->empty()) break;
    for (const auto& m : *page) {
      seen.push_back(m.id);
      if (m.id == ids[1]) {
        EXPECT_EQ(m.sent_at, std::optional<UnixTime>(5000));
      }
    }
    after = std::to_string(page->back().id);
  }
  EXPECT_EQ(seen, (std::vector<int64_t>{ids[3], ids[2], ids[1], ids[0]}));

  auto bad_cursor = InRead(store(), [&](Transaction& tx) {
    return tx.ListMessages(PageRequest{"abc", 3});
  });
  ASSERT_FALSE(bad_cursor);
  EXPECT_EQ(bad_cursor.error().code, ErrorCode::kInvalidArgument);
  auto missing =
      InWrite(store(), [&](Transaction& tx) { return tx.MarkMessageSent(ids.back() + 100, 1); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  auto missing_failed = InWrite(
      store(), [&](Transaction& tx) { return tx.MarkMessageFailed(ids.back() + 100, "x"); });
  ASSERT_FALSE(missing_failed);
  EXPECT_EQ(missing_failed.error().code, ErrorCode::kNotFound);
}

// ---- Audit log

TEST_P(StoreContractTest, AuditAppendHeadAndListByEntity) {
  auto empty = InWrite(store(), [&](Transaction& tx) { return tx.AuditHead("org-1"); });
  ASSERT_OK(empty);
  EXPECT_FALSE(*empty);

  const AuditEntry e1 = MakeAudit("org-1", 1, "", "h1", "org-1", 100);
  const AuditEntry e2 = MakeAudit("org-1", 2, "h1", "h2", "scope-9", 200);
  const AuditEntry e3 = MakeAudit("org-1", 3, "h2", "h3", "org-1", 300);
  const AuditEntry p1 = MakeAudit("platform", 1, "", "p1", "org-1", 150);
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    for (const auto& e : {e1, e2, e3, p1}) {
      if (auto r = tx.AppendAudit(e); !r) return r;
    }
    return {};
  }));

  for (bool write : {false, true}) {
    auto head =
        InTransaction(store(), write, [&](Transaction& tx) { return tx.AuditHead("org-1"); });
    ASSERT_OK(head);
    ASSERT_TRUE(*head);
    ExpectSameAudit(**head, e3);
  }
  auto platform_head = InRead(store(), [&](Transaction& tx) { return tx.AuditHead("platform"); });
  ASSERT_OK(platform_head);
  ASSERT_TRUE(*platform_head);
  ExpectSameAudit(**platform_head, p1);
  EXPECT_EQ((*platform_head)->organisation_id, "");

  // About one record, oldest first, across chains.
  auto about_org = InRead(
      store(), [&](Transaction& tx) { return tx.ListAuditForEntity("organisation", "org-1"); });
  ASSERT_OK(about_org);
  ASSERT_EQ(about_org->size(), 3u);
  ExpectSameAudit((*about_org)[0], e1);
  ExpectSameAudit((*about_org)[1], p1);
  ExpectSameAudit((*about_org)[2], e3);
  auto about_scope = InRead(
      store(), [&](Transaction& tx) { return tx.ListAuditForEntity("organisation", "scope-9"); });
  ASSERT_OK(about_scope);
  ASSERT_EQ(about_scope->size(), 1u);
  ExpectSameAudit((*about_scope)[0], e2);
  auto about_nothing =
      InRead(store(), [&](Transaction& tx) { return tx.ListAuditForEntity("scope", "org-1"); });
  ASSERT_OK(about_nothing);
  EXPECT_TRUE(about_nothing->empty());
}

// An organisation's History: its chain newest first, before a seq, narrowed
// by kind of record and by person — the same SQL on both back ends.
TEST_P(StoreContractTest, AuditHistoryIsNewestFirstAndFiltered) {
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    for (int i = 1; i <= 4; ++i) {
      AuditEntry e =
          MakeAudit("org-h", i, i == 1 ? "" : fmt::format("h{}", i - 1), fmt::format("h{}", i));
      if (i % 2 == 0) e.entity_type = "application";
      if (i == 4) e.actor_id = "u-other";
      if (auto r = tx.AppendAudit(e); !r) return r;
    }
    return AppendNext(tx, "org-x", "x1");
  }));
  auto seqs = [&](const std::string& kind, const std::string& actor, int64_t before, int limit) {
    std::vector<int64_t> out;
    auto list = InRead(store(), [&](Transaction& tx) {
      return tx.ListAuditHistory("org-h", kind, actor, before, limit);
    });
    EXPECT_TRUE(list.has_value());
    if (list)
      for (const AuditEntry& e : *list) out.push_back(e.seq);
    return out;
  };
  using Seqs = std::vector<int64_t>;
  EXPECT_EQ(seqs("", "", 0, 100), (Seqs{4, 3, 2, 1}));
  EXPECT_EQ(seqs("", "", 0, 2), (Seqs{4, 3}));
  EXPECT_EQ(seqs("", "", 3, 100), (Seqs{2, 1}));
  EXPECT_EQ(seqs("application", "", 0, 100), (Seqs{4, 2}));
  EXPECT_EQ(seqs("application", "u-actor", 0, 100), (Seqs{2}));
  EXPECT_EQ(seqs("", "u-other", 0, 100), (Seqs{4}));
  EXPECT_EQ(seqs("survey", "", 0, 100), Seqs{});
  auto bad =
      InRead(store(), [&](Transaction& tx) { return tx.ListAuditHistory("org-h", "", "", 0, 0); });
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(StoreContractTest, AuditChainListingPagesInOrder) {
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    for (int i = 1; i <= 5; ++i) {
      if (auto r = AppendNext(tx, "org-b", fmt::format("b{}", i)); !r) return r;
    }
    if (auto r = AppendNext(tx, "org-a", "a1"); !r) return r;
    return AppendNext(tx, "platform", "p1");
  }));
  auto chains = InRead(store(), [&](Transaction& tx) { return tx.ListAuditChains(); });
  ASSERT_OK(chains);
  EXPECT_EQ(*chains, (std::vector<std::string>{"org-a", "org-b", "platform"}));

  auto first = InRead(store(), [&](Transaction& tx) { return tx.ListAuditChain("org-b", 0, 2); });
  ASSERT_OK(first);
  ASSERT_EQ(first->size(), 2u);
  EXPECT_EQ((*first)[0].seq, 1);
  EXPECT_EQ((*first)[0].prev_hash, "");
  EXPECT_EQ((*first)[1].seq, 2);
  EXPECT_EQ((*first)[1].prev_hash, "b1");
  auto rest = InRead(store(), [&](Transaction& tx) { return tx.ListAuditChain("org-b", 2, 100); });
  ASSERT_OK(rest);
  ASSERT_EQ(rest->size(), 3u);
  EXPECT_EQ((*rest)[0].seq, 3);
  EXPECT_EQ((*rest)[2].seq, 5);
  EXPECT_EQ((*rest)[2].hash, "b5");
  auto beyond =
      InRead(store(), [&](Transaction& tx) { return tx.ListAuditChain("org-b", 5, 100); });
  ASSERT_OK(beyond);
  EXPECT_TRUE(beyond->empty());
  auto bad = InRead(store(), [&](Transaction& tx) { return tx.ListAuditChain("org-b", 0, 0); });
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(StoreContractTest, AuditRefusesAnEntryThatDoesNotExtendTheHead) {
  ASSERT_OK(InWrite(
      store(), [&](Transaction& tx) { return tx.AppendAudit(MakeAudit("org-1", 1, "", "h1")); }));
  const std::vector<AuditEntry> bad = {
      MakeAudit("org-1", 1, "", "again"),   // seq taken
      MakeAudit("org-1", 3, "h1", "gap"),   // gap
      MakeAudit("org-1", 2, "wrong", "x"),  // fork: prev_hash is not the head's hash
      MakeAudit("org-2", 2, "", "x"),       // a new chain starts at 1
  };
  for (const auto& entry : bad) {
    auto r = InWrite(store(), [&](Transaction& tx) { return tx.AppendAudit(entry); });
    ASSERT_FALSE(r) << entry.hash;
    EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition)
        << entry.hash << ": " << r.error().message;
  }
  auto chain = InRead(store(), [&](Transaction& tx) { return tx.ListAuditChain("org-1", 0, 100); });
  ASSERT_OK(chain);
  ASSERT_EQ(chain->size(), 1u);
  EXPECT_EQ((*chain)[0].hash, "h1");
}

TEST_P(StoreContractTest, AuditLogRejectsUpdateAndDeleteInTheDatabase) {
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return AppendNext(tx, "org-1", "h1"); }));
  for (const std::string sql :
       {"UPDATE audit_log SET action = 'forged'", "DELETE FROM audit_log"}) {
    const std::string error = ExecRaw(sql);
    EXPECT_NE(error.find("append-only"), std::string::npos) << sql << " -> \"" << error << "\"";
  }
  if (!IsSqlite()) {
    const std::string error = ExecRaw("TRUNCATE audit_log");
    EXPECT_NE(error.find("append-only"), std::string::npos) << error;
  }
  auto chain = InRead(store(), [&](Transaction& tx) { return tx.ListAuditChain("org-1", 0, 100); });
  ASSERT_OK(chain);
  ASSERT_EQ(chain->size(), 1u);
  EXPECT_EQ((*chain)[0].action, "organisation.update");
}

TEST_P(StoreContractTest, ConcurrentWritersAppendAGapFreeChain) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 25;
  std::atomic<int> failures{0};
  std::string first_failure;
  std::mutex failure_mu;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto r = store().Write([&](Transaction& tx) {
          // Also an entry on a second chain, so that transactions hold two
          // chains at once, in the same order.
          if (auto shared = AppendNext(tx, "org-1", fmt::format("t{}-{}", t, i)); !shared)
            return shared;
          return AppendNext(tx, "platform", fmt::format("p{}-{}", t, i));
        });
        if (!r) {
          ++failures;
          std::lock_guard lock(failure_mu);
          if (first_failure.empty()) first_failure = r.error().message;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0) << first_failure;

  for (const std::string chain : {"org-1", "platform"}) {
    auto entries =
        InRead(store(), [&](Transaction& tx) { return tx.ListAuditChain(chain, 0, 1000); });
    ASSERT_OK(entries);
    ASSERT_EQ(entries->size(), static_cast<size_t>(kThreads * kPerThread)) << chain;
    std::string prev;
    for (size_t i = 0; i < entries->size(); ++i) {
      EXPECT_EQ((*entries)[i].seq, static_cast<int64_t>(i + 1)) << chain;
      EXPECT_EQ((*entries)[i].prev_hash, prev) << chain << " seq " << i + 1;
      prev = (*entries)[i].hash;
    }
  }
}

// ---- Transactions

TEST_P(StoreContractTest, AFailingWriteLeavesNothingBehind) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha")});
  const Error refusal = Error::Make(ErrorCode::kPermissionDenied, "changed my mind");
  auto r = store().Write([&](Transaction& tx) -> Result<void> {
    if (auto w = tx.InsertUser(MakeUser("u-1", "a@x"), "h"); !w) return w;
    Organisation edit = MakeOrganisation("org-1", "Renamed");
    if (auto w = tx.UpdateOrganisation(edit); !w) return w;
    if (auto w = tx.InsertScope({"org-1", "scope-1", ScopeKind::kProject, "S", "", 1}); !w)
      return w;
    if (auto w = tx.EnqueueMessage({0, "a@x", "s", "b", 1, std::nullopt, 0, ""}); !w)
      return Fail(w.error());
    if (auto w = AppendNext(tx, "org-1", "h1"); !w) return w;
    return Fail(refusal);
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(r.error().message, "changed my mind");

  ASSERT_OK(InRead(store(), [&](Transaction& tx) -> Result<void> {
    auto user = tx.FindUserById("u-1");
    EXPECT_TRUE(user && !*user);
    auto org = tx.FindOrganisation("org-1");
    EXPECT_TRUE(org && *org && (*org)->name == "Alpha" && (*org)->version == 1);
    auto scope = tx.FindScope("org-1", "scope-1");
    EXPECT_TRUE(scope && !*scope);
    auto messages = tx.ListUnsentMessages(10);
    EXPECT_TRUE(messages && messages->empty());
    auto head = tx.AuditHead("org-1");
    EXPECT_TRUE(head && !*head);
    return {};
  }));
  // And the chain starts at 1 afterwards: nothing of the failed append stuck.
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return AppendNext(tx, "org-1", "h1"); }));
  auto head = InRead(store(), [&](Transaction& tx) { return tx.AuditHead("org-1"); });
  ASSERT_OK(head);
  ASSERT_TRUE(*head);
  EXPECT_EQ((*head)->seq, 1);
}

TEST_P(StoreContractTest, ReadSeesCommittedDataAndCannotWrite) {
  InsertUsers({MakeUser("u-1", "a@x", "Ada")});
  auto found = InRead(store(), [&](Transaction& tx) { return tx.FindUserById("u-1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(*found);
  EXPECT_EQ((*found)->name, "Ada");

  auto write_in_read =
      store().Read([&](Transaction& tx) { return tx.InsertUser(MakeUser("u-2", "b@x"), "h"); });
  EXPECT_FALSE(write_in_read);
  auto absent = InRead(store(), [&](Transaction& tx) { return tx.FindUserById("u-2"); });
  ASSERT_OK(absent);
  EXPECT_FALSE(*absent);
}

TEST_P(StoreContractTest, ReadIsOneConsistentSnapshot) {
  InsertUsers({MakeUser("u-1", "a@x", "Before")});
  std::string first;
  std::string second;
  Result<void> concurrent_write;
  ASSERT_OK(store().Read([&](Transaction& tx) -> Result<void> {
    auto a = tx.FindUserById("u-1");
    if (!a || !*a) return Fail(Error::Make(ErrorCode::kInternal, "no user"));
    first = (*a)->name;
    std::thread writer([&] {
      concurrent_write = store().Write(
          [](Transaction& w) { return w.UpdateUser(MakeUser("u-1", "a@x", "After")); });
    });
    writer.join();
    auto b = tx.FindUserById("u-1");
    if (!b || !*b) return Fail(Error::Make(ErrorCode::kInternal, "no user"));
    second = (*b)->name;
    return {};
  }));
  ASSERT_OK(concurrent_write);
  EXPECT_EQ(first, "Before");
  EXPECT_EQ(second, "Before") << "a Read saw a write committed after it began";
  auto now = InRead(store(), [&](Transaction& tx) { return tx.FindUserById("u-1"); });
  ASSERT_OK(now);
  EXPECT_EQ((*now)->name, "After");
}

// A request's reads share one snapshot: a Read() inside a Read() on the same
// thread sees what the outer one sees, not a later commit.
TEST_P(StoreContractTest, NestedReadSharesTheOuterSnapshot) {
  InsertUsers({MakeUser("u-1", "a@x", "Before")});
  std::string inner_name;
  ASSERT_OK(store().Read([&](Transaction& outer) -> Result<void> {
    auto a = outer.FindUserById("u-1");
    if (!a || !*a) return Fail(Error::Make(ErrorCode::kInternal, "no user"));
    std::thread writer([&] {
      EXPECT_OK(store().Write(
          [](Transaction& w) { return w.UpdateUser(MakeUser("u-1", "a@x", "After")); }));
    });
    writer.join();
    return store().Read([&](Transaction& inner) -> Result<void> {
      auto b = inner.FindUserById("u-1");
      if (!b || !*b) return Fail(Error::Make(ErrorCode::kInternal, "no user"));
      inner_name = (*b)->name;
      return {};
    });
  }));
  EXPECT_EQ(inner_name, "Before") << "a nested Read began a snapshot of its own";
  auto now = InRead(store(), [&](Transaction& tx) { return tx.FindUserById("u-1"); });
  ASSERT_OK(now);
  EXPECT_EQ((*now)->name, "After");
}

// The change tag moves with every commit, from any thread or connection, and
// stands still otherwise; a back end without one says so with nullopt.
TEST_P(StoreContractTest, ChangeTagMovesWithEveryCommit) {
  const auto before = store().ChangeTag();
  if (!before) GTEST_SKIP() << store().Kind() << " gives no change tag";
  // On PostgreSQL the tag is the whole server's, and other tests may be
  // committing in their own databases of it meanwhile: a read must leave the
  // tag alone in at least one of a few tries (a tag that every read moved
  // would fail them all).
  bool a_read_left_it = false;
  for (int attempt = 0; attempt < 10 && !a_read_left_it; ++attempt) {
    const auto at_start = store().ChangeTag();
    ASSERT_OK(InRead(store(), [&](Transaction& tx) { return tx.FindUserById("nobody"); }));
    a_read_left_it = store().ChangeTag() == at_start;
  }
  EXPECT_TRUE(a_read_left_it) << "every read moved the tag";
  const auto before_write = store().ChangeTag();
  InsertUsers({MakeUser("u-1", "a@x", "A")});
  const auto after_own = store().ChangeTag();
  EXPECT_NE(after_own, before_write);
  std::thread other([&] {
    EXPECT_OK(
        store().Write([](Transaction& w) { return w.UpdateUser(MakeUser("u-1", "a@x", "B")); }));
  });
  other.join();
  EXPECT_NE(store().ChangeTag(), after_own);
}

// Another store object on the same database (a second server, the CLI)
// commits unseen by this one: the tag moves all the same.
TEST_P(StoreContractTest, ChangeTagMovesWithACommitOfAnotherStore) {
  const auto before = store().ChangeTag();
  if (!before) GTEST_SKIP() << store().Kind() << " gives no change tag";
  auto other = IsSqlite() ? storage::OpenStore("sqlite:" + sqlite_path_)
                          : storage::OpenStore(UrlWithDatabase(pg_admin_url_, pg_database_));
  ASSERT_OK(other);
  ASSERT_OK(InWrite(**other, [](Transaction& tx) {
    return tx.InsertUser(MakeUser("u-9", "nine@x", "Nine"), "hash");
  }));
  EXPECT_NE(store().ChangeTag(), before);
}

// PostgreSQL's pool hands its connections out in the order they were asked
// for: threads that keep asking cannot starve one that waits.
// valuemark's PostgreSQL sessions plan for data on SSDs or in memory
// (docs/operations.md "PostgreSQL"), unless the URL names the setting itself.
TEST_P(StoreContractTest, PostgresSessionsPlanForDataInMemoryUnlessTheUrlSaysOtherwise) {
  if (IsSqlite()) GTEST_SKIP() << "a PostgreSQL planner setting";
  auto shown = [](const std::string& conninfo) -> std::string {
    auto c = storage::postgres::PgConnection::Connect(conninfo);
    if (!c) return c.error().message;
    auto r = (*c)->ExecScript("SHOW random_page_cost");
    return r ? r->Text(0, 0) : r.error().message;
  };
  EXPECT_EQ(shown(pg_conninfo_), "1.1");
  if (pg_conninfo_.find("://") == std::string::npos) return;  // not a URL: nothing to append to
  const std::string own = pg_conninfo_ + (pg_conninfo_.find('?') == std::string::npos ? "?" : "&") +
                          "options=-c%20random_page_cost%3D3";
  EXPECT_EQ(shown(own), "3");
}

TEST_P(StoreContractTest, APoolServesWaitersInTurn) {
  if (IsSqlite()) GTEST_SKIP() << "SQLite has no pool of connections";
  storage::PostgresOptions options;
  options.max_connections = 1;
  auto created = storage::PostgresStore::Create(pg_conninfo_, options);
  ASSERT_OK(created);
  Store& pool_of_one = **created;
  std::atomic<bool> stop{false};
  std::atomic<int> greedy_reads{0};
  std::vector<std::thread> greedy;
  for (int t = 0; t < 2; ++t) {
    greedy.emplace_back([&] {
      while (!stop) {
        EXPECT_OK(InRead(pool_of_one, [](Transaction& tx) { return tx.FindUserById("nobody"); }));
        ++greedy_reads;
      }
    });
  }
  while (greedy_reads < 20) std::this_thread::yield();
  // How many of the others' transactions ran while this thread waited: the
  // two already in line at most, and one counted late.
  int most = 0;
  for (int i = 0; i < 20; ++i) {
    const int at_ask = greedy_reads.load();
    int at_turn = 0;
    ASSERT_OK(pool_of_one.Read([&](Transaction&) -> Result<void> {
      at_turn = greedy_reads.load();
      return {};
    }));
    most = std::max(most, at_turn - at_ask);
  }
  stop = true;
  for (auto& thread : greedy) thread.join();
  EXPECT_LE(most, 4) << "a waiting thread was overtaken again and again";
}

// OpenStore opens as many PostgreSQL connections as it is asked for (the
// server asks for one per thread that runs transactions), more than the
// default four.
TEST_P(StoreContractTest, OpenStoreOpensTheConnectionsAskedFor) {
  if (IsSqlite()) GTEST_SKIP() << "SQLite has no pool of connections";
  constexpr int kThreads = 6;
  storage::StoreOptions options;
  options.connections = kThreads;
  auto opened = storage::OpenStore(UrlWithDatabase(pg_admin_url_, pg_database_), options);
  ASSERT_OK(opened);
  std::mutex mu;
  std::condition_variable changed;
  int inside = 0, most = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      EXPECT_OK((*opened)->Read([&](Transaction&) -> Result<void> {
        std::unique_lock lock(mu);
        most = std::max(most, ++inside);
        changed.notify_all();
        // Everyone in at once, or give up after a while.
        changed.wait_for(lock, std::chrono::seconds(2), [&] { return most == kThreads; });
        --inside;
        return {};
      }));
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(most, kThreads) << "transactions waited for a connection";
}

TEST_P(StoreContractTest, ConcurrentInsertsOfOneEmailAdmitOne) {
  constexpr int kThreads = 4;
  std::vector<Result<void>> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      results[t] = store().Write([&](Transaction& tx) {
        return tx.InsertUser(MakeUser(fmt::format("u-{}", t), "same@example.org"), "h");
      });
    });
  }
  for (auto& thread : threads) thread.join();
  int ok = 0;
  for (const auto& r : results) {
    if (r) {
      ++ok;
    } else {
      EXPECT_EQ(r.error().code, ErrorCode::kAlreadyExists) << r.error().message;
    }
  }
  EXPECT_EQ(ok, 1);
}

TEST_P(StoreContractTest, ConcurrentUpdatesOfOneVersionAdmitOne) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha")});
  constexpr int kThreads = 4;
  std::vector<Result<void>> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      results[t] = store().Write([&](Transaction& tx) {
        return tx.UpdateOrganisation(MakeOrganisation("org-1", fmt::format("Edit {}", t)));
      });
    });
  }
  for (auto& thread : threads) thread.join();
  int ok = 0;
  for (const auto& r : results) {
    if (r) {
      ++ok;
    } else {
      EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition) << r.error().message;
    }
  }
  EXPECT_EQ(ok, 1);
  auto org = InRead(store(), [&](Transaction& tx) { return tx.FindOrganisation("org-1"); });
  ASSERT_OK(org);
  EXPECT_EQ((*org)->version, 2);
}

// Many short-lived reader threads beside a writer: each thread's connection
// is opened, used and given back when the thread ends.
TEST_P(StoreContractTest, ReadersOnManyThreadsBesideAWriter) {
  InsertUsers({MakeUser("u-0", "u0@x")});
  std::atomic<bool> stop{false};
  std::atomic<int> read_failures{0};
  std::atomic<int64_t> reads{0};
  std::thread writer([&] {
    for (int i = 1; i <= 30; ++i) {
      auto r = store().Write([&](Transaction& tx) {
        return tx.InsertUser(MakeUser(fmt::format("u-{}", i), fmt::format("u{}@x", i)), "h");
      });
      EXPECT_TRUE(r) << r.error().message;
    }
    stop = true;
  });
  for (int wave = 0; !stop && wave < 200; ++wave) {
    std::vector<std::thread> readers;
    for (int t = 0; t < 3; ++t) {
      readers.emplace_back([&] {
        for (int i = 0; i < 20; ++i) {
          auto r = store().Read([&](Transaction& tx) -> Result<void> {
            auto user = tx.FindUserById("u-0");
            if (!user) return Fail(user.error());
            if (!*user) return Fail(Error::Make(ErrorCode::kInternal, "u-0 missing"));
            auto page = tx.ListUsers(PageRequest{"", 5}, {});
            if (!page) return Fail(page.error());
            return {};
          });
          if (!r) ++read_failures;
          ++reads;
        }
      });
    }
    for (auto& reader : readers) reader.join();
  }
  writer.join();
  EXPECT_EQ(read_failures.load(), 0);
  EXPECT_GT(reads.load(), 0);
  auto all = InRead(store(), [&](Transaction& tx) {
    return tx.ListUsers(PageRequest{"", 100}, {});
  });
  ASSERT_OK(all);
  EXPECT_EQ(all->size(), 31u);
}

TEST_P(StoreContractTest, NestedWriteOnTheSameStoreIsRefused) {
  auto r = store().Write([&](Transaction& tx) -> Result<void> {
    if (auto w = tx.InsertUser(MakeUser("u-1", "a@x"), "h"); !w) return w;
    return store().Write([](Transaction&) -> Result<void> { return {}; });
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInternal);
  auto user = InRead(store(), [&](Transaction& tx) { return tx.FindUserById("u-1"); });
  ASSERT_OK(user);
  EXPECT_FALSE(*user);
  // The store is still usable afterwards.
  InsertUsers({MakeUser("u-2", "b@x")});
}

// A pooled connection that the server closed (a restart, an idle timeout,
// pg_terminate_backend) is dropped and replaced without the caller noticing.
TEST_P(StoreContractTest, ABrokenConnectionIsReplaced) {
  InsertUsers({MakeUser("u-1", "a@x")});
  if (!IsSqlite()) {
    // The pool now holds idle connections to the test database: cut them all.
    const std::string error = PgExec(
        pg_admin_url_, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
                           pg_database_ + "' AND pid <> pg_backend_pid()");
    ASSERT_EQ(error, "");
  }
  for (int i = 0; i < 3; ++i) {
    auto user = InRead(store(), [&](Transaction& tx) { return tx.FindUserById("u-1"); });
    ASSERT_OK(user);
    EXPECT_TRUE(*user);
  }
  InsertUsers({MakeUser("u-2", "b@x")});
  if (IsSqlite()) return;
  // Closed after the transaction began but before its first statement (which
  // carries PostgreSQL's BEGIN): that statement is sent again on a new session.
  for (const bool writable : {false, true}) {
    auto body = [&](Transaction& tx) -> Result<std::optional<User>> {
      const std::string error =
          PgExec(pg_admin_url_,
                 "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = '" +
                     pg_database_ + "' AND pid <> pg_backend_pid()");
      if (!error.empty()) return Fail(Error::Make(ErrorCode::kInternal, error));
      return tx.FindUserById("u-2");
    };
    auto user = writable ? InWrite(store(), body) : InRead(store(), body);
    ASSERT_OK(user);
    EXPECT_TRUE(*user);
  }
}

// ---- Backup

TEST_P(StoreContractTest, BackupMakesAReadableCopyOrExplainsPgDump) {
  InsertUsers({MakeUser("u-1", "a@x", "Ada")});
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return AppendNext(tx, "org-1", "h1"); }));
  if (!IsSqlite()) {
    auto r = store().Backup("/tmp/valuemark-never-written.dump");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_NE(r.error().message.find("pg_dump --format=custom"), std::string::npos)
        << r.error().message;
    EXPECT_FALSE(std::filesystem::exists("/tmp/valuemark-never-written.dump"));
    return;
  }
  const std::string copy_path = (dir_ / "backup.db").string();
  ASSERT_OK(store().Backup(copy_path));
  EXPECT_TRUE(std::filesystem::exists(copy_path));
  EXPECT_FALSE(std::filesystem::exists(copy_path + "-wal"))
      << "the copy is one self-contained file";

  // Writes after the backup do not reach the copy.
  InsertUsers({MakeUser("u-2", "b@x")});
  auto again = store().Backup(copy_path);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);

  auto copy = storage::SqliteStore::Create(copy_path);
  ASSERT_OK(copy);
  auto version = (*copy)->Migrate();
  ASSERT_OK(version);
  EXPECT_EQ(*version, schema_version_);
  auto user = InRead(**copy, [&](Transaction& tx) { return tx.FindUserById("u-1"); });
  ASSERT_OK(user);
  ASSERT_TRUE(*user);
  EXPECT_EQ((*user)->name, "Ada");
  auto later = InRead(**copy, [&](Transaction& tx) { return tx.FindUserById("u-2"); });
  ASSERT_OK(later);
  EXPECT_FALSE(*later);
  auto head = InRead(**copy, [&](Transaction& tx) { return tx.AuditHead("org-1"); });
  ASSERT_OK(head);
  ASSERT_TRUE(*head);
  EXPECT_EQ((*head)->hash, "h1");
}

// ---- Measure-and-manage records (impact maps, proxies, pledges, decisions)

TEST_P(StoreContractTest, RecordVersionsLatestListsAndConflicts) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha"), MakeOrganisation("org-2", "Beta")});
  const std::string big(300000, 'x');  // an impact map's body runs to hundreds of kilobytes
  const app::RecordVersion v1{"org-1",      "impact_map", "map-1", 1,  "",
                              "Lunch club", "{\"v\":1}",  "u-1",   100};
  const app::RecordVersion v2{
      "org-1", "impact_map", "map-1", 2, "scope-1", "Lunch club 2", "{\"v\":\"" + big + "\"}",
      "u-2",   200};
  const app::RecordVersion other{"org-1", "impact_map", "map-2", 1, "", "Advice", "{}", "u-1", 150};
  const app::RecordVersion pledge{"org-1", "pledge", "map-1", 1, "", "Same id, other kind",
                                  "{}",    "u-1",    160};
  const app::RecordVersion foreign{"org-2",  "impact_map", "map-3", 1,  "",
                                   "Theirs", "{}",         "u-9",   170};
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    for (const auto& r : {v1, v2, other, pledge, foreign}) {
      if (auto ok = tx.InsertRecordVersion(r); !ok) return ok;
    }
    return {};
  }));
  auto latest = InRead(
      store(), [&](Transaction& tx) { return tx.FindRecord("org-1", "impact_map", "map-1", 0); });
  ASSERT_OK(latest);
  ASSERT_TRUE(*latest);
  EXPECT_EQ((*latest)->version, 2);
  EXPECT_EQ((*latest)->scope_id, "scope-1");
  EXPECT_EQ((*latest)->body.size(), big.size() + 8);
  EXPECT_EQ((*latest)->created_by, "u-2");
  EXPECT_EQ((*latest)->created_at, 200);
  auto first = InRead(
      store(), [&](Transaction& tx) { return tx.FindRecord("org-1", "impact_map", "map-1", 1); });
  ASSERT_OK(first);
  ASSERT_TRUE(*first);
  EXPECT_EQ((*first)->body, "{\"v\":1}");
  EXPECT_EQ((*first)->title, "Lunch club");
  auto missing = InRead(
      store(), [&](Transaction& tx) { return tx.FindRecord("org-2", "impact_map", "map-1", 0); });
  ASSERT_OK(missing);
  EXPECT_FALSE(*missing);

  auto owner = InRead(
      store(), [&](Transaction& tx) { return tx.FindRecordOrganisation("impact_map", "map-3"); });
  ASSERT_OK(owner);
  EXPECT_EQ(*owner, std::optional<std::string>("org-2"));
  auto nobody = InRead(
      store(), [&](Transaction& tx) { return tx.FindRecordOrganisation("impact_map", "none"); });
  ASSERT_OK(nobody);
  EXPECT_FALSE(*nobody);

  // The latest of each, by title; other kinds and organisations apart.
  auto listed =
      InRead(store(), [&](Transaction& tx) { return tx.ListRecords("org-1", "impact_map"); });
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, "map-2");
  EXPECT_EQ((*listed)[1].id, "map-1");
  EXPECT_EQ((*listed)[1].version, 2);

  auto versions = InRead(store(), [&](Transaction& tx) {
    return tx.ListRecordVersions("org-1", "impact_map", "map-1");
  });
  ASSERT_OK(versions);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].version, 2);
  EXPECT_EQ((*versions)[1].version, 1);
  EXPECT_TRUE((*versions)[0].body.empty());
  EXPECT_EQ((*versions)[1].created_by, "u-1");

  // Two saves of the same version: the second is refused and changes nothing.
  app::RecordVersion again = v2;
  again.body = "{}";
  auto taken = InWrite(store(), [&](Transaction& tx) { return tx.InsertRecordVersion(again); });
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, ErrorCode::kAlreadyExists);
  auto kept = InRead(
      store(), [&](Transaction& tx) { return tx.FindRecord("org-1", "impact_map", "map-1", 2); });
  ASSERT_OK(kept);
  EXPECT_EQ((*kept)->body.size(), big.size() + 8);
  // A record needs its organisation.
  auto orphan = InWrite(store(), [&](Transaction& tx) {
    return tx.InsertRecordVersion({"org-none", "pledge", "p-1", 1, "", "T", "{}", "u-1", 1});
  });
  EXPECT_FALSE(orphan);
}

TEST_P(StoreContractTest, ADatabaseWithAMigrationThisProgramDoesNotKnowIsRefused) {
  // Versions are not consecutive, so "newer" means "holds a version not in
  // this program's list", not "a higher number".
  ASSERT_EQ(ExecRaw("INSERT INTO schema_migrations (version, applied_at) VALUES (8, 0)"), "");
  auto refused = store().Migrate();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(refused.error().message.find("migration 8"), std::string::npos)
      << refused.error().message;
}

// ---- Surveys and responses.

TEST_P(StoreContractTest, SurveysRoundTripByIdTokenAndVersion) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha"), MakeOrganisation("org-2", "Beta")});
  app::SurveyRecord survey{"org-1", "s-1", std::nullopt, "tok-1", R"({"title":"T"})",
                           0,       100,   100,          1};
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.InsertSurvey(survey); }));
  app::SurveyRecord same_token{"org-2", "s-2", std::nullopt, "tok-1", "{}", 0, 100, 100, 1};
  auto taken = InWrite(store(), [&](Transaction& tx) { return tx.InsertSurvey(same_token); });
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, ErrorCode::kAlreadyExists);

  auto by_token = InRead(store(), [&](Transaction& tx) { return tx.FindSurveyByToken("tok-1"); });
  ASSERT_OK(by_token);
  ASSERT_TRUE(*by_token);
  EXPECT_EQ((*by_token)->id, "s-1");
  EXPECT_EQ((*by_token)->design, R"({"title":"T"})");
  auto org = InRead(store(), [&](Transaction& tx) { return tx.FindSurveyOrganisation("s-1"); });
  ASSERT_OK(org);
  EXPECT_EQ(org->value_or(""), "org-1");
  auto none = InRead(store(), [&](Transaction& tx) { return tx.FindSurvey("org-2", "s-1"); });
  ASSERT_OK(none);
  EXPECT_FALSE(*none);

  survey.design = R"({"title":"U"})";
  survey.scope_id = "scope-x";
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.UpdateSurvey(survey); }));
  auto stale = InWrite(
      store(), [&](Transaction& tx) { return tx.UpdateSurvey(survey); });  // still version 1
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);
  auto listed = InRead(store(), [&](Transaction& tx) { return tx.ListSurveys("org-1"); });
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].version, 2);
  EXPECT_EQ((*listed)[0].scope_id.value_or(""), "scope-x");
}

// Writes whose only outcome is done or failed (a survey's count, an audit
// entry and its checkpoint) may reach PostgreSQL with the transaction's next
// statement or with its COMMIT (Statement::RunLater): the transaction still
// reads them back, in the order written, and one that fails still fails the
// transaction and undoes all of it.
TEST_P(StoreContractTest, WritesSentLaterAreReadBackInOrderAndTheirFailureUndoesTheTransaction) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha")});
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) {
    return tx.InsertSurvey({"org-1", "s-1", std::nullopt, "tok-1", "{}", 0, 100, 100, 1});
  }));
  auto wrong = [](std::string what) { return Fail(Error::Make(ErrorCode::kInternal, what)); };
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    TRY(tx.AddToResponseCount("org-1", "s-1", 2, 20));
    TRY(tx.AddToResponseCount("org-1", "s-1", 3, 30));
    TRY(AppendNext(tx, "org-1", "h1"));
    TRY(AppendNext(tx, "org-1", "h2"));  // extends the entry just appended
    auto survey = TRY(tx.FindSurvey("org-1", "s-1"));
    if (!survey || survey->response_count != 5)
      return wrong("the transaction did not read back its own counts");
    auto chain = TRY(tx.ListAuditChain("org-1", 0, 10));
    if (chain.size() != 2 || chain[1].prev_hash != "h1")
      return wrong("the transaction did not read back its own entries in order");
    return {};
  }));

  // A count for a survey that is not there fails, wherever the database
  // tells it: the entry before it and the user after it are undone too.
  auto failed = InWrite(store(), [&](Transaction& tx) -> Result<void> {
    TRY(AppendNext(tx, "org-1", "h3"));
    TRY(tx.AddToResponseCount("org-1", "no-such-survey", 1, 1));
    return tx.InsertUser(MakeUser("u-9", "late@example.org"), "hash-u-9");
  });
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().message.find("survey not found"), std::string::npos)
      << failed.error().message;
  auto chain = InRead(store(), [&](Transaction& tx) { return tx.ListAuditChain("org-1", 0, 10); });
  ASSERT_OK(chain);
  EXPECT_EQ(chain->size(), 2u);
  auto user = InRead(store(), [&](Transaction& tx) { return tx.FindUserById("u-9"); });
  ASSERT_OK(user);
  EXPECT_FALSE(*user);
  auto survey = InRead(store(), [&](Transaction& tx) { return tx.FindSurvey("org-1", "s-1"); });
  ASSERT_OK(survey);
  EXPECT_EQ((*survey)->response_count, 5);

  // Transactions that run no statement at all begin and end cleanly, and
  // the store goes on as before.
  ASSERT_OK(store().Read([](Transaction&) -> Result<void> { return {}; }));
  ASSERT_OK(store().Write([](Transaction&) -> Result<void> { return {}; }));
  auto version = InRead(store(), [&](Transaction& tx) { return tx.SchemaVersion(); });
  ASSERT_OK(version);
  EXPECT_GT(*version, 40);
}

// A count with a cap (a survey's quota) that another writer's commit has
// filled meanwhile fails the whole transaction, so that it can be written
// again with the count read afresh; up to the cap it goes through.
TEST_P(StoreContractTest, AResponseCountStopsAtItsCapAndSaysTheSurveyFilledMeanwhile) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha")});
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    TRY(tx.InsertSurvey({"org-1", "s-1", std::nullopt, "tok-1", "{}", 0, 100, 100, 1}));
    return tx.AddToResponseCount("org-1", "s-1", 3, 30, 5);
  }));
  auto past = InWrite(store(), [&](Transaction& tx) -> Result<void> {
    TRY(AppendNext(tx, "org-1", "h1"));
    TRY(tx.AddToResponseCount("org-1", "s-1", 3, 30, 5));  // 6 > 5
    return AppendNext(tx, "org-1", "h2");
  });
  ASSERT_FALSE(past);
  EXPECT_TRUE(app::IsSurveyFilledMeanwhile(past.error())) << past.error().message;
  EXPECT_EQ(past.error().retry_after_seconds, 1);
  auto chain = InRead(store(), [&](Transaction& tx) { return tx.ListAuditChain("org-1", 0, 10); });
  ASSERT_OK(chain);
  EXPECT_TRUE(chain->empty());
  // The count as the transaction's last statement (PostgreSQL could send it
  // with the COMMIT): refused all the same, and nothing of it is kept.
  auto last = InWrite(store(), [&](Transaction& tx) -> Result<void> {
    TRY(AppendNext(tx, "org-1", "h1"));
    return tx.AddToResponseCount("org-1", "s-1", 3, 30, 5);  // 6 > 5
  });
  ASSERT_FALSE(last);
  EXPECT_TRUE(app::IsSurveyFilledMeanwhile(last.error())) << last.error().message;
  chain = InRead(store(), [&](Transaction& tx) { return tx.ListAuditChain("org-1", 0, 10); });
  ASSERT_OK(chain);
  EXPECT_TRUE(chain->empty());
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) {
    return tx.AddToResponseCount("org-1", "s-1", 2, 20, 5);  // exactly 5
  }));
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) {
    return tx.AddToResponseCount("org-1", "s-1", 1, 10);  // no cap
  }));
  // A version other than the survey's (1) is refused the same way: the
  // survey changed since it was read.
  auto changed = InWrite(
      store(), [&](Transaction& tx) { return tx.AddToResponseCount("org-1", "s-1", 1, 10, 0, 2); });
  ASSERT_FALSE(changed);
  EXPECT_TRUE(app::IsSurveyFilledMeanwhile(changed.error())) << changed.error().message;
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) {
    return tx.AddToResponseCount("org-1", "s-1", 1, 10, 0, 1);
  }));
  auto survey = InRead(store(), [&](Transaction& tx) { return tx.FindSurvey("org-1", "s-1"); });
  ASSERT_OK(survey);
  EXPECT_EQ((*survey)->response_count, 7);
}

TEST_P(StoreContractTest, ResponsesAreKeyedOnceScannedInOrderAndExcludable) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha")});
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) {
    return tx.InsertSurvey({"org-1", "s-1", std::nullopt, "tok-1", "{}", 0, 100, 100, 1});
  }));
  auto response = [](const std::string& id, const std::string& key) {
    return app::SurveyResponse{"org-1", "s-1", id,           key, "",          R"({"q":1})",
                               "web",   200,   std::nullopt, "",  std::nullopt};
  };
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    for (const auto& r : {response("r-2", "k-2"), response("r-1", "k-1"), response("r-3", "k-3")})
      if (auto i = tx.InsertResponse(r); !i) return i;
    // A taken key is refused without spoiling the transaction (a batch goes on).
    auto again = tx.InsertResponse(response("r-9", "k-1"));
    if (again || again.error().code != ErrorCode::kAlreadyExists)
      return Fail(Error::Make(ErrorCode::kInternal, "a reused idempotency key was stored"));
    return tx.AddToResponseCount("org-1", "s-1", 3, 21);
  }));
  auto by_key =
      InRead(store(), [&](Transaction& tx) { return tx.FindResponseByKey("org-1", "s-1", "k-2"); });
  ASSERT_OK(by_key);
  ASSERT_TRUE(*by_key);
  EXPECT_EQ((*by_key)->id, "r-2");
  auto survey = InRead(store(), [&](Transaction& tx) { return tx.FindSurvey("org-1", "s-1"); });
  ASSERT_OK(survey);
  EXPECT_EQ((*survey)->response_count, 3);

  app::SurveyResponse excluded = response("r-2", "k-2");
  excluded.excluded_reason = "duplicate paper form";
  excluded.excluded_by = "u-1";
  excluded.excluded_at = 300;
  ASSERT_OK(
      InWrite(store(), [&](Transaction& tx) { return tx.UpdateResponseExclusion(excluded); }));
  std::vector<std::string> ids;
  int excluded_rows = 0;
  ASSERT_OK(InRead(store(), [&](Transaction& tx) {
    return tx.ScanResponses("org-1", "s-1", [&](const app::ResponseRow& row) {
      ids.emplace_back(row.id);
      EXPECT_EQ(row.answers, R"({"q":1})");
      excluded_rows += row.excluded ? 1 : 0;
    });
  }));
  EXPECT_EQ(ids, (std::vector<std::string>{"r-1", "r-2", "r-3"}));
  EXPECT_EQ(excluded_rows, 1);
  auto page = InRead(store(), [&](Transaction& tx) {
    return tx.ListResponses("org-1", "s-1", {"r-1", 1}, app::ResponseFilter::kAll);
  });
  ASSERT_OK(page);
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ((*page)[0].excluded_reason.value_or(""), "duplicate paper form");
  EXPECT_EQ((*page)[0].excluded_at.value_or(0), 300);
  // A list of those used in the results, or of those excluded.
  auto ids_of = [&](app::ResponseFilter filter, const std::string& after) {
    std::vector<std::string> out;
    auto list = InRead(store(), [&](Transaction& tx) {
      return tx.ListResponses("org-1", "s-1", {after, 10}, filter);
    });
    EXPECT_TRUE(list.has_value());
    if (list)
      for (const auto& r : *list) out.push_back(r.id);
    return out;
  };
  EXPECT_EQ(ids_of(app::ResponseFilter::kUsed, ""), (std::vector<std::string>{"r-1", "r-3"}));
  EXPECT_EQ(ids_of(app::ResponseFilter::kUsed, "r-1"), (std::vector<std::string>{"r-3"}));
  EXPECT_EQ(ids_of(app::ResponseFilter::kExcluded, ""), (std::vector<std::string>{"r-2"}));
  EXPECT_EQ(ids_of(app::ResponseFilter::kAll, ""), (std::vector<std::string>{"r-1", "r-2", "r-3"}));
}

// Results of a large survey are folded in runs: where the back end holds the
// rows once read (PostgreSQL) each run is read on a thread of its own, and
// every row comes once, in id order within its run and run after run.
TEST_P(StoreContractTest, ResponsesAreReadInRunsEachOnceInOrder) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha")});
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    TRY(tx.InsertSurvey({"org-1", "s-1", std::nullopt, "tok-1", "{}", 0, 100, 100, 1}));
    for (int i = 9; i >= 0; --i) {
      const std::string n = std::to_string(i);
      TRY(tx.InsertResponse(app::SurveyResponse{"org-1", "s-1", "r-0" + n, "k-" + n,
                                                i % 2 ? "code-" + n : "", R"({"q":)" + n + "}",
                                                "web", 200 + i, std::nullopt, "", std::nullopt}));
    }
    app::SurveyResponse excluded{"org-1", "s-1", "r-04",          "k-4", "", R"({"q":4})",
                                 "web",   204,   "a test answer", "u-1", 300};
    return tx.UpdateResponseExclusion(excluded);
  }));
  const bool held = std::string(store().Kind()) == "postgresql";
  // Run by run, what each was given; fn may be called from several threads.
  struct Seen {
    std::mutex mu;
    std::vector<std::vector<std::string>> runs{4};
    std::vector<std::string> codes, answers;
    int excluded = 0;
  };
  auto scan = [&](bool used_only, int parts, int64_t min_rows, Seen& seen) {
    return InRead(store(), [&](Transaction& tx) -> Result<int> {
      auto fn = [&](int run, const app::ResponseRow& row) {
        std::lock_guard lock(seen.mu);
        seen.runs.at(static_cast<size_t>(run)).emplace_back(row.id);
        seen.codes.emplace_back(row.respondent_code);
        seen.answers.emplace_back(row.answers);
        seen.excluded += row.excluded ? 1 : 0;
      };
      return used_only ? tx.ScanUsedAnswersInRuns("org-1", "s-1", parts, min_rows, fn)
                       : tx.ScanResponsesInRuns("org-1", "s-1", parts, min_rows, fn);
    });
  };
  auto in_order = [](const Seen& seen, int runs) {
    std::vector<std::string> all;
    for (int r = 0; r < runs; ++r) {
      const auto& run = seen.runs[static_cast<size_t>(r)];
      EXPECT_FALSE(run.empty()) << "run " << r;
      EXPECT_TRUE(std::is_sorted(run.begin(), run.end())) << "run " << r;
      all.insert(all.end(), run.begin(), run.end());
    }
    return all;
  };

  Seen every;
  auto runs = scan(false, 3, 3, every);
  ASSERT_OK(runs);
  EXPECT_EQ(*runs, held ? 3 : 1);
  EXPECT_EQ(in_order(every, *runs),
            (std::vector<std::string>{"r-00", "r-01", "r-02", "r-03", "r-04", "r-05", "r-06",
                                      "r-07", "r-08", "r-09"}));
  EXPECT_EQ(every.excluded, 1);

  Seen used;
  runs = scan(true, 4, 2, used);
  ASSERT_OK(runs);
  EXPECT_EQ(*runs, held ? 4 : 1);  // 9 rows, at least 2 a run, at most 4 runs
  EXPECT_EQ(in_order(used, *runs), (std::vector<std::string>{"r-00", "r-01", "r-02", "r-03", "r-05",
                                                             "r-06", "r-07", "r-08", "r-09"}));
  EXPECT_EQ(used.excluded, 0);
  std::sort(used.codes.begin(), used.codes.end());
  EXPECT_EQ(used.codes, (std::vector<std::string>{"", "", "", "", "code-1", "code-3", "code-5",
                                                  "code-7", "code-9"}));
  EXPECT_EQ(std::count(used.answers.begin(), used.answers.end(), R"({"q":7})"), 1);

  // Fewer rows than two runs' worth: one run, as it steps.
  Seen one;
  runs = scan(false, 4, 6, one);
  ASSERT_OK(runs);
  EXPECT_EQ(*runs, 1);
  EXPECT_EQ(one.runs[0].size(), 10u);

  auto count =
      InRead(store(), [&](Transaction& tx) { return tx.CountExcludedResponses("org-1", "s-1"); });
  ASSERT_OK(count);
  EXPECT_EQ(*count, 1);
  auto none =
      InRead(store(), [&](Transaction& tx) { return tx.CountExcludedResponses("org-1", "s-2"); });
  ASSERT_OK(none);
  EXPECT_EQ(*none, 0);
}

// A key that another transaction is storing: the second batch waits for the
// first to commit (PostgreSQL: on the key; SQLite: for its turn to write)
// and finds the key taken, and its transaction goes on.
TEST_P(StoreContractTest, AKeyBeingStoredByAnotherTransactionIsFoundTakenOnceItCommits) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha")});
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) {
    return tx.InsertSurvey({"org-1", "s-1", std::nullopt, "tok-1", "{}", 0, 100, 100, 1});
  }));
  auto response = [](const std::string& id) {
    return app::SurveyResponse{"org-1", "s-1", id,           "k-1", "",          R"({"q":1})",
                               "web",   200,   std::nullopt, "",    std::nullopt};
  };
  const app::SurveyResponse first = response("r-1"), second = response("r-2");
  std::promise<void> inserted;
  std::thread writer([&] {
    EXPECT_TRUE(InWrite(store(), [&](Transaction& tx) -> Result<void> {
      auto stored = TRY(tx.InsertResponses({&first}));
      EXPECT_EQ(stored, std::vector<bool>{true});
      inserted.set_value();
      std::this_thread::sleep_for(std::chrono::milliseconds(200));  // then commits
      return {};
    }));
  });
  inserted.get_future().wait();
  app::SurveyResponse third = response("r-3");
  third.idempotency_key = "k-3";
  std::vector<bool> again;
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    again = TRY(tx.InsertResponses({&second, &third}));
    return tx.AddToResponseCount("org-1", "s-1", 1, 8);  // the transaction goes on
  }));
  writer.join();
  EXPECT_EQ(again, (std::vector<bool>{false, true}));
  auto kept =
      InRead(store(), [&](Transaction& tx) { return tx.FindResponseByKey("org-1", "s-1", "k-1"); });
  ASSERT_OK(kept);
  ASSERT_TRUE(*kept);
  EXPECT_EQ((*kept)->id, "r-1");
}

TEST_P(StoreContractTest, ManyResponsesGoInTogetherAndTakenKeysAreNamed) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha")});
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    TRY(tx.InsertSurvey({"org-1", "s-1", std::nullopt, "tok-1", "{}", 0, 100, 100, 1}));
    return tx.InsertResponse({"org-1", "s-1", "r-old", "k-7", "", R"({"q":0})", "web", 100,
                              std::nullopt, "", std::nullopt});
  }));
  // 45 rows (SQLite: chunks of 32, 8, 4 and 1; PostgreSQL: one statement of
  // arrays, sent in binary); the key of row 7 is taken already. Row 12 has
  // the characters an array's text form would escape and some beyond ASCII,
  // row 13 is stored excluded, at a time past 32 bits.
  std::vector<app::SurveyResponse> rows;
  for (int i = 0; i < 45; ++i)
    rows.push_back({"org-1", "s-1", fmt::format("r-{:02}", i), fmt::format("k-{}", i), "",
                    fmt::format(R"({{"q":{}}})", i), "web", 200 + i, std::nullopt, "",
                    std::nullopt});
  const std::string awkward = R"({"t":"say \"hi\", C:\\dir {a,b} NULL ' ; café ☕"})";
  rows[12].answers = awkward;
  rows[12].respondent_code = "NULL";
  rows[13].excluded_reason = "a test, \"quoted\"";
  rows[13].excluded_by = "u-1";
  rows[13].excluded_at = 4102444800123;
  std::vector<const app::SurveyResponse*> pointers;
  for (const auto& r : rows) pointers.push_back(&r);
  std::vector<bool> stored;
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    stored = TRY(tx.InsertResponses(pointers));
    // The transaction goes on after a taken key.
    return tx.AddToResponseCount("org-1", "s-1", 44, 44);
  }));
  ASSERT_EQ(stored.size(), 45u);
  for (size_t i = 0; i < stored.size(); ++i) EXPECT_EQ(stored[i], i != 7) << i;
  auto r30 = InRead(store(),
                    [&](Transaction& tx) { return tx.FindResponseByKey("org-1", "s-1", "k-30"); });
  ASSERT_OK(r30);
  ASSERT_TRUE(*r30);
  EXPECT_EQ((*r30)->id, "r-30");
  EXPECT_EQ((*r30)->answers, R"({"q":30})");
  EXPECT_EQ((*r30)->submitted_at, 230);
  auto r7 =
      InRead(store(), [&](Transaction& tx) { return tx.FindResponseByKey("org-1", "s-1", "k-7"); });
  ASSERT_OK(r7);
  ASSERT_TRUE(*r7);
  EXPECT_EQ((*r7)->id, "r-old");
  for (const char* key : {"k-12", "k-13"}) {
    auto r =
        InRead(store(), [&](Transaction& tx) { return tx.FindResponseByKey("org-1", "s-1", key); });
    ASSERT_OK(r);
    ASSERT_TRUE(*r) << key;
    const app::SurveyResponse& want = rows[key == std::string("k-12") ? 12 : 13];
    EXPECT_EQ((*r)->answers, want.answers);
    EXPECT_EQ((*r)->respondent_code, want.respondent_code);
    EXPECT_EQ((*r)->excluded_reason, want.excluded_reason);
    EXPECT_EQ((*r)->excluded_by, want.excluded_by);
    EXPECT_EQ((*r)->excluded_at, want.excluded_at);
  }
  // By the start of the key, in key order: k-1 and k-10 to k-19, not k-2.
  auto by_prefix = InRead(
      store(), [&](Transaction& tx) { return tx.FindResponsesByKeyPrefix("org-1", "s-1", "k-1"); });
  ASSERT_OK(by_prefix);
  std::vector<std::string> keys;
  for (const auto& r : *by_prefix) keys.push_back(r.idempotency_key);
  EXPECT_EQ(keys, (std::vector<std::string>{"k-1", "k-10", "k-11", "k-12", "k-13", "k-14", "k-15",
                                            "k-16", "k-17", "k-18", "k-19"}));
  int scanned = 0;
  ASSERT_OK(InRead(store(), [&](Transaction& tx) {
    return tx.ScanResponses("org-1", "s-1", [&](const app::ResponseRow&) { ++scanned; });
  }));
  EXPECT_EQ(scanned, 45);
  std::vector<bool> none;
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    none = TRY(tx.InsertResponses({}));
    return {};
  }));
  EXPECT_TRUE(none.empty());
}

// ---- Certification: rounds and applications

TEST_P(StoreContractTest, RoundsRoundTripInOpeningOrder) {
  const Round spring{"r-2", "Spring", "2027-03-01", "2027-03-14", "u-admin", 20};
  const Round winter{"r-1", "Winter", "2026-11-23", "2026-12-06", "u-admin", 10};
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    if (auto r = tx.InsertRound(spring); !r) return r;
    return tx.InsertRound(winter);
  }));
  auto rounds = InRead(store(), [&](Transaction& tx) { return tx.ListRounds(); });
  ASSERT_OK(rounds);
  ASSERT_EQ(rounds->size(), 2u);
  EXPECT_EQ((*rounds)[0].id, "r-1");
  EXPECT_EQ((*rounds)[0].closes_on, "2026-12-06");
  EXPECT_EQ((*rounds)[1].created_by, "u-admin");
  auto dup = InWrite(store(), [&](Transaction& tx) { return tx.InsertRound(winter); });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);

  // Moved after spring and renamed: the order follows; then cancelled.
  Round moved = winter;
  moved.name = "Summer";
  moved.opens_on = "2027-06-01";
  moved.closes_on = "2027-06-14";
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.UpdateRound(moved); }));
  rounds = InRead(store(), [&](Transaction& tx) { return tx.ListRounds(); });
  ASSERT_OK(rounds);
  EXPECT_EQ((*rounds)[1].name, "Summer");
  EXPECT_EQ((*rounds)[1].created_at, 10);
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.DeleteRound("r-2"); }));
  rounds = InRead(store(), [&](Transaction& tx) { return tx.ListRounds(); });
  ASSERT_OK(rounds);
  ASSERT_EQ(rounds->size(), 1u);
  EXPECT_EQ((*rounds)[0].id, "r-1");
  Round ghost = winter;
  ghost.id = "r-none";
  auto missing = InWrite(store(), [&](Transaction& tx) { return tx.UpdateRound(ghost); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  auto gone = InWrite(store(), [&](Transaction& tx) { return tx.DeleteRound("r-2"); });
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, ErrorCode::kNotFound);
}

Application MakeApplication(const std::string& org_id, const std::string& id, UnixTime created_at) {
  Application a;
  a.organisation_id = org_id;
  a.id = id;
  a.scheme_id = "svmc";
  a.scheme_version = 2;
  a.level = 1;
  a.scope_id = "scope-1";
  a.terms_accepted_at = created_at;
  a.terms_accepted_by = "u-lead";
  EvidenceItem link;
  link.id = "ev-1";
  link.criterion_id = "svmc.1.plan.1";
  link.kind = EvidenceKind::kLink;
  link.title = "Social value policy";
  link.url = "https://example.org/policy.pdf";
  link.added_by = "u-lead";
  link.added_at = created_at;
  EvidenceItem record = link;
  record.id = "ev-2";
  record.kind = EvidenceKind::kRecord;
  record.url.clear();
  record.record_kind = RecordKind::kStakeholderMap;
  record.record_id = "map-1";
  a.evidence = {link, record};
  SignOff lead_signed;
  lead_signed.role = MemberRole::kLead;
  lead_signed.user_id = "u-lead";
  lead_signed.at = created_at + 1;
  lead_signed.declaration = "As the organisation's Social Value Lead, I declare …";
  a.sign_offs = {lead_signed};
  a.created_by = "u-lead";
  a.created_at = a.updated_at = created_at;
  return a;
}

TEST_P(StoreContractTest, ApplicationsRoundTripWholeAndCheckTheVersion) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha"), MakeOrganisation("org-2", "Beta")});
  const Application first = MakeApplication("org-1", "app-1", 1000);
  const Application second = MakeApplication("org-1", "app-2", 2000);
  const Application other = MakeApplication("org-2", "app-3", 1500);
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    for (const auto& a : {first, second, other}) {
      if (auto r = tx.InsertApplication(a); !r) return r;
    }
    return {};
  }));
  auto found = InRead(store(), [&](Transaction& tx) { return tx.FindApplication("app-1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(*found);
  EXPECT_EQ((*found)->organisation_id, "org-1");
  ASSERT_EQ((*found)->evidence.size(), 2u);
  EXPECT_EQ((*found)->evidence[1].record_kind, RecordKind::kStakeholderMap);
  EXPECT_EQ((*found)->evidence[0].url, "https://example.org/policy.pdf");
  EXPECT_EQ((*found)->sign_offs.at(0).at, 1001);
  EXPECT_EQ((*found)->terms_accepted_at, 1000);
  EXPECT_EQ((*found)->scope_id, "scope-1");

  auto listed =
      InRead(store(), [&](Transaction& tx) { return tx.ListApplicationsOfOrganisation("org-1"); });
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, "app-2");  // newest first

  Application submitted = first;
  submitted.state = ApplicationState::kInReview;
  submitted.assessor_id = "u-assessor";
  submitted.submitted_at = 5000;
  submitted.reviews = {
      {"svmc.1.plan.1", Verdict::kAmendmentNeeded, "Add the board minute", "u-assessor", 6000}};
  submitted.version = 2;
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.UpdateApplication(submitted, 1); }));
  auto stale =
      InWrite(store(), [&](Transaction& tx) { return tx.UpdateApplication(submitted, 1); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);
  Application ghost = MakeApplication("org-1", "app-ghost", 1);
  auto missing = InWrite(store(), [&](Transaction& tx) { return tx.UpdateApplication(ghost, 1); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  auto queue =
      InRead(store(), [&](Transaction& tx) { return tx.ListSubmittedApplications(std::nullopt); });
  ASSERT_OK(queue);
  ASSERT_EQ(queue->size(), 1u);  // drafts are not in the queue
  EXPECT_EQ((*queue)[0].reviews.at(0).verdict, Verdict::kAmendmentNeeded);
  EXPECT_EQ((*queue)[0].version, 2);
  auto mine =
      InRead(store(), [&](Transaction& tx) { return tx.ListSubmittedApplications("u-assessor"); });
  ASSERT_OK(mine);
  EXPECT_EQ(mine->size(), 1u);
  auto theirs =
      InRead(store(), [&](Transaction& tx) { return tx.ListSubmittedApplications("u-nobody"); });
  ASSERT_OK(theirs);
  EXPECT_TRUE(theirs->empty());

  auto dup = InWrite(store(), [&](Transaction& tx) { return tx.InsertApplication(first); });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
  auto orphan = InWrite(store(), [&](Transaction& tx) {
    return tx.InsertApplication(MakeApplication("org-missing", "app-9", 1));
  });
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().code, ErrorCode::kFailedPrecondition);
}

// ---- Certificates and signing keys

TEST_P(StoreContractTest, SigningKeysNewestFirst) {
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    if (auto r = tx.InsertSigningKey({"k-old", "pub-old", "sec-old", 100}); !r) return r;
    return tx.InsertSigningKey({"k-new", "pub-new", "sec-new", 200});
  }));
  auto keys = InRead(store(), [&](Transaction& tx) { return tx.ListSigningKeys(); });
  ASSERT_OK(keys);
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[0].id, "k-new");
  EXPECT_EQ((*keys)[0].secret_key, "sec-new");
  auto dup = InWrite(store(), [&](Transaction& tx) {
    return tx.InsertSigningKey({"k-old", "p", "s", 300});
  });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
}

app::StoredCertificate MakeCertificate(const std::string& org_id, const std::string& id,
                                       const std::string& name, const std::string& expires_on) {
  Certificate c;
  c.id = id;
  c.organisation_id = org_id;
  c.organisation_name = name;
  c.area = "Leeds";
  c.scope = "Whole organisation";
  c.scheme_id = "svmc";
  c.scheme_name = "Social Value Management Certificate";
  c.scheme_version = 2;
  c.level = 1;
  c.level_name = "Commit";
  c.awarded_on = "2026-01-10";
  c.expires_on = expires_on;
  c.verification_code = "VM-" + id;
  app::StoredCertificate out;
  out.certificate = c;
  out.document = formats::SignedCertificateDocument(c, {"Ed25519", "key", "pub", "sig"});
  return out;
}

TEST_P(StoreContractTest, CertificatesByIdByCodeAndInForce) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha"), MakeOrganisation("org-2", "Beta")});
  const auto current = MakeCertificate("org-2", "c-1", "Beta", "2028-01-10");
  const auto lapsed = MakeCertificate("org-1", "c-2", "Alpha", "2026-01-10");
  const auto other = MakeCertificate("org-1", "c-3", "Alpha", "2027-06-01");
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    for (const auto& c : {current, lapsed, other}) {
      if (auto r = tx.InsertCertificate(c); !r) return r;
    }
    return {};
  }));
  auto by_id = InRead(store(), [&](Transaction& tx) { return tx.FindCertificate("c-1"); });
  ASSERT_OK(by_id);
  ASSERT_TRUE(*by_id);
  EXPECT_EQ((*by_id)->document, current.document);  // byte for byte
  EXPECT_EQ((*by_id)->certificate.organisation_name, "Beta");
  auto by_code =
      InRead(store(), [&](Transaction& tx) { return tx.FindCertificateByCode("VM-c-3"); });
  ASSERT_OK(by_code);
  ASSERT_TRUE(*by_code);
  EXPECT_EQ((*by_code)->certificate.id, "c-3");
  auto none =
      InRead(store(), [&](Transaction& tx) { return tx.FindCertificateByCode("VM-nothing"); });
  ASSERT_OK(none);
  EXPECT_FALSE(*none);
  auto in_force =
      InRead(store(), [&](Transaction& tx) { return tx.ListCertificatesInForce("2026-06-01"); });
  ASSERT_OK(in_force);
  ASSERT_EQ(in_force->size(), 2u);                  // c-2 lapsed in January
  EXPECT_EQ((*in_force)[0].certificate.id, "c-3");  // Alpha before Beta
  auto dup = InWrite(store(), [&](Transaction& tx) { return tx.InsertCertificate(current); });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
}

// Suspension and revocation: a compare-and-set on the standing, so that of two
// administrators deciding at once only the first decision lands.
TEST_P(StoreContractTest, CertificateStandingChangesOnlyFromTheStandingSeen) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha")});
  const auto cert = MakeCertificate("org-1", "c-1", "Alpha", "2028-01-10");
  const auto other = MakeCertificate("org-1", "c-2", "Alpha", "2028-01-10");
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    if (auto r = tx.InsertCertificate(cert); !r) return r;
    return tx.InsertCertificate(other);
  }));
  auto fresh = InRead(store(), [&](Transaction& tx) { return tx.FindCertificate("c-1"); });
  ASSERT_OK(fresh);
  EXPECT_EQ((*fresh)->standing, CertificateStanding::kActive);
  EXPECT_FALSE((*fresh)->standing_since);
  app::StoredCertificate suspended = cert;
  suspended.standing = CertificateStanding::kSuspended;
  suspended.standing_reason = "Complaint under investigation";
  suspended.standing_since = 1764892800;
  suspended.standing_by = "admin-1";
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) {
    return tx.SetCertificateStanding("c-1", CertificateStanding::kActive, suspended);
  }));
  auto stale = InWrite(store(), [&](Transaction& tx) {
    return tx.SetCertificateStanding("c-1", CertificateStanding::kActive, suspended);
  });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kNotFound);
  auto found = InRead(store(), [&](Transaction& tx) { return tx.FindCertificateByCode("VM-c-1"); });
  ASSERT_OK(found);
  EXPECT_EQ((*found)->standing, CertificateStanding::kSuspended);
  EXPECT_EQ((*found)->standing_reason, "Complaint under investigation");
  EXPECT_EQ((*found)->standing_since, 1764892800);
  EXPECT_EQ((*found)->standing_by, "admin-1");
  EXPECT_EQ((*found)->document, cert.document);  // the signed bytes never change
  auto withdrawn = InRead(store(), [&](Transaction& tx) { return tx.ListWithdrawnCertificates(); });
  ASSERT_OK(withdrawn);
  ASSERT_EQ(withdrawn->size(), 1u);
  EXPECT_EQ((*withdrawn)[0].certificate.id, "c-1");
}

TEST_P(StoreContractTest, EvidenceFilesRoundTripWithinTheirOrganisation) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha"), MakeOrganisation("org-2", "Beta")});
  // A few megabytes, as an upload near the limit would be.
  const std::string content(3 * 1024 * 1024, 'Q');
  const app::EvidenceFile file{"org-1", "f-1",    "app-1", "application/pdf",
                               2359296, "abc123", content, 100};
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.InsertEvidenceFile(file); }));
  auto found =
      InRead(store(), [&](Transaction& tx) { return tx.FindEvidenceFile("org-1", "f-1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(*found);
  EXPECT_EQ((*found)->content.size(), content.size());
  EXPECT_EQ((*found)->content, content);
  EXPECT_EQ((*found)->media_type, "application/pdf");
  EXPECT_EQ((*found)->size_bytes, 2359296);
  auto elsewhere =
      InRead(store(), [&](Transaction& tx) { return tx.FindEvidenceFile("org-2", "f-1"); });
  ASSERT_OK(elsewhere);
  EXPECT_FALSE(*elsewhere);
  auto dup = InWrite(store(), [&](Transaction& tx) { return tx.InsertEvidenceFile(file); });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
}

// Every byte value, NUL and invalid UTF-8 included, comes back as it went in:
// files are bytes (BLOB, BYTEA), not text.
TEST_P(StoreContractTest, EvidenceFilesKeepEveryByteValue) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha")});
  std::string every;
  for (int round = 0; round < 3; ++round)
    for (int b = 0; b < 256; ++b) every.push_back(static_cast<char>(round == 1 ? 255 - b : b));
  std::string big(2 * 1024 * 1024 + 7, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>((i * 131 + i / 256) & 0xff);
  const std::vector<std::pair<std::string, std::string>> files = {
      {"f-every", every}, {"f-nul", std::string(1, '\0')}, {"f-empty", ""}, {"f-big", big}};
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    for (const auto& [id, content] : files) {
      app::EvidenceFile f{"org-1",
                          id,
                          "app-1",
                          "application/octet-stream",
                          static_cast<int64_t>(content.size()),
                          "x",
                          content,
                          100};
      if (auto r = tx.InsertEvidenceFile(f); !r) return r;
    }
    return {};
  }));
  for (const auto& [id, content] : files) {
    auto found = InRead(store(), [&](Transaction& tx) { return tx.FindEvidenceFile("org-1", id); });
    ASSERT_OK(found);
    ASSERT_TRUE(*found) << id;
    EXPECT_EQ((*found)->content.size(), content.size()) << id;
    EXPECT_TRUE((*found)->content == content) << id << ": bytes differ";
  }
}

// Migration 47 (PostgreSQL) moves the directory's words out of its table into
// directory_search. Rebuild the old shape by hand over stored entries, then
// migrate again: every entry is found by its words, and a new one too.
// Migration 48 takes the foreign key off survey responses and keeps every
// response; deleting a survey still deletes its responses.
TEST_P(StoreContractTest,
       MigrationKeepsResponsesWithoutTheirForeignKeyAndDeletingASurveyDeletesThem) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha")});
  const app::SurveyRecord s1{"org-1", "s-1", std::nullopt, "tok-1", "{}", 0, 100, 100, 1};
  const app::SurveyRecord s2{"org-1", "s-2", std::nullopt, "tok-2", "{}", 0, 100, 100, 1};
  auto response = [](const std::string& survey, const std::string& id) {
    return app::SurveyResponse{"org-1", survey, id,           "k-" + id, "",          R"({"q":1})",
                               "web",   200,    std::nullopt, "",        std::nullopt};
  };
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    TRY(tx.InsertSurvey(s1));
    TRY(tx.InsertSurvey(s2));
    for (const auto& r : {response("s-1", "r-1"), response("s-1", "r-2"), response("s-2", "r-3")})
      TRY(tx.InsertResponse(r));
    return {};
  }));
  // Each back end's shape before migration 48: the responses' foreign key.
  const std::string before =
      IsSqlite()
          ? "DELETE FROM schema_migrations WHERE version = 48; "
            "CREATE TABLE old_responses (organisation_id TEXT NOT NULL, survey_id TEXT NOT NULL, "
            "id TEXT NOT NULL, idempotency_key TEXT NOT NULL, respondent_code TEXT NOT NULL, "
            "answers TEXT NOT NULL, source TEXT NOT NULL, submitted_at INTEGER NOT NULL, "
            "excluded_reason TEXT, excluded_by TEXT NOT NULL DEFAULT '', excluded_at INTEGER, "
            "PRIMARY KEY (organisation_id, survey_id, id), "
            "UNIQUE (organisation_id, survey_id, idempotency_key), "
            "FOREIGN KEY (organisation_id, survey_id) REFERENCES surveys(organisation_id, id) "
            "ON DELETE CASCADE) STRICT, WITHOUT ROWID; "
            "INSERT INTO old_responses SELECT * FROM survey_responses; "
            "DROP TABLE survey_responses; ALTER TABLE old_responses RENAME TO survey_responses; "
            "CREATE INDEX survey_responses_excluded ON survey_responses "
            "(organisation_id, survey_id, id) WHERE excluded_reason IS NOT NULL"
          : "DELETE FROM schema_migrations WHERE version = 48; "
            "ALTER TABLE survey_responses ADD FOREIGN KEY (organisation_id, survey_id) "
            "REFERENCES surveys(organisation_id, id) ON DELETE CASCADE";
  ASSERT_EQ(ExecRaw(before), "");
  auto keys = IsSqlite() ? storage_test::ReadSqliteKeys(sqlite_path_)
                         : storage_test::ReadPostgresKeys(pg_conninfo_);
  ASSERT_OK(keys);
  auto responses = [&](const std::vector<storage_test::TableKeys>& tables) {
    return std::ranges::find(tables, "survey_responses", &storage_test::TableKeys::name);
  };
  ASSERT_EQ(responses(*keys)->foreign_keys.size(), 1u);  // the old shape, really
  auto version = ReopenAndMigrate();
  ASSERT_OK(version);
  EXPECT_GE(*version, 48);
  keys = IsSqlite() ? storage_test::ReadSqliteKeys(sqlite_path_)
                    : storage_test::ReadPostgresKeys(pg_conninfo_);
  ASSERT_OK(keys);
  EXPECT_TRUE(responses(*keys)->foreign_keys.empty());
  EXPECT_EQ(responses(*keys)->primary_key,
            (std::vector<std::string>{"organisation_id", "survey_id", "id"}));
  auto held = [&](const std::string& survey, const std::string& id) {
    auto r = InRead(store(), [&](Transaction& tx) { return tx.FindResponse("org-1", survey, id); });
    EXPECT_TRUE(r.has_value());
    return r && r->has_value();
  };
  EXPECT_TRUE(held("s-1", "r-1"));
  EXPECT_TRUE(held("s-1", "r-2"));
  EXPECT_TRUE(held("s-2", "r-3"));
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.DeleteSurvey(s1); }));
  EXPECT_FALSE(held("s-1", "r-1"));
  EXPECT_FALSE(held("s-1", "r-2"));
  EXPECT_TRUE(held("s-2", "r-3"));
}

TEST_P(StoreContractTest, MigrationGivesTheDirectorysSearchATableOfItsOwn) {
  auto entry = [](std::string id, std::string name, std::string summary) {
    DirectoryEntry e;
    e.id = std::move(id);
    e.source = DirectorySource::kBroker;
    e.name = std::move(name);
    e.sort_name = e.name;
    e.summary = std::move(summary);
    e.legal_form = "cic";
    e.legal_form_mask = 4;
    e.themes = {"food"};
    e.theme_mask = 1;
    e.areas = {"wales"};
    e.area_mask = 1;
    e.listed = true;
    return e;
  };
  ASSERT_OK(store().Write([&](Transaction& tx) -> Result<void> {
    TRY(tx.InsertDirectoryEntry(entry("d-1", "Bread Shed", "A bakery in Cardiff")));
    TRY(tx.InsertDirectoryEntry(entry("d-2", "Green Routes", "Community transport")));
    return {};
  }));
  // Each back end's shape before migration 47: PostgreSQL kept the words in
  // the entries' table; SQLite's FTS5 search read the entries' rows.
  const std::string before =
      IsSqlite() ? "DELETE FROM schema_migrations WHERE version = 47; "
                   "DROP TRIGGER directory_search_insert; DROP TRIGGER directory_search_update; "
                   "DROP TRIGGER directory_search_delete; DROP TABLE directory_search"
                 : "DELETE FROM schema_migrations WHERE version = 47; "
                   "DROP TRIGGER directory_search_sync ON directory_entries; "
                   "DROP FUNCTION directory_search_sync(); DROP TABLE directory_search; "
                   "ALTER TABLE directory_entries ADD COLUMN words tsvector GENERATED ALWAYS AS ("
                   "setweight(to_tsvector('english', name), 'A') || "
                   "setweight(to_tsvector('english', summary), 'B') || "
                   "setweight(to_tsvector('english', themes || ' ' || areas), 'C')) STORED; "
                   "CREATE INDEX directory_words ON directory_entries USING GIN (words)";
  ASSERT_EQ(ExecRaw(before), "");
  auto version = ReopenAndMigrate();
  ASSERT_OK(version);
  EXPECT_GE(*version, 47);
  ASSERT_OK(store().Write([&](Transaction& tx) -> Result<void> {
    TRY(tx.InsertDirectoryEntry(entry("d-3", "Repair Cafe", "Mends bread bins")));
    return {};
  }));
  auto found = [&](std::vector<std::string> words) {
    std::vector<std::string> ids;
    EXPECT_TRUE(store().Read([&](Transaction& tx) -> Result<void> {
      std::vector<int64_t> seqs;
      TRY(tx.ScanDirectory({std::move(words)}, true,
                           [&](const app::DirectoryHit& h) { seqs.push_back(h.seq); }));
      for (int64_t seq : seqs) ids.push_back(TRY(tx.FindDirectoryEntryBySeq(seq))->id);
      return {};
    }));
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  EXPECT_EQ(found({"cardiff"}), (std::vector<std::string>{"d-1"}));
  EXPECT_EQ(found({"transport"}), (std::vector<std::string>{"d-2"}));
  EXPECT_EQ(found({"bread"}), (std::vector<std::string>{"d-1", "d-3"}));
  // Words are counted from the scan; the counts without them see every entry.
  auto with_words =
      InRead(store(), [&](Transaction& tx) { return tx.CountDirectory({{"bread"}}, true, 0, 10); });
  ASSERT_OK(with_words);
  EXPECT_FALSE(*with_words);
  auto counted =
      InRead(store(), [&](Transaction& tx) { return tx.CountDirectory({}, true, 0, 10); });
  ASSERT_OK(counted);
  ASSERT_EQ(counted->has_value(), !IsSqlite());  // SQLite's counts come from its scan
  if (*counted) {
    EXPECT_EQ((*counted)->total, 3);
    EXPECT_EQ((*counted)->page.size(), 3u);
  }
  // An entry changed or removed is searched as it now is.
  ASSERT_OK(store().Write([&](Transaction& tx) -> Result<void> {
    int64_t seq = 0;  // d-1's, the only entry in Cardiff
    TRY(tx.ScanDirectory({{"cardiff"}}, true, [&](const app::DirectoryHit& h) { seq = h.seq; }));
    DirectoryEntry unlisted = TRY(tx.FindDirectoryEntryBySeq(seq)).value();
    EXPECT_EQ(unlisted.id, "d-1");
    unlisted.listed = false;
    TRY(tx.UpdateDirectoryEntry(unlisted));
    return {};
  }));
  std::vector<int64_t> listed;
  ASSERT_OK(store().Read([&](Transaction& tx) {
    return tx.ScanDirectory({{"bread"}}, false,
                            [&](const app::DirectoryHit& h) { listed.push_back(h.seq); });
  }));
  EXPECT_EQ(listed.size(), 1u);
}

// Migration 30 turns the base64 text that earlier versions stored into the
// bytes it encodes. Rebuild the old column by hand, then migrate again.
TEST_P(StoreContractTest, MigrationDecodesEvidenceStoredAsBase64) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha")});
  std::string every;
  for (int b = 0; b < 256; ++b) every.push_back(static_cast<char>(b));
  const std::string encoded = app::Base64(every);
  const std::string old_column = IsSqlite() ? "TEXT NOT NULL DEFAULT ''" : "TEXT";
  ASSERT_EQ(ExecRaw("DELETE FROM schema_migrations WHERE version = 30; "
                    "ALTER TABLE evidence_files DROP COLUMN content; "
                    "ALTER TABLE evidence_files ADD COLUMN content_base64 " +
                    old_column +
                    "; "
                    "INSERT INTO evidence_files (organisation_id, id, application_id, media_type, "
                    "size_bytes, "
                    "sha256, content_base64, created_at) VALUES "
                    "('org-1', 'f-old', 'app-1', 'text/csv', 256, 'x', '" +
                    encoded +
                    "', 1), "
                    "('org-1', 'f-short', 'app-1', 'text/csv', 1, 'x', 'QQ==', 1)"),
            "");
  // The store's prepared statements named the old column: open a new one.
  auto version = ReopenAndMigrate();
  ASSERT_OK(version);
  EXPECT_GE(*version, 30);
  auto old =
      InRead(store(), [&](Transaction& tx) { return tx.FindEvidenceFile("org-1", "f-old"); });
  ASSERT_OK(old);
  ASSERT_TRUE(*old);
  EXPECT_TRUE((*old)->content == every);
  auto short_file =
      InRead(store(), [&](Transaction& tx) { return tx.FindEvidenceFile("org-1", "f-short"); });
  ASSERT_OK(short_file);
  ASSERT_TRUE(*short_file);
  EXPECT_EQ((*short_file)->content, "A");
}

// Quotas read what an organisation holds: counts, and the bytes of files,
// record bodies, survey designs and answers, each organisation on its own.
TEST_P(StoreContractTest, OrganisationUsageCountsAndSizesWhatEachOrganisationHolds) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha"), MakeOrganisation("org-2", "Beta")});
  const std::string body = R"({"name":"Café"})";  // é is two bytes
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    for (const auto& [id, content] :
         {std::pair{"f-1", std::string(1000, 'x')}, std::pair{"f-2", std::string(24, 'y')}})
      if (auto r = tx.InsertEvidenceFile({"org-1", id, "app-1", "application/pdf",
                                          static_cast<int64_t>(content.size()), "x", content, 1});
          !r)
        return r;
    if (auto r =
            tx.InsertRecordVersion({"org-1", "impact_map", "m-1", 1, "", "Map", body, "u-1", 1});
        !r)
      return r;
    if (auto r = tx.InsertRecordVersion(
            {"org-1", "impact_map", "m-1", 2, "", "Map", body + " ", "u-1", 2});
        !r)
      return r;
    if (auto r = tx.InsertRecordVersion({"org-2", "pledge", "p-1", 1, "", "P", "{}", "u-1", 1}); !r)
      return r;
    if (auto r = tx.InsertSurvey({"org-1", "s-1", std::nullopt, "tok-1", "0123456789", 0, 1, 1, 1});
        !r)
      return r;
    if (auto r = tx.AddToResponseCount("org-1", "s-1", 2, 300); !r) return r;
    if (auto r = tx.UpsertMember({"org-1", "u-1", MemberRole::kLead, 1, "", ""}); !r) return r;
    if (auto r = tx.InsertScope({"org-1", "scope-1", ScopeKind::kProject, "P", "", 1}); !r)
      return r;
    return tx.InsertInvitation(MakeInvitation("org-1", "inv-1", "hash-1", 1));
  }));
  auto usage = InWrite(store(), [&](Transaction& tx) { return tx.GetOrganisationUsage("org-1"); });
  ASSERT_OK(usage);
  EXPECT_EQ(usage->evidence_files, 2);
  EXPECT_EQ(usage->evidence_bytes, 1024);
  EXPECT_EQ(usage->record_versions, 2);
  EXPECT_EQ(usage->record_bytes, static_cast<int64_t>(2 * body.size() + 1));
  EXPECT_EQ(usage->surveys, 1);
  EXPECT_EQ(usage->survey_bytes, 310);
  EXPECT_EQ(usage->members, 1);
  EXPECT_EQ(usage->invitations, 1);
  EXPECT_EQ(usage->scopes, 1);
  EXPECT_EQ(usage->applications, 0);
  EXPECT_EQ(usage->stored_bytes(), static_cast<int64_t>(1024 + 2 * body.size() + 1 + 310));
  // A new design replaces the old one's size; reads see the same as writes.
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) {
    return tx.UpdateSurvey({"org-1", "s-1", std::nullopt, "tok-1", "01234", 2, 1, 2, 1});
  }));
  auto after = InRead(store(), [&](Transaction& tx) { return tx.GetOrganisationUsage("org-1"); });
  ASSERT_OK(after);
  EXPECT_EQ(after->survey_bytes, 305);
  auto other = InRead(store(), [&](Transaction& tx) { return tx.GetOrganisationUsage("org-2"); });
  ASSERT_OK(other);
  EXPECT_EQ(other->record_versions, 1);
  EXPECT_EQ(other->record_bytes, 2);
  EXPECT_EQ(other->stored_bytes(), 2);
  auto none = InRead(store(), [&](Transaction& tx) { return tx.GetOrganisationUsage("org-none"); });
  ASSERT_OK(none);
  EXPECT_EQ(none->stored_bytes(), 0);
}

TEST_P(StoreContractTest, SchemeVersionsByIdThenVersionAndNeverTwice) {
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    if (auto r = tx.InsertSchemeVersion({"svmc", 3, R"({"id":"svmc"})", "u-admin", 10}); !r)
      return r;
    return tx.InsertSchemeVersion({"beta", 1, R"({"id":"beta"})", "u-admin", 20});
  }));
  auto list = InRead(store(), [&](Transaction& tx) { return tx.ListSchemeVersions(); });
  ASSERT_OK(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].scheme_id, "beta");
  EXPECT_EQ((*list)[1].version, 3);
  EXPECT_EQ((*list)[1].document, R"({"id":"svmc"})");
  auto dup = InWrite(store(), [&](Transaction& tx) {
    return tx.InsertSchemeVersion({"svmc", 3, "{}", "u", 30});
  });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
}

// ---- Key rotation (migration 20)

// What an append needs, read together (PostgreSQL: in one round trip): the
// key that signs (the newest not retired) and the chain's head, after the
// writes queued before them, whose failure still fails the transaction.
TEST_P(StoreContractTest, TheSigningKeyAndAChainsHeadAreReadTogether) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha")});
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    auto [key, head] = TRY(tx.SigningKeyAndAuditHead("org-1"));
    if (key || head.seq != 0 || !head.hash.empty())
      return Fail(Error::Make(ErrorCode::kInternal, "a key or a head before any was made"));
    TRY(tx.InsertSurvey({"org-1", "s-1", std::nullopt, "tok-1", "{}", 0, 100, 100, 1}));
    TRY(tx.InsertSigningKey({"k-old", "pub-old", "sec-old", 100}));
    TRY(tx.InsertSigningKey({"k-new", "pub-new", "sec-new", 200}));
    TRY(tx.RetireSigningKey("k-new", 250));
    return AppendNext(tx, "org-1", "h1");
  }));
  auto current = InRead(store(), [&](Transaction& tx) { return tx.FindCurrentSigningKey(); });
  ASSERT_OK(current);
  ASSERT_TRUE(*current);
  EXPECT_EQ((*current)->id, "k-old");
  EXPECT_EQ((*current)->secret_key, "sec-old");
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    TRY(tx.AddToResponseCount("org-1", "s-1", 1, 10));  // queued before them
    for (const char* hash : {"h2", "h3"}) {             // the second time the head is known
      auto [key, head] = TRY(tx.SigningKeyAndAuditHead("org-1"));
      if (!key || key->id != "k-old" || key->public_key != "pub-old")
        return Fail(Error::Make(ErrorCode::kInternal, "not the key that signs"));
      TRY(tx.AppendAudit(MakeAudit("org-1", head.seq + 1, head.hash, hash, "org-1")));
    }
    auto survey = TRY(tx.FindSurvey("org-1", "s-1"));
    if (!survey || survey->response_count != 1)
      return Fail(Error::Make(ErrorCode::kInternal, "the count queued before was lost"));
    return {};
  }));
  auto chain = InRead(store(), [&](Transaction& tx) { return tx.ListAuditChain("org-1", 0, 10); });
  ASSERT_OK(chain);
  ASSERT_EQ(chain->size(), 3u);
  EXPECT_EQ((*chain)[2].prev_hash, "h2");
  auto failed = InWrite(store(), [&](Transaction& tx) -> Result<void> {
    TRY(tx.AddToResponseCount("org-1", "no-such-survey", 1, 1));
    TRY(tx.SigningKeyAndAuditHead("org-1"));
    return AppendNext(tx, "org-1", "h4");
  });
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().message.find("survey not found"), std::string::npos)
      << failed.error().message;
  chain = InRead(store(), [&](Transaction& tx) { return tx.ListAuditChain("org-1", 0, 10); });
  ASSERT_OK(chain);
  EXPECT_EQ(chain->size(), 3u);
}

TEST_P(StoreContractTest, RetiredSigningKeysStayListedAndRetireOnce) {
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    if (auto r = tx.InsertSigningKey({"k-old", "pub-old", "sec-old", 100}); !r) return r;
    return tx.InsertSigningKey({"k-new", "pub-new", "sec-new", 100});  // made in the same second
  }));
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.RetireSigningKey("k-new", 150); }));
  auto keys = InRead(store(), [&](Transaction& tx) { return tx.ListSigningKeys(); });
  ASSERT_OK(keys);
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[0].id, "k-old");  // same second: the key still in use first
  EXPECT_FALSE((*keys)[0].retired_at.has_value());
  EXPECT_EQ((*keys)[1].id, "k-new");
  EXPECT_EQ((*keys)[1].retired_at, std::optional<UnixTime>(150));
  for (const char* id : {"k-new", "nope"}) {
    auto again = InWrite(store(), [&](Transaction& tx) { return tx.RetireSigningKey(id, 200); });
    ASSERT_FALSE(again) << id;
    EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
  }
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) {
    return tx.InsertSigningKey({"k-3", "p", "s", 300, 400});
  }));
  keys = InRead(store(), [&](Transaction& tx) { return tx.ListSigningKeys(); });
  ASSERT_OK(keys);
  EXPECT_EQ((*keys)[0].retired_at, std::optional<UnixTime>(400));
}

// ---- Signed audit checkpoints (migration 20)

app::AuditCheckpoint MakeCheckpoint(const std::string& chain, int64_t seq,
                                    const std::string& heads = "") {
  return {chain, seq,     "hash-" + std::to_string(seq),       1000 + seq,
          heads, "key-1", "sig-" + chain + std::to_string(seq)};
}

void ExpectSameCheckpoint(const app::AuditCheckpoint& a, const app::AuditCheckpoint& b) {
  EXPECT_EQ(a.chain, b.chain);
  EXPECT_EQ(a.seq, b.seq);
  EXPECT_EQ(a.hash, b.hash);
  EXPECT_EQ(a.at, b.at);
  EXPECT_EQ(a.heads, b.heads);
  EXPECT_EQ(a.key_id, b.key_id);
  EXPECT_EQ(a.signature, b.signature);
}

// A writer that remembers the chain's head appends on it without reading it
// (PostgreSQL: without a round trip); a head that moved meanwhile, or a key
// retired meanwhile, fails the whole transaction, which keeps nothing.
TEST_P(StoreContractTest, AnEntryGoesOnTheHeadItsWriterExpectsOrNothingIsKept) {
  InsertOrganisations({MakeOrganisation("org-1", "Alpha")});
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    TRY(tx.InsertSigningKey({"k-1", "pub-1", "sec-1", 100}));
    return AppendNext(tx, "org-1", "h1");
  }));
  app::AuditCheckpoint c2{"org-1", 2, "h2", 1002, "", "k-1", "sig-2"};
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    TRY(tx.InsertSurvey({"org-1", "s-1", std::nullopt, "tok-1", "{}", 0, 100, 100, 1}));
    TRY(tx.AppendAuditOnHead(MakeAudit("org-1", 2, "h1", "h2")));
    return tx.InsertAuditCheckpointByCurrentKey(c2);
  }));
  auto checkpoints =
      InRead(store(), [&](Transaction& tx) { return tx.ListAuditCheckpoints("org-1", 0, 10); });
  ASSERT_OK(checkpoints);
  ASSERT_EQ(checkpoints->size(), 1u);
  ExpectSameCheckpoint((*checkpoints)[0], c2);
  // Behind the head, past it, or beside it (another hash): refused.
  const std::vector<app::AuditEntry> wrong = {MakeAudit("org-1", 2, "h1", "h2b"),
                                              MakeAudit("org-1", 4, "h3", "h4"),
                                              MakeAudit("org-1", 3, "h-other", "h3")};
  for (const app::AuditEntry& e : wrong) {
    auto refused = InWrite(store(), [&](Transaction& tx) -> Result<void> {
      TRY(tx.InsertSurvey({"org-1", "s-2", std::nullopt, "tok-2", "{}", 0, 100, 100, 1}));
      return tx.AppendAuditOnHead(e);
    });
    ASSERT_FALSE(refused) << e.seq;
    EXPECT_TRUE(app::IsAuditChainMovedMeanwhile(refused.error())) << refused.error().message;
  }
  // Twice in one transaction, the second on the first.
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    TRY(tx.AppendAuditOnHead(MakeAudit("org-1", 3, "h2", "h3")));
    return tx.AppendAuditOnHead(MakeAudit("org-1", 4, "h3", "h4"));
  }));
  // A checkpoint by a retired key, or by none stored: refused with its entry.
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return tx.RetireSigningKey("k-1", 200); }));
  for (const char* key : {"k-1", "k-none"}) {
    auto refused = InWrite(store(), [&](Transaction& tx) -> Result<void> {
      TRY(tx.AppendAuditOnHead(MakeAudit("org-1", 5, "h4", "h5")));
      return tx.InsertAuditCheckpointByCurrentKey({"org-1", 5, "h5", 1005, "", key, "sig-5"});
    });
    ASSERT_FALSE(refused) << key;
    EXPECT_TRUE(app::IsAuditChainMovedMeanwhile(refused.error())) << refused.error().message;
  }
  auto chain = InRead(store(), [&](Transaction& tx) { return tx.ListAuditChain("org-1", 0, 10); });
  ASSERT_OK(chain);
  ASSERT_EQ(chain->size(), 4u);
  EXPECT_EQ((*chain)[3].hash, "h4");
  auto survey = InRead(store(), [&](Transaction& tx) { return tx.FindSurvey("org-1", "s-2"); });
  ASSERT_OK(survey);
  EXPECT_FALSE(*survey);
  checkpoints =
      InRead(store(), [&](Transaction& tx) { return tx.ListAuditCheckpoints("org-1", 0, 10); });
  ASSERT_OK(checkpoints);
  EXPECT_EQ(checkpoints->size(), 1u);
  // The chain goes on from its real head, read as the use cases read it.
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) { return AppendNext(tx, "org-1", "h5"); }));
}

TEST_P(StoreContractTest, AuditCheckpointsPageLatestPerChainAndRosters) {
  const std::vector<app::AuditCheckpoint> all = {
      MakeCheckpoint("org-b", 1),    MakeCheckpoint("org-b", 2),
      MakeCheckpoint("org-b", 3),    MakeCheckpoint("org-a", 1),
      MakeCheckpoint("platform", 1), MakeCheckpoint("platform", 2, R"({"chains":[]})"),
      MakeCheckpoint("platform", 3), MakeCheckpoint("platform", 4, R"({"chains":[1]})")};
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    for (const auto& c : all)
      if (auto r = tx.InsertAuditCheckpoint(c); !r) return r;
    return {};
  }));
  auto page =
      InRead(store(), [&](Transaction& tx) { return tx.ListAuditCheckpoints("org-b", 1, 1); });
  ASSERT_OK(page);
  ASSERT_EQ(page->size(), 1u);
  ExpectSameCheckpoint((*page)[0], all[1]);
  auto rest =
      InRead(store(), [&](Transaction& tx) { return tx.ListAuditCheckpoints("org-b", 1, 100); });
  ASSERT_OK(rest);
  ASSERT_EQ(rest->size(), 2u);
  EXPECT_EQ((*rest)[1].seq, 3);
  auto latest = InRead(store(), [&](Transaction& tx) { return tx.ListLatestAuditCheckpoints(); });
  ASSERT_OK(latest);
  ASSERT_EQ(latest->size(), 3u);
  ExpectSameCheckpoint((*latest)[0], all[3]);
  ExpectSameCheckpoint((*latest)[1], all[2]);
  ExpectSameCheckpoint((*latest)[2], all[7]);
  auto rosters = InRead(store(), [&](Transaction& tx) { return tx.ListAuditRosters(); });
  ASSERT_OK(rosters);
  ASSERT_EQ(rosters->size(), 2u);
  ExpectSameCheckpoint((*rosters)[0], all[5]);
  ExpectSameCheckpoint((*rosters)[1], all[7]);
  // A checkpoint already there fails its transaction, even as its last
  // statement (PostgreSQL sends it with the COMMIT), and undoes all of it.
  auto dup = InWrite(store(), [&](Transaction& tx) -> Result<void> {
    TRY(tx.InsertUser(MakeUser("u-9", "late@example.org"), "hash-u-9"));
    return tx.InsertAuditCheckpoint(MakeCheckpoint("org-b", 2));
  });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
  auto user = InRead(store(), [&](Transaction& tx) { return tx.FindUserById("u-9"); });
  ASSERT_OK(user);
  EXPECT_FALSE(*user);
  auto bad =
      InRead(store(), [&](Transaction& tx) { return tx.ListAuditCheckpoints("org-b", 0, 0); });
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  for (const std::string sql :
       {"UPDATE audit_checkpoints SET hash = 'forged'", "DELETE FROM audit_checkpoints"}) {
    const std::string error = ExecRaw(sql);
    EXPECT_NE(error.find("append-only"), std::string::npos) << sql << " -> \"" << error << "\"";
  }
}

// ---- What someone with write access to the database (but not the signing
// key) can do to the audit log, and `audit verify` finding it. Each test
// passed verification before entries were signed.

class AuditTamperTest : public StoreContractTest {
 protected:
  void SetUp() override {
    StoreContractTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_OK(app::InitCrypto());
  }

  // Appends n signed entries to an organisation's chain, as the use cases do.
  void Audit(const std::string& org, int n, UnixTime at = 1700000000) {
    ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
      for (int i = 0; i < n; ++i) {
        auto r = app::AppendAuditEvent(tx,
                                       {"u-actor", "organisation.update", "organisation", org, org,
                                        fmt::format(R"({{"n":{}}})", i)},
                                       at);
        if (!r) return r;
      }
      return {};
    }));
  }

  void Roster(UnixTime at = 1700000100) {
    auto roster = app::WriteAuditRoster(store(), at, true);
    ASSERT_OK(roster);
    ASSERT_TRUE(roster->has_value());
  }

  // The published keys, exported before any tampering: what a verifier holds.
  app::AuditVerifyOptions Published() {
    app::AuditVerifyOptions options;
    auto keys = app::PublishedKeys(store());
    EXPECT_TRUE(keys.has_value());
    if (keys) options.keys = *keys;
    options.keys_given = true;
    return options;
  }

  // Raw SQL as the attacker runs it: the append-only triggers switched off first.
  void Tamper(const std::string& sql) {
    const std::string off =
        IsSqlite() ? "DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update; "
                     "DROP TRIGGER audit_checkpoints_no_delete; "
                     "DROP TRIGGER audit_checkpoints_no_update; "
                   : "ALTER TABLE audit_log DISABLE TRIGGER USER; "
                     "ALTER TABLE audit_checkpoints DISABLE TRIGGER USER; ";
    ASSERT_EQ(ExecRaw(off + sql), "") << sql;
  }

  // The problems found, one a line.
  std::string Verify(const app::AuditVerifyOptions& options, bool* valid = nullptr) {
    auto report = app::VerifyAuditLog(store(), options);
    EXPECT_TRUE(report.has_value());
    if (!report) return "";
    if (valid != nullptr) *valid = report->valid;
    std::string out;
    for (const auto& p : report->problems)
      out += fmt::format("{} {}: {}\n", p.chain, p.seq, p.problem);
    EXPECT_EQ(report->valid, out.empty());
    return out;
  }
};

TEST_P(AuditTamperTest, AnUntouchedLogVerifiesAcrossAKeyRotation) {
  Audit("org-1", 3);
  ASSERT_OK(app::RotateSigningKey(store(), 1700000050));
  Audit("org-1", 2, 1700000060);
  Audit("org-2", 1, 1700000060);
  Roster();
  auto options = Published();
  ASSERT_EQ(options.keys.size(), 2u);
  auto report = app::VerifyAuditLog(store(), options);
  ASSERT_OK(report);
  EXPECT_TRUE(report->valid) << Verify(options);
  EXPECT_FALSE(report->keys_from_database);
  EXPECT_EQ(report->last_roster_at, std::optional<UnixTime>(1700000100));
  EXPECT_EQ(report->checkpoints, report->entries);  // every entry signed
  // The database's own keys give the same answer, and say that they were used.
  auto own = app::VerifyAuditLog(store());
  ASSERT_OK(own);
  EXPECT_TRUE(own->valid);
  EXPECT_TRUE(own->keys_from_database);
}

TEST_P(AuditTamperTest, EntriesDeletedFromTheEndOfAChainAreFound) {
  Audit("org-1", 5);
  Roster();
  Audit("org-1", 1, 1700000200);
  // The last three entries and their checkpoints go; the chain still links up.
  Tamper(
      "DELETE FROM audit_log WHERE chain = 'org-1' AND seq > 3; "
      "DELETE FROM audit_checkpoints WHERE chain = 'org-1' AND seq > 3");
  const std::string problems = Verify(Published());
  EXPECT_NE(problems.find("org-1 4: entries 4 to 5 are missing from the end"), std::string::npos)
      << problems;
}

TEST_P(AuditTamperTest, AWholeChainDeletedIsFound) {
  Audit("org-1", 2);
  Audit("org-2", 3);
  Roster();
  Tamper(
      "DELETE FROM audit_log WHERE chain = 'org-2'; DELETE FROM audit_checkpoints WHERE chain = "
      "'org-2'");
  const std::string problems = Verify(Published());
  EXPECT_NE(problems.find("org-2 3: the whole chain is missing"), std::string::npos) << problems;
}

TEST_P(AuditTamperTest, AForgedButCorrectlyHashedEntryAppendedIsFound) {
  Audit("org-1", 3);
  const app::AuditVerifyOptions published = Published();
  // The attacker extends the chain properly, and signs a checkpoint with a key
  // of their own that they also add to the database's key table.
  auto forger = app::NewSigningKey(1700000300);
  ASSERT_OK(forger);
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    auto head = tx.AuditHead("org-1");
    if (!head) return Fail(head.error());
    AuditEntry e = MakeAudit("org-1", (*head)->seq + 1, (*head)->hash, "", "org-1", 1700000300);
    e.action = "organisation.delete";
    e.hash = app::AuditHash(e);
    if (auto r = tx.AppendAudit(e); !r) return r;
    if (auto r = tx.InsertSigningKey(*forger); !r) return r;
    app::AuditCheckpoint c{e.chain, e.seq, e.hash, 1700000300, "", forger->id, ""};
    c.signature = *app::SignMessage(*forger, app::CheckpointMessage(c));
    return tx.InsertAuditCheckpoint(c);
  }));
  const std::string problems = Verify(published);
  EXPECT_NE(problems.find("org-1 4: its checkpoint is not signed by a trusted key"),
            std::string::npos)
      << problems;
  EXPECT_NE(problems.find("org-1 4: it has no signed checkpoint"), std::string::npos) << problems;
  // The database's own key table now vouches for the forgery: which is why
  // the verifier is given the published keys.
  EXPECT_EQ(Verify({}), "");
  // Without a checkpoint at all, found all the same.
  Tamper("DELETE FROM audit_checkpoints WHERE chain = 'org-1' AND seq = 4");
  EXPECT_NE(Verify(published).find("org-1 4: it has no signed checkpoint"), std::string::npos);
}

TEST_P(AuditTamperTest, AChainRewrittenWithItsHashesRecomputedIsFound) {
  Audit("org-1", 3);
  Roster();
  // The whole chain replaced by one that tells another story, every hash
  // recomputed, and its checkpoints deleted.
  Tamper(std::string("DELETE FROM audit_log WHERE chain = 'org-1'; DELETE FROM audit_checkpoints "
                     "WHERE chain = 'org-1'") +
         (IsSqlite() ? "" : "; DELETE FROM audit_heads WHERE chain = 'org-1'"));
  ASSERT_OK(InWrite(store(), [&](Transaction& tx) -> Result<void> {
    std::string prev;
    for (int64_t seq = 1; seq <= 3; ++seq) {
      AuditEntry e = MakeAudit("org-1", seq, prev, "", "org-1", 1700000000);
      e.actor_id = "u-someone-else";
      e.hash = app::AuditHash(e);
      if (auto r = tx.AppendAudit(e); !r) return r;
      prev = e.hash;
    }
    return {};
  }));
  bool valid = true;
  const std::string problems = Verify(Published(), &valid);
  EXPECT_FALSE(valid);
  EXPECT_NE(problems.find("org-1 3: it differs from the chain's head in the roster checkpoint"),
            std::string::npos)
      << problems;
}

TEST_P(AuditTamperTest, TheRewrittenChainIsFoundByItsOwnCheckpointsToo) {
  Audit("org-1", 3);
  // No roster yet: the entries' own checkpoints are left, the entries rewritten.
  Tamper("UPDATE audit_log SET actor_id = 'u-someone-else' WHERE chain = 'org-1'");
  ASSERT_OK(InRead(store(), [&](Transaction& tx) -> Result<void> {
    auto chain = tx.ListAuditChain("org-1", 0, 10);
    if (!chain) return Fail(chain.error());
    std::string prev;
    std::string sql;
    for (AuditEntry e : *chain) {
      e.actor_id = "u-someone-else";
      e.prev_hash = prev;
      e.hash = app::AuditHash(e);
      sql += fmt::format(
          "UPDATE audit_log SET prev_hash = '{}', hash = '{}' WHERE chain = 'org-1' AND seq = {}; ",
          e.prev_hash, e.hash, e.seq);
      prev = e.hash;
    }
    EXPECT_EQ(ExecRaw(sql), "");
    return {};
  }));
  const std::string problems = Verify(Published());
  EXPECT_NE(problems.find("org-1 1: it differs from its signed checkpoint"), std::string::npos)
      << problems;
  EXPECT_EQ(problems.find("hash does not match"), std::string::npos)
      << "the hashes were recomputed: " << problems;
}

TEST_P(AuditTamperTest, AKeptCheckpointFindsARollbackOfTheRosterToo) {
  Audit("org-1", 2);
  auto kept = app::WriteAuditRoster(store(), 1700000100,
                                    true);  // printed by `audit checkpoint`, kept elsewhere
  ASSERT_OK(kept);
  ASSERT_TRUE(kept->has_value());
  // Everything since before that roster is undone in the database: the
  // platform chain's tail with the roster, and org-1's last entry.
  Tamper(
      fmt::format("DELETE FROM audit_log WHERE (chain = 'platform' AND seq >= {0}) OR (chain = "
                  "'org-1' AND seq = 2); "
                  "DELETE FROM audit_checkpoints WHERE (chain = 'platform' AND seq >= {0}) OR "
                  "(chain = 'org-1' AND seq = 2)",
                  (*kept)->seq));
  bool valid = true;
  EXPECT_EQ(Verify(Published(), &valid), "") << "nothing in the database can show this rollback";
  auto options = Published();
  options.kept = {**kept};
  const std::string problems = Verify(options);
  EXPECT_NE(problems.find("org-1 2: entries 2 to 2 are missing from the end"), std::string::npos)
      << problems;
}

TEST_P(StoreContractTest, ANewSqliteFileIsReadableByItsOwnerOnly) {
  if (!IsSqlite()) GTEST_SKIP() << "a PostgreSQL server keeps its own files";
  const std::filesystem::path path = dir_ / "fresh.db";
  auto fresh = storage::SqliteStore::Create(path.string());
  ASSERT_OK(fresh);
  ASSERT_OK((*fresh)->Migrate());
  ASSERT_OK((*fresh)->Write([](Transaction& tx) {
    return tx.InsertSigningKey({"k", "p", "secret", 1});
  }));
  for (const std::string suffix : {"", "-wal"}) {
    std::error_code ec;
    const auto perms = std::filesystem::status(path.string() + suffix, ec).permissions();
    ASSERT_FALSE(ec) << suffix;
    EXPECT_EQ(perms & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write)
        << "store.db" << suffix;
  }
}

// SQLite: no commit copies the WAL into the file (the WAL grows past
// SQLite's own 1,000 pages), the store's own thread does, once it passes
// 4,000 pages, beside the writer; the next write then starts the WAL again
// from its beginning. Everything written stays readable.
TEST_P(StoreContractTest, TheWalIsCopiedIntoTheFileBesideTheWriter) {
  if (!IsSqlite()) GTEST_SKIP() << "PostgreSQL keeps its own write-ahead log";
  InsertOrganisations({MakeOrganisation("org-1", "Alpha")});
  const std::string big(64 * 1024, 'x');
  // The WAL's frames now: mxFrame in the header of the WAL index (the -shm
  // file, native byte order, offset 16), read without touching the database,
  // since any checkpoint from here would do the work under test.
  auto frames_in_wal = [&] {
    std::ifstream shm(sqlite_path_ + "-shm", std::ios::binary);
    char header[20] = {};
    if (!shm.read(header, sizeof header)) return int64_t{-1};
    uint32_t max_frame = 0;
    std::memcpy(&max_frame, header + 16, sizeof max_frame);
    return static_cast<int64_t>(max_frame);
  };
  // Commits of 64 KiB (16 pages each) until the WAL has started again. The
  // copy runs on its own thread, in its own time: on a slow disk the writer
  // outruns it for a while, so the loop is bounded by time (30 s) and count.
  int64_t peak = 0, previous = 0;
  int restarts = 0, commits = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (restarts == 0 && commits < 20000 && std::chrono::steady_clock::now() < deadline) {
    ASSERT_OK(InWrite(store(), [&](Transaction& tx) {
      return tx.InsertRecordVersion({"org-1", "impact_map", fmt::format("map-{}", commits), 1, "",
                                     "Map", "{\"v\":\"" + big + "\"}", "u-1", 100});
    }));
    ++commits;
    const int64_t frames = frames_in_wal();
    if (frames < previous) ++restarts;
    peak = std::max(peak, frames);
    previous = frames;
  }
  EXPECT_EQ(restarts, 1) << "the WAL was never copied into the file and started again";
  EXPECT_GE(peak, 4000) << "a commit copied the WAL into the file before 4,000 pages";
  auto last = InRead(store(), [&](Transaction& tx) {
    return tx.FindRecord("org-1", "impact_map", fmt::format("map-{}", commits - 1), 0);
  });
  ASSERT_OK(last);
  ASSERT_TRUE(*last);
  EXPECT_EQ((*last)->body.size(), big.size() + 8);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest,
                         ::testing::Values(std::string(kSqlite), std::string(kPostgres)),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });
INSTANTIATE_TEST_SUITE_P(Backends, AuditTamperTest,
                         ::testing::Values(std::string(kSqlite), std::string(kPostgres)),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

// The directory (core/directory.h): one profile per organisation, the
// broker's entries without one, a version check on update, and the search:
// each back end's own full-text index (FTS5, tsvector) kept in step with
// every insert, update and delete, the filters as bit masks, listed only
// unless asked.
TEST_P(StoreContractTest, TheDirectorySearchesItsOwnWordsAndFilters) {
  auto entry = [](std::string id, std::string org, std::string name, std::string summary,
                  int64_t themes, int64_t areas, bool listed) {
    DirectoryEntry e;
    e.id = std::move(id);
    e.organisation_id = std::move(org);
    e.source =
        e.organisation_id.empty() ? DirectorySource::kBroker : DirectorySource::kOrganisation;
    e.name = name;
    e.sort_name = name;
    for (char& c : e.sort_name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    e.summary = std::move(summary);
    e.legal_form = "cic";
    e.legal_form_mask = 4;
    e.themes = {"food"};
    e.areas = {"wales"};
    e.theme_mask = themes;
    e.area_mask = areas;
    e.listed = listed;
    e.created_at = e.updated_at = 100;
    return e;
  };
  InsertOrganisations({MakeOrganisation("org-1", "Alpha")});
  ASSERT_OK(store().Write([&](Transaction& tx) -> Result<void> {
    TRY(tx.InsertDirectoryEntry(
        entry("d-1", "org-1", "Alpha Kitchen", "Cooks with young people", 1, 1, true)));
    TRY(tx.InsertDirectoryEntry(entry("d-2", "", "Bread Shed", "A bakery in Cardiff", 2, 2, true)));
    TRY(tx.InsertDirectoryEntry(
        entry("d-3", "", "Quiet Oven", "Bakes bread quietly", 2, 1, false)));
    return {};
  }));
  ASSERT_OK(store().Write([&](Transaction& tx) -> Result<void> {
    auto again = tx.InsertDirectoryEntry(entry("d-1", "", "X", "Y", 1, 1, true));
    EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
    auto second_profile = tx.InsertDirectoryEntry(entry("d-9", "org-1", "X", "Y", 1, 1, true));
    EXPECT_EQ(second_profile.error().code, ErrorCode::kAlreadyExists);
    return {};
  }));
  // The matches' ids in the order of their ranks (ties by seq): the scan
  // itself hands them in no particular order.
  auto scan = [&](DirectorySearch s, bool unlisted) {
    std::vector<std::pair<double, int64_t>> placed;
    EXPECT_TRUE(store().Read([&](Transaction& tx) -> Result<void> {
      return tx.ScanDirectory(
          s, unlisted, [&](const app::DirectoryHit& h) { placed.emplace_back(h.rank, h.seq); });
    }));
    std::sort(placed.begin(), placed.end());
    std::vector<std::string> ids;
    EXPECT_TRUE(store().Read([&](Transaction& tx) -> Result<void> {
      for (const auto& [rank, seq] : placed)
        ids.push_back(TRY(tx.FindDirectoryEntryBySeq(seq))->id);
      return {};
    }));
    return ids;
  };
  using Ids = std::vector<std::string>;
  EXPECT_EQ(scan({}, false), (Ids{"d-1", "d-2"}));  // by name
  EXPECT_EQ(scan({}, true), (Ids{"d-1", "d-2", "d-3"}));
  // A prefix, and "bakes" by its stem (ranked by each back end its own way).
  auto sorted = [](Ids ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  EXPECT_EQ(sorted(scan({{"bak"}}, true)), (Ids{"d-2", "d-3"}));
  // A word in a name ranks above the same word in a summary, on both back ends.
  EXPECT_EQ(scan({{"bread"}}, true), (Ids{"d-2", "d-3"}));
  EXPECT_EQ(scan({{"cardiff", "bakery"}}, false), (Ids{"d-2"}));
  EXPECT_EQ(scan({{"young"}, 0, 0, 4}, false), (Ids{"d-1"}));
  EXPECT_EQ(scan({{}, 2, 0, 0}, true), (Ids{"d-2", "d-3"}));
  EXPECT_EQ(scan({{}, 0, 1, 0}, true), (Ids{"d-1", "d-3"}));
  EXPECT_TRUE(scan({{"young"}, 2, 0, 0}, false).empty());

  // Only some organisations' profiles (a certification filter), with the
  // same filters, each with its place by name among them.
  InsertOrganisations({MakeOrganisation("org-2", "Beta"), MakeOrganisation("org-3", "Gamma")});
  ASSERT_OK(store().Write([&](Transaction& tx) -> Result<void> {
    TRY(tx.InsertDirectoryEntry(entry("d-4", "org-2", "Able Hands", "Repairs", 2, 1, true)));
    TRY(tx.InsertDirectoryEntry(entry("d-5", "org-3", "Zed Works", "Unlisted", 1, 1, false)));
    return {};
  }));
  auto scan_of = [&](std::vector<std::string> orgs, DirectorySearch s, bool unlisted) {
    std::vector<std::pair<double, std::string>> placed;
    EXPECT_TRUE(store().Read([&](Transaction& tx) -> Result<void> {
      return tx.ScanDirectoryOf(orgs, s, unlisted, [&](const app::DirectoryHit& h) {
        placed.emplace_back(h.rank, std::string(h.organisation_id));
      });
    }));
    std::sort(placed.begin(), placed.end());
    std::vector<std::string> out;
    for (const auto& [rank, org] : placed) out.push_back(org);
    return out;
  };
  EXPECT_EQ(scan_of({"org-1", "org-2", "org-3", "org-none"}, {}, false), (Ids{"org-2", "org-1"}));
  EXPECT_EQ(scan_of({"org-3", "org-1"}, {}, true), (Ids{"org-1", "org-3"}));
  EXPECT_EQ(scan_of({"org-1", "org-2"}, {{}, 2, 0, 0}, false), (Ids{"org-2"}));
  EXPECT_EQ(scan_of({"org-1", "org-2"}, {{}, 0, 1, 0}, false), (Ids{"org-2", "org-1"}));
  EXPECT_TRUE(scan_of({}, {}, true).empty());
  // A page's entries by their seqs in one go, in the order asked, past one
  // statement's 25, and a seq that is not stored left out.
  ASSERT_OK(store().Read([&](Transaction& tx) -> Result<void> {
    std::map<std::string, int64_t> seq_of;
    std::vector<int64_t> all;
    TRY(tx.ScanDirectory({}, true, [&](const app::DirectoryHit& h) { all.push_back(h.seq); }));
    for (int64_t seq : all) seq_of[TRY(tx.FindDirectoryEntryBySeq(seq))->id] = seq;
    std::vector<int64_t> asked = {seq_of["d-4"], 987654321, seq_of["d-1"]};
    Ids expected = {"d-4", "d-1"};
    for (int i = 0; i < 26; ++i) {
      asked.push_back(seq_of["d-2"]);
      expected.push_back("d-2");
    }
    Ids got;
    for (const DirectoryEntry& e : TRY(tx.FindDirectoryEntriesBySeq(asked))) got.push_back(e.id);
    EXPECT_EQ(got, expected);
    EXPECT_TRUE(TRY(tx.FindDirectoryEntriesBySeq({})).empty());
    return {};
  }));
  EXPECT_TRUE(scan_of({"org-'); DROP TABLE x; --", "a\\\"b"}, {}, true).empty());
  ASSERT_OK(store().Write([&](Transaction& tx) -> Result<void> {
    TRY(tx.DeleteDirectoryEntry("d-4"));
    TRY(tx.DeleteDirectoryEntry("d-5"));
    return {};
  }));

  // An update is seen by the index; a stale one changes nothing.
  ASSERT_OK(store().Write([&](Transaction& tx) -> Result<void> {
    DirectoryEntry e = entry("d-2", "", "Bread Shed", "Now a repair café in Swansea", 2, 2, true);
    TRY(tx.UpdateDirectoryEntry(e));
    EXPECT_EQ(tx.UpdateDirectoryEntry(e).error().code, ErrorCode::kFailedPrecondition);
    return {};
  }));
  EXPECT_EQ(scan({{"swansea"}}, false), (Ids{"d-2"}));
  EXPECT_TRUE(scan({{"cardiff"}}, false).empty());
  ASSERT_OK(store().Read([&](Transaction& tx) -> Result<void> {
    auto found = TRY(tx.FindDirectoryEntry("d-2"));
    EXPECT_EQ(found->version, 2);
    EXPECT_EQ(found->summary, "Now a repair café in Swansea");
    EXPECT_EQ(found->themes, (std::vector<std::string>{"food"}));
    EXPECT_EQ(TRY(tx.FindDirectoryEntryOfOrganisation("org-1"))->id, "d-1");
    EXPECT_EQ(TRY(tx.FindDirectoryEntriesByDuplicateKey("bread shed")).size(), 1u);
    return {};
  }));
  ASSERT_OK(store().Write([](Transaction& tx) { return tx.DeleteDirectoryEntry("d-2"); }));
  EXPECT_TRUE(scan({{"swansea"}}, true).empty());
}

}  // namespace
}  // namespace valuemark
