#include "formats/csv_rows.h"

#include <csv.h>
#include <fmt/format.h>

#include "core/utf8.h"

namespace valuemark::formats {
namespace {

struct Table {
  std::vector<CsvRow> rows;
  std::vector<std::string> current;
  size_t line = 1;          // the line being fed to the parser
  size_t row_line = 1;      // the line the row being read started on
  bool row_pending = true;  // the next line that is not blank starts a row
};

void OnField(void* s, size_t len, void* data) {
  static_cast<Table*>(data)->current.emplace_back(static_cast<const char*>(s), len);
}

void OnRow(int, void* data) {
  auto* table = static_cast<Table*>(data);
  table->rows.push_back({table->row_line, std::move(table->current)});
  table->current.clear();
  table->row_pending = true;
}

int NoSpaces(unsigned char) { return 0; }

// The end of the line that starts at `from`, after its line break (CRLF, LF or CR).
size_t LineEnd(std::string_view text, size_t from) {
  const size_t brk = text.find_first_of("\r\n", from);
  if (brk == std::string_view::npos) return text.size();
  return brk + (text[brk] == '\r' && brk + 1 < text.size() && text[brk + 1] == '\n' ? 2 : 1);
}

Error Malformed(const Table& table, bool at_end) {
  return Error::InvalidArgument(
      {{"csv " + CsvRowName(table.rows.size() + 1, table.row_line),
        at_end ? "has a quoted field that is never closed: end it with a quote"
               : "has a quote inside a field that is not quoted, or text after a closing "
                 "quote: quote the whole field and double the quotes inside it"}});
}

}  // namespace

std::string CsvRowName(size_t row_number, size_t line) {
  return row_number == line ? fmt::format("row {}", row_number)
                            : fmt::format("row {} (line {})", row_number, line);
}

Result<std::vector<CsvRow>> ReadCsvTable(std::string_view csv_text, CsvReadOptions options) {
  if (csv_text.starts_with("\xEF\xBB\xBF")) csv_text.remove_prefix(3);
  Table table;
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    return Fail(Error::Make(ErrorCode::kInternal, "cannot start the CSV parser"));
  if (!options.trim_spaces) csv_set_space_func(&parser, NoSpaces);
  csv_set_delim(&parser, static_cast<unsigned char>(options.delimiter));
  // Fed a line at a time, so that each row knows the line it starts on.
  bool ok = true;
  for (size_t at = 0; ok && at < csv_text.size(); ++table.line) {
    const size_t end = LineEnd(csv_text, at);
    const std::string_view line = csv_text.substr(at, end - at);
    if (table.row_pending && line.find_first_not_of("\r\n") != std::string_view::npos) {
      table.row_line = table.line;
      table.row_pending = false;
    }
    ok = csv_parse(&parser, line.data(), line.size(), OnField, OnRow, &table) == line.size();
    at = end;
  }
  const bool body_ok = ok;
  ok = ok && csv_fini(&parser, OnField, OnRow, &table) == 0;
  csv_free(&parser);
  if (!ok) return Fail(Malformed(table, body_ok));
  // Text is kept and shown as UTF-8, as a JSON file must be: a file saved in
  // another encoding (Excel's "CSV (Comma delimited)" is Windows-1252) is
  // refused with the row, rather than stored as bytes no JSON can carry.
  for (size_t r = 0; r < table.rows.size(); ++r)
    for (const std::string& cell : table.rows[r].cells)
      if (!IsUtf8(cell))
        return Fail(
            Error::InvalidArgument({{"csv " + CsvRowName(r + 1, table.rows[r].line),
                                     "is not UTF-8 text: save the file as \"CSV UTF-8\""}}));
  return std::move(table.rows);
}

Result<std::vector<std::vector<std::string>>> ParseCsvRows(std::string_view csv_text) {
  auto table = TRY(ReadCsvTable(csv_text));
  std::vector<std::vector<std::string>> rows;
  rows.reserve(table.size());
  for (CsvRow& row : table) rows.push_back(std::move(row.cells));
  return rows;
}

Result<std::vector<CsvRow>> ReadCsvImport(std::string_view csv_text, bool trim_spaces,
                                          size_t most_rows) {
  std::vector<CsvRow> rows = TRY(
      ReadCsvTable(csv_text, {.trim_spaces = trim_spaces, .delimiter = GuessDelimiter(csv_text)}));
  if (rows.empty())
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "csv",
                             "is empty: the first row names the columns"));
  if (rows.size() - 1 > most_rows)
    return Fail(Error::Field(
        ErrorCode::kInvalidArgument, "csv",
        fmt::format("has {} rows; import at most {} at a time", rows.size() - 1, most_rows)));
  return rows;
}

char GuessDelimiter(std::string_view csv_text) {
  size_t commas = 0, semicolons = 0;
  bool quoted = false;
  for (char c : csv_text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    commas += c == ',';
    semicolons += c == ';';
  }
  return semicolons > commas ? ';' : ',';
}

}  // namespace valuemark::formats
