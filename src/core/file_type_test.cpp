// Evidence files are judged by content, not name (issue 4, "Bad input and
// abuse": "an executable renamed .pdf").
#include "core/file_type.h"

#include <gtest/gtest.h>

namespace valuemark {
namespace {

std::string Type(std::string_view content) {
  auto t = DetectFileType(content);
  return t ? t->extension : "refused";
}

TEST(FileType, AcceptedDocumentsByTheirFirstBytes) {
  EXPECT_EQ(Type("%PDF-1.7\n..."), "pdf");
  EXPECT_EQ(Type(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)), "png");
  EXPECT_EQ(Type("\xFF\xD8\xFF\xE0\x00\x10JFIF"), "jpg");
  EXPECT_EQ(Type("GIF89a...."), "gif");
  EXPECT_EQ(Type("PK\x03\x04....[Content_Types].xml....word/document.xml"), "docx");
  EXPECT_EQ(Type("PK\x03\x04....[Content_Types].xml....xl/workbook.xml"), "xlsx");
  EXPECT_EQ(Type(std::string("PK\x03\x04") + std::string(26, '\0') + "mimetypeapplication/vnd.oasis.opendocument.text"), "odt");
  EXPECT_EQ(Type("stakeholder,size\nmembers,120\n"), "csv");
  EXPECT_EQ(Type("name;value\nÉcole;3\n"), "csv");
}

TEST(FileType, ExecutablesScriptsArchivesAndBinaryAreRefused) {
  EXPECT_EQ(Type("MZ\x90\x00\x03"), "refused");  // a Windows executable, whatever its name
  EXPECT_EQ(Type("\x7F" "ELF\x02\x01\x01"), "refused");
  EXPECT_EQ(Type("#!/bin/sh\nrm -rf /,\n"), "refused");
  EXPECT_EQ(Type(std::string("PK\x03\x04payload.exe", 15)), "refused");  // a plain zip
  EXPECT_EQ(Type(std::string("a,b\n\0\x01\x02", 7)), "refused");
  EXPECT_EQ(Type("just some words without separators"), "refused");
  EXPECT_EQ(Type("bad utf8 \xC3, here\n"), "refused");
  EXPECT_EQ(Type(""), "refused");
}

}  // namespace
}  // namespace valuemark
