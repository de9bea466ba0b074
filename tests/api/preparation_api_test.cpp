// The preparation call with the Assurance Manager (docs/api.md "Preparation
// calls"), end to end on both databases: a scheme whose data asks for a call
// refuses submission until the organisation has held one; the Assurance
// Manager offers times and records the call; the Lead books.
#include <fstream>

#include "api_fixture.h"
#include "formats/records_json.h"

namespace valuemark::http {
namespace {

class PreparationCallTest : public ApiTest {
 protected:
  // SVMC version 3: version 2 with a preparation call asked for.
  void PublishSchemeAskingForACall(const Session& admin) {
    std::ifstream in(std::string(VALUEMARK_SOURCE_DIR) + "/data/schemes/svmc-v2.json");
    json v3 = json::parse(in);
    v3["version"] = 3;
    v3["preparation_call"] = true;
    Response published = Call(Method::kPost, "/api/v1/schemes", v3.dump(), &admin);
    ASSERT_EQ(published.status, 201) << published.body;
    EXPECT_EQ(Body(published)["preparation_call"], true);
  }
  std::string Time(int64_t seconds_from_now) const {
    return formats::FormatTime(now_ + seconds_from_now);
  }
};

TEST_F(PreparationCallTest, ASchemeThatAsksForACallRefusesSubmissionUntilItIsHeld) {
  Certifiable c = MakeCertifiable();
  PublishSchemeAskingForACall(c.admin);
  // The application can be started and made ready; submitting it is refused.
  const std::string app = SignedOffApplication(c);
  Response refused = Post("/applications/" + app + "/submit", c.lead);
  ASSERT_EQ(refused.status, 409) << refused.body;
  std::set<std::string> fields;
  const json refusal = Body(refused);
  for (const json& f : refusal["error"]["fields"]) fields.insert(f["field"]);
  EXPECT_EQ(fields, std::set<std::string>{"eligibility.preparation_call_not_held"}) << refused.body;
  const json eligibility =
      Body(Call(Method::kGet, "/api/v1/applications/" + app + "/eligibility", "", &c.lead));
  EXPECT_NE(eligibility.dump().find("preparation call"), std::string::npos) << eligibility;

  // The Assurance Manager offers times; nobody else does, and a bad time is refused.
  const json bad = {{"starts_at", Time(-60)}, {"minutes", 5}, {"scheme_id", "svmc"}};
  Response refused_time = Call(Method::kPost, "/api/v1/preparation-calls", bad.dump(), &c.admin);
  ASSERT_EQ(refused_time.status, 400) << refused_time.body;
  EXPECT_EQ(Body(refused_time)["error"]["fields"].size(), 2U);
  // In two minutes' time (the test's clock moves past it below; a longer
  // wait would end everyone's session).
  const json offer = {{"starts_at", Time(120)}, {"minutes", 30}, {"scheme_id", "svmc"}};
  EXPECT_EQ(Call(Method::kPost, "/api/v1/preparation-calls", offer.dump(), &c.lead).status, 403);
  Response offered = Call(Method::kPost, "/api/v1/preparation-calls", offer.dump(), &c.admin);
  ASSERT_EQ(offered.status, 201) << offered.body;
  const std::string slot = Body(offered)["id"];
  json later = offer;
  later["starts_at"] = Time(3 * 86400);
  const std::string other =
      Body(Call(Method::kPost, "/api/v1/preparation-calls", later.dump(), &c.admin))["id"];

  // The organisation sees the times; its Lead books one, not a member, not a stranger.
  const std::string calls = "/api/v1/organisations/" + c.org + "/preparation-calls";
  json seen = Body(Call(Method::kGet, calls, "", &c.member));
  EXPECT_EQ(seen["open"].size(), 2U);
  EXPECT_FALSE(seen["may_book"]);
  EXPECT_EQ(seen["schemes_requiring"], json::array({"Social Value Management Certificate"}));
  EXPECT_EQ(Call(Method::kPost, calls + "/" + slot + "/book", "", &c.member).status, 403);
  Session stranger = SignUp("stranger@example.org");
  EXPECT_EQ(Call(Method::kPost, calls + "/" + slot + "/book", "", &stranger).status, 404);
  Response booked = Call(Method::kPost, calls + "/" + slot + "/book", "", &c.lead);
  ASSERT_EQ(booked.status, 200) << booked.body;
  EXPECT_EQ(Body(booked)["state"], "booked");
  // One call booked per scheme at a time; the time is no longer offered.
  EXPECT_EQ(Call(Method::kPost, calls + "/" + other + "/book", "", &c.senior).status, 409);
  seen = Body(Call(Method::kGet, calls, "", &c.lead));
  EXPECT_EQ(seen["open"].size(), 1U);
  ASSERT_EQ(seen["booked"].size(), 1U);
  EXPECT_TRUE(seen["may_book"]);
  EXPECT_EQ(Call(Method::kDelete, "/api/v1/preparation-calls/" + slot, "", &c.admin).status, 409);

  // Not held before it has begun; once begun, not cancelled but recorded.
  EXPECT_EQ(Post("/preparation-calls/" + slot + "/held", c.admin).status, 409);
  now_ += 180;
  EXPECT_EQ(Call(Method::kPost, calls + "/" + slot + "/cancel", "", &c.lead).status, 409);
  EXPECT_EQ(Post("/preparation-calls/" + slot + "/held", c.lead).status, 403);
  Response held = Post("/preparation-calls/" + slot + "/held", c.admin);
  ASSERT_EQ(held.status, 200) << held.body;
  EXPECT_EQ(Body(held)["state"], "held");
  EXPECT_EQ(Post("/preparation-calls/" + slot + "/held", c.admin).status, 409);

  // Now the application goes in.
  Response submitted = Post("/applications/" + app + "/submit", c.lead);
  EXPECT_EQ(submitted.status, 200) << submitted.body;
  // The other time can still be withdrawn, nobody having booked it.
  EXPECT_EQ(Call(Method::kDelete, "/api/v1/preparation-calls/" + other, "", &c.admin).status, 204);
  const json calendar = Body(Call(Method::kGet, "/api/v1/preparation-calls", "", &c.admin));
  ASSERT_EQ(calendar["items"].size(), 1U);
  EXPECT_EQ(calendar["items"][0]["organisation_name"], "Riverside");
  EXPECT_GE(AuditEntries(), 5);
}

TEST_F(PreparationCallTest, ABookingIsCancelledBeforeTheCallAndTheTimeIsOfferedAgain) {
  Certifiable c = MakeCertifiable();
  const json offer = {
      {"starts_at", formats::FormatTime(now_ + 86400)}, {"minutes", 45}, {"scheme_id", "svqm"}};
  const std::string slot =
      Body(Call(Method::kPost, "/api/v1/preparation-calls", offer.dump(), &c.admin))["id"];
  const std::string calls = "/api/v1/organisations/" + c.org + "/preparation-calls";
  ASSERT_EQ(Call(Method::kPost, calls + "/" + slot + "/book", "", &c.senior).status, 200);
  Response cancelled = Call(Method::kPost, calls + "/" + slot + "/cancel", "", &c.lead);
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(Body(cancelled)["state"], "open");
  EXPECT_EQ(Body(Call(Method::kGet, calls, "", &c.lead))["open"].size(), 1U);
  // A scheme that does not ask for a call takes a submission without one.
  const std::string app = SignedOffApplication(c);
  EXPECT_EQ(Post("/applications/" + app + "/submit", c.lead).status, 200);
}

}  // namespace
}  // namespace valuemark::http
