// The keys of a migrated database's tables, read from the live schema of
// SQLite (PRAGMAs) or PostgreSQL (pg_catalog): what the distribution rules
// (distribution.h) are checked against.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace valuemark::storage_test {

struct ForeignKey {
  std::vector<std::string> columns;
  std::string table;  // the referenced table
};

struct TableKeys {
  std::string name;
  std::vector<std::string> columns;
  std::vector<std::string> primary_key;  // in key order
  // Unique constraints and unique indexes other than the primary key.
  std::vector<std::vector<std::string>> unique_keys;
  std::vector<ForeignKey> foreign_keys;
};

// Every table of the database, sorted by name.
Result<std::vector<TableKeys>> ReadSqliteKeys(const std::string& path);
Result<std::vector<TableKeys>> ReadPostgresKeys(const std::string& conninfo);

}  // namespace valuemark::storage_test
