#include "formats/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace valuemark::formats {
namespace {

TEST(JsonWriter, WritesCompactDocuments) {
  JsonWriter w(0);
  w.BeginObject()
      .Field("a", 1.5)
      .Field("b", std::vector<double>{1, 2})
      .Key("c")
      .Null()
      .Field("d", true);
  w.Key("e").BeginArray().EndArray().Key("f").BeginObject().EndObject().EndObject();
  EXPECT_EQ(w.Take(), R"({"a":1.5,"b":[1,2],"c":null,"d":true,"e":[],"f":{}})");
}

TEST(JsonWriter, IndentsNestedValues) {
  JsonWriter w(2);
  w.BeginObject().Field("a", int64_t{1}).Key("b").BeginArray().Number(0.25).EndArray().EndObject();
  EXPECT_EQ(w.Take(), "{\n  \"a\": 1,\n  \"b\": [\n    0.25\n  ]\n}\n");
}

TEST(JsonWriter, EscapesStrings) {
  JsonWriter w(0);
  w.String("quote \" backslash \\ newline \n tab \t bell \x07 café");
  EXPECT_EQ(w.Take(), R"("quote \" backslash \\ newline \n tab \t bell \u0007 café")");
}

// Bytes from a CSV or XLSX file that are not UTF-8 must not make the
// platform write JSON that no client (nor simdjson, reading it back) accepts.
TEST(JsonWriter, WritesBytesThatAreNotUtf8AsReplacementCharacters) {
  JsonWriter w(0);
  w.BeginObject()
      .Field("caf\xE9", "caf\xE9 \xC3 \xED\xA0\x80 \xF4\x90\x80\x80 ok \xF0\x9F\x98\x80")
      .EndObject();
  EXPECT_EQ(
      w.Take(),
      "{\"caf\xEF\xBF\xBD\":\"caf\xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD "
      "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD ok \xF0\x9F\x98\x80\"}");
}

TEST(JsonWriter, NonFiniteNumbersBecomeNull) {
  JsonWriter w(0);
  w.BeginArray()
      .Number(std::nan(""))
      .Number(std::numeric_limits<double>::infinity())
      .Number(-0.0)
      .EndArray();
  EXPECT_EQ(w.Take(), "[null,null,0]");
}

TEST(JsonWriter, NumbersRoundTrip) {
  JsonWriter w(0);
  w.Number(0.1 + 0.2);
  EXPECT_EQ(std::stod(w.Take()), 0.1 + 0.2);
}

}  // namespace
}  // namespace valuemark::formats
