// tests/pg_url.h: where PostgreSQL is required (make test), a missing server
// fails the PostgreSQL tests; a developer running ctest alone gets skips.
#include "pg_url.h"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <optional>
#include <string>

namespace valuemark {
namespace {

using test_support::kPgRequiredVariable;
using test_support::kPgUrlVariable;
using test_support::PgUrlFrom;

TEST(PgUrl, TheUrlIsTakenAsGiven) {
  EXPECT_EQ(PgUrlFrom("postgresql://h/db", nullptr).url, "postgresql://h/db");
  EXPECT_EQ(PgUrlFrom(nullptr, nullptr).url, "");
}

TEST(PgUrl, OnlyANonZeroValueRequiresPostgres) {
  EXPECT_FALSE(PgUrlFrom(nullptr, nullptr).required);
  EXPECT_FALSE(PgUrlFrom(nullptr, "").required);
  EXPECT_FALSE(PgUrlFrom(nullptr, "0").required);
  EXPECT_TRUE(PgUrlFrom(nullptr, "1").required);
  EXPECT_TRUE(PgUrlFrom(nullptr, "yes").required);
}

// Sets (or unsets, for nullopt) an environment variable for one scope.
class ScopedVariable {
 public:
  ScopedVariable(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = getenv(name)) old_ = old;
    if (value) {
      setenv(name, value->c_str(), 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedVariable() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  ScopedVariable(const ScopedVariable&) = delete;
  ScopedVariable& operator=(const ScopedVariable&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

std::string taken_url;  // a global: EXPECT_FATAL_FAILURE's statement sees no locals
void TakeUrl() { VALUEMARK_TEST_PG_URL_OR_SKIP(taken_url); }

TEST(PgUrl, AMissingServerFailsWherePostgresIsRequired) {
  ScopedVariable url(kPgUrlVariable, std::nullopt);
  ScopedVariable required(kPgRequiredVariable, "1");
  EXPECT_FATAL_FAILURE(TakeUrl(), "requires PostgreSQL");
}

TEST(PgUrl, AGivenServerIsTaken) {
  ScopedVariable url(kPgUrlVariable, "postgresql://valuemark@127.0.0.1:5999/postgres");
  ScopedVariable required(kPgRequiredVariable, "1");
  taken_url.clear();
  TakeUrl();
  EXPECT_EQ(taken_url, "postgresql://valuemark@127.0.0.1:5999/postgres");
}

}  // namespace
}  // namespace valuemark
