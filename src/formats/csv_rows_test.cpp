#include "formats/csv_rows.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "formats/csv_writer.h"

namespace valuemark::formats {
namespace {

using Cells = std::vector<std::string>;

TEST(CsvRows, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  auto rows = ReadCsvTable(
      "id,text\n"
      "1,\"a, b\"\n"
      "2,\"she said \"\"yes\"\"\"\n"
      "3,\"two\nlines\"\n"
      "4,last\n");
  ASSERT_TRUE(rows.has_value()) << rows.error().message;
  ASSERT_EQ(rows->size(), 5u);
  EXPECT_EQ((*rows)[1].cells, (Cells{"1", "a, b"}));
  EXPECT_EQ((*rows)[2].cells, (Cells{"2", "she said \"yes\""}));
  EXPECT_EQ((*rows)[3].cells, (Cells{"3", "two\nlines"}));
  // The row after a line break inside quotes starts one line later.
  EXPECT_EQ((*rows)[3].line, 4u);
  EXPECT_EQ((*rows)[4].line, 6u);
  EXPECT_EQ(CsvRowName(5, (*rows)[4].line), "row 5 (line 6)");
  EXPECT_EQ(CsvRowName(2, 2), "row 2");
}

TEST(CsvRows, ByteOrderMarkAndEveryLineEndingAreRead) {
  const std::string bom = "\xEF\xBB\xBF";
  for (const std::string eol : {"\r\n", "\n", "\r"}) {
    auto rows = ReadCsvTable(bom + "name,value" + eol + "x,1" + eol + eol + "y,2" + eol);
    ASSERT_TRUE(rows.has_value()) << rows.error().message;
    ASSERT_EQ(rows->size(), 3u);
    EXPECT_EQ((*rows)[0].cells, (Cells{"name", "value"})) << "the mark is not part of a header";
    EXPECT_EQ((*rows)[1].cells, (Cells{"x", "1"}));
    EXPECT_EQ((*rows)[2].cells, (Cells{"y", "2"}));
    EXPECT_EQ((*rows)[2].line, 4u) << "a blank line still counts as a line";
  }
}

// KoboToolbox exports with semicolons; a comma inside quotes on the header
// line does not count, nor does anything after it.
TEST(CsvRows, TheDelimiterIsGuessedFromTheHeaderLine) {
  EXPECT_EQ(GuessDelimiter("\"a\";\"b, c\";\"d\"\r\n1,2,3,4,5\r\n"), ';');
  EXPECT_EQ(GuessDelimiter("a,b;c,d\n"), ',');
  EXPECT_EQ(GuessDelimiter(""), ',');
  auto rows = ReadCsvTable("\"a\";\"b; c\"\r\n1;\"x;y\"\r\n", {.delimiter = ';'});
  ASSERT_TRUE(rows) << rows.error().message;
  EXPECT_EQ((*rows)[1].cells, (std::vector<std::string>{"1", "x;y"}));
}

TEST(CsvRows, SpacesAreKeptWhenAsked) {
  auto trimmed = ReadCsvTable("a,b\n  x , y \n");
  auto kept = ReadCsvTable("a,b\n  x , y \n", {.trim_spaces = false});
  ASSERT_TRUE(trimmed.has_value());
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ((*trimmed)[1].cells, (Cells{"x", "y"}));
  EXPECT_EQ((*kept)[1].cells, (Cells{"  x ", " y "}));
}

TEST(CsvRows, WrittenSpacesAtEitherEndAreReadBack) {
  // Found by the impact-map CSV fuzzer: a proxy source " published costs"
  // was written unquoted, read back trimmed, and the map changed.
  CsvWriter w;
  w.Text(" lead").Text("trail ").Value("\tt").Text("in side").EndRow();
  EXPECT_EQ(w.text(), "\" lead\",\"trail \",\"\tt\",in side\r\n");
  auto rows = ReadCsvTable(w.text());
  ASSERT_TRUE(rows.has_value());
  EXPECT_EQ((*rows)[0].cells, (Cells{" lead", "trail ", "\tt", "in side"}));
}

TEST(CsvRows, AMalformedFileIsNamedByItsRow) {
  auto unclosed = ReadCsvTable("a,b\n1,2\n3,\"never closed\n");
  ASSERT_FALSE(unclosed.has_value());
  EXPECT_EQ(unclosed.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(unclosed.error().fields.size(), 1u);
  EXPECT_EQ(unclosed.error().fields[0].path, "csv row 3");
  EXPECT_NE(unclosed.error().message.find("never closed"), std::string::npos);
}

}  // namespace
}  // namespace valuemark::formats
