// Signed certificate documents (docs/api.md "Certificates") as
// `valuemark verify` and GET /verify check them: canonical form, then the
// Ed25519 signature, with the published key and with none.
//
// The key is fixed (from a constant seed), so that a seed document signed
// with it verifies and the fuzzer starts from a valid certificate:
//   FUZZ_CERTIFICATE_WRITE_SEED=fuzz/corpus/certificate/signed.json
//   build-fuzz/fuzz/fuzz_certificate
// writes that document and exits.
#include <sodium.h>

#include <fstream>

#include "app/crypto.h"
#include "app/signing.h"
#include "formats/certificate_json.h"
#include "formats/key_set_json.h"
#include "fuzz/fuzz_check.h"

using namespace valuemark;

namespace {

app::SigningKey FixedKey() {
  unsigned char seed[crypto_sign_SEEDBYTES];
  for (size_t i = 0; i < sizeof seed; ++i) seed[i] = static_cast<unsigned char>(i * 7 + 1);
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk, sk, seed);
  app::SigningKey key;
  key.public_key = app::Base64(std::string_view(reinterpret_cast<const char*>(pk), sizeof pk));
  key.secret_key = app::Base64(std::string_view(reinterpret_cast<const char*>(sk), sizeof sk));
  key.id = app::KeyIdOf(key.public_key);
  return key;
}

app::SigningKey key;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (!app::InitCrypto()) std::abort();
  key = FixedKey();
  if (const char* out = std::getenv("FUZZ_CERTIFICATE_WRITE_SEED")) {
    Certificate c;
    c.id = "c0ffee00c0ffee00c0ff";
    c.organisation_id = "0123456789abcdef0123";
    c.organisation_name = "Riverside Community Trust \"RCT\" – Leeds";
    c.area = "Leeds";
    c.scope = "Whole organisation";
    c.scheme_id = "svmc";
    c.scheme_name = "Social Value Management Certificate";
    c.scheme_version = 2;
    c.level = 1;
    c.level_name = "Level 1: Commit";
    c.awarded_on = "2026-11-23";
    c.expires_on = "2028-11-23";
    c.issuer = "Social Value International";
    c.verification_code = "VM-ABCD-EFGH-JKLM";
    c.verify_url = "https://vm.example/verify/VM-ABCD-EFGH-JKLM";
    c.application_id = "fedcba9876543210fedc";
    auto doc = app::SignCertificate(c, key);
    if (!doc) std::abort();
    std::ofstream(out) << *doc;
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = fuzz::Text(data, size);
  auto parsed = formats::ParseSignedCertificate(text);
  // With the published key, and with no trusted key at all (a document's own
  // key is never trusted, so nothing may then verify).
  const formats::PublishedKey published{key.id, key.public_key, 0, std::nullopt};
  auto trusted =
      app::CheckCertificateDocument(text, std::span<const formats::PublishedKey>(&published, 1));
  auto own_key = app::CheckCertificateDocument(text, std::span<const formats::PublishedKey>());
  if (own_key) FUZZ_CHECK(!own_key->valid, text);
  // Canonical form means one text per certificate: what parses is written back byte for byte,
  // but for the line ends after the closing brace that the reader ignores (a file saved with
  // one, or with CRLF; certificate_json.h).
  if (parsed) {
    std::string_view body = text;
    while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.remove_suffix(1);
    FUZZ_CHECK(formats::SignedCertificateDocument(parsed->certificate, parsed->signature) == body,
               text);
    FUZZ_CHECK(trusted.has_value() && own_key.has_value(), text);
  }
  if (trusted && trusted->valid) FUZZ_CHECK(parsed.has_value(), text);
  return 0;
}
