// Internal to src/storage/sqlite: the schema, as an ordered list of scripts.
#pragma once

#include <span>

struct sqlite3;

namespace valuemark::storage::sqlite {

struct Migration {
  int version;       // 1, 2, 3 ... in order, never reused or edited once released
  const char* name;  // for messages
  const char* sql;   // run in the migration transaction; no parameters
};

std::span<const Migration> Migrations();

// The scripts from version 41 on (migrations_41_on.cpp), which Migrations()
// puts after the first 40.
std::span<const Migration> MigrationsFrom41();

// SQL functions that migration scripts call, registered on the connection
// that migrates: vm_base64_decode(text) -> blob (standard alphabet, padded;
// an error for anything else, so that a bad row stops the migration).
// Returns an SQLite result code.
int RegisterMigrationFunctions(sqlite3* db);

}  // namespace valuemark::storage::sqlite
