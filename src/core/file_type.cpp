#include "core/file_type.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace valuemark {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

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

bool Contains(std::string_view s, std::string_view needle) {
  return s.find(needle) != std::string_view::npos;
}

uint32_t Le(std::string_view s, size_t at, int bytes) {
  uint32_t v = 0;
  for (int k = bytes - 1; k >= 0; --k)
    v = (v << 8) | static_cast<unsigned char>(s[at + static_cast<size_t>(k)]);
  return v;
}

// The names in a zip file's central directory (APPNOTE.TXT 4.3.12, 4.3.16),
// each checked against the local header it points to; nullopt unless the
// file is a well-formed single-disk zip. ZIP64 is not needed by office
// documents of at most 20 MB, and is refused. The standard library only: the
// core links no zip library (docs/architecture.md).
std::optional<std::vector<std::string_view>> ZipEntryNames(std::string_view c) {
  constexpr size_t kEnd = 22, kCentral = 46, kLocal = 30;
  if (c.size() < kEnd) return std::nullopt;
  // The end record is last, followed only by its comment (at most 65,535 bytes).
  size_t end = std::string_view::npos;
  for (size_t at = c.size() - kEnd + 1; at-- > 0 && c.size() - at <= kEnd + 0xFFFF;) {
    if (Le(c, at, 4) == 0x06054b50 && at + kEnd + Le(c, at + 20, 2) == c.size()) {
      end = at;
      break;
    }
  }
  if (end == std::string_view::npos) return std::nullopt;
  const uint32_t disk = Le(c, end + 4, 2), cd_disk = Le(c, end + 6, 2);
  const uint32_t entries = Le(c, end + 10, 2), cd_size = Le(c, end + 12, 4),
                 cd_offset = Le(c, end + 16, 4);
  if (disk != 0 || cd_disk != 0 || Le(c, end + 8, 2) != entries || entries == 0 ||
      entries == 0xFFFF || cd_offset == 0xFFFFFFFF ||
      static_cast<size_t>(cd_offset) + cd_size > end)
    return std::nullopt;
  std::vector<std::string_view> names;
  size_t at = cd_offset;
  for (uint32_t i = 0; i < entries; ++i) {
    if (at + kCentral > static_cast<size_t>(cd_offset) + cd_size || Le(c, at, 4) != 0x02014b50)
      return std::nullopt;
    const size_t name_len = Le(c, at + 28, 2), extra_len = Le(c, at + 30, 2),
                 comment_len = Le(c, at + 32, 2);
    const size_t local = Le(c, at + 42, 4);
    if (at + kCentral + name_len + extra_len + comment_len >
        static_cast<size_t>(cd_offset) + cd_size)
      return std::nullopt;
    const std::string_view name = c.substr(at + kCentral, name_len);
    // The local header the entry points to: before the directory, same name.
    if (local + kLocal + name_len > cd_offset || Le(c, local, 4) != 0x04034b50 ||
        Le(c, local + 26, 2) != name_len || c.substr(local + kLocal, name_len) != name)
      return std::nullopt;
    names.push_back(name);
    at += kCentral + name_len + extra_len + comment_len;
  }
  return names;
}

std::optional<FileType> ZipDocumentType(std::string_view c) {
  auto names = ZipEntryNames(c);
  if (!names) return std::nullopt;
  auto has = [&](std::string_view name) {
    return std::find(names->begin(), names->end(), name) != names->end();
  };
  // Office Open XML: the content types and the main part of the application.
  if (has("[Content_Types].xml")) {
    if (has("word/document.xml"))
      return FileType{"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                      "docx"};
    if (has("xl/workbook.xml"))
      return FileType{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"};
    if (has("ppt/presentation.xml"))
      return FileType{"application/vnd.openxmlformats-officedocument.presentationml.presentation",
                      "pptx"};
    return std::nullopt;
  }
  // OpenDocument: the first member is "mimetype", stored, holding the type.
  if (names->front() == "mimetype" && has("content.xml") && Le(c, 8, 2) == 0 &&
      c.substr(30, 8) == "mimetype") {
    const size_t size = Le(c, 18, 4), extra = Le(c, 28, 2);
    if (size > 100 || 30 + 8 + extra + size > c.size()) return std::nullopt;
    const std::string_view type = c.substr(30 + 8 + extra, size);
    for (std::string_view kind : {"text", "spreadsheet", "presentation"}) {
      if (type == "application/vnd.oasis.opendocument." + std::string(kind)) {
        const char* ext = kind == "text" ? "odt" : kind == "spreadsheet" ? "ods" : "odp";
        return FileType{std::string(type), ext};
      }
    }
  }
  return std::nullopt;
}

char Lower(char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch; }

// Text a browser could take for a web page or an image (WHATWG MIME
// Sniffing, "rules for identifying an unknown MIME type"): it starts with
// markup, or holds tags that run script. Such a file is not accepted as CSV.
bool LooksLikeMarkup(std::string_view s) {
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
  const size_t first = s.find_first_not_of(" \t\r\n\f");
  if (first != std::string_view::npos && s[first] == '<') return true;
  std::string lower(s.size(), ' ');
  std::transform(s.begin(), s.end(), lower.begin(), Lower);
  for (std::string_view tag : {"<html", "<head", "<body", "<script", "<iframe", "<object", "<embed",
                               "<svg", "<meta", "<!doctype", "<?xml", "<style", "<link", "<form",
                               "<img", "<a ", "<div", "<table", "javascript:"})
    if (Contains(lower, tag)) return true;
  return false;
}

}  // namespace

std::optional<FileType> DetectFileType(std::string_view c) {
  if (c.empty()) return std::nullopt;
  if (StartsWith(c, "%PDF-")) return FileType{"application/pdf", "pdf"};
  if (StartsWith(c, "\x89PNG\r\n\x1a\n")) return FileType{"image/png", "png"};
  if (StartsWith(c, "\xFF\xD8\xFF")) return FileType{"image/jpeg", "jpg"};
  if (StartsWith(c, "GIF87a") || StartsWith(c, "GIF89a")) return FileType{"image/gif", "gif"};
  if (c.size() >= 12 && StartsWith(c, "RIFF") && c.substr(8, 4) == "WEBP")
    return FileType{"image/webp", "webp"};
  // Office Open XML and OpenDocument are zip files whose central directory
  // names their parts; a plain zip (which may carry anything) is refused.
  if (StartsWith(c, "PK\x03\x04")) return ZipDocumentType(c);
  // Legacy Word, Excel and PowerPoint files (OLE compound documents).
  if (StartsWith(c, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
    return FileType{"application/x-ole-storage", "doc"};
  // Executables and scripts are refused even when they are text.
  if (StartsWith(c, "MZ") ||
      StartsWith(c,
                 "\x7F"
                 "ELF") ||
      StartsWith(c, "#!"))
    return std::nullopt;
  // CSV: text with a separator on its first line.
  if (IsText(c) && !LooksLikeMarkup(c)) {
    const std::string_view first = c.substr(0, c.find('\n'));
    if (std::any_of(first.begin(), first.end(),
                    [](char ch) { return ch == ',' || ch == ';' || ch == '\t'; }))
      return FileType{"text/csv", "csv"};
  }
  return std::nullopt;
}

}  // namespace valuemark
