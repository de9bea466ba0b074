// What an uploaded evidence file is, judged by its content, never its name
// (issue: "files up to 20 MB checked by content, not name (PDF, images,
// office documents, CSV)"): an executable renamed .pdf is refused.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace valuemark {

inline constexpr size_t kMaxEvidenceFileBytes = 20u * 1024 * 1024;

struct FileType {
  std::string media_type;  // e.g. "application/pdf"
  std::string extension;   // e.g. "pdf"
};

// The type of an accepted file, or nullopt for anything else (executables,
// scripts, archives that are not office documents, binary data, empty files).
// Judged by structure, not by strings anywhere in the file: an office
// document is a well-formed zip whose central directory lists the parts of
// its kind (XLSX: [Content_Types].xml and xl/workbook.xml); CSV is UTF-8 text
// with a separator on its first line that a browser would not take for a web
// page (no leading markup, no HTML or script tags).
std::optional<FileType> DetectFileType(std::string_view content);

}  // namespace valuemark
