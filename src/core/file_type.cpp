#include "core/file_type.h"

#include <algorithm>

namespace valuemark {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Well-formed UTF-8 with no control characters but tab, CR and LF: text.
bool IsText(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
      if (c == 0x7f) return false;
      ++i;
      continue;
    }
    const int extra = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
    if (extra < 0) return false;
    for (int k = 1; k <= extra; ++k)
      if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += static_cast<size_t>(extra) + 1;
  }
  return true;
}

bool Contains(std::string_view s, std::string_view needle) { return s.find(needle) != std::string_view::npos; }

}  // namespace

std::optional<FileType> DetectFileType(std::string_view c) {
  if (c.empty()) return std::nullopt;
  if (StartsWith(c, "%PDF-")) return FileType{"application/pdf", "pdf"};
  if (StartsWith(c, "\x89PNG\r\n\x1a\n")) return FileType{"image/png", "png"};
  if (StartsWith(c, "\xFF\xD8\xFF")) return FileType{"image/jpeg", "jpg"};
  if (StartsWith(c, "GIF87a") || StartsWith(c, "GIF89a")) return FileType{"image/gif", "gif"};
  if (c.size() >= 12 && StartsWith(c, "RIFF") && c.substr(8, 4) == "WEBP") return FileType{"image/webp", "webp"};
  if (StartsWith(c, "PK\x03\x04")) {
    // Office Open XML and OpenDocument are zip files with a known member; a
    // plain zip (which may carry anything) is not accepted.
    if (Contains(c, "[Content_Types].xml")) {
      if (Contains(c, "word/")) return FileType{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"};
      if (Contains(c, "xl/")) return FileType{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"};
      if (Contains(c, "ppt/")) return FileType{"application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"};
      return std::nullopt;
    }
    if (Contains(c.substr(0, 200), "mimetypeapplication/vnd.oasis.opendocument.text"))
      return FileType{"application/vnd.oasis.opendocument.text", "odt"};
    if (Contains(c.substr(0, 200), "mimetypeapplication/vnd.oasis.opendocument.spreadsheet"))
      return FileType{"application/vnd.oasis.opendocument.spreadsheet", "ods"};
    if (Contains(c.substr(0, 200), "mimetypeapplication/vnd.oasis.opendocument.presentation"))
      return FileType{"application/vnd.oasis.opendocument.presentation", "odp"};
    return std::nullopt;
  }
  // Legacy Word, Excel and PowerPoint files (OLE compound documents).
  if (StartsWith(c, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return FileType{"application/x-ole-storage", "doc"};
  // Executables and scripts are refused even when they are text.
  if (StartsWith(c, "MZ") || StartsWith(c, "\x7F" "ELF") || StartsWith(c, "#!")) return std::nullopt;
  // CSV: text with a separator on its first line.
  if (IsText(c)) {
    const std::string_view first = c.substr(0, c.find('\n'));
    if (std::any_of(first.begin(), first.end(), [](char ch) { return ch == ',' || ch == ';' || ch == '\t'; }))
      return FileType{"text/csv", "csv"};
  }
  return std::nullopt;
}

}  // namespace valuemark
