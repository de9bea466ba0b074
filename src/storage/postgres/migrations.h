// Internal to src/storage/postgres: the schema, as an ordered list of scripts.
#pragma once

#include <span>

namespace valuemark::storage::postgres {

struct Migration {
  int version;       // 1, 2, 3 ... in order, never reused or edited once released
  const char* name;  // for messages
  const char* sql;   // run in the migration transaction; no parameters
};

std::span<const Migration> Migrations();

// The scripts from version 41 on (migrations_41_on.cpp), which Migrations()
// puts after the first 40.
std::span<const Migration> MigrationsFrom41();

}  // namespace valuemark::storage::postgres
