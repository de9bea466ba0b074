// The published key set and key rotation: certificates signed before a
// rotation keep verifying against the published set, new ones are signed by
// the new key, and a certificate verifies only against keys the verifier
// trusts, never the one inside it.
#include "app/keys.h"

#include "api_fixture.h"
#include "app/audit/chain.h"
#include "app/signing.h"
#include "formats/key_set_json.h"

namespace valuemark::http {
namespace {

class KeysTest : public ApiTest {
 protected:
  // Awards an SVQM level 1 application of c's organisation; its signed document.
  std::string AwardedCertificate(const Certifiable& c) {
    Response created = Post("/organisations/" + c.org + "/applications", c.lead,
                            {{"scheme_id", "svqm"}, {"level", 1}});
    EXPECT_EQ(created.status, 201) << created.body;
    const std::string id = Body(created)["id"];
    const std::string app = "/applications/" + id;
    EXPECT_EQ(Post(app + "/terms", c.lead).status, 200);
    EvidenceForAll(c.lead, id);
    EXPECT_EQ(Post(app + "/sign-off", c.lead, kSignature).status, 200);
    EXPECT_EQ(Post(app + "/sign-off", c.senior, kSignature).status, 200);
    EXPECT_EQ(Post(app + "/submit", c.lead).status, 200);
    Response awarded = Post(app + "/award", c.admin);
    EXPECT_EQ(awarded.status, 200) << awarded.body;
    const std::string certificate_id = Body(awarded).value("certificate_id", "");
    return Call(Method::kGet, "/api/v1/certificates/" + certificate_id).body;
  }

  std::vector<formats::PublishedKey> KeySet(const Response& r) {
    auto keys = formats::ParseKeySet(r.body);
    EXPECT_TRUE(keys.has_value()) << r.body;
    return keys.value_or(std::vector<formats::PublishedKey>{});
  }
};

TEST_F(KeysTest, RotationKeepsOldCertificatesVerifiableAndSignsNewOnesWithTheNewKey) {
  Certifiable c = MakeCertifiable();
  const std::string before = AwardedCertificate(c);
  const std::string old_key = json::parse(before)["signature"]["key_id"];
  auto rotated = app::RotateSigningKey(*store_, now_);
  ASSERT_TRUE(rotated.has_value());
  EXPECT_NE(rotated->id, old_key);
  EXPECT_TRUE(rotated->secret_key.empty());

  Response keys = Call(Method::kGet, "/api/v1/keys/certificates");  // public
  ASSERT_EQ(keys.status, 200);
  EXPECT_EQ(keys.body.find("secret"), std::string::npos);
  json listed = Body(keys);
  ASSERT_EQ(listed["keys"].size(), 2u);
  EXPECT_EQ(listed["keys"][0]["key_id"], rotated->id);
  EXPECT_EQ(listed["keys"][0]["status"], "current");
  EXPECT_TRUE(listed["keys"][0]["retired_at"].is_null());
  EXPECT_EQ(listed["keys"][1]["key_id"], old_key);
  EXPECT_EQ(listed["keys"][1]["status"], "retired");
  EXPECT_TRUE(listed["keys"][1]["retired_at"].is_string());
  const std::vector<formats::PublishedKey> published = KeySet(keys);

  auto old_check = app::CheckCertificateDocument(before, published);
  ASSERT_TRUE(old_check.has_value());
  EXPECT_TRUE(old_check->valid) << old_check->reason;
  EXPECT_NE(old_check->reason.find("retired"), std::string::npos) << old_check->reason;

  // A second award, after the rotation: the new key signs it.
  const std::string after = AwardedCertificate(c);
  ASSERT_FALSE(after.empty());
  EXPECT_EQ(json::parse(after)["signature"]["key_id"], rotated->id);
  auto new_check = app::CheckCertificateDocument(after, published);
  ASSERT_TRUE(new_check.has_value());
  EXPECT_TRUE(new_check->valid) << new_check->reason;
  // Online verification by code trusts the retired key too.
  const std::string code = json::parse(before)["certificate"]["verification_code"];
  EXPECT_TRUE(Body(Call(Method::kGet, "/api/v1/verify/" + code))["valid"]);
  // And the audit log, signed across the rotation, verifies with the published keys.
  app::AuditVerifyOptions options;
  options.keys = published;
  options.keys_given = true;
  auto audit = app::VerifyAuditLog(*store_, options);
  ASSERT_TRUE(audit.has_value());
  EXPECT_TRUE(audit->valid) << (audit->problems.empty() ? "" : audit->problems.front().problem);
  EXPECT_EQ(audit->checkpoints, audit->entries);
}

TEST_F(KeysTest, OnlyTrustedKeysVouchForACertificate) {
  Certifiable c = MakeCertifiable();
  const std::string genuine = AwardedCertificate(c);
  const std::vector<formats::PublishedKey> published =
      KeySet(Call(Method::kGet, "/api/v1/keys/certificates"));
  // The same certificate, made better and signed by a key of the forger's own,
  // which the document carries.
  auto forger = app::NewSigningKey(0);
  ASSERT_TRUE(forger.has_value());
  auto parsed = formats::ParseSignedCertificate(genuine);
  ASSERT_TRUE(parsed.has_value());
  parsed->certificate.level = 3;
  parsed->certificate.expires_on = "2099-12-31";
  auto forged = app::SignCertificate(parsed->certificate, *forger);
  ASSERT_TRUE(forged.has_value());

  auto check = app::CheckCertificateDocument(*forged, published);
  ASSERT_TRUE(check.has_value());
  EXPECT_FALSE(check->valid);
  EXPECT_NE(check->reason.find("not signed by a trusted key"), std::string::npos) << check->reason;
  auto no_trust = app::CheckCertificateDocument(*forged, {});
  ASSERT_TRUE(no_trust.has_value());
  EXPECT_FALSE(no_trust->valid) << "the key inside a document is never trusted";
  // The forger's key under the genuine key's id: still not the trusted key.
  formats::CertificateSignature borrowed{"Ed25519", published.front().key_id, forger->public_key,
                                         ""};
  borrowed.value = *app::SignMessage(*forger, formats::CanonicalCertificate(parsed->certificate));
  auto disguised = app::CheckCertificateDocument(
      formats::SignedCertificateDocument(parsed->certificate, borrowed), published);
  ASSERT_TRUE(disguised.has_value());
  EXPECT_FALSE(disguised->valid) << disguised->reason;

  auto good = app::CheckCertificateDocument(genuine, published);
  ASSERT_TRUE(good.has_value());
  EXPECT_TRUE(good->valid) << good->reason;
}

TEST_F(KeysTest, AKeyRetiredBeforeTheAwardDateCannotVouchForIt) {
  Certifiable c = MakeCertifiable();
  const std::string genuine = AwardedCertificate(c);
  std::vector<formats::PublishedKey> published =
      KeySet(Call(Method::kGet, "/api/v1/keys/certificates"));
  ASSERT_EQ(published.size(), 1u);
  published[0].retired_at = now_ - 3 * 86400;  // as if retired before this award
  auto check = app::CheckCertificateDocument(genuine, published);
  ASSERT_TRUE(check.has_value());
  EXPECT_FALSE(check->valid);
  EXPECT_NE(check->reason.find("after its retirement"), std::string::npos) << check->reason;
}

}  // namespace
}  // namespace valuemark::http
