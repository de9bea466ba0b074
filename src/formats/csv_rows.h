// Plain CSV tables (RFC 4180, through libcsv), the one CSV reader of every
// CSV the program takes in: impact maps, value-bank imports and survey
// responses. A header row, then records; a UTF-8 byte order mark at the start
// (Excel's "CSV UTF-8") is skipped, lines may end in CRLF, LF or CR, and a
// quoted field may hold commas, quotes (doubled) and line breaks.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace valuemark::formats {

struct CsvRow {
  size_t line = 0;  // the line of the file the row starts on, from 1
  std::vector<std::string> cells;
};

struct CsvReadOptions {
  // libcsv's default, for hand-written tables ("name, value"): spaces and
  // tabs around an unquoted field are dropped. Off, every character of a
  // field is kept, as RFC 4180 says (text a respondent wrote).
  bool trim_spaces = true;
  // What separates fields: ',' by RFC 4180; KoboToolbox's exports use ';'.
  char delimiter = ',';
};

// The delimiter of a file whose first line names the columns: ';' when that
// line holds more semicolons than commas outside quotes (KoboToolbox's
// exports, spreadsheets in locales with a decimal comma), else ','.
char GuessDelimiter(std::string_view csv_text);

// Every row with the line it starts on, the header first; blank lines are
// skipped. A malformed file, or text that is not UTF-8, is one
// InvalidArgument naming the row (and its line where that differs) as
// "csv row 7 (line 9)".
Result<std::vector<CsvRow>> ReadCsvTable(std::string_view csv_text, CsvReadOptions options = {});
// A file a person imports: its delimiter guessed, the header first, and at
// most `most_rows` rows after it. An empty file or one over the limit is an
// InvalidArgument on the field "csv" that says what to do.
Result<std::vector<CsvRow>> ReadCsvImport(std::string_view csv_text, bool trim_spaces,
                                          size_t most_rows);
// The same, each row as its cells alone.
Result<std::vector<std::vector<std::string>>> ParseCsvRows(std::string_view csv_text);

// How a row is named to people: "row 7" when it is the file's 7th line,
// "row 7 (line 9)" when blank lines or line breaks inside quoted cells come before it.
std::string CsvRowName(size_t row_number, size_t line);

}  // namespace valuemark::formats
