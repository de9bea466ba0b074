// The XLSX readers: the workbook's cells (zip, XML), the impact map laid
// out in them (docs/file-formats.md "Impact map (XLSX)"), as uploaded or
// passed to the CLI, and a survey designed in XLSForm (docs/file-formats.md
// "Survey (XLSForm)"), as uploaded to the designer.
//
// Two kinds of input. One that starts with "PK" is a zip file as uploaded.
// Any other is the workbook's XML, its members separated by kSeparator in
// the order of kMembers, which the harness packs into a zip of stored
// members with correct checksums: a byte changed inside a compressed member
// would break its CRC or its deflate stream, so without this the fuzzer
// rarely reaches the XML of the sheets.
#include "report/impact_map_xlsx.h"

#include <zlib.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "report/survey_xlsform.h"
#include "report/xlsx_reader.h"

using namespace valuemark;

namespace {

constexpr std::string_view kSeparator = "\n=====\n";
constexpr std::array<const char*, 9> kMembers = {
    "xl/workbook.xml",          "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",
    "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",   "xl/worksheets/sheet3.xml",
    "xl/worksheets/sheet4.xml", "xl/worksheets/sheet5.xml",   "[Content_Types].xml"};

void Put16(std::string& out, uint32_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>((v >> 8) & 0xff);
}
void Put32(std::string& out, uint32_t v) {
  Put16(out, v & 0xffff);
  Put16(out, v >> 16);
}

// A zip of stored (uncompressed) members, as APPNOTE.TXT lays it out: a
// local header and the bytes of each member, then the central directory.
std::string StoredZip(const std::array<std::string_view, kMembers.size()>& content, size_t count) {
  std::string zip, directory;
  for (size_t i = 0; i < count; ++i) {
    const std::string_view name = kMembers[i];
    const std::string_view body = content[i];
    const auto crc = static_cast<uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size())));
    const auto size = static_cast<uint32_t>(body.size());
    const auto offset = static_cast<uint32_t>(zip.size());
    Put32(zip, 0x04034b50);                                  // local file header
    for (uint32_t v : {20u, 0u, 0u, 0u, 0u}) Put16(zip, v);  // version, flags, method, time, date
    Put32(zip, crc);
    Put32(zip, size);
    Put32(zip, size);
    Put16(zip, static_cast<uint32_t>(name.size()));
    Put16(zip, 0);
    zip += name;
    zip += body;
    Put32(directory, 0x02014b50);  // central directory header
    for (uint32_t v : {20u, 20u, 0u, 0u, 0u, 0u}) Put16(directory, v);
    Put32(directory, crc);
    Put32(directory, size);
    Put32(directory, size);
    Put16(directory, static_cast<uint32_t>(name.size()));
    for (uint32_t v : {0u, 0u, 0u, 0u}) Put16(directory, v);  // extra, comment, disk, attributes
    Put32(directory, 0);
    Put32(directory, offset);
    directory += name;
  }
  const auto directory_offset = static_cast<uint32_t>(zip.size());
  zip += directory;
  Put32(zip, 0x06054b50);  // end of central directory
  Put16(zip, 0);
  Put16(zip, 0);
  Put16(zip, static_cast<uint32_t>(count));
  Put16(zip, static_cast<uint32_t>(count));
  Put32(zip, static_cast<uint32_t>(directory.size()));
  Put32(zip, directory_offset);
  Put16(zip, 0);
  return zip;
}

std::string ZipOfMembers(std::string_view text) {
  std::array<std::string_view, kMembers.size()> content{};
  size_t count = 0;
  while (count < kMembers.size()) {
    const size_t end = text.find(kSeparator);
    content[count++] = text.substr(0, end);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + kSeparator.size());
  }
  return StoredZip(content, count);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = fuzz::Text(data, size);
  const std::string packed = text.starts_with("PK") ? std::string() : ZipOfMembers(text);
  const std::string_view bytes = packed.empty() ? text : std::string_view(packed);
  (void)report::ReadXlsx(bytes);
  (void)report::ParseImpactMapXlsx(bytes);
  (void)report::ParseXlsForm(bytes);
  return 0;
}
