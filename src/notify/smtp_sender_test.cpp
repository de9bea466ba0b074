// The message the sender composes: every header stays one header, whatever
// the names in it (hardening: an invitation carried an attacker's headers).
#include "notify/smtp_sender.h"

#include <gtest/gtest.h>

#include "app/crypto.h"

namespace valuemark::notify {
namespace {

app::OutboxMessage Message(std::string subject, std::string to = "ann@example.org") {
  app::OutboxMessage m;
  m.id = 7;
  m.to = std::move(to);
  m.subject = std::move(subject);
  m.body = "Hello,\nline two\n";
  return m;
}

// The header block: everything before the blank line.
std::string Headers(const std::string& message) {
  return message.substr(0, message.find("\r\n\r\n") + 2);
}

// A subject carries stored names, which may predate the checks on input: a
// line break in one becomes a space, and no header is added.
TEST(ComposeMessage, MakesTheSubjectOneLine) {
  auto m = ComposeMessage(
      Message("Eve invites you\r\nContent-Type: text/html\r\nReply-To: eve@evil.example"),
      "no-reply@valuemark.example", 0);
  ASSERT_TRUE(m.has_value()) << m.error().message;
  const std::string h = Headers(*m);
  EXPECT_NE(
      h.find("\r\nSubject: Eve invites you Content-Type: text/html Reply-To: eve@evil.example\r\n"),
      std::string::npos)
      << h;
  EXPECT_EQ(h.find("\r\nReply-To:"), std::string::npos) << h;
  EXPECT_EQ(h.find("\r\nContent-Type: text/html"), std::string::npos) << h;
  for (const char* subject : {"a\nb", "a\rb",
                              "a\x0b"
                              "b",
                              "a\xc2\x85"
                              "b"}) {  // LF, CR, VT, NEL
    auto one = ComposeMessage(Message(subject), "no-reply@valuemark.example", 0);
    ASSERT_TRUE(one.has_value());
    EXPECT_NE(Headers(*one).find("\r\nSubject: a b\r\n"), std::string::npos) << Headers(*one);
  }
}

TEST(ComposeMessage, RefusesAnAddressThatWouldAddARecipientOrAHeader) {
  EXPECT_FALSE(
      ComposeMessage(Message("Hi", "ann@example.org>\r\nBcc: <x@evil.example"), "n@v.example", 0));
  EXPECT_FALSE(
      ComposeMessage(Message("Hi", "ann@example.org>, <x@evil.example"), "n@v.example", 0));
  EXPECT_FALSE(ComposeMessage(Message("Hi"), "n@v.example\r\nX-Evil: 1", 0));
}

TEST(ComposeMessage, WritesOneHeaderPerLineAndCrlfBody) {
  auto m = ComposeMessage(Message("Riverside invites you"), "no-reply@valuemark.example", 0);
  ASSERT_TRUE(m.has_value()) << m.error().message;
  const std::string h = Headers(*m);
  EXPECT_NE(h.find("\r\nSubject: Riverside invites you\r\n"), std::string::npos) << h;
  EXPECT_NE(h.find("\r\nTo: <ann@example.org>\r\n"), std::string::npos);
  EXPECT_EQ(m->substr(m->find("\r\n\r\n") + 4), "Hello,\r\nline two\r\n");
  for (size_t pos = 0; (pos = m->find('\n', pos)) != std::string::npos; ++pos)
    EXPECT_EQ((*m)[pos - 1], '\r');
}

TEST(EncodeHeaderText, EncodesNonAsciiAsUtf8EncodedWords) {
  ASSERT_TRUE(app::InitCrypto().has_value());
  EXPECT_EQ(EncodeHeaderText("Plain text"), "Plain text");
  EXPECT_EQ(EncodeHeaderText("Café"), "=?UTF-8?B?Q2Fmw6k=?=");
  // Text that looks like an encoded-word is encoded too, so it reads as written.
  EXPECT_EQ(EncodeHeaderText("=?x?"), "=?UTF-8?B?PT94Pw==?=");
  // Long text: several words, each at most 75 characters, none cutting a character.
  std::string long_text;
  for (int i = 0; i < 40; ++i) long_text += "Ünïcödé ";
  const std::string encoded = EncodeHeaderText(long_text);
  std::string decoded;
  size_t pos = 0, words = 0;
  while ((pos = encoded.find("=?UTF-8?B?", pos)) != std::string::npos) {
    const size_t end = encoded.find("?=", pos + 10);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end + 2 - pos, 75u);
    auto bytes = app::FromBase64Text(encoded.substr(pos + 10, end - pos - 10));
    ASSERT_TRUE(bytes.has_value());
    EXPECT_NE(static_cast<unsigned char>(bytes->front()) & 0xC0, 0x80u);  // starts at a character
    decoded += *bytes;
    pos = end + 2;
    ++words;
  }
  EXPECT_GT(words, 1u);
  EXPECT_EQ(decoded, long_text);
  EXPECT_EQ(encoded.find_first_of("\r\n") == std::string::npos, false);  // folded
  EXPECT_EQ(encoded.find("\r\n "), encoded.find("\r\n"));                // only as folding
}

}  // namespace
}  // namespace valuemark::notify
