#include "report/xlsx_reader.h"

#include <fmt/format.h>
#include <minizip/unzip.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>

namespace valuemark::report {
namespace {

// What one workbook may hold (docs/file-formats.md "XLSX limits"). Impact maps
// are small: a 10,000-outcome map is about 10 MB of sheet XML and 250,000
// cells. The bounds keep a small crafted file (a cell at XFD1048576, a zip
// bomb, millions of empty shared strings) from costing the server more than
// about 100 MB; what is over them is refused, naming the limit.
constexpr size_t kMaxPartBytes = 32u << 20;   // one member, uncompressed
constexpr size_t kMaxTotalBytes = 64u << 20;  // every member read, uncompressed
constexpr size_t kMaxSharedStrings = 200000;
constexpr size_t kMaxRows = 100000;
constexpr size_t kMaxColumns = 1024;  // AMJ
// Cells held in memory, counting the empty ones a row holds before its last.
constexpr size_t kMaxCells = 1000000;

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
long MemTell(voidpf, voidpf stream) {
  return static_cast<long>(static_cast<MemoryFile*>(stream)->pos);
}
long MemSeek(voidpf, voidpf stream, uLong offset, int origin) {
  auto* f = static_cast<MemoryFile*>(stream);
  size_t base = origin == ZLIB_FILEFUNC_SEEK_SET   ? 0
                : origin == ZLIB_FILEFUNC_SEEK_CUR ? f->pos
                                                   : f->bytes.size();
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

// Reads members, counting what they inflate to (the sizes a zip file states
// are not trusted).
class MemberReader {
 public:
  MemberReader(unzFile zip, std::string path) : zip_(zip), path_(std::move(path)) {}

  // The member's bytes; nullopt when it is absent or unreadable; an error
  // when it is over a limit.
  Result<std::optional<std::string>> Read(const std::string& name) {
    if (unzLocateFile(zip_, name.c_str(), 2) != UNZ_OK) return std::nullopt;
    if (unzOpenCurrentFile(zip_) != UNZ_OK) return std::nullopt;
    std::string out;
    char buffer[64 * 1024];
    int n = 0;
    bool too_large = false;
    while ((n = unzReadCurrentFile(zip_, buffer, sizeof buffer)) > 0) {
      out.append(buffer, static_cast<size_t>(n));
      if (out.size() > kMaxPartBytes || total_ + out.size() > kMaxTotalBytes) {
        too_large = true;
        break;
      }
    }
    const bool closed = unzCloseCurrentFile(zip_) == UNZ_OK;
    if (too_large) {
      if (out.size() > kMaxPartBytes)
        return Fail(Error::InvalidArgument(
            {{path_,
              fmt::format("{} is larger than {} MB uncompressed, the most a workbook part may be",
                          name, kMaxPartBytes >> 20)}}));
      return Fail(Error::InvalidArgument(
          {{path_, fmt::format(
                       "the workbook is larger than {} MB uncompressed, the most this reader takes",
                       kMaxTotalBytes >> 20)}}));
    }
    if (n < 0 || !closed) return std::nullopt;  // corrupt data, or a checksum that does not match
    total_ += out.size();
    return out;
  }

 private:
  unzFile zip_;
  std::string path_;
  size_t total_ = 0;
};

// "A1" → (row 1, col 0); nullopt when malformed.
std::optional<std::pair<size_t, size_t>> ParseRef(std::string_view ref) {
  size_t col = 0, i = 0;
  for (; i < ref.size() && i < 3 && ref[i] >= 'A' && ref[i] <= 'Z'; ++i)
    col = col * 26 + (ref[i] - 'A' + 1);
  if (i == 0) return std::nullopt;
  size_t row = 0;
  auto [end, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), row);
  if (ec != std::errc() || end != ref.data() + ref.size() || row == 0) return std::nullopt;
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

Result<XlsxSheet> ReadSheet(const std::string& xml, std::string name,
                            const std::vector<std::string>& shared, const std::string& path,
                            size_t& cells_held) {
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size()))
    return Fail(
        Error::InvalidArgument({{path, fmt::format("sheet \"{}\" is not readable XML", name)}}));
  XlsxSheet sheet;
  sheet.name = std::move(name);
  auto refuse = [&](size_t r, size_t col, const std::string& why) {
    return Fail(Error::InvalidArgument(
        {{path, fmt::format("cell {} {}", CellRef(sheet.name, r, col), why)}}));
  };
  size_t next_row = 1;
  for (pugi::xml_node row : doc.child("worksheet").child("sheetData").children("row")) {
    size_t r = row.attribute("r").as_ullong(next_row);
    if (r == 0) r = next_row;
    next_row = r + 1;
    size_t next_col = 0;
    for (pugi::xml_node c : row.children("c")) {
      size_t col = next_col;
      if (auto ref = ParseRef(c.attribute("r").value()))
        col = ref->second;  // the row element says which row
      next_col = col + 1;
      XlsxCell cell;
      const std::string_view type = c.attribute("t").value();
      const char* v = c.child("v").text().get();
      if (type == "s") {
        const char* index_text = c.child("v").text().get();
        size_t index = 0;
        auto [stop, ec] = std::from_chars(index_text, index_text + std::strlen(index_text), index);
        if (ec != std::errc() || *stop != '\0' || index >= shared.size()) {
          return refuse(r, col,
                        fmt::format("refers to shared string \"{}\", but the workbook has {}",
                                    index_text, shared.size()));
        }
        cell = {XlsxCell::Kind::kText, shared[index], 0};
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
      if (r > kMaxRows)
        return refuse(r, col, fmt::format("is below row {}, the last this reader takes", kMaxRows));
      if (col >= kMaxColumns)
        return refuse(r, col,
                      fmt::format("is right of column {}, the last this reader takes",
                                  ColumnName(kMaxColumns - 1)));
      if (sheet.rows.size() < r) sheet.rows.resize(r);
      auto& cells = sheet.rows[r - 1];
      if (cells.size() <= col) {
        cells_held += col + 1 - cells.size();
        if (cells_held > kMaxCells)
          return refuse(r, col,
                        fmt::format("takes the workbook over {} cells, the most this reader takes",
                                    kMaxCells));
        cells.resize(col + 1);
      }
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
  for (size_t c = col + 1; c > 0; c = (c - 1) / 26)
    name.insert(name.begin(), static_cast<char>('A' + (c - 1) % 26));
  return name;
}

std::string CellRef(std::string_view sheet, size_t row, size_t col) {
  const bool quote = sheet.find_first_of(" -'") != std::string_view::npos;
  return fmt::format("{}{}{}!{}{}", quote ? "'" : "", sheet, quote ? "'" : "", ColumnName(col),
                     row);
}

Result<XlsxWorkbook> ReadXlsx(std::string_view bytes, const std::string& path) {
  MemoryFile file{bytes};
  zlib_filefunc_def io{MemOpen, MemRead, MemWrite, MemTell, MemSeek, MemClose, MemError, &file};
  Zip zip(unzOpen2("", &io));
  if (!zip)
    return Fail(Error::InvalidArgument({{path, "is not an XLSX workbook (not a zip file)"}}));
  MemberReader members(zip.get(), path);
  auto workbook_xml = TRY(members.Read("xl/workbook.xml"));
  auto rels_xml = TRY(members.Read("xl/_rels/workbook.xml.rels"));
  if (!workbook_xml || !rels_xml)
    return Fail(Error::InvalidArgument(
        {{path, "is not an XLSX workbook (no xl/workbook.xml in the zip file)"}}));

  pugi::xml_document rels;
  std::map<std::string, std::string> target_of;
  if (rels.load_buffer((rels_xml)->data(), (rels_xml)->size()))
    for (pugi::xml_node r : rels.child("Relationships").children("Relationship"))
      target_of[r.attribute("Id").value()] = MemberOfTarget(r.attribute("Target").value());

  std::vector<std::string> shared;
  auto strings = TRY(members.Read("xl/sharedStrings.xml"));
  if (strings) {
    pugi::xml_document doc;
    if (doc.load_buffer((strings)->data(), (strings)->size()))
      for (pugi::xml_node si : doc.child("sst").children("si")) {
        if (shared.size() == kMaxSharedStrings)
          return Fail(Error::InvalidArgument(
              {{path,
                fmt::format(
                    "the workbook has more than {} shared strings, the most this reader takes",
                    kMaxSharedStrings)}}));
        shared.push_back(StringItemText(si));
      }
  }

  pugi::xml_document workbook;
  if (!workbook.load_buffer((workbook_xml)->data(), (workbook_xml)->size()))
    return Fail(Error::InvalidArgument(
        {{path, "is not an XLSX workbook (xl/workbook.xml is not readable XML)"}}));
  XlsxWorkbook result;
  size_t cells_held = 0;
  for (pugi::xml_node s : workbook.child("workbook").child("sheets").children("sheet")) {
    const std::string name = s.attribute("name").value();
    // The relationships namespace is usually bound to "r", but any prefix is valid.
    std::string rel_id;
    for (pugi::xml_attribute a : s.attributes())
      if (std::string_view(a.name()).ends_with(":id")) rel_id = a.value();
    auto target = target_of.find(rel_id);
    std::optional<std::string> xml;
    if (target != target_of.end()) {
      xml = TRY(members.Read(target->second));
    }
    if (!xml)
      return Fail(Error::InvalidArgument(
          {{path, fmt::format("sheet \"{}\" is missing from the file", name)}}));
    auto sheet = TRY(ReadSheet(*xml, name, shared, path, cells_held));
    result.sheets.push_back(std::move(sheet));
  }
  return result;
}

}  // namespace valuemark::report
