// Evidence files are judged by content, not name (issue 4, "Bad input and
// abuse": "an executable renamed .pdf").
#include "core/file_type.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <utility>
#include <vector>

namespace valuemark {
namespace {

std::string Type(std::string_view content) {
  auto t = DetectFileType(content);
  return t ? t->extension : "refused";
}

void Put(std::string& out, uint32_t v, int bytes) {
  for (int k = 0; k < bytes; ++k) out += static_cast<char>((v >> (8 * k)) & 0xFF);
}

// A zip file of stored members, as APPNOTE.TXT lays it out (no CRCs: the
// sniffer reads the structure, not the data).
std::string Zip(const std::vector<std::pair<std::string, std::string>>& members) {
  std::string out, directory;
  for (const auto& [name, content] : members) {
    const auto offset = static_cast<uint32_t>(out.size());
    Put(out, 0x04034b50, 4), Put(out, 10, 2), Put(out, 0, 2), Put(out, 0, 2), Put(out, 0, 4),
        Put(out, 0, 4);
    Put(out, static_cast<uint32_t>(content.size()), 4),
        Put(out, static_cast<uint32_t>(content.size()), 4);
    Put(out, static_cast<uint32_t>(name.size()), 2), Put(out, 0, 2);
    out += name + content;
    Put(directory, 0x02014b50, 4), Put(directory, 20, 2), Put(directory, 10, 2),
        Put(directory, 0, 2);
    Put(directory, 0, 2), Put(directory, 0, 4), Put(directory, 0, 4);
    Put(directory, static_cast<uint32_t>(content.size()), 4),
        Put(directory, static_cast<uint32_t>(content.size()), 4);
    Put(directory, static_cast<uint32_t>(name.size()), 2), Put(directory, 0, 2),
        Put(directory, 0, 2);
    Put(directory, 0, 2), Put(directory, 0, 2), Put(directory, 0, 4), Put(directory, offset, 4);
    directory += name;
  }
  const auto cd_offset = static_cast<uint32_t>(out.size());
  out += directory;
  Put(out, 0x06054b50, 4), Put(out, 0, 2), Put(out, 0, 2);
  Put(out, static_cast<uint32_t>(members.size()), 2),
      Put(out, static_cast<uint32_t>(members.size()), 2);
  Put(out, static_cast<uint32_t>(directory.size()), 4), Put(out, cd_offset, 4), Put(out, 0, 2);
  return out;
}

TEST(FileType, AcceptedDocumentsByTheirFirstBytes) {
  EXPECT_EQ(Type("%PDF-1.7\n..."), "pdf");
  EXPECT_EQ(Type(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)), "png");
  EXPECT_EQ(Type("\xFF\xD8\xFF\xE0\x00\x10JFIF"), "jpg");
  EXPECT_EQ(Type("GIF89a...."), "gif");
  EXPECT_EQ(Type(Zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<w/>"}})),
            "docx");
  EXPECT_EQ(Type(Zip({{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<workbook/>"}})),
            "xlsx");
  EXPECT_EQ(Type(Zip({{"[Content_Types].xml", "<Types/>"}, {"ppt/presentation.xml", "<p/>"}})),
            "pptx");
  EXPECT_EQ(
      Type(Zip({{"mimetype", "application/vnd.oasis.opendocument.text"}, {"content.xml", "<c/>"}})),
      "odt");
  EXPECT_EQ(Type(Zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                      {"content.xml", "<c/>"}})),
            "ods");
  EXPECT_EQ(Type("stakeholder,size\nmembers,120\n"), "csv");
  EXPECT_EQ(Type("name;value\nÉcole;3\n"), "csv");
}

TEST(FileType, ExecutablesScriptsArchivesAndBinaryAreRefused) {
  EXPECT_EQ(Type("MZ\x90\x00\x03"), "refused");  // a Windows executable, whatever its name
  EXPECT_EQ(Type("\x7F"
                 "ELF\x02\x01\x01"),
            "refused");
  EXPECT_EQ(Type("#!/bin/sh\nrm -rf /,\n"), "refused");
  EXPECT_EQ(Type(std::string("PK\x03\x04payload.exe", 15)), "refused");  // a plain zip
  EXPECT_EQ(Type(std::string("a,b\n\0\x01\x02", 7)), "refused");
  EXPECT_EQ(Type("just some words without separators"), "refused");
  EXPECT_EQ(Type("bad utf8 \xC3, here\n"), "refused");
  EXPECT_EQ(Type(""), "refused");
}

// Hardening: names of office parts appearing only as strings (in a member's
// data, a comment, or a zip without a real directory) do not make an office
// document, and a web page with a comma on its first line is not CSV.
TEST(FileType, OfficeDocumentsAreJudgedByTheirZipDirectory) {
  // The names only inside a member's data.
  EXPECT_EQ(Type(Zip({{"payload.html",
                       "[Content_Types].xml xl/workbook.xml <script>alert(1)</script>"}})),
            "refused");
  // The strings without any central directory.
  EXPECT_EQ(Type("PK\x03\x04....[Content_Types].xml....xl/workbook.xml"), "refused");
  EXPECT_EQ(Type(std::string("PK\x03\x04") + std::string(26, '\0') +
                 "mimetypeapplication/vnd.oasis.opendocument.text"),
            "refused");
  // Content types without the workbook part.
  EXPECT_EQ(Type(Zip({{"[Content_Types].xml", "<Types/>"}, {"xl/evil.html", "<html/>"}})),
            "refused");
  // A directory entry that points at nothing, or at a member of another name.
  std::string broken =
      Zip({{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<workbook/>"}});
  broken.replace(broken.find("xl/workbook.xml"), 15, "xl/workbook.xmm");  // the local name only
  EXPECT_EQ(Type(broken), "refused");
  std::string truncated =
      Zip({{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<workbook/>"}});
  EXPECT_EQ(Type(truncated.substr(0, truncated.size() - 1)), "refused");
}

TEST(FileType, WebPagesAreNotCsv) {
  EXPECT_EQ(Type("<html><body>a,b</body></html>\n"), "refused");
  EXPECT_EQ(Type("  <!DOCTYPE html>,\n<script>alert(1)</script>"), "refused");
  EXPECT_EQ(Type("\xEF\xBB\xBF<svg onload=alert(1)>,\n"), "refused");
  EXPECT_EQ(Type("name,value\nx,<SCRIPT>alert(1)</SCRIPT>\n"), "refused");
  EXPECT_EQ(Type("name,note\nx,1 < 2 and 3 > 2\n"), "csv");  // comparisons are not markup
}

}  // namespace
}  // namespace valuemark
