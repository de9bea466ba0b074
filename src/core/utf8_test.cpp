#include "core/utf8.h"

#include <gtest/gtest.h>

namespace valuemark {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(IsUtf8(""));
  EXPECT_TRUE(IsUtf8("plain ASCII"));
  EXPECT_TRUE(IsUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF"));
}

TEST(Utf8, RefusesWhatIsNot) {
  EXPECT_FALSE(IsUtf8("caf\xE9"));           // Windows-1252
  EXPECT_FALSE(IsUtf8("\x80"));              // a stray continuation byte
  EXPECT_FALSE(IsUtf8("\xC3"));              // truncated
  EXPECT_FALSE(IsUtf8("\xC0\xAF"));          // overlong "/"
  EXPECT_FALSE(IsUtf8("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(IsUtf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(IsUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsUtf8("\xF5\x80\x80\x80"));
  EXPECT_EQ(Utf8SequenceLength("a\xE2\x82\xAC", 1), 3u);
  EXPECT_EQ(Utf8SequenceLength("\xE2\x82", 0), 0u);
}

}  // namespace
}  // namespace valuemark
