// Internal to src/storage/sql: running a statement and turning its rows into
// values, the same on every driver.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/result.h"
#include "storage/sql/driver.h"

namespace valuemark::storage::sql {

inline Error CorruptRow(std::string_view column, const Error& cause) {
  return Error::Make(ErrorCode::kInternal,
                     fmt::format("unreadable value in {}: {}", column, cause.message));
}

inline Result<std::string> TextFromRow(const Statement& st) { return st.Text(0); }

// A list of taxonomy codes as stored: separated by spaces (which a full-text
// index reads as words).
inline std::vector<std::string> SplitCodes(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}
inline std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const std::string& c : codes) out += (out.empty() ? "" : " ") + c;
  return out;
}

template <typename FromRow>
using RowType = typename std::invoke_result_t<FromRow, const Statement&>::value_type;

// The first row, if any, read by from_row (Statement -> Result<T>).
template <typename FromRow>
Result<std::optional<RowType<FromRow>>> QueryOne(Statement& st, FromRow from_row) {
  if (!TRY(st.Step())) return std::optional<RowType<FromRow>>();
  return std::optional<RowType<FromRow>>(TRY(from_row(st)));
}

template <typename FromRow>
Result<std::vector<RowType<FromRow>>> QueryAll(Statement& st, FromRow from_row) {
  std::vector<RowType<FromRow>> out;
  while (TRY(st.Step())) out.push_back(TRY(from_row(st)));
  return out;
}

// A LIKE pattern (with ESCAPE '\\') matching text that contains `part`,
// compared in lower case: lower(column) LIKE pattern. Only ASCII letters are
// folded, the same on SQLite and PostgreSQL.
inline std::string ContainsPattern(std::string_view part) {
  std::string out = "%";
  for (char ch : part) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
  }
  return out + "%";
}

// Whether the statement returns a row.
inline Result<bool> Exists(Statement& st) { return st.Step(); }

// Runs an UPDATE or DELETE of one record named by its key: NotFound when no
// row matched.
inline Error NoneChanged(std::string_view what) {
  return Error::Make(ErrorCode::kNotFound, fmt::format("{} not found", what));
}
inline Result<void> RunOnOne(Statement& st, std::string_view what) {
  TRY(st.Run());
  if (st.Changes() == 0) return Fail(NoneChanged(what));
  return {};
}

// Runs an INSERT ... ON CONFLICT DO NOTHING: a taken key changes no row, and
// is told in words naming the record, which the API can show.
inline Error NoneInserted(std::string_view what) {
  return Error::Make(ErrorCode::kAlreadyExists, fmt::format("{} already exists", what));
}
inline Result<void> RunInsert(Statement& st, std::string_view what) {
  TRY(st.Run());
  if (st.Changes() == 0) return Fail(NoneInserted(what));
  return {};
}

// The first for a statement that may run later (Statement::RunLater): the
// same error fails the transaction.
inline Result<void> RunOnOneLater(Statement& st, std::string_view what) {
  return st.RunLater(NoneChanged(what));
}

inline Result<int64_t> CheckLimit(int limit) {
  if (limit < 1) {
    return Fail(Error::Make(ErrorCode::kInvalidArgument,
                            fmt::format("limit must be at least 1, got {}", limit)));
  }
  return limit;
}

}  // namespace valuemark::storage::sql
