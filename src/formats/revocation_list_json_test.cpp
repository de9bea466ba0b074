// The signed revocation list: canonical form, read back exactly, and any
// edit outside that form refused.
#include "formats/revocation_list_json.h"

#include <gtest/gtest.h>

namespace valuemark::formats {
namespace {

RevocationList Sample() {
  RevocationList list;
  list.issuer = "ValueMark certifying body, https://vm.example";
  list.issued_at = 1764892800;  // 2025-12-05T00:00:00Z
  list.entries.push_back(
      {"c-1", "VM-AAAA-BBBB-CCCC", "suspended", "Complaint \"under\" review", "2025-12-04"});
  list.entries.push_back({"c-2", "VM-DDDD-EEEE-FFFF", "revoked", "False pledges", "2025-11-30"});
  return list;
}

TEST(RevocationListJson, IsCanonicalAndReadsBackExactly) {
  const CertificateSignature sig{"Ed25519", "k1", "cHVi", "c2ln"};
  const std::string doc = SignedRevocationListDocument(Sample(), sig);
  EXPECT_EQ(doc.substr(0, 44), R"({"list":{"entries":[{"certificate_id":"c-1",)");
  EXPECT_NE(doc.find(R"("issued_at":"2025-12-05T00:00:00Z","issuer":)"), std::string::npos);
  auto parsed = ParseSignedRevocationList(doc + "\n");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->list.issued_at, 1764892800);
  ASSERT_EQ(parsed->list.entries.size(), 2u);
  EXPECT_EQ(parsed->list.entries[0].reason, "Complaint \"under\" review");
  EXPECT_EQ(parsed->list.entries[1].status, "revoked");
  EXPECT_EQ(parsed->signed_bytes, CanonicalRevocationList(Sample()));
  EXPECT_EQ(parsed->signature.key_id, "k1");
}

TEST(RevocationListJson, AnEditOutOfFormOrAnUnknownStatusIsRefused) {
  const CertificateSignature sig{"Ed25519", "k1", "cHVi", "c2ln"};
  std::string doc = SignedRevocationListDocument(Sample(), sig);
  auto spaced = ParseSignedRevocationList(" " + doc);
  ASSERT_FALSE(spaced.has_value());
  EXPECT_NE(spaced.error().fields.at(0).message.find("canonical"), std::string::npos);
  std::string withdrawn = doc;
  withdrawn.replace(withdrawn.find("\"revoked\""), 9, "\"withdrawn\"");
  auto bad = ParseSignedRevocationList(withdrawn);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().fields.at(0).path, "list.entries[1].status");
  EXPECT_FALSE(ParseSignedRevocationList(R"({"list":{}})").has_value());
}

}  // namespace
}  // namespace valuemark::formats
