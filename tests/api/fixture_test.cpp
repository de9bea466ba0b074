// The shared fixture's own rules (api_fixture.h): the PostgreSQL run of the
// API tests fails without a server where PostgreSQL is required (make test),
// and is skipped otherwise; the platform's clock stands still.
#include "api_fixture.h"

namespace valuemark::http {
namespace {

TEST(ApiFixture, AMissingServerFailsWherePostgresIsRequiredAndIsSkippedOtherwise) {
  EXPECT_EQ(WhenPgIsAbsent(nullptr), PgAbsent::kSkip);
  EXPECT_EQ(WhenPgIsAbsent(""), PgAbsent::kSkip);
  EXPECT_EQ(WhenPgIsAbsent("0"), PgAbsent::kSkip);
  EXPECT_EQ(WhenPgIsAbsent("1"), PgAbsent::kFail);
}

TEST(ApiFixture, ADatabaseUrlNamesAnotherDatabase) {
  EXPECT_EQ(UrlWithDatabase("postgresql://valuemark@127.0.0.1:5433/postgres", "t1"),
            "postgresql://valuemark@127.0.0.1:5433/t1");
  EXPECT_EQ(UrlWithDatabase("postgresql://h:1?sslmode=disable", "t1"),
            "postgresql://h:1/t1?sslmode=disable");
}

// Dates in every API test are the fixed clock's, whatever day the tests run.
TEST_F(ApiTest, ThePlatformRunsOnTheFixedClock) {
  EXPECT_EQ(Day(), "2030-03-12");
  EXPECT_EQ(platform_->Now(), kFixedNow);
  Session s = SignUp("clock@example.org");
  const json me = Body(Call(Method::kGet, "/api/v1/me", "", &s));
  EXPECT_EQ(me["user"]["created_at"], "2030-03-12T09:00:00Z");
}

}  // namespace
}  // namespace valuemark::http
