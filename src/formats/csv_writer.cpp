#include "formats/csv_writer.h"

#include <fmt/format.h>

namespace valuemark::formats {
namespace {

bool RunsAsFormula(char c) {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// Starts with a formula character after zero or more apostrophes.
bool NeedsApostrophe(std::string_view text) {
  const size_t first = text.find_first_not_of('\'');
  return first != std::string_view::npos && RunsAsFormula(text[first]);
}

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

// Quoted when it holds a separator, a quote or a line break, or begins or
// ends with a space or tab: a reader that trims unquoted fields (ours does,
// by default) would otherwise lose them.
void AppendField(std::string& out, std::string_view field) {
  const bool padded = !field.empty() && (IsSpace(field.front()) || IsSpace(field.back()));
  if (!padded && field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(field);
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string NeutraliseFormula(std::string_view text) {
  return NeedsApostrophe(text) ? fmt::format("'{}", text) : std::string(text);
}

std::string RestoreCsvText(std::string_view cell) {
  if (cell.starts_with('\'') && NeedsApostrophe(cell)) cell.remove_prefix(1);
  return std::string(cell);
}

void CsvWriter::Separate() {
  if (row_started_) out_ += ',';
  row_started_ = true;
}

CsvWriter& CsvWriter::Text(std::string_view text) {
  Separate();
  if (NeedsApostrophe(text)) {
    AppendField(out_, "'" + std::string(text));
  } else {
    AppendField(out_, text);
  }
  return *this;
}

CsvWriter& CsvWriter::Value(std::string_view value) {
  Separate();
  AppendField(out_, value);
  return *this;
}

CsvWriter& CsvWriter::Number(double value) { return Value(fmt::format("{}", value)); }

CsvWriter& CsvWriter::EndRow() {
  out_ += "\r\n";
  row_started_ = false;
  return *this;
}

}  // namespace valuemark::formats
