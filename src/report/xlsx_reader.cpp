#include "report/xlsx_reader.h"

#include <minizip/unzip.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <map>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <pugixml.hpp>

namespace valuemark::report {
namespace {

// Workbooks are small; a larger member is a zip bomb or not a map.
constexpr uLong kMaxMemberBytes = 256u << 20;
constexpr size_t kMaxColumns = 16384;  // Excel's limit (XFD)
constexpr size_t kMaxRows = 1048576;

// minizip reads through these callbacks from a buffer, so that no temporary
// file is needed for an upload.
struct MemoryFile {
  std::string_view bytes;
  size_t pos = 0;
};

voidpf MemOpen(voidpf opaque, const char*, int) { return opaque; }
uLong MemRead(voidpf, voidpf stream, void* buf, uLong size) {
  auto* f = static_cast<MemoryFile*>(stream);
  const size_t n = std::min<size_t>(size, f->bytes.size() - f->pos);
  std::memcpy(buf, f->bytes.data() + f->pos, n);
  f->pos += n;
  return n;
}
uLong MemWrite(voidpf, voidpf, const void*, uLong) { return 0; }
long MemTell(voidpf, voidpf stream) { return static_cast<long>(static_cast<MemoryFile*>(stream)->pos); }
long MemSeek(voidpf, voidpf stream, uLong offset, int origin) {
  auto* f = static_cast<MemoryFile*>(stream);
  size_t base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0 : origin == ZLIB_FILEFUNC_SEEK_CUR ? f->pos : f->bytes.size();
  if (base + offset > f->bytes.size()) return -1;
  f->pos = base + offset;
  return 0;
}
int MemClose(voidpf, voidpf) { return 0; }
int MemError(voidpf, voidpf) { return 0; }

struct ZipCloser {
  void operator()(unzFile f) const { unzClose(f); }
};
using Zip = std::unique_ptr<void, ZipCloser>;

// The member's bytes, or nullopt when it is absent or unreadable.
std::optional<std::string> ReadMember(unzFile zip, const std::string& name) {
  if (unzLocateFile(zip, name.c_str(), 2) != UNZ_OK) return std::nullopt;
  unz_file_info info;
  if (unzGetCurrentFileInfo(zip, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) return std::nullopt;
  if (info.uncompressed_size > kMaxMemberBytes) return std::nullopt;
  if (unzOpenCurrentFile(zip) != UNZ_OK) return std::nullopt;
  std::string out(info.uncompressed_size, '\0');
  int n = unzReadCurrentFile(zip, out.data(), static_cast<unsigned>(out.size()));
  const bool ok = unzCloseCurrentFile(zip) == UNZ_OK && n == static_cast<int>(out.size());
  if (!ok) return std::nullopt;
  return out;
}

// "A1" → (row 1, col 0); nullopt when malformed.
std::optional<std::pair<size_t, size_t>> ParseRef(std::string_view ref) {
  size_t col = 0, i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) col = col * 26 + (ref[i] - 'A' + 1);
  if (i == 0 || col > kMaxColumns) return std::nullopt;
  size_t row = 0;
  auto [end, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), row);
  if (ec != std::errc() || end != ref.data() + ref.size() || row == 0 || row > kMaxRows) return std::nullopt;
  return std::pair{row, col - 1};
}

// The text of a shared string or inline string: plain <t>, or rich-text runs
// <r><t>; phonetic hints (<rPh>) are not part of the text.
std::string StringItemText(const pugi::xml_node& si) {
  std::string text;
  for (pugi::xml_node child : si.children()) {
    if (std::strcmp(child.name(), "t") == 0) {
      text += child.text().get();
    } else if (std::strcmp(child.name(), "r") == 0) {
      text += child.child("t").text().get();
    }
  }
  return text;
}

// A relationship target is relative to xl/ unless it starts with '/'.
std::string MemberOfTarget(std::string_view target) {
  if (!target.empty() && target.front() == '/') return std::string(target.substr(1));
  std::string path = "xl/";
  while (target.starts_with("../")) {
    target.remove_prefix(3);
    path.clear();
  }
  return path + std::string(target);
}

Result<XlsxSheet> ReadSheet(const std::string& xml, std::string name, const std::vector<std::string>& shared,
                            const std::string& path) {
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size()))
    return Fail(Error::InvalidArgument({{path, fmt::format("sheet \"{}\" is not readable XML", name)}}));
  XlsxSheet sheet;
  sheet.name = std::move(name);
  size_t next_row = 1;
  for (pugi::xml_node row : doc.child("worksheet").child("sheetData").children("row")) {
    size_t r = row.attribute("r").as_ullong(next_row);
    if (r == 0 || r > kMaxRows) r = next_row;
    next_row = r + 1;
    size_t next_col = 0;
    for (pugi::xml_node c : row.children("c")) {
      size_t col = next_col;
      if (auto ref = ParseRef(c.attribute("r").value())) col = ref->second;
      next_col = col + 1;
      XlsxCell cell;
      const std::string_view type = c.attribute("t").value();
      const char* v = c.child("v").text().get();
      if (type == "s") {
        const size_t index = c.child("v").text().as_ullong(shared.size());
        if (index < shared.size()) cell = {XlsxCell::Kind::kText, shared[index], 0};
      } else if (type == "inlineStr") {
        cell = {XlsxCell::Kind::kText, StringItemText(c.child("is")), 0};
      } else if (type == "str" || type == "e") {
        cell = {XlsxCell::Kind::kText, v, 0};
      } else if (type == "b") {
        cell = {XlsxCell::Kind::kBool, v, std::strcmp(v, "1") == 0 ? 1.0 : 0.0};
      } else if (*v != '\0') {
        double d = 0;
        const char* end = v + std::strlen(v);
        auto [stop, ec] = std::from_chars(v, end, d);
        cell = ec == std::errc() && stop == end ? XlsxCell{XlsxCell::Kind::kNumber, v, d}
                                                : XlsxCell{XlsxCell::Kind::kText, v, 0};
      }
      if (cell.kind == XlsxCell::Kind::kEmpty) continue;
      if (sheet.rows.size() < r) sheet.rows.resize(r);
      auto& cells = sheet.rows[r - 1];
      if (cells.size() <= col) cells.resize(col + 1);
      cells[col] = std::move(cell);
    }
  }
  return sheet;
}

}  // namespace

const XlsxCell& XlsxSheet::At(size_t row, size_t col) const {
  static const XlsxCell kEmpty;
  if (row == 0 || row > rows.size() || col >= rows[row - 1].size()) return kEmpty;
  return rows[row - 1][col];
}

const XlsxSheet* XlsxWorkbook::Find(std::string_view name) const {
  for (const XlsxSheet& s : sheets)
    if (s.name == name) return &s;
  return nullptr;
}

std::string ColumnName(size_t col) {
  std::string name;
  for (size_t c = col + 1; c > 0; c = (c - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (c - 1) % 26));
  return name;
}

std::string CellRef(std::string_view sheet, size_t row, size_t col) {
  const bool quote = sheet.find_first_of(" -'") != std::string_view::npos;
  return fmt::format("{}{}{}!{}{}", quote ? "'" : "", sheet, quote ? "'" : "", ColumnName(col), row);
}

Result<XlsxWorkbook> ReadXlsx(std::string_view bytes, const std::string& path) {
  MemoryFile file{bytes};
  zlib_filefunc_def io{MemOpen, MemRead, MemWrite, MemTell, MemSeek, MemClose, MemError, &file};
  Zip zip(unzOpen2("", &io));
  if (!zip) return Fail(Error::InvalidArgument({{path, "is not an XLSX workbook (not a zip file)"}}));
  auto workbook_xml = ReadMember(zip.get(), "xl/workbook.xml");
  auto rels_xml = ReadMember(zip.get(), "xl/_rels/workbook.xml.rels");
  if (!workbook_xml || !rels_xml)
    return Fail(Error::InvalidArgument({{path, "is not an XLSX workbook (no xl/workbook.xml in the zip file)"}}));

  pugi::xml_document rels;
  std::map<std::string, std::string> target_of;
  if (rels.load_buffer(rels_xml->data(), rels_xml->size()))
    for (pugi::xml_node r : rels.child("Relationships").children("Relationship"))
      target_of[r.attribute("Id").value()] = MemberOfTarget(r.attribute("Target").value());

  std::vector<std::string> shared;
  if (auto strings = ReadMember(zip.get(), "xl/sharedStrings.xml")) {
    pugi::xml_document doc;
    if (doc.load_buffer(strings->data(), strings->size()))
      for (pugi::xml_node si : doc.child("sst").children("si")) shared.push_back(StringItemText(si));
  }

  pugi::xml_document workbook;
  if (!workbook.load_buffer(workbook_xml->data(), workbook_xml->size()))
    return Fail(Error::InvalidArgument({{path, "is not an XLSX workbook (xl/workbook.xml is not readable XML)"}}));
  XlsxWorkbook result;
  for (pugi::xml_node s : workbook.child("workbook").child("sheets").children("sheet")) {
    const std::string name = s.attribute("name").value();
    // The relationships namespace is usually bound to "r", but any prefix is valid.
    std::string rel_id;
    for (pugi::xml_attribute a : s.attributes())
      if (std::string_view(a.name()).ends_with(":id")) rel_id = a.value();
    auto target = target_of.find(rel_id);
    std::optional<std::string> xml;
    if (target != target_of.end()) xml = ReadMember(zip.get(), target->second);
    if (!xml) return Fail(Error::InvalidArgument({{path, fmt::format("sheet \"{}\" is missing from the file", name)}}));
    auto sheet = ReadSheet(*xml, name, shared, path);
    if (!sheet) return Fail(sheet.error());
    result.sheets.push_back(std::move(*sheet));
  }
  return result;
}

}  // namespace valuemark::report
