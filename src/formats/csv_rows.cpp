#include "formats/csv_rows.h"

#include <csv.h>
#include <fmt/format.h>

#include "core/utf8.h"

namespace valuemark::formats {
namespace {

struct Rows {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> current;
};

void OnField(void* s, size_t len, void* data) {
  static_cast<Rows*>(data)->current.emplace_back(static_cast<const char*>(s), len);
}

void OnRow(int, void* data) {
  auto* rows = static_cast<Rows*>(data);
  rows->rows.push_back(std::move(rows->current));
  rows->current.clear();
}

}  // namespace

Result<std::vector<std::vector<std::string>>> ParseCsvRows(std::string_view csv_text) {
  Rows rows;
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    return Fail(Error::Make(ErrorCode::kInternal, "cannot start the CSV parser"));
  const size_t parsed = csv_parse(&parser, csv_text.data(), csv_text.size(), OnField, OnRow, &rows);
  const bool ok = parsed == csv_text.size() && csv_fini(&parser, OnField, OnRow, &rows) == 0;
  const std::string problem = ok ? "" : csv_strerror(csv_error(&parser));
  csv_free(&parser);
  if (!ok)
    return Fail(Error::InvalidArgument(
        {{fmt::format("csv row {}", rows.rows.size() + 1), "malformed CSV: " + problem}}));
  // Text is kept and shown as UTF-8, as a JSON file must be: a file saved in
  // another encoding (Excel's "CSV (Comma delimited)" is Windows-1252) is
  // refused with the row, rather than stored as bytes no JSON can carry.
  for (size_t r = 0; r < rows.rows.size(); ++r)
    for (const std::string& cell : rows.rows[r])
      if (!IsUtf8(cell))
        return Fail(
            Error::InvalidArgument({{fmt::format("csv row {}", r + 1),
                                     "is not UTF-8 text: save the file as \"CSV UTF-8\""}}));
  return std::move(rows.rows);
}

}  // namespace valuemark::formats
