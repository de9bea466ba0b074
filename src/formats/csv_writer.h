// The one CSV writer of every CSV the program writes (RFC 4180: comma
// separated, CRLF line ends, a field quoted when it holds a comma, a quote or
// a line break, quotes doubled), and the reading side of its one twist:
//
// A spreadsheet runs a cell that starts with = + - @ (and, in some, a tab or
// a carriage return) as a formula, so text written by someone else, such as
// an anonymous survey respondent, could run in the reader's spreadsheet. A
// text cell that starts with one of those, after any number of apostrophes,
// is written with one more apostrophe in front, which a spreadsheet shows as
// text. Numbers are written as numbers (-3 stays -3): only Text() cells are
// neutralised. Our own CSV readers take the apostrophe off again
// (RestoreCsvText), so that an export read back gives what was written
// (docs/file-formats.md "Formulas in CSV cells").
#pragma once

#include <string>
#include <string_view>

namespace valuemark::formats {

class CsvWriter {
 public:
  // Text: neutralised when it could run as a formula, quoted when needed.
  CsvWriter& Text(std::string_view text);
  // A value that is not text (a number, "40..80", true, an id or a timestamp
  // the program made): quoted when needed, never neutralised.
  CsvWriter& Value(std::string_view value);
  CsvWriter& Number(double value);
  CsvWriter& Empty() { return Value(""); }
  // Ends the row (CRLF).
  CsvWriter& EndRow();
  const std::string& text() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void Separate();
  std::string out_;
  bool row_started_ = false;
};

// The cell text a spreadsheet would not run: "=1+1" → "'=1+1", "''-x" → "'''-x".
std::string NeutraliseFormula(std::string_view text);
// The reverse, for our readers: "'=1+1" → "=1+1"; anything else as it is.
std::string RestoreCsvText(std::string_view cell);

}  // namespace valuemark::formats
