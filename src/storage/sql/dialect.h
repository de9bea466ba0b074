// Internal to src/storage: the SQL of sql/*_sql.cpp is written once, in the
// spelling both databases accept, with SQLite's numbered placeholders (?1, ?2
// ...). What still differs is rewritten here, once per statement and
// connection, when the PostgreSQL driver prepares it:
//   - placeholders: ?N becomes $N;
//   - byte-wise text order: COLLATE BINARY becomes COLLATE "C";
//   - SQLite's index hint "INDEXED BY name" (for a partial index its planner
//     does not choose without statistics) is dropped: PostgreSQL's planner
//     has its statistics.
// The rest is common ground: inserts end in ON CONFLICT DO NOTHING and count
// the rows changed (PostgreSQL aborts a whole transaction on a unique
// violation; SQLite would not, and the count reads the same on both), upserts
// use ON CONFLICT (...) DO UPDATE SET ... = excluded...., and integers are
// spelled BIGINT in casts. Bytes are bound as a BLOB on SQLite and as a
// binary BYTEA parameter on PostgreSQL (the drivers' BindBlob).
#pragma once

#include <string>
#include <string_view>

namespace valuemark::storage::sql {

// The PostgreSQL text of a statement written in the shared spelling.
std::string PostgresSql(std::string_view shared_sql);

}  // namespace valuemark::storage::sql
