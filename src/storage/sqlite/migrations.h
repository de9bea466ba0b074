// Internal to src/storage/sqlite: the schema, as an ordered list of scripts.
#pragma once

#include <span>

namespace valuemark::storage::sqlite {

struct Migration {
  int version;       // 1, 2, 3 ... in order, never reused or edited once released
  const char* name;  // for messages
  const char* sql;   // run in the migration transaction; no parameters
};

std::span<const Migration> Migrations();

}  // namespace valuemark::storage::sqlite
