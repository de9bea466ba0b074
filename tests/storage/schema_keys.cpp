#include "schema_keys.h"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <memory>

namespace valuemark::storage_test {
namespace {

Error SchemaError(std::string message) {
  return Error::Make(ErrorCode::kInternal, "reading the schema: " + std::move(message));
}

// ---- SQLite

using Rows = std::vector<std::vector<std::string>>;

Result<Rows> SqliteRows(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
    return Fail(SchemaError(sqlite3_errmsg(db)));
  }
  std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> stmt(raw, sqlite3_finalize);
  Rows rows;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    std::vector<std::string>& row = rows.emplace_back();
    for (int i = 0; i < sqlite3_column_count(stmt.get()); ++i) {
      const unsigned char* text = sqlite3_column_text(stmt.get(), i);
      row.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "");
    }
  }
  if (rc != SQLITE_DONE) return Fail(SchemaError(sqlite3_errmsg(db)));
  return rows;
}

std::string Quoted(const std::string& name) { return "'" + name + "'"; }

Result<TableKeys> SqliteTable(sqlite3* db, const std::string& name) {
  TableKeys table;
  table.name = name;
  // pk is the column's position in the primary key (1-based), 0 when outside it.
  const Rows columns =
      TRY(SqliteRows(db, "SELECT name, pk FROM pragma_table_info(" + Quoted(name) + ")"));
  std::vector<std::pair<int, std::string>> key;
  for (const auto& row : columns) {
    table.columns.push_back(row[0]);
    if (row[1] != "0") key.emplace_back(std::stoi(row[1]), row[0]);
  }
  std::ranges::sort(key);
  for (const auto& [position, column] : key) table.primary_key.push_back(column);

  // origin: "pk" for the primary key's own index, "u" for UNIQUE, "c" for CREATE INDEX.
  const Rows indexes =
      TRY(SqliteRows(db, "SELECT name, origin FROM pragma_index_list(" + Quoted(name) +
                             ") WHERE \"unique\" = 1 AND origin <> 'pk' ORDER BY name"));
  for (const auto& index : indexes) {
    const Rows index_columns = TRY(SqliteRows(
        db, "SELECT name FROM pragma_index_info(" + Quoted(index[0]) + ") ORDER BY seqno"));
    std::vector<std::string>& unique = table.unique_keys.emplace_back();
    for (const auto& column : index_columns) unique.push_back(column[0]);
  }

  const Rows references =
      TRY(SqliteRows(db, "SELECT id, \"table\", \"from\" FROM pragma_foreign_key_list(" +
                             Quoted(name) + ") ORDER BY id, seq"));
  std::map<std::string, ForeignKey> by_id;
  for (const auto& row : references) {
    ForeignKey& fk = by_id[row[0]];
    fk.table = row[1];
    fk.columns.push_back(row[2]);
  }
  for (auto& [id, fk] : by_id) table.foreign_keys.push_back(std::move(fk));
  return table;
}

// ---- PostgreSQL

Result<Rows> PostgresRows(PGconn* conn, const std::string& sql) {
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn, sql.c_str()), PQclear);
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
    return Fail(SchemaError(PQresultErrorMessage(result.get())));
  }
  Rows rows;
  for (int r = 0; r < PQntuples(result.get()); ++r) {
    std::vector<std::string>& row = rows.emplace_back();
    for (int c = 0; c < PQnfields(result.get()); ++c)
      row.emplace_back(PQgetvalue(result.get(), r, c));
  }
  return rows;
}

// A key's columns in key order, one row per (key, column); rows of one key follow each other.
std::vector<std::vector<std::string>> Grouped(const Rows& rows) {
  std::vector<std::vector<std::string>> keys;
  std::string current;
  for (const auto& row : rows) {
    if (keys.empty() || row[0] != current) {
      keys.emplace_back();
      current = row[0];
    }
    keys.back().push_back(row[1]);
  }
  return keys;
}

Result<TableKeys> PostgresTable(PGconn* conn, const std::string& name) {
  TableKeys table;
  table.name = name;
  const std::string oid = fmt::format("'public.{}'::regclass", name);
  const Rows columns = TRY(PostgresRows(
      conn, fmt::format("SELECT attname FROM pg_attribute WHERE attrelid = {} AND attnum > 0 "
                        "AND NOT attisdropped ORDER BY attnum",
                        oid)));
  for (const auto& row : columns) table.columns.push_back(row[0]);

  // Unique indexes (those of PRIMARY KEY and UNIQUE constraints among them), columns in key order.
  const Rows index_columns = TRY(PostgresRows(
      conn, fmt::format("SELECT i.indexrelid::regclass::text, a.attname, i.indisprimary "
                        "FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY "
                        "AS k(attnum, n) JOIN pg_attribute a ON a.attrelid = i.indrelid AND "
                        "a.attnum = k.attnum WHERE i.indrelid = {} AND i.indisunique "
                        "ORDER BY i.indisprimary DESC, 1, k.n",
                        oid)));
  Rows primary;
  Rows unique;
  for (const auto& row : index_columns) (row[2] == "t" ? primary : unique).push_back(row);
  if (!primary.empty()) table.primary_key = Grouped(primary).front();
  table.unique_keys = Grouped(unique);

  const Rows references = TRY(PostgresRows(
      conn, fmt::format("SELECT c.conname, c.confrelid::regclass::text, a.attname "
                        "FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY "
                        "AS k(attnum, n) JOIN pg_attribute a ON a.attrelid = c.conrelid AND "
                        "a.attnum = k.attnum WHERE c.conrelid = {} AND c.contype = 'f' "
                        "ORDER BY 1, k.n",
                        oid)));
  std::string current;
  for (const auto& row : references) {
    if (table.foreign_keys.empty() || row[0] != current) {
      table.foreign_keys.push_back(ForeignKey{.columns = {}, .table = row[1]});
      current = row[0];
    }
    table.foreign_keys.back().columns.push_back(row[2]);
  }
  return table;
}

}  // namespace

// SQLite's full-text indexes (virtual tables and the shadow tables that keep
// them) are left out: they index a table that is placed, and PostgreSQL keeps
// the same index as a column of that table.
Result<std::vector<TableKeys>> ReadSqliteKeys(const std::string& path) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, sqlite3_close);
  if (rc != SQLITE_OK) return Fail(SchemaError(sqlite3_errmsg(db.get())));
  const Rows names =
      TRY(SqliteRows(db.get(),
                     "SELECT name FROM sqlite_master t WHERE type = 'table' AND name "
                     "NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql NOT LIKE "
                     "'CREATE VIRTUAL TABLE%' AND NOT EXISTS (SELECT 1 FROM "
                     "sqlite_master v WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%' "
                     "AND t.name LIKE v.name || '\\_%' ESCAPE '\\') ORDER BY name"));
  std::vector<TableKeys> tables;
  for (const auto& row : names) tables.push_back(TRY(SqliteTable(db.get(), row[0])));
  return tables;
}

Result<std::vector<TableKeys>> ReadPostgresKeys(const std::string& conninfo) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo.c_str()), PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) return Fail(SchemaError(PQerrorMessage(conn.get())));
  const Rows names = TRY(PostgresRows(
      conn.get(),
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"));
  std::vector<TableKeys> tables;
  for (const auto& row : names) tables.push_back(TRY(PostgresTable(conn.get(), row[0])));
  return tables;
}

}  // namespace valuemark::storage_test
