// The shared SQL's rewriting for PostgreSQL (src/storage/sql/dialect.h).
#include "storage/sql/dialect.h"

#include <gtest/gtest.h>

namespace valuemark::storage::sql {
namespace {

TEST(PostgresDialectTest, NumberedPlaceholdersBecomeDollarParameters) {
  EXPECT_EQ(PostgresSql("UPDATE t SET a = ?2, b = ?10 WHERE id = ?1"),
            "UPDATE t SET a = $2, b = $10 WHERE id = $1");
}

TEST(PostgresDialectTest, ByteWiseOrderIsSpelledTheWayPostgresqlKnowsIt) {
  EXPECT_EQ(PostgresSql("SELECT a FROM t ORDER BY title COLLATE BINARY, id"),
            "SELECT a FROM t ORDER BY title COLLATE \"C\", id");
}

TEST(PostgresDialectTest, SqlitesIndexHintIsDropped) {
  EXPECT_EQ(PostgresSql("SELECT a FROM t INDEXED BY t_partial WHERE b = ?1"),
            "SELECT a FROM t WHERE b = $1");
}

TEST(PostgresDialectTest, EverythingElseIsLeftAsWritten) {
  const char* sql =
      "INSERT INTO t (a, b) VALUES ($1, 'C?') ON CONFLICT (a) DO UPDATE SET b = excluded.b";
  EXPECT_EQ(PostgresSql(sql), sql);
  EXPECT_EQ(PostgresSql("SELECT CASE WHEN x IS NULL THEN 0 ELSE 1 END, CAST(y AS BIGINT)"),
            "SELECT CASE WHEN x IS NULL THEN 0 ELSE 1 END, CAST(y AS BIGINT)");
}

}  // namespace
}  // namespace valuemark::storage::sql
