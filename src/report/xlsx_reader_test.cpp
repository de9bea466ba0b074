#include "report/xlsx_reader.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "report/xlsx_test_util.h"

namespace valuemark::report {
namespace {

// A workbook as other programs write it: a relationships prefix other than
// "r", an absolute target, rich-text shared strings, inline strings,
// booleans, formula results and cells without an "r" attribute.
std::string ForeignWorkbook() {
  const std::string workbook = R"(<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
          xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
  <sheets><sheet name="Second" sheetId="2" rel:id="rId2"/><sheet name="First" sheetId="1" rel:id="rId1"/></sheets>
</workbook>)";
  const std::string rels = R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="worksheet" Target="worksheets/a.xml"/>
  <Relationship Id="rId2" Type="worksheet" Target="/xl/worksheets/b.xml"/>
</Relationships>)";
  const std::string shared = R"(<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <si><t>plain</t></si>
  <si><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r><rPh><t>ignored</t></rPh></si>
</sst>)";
  const std::string a = R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
  <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>
  <row r="3"><c t="inlineStr"><is><t>inline</t></is></c><c><v>0.035</v></c><c t="b"><v>1</v></c>
             <c t="str"><f>A1</f><v>formula text</v></c><c><f>1+1</f><v>2</v></c></row>
</sheetData></worksheet>)";
  const std::string b = R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
  <row><c r="AB2"><v>-1.5e3</v></c></row>
</sheetData></worksheet>)";
  return testing::MakeZip({{"xl/workbook.xml", workbook},
                           {"xl/_rels/workbook.xml.rels", rels},
                           {"xl/sharedStrings.xml", shared},
                           {"xl/worksheets/a.xml", a},
                           {"xl/worksheets/b.xml", b}});
}

TEST(XlsxReader, ReadsWhatOtherProgramsWrite) {
  auto wb = ReadXlsx(ForeignWorkbook());
  ASSERT_TRUE(wb.has_value()) << wb.error().fields.front().message;
  ASSERT_EQ(wb->sheets.size(), 2u);
  EXPECT_EQ(wb->sheets[0].name, "Second");  // workbook order, not sheet ids
  const XlsxSheet& first = *wb->Find("First");
  EXPECT_EQ(first.At(1, 0).text, "plain");
  EXPECT_TRUE(first.At(1, 1).empty());
  EXPECT_EQ(first.At(1, 2).text, "rich text");
  EXPECT_EQ(first.At(3, 0).text, "inline");
  EXPECT_EQ(first.At(3, 1).kind, XlsxCell::Kind::kNumber);
  EXPECT_EQ(first.At(3, 1).number, 0.035);
  EXPECT_EQ(first.At(3, 2).kind, XlsxCell::Kind::kBool);
  EXPECT_EQ(first.At(3, 2).number, 1);
  EXPECT_EQ(first.At(3, 3).text, "formula text");
  EXPECT_EQ(first.At(3, 4).number, 2);
  EXPECT_TRUE(first.At(99, 99).empty());
  const XlsxSheet& second = *wb->Find("Second");
  EXPECT_EQ(second.At(1, 27).number, -1500);  // a row without "r" is the next row
}

TEST(XlsxReader, CellReferences) {
  EXPECT_EQ(ColumnName(0), "A");
  EXPECT_EQ(ColumnName(25), "Z");
  EXPECT_EQ(ColumnName(26), "AA");
  EXPECT_EQ(ColumnName(16383), "XFD");
  EXPECT_EQ(CellRef("Outcomes", 7, 7), "Outcomes!H7");
  EXPECT_EQ(CellRef("Value Map", 1, 0), "'Value Map'!A1");
}

TEST(XlsxReader, AMissingSheetMember) {
  auto wb = ReadXlsx(
      testing::MakeZip(
          {{"xl/workbook.xml",
            R"(<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>)"},
           {"xl/_rels/workbook.xml.rels",
            R"(<Relationships><Relationship Id="rId1" Target="worksheets/s.xml"/></Relationships>)"}}),
      "m.xlsx");
  ASSERT_FALSE(wb.has_value());
  EXPECT_EQ(wb.error().fields.front().path, "m.xlsx");
  EXPECT_EQ(wb.error().fields.front().message, "sheet \"S\" is missing from the file");
}

}  // namespace
}  // namespace valuemark::report

namespace valuemark::report {
namespace {

// Uploads can be cut short or damaged: every prefix of a workbook and every
// single-byte corruption must give an error or a workbook, never a crash.
TEST(XlsxReader, DamagedFilesAreErrorsNotCrashes) {
  const std::string good = testing::ReadFile(VALUEMARK_SOURCE_DIR "/examples/lunch-club.xlsx");
  ASSERT_GT(good.size(), 1000u);
  size_t errors = 0;
  for (size_t cut = 0; cut < good.size(); cut += 61)
    errors += !ReadXlsx(good.substr(0, cut)).has_value();
  EXPECT_GT(errors, 0u);
  for (size_t at = 0; at < good.size(); at += 53) {
    std::string damaged = good;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5A);
    (void)ReadXlsx(damaged);
  }
}

}  // namespace
}  // namespace valuemark::report

namespace valuemark::report {
namespace {

// Hardening: a 6 KB workbook made the reader allocate 789 MB and a 102 KB
// one aborted, because a row was sized to its highest column. Crafted
// workbooks over a bound are refused with an error that names the cell or
// the limit, without allocating what they ask for.
std::string OneSheet(const std::string& sheet_data, const std::string& shared = "") {
  std::vector<std::pair<std::string, std::string>> members = {
      {"xl/workbook.xml",
       R"(<workbook><sheets><sheet name="Outcomes" r:id="rId1"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<Relationships><Relationship Id="rId1" Target="worksheets/s.xml"/></Relationships>)"},
      {"xl/worksheets/s.xml", "<worksheet><sheetData>" + sheet_data + "</sheetData></worksheet>"}};
  if (!shared.empty()) members.push_back({"xl/sharedStrings.xml", "<sst>" + shared + "</sst>"});
  return testing::MakeZip(members);
}

std::string Refusal(const std::string& bytes) {
  auto wb = ReadXlsx(bytes, "map.xlsx");
  if (wb) return "(read)";
  EXPECT_EQ(wb.error().fields.front().path, "map.xlsx");
  return wb.error().fields.front().message;
}

TEST(XlsxReaderLimits, ACellFarRightOrFarDownIsRefusedNamingIt) {
  EXPECT_EQ(Refusal(OneSheet(R"(<row r="1"><c r="XFD1"><v>1</v></c></row>)")),
            "cell Outcomes!XFD1 is right of column AMJ, the last this reader takes");
  EXPECT_EQ(Refusal(OneSheet(R"(<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>)")),
            "cell Outcomes!XFD1048576 is below row 100000, the last this reader takes");
  // Empty (styled) cells there cost nothing and are ignored, as before.
  auto styled = ReadXlsx(OneSheet(R"(<row r="1"><c r="A1"><v>1</v></c><c r="XFD1" s="1"/></row>)"));
  ASSERT_TRUE(styled.has_value());
  EXPECT_EQ(styled->sheets[0].rows[0].size(), 1u);
}

TEST(XlsxReaderLimits, ManyWideRowsAreRefusedAtTheCellLimit) {
  // The 6 KB attack: many rows, each with one cell in its last column.
  std::string rows;
  for (int r = 1; r <= 1200; ++r)
    rows += fmt::format(R"(<row r="{0}"><c r="AMJ{0}"><v>1</v></c></row>)", r);
  const std::string bytes = OneSheet(rows);
  EXPECT_LT(bytes.size(), 16000u);
  EXPECT_EQ(
      Refusal(bytes),
      "cell Outcomes!AMJ977 takes the workbook over 1000000 cells, the most this reader takes");
}

TEST(XlsxReaderLimits, AHugeSharedStringIndexIsRefusedNamingTheCell) {
  EXPECT_EQ(
      Refusal(OneSheet(R"(<row r="2"><c r="B2" t="s"><v>18446744073709551615</v></c></row>)",
                       "<si><t>a</t></si>")),
      "cell Outcomes!B2 refers to shared string \"18446744073709551615\", but the workbook has 1");
  EXPECT_EQ(Refusal(OneSheet(R"(<row r="2"><c r="B2" t="s"><v>-1</v></c></row>)")),
            "cell Outcomes!B2 refers to shared string \"-1\", but the workbook has 0");
}

TEST(XlsxReaderLimits, TooManySharedStringsAreRefused) {
  std::string shared;
  for (int i = 0; i <= 200000; ++i) shared += "<si/>";
  EXPECT_EQ(Refusal(OneSheet("", shared)),
            "the workbook has more than 200000 shared strings, the most this reader takes");
}

TEST(XlsxReaderLimits, AZipBombPartIsRefusedByWhatItInflatesTo) {
  // 40 MB of one character compresses to about 40 KB.
  const std::string bomb = OneSheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" +
                                    std::string(40u << 20, 'a') + "</t></is></c></row>");
  EXPECT_LT(bomb.size(), 200000u);
  EXPECT_EQ(
      Refusal(bomb),
      "xl/worksheets/s.xml is larger than 32 MB uncompressed, the most a workbook part may be");
}

}  // namespace
}  // namespace valuemark::report
