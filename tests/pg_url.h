// The PostgreSQL server a test runs against: the URL in VALUEMARK_TEST_PG_URL,
// or, when it is unset, a skip for a developer running ctest alone and a
// failure where PostgreSQL is required (VALUEMARK_TEST_PG_REQUIRED=1, which
// scripts/with-postgres.sh sets, and so `make test`). Every test suite that
// runs on PostgreSQL takes its URL through VALUEMARK_TEST_PG_URL_OR_SKIP.
#pragma once

#include <cstdlib>
#include <string>
#include <string_view>

namespace valuemark::test_support {

inline constexpr char kPgUrlVariable[] = "VALUEMARK_TEST_PG_URL";
inline constexpr char kPgRequiredVariable[] = "VALUEMARK_TEST_PG_REQUIRED";

// What the environment says: the URL (empty when there is none) and whether
// its absence is a failure.
struct PgUrl {
  std::string url;
  bool required = false;
};

// From the two variables' values (nullptr when unset). Any value of the
// required variable but "" and "0" requires PostgreSQL.
inline PgUrl PgUrlFrom(const char* url, const char* required) {
  PgUrl result;
  if (url != nullptr) result.url = url;
  const std::string_view flag = required != nullptr ? required : "";
  result.required = !flag.empty() && flag != "0";
  return result;
}

inline PgUrl PgUrlFromEnvironment() {
  return PgUrlFrom(std::getenv(kPgUrlVariable), std::getenv(kPgRequiredVariable));
}

}  // namespace valuemark::test_support

// In a test body or SetUp(): sets the std::string `url_var` to the server's
// URL, or ends the test, skipped or (where PostgreSQL is required) failed.
#define VALUEMARK_TEST_PG_URL_OR_SKIP(url_var)                                          \
  do {                                                                                  \
    const ::valuemark::test_support::PgUrl pg_url_found =                               \
        ::valuemark::test_support::PgUrlFromEnvironment();                              \
    if (pg_url_found.url.empty()) {                                                     \
      if (pg_url_found.required) {                                                      \
        FAIL() << ::valuemark::test_support::kPgUrlVariable << " is not set, and "      \
               << ::valuemark::test_support::kPgRequiredVariable                        \
               << " requires PostgreSQL: run the tests under scripts/with-postgres.sh"; \
      }                                                                                 \
      GTEST_SKIP() << ::valuemark::test_support::kPgUrlVariable                         \
                   << " is not set: PostgreSQL tests skipped (run under "               \
                      "scripts/with-postgres.sh to include them)";                      \
    }                                                                                   \
    url_var = pg_url_found.url;                                                         \
  } while (false)
