// The audit-and-notifications API through its router (no socket): in-app
// notifications and the outbox.
#include "api_fixture.h"

namespace valuemark::http {
namespace {

// In-app notifications: what the outbox holds for my address, never a
// password-reset secret, never someone else's; reading them is remembered.
TEST_F(ApiTest, NotificationsAreMineAndCanBeRead) {
  Session lead = SignUp("lead@example.org", "Lead");
  const std::string org = CreateOrganisation(lead, "Org");
  Session other = SignUp("other@example.org", "Other");
  EXPECT_EQ(Call(Method::kGet, "/api/v1/notifications", "").status, 401);
  json empty = Body(Call(Method::kGet, "/api/v1/notifications", "", &other));
  EXPECT_EQ(empty["unread"], 0);
  EXPECT_TRUE(empty["items"].empty());

  // An invitation to other's address, and a password reset for them.
  ASSERT_EQ(Call(Method::kPost, fmt::format("/api/v1/organisations/{}/invitations", org),
                 json{{"email", "other@example.org"}, {"role", "member"}}.dump(), &lead)
                .status,
            201);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/password-reset", R"({"email": "other@example.org"})")
                .status,
            202);
  json list = Body(Call(Method::kGet, "/api/v1/notifications", "", &other));
  ASSERT_EQ(list["items"].size(), 1u) << list.dump();
  EXPECT_EQ(list["unread"], 1);
  EXPECT_TRUE(list["items"][0]["unread"]);
  EXPECT_NE(list["items"][0]["subject"].get<std::string>().find("Org"), std::string::npos);
  EXPECT_EQ(list["items"][0]["body"].get<std::string>().find("reset-password"), std::string::npos);
  EXPECT_TRUE(Body(Call(Method::kGet, "/api/v1/notifications", "", &lead))["items"].empty());

  // Bad input changes nothing; CSRF is required.
  Response bad = Call(Method::kPost, "/api/v1/notifications/read", R"({"up_to": -1})", &other);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Body(bad)["error"]["field"], "up_to");
  EXPECT_EQ(Call(Method::kPost, "/api/v1/notifications/read", R"({"upto": 1})", &other).status,
            400);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/notifications?limit=0", "", &other).status, 400);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/notifications/read",
                 json{{"up_to", list["items"][0]["id"]}}.dump(), &other, false)
                .status,
            403);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/notifications", "", &other))["unread"], 1);

  EXPECT_EQ(Call(Method::kPost, "/api/v1/notifications/read",
                 json{{"up_to", list["items"][0]["id"]}}.dump(), &other)
                .status,
            204);
  json after = Body(Call(Method::kGet, "/api/v1/notifications", "", &other));
  EXPECT_EQ(after["unread"], 0);
  EXPECT_FALSE(after["items"][0]["unread"]);
}

}  // namespace
}  // namespace valuemark::http
