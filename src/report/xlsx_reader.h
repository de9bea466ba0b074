// Reading the cells of an XLSX workbook (Office Open XML, ECMA-376): sheet
// names and order from xl/workbook.xml and its relationships, shared strings,
// inline strings, numbers and booleans. Formulas are read as their cached
// values; styles are ignored. Works on bytes in memory (a file, an upload).
// Thread-safe: no shared state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace valuemark::report {

struct XlsxCell {
  enum class Kind { kEmpty, kText, kNumber, kBool };
  Kind kind = Kind::kEmpty;
  std::string text;   // kText; for kNumber the number as written in the file
  double number = 0;  // kNumber; kBool: 1 or 0
  bool empty() const { return kind == Kind::kEmpty || (kind == Kind::kText && text.empty()); }
};

struct XlsxSheet {
  std::string name;
  // rows[r][c] is the cell at row r+1, column c+1; short rows end early.
  std::vector<std::vector<XlsxCell>> rows;
  const XlsxCell& At(size_t row, size_t col) const;  // 1-based; an empty cell outside the data
};

struct XlsxWorkbook {
  std::vector<XlsxSheet> sheets;  // in workbook order
  const XlsxSheet* Find(std::string_view name) const;
};

// A file that is not a zip, or a zip without a workbook, gives one error at
// `path` ("is not an XLSX workbook: ...").
Result<XlsxWorkbook> ReadXlsx(std::string_view bytes, const std::string& path = "xlsx");

// 0 → "A", 25 → "Z", 26 → "AA".
std::string ColumnName(size_t col);
// "Outcomes", 7, 3 → "Outcomes!D7" (row 1-based, col 0-based); quotes a name with spaces.
std::string CellRef(std::string_view sheet, size_t row, size_t col);

}  // namespace valuemark::report
