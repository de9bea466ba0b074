// The audit-and-notifications API through its router (no socket): in-app
// notifications and the outbox, and the histories of an organisation and of
// the platform.
#include <limits>

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

// An organisation's History lists everything that happened in it, newest
// first, narrowed by kind of record and by person and paged along the chain;
// the platform's own chain is for administrators.
TEST_F(ApiTest, AnOrganisationsHistoryIsEverythingThatHappenedInIt) {
  Certifiable c = MakeCertifiable();
  const std::string id = SignedOffApplication(c);
  const std::string history = "/api/v1/organisations/" + c.org + "/history";
  auto get = [&](const std::string& query, const Session* who) {
    return Call(Method::kGet, history + query, "", who);
  };
  const json all = Body(get("?limit=200", &c.member));
  ASSERT_GT(all["items"].size(), 5u);
  int64_t previous = std::numeric_limits<int64_t>::max();
  std::set<std::string> kinds;
  for (const json& e : all["items"]) {
    EXPECT_LT(e["seq"].get<int64_t>(), previous);  // newest first
    previous = e["seq"];
    EXPECT_EQ(e["chain"], c.org);
    kinds.insert(e["entity_type"].get<std::string>());
  }
  EXPECT_TRUE(kinds.contains("organisation") && kinds.contains("member") &&
              kinds.contains("application"));

  // By kind of record, and by person.
  const json applications = Body(get("?kind=application", &c.lead));
  ASSERT_GT(applications["items"].size(), 0u);
  for (const json& e : applications["items"]) {
    EXPECT_EQ(e["entity_type"], "application");
    EXPECT_EQ(e["entity_id"], id);
  }
  const json by_senior = Body(get("?actor_id=" + c.senior.user_id, &c.lead));
  ASSERT_GT(by_senior["items"].size(), 0u);
  for (const json& e : by_senior["items"]) EXPECT_EQ(e["actor"]["id"], c.senior.user_id);
  EXPECT_EQ(Body(get("?kind=survey", &c.lead))["items"], json::array());

  // Paged along the chain: the pages together are the whole.
  std::vector<int64_t> seqs;
  std::string cursor;
  for (int page = 0; page < 100; ++page) {
    const json p = Body(get("?limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor), &c.lead));
    for (const json& e : p["items"]) seqs.push_back(e["seq"]);
    if (p["next_cursor"].is_null()) break;
    cursor = p["next_cursor"];
  }
  EXPECT_EQ(seqs.size(), all["items"].size());

  // Bad input, strangers and the platform's chain.
  EXPECT_EQ(get("?kind=Bad!", &c.lead).status, 400);
  EXPECT_EQ(get("?cursor=minus", &c.lead).status, 400);
  EXPECT_EQ(get("?cursor=0", &c.lead).status, 400);
  Session stranger = SignUp("stranger@example.org", "Stranger");
  EXPECT_EQ(get("", &stranger).status, 404);
  EXPECT_EQ(get("", nullptr).status, 401);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/organisations/platform/history", "", &c.admin).status, 404);
  Response platform = Call(Method::kGet, "/api/v1/audit/platform?limit=200", "", &c.admin);
  ASSERT_EQ(platform.status, 200) << platform.body;
  for (const json& e : Body(platform)["items"]) {
    EXPECT_EQ(e["chain"], "platform");
    EXPECT_TRUE(e["organisation_id"].is_null());
  }
  EXPECT_EQ(Call(Method::kGet, "/api/v1/audit/platform", "", &c.lead).status, 403);
}

}  // namespace
}  // namespace valuemark::http
