// Test helpers: workbooks written cell by cell (libxlsxwriter) or member by
// member (minizip), to feed the XLSX reader what other programs write.
#pragma once

#include <minizip/zip.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace valuemark::report::testing {

using CellValue = std::variant<std::monostate, std::string, double, bool>;
using Rows = std::vector<std::vector<CellValue>>;
struct TestSheet {
  std::string name;
  Rows rows;
};

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::filesystem::path TempPath(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("valuemark_report_test_" + std::to_string(::getpid()) + "_" + name);
}

// The bytes of a workbook with these sheets, in this order.
inline std::string MakeWorkbook(const std::vector<TestSheet>& sheets) {
  const std::filesystem::path path = TempPath("workbook.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  for (const TestSheet& s : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, s.name.c_str());
    for (size_t r = 0; r < s.rows.size(); ++r) {
      for (size_t c = 0; c < s.rows[r].size(); ++c) {
        const CellValue& v = s.rows[r][c];
        if (auto* text = std::get_if<std::string>(&v))
          worksheet_write_string(ws, r, c, text->c_str(), nullptr);
        if (auto* number = std::get_if<double>(&v))
          worksheet_write_number(ws, r, c, *number, nullptr);
        if (auto* b = std::get_if<bool>(&v)) worksheet_write_boolean(ws, r, c, *b, nullptr);
      }
    }
  }
  workbook_close(wb);
  std::string bytes = ReadFile(path);
  std::filesystem::remove(path);
  return bytes;
}

// The bytes of a zip file with these members (name, content).
inline std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& members) {
  const std::filesystem::path path = TempPath("members.zip");
  zipFile zip = zipOpen(path.c_str(), APPEND_STATUS_CREATE);
  for (const auto& [name, content] : members) {
    zipOpenNewFileInZip(zip, name.c_str(), nullptr, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                        Z_DEFAULT_COMPRESSION);
    zipWriteInFileInZip(zip, content.data(), static_cast<unsigned>(content.size()));
    zipCloseFileInZip(zip);
  }
  zipClose(zip, nullptr);
  std::string bytes = ReadFile(path);
  std::filesystem::remove(path);
  return bytes;
}

}  // namespace valuemark::report::testing
