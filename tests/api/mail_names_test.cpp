// Names stored before their input refused control characters may still hold
// CR or LF. Wherever such a name goes into a mail header or a one-line
// greeting it is made one line, so it cannot add a header (an invitation once
// carried an attacker's Content-Type, Reply-To and body), and the action
// that mails it still works.
#include "api_fixture.h"
#include "app/validate.h"
#include "notify/smtp_sender.h"

namespace valuemark::http {
namespace {

constexpr char kEvilName[] = "Eve\r\nBcc: spy@evil.example\r\nReply-To: eve@evil.example";
constexpr char kEvilOrg[] = "Riverside\r\nContent-Type: text/html\r\n\r\n<h1>Pay here</h1>";

class MailNamesTest : public ApiTest {
 protected:
  // Writes names as an old version of the platform could have stored them.
  void StoreNames(const std::string& user_id, const std::string& org_id) {
    auto r = store_->Write([&](app::Transaction& tx) -> Result<void> {
      auto user = TRY(tx.FindUserById(user_id));
      user->name = kEvilName;
      TRY(tx.UpdateUser(*user));
      if (org_id.empty()) return {};
      auto org = TRY(tx.FindOrganisation(org_id));
      org->name = kEvilOrg;
      return tx.UpdateOrganisation(*org);
    });
    ASSERT_TRUE(r.has_value()) << r.error().message;
  }
  app::OutboxMessage NewestTo(const std::string& email) {
    app::OutboxMessage newest;
    auto r = store_->Read([&](app::Transaction& tx) -> Result<void> {
      auto messages = TRY(tx.ListMessagesTo(email, 1));
      if (!messages.empty()) newest = messages.front();
      return {};
    });
    EXPECT_TRUE(r.has_value());
    return newest;
  }
  // The header block of the message as the SMTP sender would send it.
  static std::string SentHeaders(const app::OutboxMessage& m) {
    auto text = notify::ComposeMessage(m, "no-reply@valuemark.example", 0);
    EXPECT_TRUE(text.has_value()) << text.error().message;
    return text ? text->substr(0, text->find("\r\n\r\n") + 2) : "";
  }
  static void ExpectNoInjectedHeader(const std::string& headers) {
    for (const char* injected : {"\r\nBcc:", "\r\nReply-To:", "\r\nContent-Type: text/html"})
      EXPECT_EQ(headers.find(injected), std::string::npos) << injected << " in\n" << headers;
    // Exactly the headers the sender writes, each once.
    size_t lines = 0;
    for (size_t at = 0; (at = headers.find("\r\n", at)) != std::string::npos; at += 2) ++lines;
    EXPECT_EQ(lines, 8u) << headers;
  }
};

TEST_F(MailNamesTest, AnInvitationFromAStoredCrLfNameAddsNoHeader) {
  Session lead = SignUp("lead@example.org", "Lead");
  const std::string org = CreateOrganisation(lead, "Riverside");
  StoreNames(lead.user_id, org);
  Response invited = Call(Method::kPost, "/api/v1/organisations/" + org + "/invitations",
                          json{{"email", "new@example.org"}, {"role", "member"}}.dump(), &lead);
  ASSERT_EQ(invited.status, 201) << invited.body;  // the old name does not stop the invitation
  const app::OutboxMessage m = NewestTo("new@example.org");
  EXPECT_EQ(m.subject,
            "Eve Bcc: spy@evil.example Reply-To: eve@evil.example invites you to Riverside "
            "Content-Type: text/html <h1>Pay here</h1> on ValueMark");
  // The greeting names both on one line: the body keeps its own lines only.
  EXPECT_NE(m.body.find("\n\nEve Bcc: spy@evil.example Reply-To: eve@evil.example has invited you "
                        "to join Riverside Content-Type: text/html <h1>Pay here</h1> on ValueMark"),
            std::string::npos)
      << m.body;
  ExpectNoInjectedHeader(SentHeaders(m));
}

TEST_F(MailNamesTest, AResetMailGreetsAStoredCrLfNameOnOneLine) {
  Session s = SignUp("owner@example.org", "Owner");
  StoreNames(s.user_id, "");
  ASSERT_EQ(Call(Method::kPost, "/api/v1/auth/password-reset",
                 json{{"email", "owner@example.org"}}.dump())
                .status,
            202);
  const app::OutboxMessage m = NewestTo("owner@example.org");
  EXPECT_EQ(m.subject, app::kPasswordResetSubject);
  EXPECT_TRUE(m.body.starts_with(
      "Hello Eve Bcc: spy@evil.example Reply-To: eve@evil.example,\n\nSomeone asked"))
      << m.body;
  ExpectNoInjectedHeader(SentHeaders(m));
}

TEST(OneLine, TurnsEveryLineBreakAndControlIntoOneSpace) {
  EXPECT_EQ(app::OneLine("a\r\nb"), "a b");
  EXPECT_EQ(app::OneLine("  a \t\n b  "), "a b");
  EXPECT_EQ(app::OneLine("a\xc2\x85"
                         "b"),
            "a b");  // NEL (C1)
  EXPECT_EQ(app::OneLine("a\xe2\x80\xae"
                         "b"),
            "a b");  // right-to-left override
  EXPECT_EQ(app::OneLine("Caf\xc3\xa9 \xe2\x80\x94 ok"), "Caf\xc3\xa9 \xe2\x80\x94 ok");
  EXPECT_EQ(app::OneLine("a\xff"
                         "b"),
            "a?b");  // not UTF-8
  EXPECT_EQ(app::OneLine("\r\n"), "");
}

}  // namespace
}  // namespace valuemark::http
