#include "app/signing.h"

#include <sodium.h>

#include <limits>
#include <vector>

#include "app/crypto.h"
#include "core/calendar.h"

namespace valuemark::app {
namespace {

std::string ToBase64(const unsigned char* data, size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

// Exactly `size` bytes decoded, or nothing.
std::optional<std::vector<unsigned char>> FromBase64(const std::string& text, size_t size) {
  std::vector<unsigned char> out(size + 3);
  size_t length = 0;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length != size)
    return std::nullopt;
  out.resize(size);
  return out;
}

}  // namespace

Result<SigningKey> NewSigningKey(UnixTime now) {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  if (crypto_sign_keypair(pk, sk) != 0)
    return Fail(Error::Make(ErrorCode::kInternal, "could not make a signing key"));
  SigningKey key;
  key.public_key = ToBase64(pk, sizeof pk);
  key.secret_key = ToBase64(sk, sizeof sk);
  sodium_memzero(sk, sizeof sk);
  key.id = KeyIdOf(key.public_key);
  key.created_at = now;
  return key;
}

std::string KeyIdOf(const std::string& public_key) {
  auto raw = FromBase64(public_key, crypto_sign_PUBLICKEYBYTES);
  if (!raw) return "";
  return Sha256Hex(std::string_view(reinterpret_cast<const char*>(raw->data()), raw->size()))
      .substr(0, 16);
}

Result<std::string> SignMessage(const SigningKey& key, std::string_view message) {
  auto sk = FromBase64(key.secret_key, crypto_sign_SECRETKEYBYTES);
  if (!sk) return Fail(Error::Make(ErrorCode::kInternal, "the stored signing key is unreadable"));
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), sk->data());
  sodium_memzero(sk->data(), sk->size());
  return ToBase64(sig, sizeof sig);
}

bool VerifyMessage(const std::string& public_key, std::string_view message,
                   const std::string& signature) {
  auto pk = FromBase64(public_key, crypto_sign_PUBLICKEYBYTES);
  auto sig = FromBase64(signature, crypto_sign_BYTES);
  if (!pk || !sig) return false;
  return crypto_sign_verify_detached(sig->data(),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), pk->data()) == 0;
}

Result<std::string> SignRevocationList(const formats::RevocationList& list, const SigningKey& key) {
  auto value = TRY(SignMessage(key, formats::CanonicalRevocationList(list)));
  return formats::SignedRevocationListDocument(list, {"Ed25519", key.id, key.public_key, value});
}

Result<std::string> SignCertificate(const Certificate& certificate, const SigningKey& key) {
  auto value = TRY(SignMessage(key, formats::CanonicalCertificate(certificate)));
  return formats::SignedCertificateDocument(certificate,
                                            {"Ed25519", key.id, key.public_key, value});
}

std::vector<formats::PublishedKey> PublishedKeysOf(const std::vector<SigningKey>& keys) {
  std::vector<formats::PublishedKey> out;
  out.reserve(keys.size());
  for (const SigningKey& k : keys) out.push_back({k.id, k.public_key, k.created_at, k.retired_at});
  return out;
}

const formats::PublishedKey* FindTrustedKey(std::span<const formats::PublishedKey> trusted,
                                            const std::string& key_id) {
  for (const formats::PublishedKey& k : trusted)
    if (k.key_id == key_id) return &k;
  return nullptr;
}

namespace {

// Whether `signature` over `signed_bytes` is by one of the trusted keys, not
// retired before `signed_on`; `reason` says why not, or which key vouched.
bool CheckSignature(const formats::CertificateSignature& signature, std::string_view signed_bytes,
                    std::span<const formats::PublishedKey> trusted, Days signed_on,
                    const std::string& what, std::string& reason) {
  const std::string& key_id = signature.key_id;
  if (signature.algorithm != "Ed25519") {
    reason = "unknown signature algorithm \"" + signature.algorithm + "\"";
    return false;
  }
  // The document's own key only says which trusted key to try.
  const formats::PublishedKey* key = FindTrustedKey(trusted, key_id);
  if (key == nullptr) {
    reason =
        trusted.empty()
            ? "not signed by a trusted key: no keys are trusted (give the certifying body's "
              "published "
              "keys with --trust FILE, --key FILE or --keys-url URL)"
            : "not signed by a trusted key: its key id " + key_id +
                  " is not one of the trusted keys (forged, or signed by another platform's key)";
    return false;
  }
  if (KeyIdOf(key->public_key) != key->key_id) {
    reason =
        "the trusted key " + key->key_id + " does not match its own key id: fix the trust file";
    return false;
  }
  if (signature.public_key != key->public_key) {
    reason = "not signed by a trusted key: the document names key id " + key_id +
             " but carries another public key (forged)";
    return false;
  }
  if (!VerifyMessage(key->public_key, signed_bytes, signature.value)) {
    reason = "the signature does not match the document: it was altered or forged";
    return false;
  }
  if (key->retired_at && signed_on > DayOf(*key->retired_at)) {
    reason = "signed by key " + key_id + ", which was retired on " +
             FormatDay(DayOf(*key->retired_at)) + ", for " + what + " (after its retirement)";
    return false;
  }
  reason = "signed by the trusted key " + key_id +
           (key->retired_at ? " (retired on " + FormatDay(DayOf(*key->retired_at)) +
                                  "; what it signed before stays valid)"
                            : "");
  return true;
}

// A document edited out of canonical form is a failed check, not bad input:
// true, with the reason, for that parse error.
bool EditedOutOfForm(const Error& e, std::string& reason) {
  if (e.fields.empty() || e.fields.front().message.find("canonical") == std::string::npos)
    return false;
  reason = e.fields.front().message;
  return true;
}

}  // namespace

Result<CertificateCheck> CheckCertificateDocument(std::string_view text,
                                                  std::span<const formats::PublishedKey> trusted) {
  CertificateCheck check;
  auto parsed = formats::ParseSignedCertificate(text);
  if (!parsed) {
    if (!EditedOutOfForm(parsed.error(), check.reason)) return Fail(parsed.error());
    return check;
  }
  check.certificate = parsed->certificate;
  check.key_id = parsed->signature.key_id;
  auto awarded = ParseDate(check.certificate.awarded_on);
  const Days signed_on = awarded ? DaysFromCivil(*awarded) : std::numeric_limits<Days>::max();
  check.valid = CheckSignature(parsed->signature, parsed->signed_bytes, trusted, signed_on,
                               "an award dated " + check.certificate.awarded_on, check.reason);
  return check;
}

std::string NewVerificationCode() {
  unsigned char random[12];
  randombytes_buf(random, sizeof random);
  return FormatVerificationCode(random);
}

Result<RevocationListCheck> CheckRevocationList(std::string_view text,
                                                std::span<const formats::PublishedKey> trusted) {
  RevocationListCheck check;
  auto parsed = formats::ParseSignedRevocationList(text);
  if (!parsed) {
    if (!EditedOutOfForm(parsed.error(), check.reason)) return Fail(parsed.error());
    return check;
  }
  check.list = parsed->list;
  check.valid = CheckSignature(parsed->signature, parsed->signed_bytes, trusted,
                               DayOf(parsed->list.issued_at), "a list issued later", check.reason);
  return check;
}

}  // namespace valuemark::app
